"""A theme's rankings, from every source of counts it has (issue 12 points 3 and 7).

A theme is ranked on what is counted about it: its CBS count indicator
(``ranking.theme_indicator``: bijstand for geldzorgen, jeugdzorg for
opvoeden) and the beschikkingen of every provision category linked to it
(begeleiding for psychische gezondheid, dagbesteding for ontmoeting). Some
themes have only beschikkingen, some only a CBS count, some both. Each
source is ranked on its own, with the same arithmetic and the same
disclosure control (``ranking.rank_rows``); they are never added up, because
a person can have bijstand and a beschikking at once.

The theme page shows every source (a funnel plot and a table each); the
command line and the API give one source per request: the one asked for, or
else the first that has figures (the CBS count first, then the categories in
their order). The page, its exports, the command line and the API all call
this module, so they show the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from collectief.areas.models import Area
from collectief.directory.models import TaxonomyTerm
from collectief.insights.heat import HeatTable
from collectief.insights.models import Indicator, ProvisionCategory
from collectief.insights.provision_ranking import ProvisionTable, rank_provisions
from collectief.insights.ranking import RankRow, rank_indicator, sentence_about, theme_indicator
from collectief.lib.errors import ServiceError
from collectief.signals.summary import theme_list

CBS = "cbs"
BESCHIKKINGEN = "beschikkingen"


@dataclass(frozen=True)
class ThemeRanking:
    """The wijken of a gemeente on one source of counts for a theme."""

    gemeente: Area
    theme: TaxonomyTerm
    kind: str  # CBS or BESCHIKKINGEN
    indicator: Indicator | None  # the CBS count, for kind CBS
    category: ProvisionCategory | None  # the provision category, for kind BESCHIKKINGEN
    year: int | None
    rows: list[RankRow]
    without_data: list[Area]
    is_demo: bool

    @property
    def title(self) -> str:
        """What is counted, as a heading: "Mensen met bijstand", "Beschikkingen: Begeleiding"."""
        if self.category is not None:
            return _("Beschikkingen: %(category)s") % {"category": self.category.name}
        assert self.indicator is not None
        return self.indicator.title

    @property
    def subject(self) -> str:
        """What is counted, in a sentence: "mensen met bijstand", "beschikkingen voor …"."""
        if self.category is not None:
            name = self.category.name
            return _("beschikkingen for %(category)s") % {"category": name[:1].lower() + name[1:]}
        assert self.indicator is not None
        title = self.indicator.title
        return title[:1].lower() + title[1:]

    @property
    def source(self) -> str:
        """The source's code in addresses and on the command line: "cbs" or the category code."""
        return self.category.code if self.category is not None else CBS

    def sentence(self, row: RankRow) -> str:
        return sentence_about(row, self.subject, self.gemeente)

    def row_for(self, area: Area) -> RankRow | None:
        return next((r for r in self.rows if r.area.pk == area.pk), None)

    def as_dict(self) -> dict[str, Any]:
        """The JSON of issue 12 point 7: ``{"rows": [...]}``, nothing more."""
        return {"rows": [row.as_dict() for row in self.rows]}


def theme_rankings(gemeente: Area, theme: TaxonomyTerm) -> list[ThemeRanking]:
    """Every source of the theme: the CBS count first, then the categories with counts."""
    found: list[ThemeRanking] = []
    indicator = theme_indicator(theme)
    if indicator is not None:
        ranking = rank_indicator(gemeente, indicator)
        found.append(
            ThemeRanking(
                gemeente=gemeente,
                theme=theme,
                kind=CBS,
                indicator=indicator,
                category=None,
                year=ranking.year,
                rows=ranking.rows,
                without_data=ranking.without_data,
                is_demo=False,
            )
        )
    linked = set(theme.provision_categories.values_list("pk", flat=True))
    if linked:
        found.extend(
            ThemeRanking(
                gemeente=gemeente,
                theme=theme,
                kind=BESCHIKKINGEN,
                indicator=None,
                category=provision.category,
                year=provision.year,
                rows=provision.rows,
                without_data=provision.without_data,
                is_demo=provision.is_demo,
            )
            for provision in rank_provisions(gemeente, category_ids=linked)
        )
    return found


def no_source_error(theme: TaxonomyTerm) -> ServiceError:
    return ServiceError(
        _("No count indicator and no beschikkingen are linked to the theme %(theme)s.")
        % {"theme": theme.name},
        field="theme",
    )


def theme_ranking(gemeente: Area, theme: TaxonomyTerm, *, source: str = "") -> ThemeRanking:
    """One source of the theme: ``source`` ("cbs" or a category code), else the first with rows.

    ServiceError (field "theme") when the theme has no source at all, or
    (field "source") when the source asked for is not one of the theme's.
    """
    if gemeente.level != Area.Level.GEMEENTE:
        raise ServiceError(_("A ranking is made for a whole municipality."), field="gemeente")
    rankings = theme_rankings(gemeente, theme)
    if source:
        for ranking in rankings:
            if ranking.source == source:
                return ranking
        known = ", ".join(r.source for r in rankings) or "-"
        raise ServiceError(
            _(
                "The theme %(theme)s has no figures from '%(source)s' in this municipality. "
                "It has: %(known)s."
            )
            % {"theme": theme.name, "source": source, "known": known},
            field="source",
        )
    if not rankings:
        raise no_source_error(theme)
    return next((r for r in rankings if r.rows), rankings[0])


def ranked_themes(table: HeatTable, provisions: ProvisionTable) -> list[TaxonomyTerm]:
    """The themes of the gemeente page with a theme page to link to, in the product's order.

    A theme with a column in the heat table (a CBS count), or one linked to a
    category of beschikkingen in the gemeente's beschikkingen table. One query.
    """
    wanted = {theme.pk for theme, _indicator in table.columns}
    categories = [ranking.category.pk for ranking in provisions.rankings]
    if categories:
        wanted |= set(
            ProvisionCategory.themes.through.objects.filter(
                provisioncategory_id__in=categories
            ).values_list("taxonomyterm_id", flat=True)
        )
    return [theme for theme in theme_list() if theme.pk in wanted]
