"""Forms of the signals pages: quick entry, antenne form, import.

The raw note is only ever in ``cleaned_data`` and in the re-shown textarea
of the preview; the forms hand it to ``services`` and never store it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.lib.uploads import LimitedFileField
from collectief.signals import services
from collectief.signals.models import MAX_THEMES, NOTE_MAX_LENGTH, AgeBand, SourceRole


def areas_for(organisation: Organisation) -> Any:
    """The wijken and buurten an organisation may record signals for.

    Its working areas and everything in them (a gemeente's wijken and
    buurten, a wijk's buurten), so a team picks from its own patch.
    """
    own = organisation.areas.all()
    return (
        Area.objects.filter(
            Q(pk__in=own) | Q(parent__in=own) | Q(parent__parent__in=own),
            level__in=services.SIGNAL_AREA_LEVELS,
        )
        .select_related("parent")
        .order_by("name")
    )


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # The wijk is named with a buurt: two buurten may share a name.
        if obj.level == Area.Level.BUURT and obj.parent is not None:
            return f"{obj.name} ({obj.parent.name})"
        return str(obj.name)


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class SignalForm(forms.Form):
    area = AreaChoiceField(
        queryset=Area.objects.none(),
        label=_("Area"),
        empty_label=_("Choose a wijk or buurt"),
        error_messages={"required": _("Choose the wijk or buurt.")},
    )
    themes = ThemeChoiceField(
        queryset=services.theme_terms(),
        label=_("Themes"),
        help_text=_("One to three themes."),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "chips"}),
        error_messages={"required": _("Choose at least one theme.")},
    )
    source_role = forms.ChoiceField(
        choices=SourceRole.choices, label=_("Who noticed it?"), initial=SourceRole.WIJKTEAM
    )
    age_band = forms.ChoiceField(
        choices=[("", _("not known")), *AgeBand.choices],
        label=_("Age group"),
        required=False,
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        # No maxlength in the page: a longer paste gets a clear message
        # instead of being cut off without a word.
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "true"}),
        help_text=_(
            "Optional, at most %(max)d characters. No names, addresses or numbers: "
            "they are removed before saving, and you see the result first."
        )
        % {"max": NOTE_MAX_LENGTH},
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field: Any = self.fields["area"]
        area_field.queryset = areas_for(organisation)
        self.fields["date"].initial = timezone.localdate

    def clean_themes(self) -> Any:
        themes = self.cleaned_data["themes"]
        if len(themes) > MAX_THEMES:
            raise forms.ValidationError(
                _("Choose at most %(max)d themes."), params={"max": MAX_THEMES}
            )
        return themes

    def clean_date(self) -> Any:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date lies in the future."))
        return date


class AntennaForm(SignalForm):
    """The same signal in plain words, for volunteers of an initiative."""

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, organisation=organisation, **kwargs)
        del self.fields["source_role"]
        del self.fields["age_band"]
        self.fields["area"].label = _("Where is it?")
        self.fields["themes"].label = _("What is it about?")
        self.fields["themes"].help_text = _("Pick one, two or three.")
        self.fields["date"].label = _("When did you hear it?")
        self.fields["note"].label = _("Tell it in your own words")
        self.fields["note"].help_text = _(
            "Do not write names, addresses or phone numbers. We take them out before saving. "
            "You see first what will be saved."
        )


class CountsImportForm(forms.Form):
    file = LimitedFileField(
        max_mb=5,
        label=_("File"),
        help_text=_("A CSV file or an Excel workbook (.xlsx), at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )
