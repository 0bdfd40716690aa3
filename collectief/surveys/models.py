"""Surveys (vragenlijsten): build them, collect answers on the web or on paper.

Models
======

``Survey``
    Belongs to an ``Organisation``. ``status`` is draft / open / closed; an open
    survey is answered at the public link ``/v/<public_token>/`` without an
    account. ``closes_at`` and ``max_responses`` close it automatically.
    ``privacy_text`` tells respondents what happens with their answers.
``Wave``
    A measurement moment (voormeting, nameting, …). A web response is attached
    to the *current* wave: the latest wave whose ``starts_at`` has passed and
    whose ``ends_at`` (if any) has not (see ``Survey.current_wave``).
``Section``
    A part of the survey; the respondent sees one section per screen.
``Question``
    Has a ``code`` that is unique within the survey and stable: exports,
    imports and the analysis use it. ``survey`` is stored on the question too
    (denormalised) so that the uniqueness is a database constraint.
    Types: ``likert5`` (1–5, optional "weet ik niet"), ``yes_no``,
    ``single_choice``, ``multiple_choice``, ``number`` (whole numbers,
    optional ``min_value``/``max_value``), ``short_text``, ``long_text``.
    Skip logic: the question is shown only when the answer to
    ``show_if_question`` is one of ``show_if_values`` (a list of *answer keys*,
    see below). A question may link to a ``changestories.Effect`` and
    ``changestories.Indicator`` (``effect``, ``indicator``) and
    to an instrument from ``collectief/surveys/instruments/`` (``instrument``
    = file key such as ``"djg6"``, ``instrument_item`` = item number).
``Choice``
    An answer option of a single or multiple choice question: ``value`` is a
    stable code (unique per question), ``label`` the text, ``score`` the number
    used by instrument scoring rules (for example 1 for "ja" on a loneliness
    item).
``Response``
    One submitted questionnaire. ``source`` is web, paper or import.
    ``idempotency_key`` is unique per survey: a retried or double submit of the
    same form stores exactly one response. There is deliberately no IP
    address, no user and no user agent on a response, and ``submitted_at``
    holds the hour only (``HourDateTimeField``). ``answer_vector`` is a
    derived, compact copy of the closed answers (one byte per question, the
    positions in ``Survey.vector_layout``) that the analysis counts with
    NumPy; see ``collectief/surveys/vectors.py``. The ``Answer`` rows stay
    the source of truth.
``Answer``
    Narrow on purpose so that the analysis can aggregate a million responses:
    ``response_id``, ``question_id`` and one of

    * ``value`` (integer): Likert 1–5, yes/no 1/0, number questions;
    * ``choice``: the chosen option of a choice question (a multiple choice
      question stores one row per chosen option);
    * ``text``: open answers;
    * ``dont_know``: True for "weet ik niet / n.v.t." (``value`` is then NULL),
      so that the analysis can leave it out of percentages.

    Blank answers are not stored. Indexed on ``(question, value)`` and
    ``(question, choice)``.
Quotes: an open answer marked as a quote is a ``stories.Quote`` (one concept
with quotes from stories); ``answer.quote`` reaches it.

Answer keys (used in ``show_if_values`` and in the signed respondent state):
Likert ``"1"``–``"5"`` and ``"dk"``, yes/no ``"1"``/``"0"``, choice questions
the choice ``value`` codes.
"""

from __future__ import annotations

import secrets
from datetime import UTC
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_public_token() -> str:
    """A random, unguessable token for the public link (12 URL-safe characters)."""
    return secrets.token_urlsafe(9)


# Likert-5 answer labels, value 1-5. "Weet ik niet" is stored as dont_know.
LIKERT_LABELS: dict[int, Any] = {
    1: _("Strongly disagree"),
    2: _("Disagree"),
    3: _("Neither agree nor disagree"),
    4: _("Agree"),
    5: _("Strongly agree"),
}
DONT_KNOW_LABEL = _("Don't know / not applicable")
DONT_KNOW_KEY = "dk"


