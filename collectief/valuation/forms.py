"""Forms of the valuation pages. The rules themselves are in ``rules.py``.

Percentages are typed as percentages on the pages (25 or 12,5) and stored
as shares (0.25); the four deflators are chosen from bands with Dutch
verbal anchors (0, 25, 50, 75, 100 %) or typed as an own value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.figures.forms import DutchDecimalField
from collectief.valuation import rules
from collectief.valuation.models import Grade, Input, InputKind, Outcome, Valuation

HUNDRED = Decimal(100)
OTHER = "other"
DEFLATORS = ("deadweight", "displacement", "attribution", "dropoff")

# The verbal anchors of the bands, per deflator (SROI practice: 0/25/50/75/100 %).
BAND_ANCHORS: dict[str, list[tuple[str, Any]]] = {
    "deadweight": [
        ("0", gettext_lazy("0 % – would not have happened without us")),
        ("25", gettext_lazy("25 % – a small part would have happened without us too")),
        ("50", gettext_lazy("50 % – half of it would have happened without us too")),
        ("75", gettext_lazy("75 % – most of it would have happened without us too")),
        ("100", gettext_lazy("100 % – would have happened without us too")),
    ],
    "displacement": [
        ("0", gettext_lazy("0 % – takes nothing away elsewhere")),
        ("25", gettext_lazy("25 % – takes a little away elsewhere")),
        ("50", gettext_lazy("50 % – half of it is at the expense of something elsewhere")),
        ("75", gettext_lazy("75 % – mostly at the expense of something elsewhere")),
        ("100", gettext_lazy("100 % – only moves the problem elsewhere")),
    ],
    "attribution": [
        ("0", gettext_lazy("0 % – thanks to us alone")),
        ("25", gettext_lazy("25 % – others helped a little")),
        ("50", gettext_lazy("50 % – half thanks to others")),
        ("75", gettext_lazy("75 % – mostly thanks to others")),
        ("100", gettext_lazy("100 % – entirely thanks to others")),
    ],
    "dropoff": [
        ("0", gettext_lazy("0 % – stays as strong every year")),
        ("25", gettext_lazy("25 % – a quarter less every year")),
        ("50", gettext_lazy("50 % – half as much every year")),
        ("75", gettext_lazy("75 % – three quarters less every year")),
        ("100", gettext_lazy("100 % – gone after the first year")),
    ],
}
DEFLATOR_QUESTIONS = {
    "deadweight": gettext_lazy("Deadweight: would it have happened without you?"),
    "displacement": gettext_lazy("Displacement: is it at the expense of something elsewhere?"),
    "attribution": gettext_lazy("Attribution: how much is thanks to others?"),
    "dropoff": gettext_lazy("Drop-off: how much less is it each year after the first?"),
}


class PercentField(DutchDecimalField):
    """A percentage typed as 25 or 12,5 (optionally with %), cleaned to a share 0.25."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.replace("%", "")
        number = super().to_python(value)
        return None if number is None else number / HUNDRED

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return super().prepare_value((value * HUNDRED).normalize())
        return value


def _clean(rule: Any, value: Any, **kwargs: Any) -> Any:
    return rule(value, **kwargs) if value is not None else value


