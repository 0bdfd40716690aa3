"""Rode draden: signals from the wijk (issue 11, DESIGN.md §4).

A signal is one observation that a theme plays in an area: never a case
file. It holds no client, name, address, date of birth or BSN. The optional
note is de-identified by ``services.record_signal`` before it is stored
(``deidentify.py``); the raw text never reaches a model, so nothing here
can hold it. Notes are removed after ``SIGNAL_NOTE_RETENTION_DAYS``; the
signal itself stays as a count.

``ImportedCount`` holds counts that teams registered elsewhere and bring in
by file: one number per (organisation, area, theme, month, source role),
so importing the same file twice changes nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

NOTE_MAX_LENGTH = 500
MAX_THEMES = 3


class SourceRole(models.TextChoices):
    """Who noticed it. The values are data formats (CLI, API, files): Dutch slugs."""

    WIJKTEAM = "wijkteam", _("neighbourhood team")
    HUISARTS = "huisarts", _("GP")
    WIJKAGENT = "wijkagent", _("community police officer")
    CORPORATIE = "corporatie", _("housing association")
    MELDPUNT = "meldpunt", _("reporting point")
    GGZ = "ggz", _("mental health care")
    JONGERENWERK = "jongerenwerk", _("youth work")
    WELZIJN = "welzijn", _("welfare work")
    BEWONER = "bewoner", _("resident")
    ANDERS = "anders", _("other")


class AgeBand(models.TextChoices):
    """Optional, and deliberately coarse: an exact age would help identify someone."""

    UNDER_18 = "0-17", _("0 to 17 years")
    YOUNG_ADULT = "18-26", _("18 to 26 years")
    ADULT = "27-65", _("27 to 65 years")
    OLDER = "65+", _("over 65")


class Channel(models.TextChoices):
    """How the signal came in (for the team's own overview, not for counting)."""

    QUICK = "snel", _("quick entry")
    ANTENNA = "antenne", _("antenna form")
    API = "api", _("API")
    CLI = "cli", _("command line")


class SignalQuerySet(models.QuerySet["Signal"]):
    def for_organisation(self, organisation: object) -> SignalQuerySet:
        return self.filter(organisation=organisation)


class Signal(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="signals",
    )
    # A buurt or a wijk (services.record_signal refuses a gemeente: too coarse
    # to discuss, and the summary adds buurten up to their wijk).
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="signals"
    )
    # One to three themes from the one theme list of the product: the
    # sociale-kaart themes (directory.TaxonomyTerm in the themes taxonomy).
    themes = models.ManyToManyField(
        "directory.TaxonomyTerm",
        verbose_name=_("themes"),
        through="SignalTheme",
        related_name="signals",
    )
    source_role = models.CharField(
        _("source"), max_length=20, choices=SourceRole.choices, default=SourceRole.WIJKTEAM
    )
    age_band = models.CharField(_("age"), max_length=5, choices=AgeBand.choices, blank=True)
    date = models.DateField(_("date"))
    # Only ever the redacted text (deidentify.redact); empty after the
    # retention period.
    note = models.TextField(_("note (de-identified)"), max_length=NOTE_MAX_LENGTH, blank=True)
    channel = models.CharField(
        _("entered via"), max_length=10, choices=Channel.choices, default=Channel.QUICK
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)
    note_removed_at = models.DateTimeField(_("note removed"), null=True, blank=True)

    objects = SignalQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [
            models.Index(fields=["organisation", "date"], name="signal_org_date"),
            models.Index(fields=["area", "date"], name="signal_area_date"),
            # The daily purge looks for old notes that are still there.
            models.Index(fields=["created_at"], name="signal_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source_role__in=SourceRole.values),
                name="signal_source_role_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(age_band="") | models.Q(age_band__in=AgeBand.values),
                name="signal_age_band_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=Channel.values), name="signal_channel_valid"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("note"), NOTE_MAX_LENGTH),
                name="signal_note_max_length",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.date:%Y-%m-%d}"


class SignalTheme(models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="signal_themes")
    theme = models.ForeignKey(
        "directory.TaxonomyTerm", on_delete=models.PROTECT, related_name="signal_themes"
    )

    class Meta:
        verbose_name = _("theme of a signal")
        verbose_name_plural = _("themes of signals")
        constraints = [
            models.UniqueConstraint(fields=["signal", "theme"], name="signal_theme_once"),
        ]
        indexes = [models.Index(fields=["theme", "signal"], name="signaltheme_theme")]

    def __str__(self) -> str:
        return f"{self.signal_id}: {self.theme_id}"


class SignalCount(models.Model):
    """Theme mentions per month × area × theme × organisation: what the summary reads.

    A running total kept by database triggers (migration 0003), in the same
    transaction as every insert, update or delete of a signal or of its
    themes, whatever wrote it: a service, the import, the demo, a cascade
    when an organisation is removed. The summary then adds up a few thousand
    of these rows instead of grouping every signal of two months
    (docs/performance.md). ``collectief signals recount`` rebuilds the table
    from the signals; ``mentions.count_from_signals`` is the slow reference.

    No foreign-key constraints: the triggers keep the rows right, and a
    constraint would make Django's deletion order matter. A row that drops to
    0 stays (adding 0 changes nothing); a rebuild removes it.
    """

    month = models.DateField()  # the first day of the month of Signal.date
    area = models.ForeignKey(
        "areas.Area",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    theme = models.ForeignKey(
        "directory.TaxonomyTerm",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    mentions = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("count of signals")
        verbose_name_plural = _("counts of signals")
        # The month first: the summary asks for two months and the wijken of
        # one gemeente. The triggers' upserts use the same index.
        constraints = [
            models.UniqueConstraint(
                fields=["month", "area", "theme", "organisation"], name="signal_count_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.area_id} {self.theme_id}: {self.mentions}"


class ImportedCount(models.Model):
    """A number of signals per area × theme × month × source, registered elsewhere."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="imported_signal_counts",
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="imported_signal_counts",
    )
    theme = models.ForeignKey(
        "directory.TaxonomyTerm",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        related_name="imported_signal_counts",
    )
    # The first day of the month counted (services.import_counts sets it).
    period = models.DateField(_("month"))
    source_role = models.CharField(_("source"), max_length=20, choices=SourceRole.choices)
    count = models.PositiveIntegerField(_("number of signals"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        ordering = ["-period", "area__code"]
        verbose_name = _("imported count")
        verbose_name_plural = _("imported counts")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "area", "theme", "period", "source_role"],
                name="imported_count_once_per_cell",
            ),
            models.CheckConstraint(
                condition=models.Q(count__gte=0), name="imported_count_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(source_role__in=SourceRole.values),
                name="imported_count_source_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.period:%Y-%m}: {self.count}"


class Discussion(models.Model):
    """The team's record of bespreken one wijk and month (issue 11 point 7).

    Written by the team about the suppressed summary, never about a person:
    the form says so, and the texts are professional notes, not case notes.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="signal_discussions",
    )
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("wijk"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.DateField(_("month"))  # the first day of the month discussed
    recognised = models.TextField(_("Do we recognise this?"), max_length=2000, blank=True)
    unknown = models.TextField(_("What do we not know yet?"), max_length=2000, blank=True)
    approach = models.TextField(_("What do we take up?"), max_length=2000, blank=True)
    discussed_on = models.DateField(_("discussed on"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-period", "area__code"]
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "area", "period"], name="discussion_once_per_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.period:%Y-%m}"


class Action(models.Model):
    """Something the team takes up after bespreken: who, by when, how far."""

    class Status(models.TextChoices):
        OPEN = "open", _("to do")
        BUSY = "bezig", _("in progress")
        DONE = "klaar", _("done")
        DROPPED = "vervallen", _("dropped")

    class Kind(models.TextChoices):
        TASK = "actie", _("action")
        # Stored as an intent: the routekaart (projects) links it to a project.
        PROJECT = "project", _("start a collective project")

    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("what"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TASK)
    theme = models.ForeignKey(
        "directory.TaxonomyTerm",
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner = models.CharField(
        _("who"),
        max_length=120,
        help_text=_("A colleague or partner who takes it up: never a resident."),
    )
    due_date = models.DateField(_("by when"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "due_date", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "bezig", "klaar", "vervallen"]),
                name="action_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["actie", "project"]), name="action_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.description
