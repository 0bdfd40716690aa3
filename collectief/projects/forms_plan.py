"""Forms of steps 2 to 4; the services check the domain rules again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from collectief.accounts.models import Organisation
from collectief.changestories.forms import BLOCKS
from collectief.projects.forms import OrganisationField
from collectief.projects.models import (
    ANSWER_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Decision,
    Delivers,
    FollowUpKind,
    LogKind,
    Project,
)
from collectief.projects.services import MAX_INVOLVED

# A change story line is at most this long (the changestories item forms).
STORY_LINE_MAX = 300
STORY_LINES_MAX = 30


def _area(label: Any, max_length: int = NOTE_MAX_LENGTH, rows: int = 3, **kwargs: Any) -> Any:
    return forms.CharField(
        label=label,
        required=kwargs.pop("required", False),
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def participants(project: Project) -> Any:
    """The owner and the current partners."""
    current = project.partnerships.filter(left_on__isnull=True).values("organisation")
    return Organisation.objects.filter(pk=project.owner_id) | Organisation.objects.filter(
        pk__in=current
    )


class ParticipantField(OrganisationField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Organisation.objects.none())
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("Choose an organisation that takes part in the project.")},
        )
        super().__init__(**kwargs)


class WithParticipants(forms.Form):
    participant_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.participant_fields:
            field: Any = self.fields[name]
            field.queryset = participants(project).order_by("name")


class PlanForm(forms.Form):
    problem = _area(_("Problem or opportunity"), help_text=_("What do you want to change?"))
    intention = _area(_("Intention"), help_text=_("What do you want to achieve together?"))
    vision = _area(_("Vision"), help_text=_("How do you look at the question, together?"))
    desired_result = _area(_("Desired end result"))
    residents_role = _area(
        _("Residents from the start"),
        help_text=_("How do residents take part from the start, and who speaks for them?"),
    )


class MemberDetailsForm(forms.Form):
    """Name and task: what changing a member corrects (the organisation stays)."""

    name = forms.CharField(label=_("Name"), max_length=TITLE_MAX_LENGTH)
    task = forms.CharField(
        label=_("Task in the werkgroep"), max_length=ANSWER_MAX_LENGTH, required=False
    )


class MemberForm(WithParticipants, MemberDetailsForm):
    participant_fields = ("member_organisation",)
    field_order = ("name", "member_organisation", "task", "resident_consent")
    member_organisation = ParticipantField(
        label=_("Organisation"),
        required=False,
        empty_label=_("A resident (no organisation)"),
    )
    resident_consent = forms.BooleanField(
        label=_("This resident agreed to be named in the plan"), required=False
    )


class RoleForm(forms.Form):
    role = _area(_("Role"), ANSWER_MAX_LENGTH, rows=2)
    contribution = _area(_("Contribution"), ANSWER_MAX_LENGTH, rows=2)
    mandate = _area(
        _("Mandate"),
        ANSWER_MAX_LENGTH,
        rows=2,
        help_text=_("What may your people in the werkgroep decide without asking first?"),
    )
    expectations = _area(
        _("What we expect of the others (uitspreken)"),
        help_text=_("Say it now, so that you can agree on it and address each other later."),
    )


class GoalForm(forms.Form):
    text = forms.CharField(label=_("Goal"), max_length=ANSWER_MAX_LENGTH)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=TITLE_MAX_LENGTH)
    due_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), help_text=_("dd-mm-jjjj")
    )


def _lines(label: Any, help_text: Any) -> Any:
    return forms.CharField(
        label=label,
        required=False,
        max_length=STORY_LINE_MAX * STORY_LINES_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
    )


class StoryForm(forms.Form):
    """The project's veranderverhaal, one item per line (the full editor is the organisation's)."""

    target_groups = _lines(_("Target group"), _("One target group per line."))
    approaches = _lines(_("Approach"), _("One activity or way of working per line."))
    effects = _lines(
        _("Direct effects"),
        _("One effect per line. Start with a short name and a colon, e.g. ONTMOETING: …"),
    )
    contributions = _lines(_("Contributes to"), _("One per line, e.g. sociale cohesie."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for block in BLOCKS:
            lines = [line.strip() for line in data.get(block, "").splitlines() if line.strip()]
            if len(lines) > STORY_LINES_MAX:
                self.add_error(block, _("Use at most %(max)d lines.") % {"max": STORY_LINES_MAX})
            elif any(len(line) > STORY_LINE_MAX for line in lines):
                self.add_error(
                    block, _("Keep each line under %(max)d characters.") % {"max": STORY_LINE_MAX}
                )
            data[block] = lines
        return data

    def content(self) -> dict[str, Any]:
        """The change story document (the changestories export shape)."""
        data = self.cleaned_data
        effects = []
        for line in data["effects"]:
            name, sep, description = line.partition(":")
            if sep and description.strip() and len(name.strip()) <= 60:
                effects.append({"name": name.strip(), "description": description.strip()})
            else:
                effects.append({"name": "", "description": line})
        return {
            "target_groups": [{"text": t} for t in data["target_groups"]],
            "approaches": [{"text": t} for t in data["approaches"]],
            "effects": [{**e, "level": "groep", "indicators": []} for e in effects],
            "contributions": [{"text": t} for t in data["contributions"]],
            "links": [],
        }


class AgreementForm(WithParticipants):
    participant_fields = ("owner",)
    owner = ParticipantField(
        label=_("Who keeps it?"),
        required=False,
        empty_label=_("Choose an organisation"),
    )
    person = forms.CharField(
        label=_("Person (optional)"), max_length=TITLE_MAX_LENGTH, required=False
    )
    what = _area(_("What is agreed?"), ANSWER_MAX_LENGTH, rows=2, required=True)
    due_on = forms.DateField(
        label=_("By when?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("dd-mm-jjjj"),
    )


class FollowUpForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you do now?"), choices=FollowUpKind.choices, widget=forms.RadioSelect
    )
    note = _area(_("Note"), ANSWER_MAX_LENGTH, rows=2)


class LogForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=LogKind.choices,
        widget=forms.RadioSelect,
        initial=LogKind.PROGRESS,
    )
    happened_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), help_text=_("dd-mm-jjjj")
    )
    text = _area(_("What happened, what went well, what can be better?"), required=True)
    residents = forms.IntegerField(
        label=_("Residents taking part (number)"),
        min_value=0,
        max_value=MAX_INVOLVED,
        required=False,
        help_text=_("For an interim evaluation: how many residents joined?"),
    )

    def clean_residents(self) -> int:
        return self.cleaned_data.get("residents") or 0


class DeliversForm(forms.Form):
    delivers = forms.ChoiceField(
        label=_("Does it deliver its contribution?"),
        choices=[c for c in Delivers.choices if c[0]],
        widget=forms.RadioSelect,
    )
    note = _area(_("Explanation"), ANSWER_MAX_LENGTH, rows=2)


class EvaluationForm(forms.Form):
    effect_summary = _area(
        _("What was the effect?"),
        QUESTION_MAX_LENGTH,
        rows=5,
        help_text=_("What changed for residents? What do the figures and questionnaires say?"),
    )
    figures = forms.ModelMultipleChoiceField(
        label=_("Our figures for this project"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    surveys = forms.ModelMultipleChoiceField(
        label=_("Our questionnaires for this project"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, figures: Any, surveys: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        figure_field: Any = self.fields["figures"]
        figure_field.queryset = figures
        survey_field: Any = self.fields["surveys"]
        survey_field.queryset = surveys
        survey_field.label_from_instance = lambda s: s.title


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[c for c in Decision.choices if c[0]],
        widget=forms.RadioSelect,
    )
    note = _area(_("Why?"), required=True)


class LessonForm(forms.Form):
    text = _area(_("Lesson learned"), required=True)
    is_public = forms.BooleanField(
        label=_("Publish this lesson so that other wijken and gemeenten can find it"),
        required=False,
        help_text=_("Published: the lesson, the theme, the wijk and your organisation's name."),
    )
