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
from collectief.directory.services import (
    SERVICE_FIELDS,
    service_contact_person,
    service_cost_amount,
    service_languages,
    service_phone,
    split_languages,
)


class TelInput(forms.TextInput):
    input_type = "tel"


FREE_WITH_AMOUNT = _("A free activity has no amount. Remove the amount or untick “free”.")


class ServiceForm(forms.ModelForm):
    """A new activity, or the changes to one (the same checks for both).

    Besides the service's own fields: its themes and target groups, its
    languages, its phone number and the amount it costs.
    """

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
    cost_amount = forms.DecimalField(
        label=_("Amount in euros"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        localize=True,
        help_text=_("For example 2,50. Leave empty when it is free or the amount varies."),
    )
    languages = forms.CharField(
        label=_("Languages spoken"),
        required=False,
        max_length=500,
        help_text=_("Separate with commas, for example: Nederlands, Arabisch, Engels."),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=100,
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )
    contact_person = forms.CharField(
        label=_("Contact person"),
        required=False,
        max_length=200,
        help_text=_(
            "Whom to ask, for example “Ineke de Vries”. Shown to everyone: only with"
            " their consent."
        ),
    )

    field_order = [
        "name",
        "description",
        "status",
        "themes",
        "target_groups",
        "minimum_age",
        "maximum_age",
        "eligibility_description",
        "is_free",
        "cost_amount",
        "fees_description",
        "referral",
        "registration_required",
        "application_process",
        "languages",
        "wheelchair_accessible",
        "hearing_loop",
        "accessibility_notes",
        "prevention_stage",
        "prevention_reach",
        "formality",
        "delivery",
        "phone",
        "contact_person",
        "email",
        "url",
        "is_public",
    ]

    class Meta:
        model = Service
        fields = list(SERVICE_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "application_process": forms.Textarea(attrs={"rows": 2}),
            "eligibility_description": forms.Textarea(attrs={"rows": 2}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 2}),
            "fees_description": forms.Textarea(attrs={"rows": 2}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "url": forms.URLInput(),
        }
        labels = {"url": _("Website"), "fees_description": _("More about the costs")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            self.initial.setdefault("themes", self.instance.themes)
            self.initial.setdefault("target_groups", self.instance.target_groups)
            self.initial.setdefault("languages", ", ".join(service_languages(self.instance)))
            self.initial.setdefault("phone", service_phone(self.instance))
            self.initial.setdefault("contact_person", service_contact_person(self.instance))
            self.initial.setdefault("cost_amount", service_cost_amount(self.instance))
        else:
            # A new activity is active; switching it off has its own page.
            del self.fields["status"]
        for name in ("minimum_age", "maximum_age"):
            self.fields[name].widget = forms.NumberInput(attrs={"min": 0, "max": 120, "step": 1})
        self.fields["cost_amount"].widget.attrs.update({"inputmode": "decimal", "step": "0.01"})

    def clean_languages(self) -> list[str]:
        return split_languages(self.cleaned_data.get("languages") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and high < low:
            self.add_error(
                "maximum_age", _("The maximum age must not be lower than the minimum age.")
            )
        amount = data.get("cost_amount")
        if data.get("is_free") and amount:
            self.add_error("cost_amount", FREE_WITH_AMOUNT)
        return data

    def service_values(self) -> dict[str, Any]:
        """The cleaned data as keyword arguments of create_service/update_service."""
        return dict(self.cleaned_data)


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
