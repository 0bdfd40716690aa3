"""The one validation definition of a figure, used by pages, API and imports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.figures import formats
from collectief.figures.models import Figure, FigureValue, Period
from collectief.lib.uploads import LimitedFileField

FIGURE_FIELDS = (
    "label",
    "qualifier",
    "value",
    "value_max",
    "unit",
    "period",
    "period_name",
    "indicator",
    "source",
    "date",
    "is_highlighted",
)


class DutchDecimalField(forms.CharField):
    """A number typed the Dutch way: 1825,50 or 1.825,50 (see formats.parse_decimal)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return formats.parse_decimal(text)
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from exc

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return formats.number_to_text(value)
        return value


class DutchDateField(forms.DateField):
    """dd-mm-jjjj or jjjj-mm-dd, with the same message as the file import."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if hasattr(value, "year"):
            return value
        try:
            return formats.parse_date(str(value))
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from exc


class FigureForm(forms.ModelForm):
    value = DutchDecimalField(
        label=gettext_lazy("Number"),
        help_text=gettext_lazy("For example 94 or 1825,50. For a range, the lowest number."),
    )
    value_max = DutchDecimalField(
        label=gettext_lazy("Up to"),
        required=False,
        help_text=gettext_lazy("Only for a range, such as 20 to 25 people: fill in 25 here."),
    )
    date = DutchDateField(
        label=gettext_lazy("Date"),
        required=False,
        help_text=gettext_lazy("The day the number was counted. Optional."),
    )

    class Meta:
        model = Figure
        fields = FIGURE_FIELDS
        widgets = {"period": forms.RadioSelect}

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        kwargs.setdefault("instance", Figure(organisation=organisation))
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation
        from collectief.changestories.models import Indicator

        indicator_field = self.fields["indicator"]
        indicator_field.queryset = Indicator.objects.filter(  # type: ignore[attr-defined]
            effect__story__organisation=organisation
        ).select_related("effect")
        indicator_field.help_text = _(
            "Optional. The indicator of your change story that this number shows."
        )
        indicator_field.empty_label = _("No indicator")  # type: ignore[attr-defined]

    def clean_label(self) -> str:
        label = " ".join(self.cleaned_data["label"].split())
        if not label:
            raise ValidationError(_("Say what is counted."), code="required")
        duplicate = Figure.objects.filter(
            organisation=self.organisation, label__iexact=label
        ).exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise ValidationError(
                _("There is already a figure called '%(label)s'.") % {"label": label},
                code="duplicate",
            )
        return label

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        period = data.get("period")
        name = " ".join((data.get("period_name") or "").split())
        if period == Period.NAMED:
            if not name:
                self.add_error(
                    "period_name",
                    ValidationError(
                        _("Give the period a name, for example projectperiode 2021–2022."),
                        code="required",
                    ),
                )
            else:
                try:
                    formats.check_period_name(name)
                except ValueError as exc:
                    self.add_error("period_name", ValidationError(str(exc), code="invalid"))
            data["period_name"] = name
        elif period:
            # A name only belongs to a named period; drop a leftover one.
            data["period_name"] = ""
        value, value_max = data.get("value"), data.get("value_max")
        if value is not None and value_max is not None and value_max <= value:
            self.add_error(
                "value_max",
                ValidationError(
                    _("'Up to' must be more than the number (%(value)s).")
                    % {"value": formats.number_to_text(value)},
                    code="invalid",
                ),
            )
        return data


class FigureValueForm(forms.ModelForm):
    """One measurement of the series."""

    date = DutchDateField(label=gettext_lazy("Date"))
    value = DutchDecimalField(label=gettext_lazy("Number"))

    class Meta:
        model = FigureValue
        fields = ("date", "value")

    def __init__(self, *args: Any, figure: Figure, **kwargs: Any) -> None:
        kwargs.setdefault("instance", FigureValue(figure=figure))
        super().__init__(*args, **kwargs)
        self.fields["date"].required = True

    def validate_unique(self) -> None:
        # The service adds or replaces the measurement of a date.
        return


class ImportForm(forms.Form):
    file = LimitedFileField(
        max_mb=5,
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A CSV file or an Excel workbook (.xlsx), at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )
