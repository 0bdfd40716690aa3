"""CSV and XLSX import and export of figures: one service for web, CLI and tests.

The file has one row per figure, or one row per measurement when a figure
has a series: rows with the same ``omschrijving`` belong to one figure.
Within a label at most one row has no date (the figure's own number when
it is undated); rows with a date are measurements, and without an undated
row the newest one is the figure's number. Unit and period must be the
same on every row of a label; the other columns are read from the row that
gives the figure's number.

Import is all-or-nothing. Existing figures (matched by label, ignoring
case) are updated; measurements are added or replaced by date and never
removed by an import. Columns that are absent keep an existing figure's
value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from collectief.audit.services import record_event
from collectief.figures import formats, services
from collectief.figures.forms import FIGURE_FIELDS, FigureForm
from collectief.figures.models import Figure, FigureValue, Period
from collectief.lib import tabular

# field -> accepted headers (lower case); the first is written on export.
COLUMNS: dict[str, tuple[str, ...]] = {
    "label": ("omschrijving", "label"),
    "value": ("waarde", "value"),
    "value_max": ("tot", "value_max", "tot en met"),
    "qualifier": ("toevoeging", "qualifier"),
    "unit": ("eenheid", "unit"),
    "period": ("periode", "period"),
    "date": ("datum", "date"),
    "source": ("bron", "source"),
    "is_highlighted": ("uitgelicht", "highlighted", "is_highlighted"),
}
REQUIRED = ("label", "value")
EXPORT_HEADERS = [names[0] for names in COLUMNS.values()]
MAX_ROWS = 10_000


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    measurements: int = 0
    labels: list[str] = field(default_factory=list)


@dataclass
class _Row:
    number: int
    values: dict[str, Any]  # field -> parsed value (only the columns in the file)


def _place(row: int | None, column: str | None) -> str:
    if row is not None and column is not None:
        return _("Row %(row)d, column '%(column)s'") % {"row": row, "column": column}
    if row is not None:
        return _("Row %(row)d") % {"row": row}
    if column is not None:
        return _("Column '%(column)s'") % {"column": column}
    return _("The file")


def _problem(row: int | None, column: str | None, message: str) -> str:
    return f"{_place(row, column)}: {message}"


def _match_columns(headers: list[str], problems: list[str]) -> dict[str, str]:
    """field -> header as written in the file."""
    found: dict[str, str] = {}
    lookup = {name: key for key, names in COLUMNS.items() for name in names}
    for header in headers:
        key = lookup.get(" ".join(header.lower().split()))
        if key is None:
            problems.append(
                _problem(
                    None,
                    header,
                    _("this column is unknown. Known columns are: %(columns)s.")
                    % {"columns": ", ".join(EXPORT_HEADERS)},
                )
            )
        elif key in found:
            problems.append(
                _problem(
                    None,
                    header,
                    _("this column appears twice (also as '%(other)s').") % {"other": found[key]},
                )
            )
        else:
            found[key] = header
    problems.extend(
        _problem(
            None, None, _("the column '%(column)s' is missing.") % {"column": COLUMNS[key][0]}
        )
        for key in REQUIRED
        if key not in found
    )
    return found


def _parse_row(
    row: tabular.Row, columns: dict[str, str], dot_is_decimal: bool, problems: list[str]
) -> _Row | None:
    values: dict[str, Any] = {}
    ok = True

    def fail(key: str, message: str) -> None:
        nonlocal ok
        ok = False
        problems.append(_problem(row.number, columns[key], message))

    for key, header in columns.items():
        text = row.get(header)
        try:
            if key == "label":
                label = " ".join(text.split())
                if not label:
                    raise ValueError(_("say what is counted; this cell is empty."))
                values["label"] = label
            elif key == "value":
                values["value"] = formats.parse_decimal(text, dot_is_decimal=dot_is_decimal)
            elif key == "value_max":
                values["value_max"] = (
                    formats.parse_decimal(text, dot_is_decimal=dot_is_decimal)
                    if text.strip()
                    else None
                )
            elif key == "unit":
                values["unit"] = formats.parse_unit(text)
            elif key == "period":
                values["period"], values["period_name"] = formats.parse_period(text)
            elif key == "date":
                values["date"] = formats.parse_date(text)
            elif key == "is_highlighted":
                values["is_highlighted"] = formats.parse_bool(text)
            else:
                values[key] = text.strip()
        except ValueError as exc:
            fail(key, str(exc))
    return _Row(row.number, values) if ok else None


def _field_column(columns: dict[str, str], name: str) -> str | None:
    key = "period" if name == "period_name" else name
    return columns.get(key)


def read_figures_file(data: bytes, filename: str = "") -> tabular.Table:
    try:
        return tabular.read_table(data, filename)
    except tabular.TableError as exc:
        raise services.FiguresImportError([_problem(None, None, str(exc))]) from exc


@transaction.atomic
def import_figures_file(
    organisation: Any, data: bytes, filename: str = "", *, by: Any
) -> ImportResult:
    """Read a CSV/XLSX file of figures; all or nothing, every problem with its place."""
    table = read_figures_file(data, filename)
    problems: list[str] = []
    columns = _match_columns(table.headers, problems)
    if problems:
        raise services.FiguresImportError(problems)
    if not table.rows:
        raise services.FiguresImportError(
            [_problem(None, None, _("there are no rows with figures under the header."))]
        )
    if len(table.rows) > MAX_ROWS:
        raise services.FiguresImportError(
            [_problem(None, None, _("more than %(max)d rows.") % {"max": MAX_ROWS})]
        )
    dot_is_decimal = tabular.is_xlsx(data, filename)
    groups: dict[str, list[_Row]] = {}
    for table_row in table.rows:
        parsed = _parse_row(table_row, columns, dot_is_decimal, problems)
        if parsed is not None:
            groups.setdefault(parsed.values["label"].lower(), []).append(parsed)

    existing = {f.label.lower(): f for f in Figure.objects.for_organisation(organisation)}
    plans: list[tuple[Figure | None, dict[str, Any], list[tuple[dt.date, Decimal]]]] = []
    for key, rows in groups.items():
        plan = _plan_group(organisation, existing.get(key), rows, columns, problems)
        if plan is not None:
            plans.append(plan)
    if problems:
        raise services.FiguresImportError(problems)

    result = ImportResult()
    for figure, cleaned, points in plans:
        if figure is None:
            figure = services.create_figure(organisation, by=by, **cleaned)
            result.created += 1
        else:
            figure = services.update_figure(figure, by=by, **cleaned)
            result.updated += 1
        for date, value in points:
            FigureValue.objects.update_or_create(
                figure=figure, date=date, defaults={"value": value}
            )
            result.measurements += 1
        services._sync_headline(figure)
        result.labels.append(figure.label)
    record_event(
        "figure.import_file",
        organisation,
        by=by,
        organisation_id=organisation.pk,
        details={
            "file": filename[:100],
            "created": result.created,
            "updated": result.updated,
            "measurements": result.measurements,
        },
    )
    return result


def _plan_group(
    organisation: Any,
    figure: Figure | None,
    rows: list[_Row],
    columns: dict[str, str],
    problems: list[str],
) -> tuple[Figure | None, dict[str, Any], list[tuple[dt.date, Decimal]]] | None:
    before = len(problems)
    undated = [r for r in rows if r.values.get("date") is None]
    problems.extend(
        _problem(
            extra.number,
            columns.get("date", COLUMNS["date"][0]),
            _(
                "'%(label)s' appears more than once; give each row a date "
                "(row %(first)d has no date either)."
            )
            % {"label": extra.values["label"], "first": undated[0].number},
        )
        for extra in undated[1:]
    )
    seen_dates: dict[dt.date, int] = {}
    for row in rows:
        date = row.values.get("date")
        if date is None:
            continue
        if date in seen_dates:
            problems.append(
                _problem(
                    row.number,
                    columns["date"],
                    _("'%(label)s' already has a row with this date (row %(other)d).")
                    % {"label": row.values["label"], "other": seen_dates[date]},
                )
            )
        else:
            seen_dates[date] = row.number
    dated = sorted(
        (r for r in rows if r.values.get("date") is not None), key=lambda r: r.values["date"]
    )
    head = undated[0] if undated else dated[-1]
    for row in rows:
        if row is head:
            continue
        for key in ("unit", "period", "period_name"):
            if key in row.values and row.values[key] != head.values.get(key):
                column = _field_column(columns, key)
                problems.append(
                    _problem(
                        row.number,
                        column,
                        _("differs from row %(row)d for the same figure '%(label)s'.")
                        % {"row": head.number, "label": head.values["label"]},
                    )
                )
                break
    if len(problems) > before:
        return None

    data = {k: v for k, v in head.values.items() if k in FIGURE_FIELDS}
    merged = {**{n: getattr(figure, n) for n in FIGURE_FIELDS}, **data} if figure else data
    merged.setdefault("unit", "aantal")
    merged.setdefault("period", Period.NONE)
    form = FigureForm(data=services._form_data(merged), organisation=organisation, instance=figure)
    if not form.is_valid():
        for name, errors in form.errors.items():
            column = None if name == "__all__" else _field_column(columns, name)
            problems.extend(_problem(head.number, column, str(e)) for e in errors)
        return None
    try:
        services._check_not_older_than_series(figure, form.cleaned_data.get("date"))
    except services.ServiceError as error:
        problems.append(_problem(head.number, columns.get("date"), error.message))
        return None
    points = [(r.values["date"], r.values["value"]) for r in dated if r is not head]
    return figure, form.cleaned_data, points


# --- export ----------------------------------------------------------------


def _export_rows(organisation: Any, *, for_csv: bool) -> list[list[Any]]:
    rows: list[list[Any]] = []
    figures = services.figures_for(organisation).prefetch_related("values")

    def number(value: Decimal | None) -> Any:
        if value is None:
            return ""
        return formats.number_to_text(value) if for_csv else value

    def date(value: dt.date | None) -> Any:
        if value is None:
            return ""
        return value.strftime("%d-%m-%Y") if for_csv else value

    for figure in figures:
        common = [
            figure.qualifier,
            figure.unit,
            figure.period_text,
        ]
        points = {p.date: p.value for p in figure.values.all()}
        if figure.date is None:
            entries: list[tuple[dt.date | None, Decimal]] = [(None, figure.value)]
        else:
            points[figure.date] = figure.value
            entries = []
        entries += sorted(points.items())
        for when, value in entries:
            rows.append(
                [
                    figure.label,
                    number(value),
                    number(figure.value_max) if (when is None or when == figure.date) else "",
                    common[0],
                    common[1],
                    common[2],
                    date(when),
                    figure.source,
                    "ja" if figure.is_highlighted else "nee",
                ]
            )
    return rows


def export_figures(organisation: Any, fmt: str = "csv") -> tuple[bytes, str, str]:
    """(content, content type, file name) of all figures with their series."""
    name = f"cijfers-{organisation.slug}"
    if fmt == "xlsx":
        content = tabular.write_xlsx(
            {"cijfers": (EXPORT_HEADERS, _export_rows(organisation, for_csv=False))}
        )
        return (
            content,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"{name}.xlsx",
        )
    if fmt == "csv":
        content = tabular.write_csv(EXPORT_HEADERS, _export_rows(organisation, for_csv=True))
        return content, "text/csv; charset=utf-8", f"{name}.csv"
    raise ValueError(f"Unknown format {fmt!r}")
