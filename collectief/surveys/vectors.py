"""Per-response answer vectors: a derived index that keeps results fast at scale.

The ``Answer`` table is the source of truth. Next to it every ``Response``
keeps ``answer_vector``: one byte per *single-valued closed* question
(statement, yes/no, choose one). The vector is written in the same
transaction as the answers (web submit, paper entry, import, demo) and can
always be rebuilt from the answers (``rebuild_vectors``, the data migration
``0002`` and ``collectief survey rebuild-vectors``).

Positions are stable. ``Survey.vector_layout`` maps question id → byte
position (``slots``) and, per "choose one" question, choice id → code
(``codes``). A new question gets the next free position; moving questions
or sections changes nothing; the position of a deleted question stays
unused. Vectors stored before a question existed are shorter and are read
as "no answer" there.

Byte codes:

* 0: no answer (blank, hidden by skip logic, or the question is newer);
* statement: 1-5; yes/no: 1 = no (value 0), 2 = yes (value 1);
  choose one: the choice's code 1-254;
* 255: "weet ik niet / n.v.t." (an answer row without value or choice).

Reading (``load_matrix``) concatenates the vectors of a survey (or one wave)
inside the database into one byte string, so a million responses arrive as
one value; NumPy then counts with ``bincount``. When any response of the
survey has no vector (data written around the services), ``load_matrix``
returns None and the analysis counts from the ``Answer`` rows instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import numpy as np
from django.db import connection, transaction

LIKERT5 = "likert5"
YES_NO = "yes_no"
SINGLE_CHOICE = "single_choice"
VECTOR_TYPES = frozenset({LIKERT5, YES_NO, SINGLE_CHOICE})
NO_ANSWER = 0
DK_CODE = 255
MAX_CHOICE_CODE = 254
REBUILD_CHUNK = 20_000
Array = np.ndarray[Any, Any]


def _models() -> Any:
    from collectief.surveys.models import Answer, Choice, Question, Response, Survey

    return SimpleNamespace(
        Survey=Survey, Question=Question, Choice=Choice, Response=Response, Answer=Answer
    )


@dataclass
class Layout:
    """Question id → byte position; per "choose one" question, choice id → code."""

    slots: dict[int, int] = field(default_factory=dict)
    codes: dict[int, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Any) -> Layout:
        data = data or {}
        return cls(
            slots={int(k): int(v) for k, v in (data.get("slots") or {}).items()},
            codes={
                int(q): {int(c): int(code) for c, code in codes.items()}
                for q, codes in (data.get("codes") or {}).items()
            },
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "slots": {str(k): v for k, v in self.slots.items()},
            "codes": {
                str(q): {str(c): code for c, code in codes.items()}
                for q, codes in self.codes.items()
            },
        }

    @property
    def width(self) -> int:
        return max(self.slots.values()) + 1 if self.slots else 0

    def extend(
        self, questions: Iterable[tuple[int, str]], choices: Iterable[tuple[int, int]]
    ) -> bool:
        """Give new questions a position and new choices a code; True when anything changed.

        ``questions``: (id, type) in survey order; ``choices``: (choice id,
        question id) of "choose one" questions, in display order.
        """
        changed = False
        for question_id, question_type in questions:
            if question_type in VECTOR_TYPES and question_id not in self.slots:
                self.slots[question_id] = self.width
                changed = True
        for choice_id, question_id in choices:
            if question_id not in self.slots:
                continue
            codes = self.codes.setdefault(question_id, {})
            if choice_id in codes:
                continue
            code = max(codes.values(), default=0) + 1
            if code <= MAX_CHOICE_CODE:  # more choices: that question is counted from rows
                codes[choice_id] = code
                changed = True
        return changed

    def serves(self, question_id: int, question_type: str, choice_ids: Iterable[int]) -> bool:
        """Whether this question's answers can be read from the vectors."""
        if question_type not in VECTOR_TYPES or question_id not in self.slots:
            return False
        if question_type == SINGLE_CHOICE:
            codes = self.codes.get(question_id, {})
            return all(c in codes for c in choice_ids)
        return True

    def code(
        self, question_id: int, question_type: str, value: int | None, choice_id: int | None
    ) -> int:
        """The byte for one answer row (see the module docstring)."""
        if question_type == LIKERT5:
            if value is None:
                return DK_CODE if choice_id is None else NO_ANSWER
            return value if 1 <= value <= 5 else NO_ANSWER
        if question_type == YES_NO:
            if value is None:
                return DK_CODE if choice_id is None else NO_ANSWER
            return value + 1 if value in (0, 1) else NO_ANSWER
        if question_type == SINGLE_CHOICE:
            if choice_id is None:
                return DK_CODE if value is None else NO_ANSWER
            return self.codes.get(question_id, {}).get(choice_id, NO_ANSWER)
        return NO_ANSWER

    def encode(
        self, types: dict[int, str], answers: Iterable[tuple[int, int | None, int | None]]
    ) -> bytes:
        """One response's vector from its answer rows (question id, value, choice id)."""
        vector = bytearray(self.width)
        for question_id, value, choice_id in answers:
            slot = self.slots.get(question_id)
            question_type = types.get(question_id)
            if slot is None or question_type is None:
                continue
            vector[slot] = self.code(question_id, question_type, value, choice_id)
        return bytes(vector)


