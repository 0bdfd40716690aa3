from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.directory.access import COORDINATING_KINDS


class GrantCoordinationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(kind__in=COORDINATING_KINDS).order_by("name"),
        help_text=_("Only a gemeente or a wijkteam can coordinate."),
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.exclude(level=Area.Level.BUURT).select_related("parent"),
        help_text=_(
            "A gemeente or a wijk. The organisation then coordinates everything inside it: "
            "it approves requests, handles reported mistakes and places locations."
        ),
    )

    def __init__(self, *args: Any, scope: set[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if scope is not None:
            field = self.fields["area"]
            field.queryset = field.queryset.filter(pk__in=scope)  # type: ignore[attr-defined]
