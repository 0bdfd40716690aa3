"""Writes for figures and their series, and the JSON exchange with change stories.

Every write runs in a transaction, writes the audit log and takes the acting
user as ``by``. A figure's number is its latest measurement: when a figure
has a date, the series holds a measurement on that date, and a newer
measurement becomes the figure's number.

File import and export live in ``collectief.figures.tabular_io``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from collectief.audit.services import record_event
from collectief.figures import formats
from collectief.figures.forms import FIGURE_FIELDS, FigureForm
from collectief.figures.models import Figure, FigureValue, Period, Unit
from collectief.lib.errors import ServiceError


class FiguresImportError(ServiceError):
    """An import was refused; ``problems`` lists each one with its place."""

    def __init__(self, problems: list[str]) -> None:
        header = _("Nothing was imported. Fix these problems and try again:")
        super().__init__("\n".join([header, *problems]))
        self.problems = problems


# --- reading -------------------------------------------------------------


def figures_for(organisation: Any) -> Any:
    return (
        Figure.objects.for_organisation(organisation)
        .select_related("indicator", "organisation")
        .order_by("order", "pk")
    )


def highlighted_figures(organisation: Any) -> list[Figure]:
    """The figures to show on the poster, in the organisation's order."""
    return list(figures_for(organisation).highlighted())


def poster_figures(organisation: Any) -> list[dict[str, str]]:
    """The highlighted figures in words for the change story poster."""
    return [
        {
            "value": f"{figure.qualifier} {figure.value_text}".strip(),
            "unit": "",
            "label": figure.label,
            "period": figure.period_text or "",
        }
        for figure in highlighted_figures(organisation)
    ]


def figure_as_json(figure: Figure) -> dict[str, Any]:
    number = figure.value
    value: int | float = int(number) if number == number.to_integral_value() else float(number)
    return {
        "label": figure.label,
        "value": value,
        "unit": figure.unit,
        "period": figure.period_text,
    }


def figures_as_json(organisation: Any) -> list[dict[str, Any]]:
    """All figures as ``{"label", "value", "unit", "period"}`` (change story export)."""
    return [figure_as_json(f) for f in figures_for(organisation)]


def public_figures_as_json(organisation: Any) -> list[dict[str, Any]]:
    """The figures of the public poster (the highlighted ones), in the export shape.

    The public change story API shows what the public poster shows, no more:
    a figure that is not highlighted may be a draft or an internal number.
    """
    return [figure_as_json(f) for f in highlighted_figures(organisation)]


# --- figures -------------------------------------------------------------


def _validate(organisation: Any, data: dict[str, Any], instance: Figure | None = None) -> Any:
    """Validate a figure with the form; raise ServiceError for the first problem."""
    form = FigureForm(
        data=_form_data(data),
        organisation=organisation,
        instance=instance,
    )
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise ServiceError(str(errors[0]), field=None if field == "__all__" else field)
    return form.cleaned_data


def _form_data(data: dict[str, Any]) -> dict[str, Any]:
    """Service keyword arguments as form input."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            out[key] = formats.number_to_text(Decimal(str(value)))
        elif isinstance(value, dt.date):
            out[key] = value.isoformat()
        elif isinstance(value, bool):
            if value:
                out[key] = "on"
        elif hasattr(value, "pk"):
            out[key] = value.pk
        else:
            out[key] = value
    return out


def _check_not_older_than_series(figure: Figure | None, date: dt.date | None) -> None:
    if figure is None or figure.pk is None or date is None:
        return
    newest = figure.values.filter(date__gt=date).aggregate(newest=Max("date"))["newest"]
    if newest is not None:
        raise ServiceError(
            _(
                "There is already a newer measurement (%(date)s). Add this number "
                "to the series below, or choose a later date."
            )
            % {"date": newest.strftime("%d-%m-%Y")},
            field="date",
        )


def _record_headline(figure: Figure) -> None:
    """Keep the series in step: the figure's dated number is a measurement."""
    if figure.date is not None:
        FigureValue.objects.update_or_create(
            figure=figure, date=figure.date, defaults={"value": figure.value}
        )


