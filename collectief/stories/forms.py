"""Forms of the stories pages; the services check the rules again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectief.accounts.models import Organisation
from collectief.changestories.models import Effect
from collectief.lib.uploads import LimitedFileField
from collectief.stories.models import (
    NAME_MAX_LENGTH,
    REASON_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    AuthorRole,
    ConsentLevel,
    ConsentMethod,
    Source,
    Story,
)
from collectief.stories.services import effects_of

PHOTO_MAX_MB = 5


def _date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


class EffectChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return effect_label(obj)


class OneEffectField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return effect_label(obj)


def effect_label(effect: Effect) -> str:
    """The short name of an effect (VERBONDENHEID), or its description when it has none."""
    return effect.name or effect.description


_CONSENT_HELP = _(
    "With name: we may show the story with the name. Anonymous: without name; we replace "
    "names, addresses and numbers in the text. Internal only: only members of your "
    "organisation read it."
)


class _StoryFields(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    text = forms.CharField(
        label=_("The story"),
        # No maxlength in the page: a longer paste gets a clear message.
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "true"}),
        help_text=_("In the teller's own words: what changed for them?"),
    )
    author_role = forms.ChoiceField(label=_("Who tells it?"), choices=AuthorRole.choices)
    author_name = forms.CharField(label=_("Name"), max_length=NAME_MAX_LENGTH, required=False)
    told_on = _date_field(_("Date"), initial=timezone.localdate)
    effects = EffectChoiceField(
        label=_("Which direct effects does it show?"),
        queryset=Effect.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    photo = LimitedFileField(
        max_mb=PHOTO_MAX_MB,
        label=_("Photo"),
        required=False,
        help_text=_("PNG, JPEG or WebP, at most 5 MB. We make it smaller and remove hidden data."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    photo_alt = forms.CharField(
        label=_("What does the photo show?"), max_length=200, required=False
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effects"].queryset = effects_of(organisation)  # type: ignore[attr-defined]

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if len(text) > TEXT_MAX_LENGTH:
            raise forms.ValidationError(
                _("Use at most %(max)d characters (now %(count)d).")
                % {"max": TEXT_MAX_LENGTH, "count": len(text)}
            )
        return str(text)


class StoryForm(_StoryFields):
    """A new story with its first consent record."""

    source = forms.ChoiceField(
        label=_("How did you get the story?"),
        choices=[
            (Source.COLLECTED, Source.COLLECTED.label),
            (Source.INTERVIEW, Source.INTERVIEW.label),
        ],
    )
    consent_level = forms.ChoiceField(
        label=_("Consent"),
        choices=ConsentLevel.choices,
        widget=forms.RadioSelect,
        help_text=_CONSENT_HELP,
    )
    consent_method = forms.ChoiceField(
        label=_("How was consent given?"),
        choices=[
            (ConsentMethod.ORAL, ConsentMethod.ORAL.label),
            (ConsentMethod.WRITTEN, ConsentMethod.WRITTEN.label),
        ],
    )
    consent_asked_by = forms.CharField(label=_("Who asked?"), max_length=NAME_MAX_LENGTH)
    consent_asked_on = _date_field(_("Asked on"), initial=timezone.localdate)


class StoryEditForm(_StoryFields):
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    @classmethod
    def initial_for(cls, story: Story) -> dict[str, Any]:
        return {
            "title": story.title,
            "text": story.text,
            "author_role": story.author_role,
            "author_name": story.author_name,
            "told_on": story.told_on,
            "effects": list(story.effects.all()),
            "photo_alt": story.photo_alt,
        }


class ConsentForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Consent"),
        choices=ConsentLevel.choices,
        widget=forms.RadioSelect,
        help_text=_CONSENT_HELP,
    )
    method = forms.ChoiceField(
        label=_("How was consent given?"),
        choices=[
            (ConsentMethod.ORAL, ConsentMethod.ORAL.label),
            (ConsentMethod.WRITTEN, ConsentMethod.WRITTEN.label),
        ],
    )
    asked_by = forms.CharField(label=_("Who asked?"), max_length=NAME_MAX_LENGTH)
    asked_on = _date_field(_("Asked on"), initial=timezone.localdate)


class PublicStoryForm(forms.Form):
    """The public story link: no account, nothing about the sender but what they type."""

    title = forms.CharField(label=_("Give your story a title"), max_length=TITLE_MAX_LENGTH)
    text = forms.CharField(
        label=_("Your story"), widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "true"})
    )
    author_role = forms.ChoiceField(label=_("You are a"), choices=AuthorRole.choices)
    author_name = forms.CharField(label=_("Your name"), max_length=NAME_MAX_LENGTH, required=False)
    consent_level = forms.ChoiceField(
        label=_("May we share your story?"),
        choices=ConsentLevel.choices,
        widget=forms.RadioSelect,
        help_text=_CONSENT_HELP,
    )

    clean_text = _StoryFields.clean_text


class QuoteForm(forms.Form):
    text = forms.CharField(
        label=_("Quote"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Copy the words from the story."),
    )
    effect = OneEffectField(
        label=_("Effect"),
        queryset=Effect.objects.none(),
        required=False,
        empty_label=_("(none yet)"),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effect"].queryset = effects_of(organisation)  # type: ignore[attr-defined]


class LinkForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    prompt = forms.CharField(
        label=_("Question to the teller"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        initial="Wat is voor jou de belangrijkste verandering?",
    )


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    question = forms.CharField(
        label=_("Question"),
        max_length=300,
        initial="Wat is voor jou de belangrijkste verandering?",
    )
    panel = forms.CharField(
        label=_("Panel"),
        max_length=500,
        required=False,
        help_text=_("Who chooses: names or roles of the members of the panel."),
    )
    held_on = _date_field(_("Date of the panel"), required=False)


class StoryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class RoundStoriesForm(forms.Form):
    stories = StoryChoiceField(
        label=_("Stories collected for this round"),
        queryset=Story.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stories"].queryset = Story.objects.for_organisation(organisation)  # type: ignore[attr-defined]


class OneStoryField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class ChoiceForm(forms.Form):
    story = OneStoryField(label=_("Most significant story"), queryset=Story.objects.none())
    reason = forms.CharField(
        label=_("Why this story?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, stories: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["story"].queryset = stories  # type: ignore[attr-defined]