def _structure(survey: Any, models: Any) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
    questions = list(
        models.Question.objects.filter(survey_id=survey.pk)
        .order_by("section__order", "section_id", "order", "id")
        .values_list("id", "type")
    )
    choices = list(
        models.Choice.objects.filter(question__survey_id=survey.pk, question__type=SINGLE_CHOICE)
        .order_by("question_id", "order", "id")
        .values_list("id", "question_id")
    )
    return questions, choices


def ensure_layout(
    survey: Any,
    *,
    questions: Iterable[tuple[int, str]] | None = None,
    choices: Iterable[tuple[int, int]] | None = None,
    models: Any = None,
) -> Layout:
    """The survey's layout, extended with questions and choices that have no place yet.

    Pass ``questions`` and ``choices`` when they are loaded already; otherwise
    they are read. A change is saved under a row lock on the survey, so two
    submissions that extend the layout at the same moment agree on it.
    """
    models = models or _models()
    if questions is None or choices is None:
        questions, choices = _structure(survey, models)
    questions, choices = list(questions), list(choices)
    layout = Layout.from_json(survey.vector_layout)
    if not layout.extend(questions, choices):
        return layout
    with transaction.atomic():
        current = (
            models.Survey.objects.select_for_update()
            .filter(pk=survey.pk)
            .values_list("vector_layout", flat=True)
            .first()
        )
        layout = Layout.from_json(current)
        layout.extend(questions, choices)
        survey.vector_layout = layout.to_json()
        models.Survey.objects.filter(pk=survey.pk).update(vector_layout=survey.vector_layout)
    return layout


def rebuild_vectors(survey: Any, *, models: Any = None) -> int:
    """Recompute every response's vector of ``survey`` from its answer rows.

    Works in chunks of response ids (the answer table is read through its
    ``response_id`` index) and writes with one UPDATE per response. Returns
    the number of responses. ``models`` lets the data migration pass its
    historical models.
    """
    models = models or _models()
    with transaction.atomic():
        layout = ensure_layout(survey, models=models)
        types = dict(models.Question.objects.filter(survey_id=survey.pk).values_list("id", "type"))
        question_ids = [q for q in layout.slots if types.get(q) in VECTOR_TYPES]
        response_ids = list(
            models.Response.objects.filter(survey_id=survey.pk)
            .order_by("id")
            .values_list("id", flat=True)
        )
        table = connection.ops.quote_name(models.Response._meta.db_table)
        for start in range(0, len(response_ids), REBUILD_CHUNK):
            chunk = response_ids[start : start + REBUILD_CHUNK]
            per_response: dict[int, list[tuple[int, int | None, int | None]]] = {
                response_id: [] for response_id in chunk
            }
            if question_ids:
                rows = models.Answer.objects.filter(
                    response_id__gte=chunk[0],
                    response_id__lte=chunk[-1],
                    question_id__in=question_ids,
                ).values_list("response_id", "question_id", "value", "choice_id")
                for response_id, question_id, value, choice_id in rows.iterator(chunk_size=20_000):
                    answers = per_response.get(response_id)
                    if answers is not None:
                        answers.append((question_id, value, choice_id))
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {table} SET answer_vector = %s WHERE id = %s",  # noqa: S608
                    [
                        (layout.encode(types, answers), response_id)
                        for response_id, answers in per_response.items()
                    ],
                )
    return len(response_ids)