@transaction.atomic
def create_figure(organisation: Any, *, by: Any, **data: Any) -> Figure:
    """Add a figure. ``data`` holds the form fields (see forms.FIGURE_FIELDS)."""
    unknown = set(data) - set(FIGURE_FIELDS) - {"order"}
    if unknown:
        raise TypeError(f"Not figure fields: {sorted(unknown)}")
    order = data.pop("order", None)
    data = {"unit": Unit.COUNT, "period": Period.NONE, **data}
    cleaned = _validate(organisation, data)
    if order is None:
        last = Figure.objects.for_organisation(organisation).aggregate(m=Max("order"))["m"]
        order = (last or 0) + 1
    figure = Figure.objects.create(organisation=organisation, order=order, **cleaned)
    _record_headline(figure)
    record_event(
        "figure.create",
        figure,
        by=by,
        organisation_id=organisation.pk,
        details={"label": figure.label, "value": str(figure.value)},
    )
    return figure


@transaction.atomic
def update_figure(figure: Figure, *, by: Any, **changes: Any) -> Figure:
    """Change a figure; fields not given keep their value."""
    unknown = set(changes) - set(FIGURE_FIELDS) - {"order"}
    if unknown:
        raise TypeError(f"Not figure fields: {sorted(unknown)}")
    figure = Figure.objects.select_for_update().get(pk=figure.pk)
    order = changes.pop("order", None)
    current = {name: getattr(figure, name) for name in FIGURE_FIELDS}
    merged = {**current, **changes}
    cleaned = _validate(figure.organisation, merged, instance=Figure.objects.get(pk=figure.pk))
    _check_not_older_than_series(figure, cleaned.get("date"))
    changed = sorted(k for k, v in cleaned.items() if getattr(figure, k) != v)
    for key in changed:
        setattr(figure, key, cleaned[key])
    if order is not None and order != figure.order:
        figure.order = order
        changed.append("order")
    if changed:
        figure.save()
    _record_headline(figure)
    record_event(
        "figure.update",
        figure,
        by=by,
        organisation_id=figure.organisation_id,
        details={"fields": changed},
    )
    return figure


def snapshot(figure: Figure) -> dict[str, Any]:
    """Everything needed to put a deleted figure back (see restore_figure)."""
    return {
        "label": figure.label,
        "qualifier": figure.qualifier,
        "value": formats.number_to_text(figure.value),
        "value_max": formats.number_to_text(figure.value_max)
        if figure.value_max is not None
        else None,
        "unit": figure.unit,
        "period": figure.period,
        "period_name": figure.period_name,
        "indicator": figure.indicator_id,
        "source": figure.source,
        "date": figure.date.isoformat() if figure.date else None,
        "is_highlighted": figure.is_highlighted,
        "order": figure.order,
        "values": [
            [v.date.isoformat(), formats.number_to_text(v.value)] for v in figure.values.all()
        ],
    }


@transaction.atomic
def delete_figure(figure: Figure, *, by: Any) -> dict[str, Any]:
    """Delete a figure and its series; returns a snapshot for undo."""
    data = snapshot(figure)
    record_event(
        "figure.delete",
        figure,
        by=by,
        organisation_id=figure.organisation_id,
        details={"figure": data},
    )
    figure.delete()
    return data


@transaction.atomic
def restore_figure(organisation: Any, data: dict[str, Any], *, by: Any) -> Figure:
    """Put back a figure deleted a moment ago (the undo of delete_figure)."""
    fields: dict[str, Any] = {k: data.get(k) for k in FIGURE_FIELDS}
    indicator_id = data.get("indicator")
    if indicator_id is not None:
        from collectief.changestories.models import Indicator

        fields["indicator"] = Indicator.objects.filter(
            pk=int(indicator_id), effect__story__organisation=organisation
        ).first()
    fields["value"] = formats.parse_decimal(str(data["value"]))
    if data.get("value_max") is not None:
        fields["value_max"] = formats.parse_decimal(str(data["value_max"]))
    fields["date"] = formats.parse_date(data["date"]) if data.get("date") else None
    # The figure's own dated number is recreated by create_figure; the rest here.
    figure = create_figure(organisation, by=by, order=data.get("order"), **fields)
    for date_text, value_text in data.get("values", []):
        point_date = formats.parse_date(date_text)
        if point_date is None:
            continue
        FigureValue.objects.update_or_create(
            figure=figure,
            date=point_date,
            defaults={"value": formats.parse_decimal(value_text)},
        )
    record_event("figure.restore", figure, by=by, organisation_id=organisation.pk)
    return figure


