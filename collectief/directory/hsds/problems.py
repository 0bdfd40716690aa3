"""What an HSDS import reports: problems with their place, and the result.

:class:`Problem` names where something is wrong (a JSON path such as
``services[3].schedules[0].freq``, or a CSV file, row and column) in Dutch;
:class:`ImportResult` says what an import did or why it did nothing.
:func:`_schema_problem` turns a JSON Schema error into a Dutch message, and
an import stops after :data:`MAX_PROBLEMS` problems.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from jsonschema.exceptions import ValidationError as SchemaError

MAX_PROBLEMS = 1000


@dataclass
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class ImportResult:
    """What an import did, or why it did nothing (``problems``)."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    needs_placement: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def total(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    @property
    def services(self) -> int:
        return self.created.get("service", 0) + self.updated.get("service", 0)

    def summary(self) -> str:
        if self.problems:
            return ngettext(
                "Nothing was imported: %(count)d problem found.",
                "Nothing was imported: %(count)d problems found.",
                len(self.problems),
            ) % {"count": len(self.problems)}
        return _(
            "Imported. Records: %(total)d; new: %(created)d; updated: %(updated)d; "
            "services among them: %(services)d."
        ) % {
            "total": self.total,
            "created": sum(self.created.values()),
            "updated": sum(self.updated.values()),
            "services": self.services,
        }


class _TooManyProblemsError(Exception):
    pass


def _path(prefix: str, parts: Iterable[Any]) -> str:
    text = prefix
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


_TYPE_NAMES = {
    "string": "tekst",
    "number": "getal",
    "integer": "geheel getal",
    "array": "lijst",
    "object": "object",
    "boolean": "ja/nee",
}


def _schema_problem(prefix: str, error: SchemaError) -> Problem:
    """A Dutch message for one JSON Schema error."""
    parts = list(error.absolute_path)
    value = error.instance
    if error.validator == "required":
        missing = [r for r in error.validator_value if r not in (value or {})]
        name = missing[0] if missing else ""
        return Problem(_path(prefix, [*parts, name]), _("This required field is missing."))
    if error.validator == "enum":
        return Problem(
            _path(prefix, parts),
            _("“%(value)s” is not allowed here. Choose one of: %(choices)s.")
            % {"value": value, "choices": ", ".join(map(str, error.validator_value))},
        )
    if error.validator == "type":
        wanted = error.validator_value
        wanted = wanted if isinstance(wanted, list) else [wanted]
        return Problem(
            _path(prefix, parts),
            _("Expected %(type)s here.")
            % {"type": " / ".join(_TYPE_NAMES.get(str(w), str(w)) for w in wanted)},
        )
    if error.validator == "format":
        return Problem(
            _path(prefix, parts),
            _("“%(value)s” is not a valid %(format)s.")
            % {"value": value, "format": error.validator_value},
        )
    return Problem(_path(prefix, parts), error.message)


def _as_tuple(problem: Problem) -> tuple[str, str]:
    return problem.where, problem.message
