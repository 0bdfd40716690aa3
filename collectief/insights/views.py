"""Wijkbeeld pages: the wijken of the organisation's gemeenten, and one wijk in full."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from collectief.accounts.access import can_edit
from collectief.areas.lookup import MAX_QUERY_LENGTH
from collectief.areas.models import Area
from collectief.directory.models import TaxonomyTerm
from collectief.insights.access import (
    get_gemeente_for_user,
    get_wijk_for_user,
    get_wijkbeeld_organisation_for_user,
    may_see_signals,
    may_upload_counts,
)
from collectief.insights.choropleth import build_choropleth
from collectief.insights.counts_template import counts_template
from collectief.insights.exports import (
    FORMATS,
    WIJK_TABLES,
    export_heat_table,
    export_provision_table,
    export_ranking,
    export_wijk_table,
)
from collectief.insights.funnel import build_funnel
from collectief.insights.heat import heat_table
from collectief.insights.provision_ranking import provision_table
from collectief.insights.theme_ranking import ranked_themes, theme_rankings
from collectief.insights.trendchart import build_trend_charts
from collectief.insights.wijk_tables import as_context, wijk_tables
from collectief.insights.wijkbeeld import find_areas
from collectief.lib.disclosure import MIN_RATE_DENOMINATOR, ROUNDING, SMALL_SIGN, THRESHOLD
from collectief.signals.access import gemeenten_of


@login_required
def overview(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_wijkbeeld_organisation_for_user(request.user, organisation_slug)
    gemeenten = gemeenten_of(organisation)
    wijken = Area.objects.filter(parent__in=gemeenten, level=Area.Level.WIJK).order_by("name")
    by_gemeente = [(g, [w for w in wijken if w.parent_id == g.pk]) for g in gemeenten]
    query = request.GET.get("zoek", "").strip()[:MAX_QUERY_LENGTH]
    return render(
        request,
        "insights/overview.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "by_gemeente": by_gemeente,
            "query": query,
            "found": find_areas(query, gemeenten) if query else [],
        },
    )


@login_required
def area_page(request: HttpRequest, organisation_slug: str, area_code: str) -> HttpResponse:
    organisation, wijk = get_wijk_for_user(request.user, organisation_slug, area_code)
    tables = wijk_tables(
        wijk,
        organisation,
        with_signals=may_see_signals(request.user),
        today=timezone.localdate(),
    )
    return render(
        request,
        "insights/area.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "wijk": wijk,
            **as_context(tables),
            "trend_charts": build_trend_charts(tables.trend),
            "can_start_project": can_edit(request.user, organisation),
            "small_sign": SMALL_SIGN,
            "threshold": THRESHOLD,
            "rounding": ROUNDING,
            "min_rate": MIN_RATE_DENOMINATOR,
        },
    )


@login_required
def area_export(
    request: HttpRequest, organisation_slug: str, area_code: str, table: str, fmt: str
) -> HttpResponse:
    """One table of the wijk page as CSV or XLSX, with the page's access and suppression.

    The rode draden column is in the themes table only for a user whose page
    shows it (two-factor login), as on the page.
    """
    organisation, wijk = get_wijk_for_user(request.user, organisation_slug, area_code)
    if fmt not in FORMATS or table not in WIJK_TABLES:
        raise Http404
    tables = wijk_tables(
        wijk,
        organisation,
        with_signals=may_see_signals(request.user),
        today=timezone.localdate(),
    )
    return _download(export_wijk_table(tables, table, fmt))


def _download(export: tuple[bytes, str, str]) -> HttpResponse:
    content, content_type, filename = export
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def gemeente_page(
    request: HttpRequest, organisation_slug: str, gemeente_code: str
) -> HttpResponse:
    """Wijken × themes: the comparison with the gemeente and the gaps, sortable per theme."""
    organisation, gemeente = get_gemeente_for_user(request.user, organisation_slug, gemeente_code)
    # An unknown theme in ?sorteer= is ignored: the table is then sorted by name.
    sort_by = request.GET.get("sorteer", "").strip()
    table = heat_table(gemeente, sort_by=sort_by)
    provisions = provision_table(gemeente)
    return render(
        request,
        "insights/gemeente.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "gemeente": gemeente,
            "table": table,
            # The map shows the theme the table is sorted by (else the first theme).
            "map": build_choropleth(table, sort_by),
            "provisions": provisions,
            "theme_links": ranked_themes(table, provisions),
            "sorted_by": sort_by,
            # The download follows the page's sorting.
            "export_query": f"?{urlencode({'sorteer': sort_by})}" if sort_by else "",
            "small_sign": SMALL_SIGN,
            "rounding": ROUNDING,
            "min_rate": MIN_RATE_DENOMINATOR,
            "may_upload_counts": may_upload_counts(request.user, organisation),
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
    return _download(export_heat_table(table, fmt))


@login_required
def provisions_export(
    request: HttpRequest, organisation_slug: str, gemeente_code: str, fmt: str
) -> HttpResponse:
    """The gemeente page's beschikkingen table as CSV or XLSX, as the page shows it."""
    _organisation, gemeente = get_gemeente_for_user(request.user, organisation_slug, gemeente_code)
    if fmt not in FORMATS:
        raise Http404
    return _download(export_provision_table(provision_table(gemeente), fmt, gemeente.code))


@login_required
def counts_template_download(
    request: HttpRequest, organisation_slug: str, gemeente_code: str, fmt: str
) -> HttpResponse:
    """The empty beschikkingen template, linked from the gemeente page and with its access."""
    get_gemeente_for_user(request.user, organisation_slug, gemeente_code)
    if fmt not in FORMATS:
        raise Http404
    return _download(counts_template(fmt))


def _theme_for(theme_code: str) -> TaxonomyTerm:
    theme = TaxonomyTerm.objects.themes().filter(code=theme_code).first()
    if theme is None:
        raise Http404
    return theme


@login_required
def theme_page(
    request: HttpRequest, organisation_slug: str, gemeente_code: str, theme_code: str
) -> HttpResponse:
    """One theme: per source of counts (CBS, beschikkingen) a funnel plot with its table beside it."""
    organisation, gemeente = get_gemeente_for_user(request.user, organisation_slug, gemeente_code)
    theme = _theme_for(theme_code)
    rankings = theme_rankings(gemeente, theme)
    return render(
        request,
        "insights/theme.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "gemeente": gemeente,
            "theme": theme,
            "sections": [(ranking, build_funnel(ranking)) for ranking in rankings],
            "small_sign": SMALL_SIGN,
            "rounding": ROUNDING,
            "min_rate": MIN_RATE_DENOMINATOR,
        },
    )


@login_required
def theme_export(
    request: HttpRequest,
    organisation_slug: str,
    gemeente_code: str,
    theme_code: str,
    source: str,
    fmt: str,
) -> HttpResponse:
    """The table beside one funnel plot as CSV or XLSX (``source``: "cbs" or a category code)."""
    _organisation, gemeente = get_gemeente_for_user(request.user, organisation_slug, gemeente_code)
    theme = _theme_for(theme_code)
    if fmt not in FORMATS:
        raise Http404
    ranking = next((r for r in theme_rankings(gemeente, theme) if r.source == source), None)
    if ranking is None:
        raise Http404
    return _download(export_ranking(ranking, fmt))
