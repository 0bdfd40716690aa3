"""Forms of the surveys app: the builder, the respondent pages and data entry.

The builder forms are also used by the API (``validate_form``), so the web
pages and the JSON input are validated by the same rules.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _nl
from django.utils.translation import gettext_lazy as _

from collectief.lib.errors import ServiceError
from collectief.surveys import services
from collectief.surveys.models import Question, Section, Survey, Wave


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SurveyForm(forms.ModelForm):
    closes_at = forms.DateTimeField(
        label=_("Closing date"),
        required=False,
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"],
        help_text=_("After this moment nobody can answer any more. Leave empty for no end."),
    )

    class Meta:
        model = Survey
        fields = ["title", "intro", "closes_at", "max_responses", "privacy_text", "thank_you_text"]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 4}),
            "privacy_text": forms.Textarea(attrs={"rows": 4}),
            "thank_you_text": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_max_responses(self) -> int | None:
        value = self.cleaned_data.get("max_responses")
        if value == 0:
            raise forms.ValidationError(_("Give a number of at least 1, or leave it empty."))
        return value


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "intro"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Survey.Status.choices)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


class QuestionForm(forms.Form):
    """A question of any type, with answer options and skip logic.

    ``survey`` limits the skip-logic questions, the sections, and the effects
    (of the organisation's change story). ``question`` is the question being
    edited (skip logic may only point to earlier questions).
    """

    text = forms.CharField(
        label=_("Question or statement"), widget=forms.Textarea(attrs={"rows": 2})
    )
    type = forms.ChoiceField(label=_("Kind of answer"), choices=Question.Type.choices)
    code = forms.CharField(
        label=_("Code in exports"),
        required=False,
        max_length=40,
        help_text=_(
            "Short name for exports, for example contact_buren. Letters, digits and "
            "underscores. Leave empty to make one from the question."
        ),
    )
    help_text = forms.CharField(
        label=_("Help text"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    allow_dont_know = forms.BooleanField(
        label=_("Statements: offer 'don't know / not applicable'"), required=False, initial=True
    )
    choices = forms.CharField(
        label=_("Answer options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only for 'choose one' and 'choose one or more'. One option per line."),
    )
    choice_codes = forms.CharField(
        label=_("Answer options with codes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One option per line as code | text, and if you like | score: ja | Ja, graag | 1. "
            "Change this only if exports need fixed codes."
        ),
    )
    min_value = forms.IntegerField(label=_("Lowest number"), required=False)
    max_value = forms.IntegerField(label=_("Highest number"), required=False)
    show_if_question = forms.ModelChoiceField(
        label=_("Only show this question if question"),
        queryset=Question.objects.none(),
        required=False,
        empty_label=_("(always show)"),
    )
    show_if_values = forms.CharField(
        label=_("has the answer"),
        required=False,
        help_text=_(
            "Write the answer as it is shown, for example Ja. Separate more answers with a comma."
        ),
    )
    section = forms.ModelChoiceField(
        label=_("Part"), queryset=Section.objects.none(), empty_label=None
    )
    effect = forms.ModelChoiceField(
        label=_("Direct effect this question measures"),
        queryset=Question.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )
    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=Question.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )

    def __init__(
        self, *args: Any, survey: Survey, question: Question | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.question = question
        from collectief.changestories.models import Effect, Indicator

        earlier = survey.questions.filter(type__in=list(Question.CLOSED_TYPES)).select_related(
            "section"
        )
        if question is not None:
            key = services.position_key(question)
            earlier = earlier.exclude(pk=question.pk)
            allowed = [q.pk for q in earlier if services.position_key(q) < key]
            earlier = earlier.filter(pk__in=allowed)
        show_if = cast(forms.ModelChoiceField, self.fields["show_if_question"])
        show_if.queryset = earlier
        show_if.label_from_instance = lambda q: q.text[:100]  # type: ignore[method-assign,assignment]
        cast(forms.ModelChoiceField, self.fields["section"]).queryset = survey.sections.all()
        if not survey.sections.exists():
            del self.fields["section"]  # the view makes the first part with the first question
        effects = Effect.objects.filter(story__organisation_id=survey.organisation_id)
        cast(forms.ModelChoiceField, self.fields["effect"]).queryset = effects
        cast(forms.ModelChoiceField, self.fields["indicator"]).queryset = Indicator.objects.filter(
            effect__story__organisation_id=survey.organisation_id
        ).select_related("effect")
        if not effects.exists():
            del self.fields["effect"]
            del self.fields["indicator"]
        if question is not None:
            # Also when bound: changed_data compares with it (see _choice_specs).
            self.initial.update(
                {
                    "text": question.text,
                    "type": question.type,
                    "code": question.code,
                    "help_text": question.help_text,
                    "required": question.required,
                    "allow_dont_know": question.allow_dont_know,
                    "min_value": question.min_value,
                    "max_value": question.max_value,
                    "section": question.section_id,
                    "show_if_question": question.show_if_question_id,
                    "effect": question.effect_id,
                    "indicator": question.indicator_id,
                    "choices": "\n".join(c.label for c in question.choices.all()),
                    "choice_codes": "\n".join(
                        f"{c.value} | {c.label}" + (f" | {c.score}" if c.score is not None else "")
                        for c in question.choices.all()
                    ),
                    "show_if_values": ", ".join(
                        dict(question.show_if_question.answer_options()).get(k, k)
                        for k in question.show_if_values
                    )
                    if question.show_if_question
                    else "",
                }
            )

    def clean_code(self) -> str:
        code = self.cleaned_data.get("code", "").strip()
        if code:
            try:
                services.validate_code(
                    self.survey, code, exclude_pk=self.question.pk if self.question else None
                )
            except ServiceError as error:
                raise forms.ValidationError(error.message) from error
        return code

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        kind = data.get("type")
        specs = self._choice_specs(data)
        if kind in Question.CHOICE_TYPES and len(specs) < 2 and not self.has_error("choices"):
            self.add_error("choices", _nl("Give at least two answer options."))
        data["choice_specs"] = specs if kind in Question.CHOICE_TYPES else []
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and high < low:
            self.add_error(
                "max_value", _nl("The highest number must not be lower than the lowest number.")
            )
        controller = data.get("show_if_question")
        answers = [a for a in (data.get("show_if_values") or "").split(",") if a.strip()]
        if controller is not None:
            if not answers:
                self.add_error("show_if_values", _nl("Say which answer shows this question."))
            else:
                try:
                    data["show_if_keys"] = services.answer_keys_for(controller, answers)
                except ServiceError as error:
                    self.add_error("show_if_values", error.message)
        else:
            data["show_if_keys"] = []
        indicator = data.get("indicator")
        if indicator is not None and data.get("effect") is None:
            data["effect"] = indicator.effect
        elif indicator is not None and indicator.effect_id != data["effect"].pk:
            self.add_error("indicator", _nl("This indicator belongs to another effect."))
        return data

    advanced_fields = ("code", "choice_codes")

    @property
    def advanced_errors(self) -> bool:
        return any(self.has_error(name) for name in self.advanced_fields)

    def _choice_specs(self, data: dict[str, Any]) -> list[services.ChoiceSpec]:
        """Answer options from the plain list, or from the coded list under "Advanced".

        The coded list wins when someone changed it (or filled it in for a new
        question). Otherwise the plain list is read, and an option keeps its
        code and score when its text stays the same or is only reworded in the
        same place, so exports and answers already given stay linked.
        """
        coded = data.get("choice_codes", "")
        use_codes = bool(coded.strip()) and (
            self.question is None or "choice_codes" in self.changed_data
        )
        field = "choice_codes" if use_codes else "choices"
        try:
            specs = services.parse_choice_lines(coded if use_codes else data.get("choices", ""))
        except ServiceError as error:
            self.add_error(field, error.message)
            return []
        if use_codes or self.question is None:
            return specs
        existing = list(self.question.choices.all())
        by_label = {c.label.strip().lower(): c for c in existing}
        new_labels = {spec.label.strip().lower() for spec in specs}
        for position, spec in enumerate(specs):
            if spec.value:
                continue
            match = by_label.get(spec.label.strip().lower())
            if match is None and position < len(existing):
                renamed = existing[position]
                if renamed.label.strip().lower() not in new_labels:
                    match = renamed
            if match is not None:
                spec.value, spec.score = match.value, match.score
        return specs

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs = {
            "text": data["text"],
            "type": data["type"],
            "help_text": data.get("help_text", ""),
            "required": data.get("required", False),
            "allow_dont_know": data.get("allow_dont_know", False),
            "min_value": data.get("min_value"),
            "max_value": data.get("max_value"),
            "choices": data["choice_specs"],
            "show_if_question": data.get("show_if_question"),
            "show_if_values": data.get("show_if_keys", []),
        }
        if "effect" in self.fields:
            kwargs["effect"] = data.get("effect")
            kwargs["indicator"] = data.get("indicator")
        if data.get("code"):
            kwargs["code"] = data["code"]
        return kwargs


class WaveForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d"]
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        required=False,
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d"],
    )

    class Meta:
        model = Wave
        fields = ["name", "kind", "starts_at", "ends_at"]


class InstrumentForm(forms.Form):
    instrument = forms.CharField(widget=forms.HiddenInput)
    permission_confirmed = forms.BooleanField(
        label=_(
            "I use this instrument for research, or the makers have given permission for my use."
        ),
        required=False,
    )


class SuggestionForm(forms.Form):
    """One proposed statement from the change story, to review before adding."""

    include = forms.BooleanField(label=_("Add"), required=False, initial=True)
    text = forms.CharField(label=_("Statement"), max_length=500)
    code = forms.CharField(label=_("Code"), max_length=40)
    effect_id = forms.IntegerField(widget=forms.HiddenInput)
    indicator_id = forms.IntegerField(widget=forms.HiddenInput, required=False)


SuggestionFormSet = forms.formset_factory(SuggestionForm, extra=0)


# --------------------------------------------------------------------------- respondents


HONEYPOT_FIELD = "website"


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def posted_answers(data: Any, questions: list[Question]) -> dict[int, list[str]]:
    """Raw answer keys per question id from a respondent's POST (not yet validated).

    The respondent page has no Django form: its one validation definition is
    ``services.clean_answer``, which the submission runs again, and the page
    draws its inputs itself (``views/respond.py``), so a form would only
    duplicate work on the busiest page of the product.
    """
    result: dict[int, list[str]] = {}
    for question in questions:
        name = field_name(question)
        if question.type == Question.Type.MULTIPLE_CHOICE:
            values = data.getlist(name) if hasattr(data, "getlist") else []
        else:
            value = data.get(name, "")
            values = [value] if value not in (None, "") else []
        result[question.pk] = [str(v) for v in values]
    return result


def entry_codes(question: Question) -> list[tuple[str, str, str]]:
    """(number typed on the keyboard, answer key, label) for data entry and paper."""
    return [
        (str(position), key, label)
        for position, (key, label) in enumerate(question.answer_options(), start=1)
    ]


class DataEntryForm(forms.Form):
    """All questions of a paper form on one screen; closed answers typed as numbers."""

    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        first = True
        for number, question in enumerate(questions, start=1):
            name = field_name(question)
            attrs: dict[str, Any] = {"autocomplete": "off"}
            if first:
                attrs["autofocus"] = True
                first = False
            if question.is_closed:
                codes = entry_codes(question)
                legend = ", ".join(f"{n} = {label}" for n, _k, label in codes)
                attrs.update({"inputmode": "numeric", "class": "entry-code"})
                help_text = legend
                if question.type == Question.Type.MULTIPLE_CHOICE:
                    help_text = _nl("More answers: separate with spaces. %(codes)s") % {
                        "codes": legend
                    }
                self.fields[name] = forms.CharField(
                    label=f"{number}. {question.text}",
                    required=False,
                    help_text=help_text,
                    widget=forms.TextInput(attrs=attrs),
                )
            elif question.type == Question.Type.LONG_TEXT:
                self.fields[name] = forms.CharField(
                    label=f"{number}. {question.text}",
                    required=False,
                    widget=forms.Textarea(attrs={**attrs, "rows": 2}),
                )
            else:
                if question.type == Question.Type.NUMBER:
                    attrs["inputmode"] = "numeric"
                self.fields[name] = forms.CharField(
                    label=f"{number}. {question.text}",
                    required=False,
                    widget=forms.TextInput(attrs=attrs),
                )

    def answers(self) -> dict[int, list[str]]:
        """Answer keys per question id; raises ServiceError for an unknown code."""
        result: dict[int, list[str]] = {}
        errors: dict[str, str] = {}
        for question in self.questions:
            raw = str(self.data.get(self.add_prefix(field_name(question)), "")).strip()
            if not question.is_closed:
                result[question.pk] = [raw] if raw else []
                continue
            codes = {n: key for n, key, _label in entry_codes(question)}
            typed = raw.replace(",", " ").split()
            if question.type != Question.Type.MULTIPLE_CHOICE and len(typed) > 1:
                errors[field_name(question)] = _nl("Type one number.")
                continue
            unknown = [t for t in typed if t not in codes]
            if unknown:
                errors[field_name(question)] = _nl(
                    "%(typed)s is not a code of this question. Use %(codes)s."
                ) % {"typed": " ".join(unknown), "codes": ", ".join(codes)}
                continue
            result[question.pk] = [codes[t] for t in typed]
        if errors:
            raise services.SubmissionError(errors)
        return result