class SurveyQuerySet(models.QuerySet["Survey"]):
    def for_organisation(self, organisation: Any) -> SurveyQuerySet:
        return self.filter(organisation=organisation)


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="surveys",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown at the top of the first page. Explain why you ask these questions."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    public_token = models.CharField(
        _("public link code"), max_length=32, unique=True, default=new_public_token
    )
    closes_at = models.DateTimeField(
        _("closing date"),
        null=True,
        blank=True,
        help_text=_("After this moment nobody can answer any more. Leave empty for no end."),
    )
    max_responses = models.PositiveIntegerField(
        _("maximum number of responses"),
        null=True,
        blank=True,
        help_text=_(
            "The survey closes when this many people have answered. Leave empty for no limit."
        ),
    )
    privacy_text = models.TextField(
        _("what happens with the answers"),
        blank=True,
        help_text=_(
            "Tell respondents in plain words who reads the answers and what you do with them. "
            "Leave empty to use the standard text."
        ),
    )
    thank_you_text = models.TextField(_("thank-you text"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    # Byte position of each question in Response.answer_vector (see vectors.py).
    vector_layout = models.JSONField(default=dict, blank=True, editable=False)
    # Raised by every change to sections, questions or choices; the compiled
    # structure that respondent pages share is keyed by it (compiled.py).
    structure_version = models.PositiveIntegerField(default=1, editable=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.organisation.slug, self.pk])

    def get_public_url(self) -> str:
        return reverse("surveys:respond", args=[self.public_token])

    def current_wave(self, now: Any = None) -> Wave | None:
        """The wave new responses belong to, or None when there are no waves."""
        now = now or timezone.now()
        return (
            self.waves.filter(starts_at__lte=now)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
            .order_by("-starts_at", "-id")
            .first()
        )


class Wave(models.Model):
    class Kind(models.TextChoices):
        BEFORE = "voormeting", _("baseline (before)")
        AFTER = "nameting", _("follow-up (after)")
        OTHER = "meting", _("measurement")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="waves", verbose_name=_("survey")
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    starts_at = models.DateTimeField(_("starts"), default=timezone.now)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="surveys_wave_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Section(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="sections", verbose_name=_("survey")
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Type(models.TextChoices):
        LIKERT5 = "likert5", _("statement (strongly disagree … strongly agree)")
        YES_NO = "yes_no", _("yes / no")
        SINGLE_CHOICE = "single_choice", _("choose one")
        MULTIPLE_CHOICE = "multiple_choice", _("choose one or more")
        NUMBER = "number", _("number")
        SHORT_TEXT = "short_text", _("short text")
        LONG_TEXT = "long_text", _("long text")

    CHOICE_TYPES = frozenset({Type.SINGLE_CHOICE, Type.MULTIPLE_CHOICE})
    CLOSED_TYPES = frozenset({Type.LIKERT5, Type.YES_NO, Type.SINGLE_CHOICE, Type.MULTIPLE_CHOICE})
    TEXT_TYPES = frozenset({Type.SHORT_TEXT, Type.LONG_TEXT})

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("section")
    )
    code = models.CharField(
        _("code"),
        max_length=40,
        help_text=_(
            "Short name used in exports and imports. Letters, digits and underscores; "
            "unique within the survey."
        ),
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    text = models.TextField(_("question"))
    help_text = models.TextField(_("help text"), blank=True)
    required = models.BooleanField(_("answer required"), default=False)
    allow_dont_know = models.BooleanField(_("offer 'don't know / not applicable'"), default=True)
    min_value = models.IntegerField(_("lowest number"), null=True, blank=True)
    max_value = models.IntegerField(_("highest number"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    show_if_question = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependent_questions",
        verbose_name=_("only show if question"),
    )
    show_if_values = models.JSONField(_("has one of these answers"), default=list, blank=True)
    effect = models.ForeignKey(
        "changestories.Effect",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_questions",
        verbose_name=_("direct effect"),
    )
    indicator = models.ForeignKey(
        "changestories.Indicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_questions",
        verbose_name=_("indicator"),
    )
    instrument = models.CharField(_("instrument"), max_length=40, blank=True)
    instrument_item = models.PositiveSmallIntegerField(_("instrument item"), null=True, blank=True)

    class Meta:
        ordering = ["section__order", "section_id", "order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "code"], name="surveys_question_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(max_value__gte=models.F("min_value")),
                name="surveys_question_min_le_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:60]}"

    @property
    def is_choice(self) -> bool:
        return self.type in self.CHOICE_TYPES

    @property
    def is_closed(self) -> bool:
        return self.type in self.CLOSED_TYPES

    def answer_options(self) -> list[tuple[str, str]]:
        """(answer key, label) pairs of a closed question, in display order."""
        if self.type == self.Type.LIKERT5:
            options = [(str(k), str(v)) for k, v in LIKERT_LABELS.items()]
            if self.allow_dont_know:
                options.append((DONT_KNOW_KEY, str(DONT_KNOW_LABEL)))
            return options
        if self.type == self.Type.YES_NO:
            return [("1", str(_("Yes"))), ("0", str(_("No")))]
        if self.is_choice:
            return [(c.value, c.label) for c in self.choices.all()]
        return []

    def answer_keys(self) -> set[str]:
        """The answer keys of a closed question: ``answer_options`` without translating labels."""
        if self.type == self.Type.LIKERT5:
            keys = {str(k) for k in LIKERT_LABELS}
            return keys | {DONT_KNOW_KEY} if self.allow_dont_know else keys
        if self.type == self.Type.YES_NO:
            return {"1", "0"}
        if self.is_choice:
            return {c.value for c in self.choices.all()}
        return set()


class Choice(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    value = models.CharField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=300)
    order = models.PositiveIntegerField(_("order"), default=0)
    score = models.IntegerField(_("score"), null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "value"], name="surveys_choice_value_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.label


def to_the_hour(moment: Any) -> Any:
    """``moment`` without minutes, seconds and microseconds (in UTC)."""
    if moment is None:
        return None
    if timezone.is_aware(moment):
        moment = moment.astimezone(UTC)
    return moment.replace(minute=0, second=0, microsecond=0)


class HourDateTimeField(models.DateTimeField):
    """A moment stored to the hour only.

    The exact moment of a submission, next to the order of the ids and what
    a person knows about when someone filled in the survey in the buurthuis,
    helps to find out who gave which answers (issue 8). The hour is enough
    for everything the product does with it: the wave is chosen from the
    exact time before saving, and sorting falls back on the id. ``pre_save``
    runs for ``save()`` and ``bulk_create`` alike, so every way in (web,
    paper, import, demo) stores the hour.
    """

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = to_the_hour(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value


class Response(models.Model):
    class Source(models.TextChoices):
        WEB = "web", _("web")
        PAPER = "paper", _("paper")
        IMPORT = "import", _("import")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    wave = models.ForeignKey(
        Wave,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responses",
        verbose_name=_("wave"),
    )
    submitted_at = HourDateTimeField(_("submitted"), default=timezone.now)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.WEB
    )
    idempotency_key = models.CharField(_("submission code"), max_length=64)
    # One byte per closed single-answer question, derived from the answers (vectors.py).
    answer_vector = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "idempotency_key"], name="surveys_response_idempotency_unique"
            ),
        ]
        indexes = [models.Index(fields=["survey", "wave"], name="surveys_resp_survey_wave")]

    def __str__(self) -> str:
        return f"{self.survey_id}#{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.IntegerField(null=True, blank=True)
    choice = models.ForeignKey(
        Choice, on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    text = models.TextField(null=True, blank=True)
    dont_know = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(choice__isnull=True),
                name="surveys_answer_one_per_question",
            ),
            models.UniqueConstraint(
                fields=["response", "question", "choice"],
                condition=Q(choice__isnull=False),
                name="surveys_answer_one_per_choice",
            ),
        ]
        indexes = [
            models.Index(fields=["question", "value"], name="surveys_answer_q_value"),
            models.Index(fields=["question", "choice"], name="surveys_answer_q_choice"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}={self.value if self.value is not None else self.text}"
