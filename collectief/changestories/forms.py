"""Validation of a change story, defined once.

The editor's steps use the item forms below in formsets; the JSON import,
the API and the services validate a whole story with ``validate_content``,
which runs the same item forms on every item and adds the checks that span
items (duplicates, links). Errors name the JSON path, for example
``effects[2].indicators[0].text``.
"""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.changestories.models import ChangeStory, IndicatorKind, Level
from collectief.lib.errors import ServiceError
from collectief.lib.uploads import LimitedFileField

# "~3" is a temporary id for a new item that other items already link to
# (the editor uses it); the service replaces it with a real key.
KEY_PATTERN = re.compile(r"^(~\d{1,6}|[A-Za-z][A-Za-z0-9_-]{0,11})$")

TEXT_BLOCKS = ("target_groups", "approaches", "contributions")
BLOCKS = ("target_groups", "approaches", "effects", "contributions")


def _key_field() -> forms.CharField:
    return forms.CharField(required=False, max_length=12, widget=forms.HiddenInput)


def _clean_key(value: str) -> str:
    value = (value or "").strip()
    if value and not KEY_PATTERN.match(value):
        raise forms.ValidationError(
            _("The id %(id)s is not valid: use a letter followed by letters or digits.")
            % {"id": value}
        )
    return value


class TextItemForm(forms.Form):
    """One item of doelgroep, aanpak or 'draagt indirect bij aan'."""

    id = _key_field()
    text = forms.CharField(label=gettext_lazy("Text"), max_length=300)

    def clean_id(self) -> str:
        return _clean_key(self.cleaned_data.get("id", ""))


