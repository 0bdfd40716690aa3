from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from collectief.accounts.models import Organisation, Role
from collectief.areas.models import Area


class OrganisationProfileForm(forms.ModelForm):
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=Area.objects.exclude(level=Area.Level.GEMEENTE).select_related("parent"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The wijken or buurten where you work. Hold Ctrl to choose more than one."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "tagline", "public_description", "website", "email", "is_public"]
        widgets = {"public_description": forms.Textarea(attrs={"rows": 6})}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.STAFF,
        widget=forms.RadioSelect,
        help_text=_(
            "Administrators manage members and the profile. Staff members do the work. "
            "Readers can only look."
        ),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.RadioSelect)


class AcceptInvitationForm(forms.Form):
    """Create an account while accepting an invitation."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters. Not only digits, and not a well-known password."),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            from collectief.accounts.models import User

            try:
                password_validation.validate_password(
                    first, User(email=self.email, name=data.get("name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
