"""Forms of the routekaart pages; the services check the rules again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from collectief.accounts.models import Organisation
from collectief.areas.lookup import resolve_area
from collectief.areas.models import Area
from collectief.directory.models import TaxonomyTerm
from collectief.lib.errors import ServiceError
from collectief.projects.models import (
    ANSWER_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Step,
    WhoActs,
)
from collectief.projects.services import MAX_INVOLVED


class ThemeField(forms.ModelChoiceField):
    def to_python(self, value: Any) -> Any:
        # A theme's key is a UUID: a changed form value would otherwise show
        # "not a valid UUID" instead of the plain message below.
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class OrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _count_field(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=0, max_value=MAX_INVOLVED, initial=0, required=False
    )


class ProjectDetailsForm(forms.Form):
    """What the project is about: for starting it, and for changing it later."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    question = forms.CharField(
        label=_("What is the social question?"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What comes back often in the wijk? Write about the question, not about people."
        ),
    )
    wijk = forms.CharField(
        label=_("Wijk"),
        max_length=120,
        help_text=_("The name or CBS code of the wijk, for example Dichterswijk or WK034408."),
    )
    theme = ThemeField(
        label=_("Theme"),
        queryset=TaxonomyTerm.objects.themes().order_by("order", "name"),
        empty_label=_("Choose a theme"),
        error_messages={"invalid_choice": _("Choose a theme from the list.")},
    )

    def clean_wijk(self) -> Area:
        try:
            area = resolve_area(self.cleaned_data["wijk"])
        except ServiceError as exc:
            raise forms.ValidationError(exc.message) from None
        if area.level != Area.Level.WIJK:
            raise forms.ValidationError(
                _("%(name)s is not a wijk. Choose a wijk."), params={"name": area.name}
            )
        return area


class ProjectForm(ProjectDetailsForm):
    residents_involved = _count_field(_("Residents involved (number)"))
    experts_involved = _count_field(_("Experts by experience involved (number)"))
    action = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_residents_involved(self) -> int:
        return self.cleaned_data.get("residents_involved") or 0

    def clean_experts_involved(self) -> int:
        return self.cleaned_data.get("experts_involved") or 0


class InvolvedForm(forms.Form):
    residents_involved = _count_field(_("Residents involved (number)"))
    experts_involved = _count_field(_("Experts by experience involved (number)"))

    def clean_residents_involved(self) -> int:
        return self.cleaned_data.get("residents_involved") or 0

    def clean_experts_involved(self) -> int:
        return self.cleaned_data.get("experts_involved") or 0


class StepForm(forms.Form):
    step = forms.TypedChoiceField(label=_("Current step"), choices=Step.choices, coerce=int)


def other_organisations(project: Any) -> Any:
    """Organisations that may be added: not the owner and not a current partner."""
    current = project.partnerships.filter(left_on__isnull=True).values("organisation")
    return (
        Organisation.objects.exclude(pk=project.owner_id).exclude(pk__in=current).order_by("name")
    )


class PartnerForm(forms.Form):
    organisation = OrganisationField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )

    def __init__(self, *args: Any, project: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["organisation"]
        field.queryset = other_organisations(project)


def _answer(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewForm(forms.Form):
    fits = _answer(_("Does it fit the question?"))
    works_together = _answer(_("Do they work together?"))
    residents_say = _answer(_("What do residents say?"))


class WhoActsForm(forms.Form):
    who_acts = forms.ChoiceField(
        label=_("Who acts?"), choices=WhoActs.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Why?"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    handed_to = OrganisationField(
        label=_("Which organisation should take it up? (only with c)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Choose an organisation"),
        error_messages={"invalid_choice": _("Choose an organisation from the list.")},
    )
    note = forms.CharField(
        label=_("Note for that organisation (only with c)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you ask, and what your team can add. It can accept or decline."),
    )

    def __init__(self, *args: Any, project: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["handed_to"]
        field.queryset = Organisation.objects.exclude(pk=project.owner_id).order_by("name")


class HandoverAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("aanvaarden", _("We take it up")), ("afwijzen", _("We decline"))],
        widget=forms.RadioSelect,
    )
    reply = forms.CharField(
        label=_("Reply"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def gap_initial(params: Any) -> dict[str, Any]:
    """The new-project form filled in from a gap in the wijkbeeld (``?wijk=WK…&thema=…``).

    Only a known wijk and a known theme are used; anything else is left for
    the person to fill in (the form checks it again when it is sent).
    """
    initial: dict[str, Any] = {}
    code = str(params.get("wijk", "")).strip().upper()[:10]
    wijk = Area.objects.filter(code=code, level=Area.Level.WIJK).first() if code else None
    if wijk is not None:
        initial["wijk"] = wijk.code
    theme_code = str(params.get("thema", "")).strip()[:100]
    theme = TaxonomyTerm.objects.themes().filter(code=theme_code).first() if theme_code else None
    if theme is not None:
        initial["theme"] = theme.pk
    if wijk is not None and theme is not None:
        initial["title"] = str(
            _("%(theme)s in %(wijk)s") % {"theme": theme.name, "wijk": wijk.name}
        )[:TITLE_MAX_LENGTH]
    return initial
