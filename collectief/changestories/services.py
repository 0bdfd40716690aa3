"""Reads and writes of change stories.

A change story is read and written as one document in the JSON export shape
(``target_groups``, ``approaches``, ``effects`` with ``indicators``,
``contributions``, ``links``). Every save validates the whole document with
``forms.validate_content``, updates the items in place (so other apps that
point at an Effect or Indicator keep their link), bumps the version and
stores a snapshot. A save based on an older version is refused with a
``ConflictError`` that carries the other person's current text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.db.models.deletion import ProtectedError
from django.utils.translation import gettext as _

from collectief.accounts.models import Organisation
from collectief.audit.services import record_event
from collectief.changestories.forms import BLOCKS, ContentError, validate_content
from collectief.changestories.models import (
    Approach,
    ApproachEffect,
    ChangeStory,
    ChangeStoryVersion,
    Contribution,
    Effect,
    EffectContribution,
    Indicator,
    IndicatorKind,
    Level,
    TargetGroup,
)
from collectief.changestories.parts import story_parts
from collectief.changestories.poster_image import clean_image
from collectief.lib.errors import ServiceError

HEX_COLOUR = re.compile(r"^#[0-9a-f]{6}$")

PREFIX = {
    "target_groups": "t",
    "approaches": "a",
    "effects": "e",
    "contributions": "c",
    "indicators": "i",
}


class ConflictError(ServiceError):
    """Someone else saved a newer version since the editor was opened."""

    def __init__(self, story: ChangeStory, base_version: int) -> None:
        latest = story.versions.select_related("created_by").first()
        who = str(latest.created_by) if latest and latest.created_by else _("someone else")
        super().__init__(
            _(
                "Your changes have not been saved yet. %(who)s saved a newer version "
                "(version %(current)s) after you started (you started from version "
                "%(base)s). Compare the texts below and choose per item what to keep."
            )
            % {"who": who, "current": story.version, "base": base_version}
        )
        self.story = story
        self.base_version = base_version
        self.current_version = story.version
        self.current_by = who
        self.current_content = story_content(story)


def empty_content() -> dict[str, Any]:
    return {block: [] for block in (*BLOCKS, "links")}


def get_story(organisation: Organisation) -> ChangeStory:
    """The organisation's change story, or an unsaved empty one."""
    story = ChangeStory.objects.filter(organisation=organisation).first()
    if story is None:
        story = ChangeStory(organisation=organisation)
    return story


def story_content(story: ChangeStory) -> dict[str, Any]:
    """The story as a document in the export shape (without organisation/figures)."""
    if story.pk is None:
        return empty_content()
    effects = list(story.effects.prefetch_related("indicators"))
    content: dict[str, Any] = {
        "target_groups": [{"id": t.key, "text": t.text} for t in story.target_groups.all()],
        "approaches": [{"id": a.key, "text": a.text} for a in story.approaches.all()],
        "effects": [
            {
                "id": e.key,
                "name": e.name,
                "description": e.description,
                "level": e.level,
                "indicators": [
                    {"id": i.key, "text": i.text, "kind": i.kind} for i in e.indicators.all()
                ],
            }
            for e in effects
        ],
        "contributions": [{"id": c.key, "text": c.text} for c in story.contributions.all()],
    }
    links = [
        {"from": link.approach.key, "to": link.effect.key}
        for link in ApproachEffect.objects.filter(approach__story=story)
        .select_related("approach", "effect")
        .order_by("approach__position", "effect__position")
    ]
    links += [
        {"from": link.effect.key, "to": link.contribution.key}
        for link in EffectContribution.objects.filter(effect__story=story)
        .select_related("effect", "contribution")
        .order_by("effect__position", "contribution__position")
    ]
    content["links"] = links
    return content


def public_story(organisation: Organisation) -> dict[str, Any]:
    """What anyone may read of a public change story: what the public poster shows.

    The poster shows the blocks' texts, the effects' names and descriptions and
    the highlighted figures; the indicators, an effect's level, the links
    between items and the other figures are the organisation's working
    material and stay out of the anonymous API. The ids remain so that a
    reader can refer to an item.
    """
    story = get_story(organisation)
    content = story_content(story)
    result: dict[str, Any] = {
        "organisation": organisation.slug,
        "version": story.version,
        "name": story.owner_name,
        "tagline": story.tagline or organisation.tagline,
        "target_groups": content["target_groups"],
        "approaches": content["approaches"],
        "effects": [
            {"id": e["id"], "name": e["name"], "description": e["description"]}
            for e in content["effects"]
        ],
        "contributions": content["contributions"],
    }
    for part in story_parts():
        if part.public_export is not None:
            result[part.key] = part.public_export(organisation)
    return result