class TargetGroupForm(TextItemForm):
    text = forms.CharField(
        label=gettext_lazy("Target group"),
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class ApproachForm(TextItemForm):
    text = forms.CharField(
        label=gettext_lazy("Activity, way of working or attitude"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ContributionForm(TextItemForm):
    text = forms.CharField(
        label=gettext_lazy("What you want to contribute to"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EffectForm(forms.Form):
    id = _key_field()
    name = forms.CharField(
        label=gettext_lazy("Short name"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("One or two words, for example VERBONDENHEID."),
    )
    description = forms.CharField(
        label=gettext_lazy("What changes?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    level = forms.ChoiceField(
        label=gettext_lazy("For whom does it change?"),
        choices=Level.choices,
        initial=Level.GROUP,
        widget=forms.RadioSelect,
    )
    approaches = forms.MultipleChoiceField(
        label=gettext_lazy("Which approach helps here?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contributions = forms.MultipleChoiceField(
        label=gettext_lazy("What does it contribute to?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        approach_choices: list[tuple[str, str]] | None = None,
        contribution_choices: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["approaches"]).choices = approach_choices or []
        cast(forms.ChoiceField, self.fields["contributions"]).choices = contribution_choices or []

    def clean_id(self) -> str:
        return _clean_key(self.cleaned_data.get("id", ""))

    def clean_name(self) -> str:
        return self.cleaned_data.get("name", "").strip().upper()


class IndicatorForm(forms.Form):
    id = _key_field()
    effect = forms.CharField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=gettext_lazy("How do you see or notice it?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=IndicatorKind.choices, initial=IndicatorKind.STATEMENT
    )

    def clean_id(self) -> str:
        return _clean_key(self.cleaned_data.get("id", ""))


class PosterSettingsForm(forms.ModelForm):
    """Tagline, public or not, colour and the optional logo or photo.

    The image is only checked for size here (the shared upload field); the
    service opens it and cleans it (``poster_image``), so a file that is not
    a usable image gets its message there.
    """

    image = LimitedFileField(
        max_mb=5,
        label=gettext_lazy("Logo or photo"),
        required=False,
        help_text=gettext_lazy(
            "PNG, JPEG or WebP, at most 5 MB. We remove the photo's hidden data."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    remove_image = forms.BooleanField(
        label=gettext_lazy("Remove the logo or photo"), required=False
    )
    field_order = ["tagline", "colour", "image", "image_alt", "remove_image", "is_public"]

    class Meta:
        model = ChangeStory
        fields = ["tagline", "is_public", "colour", "image_alt"]
        help_texts = {
            "colour": gettext_lazy(
                "Your own colour, as # and six characters, for example #0b5f4f. "
                "Empty: the Collectief green. The text on it becomes white or black, "
                "whichever reads best."
            ),
        }
        widgets = {
            "colour": forms.TextInput(
                attrs={"placeholder": "#0b5f4f", "size": 8, "autocomplete": "off"}
            ),
        }

    def clean_colour(self) -> str:
        return str(self.cleaned_data.get("colour") or "").strip().lower()


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("JSON file"))


# -- whole-story validation ---------------------------------------------------


class ContentError(ServiceError):
    """All problems in a change story, each with its JSON path."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        details = "; ".join(f"{path}: {message}" for path, message in problems)
        super().__init__(
            _("The change story was not saved. Please fix these points:") + " " + details
        )

    def as_dict(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        for path, message in self.problems:
            result.setdefault(path, []).append(message)
        return result


def _form_errors(form: forms.Form, path: str) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for field, errors in form.errors.items():
        where = path if field == "__all__" else f"{path}.{field}"
        problems.extend((where, str(error)) for error in errors)
    return problems


def _as_text(value: Any) -> Any:
    return "" if value is None else value


def validate_content(data: Any) -> dict[str, Any]:
    """Check a whole change story (the JSON shape); return it cleaned.

    Raises ContentError listing every problem with its JSON path. Items
    without an id are new; the service gives them one.
    """
    problems: list[tuple[str, str]] = []
    if not isinstance(data, dict):
        raise ContentError([("$", _("The file must contain one JSON object."))])
    cleaned: dict[str, Any] = {}

    def items_of(block: str) -> list[Any]:
        value = data.get(block, [])
        if value is None:
            return []
        if not isinstance(value, list):
            problems.append((block, _("This must be a list.")))
            return []
        return value

    seen_ids: dict[str, str] = {}

    def claim_id(key: str, path: str) -> None:
        if not key:
            return
        if key in seen_ids:
            problems.append(
                (
                    f"{path}.id",
                    _("The id %(id)s is used twice (also at %(other)s).")
                    % {"id": key, "other": seen_ids[key]},
                )
            )
        else:
            seen_ids[key] = path

    def check_duplicates(items: list[dict[str, Any]], block: str, field: str) -> None:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            text = " ".join(str(item.get(field, "")).split()).casefold()
            if not text:
                continue
            if text in seen:
                problems.append(
                    (
                        f"{block}[{index}].{field}",
                        _("“%(text)s” is already in the list (item %(number)s).")
                        % {"text": item[field], "number": seen[text] + 1},
                    )
                )
            else:
                seen[text] = index

    for block, form_class in (
        ("target_groups", TextItemForm),
        ("approaches", TextItemForm),
        ("contributions", TextItemForm),
    ):
        result = []
        for index, raw in enumerate(items_of(block)):
            path = f"{block}[{index}]"
            if not isinstance(raw, dict):
                problems.append((path, _("Each item must be an object with id and text.")))
                continue
            form = form_class({"id": _as_text(raw.get("id")), "text": _as_text(raw.get("text"))})
            if form.is_valid():
                item = {"id": form.cleaned_data["id"], "text": form.cleaned_data["text"]}
                claim_id(item["id"], path)
                result.append(item)
            else:
                problems.extend(_form_errors(form, path))
        check_duplicates(result, block, "text")
        cleaned[block] = result

    effects = []
    for index, raw in enumerate(items_of("effects")):
        path = f"effects[{index}]"
        if not isinstance(raw, dict):
            problems.append((path, _("Each effect must be an object.")))
            continue
        effect_form = EffectForm(
            {
                "id": _as_text(raw.get("id")),
                "name": _as_text(raw.get("name")),
                "description": _as_text(raw.get("description")),
                "level": _as_text(raw.get("level")),
            }
        )
        if not effect_form.is_valid():
            problems.extend(_form_errors(effect_form, path))
            continue
        effect = {
            "id": effect_form.cleaned_data["id"],
            "name": effect_form.cleaned_data["name"],
            "description": effect_form.cleaned_data["description"],
            "level": effect_form.cleaned_data["level"],
            "indicators": [],
        }
        claim_id(effect["id"], path)
        raw_indicators = raw.get("indicators", []) or []
        if not isinstance(raw_indicators, list):
            problems.append((f"{path}.indicators", _("This must be a list.")))
            raw_indicators = []
        for i_index, raw_indicator in enumerate(raw_indicators):
            i_path = f"{path}.indicators[{i_index}]"
            if not isinstance(raw_indicator, dict):
                problems.append((i_path, _("Each indicator must be an object.")))
                continue
            i_form = IndicatorForm(
                {
                    "id": _as_text(raw_indicator.get("id")),
                    "text": _as_text(raw_indicator.get("text")),
                    "kind": _as_text(raw_indicator.get("kind")),
                }
            )
            if i_form.is_valid():
                indicator = {k: i_form.cleaned_data[k] for k in ("id", "text", "kind")}
                claim_id(indicator["id"], i_path)
                effect["indicators"].append(indicator)
            else:
                problems.extend(_form_errors(i_form, i_path))
        check_duplicates(effect["indicators"], f"{path}.indicators", "text")
        effects.append(effect)
    check_duplicates(effects, "effects", "description")
    named = [e for e in effects if e["name"]]
    seen_names: dict[str, int] = {}
    for effect in named:
        index = effects.index(effect)
        if effect["name"] in seen_names:
            problems.append(
                (
                    f"effects[{index}].name",
                    _("The short name %(name)s is already used by another effect.")
                    % {"name": effect["name"]},
                )
            )
        else:
            seen_names[effect["name"]] = index
    cleaned["effects"] = effects

    kind_of = {}
    for block in ("approaches", "effects", "contributions"):
        for item in cleaned[block]:
            if item["id"]:
                kind_of[item["id"]] = block
    links = []
    seen_links = set()
    for index, raw in enumerate(items_of("links")):
        path = f"links[{index}]"
        if not isinstance(raw, dict):
            problems.append((path, _("Each link must be an object with from and to.")))
            continue
        source, target = str(raw.get("from") or ""), str(raw.get("to") or "")
        pair = (kind_of.get(source), kind_of.get(target))
        if not source or not target:
            problems.append((path, _("A link needs both from and to.")))
        elif pair[0] is None or pair[1] is None:
            missing = source if pair[0] is None else target
            problems.append(
                (
                    path,
                    _(
                        "The link points to %(id)s, which is not an item of this change "
                        "story. A link can only connect items of the same organisation."
                    )
                    % {"id": missing},
                )
            )
        elif pair not in (("approaches", "effects"), ("effects", "contributions")):
            problems.append(
                (
                    path,
                    _(
                        "A link goes from an approach to a direct effect, or from a direct "
                        "effect to an indirect contribution."
                    ),
                )
            )
        elif (source, target) not in seen_links:
            seen_links.add((source, target))
            links.append({"from": source, "to": target})
    cleaned["links"] = links
    if problems:
        raise ContentError(problems)
    return cleaned
