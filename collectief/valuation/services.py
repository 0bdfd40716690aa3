"""Writes and reads of the financial barometer.

Writes run in a transaction with an audit record and check every value with
``rules.py`` (the pages' forms and the import use the same rules), raising
``ServiceError`` with a Dutch message and the field. The audit details name
what changed (ids, counts), never texts or amounts.

Reads: ``calculation(valuation)`` is everything the pages show (the SROI
results of ``lib.sroi``, the sensitivity, inputs per kind and the three values
of volunteer time); ``valuation_summary(organisation)`` is the same in a
small frozen shape for the report app; ``export_document(valuation)`` is the
JSON document of ``collectief valuation export``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from collectief.accounts.models import Organisation
from collectief.audit.services import record_event
from collectief.lib import sroi
from collectief.lib.errors import ServiceError
from collectief.valuation import importing, rules
from collectief.valuation.models import Grade, Input, InputKind, Outcome, Valuation

RATE_KINDS = ("replacement", "opportunity", "market")
DEFLATORS = ("deadweight", "displacement", "attribution", "dropoff")
# How far quantity and proxy may plausibly be off, by evidence grade (sensitivity band).
SPREAD = {Grade.GREEN: Decimal("0.10"), Grade.ORANGE: Decimal("0.25"), Grade.RED: Decimal("0.50")}


def _check(rule: Callable[..., Any], value: Any, field: str, **kwargs: Any) -> Any:
    try:
        return rule(value, **kwargs)
    except ValidationError as error:
        raise ServiceError(" ".join(error.messages), field=field) from None


# --- reads ---------------------------------------------------------------------------


def valuation_of(organisation: Organisation) -> Valuation | None:
    return Valuation.objects.filter(organisation=organisation).first()


@dataclass(frozen=True)
class VolunteerValue:
    """One of the three Dutch values of volunteer time."""

    kind: str  # "replacement", "opportunity" or "market"
    rate: Decimal | None
    source: str
    year: int | None
    total: Decimal | None  # hours × rate; None without a rate


@dataclass(frozen=True)
class Calculation:
    valuation: Valuation
    inputs: list[Input]
    outcomes: list[Outcome]
    totals_by_kind: dict[str, Decimal]
    volunteer_hours: Decimal
    volunteer_values: list[VolunteerValue]
    result: sroi.Result
    sensitivity: list[sroi.Sensitivity]

    @property
    def investment(self) -> Decimal:
        return self.result.investment

    @property
    def no_ratio_text(self) -> str:
        return no_ratio_text(self.result)

    @property
    def rows(self) -> list[tuple[Outcome, sroi.OutcomeResult]]:
        return list(zip(self.outcomes, self.result.per_outcome, strict=True))


def no_ratio_text(result: sroi.Result) -> str:
    if result.no_ratio_reason == sroi.NO_INVESTMENT:
        return _(
            "There is no ratio: the investment is 0 euro, and value per euro would mean "
            "dividing by zero. Add what went in (money, gifts in kind or volunteer hours)."
        )
    return ""


def sroi_outcome(outcome: Outcome) -> sroi.Outcome:
    return sroi.Outcome(
        label=outcome.label,
        quantity=outcome.quantity,
        proxy=outcome.proxy,
        duration=outcome.duration,
        deadweight=outcome.deadweight,
        displacement=outcome.displacement,
        attribution=outcome.attribution,
        dropoff=outcome.dropoff,
        is_red=outcome.grade == Grade.RED,
        spread=SPREAD[Grade(outcome.grade)],
    )


def calculation(valuation: Valuation, *, with_sensitivity: bool = True) -> Calculation:
    inputs = list(valuation.inputs.all())
    outcomes = list(valuation.outcomes.select_related("effect", "question", "figure"))
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for item in inputs:
        totals[item.kind] += item.amount
    investment = sum((item.amount for item in inputs), Decimal(0))
    hours = sum(
        (item.hours or Decimal(0) for item in inputs if item.kind == InputKind.VOLUNTEER_HOURS),
        Decimal(0),
    )
    volunteer_values = []
    for kind in RATE_KINDS:
        rate = getattr(valuation, f"{kind}_rate")
        volunteer_values.append(
            VolunteerValue(
                kind=kind,
                rate=rate,
                source=getattr(valuation, f"{kind}_source"),
                year=getattr(valuation, f"{kind}_year"),
                total=hours * rate if rate is not None else None,
            )
        )
    items = [sroi_outcome(o) for o in outcomes]
    return Calculation(
        valuation=valuation,
        inputs=inputs,
        outcomes=outcomes,
        totals_by_kind={kind: totals[kind] for kind in InputKind.values},
        volunteer_hours=hours,
        volunteer_values=volunteer_values,
        result=sroi.calculate(items, investment, valuation.discount_rate),
        sensitivity=(
            sroi.sensitivity(items, investment, valuation.discount_rate)
            if with_sensitivity
            else []
        ),
    )


@dataclass(frozen=True)
class Evidence:
    """What backs an outcome: a statement's agree share and/or a figure."""

    question_text: str = ""
    agree_pct: float | None = None
    respondents: int | None = None
    suppressed: bool = False  # fewer than 5 answers: no share shown
    figure_text: str = ""


