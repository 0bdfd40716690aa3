"""Wijkbeeld: indicators per area and year, from CBS tables (issue 12).

``Indicator`` is the catalogue: one row per thing that is measured, named by
its CBS key stem (``AantalInwoners`` for ``AantalInwoners_5``: the numeric
suffix changes every year, the stem does not). ``IndicatorValue`` is one
number, or one CBS sign, for a region in a year, with where it came from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from collectief.directory.models import THEMES_TAXONOMY_ID


class Indicator(models.Model):
    """What is measured, how to read it and which themes it tells about."""

    class Unit(models.TextChoices):
        COUNT = "count", _("number of people or households")
        PERCENT = "percent", _("percentage")
        PER_1000 = "per_1000", _("per 1,000 inhabitants")
        AMOUNT = "amount", _("amount in thousands of euros")
        OTHER = "other", _("other number")

    class Direction(models.TextChoices):
        HIGHER_WORSE = "higher_worse", _("higher is worse")
        HIGHER_BETTER = "higher_better", _("higher is better")
        NEUTRAL = "neutral", _("neither better nor worse")

    # The CBS key without its numeric suffix, e.g. "PersonenPerSoortUitkeringBijstand".
    key = models.CharField(_("CBS key stem"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    # The title in CBS DataProperties / MeasureCodes, for files whose key stem differs.
    cbs_title = models.CharField(_("CBS title"), max_length=200, blank=True)
    # The stable code of the CBS OData v4 API (e.g. "D006842"), the same in every year.
    measure_code = models.CharField(_("CBS measure code"), max_length=20, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    denominator = models.ForeignKey(
        "self",
        verbose_name=_("denominator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="numerators",
        help_text=_("The population the count is a part of, for rates and expected counts."),
    )
    direction = models.CharField(
        _("direction"), max_length=15, choices=Direction.choices, default=Direction.NEUTRAL
    )
    # The one theme list of the product: the sociale-kaart themes.
    themes = models.ManyToManyField(
        "directory.TaxonomyTerm",
        verbose_name=_("themes"),
        blank=True,
        related_name="indicators",
        limit_choices_to={"taxonomy_detail_id": THEMES_TAXONOMY_ID},
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.title

    @property
    def can_rank(self) -> bool:
        """Only counts with a population behind them can be compared as observed/expected."""
        return self.unit == self.Unit.COUNT and self.denominator_id is not None


class IndicatorValue(models.Model):
    """One value of an indicator for a region in a year, or the CBS sign for why it is missing."""

    # The table id of made-up demo values (insights/demo.py); pages mark them as demo.
    DEMO_TABLE = "DEMO"

    class Status(models.TextChoices):
        OK = "ok", _("number")
        UNKNOWN = "unknown", _("unknown or not reliable enough (.)")
        SECRET = "secret", _("secret (x)")
        NIL = "nil", _("nil (-)")

    class Level(models.TextChoices):
        COUNTRY = "land", _("country")
        GEMEENTE = "gemeente", _("municipality")
        WIJK = "wijk", _("district")
        BUURT = "buurt", _("neighbourhood")

    # No single-column indexes on the two foreign keys: each is the first column of an
    # index below (the unique constraint and "indicatorvalue_area"), and every extra
    # index costs time on an import of 1.7 million values (docs/performance.md).
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", db_index=False
    )
    # The CBS region code as in the file (NL01, GM0034, WK003401, BU00340201).
    region = models.CharField(_("CBS region code"), max_length=10)
    # Null only for the country, which is not an area in Collectief.
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_values",
        db_index=False,
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=3, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # Provenance: the CBS table the value was read from.
    table_id = models.CharField(_("CBS table"), max_length=20)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        ordering = ["indicator", "region", "year"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "year"], name="indicatorvalue_once_per_year"
            ),
            # A number for "ok" and "nil" (nil is 0); no number for unknown and secret.
            models.CheckConstraint(
                condition=models.Q(value__isnull=True, status__in=["unknown", "secret"])
                | models.Q(value__isnull=False, status__in=["ok", "nil"]),
                name="indicatorvalue_value_matches_status",
            ),
            models.CheckConstraint(
                condition=models.Q(level="land", area__isnull=True)
                | (~models.Q(level="land") & models.Q(area__isnull=False)),
                name="indicatorvalue_area_unless_country",
            ),
        ]
        indexes = [models.Index(fields=["area", "indicator", "year"], name="indicatorvalue_area")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.region} {self.year}: {self.value} ({self.status})"

    @property
    def is_demo(self) -> bool:
        return self.table_id == self.DEMO_TABLE

    @property
    def is_number(self) -> bool:
        """A number to show: "nil" (-) counts as 0."""
        return self.status in (self.Status.OK, self.Status.NIL)


class ProvisionCategory(models.Model):
    """A kind of individual provision the gemeente grants (beschikkingen), editable in the admin."""

    class Law(models.TextChoices):
        WMO = "wmo", "Wmo"
        JEUGDWET = "jeugdwet", "Jeugdwet"
        PARTICIPATIEWET = "participatiewet", "Participatiewet"
        SCHULDHULP = "schuldhulp", _("debt counselling")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    law = models.CharField(_("law"), max_length=20, choices=Law.choices)
    themes = models.ManyToManyField(
        "directory.TaxonomyTerm",
        verbose_name=_("themes"),
        blank=True,
        related_name="provision_categories",
        limit_choices_to={"taxonomy_detail_id": THEMES_TAXONOMY_ID},
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("provision category")
        verbose_name_plural = _("provision categories")

    def __str__(self) -> str:
        return self.name


class ProvisionCount(models.Model):
    """How many beschikkingen of a category an area had in a year: a count, never a person."""

    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        on_delete=models.CASCADE,
        related_name="provision_counts",
    )
    category = models.ForeignKey(
        ProvisionCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="counts",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    count = models.PositiveIntegerField(_("number"))
    # Made-up numbers of the demo (insights/demo.py); pages mark them as demo.
    is_demo = models.BooleanField(_("demo"), default=False)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        ordering = ["area", "category", "year"]
        verbose_name = _("number of beschikkingen")
        verbose_name_plural = _("numbers of beschikkingen")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "category", "year"], name="provisioncount_once_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_id} {self.category_id} {self.year}: {self.count}"


# --- The gemeente's opdracht per wijkteam (issue 13 point 8) --------------------------


class GoalMeasure(models.TextChoices):
    """What a goal counts; only what Collectief itself can measure honestly.

    ``projecten``: the team's collective projects in the gemeente past step 1
    (plan, carrying out or learning), as owner or current partner. ``kansen``:
    the percentage of the wijkbeeld's gaps in the gemeente (a theme clearly
    above the gemeente with no collective provision nearby) on which the team
    takes part in a project. Casework itself ("individueel waar nodig") is not
    in Collectief and is not measured.
    """

    PROJECTS = "projecten", _("collective projects past step 1")
    GAPS = "kansen", _("percentage of the wijkbeeld's gaps with a project")


class TeamGoal(models.Model):
    """A goal the gemeente sets a wijkteam: "collectief waar mogelijk, individueel waar nodig"."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="goals_set",
    )
    team = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("wijkteam"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    gemeente = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    measure = models.CharField(_("measure"), max_length=20, choices=GoalMeasure.choices)
    target = models.PositiveIntegerField(_("target"))
    year = models.PositiveSmallIntegerField(_("year"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["team__name", "measure"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "team", "gemeente", "measure", "year"],
                name="goal_once_per_year",
            ),
            models.CheckConstraint(
                condition=models.Q(measure__in=GoalMeasure.values), name="goal_measure_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(target__gte=1)
                & (~models.Q(measure="kansen") | models.Q(target__lte=100)),
                name="goal_target_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(team=models.F("organisation")), name="goal_for_another_team"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team_id}: {self.measure} {self.target} ({self.year})"
