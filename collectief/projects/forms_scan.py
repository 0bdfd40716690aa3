"""The scan form: per condition a score from 1 to 5 (or none) and a comment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from collectief.projects.models import (
    COMMENT_MAX_LENGTH,
    CONDITIONS,
    SCORE_MAX,
    SCORE_MIN,
    WHAT_HELPS,
    Condition,
)

SCORE_CHOICES = [
    ("", _("not scored")),
    ("1", _("1 – not at all")),
    ("2", _("2")),
    ("3", _("3")),
    ("4", _("4")),
    ("5", _("5 – fully")),
]


class ScanForm(forms.Form):
    """Fields ``<code>`` (score) and ``<code>_comment`` for every condition."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in [*CONDITIONS, *WHAT_HELPS]:
            self.fields[code] = forms.TypedChoiceField(
                label=Condition(code).label,
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"{code}_comment"] = forms.CharField(
                label=_("Comment"),
                max_length=COMMENT_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for code in [*CONDITIONS, *WHAT_HELPS]:
            score = data.get(code)
            if (
                data.get(f"{code}_comment", "").strip()
                and score is None
                and code not in self.errors
            ):
                self.add_error(code, _("Give a score with your comment."))
            if score is not None and not SCORE_MIN <= score <= SCORE_MAX:
                self.add_error(code, _("Give a score from 1 to 5."))
        return data

    def groups(self) -> list[tuple[Any, list[tuple[Any, Any]]]]:
        """(heading, [(score field, comment field)]) in the magazine's order."""
        return [
            (
                _("Conditions (magazine p. 20-21)"),
                [(self[c], self[f"{c}_comment"]) for c in CONDITIONS],
            ),
            (
                _("What helps (magazine p. 14)"),
                [(self[c], self[f"{c}_comment"]) for c in WHAT_HELPS],
            ),
        ]

    def scores(self) -> dict[str, tuple[int | None, str]]:
        data = self.cleaned_data
        return {
            code: (data.get(code), data.get(f"{code}_comment", ""))
            for code in [*CONDITIONS, *WHAT_HELPS]
        }
