"""The rode draden of a gemeente: suppressed aggregates only (issue 11 point 6).

Every member of an organisation that works in the gemeente may see this page,
with two-factor login; nobody sees another organisation's signals here. Every
number on the page comes from ``summary.summarise`` (``lib.disclosure``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.lib.disclosure import (
    HIDDEN_SIGN,
    MIN_RATE_DENOMINATOR,
    SMALL_SIGN,
    THRESHOLD,
    Kind,
    change,
)
from collectief.lib.errors import ServiceError
from collectief.signals.access import (
    gemeenten_of,
    get_gemeente_for_user,
    get_signals_organisation_for_user,
)
from collectief.signals.charts import bar_chart
from collectief.signals.summary import GemeenteSummary, Period, summarise
from collectief.signals.views.common import signals_page

PERIOD_CHOICES = 24  # months offered in the period menu


def period_choices(today: Any) -> list[Period]:
    period = Period.last_complete(today)
    choices = [Period.of(today)]
    for _month in range(PERIOD_CHOICES):
        choices.append(period)
        period = period.previous()
    return choices


def resolve_period(request: HttpRequest) -> tuple[Period, str | None]:
    """The period asked for (``?periode=YYYY-MM``) or the last complete month, and an error."""
    today = timezone.localdate()
    text = request.GET.get("periode", "").strip()
    if not text:
        return Period.last_complete(today), None
    try:
        period = Period.parse(text)
    except ServiceError as exc:
        return Period.last_complete(today), exc.message
    if period.start > today:
        return Period.last_complete(today), _("That month has not started yet.")
    return period, None


def legend() -> dict[str, Any]:
    return {
        "small_sign": SMALL_SIGN,
        "hidden_sign": HIDDEN_SIGN,
        "threshold": THRESHOLD,
        "min_rate": MIN_RATE_DENOMINATOR,
    }


@signals_page
def summary(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_signals_organisation_for_user(request.user, organisation_slug)
    gemeenten = gemeenten_of(organisation)
    code = request.GET.get("gemeente", "").strip()
    if not code and gemeenten:
        code = gemeenten[0].code
    period, error = resolve_period(request)
    context: dict[str, Any] = {
        "organisation": organisation,
        "current_organisation": organisation,
        "gemeenten": gemeenten,
        "period": period,
        "periods": period_choices(timezone.localdate()),
        "period_error": error,
        **legend(),
    }
    if not gemeenten:
        return render(request, "signals/summary.html", context)
    gemeente = get_gemeente_for_user(request.user, organisation_slug, code)
    result: GemeenteSummary = summarise(gemeente, period)
    context.update(summary_context(result))
    return render(request, "signals/summary.html", context, status=400 if error else 200)


def summary_context(result: GemeenteSummary) -> dict[str, Any]:
    before = result.previous_table
    theme_rows: list[dict[str, Any]] = [
        {
            "theme": theme,
            "count": result.table.col_totals[j],
            "previous": before.col_totals[j],
            "change": change(result.table.col_totals[j], before.col_totals[j]),
        }
        for j, theme in enumerate(result.themes)
    ]
    rows = [
        {
            "area": wijk,
            "cells": [result.cell(i, j) for j in range(len(result.themes))],
            "total": result.table.row_totals[i],
        }
        for i, wijk in enumerate(result.wijken)
    ]
    return {
        "gemeente": result.gemeente,
        "summary": result,
        "theme_rows": theme_rows,
        "rows": rows,
        "chart": bar_chart(
            [(t.name, result.table.col_totals[j]) for j, t in enumerate(result.themes)],
            title=result.gemeente.name,
        ),
        "has_any": not (result.table.total.kind is Kind.ZERO and before.total.kind is Kind.ZERO),
    }
