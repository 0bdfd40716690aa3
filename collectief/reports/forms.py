"""The one validation definition of a report's settings and sections (pages, CLI, services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.lib.contrast import is_hex_colour, meets_aa, readable_colour
from collectief.lib.periods import PeriodError, parse_period
from collectief.reports.models import Report, ReportSection


def validate_period(text: str) -> str:
    """The period as stored ("" for everything), or a ValidationError in Dutch."""
    text = (text or "").strip()
    if not text:
        return ""
    try:
        return parse_period(text).text
    except PeriodError as error:
        raise ValidationError(error.message) from error


def validate_colour(text: str) -> str:
    """A #rrggbb colour that reads well as text on white paper (WCAG AA, 4.5:1).

    A lighter colour is refused with a darker shade of it to use instead.
    """
    text = (text or "").strip().lower()
    if not text:
        return ""
    if not is_hex_colour(text):
        raise ValidationError(_("Write the colour as # and six characters, for example #0b5f4f."))
    if not meets_aa(text):
        raise ValidationError(
            _(
                "This colour is too light to read as text on white paper. "
                "A darker shade that can be read: %(colour)s."
            )
            % {"colour": readable_colour(text)}
        )
    return text


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["title", "period", "template"]

    def clean_period(self) -> str:
        return validate_period(self.cleaned_data.get("period", ""))


class ReportLookForm(forms.ModelForm):
    image = forms.FileField(
        label=gettext_lazy("Logo or photo"),
        required=False,
        help_text=gettext_lazy("PNG, JPEG or WebP, at most 5 MB. Empty: keep the current one."),
    )
    remove_image = forms.BooleanField(
        label=gettext_lazy("Remove the logo or photo"), required=False
    )

    class Meta:
        model = Report
        fields = ["colour", "logo_alt"]
        widgets = {"colour": forms.TextInput(attrs={"placeholder": "#0b5f4f"})}

    def clean_colour(self) -> str:
        return validate_colour(self.cleaned_data.get("colour", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_image = bool(data.get("image")) or (
            bool(self.instance.logo) and not data.get("remove_image")
        )
        if has_image and not (data.get("logo_alt") or "").strip():
            self.add_error(
                "logo_alt",
                _("Describe the logo or photo in a few words, for people who cannot see it."),
            )
        return data


class SectionForm(forms.ModelForm):
    class Meta:
        model = ReportSection
        fields = ["included", "intro"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 5})}