def evidence_for(outcomes: list[Outcome]) -> dict[int, Evidence]:
    """The evidence per outcome id; survey results pass through the surveys' suppression."""
    from collectief.surveys.analysis import analyse_survey

    by_survey: dict[int, Any] = {}
    found: dict[int, Evidence] = {}
    for outcome in outcomes:
        question_text = ""
        agree_pct: float | None = None
        respondents: int | None = None
        suppressed = False
        if outcome.question is not None:
            question = outcome.question
            question_text = question.text
            if question.survey_id not in by_survey:
                by_survey[question.survey_id] = analyse_survey(question.survey)
            result = next(
                (q for q in by_survey[question.survey_id].questions if q.id == question.pk), None
            )
            if result is not None:
                respondents = result.n
                suppressed = result.suppressed or result.agree_pct is None
                agree_pct = None if suppressed else result.agree_pct
        figure_text = outcome.figure.display if outcome.figure is not None else ""
        if question_text or figure_text:
            found[outcome.pk] = Evidence(
                question_text=question_text,
                agree_pct=agree_pct,
                respondents=respondents,
                suppressed=suppressed,
                figure_text=figure_text,
            )
    return found


@dataclass(frozen=True)
class Assumption:
    """One outcome with every assumption behind its value, for a table beside the euros."""

    outcome: str
    stakeholder: str
    quantity: Decimal
    quantity_source: str
    proxy: Decimal
    proxy_source: str
    duration: int
    deadweight: Decimal
    displacement: Decimal
    attribution: Decimal
    dropoff: Decimal
    deflators_source: str
    grade: str
    present_value: Decimal


@dataclass(frozen=True)
class ValuationSummary:
    """The barometer in one frozen value, for the report (issue 15 point 5).

    Every euro figure comes with ``assumptions`` and ``discount_rate``: a page
    or PDF that shows ``present_value`` or ``ratio`` must show those too, or
    link to ``url`` where they are.
    """

    valuation_id: int
    title: str
    period: str
    is_illustration: bool
    discount_rate: Decimal
    investment: Decimal
    present_value: Decimal
    npv: Decimal
    ratio: Decimal | None
    net_ratio: Decimal | None
    payback_months: Decimal | None
    red_share: Decimal | None
    no_ratio_reason: str  # Dutch sentence when there is no ratio, else ""
    volunteer_hours: Decimal
    volunteer_values: tuple[VolunteerValue, ...]
    assumptions: tuple[Assumption, ...]
    url: str


def valuation_summary(organisation: Organisation) -> ValuationSummary | None:
    """The organisation's valuation with its results and assumptions, or None."""
    valuation = valuation_of(organisation)
    if valuation is None:
        return None
    calc = calculation(valuation, with_sensitivity=False)
    result = calc.result
    return ValuationSummary(
        valuation_id=valuation.pk,
        title=valuation.title,
        period=valuation.period,
        is_illustration=valuation.is_illustration,
        discount_rate=valuation.discount_rate,
        investment=result.investment,
        present_value=result.present_value,
        npv=result.npv,
        ratio=result.ratio,
        net_ratio=result.net_ratio,
        payback_months=result.payback_months,
        red_share=result.red_share,
        no_ratio_reason=no_ratio_text(result),
        volunteer_hours=calc.volunteer_hours,
        volunteer_values=tuple(calc.volunteer_values),
        assumptions=tuple(
            Assumption(
                outcome=o.label,
                stakeholder=o.stakeholder,
                quantity=o.quantity,
                quantity_source=o.quantity_source,
                proxy=o.proxy,
                proxy_source=o.proxy_source,
                duration=o.duration,
                deadweight=o.deadweight,
                displacement=o.displacement,
                attribution=o.attribution,
                dropoff=o.dropoff,
                deflators_source=o.deflators_source,
                grade=o.grade,
                present_value=r.present_value,
            )
            for o, r in calc.rows
        ),
        url=reverse("valuation:overview", args=[organisation.slug]),
    )


