"""The share form: what (kind and object in one choice) and with whom."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from collectief.accounts.models import Organisation
from collectief.sharing.registry import all_kinds

SEPARATOR = ":"


class OrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class ShareForm(forms.Form):
    what = forms.ChoiceField(label=_("What do you share?"))
    recipient = OrganisationField(
        label=_("With which organisation?"),
        queryset=Organisation.objects.none(),
        help_text=_("Only this organisation sees it, until you stop sharing."),
    )

    def __init__(self, *args: Any, owner: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        for kind in all_kinds():
            options = [
                (f"{kind.code}{SEPARATOR}{o.object_id}", o.label) for o in kind.options(owner)
            ]
            if options:
                groups.append((str(kind.label).capitalize(), options))
        what = self.fields["what"]
        assert isinstance(what, forms.ChoiceField)
        what.choices = [("", _("Choose a result")), *groups]
        recipient = self.fields["recipient"]
        assert isinstance(recipient, forms.ModelChoiceField)
        recipient.queryset = Organisation.objects.exclude(pk=owner.pk).order_by("name")

    @property
    def has_options(self) -> bool:
        return len(self.fields["what"].choices) > 1  # type: ignore[attr-defined]

    def kind_and_object(self) -> tuple[str, str]:
        kind, _sep, object_id = self.cleaned_data["what"].partition(SEPARATOR)
        return kind, object_id
