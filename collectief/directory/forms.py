"""Forms of the sociale kaart maintenance pages; the API validates with the same forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from collectief.areas.models import Area
from collectief.directory.models import (
    DirectoryOrganization,
    ErrorReport,
    Service,
    TaxonomyTerm,
)
from collectief.directory.services import SERVICE_FIELDS


class ServiceForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=TaxonomyTerm.objects.themes(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TaxonomyTerm.objects.target_groups(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Service
        fields = list(SERVICE_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("themes", self.instance.themes)
            self.initial.setdefault("target_groups", self.instance.target_groups)
        for name in ("minimum_age", "maximum_age"):
            self.fields[name].widget = forms.NumberInput(attrs={"min": 0, "max": 120, "step": 1})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and high < low:
            self.add_error(
                "maximum_age", _("The maximum age must not be lower than the minimum age.")
            )
        return data


class ClaimForm(forms.Form):
    directory_organization = forms.ModelChoiceField(
        label=_("Which organisation in the sociale kaart is yours?"),
        queryset=DirectoryOrganization.objects.filter(organisation=None),
    )
    motivation = forms.CharField(
        label=_("Why is this your organisation?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class DecideClaimForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))]
    )


class ErrorReportForm(forms.Form):
    """ "Meld een fout": no account and no personal data needed."""

    message = forms.CharField(
        label=_("What is wrong?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_(
            "For example: the time changed, or the activity stopped. Do not write about other people."
        ),
    )
    reply_email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_("Only if you want an answer."),
    )
    # Honeypot: people do not see this field; bots fill it in.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class HandleReportForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What did you do?"),
        choices=[
            (ErrorReport.Status.RESOLVED, _("I corrected the entry")),
            (ErrorReport.Status.DISMISSED, _("It was not a mistake")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=2000)


class PlaceLocationForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Neighbourhood (buurt)"), queryset=Area.objects.filter(level=Area.Level.BUURT)
    )

    def __init__(self, *args: Any, areas: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if areas is not None:
            self.fields["area"].queryset = areas  # type: ignore[attr-defined]