def export_story(organisation: Organisation) -> dict[str, Any]:
    """The change story in the JSON export shape other tools rely on."""
    story = get_story(organisation)
    content = story_content(story)
    return {
        "organisation": organisation.slug,
        "version": story.version,
        "target_groups": content["target_groups"],
        "approaches": content["approaches"],
        "effects": content["effects"],
        "contributions": content["contributions"],
        "links": content["links"],
        # Parts other apps add (figures): see changestories/parts.py.
        **{part.key: part.export(organisation) for part in story_parts()},
    }


# -- saving --------------------------------------------------------------------

_DIGITS = re.compile(r"(\d+)$")


def _assign_keys(story: ChangeStory, content: dict[str, Any]) -> dict[str, Any]:
    """Give new items (no id, or a temporary "~n" id) a fresh key."""
    counter = story.key_counter
    all_items: list[tuple[str, dict[str, Any]]] = []
    for block in BLOCKS:
        for item in content[block]:
            all_items.append((block, item))
            if block == "effects":
                all_items.extend(("indicators", i) for i in item["indicators"])
    for _block, item in all_items:
        match = _DIGITS.search(item["id"] or "")
        if item["id"] and not item["id"].startswith("~") and match:
            counter = max(counter, int(match.group(1)))
    renamed: dict[str, str] = {}
    for block, item in all_items:
        if not item["id"] or item["id"].startswith("~"):
            counter += 1
            new_key = f"{PREFIX[block]}{counter}"
            if item["id"]:
                renamed[item["id"]] = new_key
            item["id"] = new_key
    for link in content["links"]:
        link["from"] = renamed.get(link["from"], link["from"])
        link["to"] = renamed.get(link["to"], link["to"])
    story.key_counter = counter
    return content


def _sync(
    model: type[models.Model],
    existing: dict[str, Any],
    items: list[dict[str, Any]],
    fields: tuple[str, ...],
    **parent: Any,
) -> dict[str, Any]:
    """Update and create items so they match ``items``; return key → object.

    What is left in ``existing`` afterwards is no longer in the story; the
    caller removes it with ``_delete``.
    """
    result = {}
    for position, item in enumerate(items):
        obj = existing.pop(item["id"], None)
        values = {**{f: item[f] for f in fields}, **parent, "position": position}
        if obj is None:
            obj = model._default_manager.create(key=item["id"], **values)
        elif any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
        result[item["id"]] = obj
    return result


def _delete(objects: Any) -> None:
    for obj in objects:
        try:
            obj.delete()
        except ProtectedError as exc:
            raise ServiceError(
                _(
                    "“%(item)s” is still used elsewhere (for example in a questionnaire), "
                    "so it cannot be removed. Change its text instead."
                )
                % {"item": obj}
            ) from exc


def _apply(story: ChangeStory, content: dict[str, Any]) -> None:
    leftovers: list[dict[str, Any]] = []

    def sync(
        model: type[models.Model],
        queryset: Any,
        items: list[Any],
        fields: tuple[str, ...],
        **parent: Any,
    ) -> dict[str, Any]:
        existing = {o.key: o for o in queryset}
        result = _sync(model, existing, items, fields, **parent)
        leftovers.append(existing)
        return result

    sync(TargetGroup, story.target_groups.all(), content["target_groups"], ("text",), story=story)
    approaches = sync(
        Approach, story.approaches.all(), content["approaches"], ("text",), story=story
    )
    contributions = sync(
        Contribution, story.contributions.all(), content["contributions"], ("text",), story=story
    )
    effects = sync(
        Effect,
        story.effects.all(),
        [{k: v for k, v in e.items() if k != "indicators"} for e in content["effects"]],
        ("name", "description", "level"),
        story=story,
    )
    # An indicator may move to another effect, so all indicators of the
    # story are matched by key before anything is removed.
    indicators = {o.key: o for o in Indicator.objects.filter(effect__story=story)}
    for effect_data in content["effects"]:
        _sync(
            Indicator,
            indicators,
            effect_data["indicators"],
            ("text", "kind"),
            effect=effects[effect_data["id"]],
        )
    _delete(indicators.values())
    for existing in leftovers:
        _delete(existing.values())
    ApproachEffect.objects.filter(approach__story=story).delete()
    EffectContribution.objects.filter(effect__story=story).delete()
    for link in content["links"]:
        if link["from"] in approaches:
            ApproachEffect.objects.create(
                approach=approaches[link["from"]], effect=effects[link["to"]]
            )
        else:
            EffectContribution.objects.create(
                effect=effects[link["from"]], contribution=contributions[link["to"]]
            )


