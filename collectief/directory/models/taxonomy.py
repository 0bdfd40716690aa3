"""Taxonomies of the sociale kaart: themes, target groups and imported terms.

:class:`Taxonomy` and :class:`TaxonomyTerm` (HSDS ``taxonomy`` and
``taxonomy_term``). The two Collectief taxonomies have fixed ids (see
``base``); a term's ``code`` is the short name used in web addresses and
filters.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from collectief.directory.models.base import (
    TARGET_GROUPS_TAXONOMY_ID,
    THEMES_TAXONOMY_ID,
    HsdsModel,
)
from collectief.lib.safe_urls import SafeURLField


class Taxonomy(HsdsModel):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    uri = SafeURLField(_("web address"), blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self) -> str:
        return self.name


class TaxonomyTermQuerySet(models.QuerySet["TaxonomyTerm"]):
    def themes(self) -> TaxonomyTermQuerySet:
        return self.filter(taxonomy_detail_id=THEMES_TAXONOMY_ID)

    def target_groups(self) -> TaxonomyTermQuerySet:
        return self.filter(taxonomy_detail_id=TARGET_GROUPS_TAXONOMY_ID)


class TaxonomyTerm(HsdsModel):
    """A theme (eenzaamheid, wonen, …), a target group (ouderen, …) or an imported term.

    ``code`` is the short name used in web addresses and filters for the
    Collectief taxonomies (for example ``eenzaamheid``).
    """

    taxonomy_detail = models.ForeignKey(
        Taxonomy,
        verbose_name=_("taxonomy"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="terms",
        db_column="taxonomy_id",
    )
    code = models.CharField(_("code"), max_length=100, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    taxonomy = models.CharField(_("taxonomy name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=20, blank=True)
    term_uri = SafeURLField(_("web address"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TaxonomyTermQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")

    def __str__(self) -> str:
        return self.name