@dataclass
class Matrix:
    """The answer vectors of a survey (or one wave): one column per position."""

    layout: Layout
    n: int
    columns: Array  # shape (width, n)

    def column(self, question_id: int) -> Array:
        return self.columns[self.layout.slots[question_id]]

    def counts(self, question_id: int) -> Array:
        """How many responses have each byte code (length 256) for one question."""
        return np.bincount(self.column(question_id), minlength=256)

    def group_keys(self, by_question_id: int) -> Array:
        """The codes of the breakdown question, shifted to the high byte."""
        return self.column(by_question_id).astype(np.uint16) << 8

    def joint_counts(self, group_keys: Array, question_id: int) -> Array:
        """Counts per (code of the breakdown question, code of this one): 256 × 256."""
        combined = group_keys | self.column(question_id)
        return np.bincount(combined, minlength=65536).reshape(256, 256)


def load_matrix(survey: Any, wave: Any = None) -> tuple[int, Matrix | None]:
    """(number of responses, their vectors), or (n, None) when some vector is missing."""
    from collectief.surveys.models import Response, Survey

    layout = Layout.from_json(
        Survey.objects.filter(pk=survey.pk).values_list("vector_layout", flat=True).first()
    )
    width = layout.width
    table = connection.ops.quote_name(Response._meta.db_table)
    where = "survey_id = %s"
    params: list[Any] = [survey.pk]
    if wave is not None:
        where += " AND wave_id = %s"
        params.append(wave.pk)
    padding = bytes(width)
    if width == 0:
        sql = f"SELECT COUNT(*), COUNT(answer_vector), NULL FROM {table} WHERE {where}"  # noqa: S608
        prefix: list[Any] = []
    elif connection.vendor == "postgresql":
        # Pad short vectors (stored before a question was added) inside the database.
        sql = (
            "SELECT COUNT(*), COUNT(answer_vector), "  # noqa: S608
            "string_agg(substring(answer_vector || %s FROM 1 FOR %s), ''::bytea) "
            f"FROM {table} WHERE {where}"
        )
        prefix = [padding, width]
    elif connection.vendor == "sqlite":
        sql = (
            "SELECT COUNT(*), COUNT(answer_vector), "  # noqa: S608
            "CAST(group_concat(substr(CAST(answer_vector || %s AS BLOB), 1, %s), x'') AS BLOB) "
            f"FROM {table} WHERE {where}"
        )
        prefix = [padding, width]
    else:  # pragma: no cover - other databases: pad in Python
        sql = f"SELECT answer_vector FROM {table} WHERE {where}"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            vectors = [row[0] for row in cursor.fetchall()]
        if any(v is None for v in vectors):
            return len(vectors), None
        data = b"".join((bytes(v) + padding)[:width] for v in vectors)
        return len(vectors), _matrix(layout, len(vectors), data, width)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*prefix, *params])
        total, with_vector, data = cursor.fetchone()
    if with_vector != total:
        return int(total), None
    return int(total), _matrix(layout, int(total), bytes(data or b""), width)


def _matrix(layout: Layout, n: int, data: bytes, width: int) -> Matrix:
    if width == 0 or n == 0:
        return Matrix(layout, n, np.zeros((width, n), dtype=np.uint8))
    rows = np.frombuffer(data, dtype=np.uint8)
    if rows.size != n * width:  # pragma: no cover - guarded by the padding above
        raise ValueError("answer vectors have an unexpected length")
    return Matrix(layout, n, np.ascontiguousarray(rows.reshape(n, width).T))