class ValuationForm(forms.ModelForm):
    discount_rate = PercentField(
        label=gettext_lazy("Discount rate in percent"),
        help_text=gettext_lazy(
            "How much less a euro next year counts than a euro now. The Dutch standard for "
            "social cost-benefit analyses is 2,25."
        ),
    )
    replacement_rate = DutchDecimalField(
        label=gettext_lazy("Replacement value per hour (euro)"),
        required=False,
        help_text=gettext_lazy("What a paid professional would cost per hour for the same work."),
    )
    opportunity_rate = DutchDecimalField(
        label=gettext_lazy("Investment value per hour (euro)"),
        required=False,
        help_text=gettext_lazy(
            "The income volunteers give up per hour, for example the minimum wage."
        ),
    )
    market_rate = DutchDecimalField(
        label=gettext_lazy("Market value per hour (euro)"),
        required=False,
        help_text=gettext_lazy("What a company would charge per hour for the same service."),
    )

    class Meta:
        model = Valuation
        fields = (
            "title",
            "period",
            "discount_rate",
            "replacement_rate",
            "replacement_source",
            "replacement_year",
            "opportunity_rate",
            "opportunity_source",
            "opportunity_year",
            "market_rate",
            "market_source",
            "market_year",
            "note",
        )
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}

    def clean_title(self) -> str:
        return rules.text(self.cleaned_data.get("title"), required=True)

    def clean_discount_rate(self) -> Decimal:
        value = self.cleaned_data.get("discount_rate")
        if value is None:
            raise ValidationError(_("This field is required."), code="required")
        return rules.discount_rate(value)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for prefix in ("replacement", "opportunity", "market"):
            rate = data.get(f"{prefix}_rate")
            if rate is None:
                continue
            try:
                data[f"{prefix}_rate"] = rules.hourly_value(rate)
            except ValidationError as error:
                self.add_error(f"{prefix}_rate", error)
                continue
            try:
                data[f"{prefix}_source"] = rules.source(
                    data.get(f"{prefix}_source"), required=True
                )
            except ValidationError as error:
                self.add_error(f"{prefix}_source", error)
            if data.get(f"{prefix}_year") is None:
                self.add_error(f"{prefix}_year", _("Say from which year this hourly value is."))
            else:
                try:
                    data[f"{prefix}_year"] = rules.year(data[f"{prefix}_year"])
                except ValidationError as error:
                    self.add_error(f"{prefix}_year", error)
        return data


