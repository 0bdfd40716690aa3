"""The JSON document of a valuation: read it (all problems at once) and write it.

The shape is issue 15 point 6::

    {"discount_rate": 0.0225,
     "inputs": [{"label", "amount", "kind": "money" | "in_kind" | "volunteer_hours",
                 "hours": optional, "hourly_value": optional}],
     "outcomes": [{"label", "stakeholder", "quantity", "proxy", "proxy_source", "duration",
                   "deadweight", "displacement", "attribution", "dropoff",
                   "grade": "groen" | "oranje" | "rood"}]}

Optional keys round-trip what the pages show: ``title``, ``period``, ``note``,
``is_illustration`` and ``volunteer_rates`` at the top; ``source`` on an input;
``indicator``, ``quantity_source`` and ``deflators_source`` on an outcome. The
export adds ``results``, which the import ignores. Every value goes through
``rules.py``, the same checks as the pages; a problem names its place as a JSON
path (``outcomes[2].deadweight``). JSON keys and codes never change with the
language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from collectief.valuation import rules
from collectief.valuation.models import Grade, InputKind

TOP_KEYS = {
    "discount_rate",
    "inputs",
    "outcomes",
    "title",
    "period",
    "note",
    "is_illustration",
    "volunteer_rates",
    "results",
}
INPUT_KEYS = {"label", "amount", "kind", "hours", "hourly_value", "source"}
OUTCOME_KEYS = {
    "label",
    "stakeholder",
    "indicator",
    "quantity",
    "quantity_source",
    "proxy",
    "proxy_source",
    "duration",
    "deadweight",
    "displacement",
    "attribution",
    "dropoff",
    "deflators_source",
    "grade",
}
RATE_KINDS = ("replacement", "opportunity", "market")
RATE_KEYS = {"rate", "source", "year"}
MAX_ITEMS = 500


class ValuationImportError(Exception):
    """The document was refused; ``problems`` are Dutch lines ``path: message``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Document:
    """A checked document: plain values the services store as they are."""

    discount_rate: Decimal
    title: str = ""
    period: str = ""
    note: str = ""
    is_illustration: bool = False
    rates: dict[str, dict[str, Any]] = field(default_factory=dict)
    inputs: list[dict[str, Any]] = field(default_factory=list)
    outcomes: list[dict[str, Any]] = field(default_factory=list)


