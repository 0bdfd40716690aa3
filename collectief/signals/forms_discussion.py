"""Forms of the bespreken page (one validation definition, also for the services)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from collectief.directory.models import TaxonomyTerm
from collectief.signals.models import Action
from collectief.signals.services_discussion import TEXT_MAX_LENGTH

if TYPE_CHECKING:  # a type from the stubs only, not needed at run time
    from django_stubs_ext import StrOrPromise


def _team_text(label: StrOrPromise, help_text: StrOrPromise) -> forms.CharField:
    """One of the three texts of the team's record: optional, a few lines, one maximum."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text,
    )


class DiscussionForm(forms.Form):
    recognised = _team_text(
        _("Do we recognise this?"),
        _("Does it match what you see in the wijk? Write about themes, not people."),
    )
    unknown = _team_text(
        _("What do we not know yet?"),
        _("Questions to find out, partners to ask, figures to look up."),
    )
    approach = _team_text(
        _("What do we take up?"),
        _("The agreements in a few lines; add the actions below."),
    )
    discussed_on = forms.DateField(
        label=_("Discussed on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class ActionForm(forms.Form):
    description = forms.CharField(label=_("What will be done?"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Action.Kind.choices,
        initial=Action.Kind.TASK,
        widget=forms.RadioSelect,
        help_text=_(
            "Choose “start a collective project” when the team wants to take this up "
            "together with residents and partners; the routekaart picks it up."
        ),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=TaxonomyTerm.objects.themes().order_by("order", "name"),
        required=False,
        empty_label=_("(no theme)"),
    )
    owner = forms.CharField(
        label=_("Who takes it up?"),
        max_length=120,
        help_text=_("A colleague or partner: never a resident."),
    )
    due_date = forms.DateField(
        label=_("By when?"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