class InputForm(forms.ModelForm):
    amount = DutchDecimalField(
        label=gettext_lazy("Amount in euro"),
        required=False,
        help_text=gettext_lazy(
            "For money and gifts in kind. For volunteer time the amount is hours × value."
        ),
    )
    hours = DutchDecimalField(
        label=gettext_lazy("Hours"),
        required=False,
        help_text=gettext_lazy("Only for volunteer time: all volunteers' hours together."),
    )
    hourly_value = DutchDecimalField(
        label=gettext_lazy("Value per hour (euro)"),
        required=False,
        help_text=gettext_lazy(
            "Only for volunteer time: the hourly value you count in the investment."
        ),
    )

    class Meta:
        model = Input
        fields = ("label", "kind", "amount", "hours", "hourly_value", "source")
        widgets = {"kind": forms.RadioSelect}

    def clean_label(self) -> str:
        return rules.text(self.cleaned_data.get("label"), required=True)

    def clean_source(self) -> str:
        return rules.source(self.cleaned_data.get("source"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == InputKind.VOLUNTEER_HOURS:
            for name, rule in (("hours", rules.hours), ("hourly_value", rules.hourly_value)):
                if data.get(name) is None:
                    if name not in self.errors:
                        self.add_error(name, _("This field is required for volunteer time."))
                    continue
                try:
                    data[name] = rule(data[name])
                except ValidationError as error:
                    self.add_error(name, error)
            if data.get("hours") is not None and data.get("hourly_value") is not None:
                data["amount"] = rules.volunteer_amount(data["hours"], data["hourly_value"])
        elif kind:
            data["hours"] = data["hourly_value"] = None
            if data.get("amount") is None:
                if "amount" not in self.errors:
                    self.add_error("amount", _("This field is required."))
            else:
                try:
                    data["amount"] = rules.money(data["amount"])
                except ValidationError as error:
                    self.add_error("amount", error)
        return data


class OutcomeForm(forms.ModelForm):
    quantity = DutchDecimalField(
        label=gettext_lazy("Quantity (Q)"),
        help_text=gettext_lazy("How many people (or units) experience this outcome in a year."),
    )
    proxy = DutchDecimalField(
        label=gettext_lazy("Financial proxy (P) in euro"),
        help_text=gettext_lazy(
            "What the outcome is worth per person per year, for example a saved cost."
        ),
    )
    duration = DutchDecimalField(
        label=gettext_lazy("Duration in years (D)"),
        help_text=gettext_lazy("How many years the outcome lasts. Without evidence: 1."),
    )

    class Meta:
        model = Outcome
        fields = (
            "label",
            "stakeholder",
            "indicator",
            "effect",
            "question",
            "figure",
            "quantity",
            "quantity_source",
            "proxy",
            "proxy_source",
            "duration",
            "deflators_source",
            "grade",
        )
        widgets = {"grade": forms.RadioSelect}

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from collectief.changestories.models import Effect
        from collectief.figures.models import Figure
        from collectief.surveys.models import Question

        self.fields["effect"].queryset = Effect.objects.filter(  # type: ignore[attr-defined]
            story__organisation=organisation
        )
        self.fields["effect"].empty_label = _("No direct effect")  # type: ignore[attr-defined]
        self.fields["question"].queryset = (  # type: ignore[attr-defined]
            Question.objects.filter(
                survey__organisation=organisation, type=Question.Type.LIKERT5
            ).select_related("survey")
        )
        self.fields["question"].label_from_instance = (  # type: ignore[attr-defined]
            lambda q: f"{q.survey.title}: {q.text}"
        )
        self.fields["question"].empty_label = _("No statement")  # type: ignore[attr-defined]
        self.fields["question"].help_text = _(
            "Optional. The share that agrees is shown beside the outcome (from 5 answers on)."
        )
        self.fields["figure"].queryset = Figure.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        )
        self.fields["figure"].empty_label = _("No figure")  # type: ignore[attr-defined]
        self.fields["proxy_source"].required = False  # the rule gives its own message
        self.fields["grade"].choices = Grade.choices  # type: ignore[attr-defined]
        for name in DEFLATORS:
            initial = self.instance.pk and getattr(self.instance, name)
            band = OTHER
            if not self.instance.pk:
                band = "0"
            elif initial is not None and (initial * HUNDRED) in {0, 25, 50, 75, 100}:
                band = str(int(initial * HUNDRED))
            self.fields[f"{name}_band"] = forms.ChoiceField(
                label=DEFLATOR_QUESTIONS[name],
                choices=[*BAND_ANCHORS[name], (OTHER, _("another percentage (below)"))],
                widget=forms.RadioSelect,
                initial=band,
            )
            self.fields[f"{name}_other"] = PercentField(
                label=_("Other percentage"),
                required=False,
                initial=initial if band == OTHER else None,
                help_text=_("Only when you chose another percentage: a number from 0 to 100."),
            )

    def clean_label(self) -> str:
        return rules.text(self.cleaned_data.get("label"), required=True)

    def clean_stakeholder(self) -> str:
        return rules.text(self.cleaned_data.get("stakeholder"), required=True)

    def clean_quantity(self) -> Decimal:
        return _clean(rules.quantity, self.cleaned_data.get("quantity"))

    def clean_proxy(self) -> Decimal:
        return _clean(rules.proxy, self.cleaned_data.get("proxy"))

    def clean_proxy_source(self) -> str:
        return rules.source(self.cleaned_data.get("proxy_source"), required=True)

    def clean_duration(self) -> int | None:
        return _clean(rules.duration, self.cleaned_data.get("duration"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in DEFLATORS:
            band = data.get(f"{name}_band")
            if band is None:
                continue
            if band != OTHER:
                data[name] = Decimal(band) / HUNDRED
                continue
            other = data.get(f"{name}_other")
            if other is None:
                if f"{name}_other" not in self.errors:
                    self.add_error(f"{name}_other", _("Enter the percentage, or choose a band."))
                continue
            try:
                data[name] = rules.share(other)
            except ValidationError as error:
                self.add_error(f"{name}_other", error)
        return data

    def outcome_fields(self) -> dict[str, Any]:
        """The cleaned values the services take."""
        data = self.cleaned_data
        return {name: data[name] for name in (*self.Meta.fields, *DEFLATORS)}
