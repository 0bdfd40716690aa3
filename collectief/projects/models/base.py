"""Routekaart: the project, its partners and step 1 (issue 13, magazine p. 16-21).

A project is a common social question in one wijk, on one theme of the
shared theme list (the sociale-kaart themes, like signals). One
organisation owns it; partner organisations join and may leave. A
partnership that ends keeps its row with the date it ended, so the history
of who took part is never lost. Residents and ervaringsdeskundigen are
counted, never named: names would need recorded consent, which this round
does not ask for.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TITLE_MAX_LENGTH = 150
QUESTION_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 500
NOTE_MAX_LENGTH = 1000


class Step(models.IntegerChoices):
    """The four steps of the routekaart (p. 16-17); the number is the data format."""

    EXPLORE = 1, _("1. Explore")
    PLAN = 2, _("2. Plan of action")
    CARRY_OUT = 3, _("3. Carrying out")
    LEARN = 4, _("4. Learn, adjust and finish")


class Origin(models.TextChoices):
    """What started the project. A bespreek action is also linked as a row."""

    NONE = "", _("not recorded")
    ACTION = "actie", _("an action after bespreken")
    GAP = "wijkbeeld", _("a gap in the wijkbeeld")
    SIGNALS = "signalen", _("a rode draad in the signals")


class WhoActs(models.TextChoices):
    """ "Wie is aan zet?" (p. 17) when no fitting provision exists."""

    OURSELVES = "a", _("a. We do it ourselves, with active residents")
    TOGETHER = "b", _("b. We bring the relevant partners together (step 2)")
    OTHER = "c", _("c. Another organisation should take it up")


class Handover(models.TextChoices):
    OPEN = "open", _("waiting for an answer")
    ACCEPTED = "aanvaard", _("accepted")
    DECLINED = "afgewezen", _("declined")


class Decision(models.TextChoices):
    """Step 4 (p. 17): what happens after learning and adjusting."""

    NONE = "", _("not decided")
    CONTINUE = "doorgaan", _("continue")
    EMBED = "inbedden", _("embed in the regular offer")
    STOP = "stoppen", _("stop")
    RESTART = "opnieuw", _("back to step 1")


class Project(models.Model):
    owner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="owned_projects",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    question = models.TextField(_("social question"), max_length=QUESTION_MAX_LENGTH)
    wijk = models.ForeignKey(
        "areas.Area", verbose_name=_("wijk"), on_delete=models.PROTECT, related_name="+"
    )
    # One theme from the product's one theme list, as signals use it.
    theme = models.ForeignKey(
        "directory.TaxonomyTerm",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices, default=Step.EXPLORE)
    residents_involved = models.PositiveIntegerField(_("residents involved"), default=0)
    experts_involved = models.PositiveIntegerField(_("experts by experience involved"), default=0)
    origin = models.CharField(
        _("started from"), max_length=10, choices=Origin.choices, default="", blank=True
    )
    # The bespreek action that asked for this project. Insights (the gap
    # flags) sits above projects, so a gap is recorded by ``origin`` with the
    # project's own theme and wijk rather than by a link.
    origin_action = models.ForeignKey(
        "signals.Action",
        verbose_name=_("action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    who_acts = models.CharField(_("who acts?"), max_length=1, choices=WhoActs.choices, blank=True)
    who_acts_reason = models.TextField(_("reasoning"), max_length=NOTE_MAX_LENGTH, blank=True)
    handed_to = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("handed to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects_handed_to",
    )
    handover_note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    handover_status = models.CharField(
        _("answer"), max_length=10, choices=Handover.choices, blank=True
    )
    handover_reply = models.TextField(_("reply"), max_length=NOTE_MAX_LENGTH, blank=True)
    # Step 2, the plan of action: why (p. 17).
    problem = models.TextField(_("problem or opportunity"), max_length=NOTE_MAX_LENGTH, blank=True)
    intention = models.TextField(_("intention"), max_length=NOTE_MAX_LENGTH, blank=True)
    vision = models.TextField(_("vision"), max_length=NOTE_MAX_LENGTH, blank=True)
    desired_result = models.TextField(
        _("desired end result"), max_length=NOTE_MAX_LENGTH, blank=True
    )
    residents_role = models.TextField(
        _("how residents take part from the start"), max_length=NOTE_MAX_LENGTH, blank=True
    )
    # The project's veranderverhaal is a change story of its own (no
    # organisation); changestories knows nothing of projects.
    change_story = models.OneToOneField(
        "changestories.ChangeStory",
        verbose_name=_("change story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Step 4: the effect evaluation and the decision.
    effect_summary = models.TextField(
        _("what was the effect?"), max_length=QUESTION_MAX_LENGTH, blank=True
    )
    figures = models.ManyToManyField(
        "figures.Figure", verbose_name=_("figures"), blank=True, related_name="projects"
    )
    surveys = models.ManyToManyField(
        "surveys.Survey", verbose_name=_("questionnaires"), blank=True, related_name="projects"
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default="", blank=True
    )
    decision_note = models.TextField(_("why"), max_length=NOTE_MAX_LENGTH, blank=True)
    finished_on = models.DateField(_("finished"), null=True, blank=True)
    embedded_service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("entry in the sociale kaart"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [models.Index(fields=["owner", "-updated_at"], name="project_owner_updated")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(step__gte=1, step__lte=4), name="project_step_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(origin__in=Origin.values), name="project_origin_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(who_acts="") | models.Q(who_acts__in=WhoActs.values),
                name="project_who_acts_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(handover_status="")
                | models.Q(handover_status__in=Handover.values),
                name="project_handover_status_valid",
            ),
            # An open handover always names the organisation asked.
            models.CheckConstraint(
                condition=~models.Q(handover_status="open") | models.Q(handed_to__isnull=False),
                name="project_open_handover_has_organisation",
            ),
            models.CheckConstraint(
                condition=~models.Q(handed_to=models.F("owner")),
                name="project_not_handed_to_owner",
            ),
            models.CheckConstraint(
                condition=models.Q(decision__in=Decision.values), name="project_decision_valid"
            ),
            # Only embedding or stopping finishes a project.
            models.CheckConstraint(
                condition=models.Q(finished_on__isnull=True)
                | models.Q(decision__in=[Decision.EMBED, Decision.STOP]),
                name="project_finished_by_decision",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Partnership(models.Model):
    """An organisation taking part in a project, from ``joined_on`` until ``left_on``."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="project_partnerships",
    )
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["organisation__name", "joined_on"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        indexes = [models.Index(fields=["organisation", "project"], name="partnership_org")]
        constraints = [
            # A partner may leave and join again later; it is a current
            # partner only once at a time.
            models.UniqueConstraint(
                fields=["project", "organisation"],
                condition=models.Q(left_on__isnull=True),
                name="partnership_current_once",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="partnership_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.organisation_id}"

    @property
    def is_current(self) -> bool:
        return self.left_on is None


class ProvisionReview(models.Model):
    """Step 1: the magazine's three questions about one provision of the sociale kaart."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="provision_reviews"
    )
    service = models.ForeignKey(
        "directory.Service", on_delete=models.CASCADE, related_name="project_reviews"
    )
    fits = models.TextField(
        _("Does it fit the question?"), max_length=ANSWER_MAX_LENGTH, blank=True
    )
    works_together = models.TextField(
        _("Do they work together?"), max_length=ANSWER_MAX_LENGTH, blank=True
    )
    residents_say = models.TextField(
        _("What do residents say?"), max_length=ANSWER_MAX_LENGTH, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("provision review")
        verbose_name_plural = _("provision reviews")
        constraints = [
            models.UniqueConstraint(fields=["project", "service"], name="review_once_per_service"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.service_id}"