@transaction.atomic
def move_figure(figure: Figure, *, direction: int, by: Any) -> None:
    """Move a figure one place up (-1) or down (+1) in the list and on the poster."""
    owner = figure.organisation
    figures = list(Figure.objects.for_organisation(owner).order_by("order", "pk"))
    index = next(i for i, f in enumerate(figures) if f.pk == figure.pk)
    target = index + direction
    if not 0 <= target < len(figures):
        return
    figures[index], figures[target] = figures[target], figures[index]
    for position, item in enumerate(figures, start=1):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])
    record_event(
        "figure.move",
        figure,
        by=by,
        organisation_id=figure.organisation_id,
        details={"direction": direction},
    )


# --- the series ----------------------------------------------------------


def _sync_headline(figure: Figure) -> None:
    """A dated figure shows its newest measurement."""
    if figure.date is None:
        return
    newest = figure.values.order_by("-date").first()
    if newest is not None and (newest.date, newest.value) != (figure.date, figure.value):
        figure.date = newest.date
        figure.value = newest.value
        if figure.value_max is not None and figure.value_max <= figure.value:
            figure.value_max = None
        figure.save(update_fields=["date", "value", "value_max", "updated_at"])


@transaction.atomic
def add_figure_value(figure: Figure, *, date: dt.date, value: Decimal, by: Any) -> FigureValue:
    """Add a measurement, or replace the one on the same date."""
    point, created = FigureValue.objects.update_or_create(
        figure=figure, date=date, defaults={"value": value}
    )
    _sync_headline(figure)
    record_event(
        "figure.value_add" if created else "figure.value_update",
        figure,
        by=by,
        organisation_id=figure.organisation_id,
        details={"date": date.isoformat(), "value": str(value)},
    )
    return point


@transaction.atomic
def remove_figure_value(point: FigureValue, *, by: Any) -> None:
    """Remove a measurement. The only measurement of a dated figure stays."""
    figure = point.figure
    if figure.date == point.date:
        previous = figure.values.exclude(pk=point.pk).order_by("-date").first()
        if previous is None:
            raise ServiceError(
                _(
                    "This is the only measurement, and it is the figure's own number. "
                    "Change or delete the figure instead."
                )
            )
        figure.date, figure.value = previous.date, previous.value
        if figure.value_max is not None and figure.value_max <= figure.value:
            figure.value_max = None
        figure.save(update_fields=["date", "value", "value_max", "updated_at"])
    details = {"date": point.date.isoformat(), "value": str(point.value)}
    point.delete()
    record_event(
        "figure.value_remove",
        figure,
        by=by,
        organisation_id=figure.organisation_id,
        details=details,
    )


# --- JSON exchange (change story import/export, API) ---------------------


JSON_OPTIONAL = ("qualifier", "value_max", "source", "date", "is_highlighted")


def _json_problems(index: int, item: Any, path: str) -> tuple[dict[str, Any], list[str]]:
    """Turn one JSON item into form input; collect the problems with their path."""
    here = f"{path}[{index}]"
    if not isinstance(item, dict):
        return {}, [f"{here}: " + _("must be an object with label, value, unit and period.")]
    problems: list[str] = [
        f"{here}.{key}: " + _("is missing.")
        for key in ("label", "value", "unit", "period")
        if key not in item
    ]
    data: dict[str, Any] = {}
    label = item.get("label")
    if "label" in item:
        if not isinstance(label, str) or not label.strip():
            problems.append(f"{here}.label: " + _("must be a text that is not empty."))
        else:
            data["label"] = label
    if "value" in item:
        data["value"] = _json_number(item["value"], f"{here}.value", problems)
    if "value_max" in item and item["value_max"] is not None:
        data["value_max"] = _json_number(item["value_max"], f"{here}.value_max", problems)
    elif "value_max" in item:
        data["value_max"] = None
    if "unit" in item:
        try:
            data["unit"] = formats.parse_unit(str(item["unit"] or ""))
        except ValueError as exc:
            problems.append(f"{here}.unit: {exc}")
    if "period" in item:
        try:
            data["period"], data["period_name"] = formats.parse_period(str(item["period"] or ""))
        except ValueError as exc:
            problems.append(f"{here}.period: {exc}")
    if "date" in item:
        try:
            data["date"] = formats.parse_date(str(item["date"] or ""))
        except ValueError as exc:
            problems.append(f"{here}.date: {exc}")
    for key in ("qualifier", "source"):
        if key in item:
            data[key] = str(item[key] or "")
    if "is_highlighted" in item:
        if not isinstance(item["is_highlighted"], bool):
            problems.append(f"{here}.is_highlighted: " + _("must be true or false."))
        else:
            data["is_highlighted"] = item["is_highlighted"]
    return data, problems