@transaction.atomic
def save_change_story(
    organisation: Organisation,
    content: dict[str, Any],
    *,
    by: Any,
    base_version: int | None = None,
    note: str = "",
) -> ChangeStory:
    """Validate and save a whole change story as a new version.

    ``base_version`` is the version the editor started from; when someone
    saved a newer one since, ConflictError is raised and nothing is saved.
    ``None`` skips that check (imports and restores replace on purpose).
    """
    story = ChangeStory.objects.select_for_update().filter(organisation=organisation).first()
    if story is None:
        story = ChangeStory.objects.create(organisation=organisation)
    return save_story(
        story,
        content,
        by=by,
        organisation_id=organisation.pk,
        base_version=base_version,
        note=note,
    )


@transaction.atomic
def create_story(*, by: Any, organisation_id: int | None) -> ChangeStory:
    """A new, empty change story without organisation (a collective project's).

    ``organisation_id`` is the organisation acting, for the audit log.
    """
    story = ChangeStory.objects.create()
    record_event("changestory.create", story, by=by, organisation_id=organisation_id)
    return story


@transaction.atomic
def save_story(
    story: ChangeStory,
    content: dict[str, Any],
    *,
    by: Any,
    organisation_id: int | None,
    base_version: int | None = None,
    note: str = "",
) -> ChangeStory:
    """Save a whole story as a new version (see ``save_change_story``).

    ``organisation_id`` is the organisation acting, for the audit log.
    """
    cleaned = validate_content(content)
    story = ChangeStory.objects.select_for_update().get(pk=story.pk)
    if base_version is not None and base_version != story.version:
        raise ConflictError(story, base_version)
    _assign_keys(story, cleaned)
    _apply(story, cleaned)
    story.version += 1
    story.updated_by = by if getattr(by, "is_authenticated", False) else None
    story.save()
    snapshot = story_content(story)
    ChangeStoryVersion.objects.create(
        story=story,
        number=story.version,
        created_by=story.updated_by,
        note=note[:200],
        snapshot=snapshot,
    )
    record_event(
        "changestory.save",
        story,
        by=by,
        organisation_id=organisation_id,
        details={"version": story.version, "note": note[:200]},
    )
    return story


@transaction.atomic
def restore_version(organisation: Organisation, number: int, *, by: Any) -> ChangeStory:
    """Make an old version current again, as a new version."""
    story = get_story(organisation)
    version = story.versions.filter(number=number).first() if story.pk else None
    if version is None:
        raise ServiceError(_("Version %(number)s does not exist.") % {"number": number})
    return save_change_story(
        organisation,
        version.snapshot,
        by=by,
        note=_("Restored from version %(number)s") % {"number": number},
    )


@transaction.atomic
def import_story(organisation: Organisation, data: Any, *, by: Any) -> ChangeStory:
    """Replace the change story (and the parts of other apps) with an exported document.

    All or nothing: when anything is wrong, nothing is saved and the error
    lists every problem with its JSON path.
    """
    if not isinstance(data, dict):
        raise ContentError([("$", _("The file must contain one JSON object."))])
    parts = [(part, data.get(part.key)) for part in story_parts()]
    for part, items in parts:
        if items is not None and not isinstance(items, list):
            raise ContentError([(part.key, _("This must be a list."))])
    story = save_change_story(
        organisation,
        {k: data.get(k) for k in (*BLOCKS, "links")},
        by=by,
        note=_("Imported from a file"),
    )
    for part, items in parts:
        if items:
            part.import_items(organisation, items, by=by, path=f"$.{part.key}")
    return story


