"""The search form of the sociale kaart (web page and JSON endpoint).

:class:`SearchForm` holds the filters as GET parameters with Dutch names in
the address (``gebied``, ``thema``, ``dag``, …) and hands them to
:func:`~collectief.directory.search.query.search_services`. The area list has
thousands of options, so :class:`AreaField` and :class:`QuickSelect` skip
Django's per-option normalising and templates.
"""

from __future__ import annotations

import html
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.dates import WEEKDAYS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from collectief.areas.lookup import AmbiguousAreaError, AreaNotFoundError, resolve_area
from collectief.areas.models import Area
from collectief.directory.models import (
    TARGET_GROUPS_TAXONOMY_ID,
    THEMES_TAXONOMY_ID,
    Location,
    Service,
    TaxonomyTerm,
)
from collectief.directory.search.areas import SCOPE_HERE, SCOPE_WIDER
from collectief.directory.search.query import (
    TARGET_GROUP_EVERYONE,
    WHEN_TODAY,
    WHEN_WEEK,
    search_services,
)
from collectief.directory.search.schedules import DAY_SHORT
from collectief.directory.search.understand import Understanding, understand


def area_choices() -> list[tuple[str, Any]]:
    """Gemeenten and wijken, and the buurten where something is on, grouped per gemeente.

    Plain rows, not model instances: with 500 wijken and 2,000 buurten this
    runs on every search page.
    """
    # "Has a location" as an index probe per buurt: a DISTINCT over every
    # location took 7 ms on PostgreSQL.
    located = set(
        Area.objects.filter(level=Area.Level.BUURT)
        .filter(Exists(Location.objects.filter(area_id=OuterRef("pk"))))
        .values_list("pk", flat=True)
    )
    areas = list(
        Area.objects.order_by("name").values_list("pk", "code", "name", "level", "parent_id")
    )
    children: dict[int | None, list[tuple[Any, ...]]] = {}
    for row in areas:
        children.setdefault(row[4], []).append(row)
    groups: list[tuple[str, Any]] = [("", _("Everywhere"))]
    all_of = gettext("All of %(name)s")
    for pk, code, name, level, *_rest in areas:
        if level != Area.Level.GEMEENTE:
            continue
        options = [(code, all_of % {"name": name})]
        for wijk_pk, wijk_code, wijk_name, *_rest in children.get(pk, []):
            options.append((wijk_code, wijk_name))
            options.extend(
                (buurt[1], f"– {buurt[2]}")
                for buurt in children.get(wijk_pk, [])
                if buurt[0] in located
            )
        groups.append((name, options))
    return groups


class QuickSelect(forms.Select):
    """A select that writes its options in Python instead of one template per option.

    The same HTML as Django's ``select.html``; the area list has thousands of
    options (500 wijken, 2,000 buurten), which took most of the search page's time.
    """

    @property
    def choices(self) -> Any:
        return self._choices

    @choices.setter
    def choices(self, value: Any) -> None:
        # Given in Django's normalised shape (see AreaField): kept as they are.
        self._choices = list(value)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        wanted = set(self.format_value(value))
        has_selected = False
        parts = [f'<select name="{_escape(name)}"{_attrs(final_attrs)}>']
        # As Django's ChoiceWidget.optgroups: the first matching option is selected.
        for option_value, option_label in self.choices:
            if isinstance(option_label, list | tuple):
                group_name, options = option_value, option_label
                parts.append(f'\n  <optgroup label="{_escape(group_name)}">')
            else:
                group_name = None
                options = [("" if option_value is None else option_value, option_label)]
            for sub_value, sub_label in options:
                selected = (not has_selected or self.allow_multiple_selected) and str(
                    sub_value
                ) in wanted
                has_selected |= selected
                parts.append(
                    f'\n  <option value="{html.escape(str(sub_value))}"'
                    f"{' selected' if selected else ''}>{_escape(sub_label)}</option>\n"
                )
            if group_name is not None:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        # Every name, value and label above is escaped.
        return mark_safe("".join(parts))


class AreaField(forms.ChoiceField):
    """The area filter, with thousands of gemeenten, wijken and buurten.

    The choices from :func:`area_choices` already have the shape Django's
    ``normalize_choices`` returns, so they are set as they are: normalising
    2,500 areas took 11 ms on every search page.
    """

    widget = QuickSelect

    @property
    def choices(self) -> Any:
        return self._choices

    @choices.setter
    def choices(self, value: Any) -> None:
        prepared = list(value)
        self._choices = prepared
        widget: Any = self.widget
        widget.choices = prepared

    def valid_value(self, value: Any) -> bool:
        # A name ("Kesteren") is as good as a code; clean_gebied() resolves it.
        return True


