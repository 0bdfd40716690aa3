"""Wijkbeeld pages: the wijken of the organisation's gemeenten, and one wijk in full."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from collectief.accounts.access import can_edit
from collectief.areas.models import Area
from collectief.directory.models import TaxonomyTerm
from collectief.insights.access import (
    get_gemeente_for_user,
    get_wijk_for_user,
    get_wijkbeeld_organisation_for_user,
    may_see_signals,
)
from collectief.insights.choropleth import build_choropleth
from collectief.insights.display import value_text
from collectief.insights.exports import FORMATS, export_heat_table
from collectief.insights.funnel import build_funnel
from collectief.insights.heat import heat_table
from collectief.insights.provision_ranking import provision_table
from collectief.insights.ranking import Ranking, rank_theme
from collectief.insights.services import area_trend, provision_counts
from collectief.insights.trendchart import build_trend_charts
from collectief.insights.wijkbeeld import attach_projects, build_wijk_page
from collectief.lib.disclosure import MIN_RATE_DENOMINATOR, ROUNDING, SMALL_SIGN, THRESHOLD
from collectief.lib.errors import ServiceError
from collectief.signals.access import gemeenten_of


@login_required
def overview(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_wijkbeeld_organisation_for_user(request.user, organisation_slug)
    gemeenten = gemeenten_of(organisation)
    wijken = Area.objects.filter(parent__in=gemeenten, level=Area.Level.WIJK).order_by("name")
    by_gemeente = [(g, [w for w in wijken if w.parent_id == g.pk]) for g in gemeenten]
    return render(
        request,
        "insights/overview.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "by_gemeente": by_gemeente,
        },
    )


@login_required
def area_page(request: HttpRequest, organisation_slug: str, area_code: str) -> HttpResponse:
    organisation, wijk = get_wijk_for_user(request.user, organisation_slug, area_code)
    page = build_wijk_page(
        wijk, with_signals=may_see_signals(request.user), today=timezone.localdate()
    )
    attach_projects(page, organisation)
    trend = area_trend(wijk)
    # Each category's latest count, with its comparison when the ranking is of that year.
    provision_rows = []
    for item, shown in provision_counts(wijk):
        line = page.provisions.get(item.category_id)
        provision_rows.append(
            (item, shown, line if line is not None and line.ranking.year == item.year else None)
        )
    indicator_rows = [
        {
            "line": line,
            "value": value_text(line.row.value),
            "gemeente": value_text(line.row.gemeente) if line.row.gemeente else "",
            "gemeente_year": line.row.gemeente.year if line.row.gemeente else None,
            "country": value_text(line.row.country) if line.row.country else "",
            "country_year": line.row.country.year if line.row.country else None,
        }
        for line in page.indicators
    ]
    return render(
        request,
        "insights/area.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "page": page,
            "wijk": wijk,
            "indicator_rows": indicator_rows,
            "provision_rows": provision_rows,
            "provisions_demo": any(item.is_demo for item, _shown, _line in provision_rows),
            "trend": trend,
            "trend_charts": build_trend_charts(trend),
            "trend_rows": [
                (indicator, [value_text(v) if v is not None else "–" for v in cells])
                for indicator, cells in trend.rows
            ],
            "can_start_project": can_edit(request.user, organisation),
            "is_demo": any(line.row.value.is_demo for line in page.indicators),
            "small_sign": SMALL_SIGN,
            "threshold": THRESHOLD,
            "rounding": ROUNDING,
            "min_rate": MIN_RATE_DENOMINATOR,
        },
    )


@login_required
def gemeente_page(
    request: HttpRequest, organisation_slug: str, gemeente_code: str
) -> HttpResponse:
    """Wijken × themes: the comparison with the gemeente and the gaps, sortable per theme."""
    organisation, gemeente = get_gemeente_for_user(request.user, organisation_slug, gemeente_code)
    # An unknown theme in ?sorteer= is ignored: the table is then sorted by name.
    table = heat_table(gemeente, sort_by=request.GET.get("sorteer", "").strip())
    return render(
        request,
        "insights/gemeente.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "gemeente": gemeente,
            "table": table,
            # The map shows the theme the table is sorted by (else the first theme).
            "map": build_choropleth(table, request.GET.get("sorteer", "").strip()),
            "provisions": provision_table(gemeente),
            "sorted_by": request.GET.get("sorteer", "").strip(),
            "small_sign": SMALL_SIGN,
            "rounding": ROUNDING,
            "min_rate": MIN_RATE_DENOMINATOR,
        },
    )


@login_required
def gemeente_export(
    request: HttpRequest, organisation_slug: str, gemeente_code: str, fmt: str
) -> HttpResponse:
    """The gemeente table as CSV or XLSX: the same cells and the same suppression as the page."""
    _organisation, gemeente = get_gemeente_for_user(request.user, organisation_slug, gemeente_code)
    if fmt not in FORMATS:
        raise Http404
    table = heat_table(gemeente, sort_by=request.GET.get("sorteer", "").strip())
    content, content_type, filename = export_heat_table(table, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def theme_page(
    request: HttpRequest, organisation_slug: str, gemeente_code: str, theme_code: str
) -> HttpResponse:
    """One theme: the funnel plot of the wijken with the ranking table beside it."""
    organisation, gemeente = get_gemeente_for_user(request.user, organisation_slug, gemeente_code)
    theme = TaxonomyTerm.objects.themes().filter(code=theme_code).first()
    if theme is None:
        raise Http404
    try:
        ranking: Ranking | None = rank_theme(gemeente, theme)
    except ServiceError:
        ranking = None  # no count indicator for this theme: the page says so
    return render(
        request,
        "insights/theme.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "gemeente": gemeente,
            "theme": theme,
            "ranking": ranking,
            "rows": ranking.rows if ranking else [],
            "funnel": build_funnel(ranking) if ranking else None,
            "small_sign": SMALL_SIGN,
            "rounding": ROUNDING,
            "min_rate": MIN_RATE_DENOMINATOR,
        },
    )