class _Reader:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}" if path else message)

    def run(self, path: str, rule: Any, value: Any, **kwargs: Any) -> Any:
        try:
            return rule(value, **kwargs)
        except ValidationError as error:
            self.problem(path, " ".join(error.messages))
            return None

    def number(self, path: str, rule: Any, value: Any, *, required: bool = True) -> Any:
        if value is None:
            if required:
                self.problem(path, _("This field is required."))
            return None
        number = self.run(path, rules.as_decimal, value)
        if number is None:
            return None
        return self.run(path, rule, number)

    def object(self, path: str, value: Any, keys: set[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(path, _("Expected an object with keys between { and }."))
            return None
        for key in sorted(set(value) - keys):
            self.problem(f"{path}.{key}" if path else key, _("Unknown key; check the spelling."))
        return value

    def items(self, path: str, value: Any) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, _("Expected a list between [ and ]."))
            return []
        if len(value) > MAX_ITEMS:
            self.problem(path, _("At most %(max)d items.") % {"max": MAX_ITEMS})
            return []
        return value


def read_document(data: Any) -> Document:
    """Check every value of the document; raise ``ValuationImportError`` with all problems."""
    reader = _Reader()
    top = reader.object("", data, TOP_KEYS)
    if top is None:
        raise ValuationImportError(reader.problems)
    document = Document(discount_rate=Decimal("0.0225"))
    if "discount_rate" in top:
        rate = reader.number("discount_rate", rules.discount_rate, top["discount_rate"])
        if rate is not None:
            document.discount_rate = rate
    document.title = reader.run("title", rules.text, top.get("title"), required=False) or ""
    document.period = (
        reader.run("period", rules.text, top.get("period"), required=False, max_length=60) or ""
    )
    document.note = (
        reader.run("note", rules.text, top.get("note"), required=False, max_length=2000) or ""
    )
    illustration = top.get("is_illustration", False)
    if not isinstance(illustration, bool):
        reader.problem("is_illustration", _("Enter true or false."))
    else:
        document.is_illustration = illustration
    _read_rates(reader, top.get("volunteer_rates"), document)
    for index, item in enumerate(reader.items("inputs", top.get("inputs"))):
        read = _read_input(reader, f"inputs[{index}]", item)
        if read is not None:
            document.inputs.append(read)
    for index, item in enumerate(reader.items("outcomes", top.get("outcomes"))):
        read = _read_outcome(reader, f"outcomes[{index}]", item)
        if read is not None:
            document.outcomes.append(read)
    if reader.problems:
        raise ValuationImportError(reader.problems)
    return document


def _read_rates(reader: _Reader, value: Any, document: Document) -> None:
    if value is None:
        return
    rates = reader.object("volunteer_rates", value, set(RATE_KINDS))
    if rates is None:
        return
    for kind in RATE_KINDS:
        if rates.get(kind) is None:
            continue
        path = f"volunteer_rates.{kind}"
        item = reader.object(path, rates[kind], RATE_KEYS)
        if item is None:
            continue
        document.rates[kind] = {
            "rate": reader.number(f"{path}.rate", rules.hourly_value, item.get("rate")),
            "source": reader.run(
                f"{path}.source", rules.source, item.get("source"), required=True
            ),
            "year": reader.number(f"{path}.year", rules.year, item.get("year")),
        }


def _read_input(reader: _Reader, path: str, value: Any) -> dict[str, Any] | None:
    item = reader.object(path, value, INPUT_KEYS)
    if item is None:
        return None
    kind = item.get("kind")
    if kind not in InputKind.values:
        reader.problem(f"{path}.kind", _("Choose money, in_kind or volunteer_hours."))
        return None
    read: dict[str, Any] = {
        "label": reader.run(f"{path}.label", rules.text, item.get("label"), required=True),
        "kind": kind,
        "source": reader.run(f"{path}.source", rules.source, item.get("source"), required=False)
        or "",
        "hours": None,
        "hourly_value": None,
    }
    if kind == InputKind.VOLUNTEER_HOURS:
        read["hours"] = reader.number(f"{path}.hours", rules.hours, item.get("hours"))
        read["hourly_value"] = reader.number(
            f"{path}.hourly_value", rules.hourly_value, item.get("hourly_value")
        )
        amount = reader.number(f"{path}.amount", rules.money, item.get("amount"), required=False)
        if read["hours"] is not None and read["hourly_value"] is not None:
            read["amount"] = rules.volunteer_amount(read["hours"], read["hourly_value"])
            if amount is not None and amount != read["amount"]:
                reader.problem(
                    f"{path}.amount",
                    _("For volunteer time the amount is hours × value per hour: %(amount)s.")
                    % {"amount": read["amount"]},
                )
    else:
        for key in ("hours", "hourly_value"):
            if item.get(key) is not None:
                reader.problem(f"{path}.{key}", _("Only volunteer time has hours."))
        read["amount"] = reader.number(f"{path}.amount", rules.money, item.get("amount"))
    return read


def _read_outcome(reader: _Reader, path: str, value: Any) -> dict[str, Any] | None:
    item = reader.object(path, value, OUTCOME_KEYS)
    if item is None:
        return None
    read: dict[str, Any] = {
        "label": reader.run(f"{path}.label", rules.text, item.get("label"), required=True),
        "stakeholder": reader.run(
            f"{path}.stakeholder", rules.text, item.get("stakeholder"), required=True
        ),
        "indicator": reader.run(
            f"{path}.indicator", rules.source, item.get("indicator"), required=False
        )
        or "",
        "quantity": reader.number(f"{path}.quantity", rules.quantity, item.get("quantity")),
        "quantity_source": reader.run(
            f"{path}.quantity_source", rules.source, item.get("quantity_source"), required=False
        )
        or "",
        "proxy": reader.number(f"{path}.proxy", rules.proxy, item.get("proxy")),
        "proxy_source": reader.run(
            f"{path}.proxy_source", rules.source, item.get("proxy_source"), required=True
        ),
        "duration": reader.number(f"{path}.duration", rules.duration, item.get("duration")),
        "deflators_source": reader.run(
            f"{path}.deflators_source", rules.source, item.get("deflators_source"), required=False
        )
        or "",
    }
    for name in ("deadweight", "displacement", "attribution", "dropoff"):
        read[name] = reader.number(f"{path}.{name}", rules.share, item.get(name))
    grade = item.get("grade")
    if grade not in Grade.values:
        reader.problem(f"{path}.grade", _("Choose groen, oranje or rood."))
    read["grade"] = grade
    return read


def number(value: Decimal | int | None) -> int | float | None:
    """A Decimal as a JSON number: whole numbers as integers, the rest unrounded."""
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)