@transaction.atomic
def update_poster_settings(
    organisation: Organisation,
    *,
    tagline: str,
    is_public: bool,
    by: Any,
    colour: str | None = None,
    image: Any = None,
    image_alt: str | None = None,
    remove_image: bool = False,
) -> ChangeStory:
    """Save the poster's settings; ``None`` leaves colour, image and its text as they are.

    A new image is checked and cleaned (``poster_image.clean_image``) before
    anything is saved; the old file is removed once the new one is in place.
    """
    story = ChangeStory.objects.select_for_update().filter(organisation=organisation).first()
    if story is None:
        story = ChangeStory.objects.create(organisation=organisation)
    fields = ["tagline", "is_public", "updated_at"]
    story.tagline = tagline.strip()
    story.is_public = is_public
    if colour is not None:
        colour = colour.strip().lower()
        if colour and not HEX_COLOUR.match(colour):
            raise ServiceError(
                _("Enter a colour as # and six characters 0-9 or a-f, for example #0b5f4f."),
                field="colour",
            )
        story.colour = colour
        fields.append("colour")
    if image_alt is not None:
        story.image_alt = image_alt.strip()[:200]
        fields.append("image_alt")
    old_image = story.image.name if story.image else ""
    image_changed = False
    if image is not None:
        cleaned = clean_image(image)
        story.image.save(cleaned.name or "poster.jpg", cleaned, save=False)
        image_changed = True
    elif remove_image and old_image:
        story.image = None
        image_changed = True
    if image_changed:
        fields.append("image")
    story.save(update_fields=fields)
    if image_changed and old_image:
        # Only after the commit: a rolled-back save keeps its old image.
        storage = story.image.storage
        transaction.on_commit(lambda: storage.delete(old_image))
    record_event(
        "changestory.poster_settings",
        story,
        by=by,
        organisation_id=organisation.pk,
        details={
            "is_public": is_public,
            "colour": story.colour,
            "image": "new" if image is not None else ("removed" if image_changed else "same"),
        },
    )
    return story


# -- differences between versions ------------------------------------------------


@dataclass
class BlockDiff:
    label: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def effect_label(effect: dict[str, Any]) -> str:
    level = dict(Level.choices).get(effect.get("level", ""), effect.get("level", ""))
    name = f"{effect['name']} – " if effect.get("name") else ""
    return f"{name}{effect['description']} ({level})"


def indicator_label(indicator: dict[str, Any]) -> str:
    kind = dict(IndicatorKind.choices).get(indicator.get("kind", ""), indicator.get("kind", ""))
    return f"{indicator['text']} ({kind})"


def _labels(content: dict[str, Any]) -> dict[str, str]:
    labels = {}
    for block in ("target_groups", "approaches", "contributions"):
        labels.update({i["id"]: i["text"] for i in content.get(block, [])})
    for effect in content.get("effects", []):
        labels[effect["id"]] = effect.get("name") or effect["description"]
    return labels


def _compare(label: str, old: dict[str, str], new: dict[str, str]) -> BlockDiff:
    diff = BlockDiff(str(label))
    for key, text in new.items():
        if key not in old:
            diff.added.append(text)
        elif old[key] != text:
            diff.changed.append((old[key], text))
    diff.removed = [text for key, text in old.items() if key not in new]
    return diff


def diff_contents(old: dict[str, Any], new: dict[str, Any]) -> list[BlockDiff]:
    """What changed between two versions, per block, in words."""

    def texts(content: dict[str, Any], block: str) -> dict[str, str]:
        return {i["id"]: i["text"] for i in content.get(block, [])}

    def effects(content: dict[str, Any]) -> dict[str, str]:
        return {e["id"]: effect_label(e) for e in content.get("effects", [])}

    def indicators(content: dict[str, Any]) -> dict[str, str]:
        return {
            i["id"]: f"{e.get('name') or e['description']}: {indicator_label(i)}"
            for e in content.get("effects", [])
            for i in e.get("indicators", [])
        }

    def links(content: dict[str, Any]) -> dict[str, str]:
        labels = _labels(content)
        return {
            f"{link['from']}>{link['to']}": (
                f"{labels.get(link['from'], link['from'])} → {labels.get(link['to'], link['to'])}"
            )
            for link in content.get("links", [])
        }

    return [
        _compare(_("Target group"), texts(old, "target_groups"), texts(new, "target_groups")),
        _compare(_("Approach"), texts(old, "approaches"), texts(new, "approaches")),
        _compare(_("Direct effects"), effects(old), effects(new)),
        _compare(_("Indicators"), indicators(old), indicators(new)),
        _compare(
            _("Contributes indirectly to"),
            texts(old, "contributions"),
            texts(new, "contributions"),
        ),
        _compare(_("Links"), links(old), links(new)),
    ]