def export_document(valuation: Valuation) -> dict[str, Any]:
    """The import document plus ``results``; numbers as JSON numbers, nothing rounded."""
    calc = calculation(valuation, with_sensitivity=False)
    num = importing.number
    rates = {
        kind: {
            "rate": num(getattr(valuation, f"{kind}_rate")),
            "source": getattr(valuation, f"{kind}_source"),
            "year": getattr(valuation, f"{kind}_year"),
        }
        for kind in RATE_KINDS
        if getattr(valuation, f"{kind}_rate") is not None
    }
    inputs = []
    for item in calc.inputs:
        row: dict[str, Any] = {"label": item.label, "amount": num(item.amount), "kind": item.kind}
        if item.kind == InputKind.VOLUNTEER_HOURS:
            row["hours"] = num(item.hours)
            row["hourly_value"] = num(item.hourly_value)
        if item.source:
            row["source"] = item.source
        inputs.append(row)
    outcomes = []
    for o in calc.outcomes:
        row = {
            "label": o.label,
            "stakeholder": o.stakeholder,
            "quantity": num(o.quantity),
            "proxy": num(o.proxy),
            "proxy_source": o.proxy_source,
            "duration": o.duration,
            "deadweight": num(o.deadweight),
            "displacement": num(o.displacement),
            "attribution": num(o.attribution),
            "dropoff": num(o.dropoff),
            "grade": o.grade,
        }
        for key in ("indicator", "quantity_source", "deflators_source"):
            if getattr(o, key):
                row[key] = getattr(o, key)
        outcomes.append(row)
    result = calc.result
    document: dict[str, Any] = {
        "title": valuation.title,
        "period": valuation.period,
        "is_illustration": valuation.is_illustration,
        "discount_rate": num(valuation.discount_rate),
    }
    if valuation.note:
        document["note"] = valuation.note
    if rates:
        document["volunteer_rates"] = rates
    document["inputs"] = inputs
    document["outcomes"] = outcomes
    document["results"] = {
        "investment": num(result.investment),
        "present_value": _unrounded(result.present_value),
        "npv": _unrounded(result.npv),
        "ratio": _unrounded(result.ratio),
        "net_ratio": _unrounded(result.net_ratio),
        "payback_months": _unrounded(result.payback_months),
        "per_outcome": [
            {"label": r.label, "present_value": _unrounded(r.present_value)}
            for r in result.per_outcome
        ],
        "red_share": _unrounded(result.red_share),
    }
    return document


def _unrounded(value: Decimal | None) -> float | int | None:
    return importing.number(value)


# --- writes --------------------------------------------------------------------------


