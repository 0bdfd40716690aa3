"""Forms of the scharrelruimte; the services check the rules again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.signals.access import gemeenten_of
from collectief.support.models import NOTE_MAX_LENGTH, QUESTION_MAX_LENGTH, Kind, Status


class GemeenteField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class AskForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you need?"), choices=Kind.choices, widget=forms.RadioSelect
    )
    question = forms.CharField(
        label=_("Your question"),
        help_text=_("Say what you need, for what and by when. Do not write about residents."),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    gemeente = GemeenteField(label=_("Gemeente"), queryset=Area.objects.none())

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gemeenten = gemeenten_of(organisation)
        field = self.fields["gemeente"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Area.objects.filter(pk__in=[g.pk for g in gemeenten]).order_by("name")
        if len(gemeenten) == 1:
            field.initial = gemeenten[0].pk
            field.widget = forms.HiddenInput()


class PickUpForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the initiative"),
        help_text=_("For example when you will call, or what you need to know."),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class UpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Status.PICKED_UP, _("We are working on it")),
            (Status.DONE, _("It has been arranged")),
            (Status.OPEN, _("Give it back: someone else should pick it up")),
        ],
        widget=forms.RadioSelect,
    )
    note = PickUpForm.base_fields["note"]
