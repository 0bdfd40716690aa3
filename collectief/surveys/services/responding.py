"""Storing responses: skip logic, validation and exactly-once submission."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.audit.services import record_event
from collectief.lib.errors import ServiceError
from collectief.ratelimits.services import (
    RateLimit,
    RateLimitExceededError,
    check_limit,
    hit_within_limit_sql,
)
from collectief.surveys.compiled import CompiledSurvey, compile_structure
from collectief.surveys.models import (
    DONT_KNOW_KEY,
    Answer,
    Choice,
    Question,
    Response,
    Survey,
    Wave,
)
from collectief.surveys.vectors import ensure_layout

TEXT_MAX: dict[str, int] = {Question.Type.SHORT_TEXT: 300, Question.Type.LONG_TEXT: 5000}


def closed_reason(survey: Survey, *, now: Any = None) -> str | None:
    """Why respondents cannot answer now ("draft", "closed", "date", "full"), or None."""
    now = now or timezone.now()
    if survey.status == Survey.Status.DRAFT:
        return "draft"
    if survey.status == Survey.Status.CLOSED:
        return "closed"
    if survey.closes_at and survey.closes_at <= now:
        return "date"
    if survey.max_responses and survey.responses.count() >= survey.max_responses:
        return "full"
    return None


# --------------------------------------------------------------------------- answers


def is_visible(
    question: Question, state: Mapping[int, list[str]], by_id: Mapping[int, Question]
) -> bool:
    """Whether skip logic shows ``question`` given the answers so far (keys per question id)."""
    seen: set[int] = set()
    current = question
    while current.show_if_question_id:
        if current.pk in seen:  # a cycle cannot be built, but never loop
            return False
        seen.add(current.pk)
        answers = state.get(current.show_if_question_id, [])
        if not set(answers) & set(current.show_if_values):
            return False
        controller = by_id.get(current.show_if_question_id)
        if controller is None:
            return False
        current = controller
    return True


def clean_answer(question: Question, raw: list[str]) -> list[str]:
    """Validate the raw answer keys of one question; return the keys to keep.

    Raises ServiceError (field = "q<id>") with a Dutch message.
    """
    field_name = f"q{question.pk}"
    values = [v.strip() for v in raw if v is not None and str(v).strip() != ""]
    if not values:
        if question.required:
            raise ServiceError(_("Please answer this question."), field=field_name)
        return []
    if question.type != Question.Type.MULTIPLE_CHOICE and len(values) > 1:
        raise ServiceError(_("Give one answer."), field=field_name)
    if question.is_closed:
        valid = question.answer_keys()
        if any(v not in valid for v in values):
            raise ServiceError(_("Choose one of the answers."), field=field_name)
        return list(dict.fromkeys(values))
    if question.type == Question.Type.NUMBER:
        try:
            number = int(values[0])
        except ValueError as exc:
            raise ServiceError(_("Fill in a whole number."), field=field_name) from exc
        if question.min_value is not None and number < question.min_value:
            raise ServiceError(
                _("Fill in a number of at least %(min)s.") % {"min": question.min_value},
                field=field_name,
            )
        if question.max_value is not None and number > question.max_value:
            raise ServiceError(
                _("Fill in a number of at most %(max)s.") % {"max": question.max_value},
                field=field_name,
            )
        if abs(number) > 2_000_000_000:
            raise ServiceError(_("This number is too large."), field=field_name)
        return [str(number)]
    limit = TEXT_MAX.get(question.type, 300)
    if len(values[0]) > limit:
        raise ServiceError(_("Use at most %(n)s characters.") % {"n": limit}, field=field_name)
    return [values[0]]


def _answer_rows(
    question: Question, keys: list[str], choices: Mapping[tuple[int, str], Choice]
) -> list[Answer]:
    if not keys:
        return []
    if question.type == Question.Type.LIKERT5:
        if keys[0] == DONT_KNOW_KEY:
            return [Answer(question=question, dont_know=True)]
        return [Answer(question=question, value=int(keys[0]))]
    if question.type in (Question.Type.YES_NO, Question.Type.NUMBER):
        return [Answer(question=question, value=int(keys[0]))]
    if question.is_choice:
        return [Answer(question=question, choice=choices[(question.pk, key)]) for key in keys]
    return [Answer(question=question, text=keys[0])]


class SubmissionError(ServiceError):
    """Answers did not validate; ``errors`` maps field names to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(_("Some answers need fixing."))
        self.errors = errors


def _stored_response(survey: Survey, key: str) -> Response | None:
    return Response.objects.filter(survey=survey, idempotency_key=key).first()


def submit_response(
    survey: Survey,
    answers: Mapping[int, list[str]],
    *,
    idempotency_key: str,
    source: str = Response.Source.WEB,
    by: Any = None,
    wave: Wave | None = None,
    submitted_at: Any = None,
    check_open: bool = True,
    structure: CompiledSurvey | None = None,
    rate_limit: RateLimit | None = None,
) -> tuple[Response, bool]:
    """Store one complete response exactly once; return (response, created).

    ``answers`` maps question id to answer keys (see the models docstring).
    Answers to unknown question ids are refused; answers to questions that
    skip logic hides are dropped; every question is validated. A second call
    with the same ``idempotency_key`` returns the stored response and stores
    nothing. The response and its answer vector (see ``vectors.py``) are
    committed together when this function returns.

    ``structure`` is the survey's compiled structure when the caller has it
    (the respondent page); otherwise it is read now. With ``rate_limit`` the
    hit is counted in the same transaction as the response, so a submission
    is one short write; over the limit, RateLimitExceededError is raised and nothing is
    stored or counted. A repeated submission code is never counted.
    """
    key = (idempotency_key or "").strip()
    if not key or len(key) > 64:
        raise ServiceError(_("This form has no valid submission code. Start again."))
    now = timezone.now()
    if structure is None:
        # Callers outside the respondent page may hold a survey instance read
        # before its questions were added, so read the structure afresh.
        structure = compile_structure(survey)
    questions = structure.questions
    by_id = structure.by_id
    choices = structure.choices
    unknown = [qid for qid in answers if qid not in by_id]
    if unknown:
        if stored := _stored_response(survey, key):
            return stored, False
        raise ServiceError(_("These answers do not belong to this survey. Nothing was saved."))
    cleaned: dict[int, list[str]] = {}
    errors: dict[str, str] = {}
    for question in questions:
        if not is_visible(question, cleaned, by_id):
            continue
        try:
            cleaned[question.pk] = clean_answer(question, list(answers.get(question.pk, [])))
        except ServiceError as error:
            errors[error.field or f"q{question.pk}"] = error.message
    if errors:
        if stored := _stored_response(survey, key):
            return stored, False
        raise SubmissionError(errors)
    rows = [
        row
        for question in questions
        if question.pk in cleaned
        for row in _answer_rows(question, cleaned[question.pk], choices)
    ]
    # Everything that needs no lock is prepared first, so the write transaction
    # (which on SQLite holds the one write lock) is only the rate-limit count
    # and two inserts. The layout is stored beforehand when the survey gained
    # questions; a failed submission then leaves an unused slot, nothing more.
    layout = ensure_layout(
        survey,
        questions=[(q.pk, q.type) for q in questions],
        choices=structure.layout_choices(),
    )
    response = Response(
        survey=survey,
        wave_id=wave.pk if wave is not None else structure.current_wave_id(now),
        source=source,
        idempotency_key=key,
        submitted_at=submitted_at or now,
        answer_vector=layout.encode(
            structure.question_types,
            ((row.question_id, row.value, row.choice_id) for row in rows),
        ),
    )
    if _can_store_in_one_statement(survey, source, check_open, rate_limit):
        return _store_in_one_statement(survey, response, rows, key, rate_limit)
    try:
        with transaction.atomic():
            if rate_limit is not None:
                check_limit(rate_limit)
            if check_open:
                if survey.max_responses:
                    # Serialise submissions to a survey with a maximum (PostgreSQL).
                    Survey.objects.select_for_update().filter(pk=survey.pk).first()
                reason = closed_reason(survey)
                if reason:
                    raise ServiceError(_("This survey is closed."), field="__closed__")
            response.save(force_insert=True)
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
            if source != Response.Source.WEB:
                record_event(
                    f"survey.response.{source}",
                    response,
                    by=by,
                    organisation_id=survey.organisation_id,
                )
    except (IntegrityError, ServiceError):
        # A submission code that is already stored (sent twice, or twice at the same
        # moment) returns the stored response, also when the survey has closed or the
        # limit is reached since. Looking it up only when the write failed saves a query
        # on every new response; the rollback also undid the rate-limit count.
        if stored := _stored_response(survey, key):
            return stored, False
        raise
    return response, True