def _rates(fields: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for kind in RATE_KINDS:
        rate = fields.get(f"{kind}_rate")
        if rate is None:
            cleaned.update({f"{kind}_rate": None, f"{kind}_source": "", f"{kind}_year": None})
            continue
        cleaned[f"{kind}_rate"] = _check(rules.hourly_value, rate, f"{kind}_rate")
        cleaned[f"{kind}_source"] = _check(
            rules.source, fields.get(f"{kind}_source"), f"{kind}_source", required=True
        )
        year = fields.get(f"{kind}_year")
        if year is None:
            raise ServiceError(
                _("Say from which year this hourly value is."), field=f"{kind}_year"
            )
        cleaned[f"{kind}_year"] = _check(rules.year, year, f"{kind}_year")
    return cleaned


@transaction.atomic
def save_valuation(
    organisation: Organisation,
    *,
    by: Any,
    title: str,
    discount_rate: Decimal,
    period: str = "",
    note: str = "",
    **rates: Any,
) -> Valuation:
    """Create the organisation's valuation or change its settings and hourly rates."""
    fields = {
        "title": _check(rules.text, title, "title", required=True),
        "period": _check(rules.text, period, "period", required=False, max_length=60),
        "note": _check(rules.text, note, "note", required=False, max_length=2000),
        "discount_rate": _check(rules.discount_rate, discount_rate, "discount_rate"),
        **_rates(rates),
    }
    valuation = Valuation.objects.select_for_update().filter(organisation=organisation).first()
    created = valuation is None
    if valuation is None:
        valuation = Valuation(organisation=organisation)
    for key, value in fields.items():
        setattr(valuation, key, value)
    valuation.updated_by = by if getattr(by, "is_authenticated", False) else None
    valuation.save()
    record_event(
        "valuation.valuation.create" if created else "valuation.valuation.update",
        valuation,
        by=by,
        organisation_id=organisation.pk,
    )
    return valuation


def _input_fields(
    *, label: str, kind: str, amount: Decimal | None, hours: Any, hourly_value: Any, source: str
) -> dict[str, Any]:
    if kind not in InputKind.values:
        raise ServiceError(_("Choose money, in kind or volunteer time."), field="kind")
    fields: dict[str, Any] = {
        "label": _check(rules.text, label, "label", required=True),
        "kind": kind,
        "source": _check(rules.source, source, "source", required=False),
        "hours": None,
        "hourly_value": None,
    }
    if kind == InputKind.VOLUNTEER_HOURS:
        if hours is None or hourly_value is None:
            raise ServiceError(
                _("This field is required for volunteer time."),
                field="hours" if hours is None else "hourly_value",
            )
        fields["hours"] = _check(rules.hours, hours, "hours")
        fields["hourly_value"] = _check(rules.hourly_value, hourly_value, "hourly_value")
        fields["amount"] = rules.volunteer_amount(fields["hours"], fields["hourly_value"])
    else:
        if amount is None:
            raise ServiceError(_("This field is required."), field="amount")
        fields["amount"] = _check(rules.money, amount, "amount")
    return fields


def _touch(valuation: Valuation, by: Any) -> None:
    valuation.updated_by = by if getattr(by, "is_authenticated", False) else None
    valuation.save(update_fields=["updated_by", "updated_at"])


@transaction.atomic
def add_input(
    valuation: Valuation,
    *,
    by: Any,
    label: str,
    kind: str,
    amount: Decimal | None = None,
    hours: Decimal | None = None,
    hourly_value: Decimal | None = None,
    source: str = "",
) -> Input:
    fields = _input_fields(
        label=label,
        kind=kind,
        amount=amount,
        hours=hours,
        hourly_value=hourly_value,
        source=source,
    )
    order = valuation.inputs.count()
    item = Input.objects.create(valuation=valuation, order=order, **fields)
    _touch(valuation, by)
    record_event(
        "valuation.input.create",
        item,
        by=by,
        organisation_id=valuation.organisation_id,
        details={"kind": kind},
    )
    return item


@transaction.atomic
def update_input(
    item: Input,
    *,
    by: Any,
    label: str,
    kind: str,
    amount: Decimal | None = None,
    hours: Decimal | None = None,
    hourly_value: Decimal | None = None,
    source: str = "",
) -> Input:
    fields = _input_fields(
        label=label,
        kind=kind,
        amount=amount,
        hours=hours,
        hourly_value=hourly_value,
        source=source,
    )
    for key, value in fields.items():
        setattr(item, key, value)
    item.save()
    _touch(item.valuation, by)
    record_event(
        "valuation.input.update",
        item,
        by=by,
        organisation_id=item.valuation.organisation_id,
        details={"kind": kind},
    )
    return item


@transaction.atomic
def delete_input(item: Input, *, by: Any) -> None:
    valuation = item.valuation
    record_event("valuation.input.delete", item, by=by, organisation_id=valuation.organisation_id)
    item.delete()
    _touch(valuation, by)


def _outcome_fields(valuation: Valuation, fields: dict[str, Any]) -> dict[str, Any]:
    organisation_id = valuation.organisation_id
    cleaned: dict[str, Any] = {
        "label": _check(rules.text, fields.get("label"), "label", required=True),
        "stakeholder": _check(rules.text, fields.get("stakeholder"), "stakeholder", required=True),
        "indicator": _check(rules.source, fields.get("indicator"), "indicator", required=False),
        "quantity": _check(rules.quantity, _required(fields, "quantity"), "quantity"),
        "quantity_source": _check(
            rules.source, fields.get("quantity_source"), "quantity_source", required=False
        ),
        "proxy": _check(rules.proxy, _required(fields, "proxy"), "proxy"),
        "proxy_source": _check(
            rules.source, fields.get("proxy_source"), "proxy_source", required=True
        ),
        "duration": _check(rules.duration, _required(fields, "duration"), "duration"),
        "deflators_source": _check(
            rules.source, fields.get("deflators_source"), "deflators_source", required=False
        ),
    }
    for name in DEFLATORS:
        cleaned[name] = _check(rules.share, _required(fields, name), name)
    grade = fields.get("grade")
    if grade not in Grade.values:
        raise ServiceError(_("Choose green, orange or red."), field="grade")
    cleaned["grade"] = grade
    cleaned.update(_links(organisation_id, fields))
    return cleaned


def _links(organisation_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    """The change-story effect and the evidence, each only of the same organisation."""
    effect = fields.get("effect")
    if effect is not None and effect.story.organisation_id != organisation_id:
        raise ServiceError(_("This effect is not in your change story."), field="effect")
    question = fields.get("question")
    if question is not None and question.survey.organisation_id != organisation_id:
        raise ServiceError(_("This statement is not in your surveys."), field="question")
    figure = fields.get("figure")
    if figure is not None and figure.organisation_id != organisation_id:
        raise ServiceError(_("This figure is not one of yours."), field="figure")
    return {"effect": effect, "question": question, "figure": figure}


def _required(fields: dict[str, Any], name: str) -> Any:
    value = fields.get(name)
    if value is None:
        raise ServiceError(_("This field is required."), field=name)
    return value


@transaction.atomic
def add_outcome(valuation: Valuation, *, by: Any, **fields: Any) -> Outcome:
    cleaned = _outcome_fields(valuation, fields)
    outcome = Outcome.objects.create(
        valuation=valuation, order=valuation.outcomes.count(), **cleaned
    )
    _touch(valuation, by)
    record_event(
        "valuation.outcome.create",
        outcome,
        by=by,
        organisation_id=valuation.organisation_id,
        details={"grade": outcome.grade},
    )
    return outcome


@transaction.atomic
def update_outcome(outcome: Outcome, *, by: Any, **fields: Any) -> Outcome:
    cleaned = _outcome_fields(outcome.valuation, fields)
    for key, value in cleaned.items():
        setattr(outcome, key, value)
    outcome.save()
    _touch(outcome.valuation, by)
    record_event(
        "valuation.outcome.update",
        outcome,
        by=by,
        organisation_id=outcome.valuation.organisation_id,
        details={"grade": outcome.grade},
    )
    return outcome


@transaction.atomic
def delete_outcome(outcome: Outcome, *, by: Any) -> None:
    valuation = outcome.valuation
    record_event(
        "valuation.outcome.delete", outcome, by=by, organisation_id=valuation.organisation_id
    )
    outcome.delete()
    _touch(valuation, by)


@transaction.atomic
def replace_valuation(
    organisation: Organisation, document: importing.Document, *, by: Any
) -> Valuation:
    """Replace the organisation's valuation by a checked document, all or nothing.

    The old valuation, its inputs and outcomes are deleted. Links to the change
    story and the evidence are not in the JSON document, so they start empty;
    a caller in Python (the demo) may put ``effect``, ``question`` or ``figure``
    objects of the same organisation in an outcome.
    """
    old = Valuation.objects.select_for_update().filter(organisation=organisation).first()
    old_id = old.pk if old is not None else None
    if old is not None:
        old.delete()
    rates: dict[str, Any] = {}
    for kind in RATE_KINDS:
        given = document.rates.get(kind)
        rates[f"{kind}_rate"] = given["rate"] if given else None
        rates[f"{kind}_source"] = given["source"] if given else ""
        rates[f"{kind}_year"] = given["year"] if given else None
    valuation = Valuation.objects.create(
        organisation=organisation,
        title=document.title or _("Social value"),
        period=document.period,
        note=document.note,
        is_illustration=document.is_illustration,
        discount_rate=document.discount_rate,
        updated_by=by if getattr(by, "is_authenticated", False) else None,
        **rates,
    )
    Input.objects.bulk_create(
        Input(valuation=valuation, order=index, **item)
        for index, item in enumerate(document.inputs)
    )
    Outcome.objects.bulk_create(
        Outcome(valuation=valuation, order=index, **{**item, **_links(organisation.pk, item)})
        for index, item in enumerate(document.outcomes)
    )
    record_event(
        "valuation.valuation.import",
        valuation,
        by=by,
        organisation_id=organisation.pk,
        details={
            "replaced": old_id,
            "inputs": len(document.inputs),
            "outcomes": len(document.outcomes),
        },
    )
    return valuation