def _escape(value: Any) -> str:
    """Django's conditional_escape, without its overhead for plain strings."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def _attrs(attrs: dict[str, Any]) -> str:
    """HTML attributes as Django's ``attrs.html`` writes them (``stringformat:'s'``: always escaped)."""
    return "".join(
        f" {key}" if value is True else f' {key}="{html.escape(str(value))}"'
        for key, value in attrs.items()
        if value is not False
    )


def term_choices(taxonomy_id: Any, empty: Any) -> list[tuple[str, Any]]:
    terms = TaxonomyTerm.objects.filter(taxonomy_detail_id=taxonomy_id).order_by("order", "name")
    if taxonomy_id == TARGET_GROUPS_TAXONOMY_ID:
        # "Iedereen" is the empty choice already: everything for everyone
        # matches every target group, so the term would be a second "Iedereen".
        terms = terms.exclude(code=TARGET_GROUP_EVERYONE)
    return [("", empty), *((t.code, t.name) for t in terms)]


class SearchForm(forms.Form):
    """The filters of the sociale kaart, as GET parameters (Dutch names in the address)."""

    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    gebied = AreaField(label=_("Area"), required=False)
    omgeving = forms.BooleanField(label=_("Also in the neighbouring areas"), required=False)
    bereik = forms.ChoiceField(
        label=_("Reach"),
        required=False,
        choices=[
            ("", _("In the area and for the whole municipality")),
            (SCOPE_HERE, _("Only in the area itself")),
            (SCOPE_WIDER, _("Only for the whole municipality")),
        ],
        help_text=_(
            "Some activities are for everyone in the municipality and count in every district."
        ),
    )
    thema = forms.ChoiceField(label=_("Theme"), required=False)
    doelgroep = forms.ChoiceField(label=_("For whom"), required=False)
    dag = forms.ChoiceField(
        label=_("Day of the week"),
        required=False,
        choices=[("", _("Any day")), *((DAY_SHORT[i], WEEKDAYS[i]) for i in range(7))],
    )
    wanneer = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("Any time")), (WHEN_TODAY, _("Today")), (WHEN_WEEK, _("This week"))],
    )
    gratis = forms.BooleanField(label=_("Free"), required=False)
    zonder_verwijzing = forms.BooleanField(label=_("No referral needed"), required=False)
    rolstoel = forms.BooleanField(label=_("Wheelchair accessible"), required=False)
    collectief = forms.BooleanField(label=_("Collective (in a group)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["gebied"].choices = area_choices()
        fields["thema"].choices = term_choices(THEMES_TAXONOMY_ID, _("All themes"))
        fields["doelgroep"].choices = term_choices(TARGET_GROUPS_TAXONOMY_ID, _("Everyone"))

    def clean_gebied(self) -> Area | None:
        text = (self.cleaned_data.get("gebied") or "").strip()
        if not text:
            return None
        try:
            return resolve_area(text)
        except AmbiguousAreaError as exc:
            self.area_candidates = exc.candidates
            raise forms.ValidationError(
                gettext(
                    "There is more than one area called '%(name)s'. Choose which one you mean."
                )
                % {"name": text}
            ) from exc
        except AreaNotFoundError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.understanding = understand(data.get("q") or "")
        return data

    area_candidates: list[Area] = []
    understanding: Understanding | None = None

    def search_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs = self._field_kwargs(data)
        meant = self.understanding
        if meant is not None:
            # What the words say fills the filters that were not chosen.
            for key, value in meant.filters().items():
                if not kwargs.get(key):
                    kwargs[key] = value
            kwargs["query"] = meant.rest
        return kwargs

    def _field_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "query": data.get("q") or "",
            "area": data.get("gebied"),
            "include_neighbours": bool(data.get("omgeving")),
            "theme": data.get("thema") or None,
            "target_group": data.get("doelgroep") or None,
            "day": data.get("dag") or None,
            "when": data.get("wanneer") or None,
            "free": bool(data.get("gratis")),
            "no_referral": bool(data.get("zonder_verwijzing")),
            "wheelchair": bool(data.get("rolstoel")),
            "collective": bool(data.get("collectief")),
            "scope": data.get("bereik") or None,
        }

    def search(self, **extra: Any) -> QuerySet[Service]:
        return search_services(**{**self.search_kwargs(), **extra})