def _can_store_in_one_statement(
    survey: Survey, source: str, check_open: bool, rate_limit: RateLimit | None
) -> bool:
    """Whether a submission can take the one-statement path (PostgreSQL, a plain web answer).

    A survey with a maximum serialises its submissions with a row lock, and
    other sources write an audit event: those take the transaction above.
    """
    return (
        connection.vendor == "postgresql"
        and source == Response.Source.WEB
        and check_open
        and not survey.max_responses
        and (rate_limit is None or rate_limit.per_hour >= 1)
    )


_RESPONSE_FIELDS = (
    "survey",
    "wave",
    "submitted_at",
    "source",
    "idempotency_key",
    "answer_vector",
)


def _concrete(field: Any) -> models.Field:
    assert isinstance(field, models.Field)
    return field


_ANSWER_COLUMNS = "question_id, value, choice_id, text, dont_know"


def _store_in_one_statement(
    survey: Survey,
    response: Response,
    rows: list[Answer],
    key: str,
    rate_limit: RateLimit | None,
) -> tuple[Response, bool]:
    """Count the hit, insert the response and its answers in one PostgreSQL statement.

    On PostgreSQL every statement costs a round trip and a transaction two
    more (BEGIN, COMMIT), so the rate-limit count and the two inserts become
    one statement with data-modifying ``WITH`` clauses: outside a transaction
    it commits on its own, all or nothing, in one round trip. Over the limit
    the count is not raised and nothing is inserted. A repeated submission
    code violates the unique constraint, so the statement stores and counts
    nothing and the stored response is returned, as in the transaction path.
    """
    quote = connection.ops.quote_name
    response_table = quote(Response._meta.db_table)
    answer_table = quote(Answer._meta.db_table)
    params: list[Any] = []
    clauses = []
    source = ""
    if rate_limit is not None:
        hit_sql, hit_params = hit_within_limit_sql(rate_limit)
        clauses.append(f"hit AS ({hit_sql})")
        params += hit_params
        source = " FROM hit"
    # Each value passes its field's own pre_save, as in save(): the time of a
    # submission is stored to the hour only (HourDateTimeField, DESIGN §4).
    fields = [_concrete(Response._meta.get_field(name)) for name in _RESPONSE_FIELDS]
    columns = ", ".join(quote(str(field.column)) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    clauses.append(
        f"new_response AS (INSERT INTO {response_table} ({columns}) "
        f"SELECT {placeholders}{source} RETURNING id)"
    )
    params += [
        field.get_db_prep_save(field.pre_save(response, add=True), connection) for field in fields
    ]
    clauses.append(
        f"new_answers AS (INSERT INTO {answer_table} (response_id, {_ANSWER_COLUMNS}) "  # noqa: S608
        f"SELECT new_response.id, {_ANSWER_COLUMNS} FROM new_response, "
        "UNNEST(%s::bigint[], %s::integer[], %s::bigint[], %s::text[], %s::boolean[]) "
        f"AS answer({_ANSWER_COLUMNS}))"
    )
    params += [
        [row.question_id for row in rows],
        [row.value for row in rows],
        [row.choice_id for row in rows],
        [row.text for row in rows],
        [row.dont_know for row in rows],
    ]
    sql = "WITH " + ", ".join(clauses) + " SELECT id FROM new_response"  # noqa: S608 - our tables
    # In autocommit the statement is its own transaction; inside a caller's
    # transaction (tests, imports) a savepoint keeps a failed insert from
    # spoiling the caller's work.
    block = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    try:
        if closed_reason(survey):
            raise ServiceError(_("This survey is closed."), field="__closed__")
        with block, connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchone()
        if found is None:
            raise RateLimitExceededError
    except (IntegrityError, ServiceError):
        # As in the transaction path: a submission code that is already stored
        # returns the stored response, also when the survey has closed or the
        # limit is reached since.
        if stored := _stored_response(survey, key):
            return stored, False
        raise
    response.pk = found[0]
    response._state.adding = False
    response._state.db = connection.alias
    return response, True