def _json_number(value: Any, where: str, problems: list[str]) -> Decimal | None:
    if isinstance(value, bool):
        problems.append(f"{where}: " + _("must be a number."))
        return None
    if isinstance(value, int | float):
        try:
            return formats.parse_decimal(str(Decimal(str(value))), dot_is_decimal=True)
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            return None
    if isinstance(value, str):
        try:
            return formats.parse_decimal(value)
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            return None
    problems.append(f"{where}: " + _("must be a number."))
    return None


@transaction.atomic
def import_figures_json(
    organisation: Any,
    items: Any,
    *,
    by: Any,
    path: str = "$",
    replace: bool = False,
) -> list[Figure]:
    """Add or update figures from JSON items, matched by label (case-insensitive).

    Each item needs ``label``, ``value``, ``unit`` and ``period`` (as in
    figures_as_json) and may carry ``qualifier``, ``value_max``, ``source``,
    ``date`` and ``is_highlighted``. Keys left out keep the current value of
    an existing figure. With ``replace=True`` figures whose label is not in
    the items are deleted. All or nothing: any problem raises
    FiguresImportError listing every problem with its JSON path, e.g.
    ``$.figures[2].value``.
    """
    if not isinstance(items, list):
        raise FiguresImportError([f"{path}: " + _("must be a list of figures.")])
    existing = {f.label.lower(): f for f in Figure.objects.for_organisation(organisation)}
    problems: list[str] = []
    plans: list[tuple[Figure | None, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        data, item_problems = _json_problems(index, item, path)
        problems.extend(item_problems)
        label = (data.get("label") or "").strip()
        if label:
            key = " ".join(label.split()).lower()
            if key in seen:
                problems.append(
                    f"{path}[{index}].label: "
                    + _("'%(label)s' is already used in item %(other)s.")
                    % {"label": label, "other": f"{path}[{seen[key]}]"}
                )
                continue
            seen[key] = index
        if item_problems:
            continue
        figure = existing.get(" ".join(label.split()).lower())
        merged = {**{n: getattr(figure, n) for n in FIGURE_FIELDS}, **data} if figure else data
        form = FigureForm(data=_form_data(merged), organisation=organisation, instance=figure)
        if not form.is_valid():
            for field, errors in form.errors.items():
                where = f"{path}[{index}]" + ("" if field == "__all__" else f".{field}")
                problems.extend(f"{where}: {error}" for error in errors)
            continue
        try:
            _check_not_older_than_series(figure, form.cleaned_data.get("date"))
        except ServiceError as error:
            problems.append(f"{path}[{index}].date: {error.message}")
            continue
        plans.append((figure, form.cleaned_data))
    if problems:
        raise FiguresImportError(problems)
    result: list[Figure] = []
    for figure, cleaned in plans:
        if figure is None:
            result.append(create_figure(organisation, by=by, **cleaned))
        else:
            result.append(update_figure(figure, by=by, **cleaned))
    if replace:
        keep = {f.pk for f in result}
        for figure in Figure.objects.for_organisation(organisation).exclude(pk__in=keep):
            delete_figure(figure, by=by)
    record_event(
        "figure.import_json",
        organisation,
        by=by,
        organisation_id=organisation.pk,
        details={"count": len(result), "replace": replace},
    )
    return result


__all__ = [
    "FiguresImportError",
    "Period",
    "add_figure_value",
    "create_figure",
    "delete_figure",
    "figures_as_json",
    "highlighted_figures",
    "import_figures_json",
    "move_figure",
    "poster_figures",
    "remove_figure_value",
    "restore_figure",
    "update_figure",
]
