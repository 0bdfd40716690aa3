"""Reports: an initiative's own magazine, built from what it keeps in Collectief.

``Report``
    Belongs to an ``Organisation``. A title, an optional period ("2022" or
    "2022-03/2023-02", see ``collectief.lib.periods``), a template (magazine
    or eindrapport), the organisation's colour and logo, and whether the
    published version may be read at a public link. The report itself is the
    draft: it is always built from live data.
``ReportSection``
    The editor's choices per section of the report: whether it is in,
    its position, and the intro the organisation wrote. ``key`` is the key of
    a section builder in ``collectief.reports.sections``; a key whose builder
    is not installed is ignored.
``ReportVersion``
    A published, frozen copy: the rendered HTML and the data of every section
    at the moment of publishing. Later edits change the draft only;
    publishing again makes the next version.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_public_token() -> str:
    return secrets.token_urlsafe(12)


class ReportQuerySet(models.QuerySet["Report"]):
    def for_organisation(self, organisation: Any) -> ReportQuerySet:
        return self.filter(organisation=organisation)


class Report(models.Model):
    class Template(models.TextChoices):
        MAGAZINE = "magazine", _("magazine (two columns, quotes, colour)")
        FINAL_REPORT = "eindrapport", _("final report (sober, one column)")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    period = models.CharField(
        _("period"),
        max_length=20,
        blank=True,
        help_text=_("A year (2022) or months from/to (2022-03/2023-02). Empty: everything."),
    )
    template = models.CharField(
        _("template"), max_length=12, choices=Template.choices, default=Template.MAGAZINE
    )
    colour = models.CharField(
        _("colour"),
        max_length=7,
        blank=True,
        help_text=_("As #rrggbb. Empty: the colour of your change story poster."),
    )
    logo = models.ImageField(_("logo or photo"), upload_to="reports/", blank=True)
    logo_alt = models.CharField(_("description of the logo or photo"), max_length=200, blank=True)
    public_token = models.CharField(max_length=32, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["public_token"],
                condition=~Q(public_token=""),
                name="reports_report_unique_public_token",
            ),
            models.CheckConstraint(
                condition=Q(colour="") | Q(colour__regex=r"^#[0-9a-fA-F]{6}$"),
                name="reports_report_colour_hex",
            ),
            models.CheckConstraint(
                condition=Q(logo="") | ~Q(logo_alt=""),
                name="reports_report_logo_has_alt",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return bool(self.public_token)


class ReportSection(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=50)
    position = models.PositiveIntegerField(default=0)
    included = models.BooleanField(_("in the report"), default=True)
    intro = models.TextField(_("introduction"), blank=True, max_length=5000)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="reports_section_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}:{self.key}"


class ReportVersion(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    template = models.CharField(max_length=12, choices=Report.Template.choices)
    # The report's body as rendered at publishing (links relative to the site).
    html = models.TextField()
    # Every section's data at publishing (sections.SectionContent as JSON).
    data = models.JSONField(default=dict)
    # The colours at publishing, so the frozen copy keeps its look.
    colours = models.JSONField(default=dict)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="reports_version_unique_number"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="reports_version_number_1"),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"
