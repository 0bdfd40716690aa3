"""Forms of samen duiden and the gesprekstools.

The forms carry the fields and their types; the rules (a score from 1 to
10, an owner for every action, effects of the own change story) are checked
once, in ``services.py``, and the view puts a ``ServiceError`` next to its
field.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from collectief.changestories.models import Effect
from collectief.duiding.models import (
    NAME_MAX_LENGTH,
    SCORE_MAX,
    SCORE_MIN,
    SHORT_TEXT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    ArenaSession,
    ParticipantRole,
    Valuation,
)
from collectief.surveys.models import Survey


class EffectChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class OneEffectField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def _effects_of(organisation: Any) -> Any:
    return Effect.objects.filter(story__organisation=organisation).order_by("position", "pk")


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


def _text_area(label: Any, max_length: int, *, rows: int = 3, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class ToolSessionForm(forms.Form):
    """A Waardendriehoek or Effectenarena session: what, when and about which effects."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    held_on = _date_field(_("Date of the session"))
    effects = EffectChoiceField(
        label=_("Direct effects of the change story"),
        queryset=Effect.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = _text_area(_("Note"), TEXT_MAX_LENGTH, help_text=_("Who led it, where, anything else."))

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effects"].queryset = _effects_of(organisation)  # type: ignore[attr-defined]


def _score_field(label: Any) -> forms.CharField:
    # Text, not IntegerField: the one rule (a whole number from 1 to 10) and its
    # message live in services.score, for "acht" as much as for 11.
    return forms.CharField(
        label=label,
        required=False,
        max_length=10,
        widget=forms.NumberInput(
            attrs={"min": SCORE_MIN, "max": SCORE_MAX, "inputmode": "numeric"}
        ),
        help_text=_("A whole number from 1 to 10."),
    )


class TriangleScoreForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices)
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text=_("Only when the person agrees to be named."),
    )
    rendement = _score_field(_("Return (rendement)"))
    rendement_why = _text_area(_("Arguments for return"), SHORT_TEXT_MAX_LENGTH, rows=2)
    legitimiteit = _score_field(_("Legitimacy (legitimiteit)"))
    legitimiteit_why = _text_area(_("Arguments for legitimacy"), SHORT_TEXT_MAX_LENGTH, rows=2)
    betrokkenheid = _score_field(_("Engagement (betrokkenheid)"))
    betrokkenheid_why = _text_area(_("Arguments for engagement"), SHORT_TEXT_MAX_LENGTH, rows=2)


class ArenaActorForm(forms.Form):
    name = forms.CharField(
        label=_("Actor"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("An organisation or a group, e.g. volunteers, the gemeente, the corporatie."),
    )
    investment = _text_area(
        _("What do they invest?"),
        SHORT_TEXT_MAX_LENGTH,
        rows=2,
        help_text=_("Time, money, a room, knowledge…"),
    )


class ArenaEffectForm(forms.Form):
    description = forms.CharField(label=_("Effect"), max_length=SHORT_TEXT_MAX_LENGTH)
    effect = OneEffectField(
        label=_("Direct effect in the change story"),
        queryset=Effect.objects.none(),
        required=False,
        empty_label=_("Not one of them"),
    )
    gainers = forms.ModelMultipleChoiceField(
        label=_("Who gains?"),
        queryset=ArenaSession.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    valuation = forms.TypedChoiceField(
        label=_("How large does the group value this effect?"),
        choices=Valuation.choices,
        coerce=int,
    )
    valuation_why = _text_area(_("Why"), SHORT_TEXT_MAX_LENGTH, rows=2)

    def __init__(self, *args: Any, session: ArenaSession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effect"].queryset = _effects_of(session.organisation)  # type: ignore[attr-defined]
        self.fields["gainers"].queryset = session.actors.all()  # type: ignore[attr-defined]


class InterpretationSessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    held_on = _date_field(_("Date of the session"))
    period_start = _date_field(_("Period from"))
    period_end = _date_field(_("Period until"))
    survey = forms.ModelChoiceField(
        label=_("Questionnaire"),
        queryset=Survey.objects.none(),
        required=False,
        empty_label=_("No questionnaire"),
        help_text=_("Its statements are shown per direct effect."),
    )
    note = _text_area(_("Note"), TEXT_MAX_LENGTH)

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = Survey.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        ).order_by("-created_at")


class ParticipantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices)
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text=_("Only when the person agrees to be named."),
    )


class ReadingForm(forms.Form):
    recognise = _text_area(_("Do we recognise the figures?"), TEXT_MAX_LENGTH)
    explain = _text_area(_("Can we explain them?"), TEXT_MAX_LENGTH)
    judge = _text_area(_("What do we think of them?"), TEXT_MAX_LENGTH)
    act = _text_area(_("Which actions?"), TEXT_MAX_LENGTH)


class ConclusionsForm(forms.Form):
    conclusions = _text_area(_("Conclusions"), TEXT_MAX_LENGTH * 2, rows=6)


class FollowUpForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=SHORT_TEXT_MAX_LENGTH)
    # Not required here: the service says why an owner is needed, in one place.
    owner = forms.CharField(label=_("Who does it?"), max_length=NAME_MAX_LENGTH, required=False)
    due_on = forms.DateField(
        label=_("Done by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    effect = OneEffectField(
        label=_("Direct effect"),
        queryset=Effect.objects.none(),
        required=False,
        empty_label=_("The session as a whole"),
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effect"].queryset = _effects_of(organisation)  # type: ignore[attr-defined]
