from __future__ import annotations

import copy
from typing import Any

import pytest

from collectief.accounts.models import Organisation
from collectief.audit.models import AuditEvent
from collectief.changestories import services
from collectief.changestories.checks import check_content
from collectief.changestories.forms import ContentError
from collectief.changestories.models import (
    ChangeStory,
    ChangeStoryVersion,
    Effect,
    Indicator,
    TargetGroup,
)


def test_create_saves_items_version_and_audit(story: ChangeStory, content: dict[str, Any]) -> None:
    assert story.version == 1
    assert services.story_content(story) == content
    version = story.versions.get()
    assert version.number == 1
    assert version.created_by.email == "staff@own.test"
    assert version.snapshot == content
    assert AuditEvent.objects.filter(action="changestory.save").count() == 1


def test_edit_keeps_item_identity_and_adds_keys(
    story: ChangeStory, own_org: Organisation, staff: Any
) -> None:
    effect_pk = Effect.objects.get(story=story, key="e1").pk
    indicator_pk = Indicator.objects.get(key="i1").pk
    content = services.story_content(story)
    content["effects"][0]["description"] = "Bewoners voelen zich thuis in de buurt"
    content["target_groups"].append({"id": "", "text": "Kinderen uit de buurt"})
    story = services.save_change_story(own_org, content, by=staff, base_version=1)
    assert story.version == 2
    assert Effect.objects.get(story=story, key="e1").pk == effect_pk
    assert Indicator.objects.get(key="i1").pk == indicator_pk
    new = TargetGroup.objects.get(text="Kinderen uit de buurt")
    assert new.key.startswith("t") and new.key not in {"t1"}
    assert ChangeStoryVersion.objects.filter(story=story).count() == 2


def test_removed_keys_are_never_reused(
    story: ChangeStory, own_org: Organisation, staff: Any
) -> None:
    content = services.story_content(story)
    content["target_groups"] = [{"id": "", "text": "Nieuwe groep"}]
    services.save_change_story(own_org, content, by=staff)
    content = services.story_content(story)
    keys = [t["id"] for t in content["target_groups"]]
    assert keys != ["t1"]


def test_temporary_ids_are_replaced_in_links(own_org: Organisation, staff: Any) -> None:
    content = {
        "target_groups": [],
        "approaches": [{"id": "", "text": "Koffie schenken"}],
        "effects": [
            {
                "id": "~1",
                "name": "",
                "description": "Mensen praten meer",
                "level": "groep",
                "indicators": [],
            }
        ],
        "contributions": [{"id": "c9", "text": "Leefbaarheid"}],
        "links": [{"from": "~1", "to": "c9"}],
    }
    story = services.save_change_story(own_org, content, by=staff)
    saved = services.story_content(story)
    effect_id = saved["effects"][0]["id"]
    assert not effect_id.startswith("~")
    assert saved["links"] == [{"from": effect_id, "to": "c9"}]
    assert effect_id.startswith("e") and int(effect_id[1:]) > 9  # after the highest number


def test_indicator_can_move_to_other_effect(
    story: ChangeStory, own_org: Organisation, staff: Any
) -> None:
    pk = Indicator.objects.get(key="i1").pk
    content = services.story_content(story)
    moved = content["effects"][0]["indicators"].pop()
    content["effects"][1]["indicators"].append(moved)
    content["effects"] = content["effects"][1:]
    content["links"] = [link for link in content["links"] if "e1" not in link.values()]
    services.save_change_story(own_org, content, by=staff)
    indicator = Indicator.objects.get(key="i1")
    assert indicator.pk == pk
    assert indicator.effect.key == "e2"
    assert not Effect.objects.filter(key="e1").exists()


def test_conflict_refuses_older_base(
    story: ChangeStory, own_org: Organisation, staff: Any, admin: Any
) -> None:
    content = services.story_content(story)
    theirs = copy.deepcopy(content)
    theirs["target_groups"][0]["text"] = "Bewoners van Haarlem-West"
    services.save_change_story(own_org, theirs, by=admin, base_version=1)
    mine = copy.deepcopy(content)
    mine["target_groups"][0]["text"] = "Mijn tekst"
    with pytest.raises(
        services.ConflictError,
        match=r"Je wijzigingen zijn nog niet opgeslagen\. .* heeft intussen een nieuwere versie",
    ) as info:
        services.save_change_story(own_org, mine, by=staff, base_version=1)
    error = info.value
    assert error.current_version == 2
    assert error.current_content["target_groups"][0]["text"] == "Bewoners van Haarlem-West"
    assert "versie 2" in error.message or "version 2" in error.message
    story.refresh_from_db()
    assert story.version == 2
    assert TargetGroup.objects.get(story=story).text == "Bewoners van Haarlem-West"


def test_restore_creates_new_version(
    story: ChangeStory, own_org: Organisation, staff: Any
) -> None:
    content = services.story_content(story)
    content["approaches"] = content["approaches"][:1]
    content["links"] = [link for link in content["links"] if link["from"] != "a2"]
    services.save_change_story(own_org, content, by=staff)
    restored = services.restore_version(own_org, 1, by=staff)
    assert restored.version == 3
    assert len(services.story_content(restored)["approaches"]) == 2
    assert restored.versions.get(number=3).note.endswith("1")


def test_restore_unknown_version(story: ChangeStory, own_org: Organisation, staff: Any) -> None:
    with pytest.raises(services.ServiceError, match=r"bestaat niet"):
        services.restore_version(own_org, 99, by=staff)


@pytest.mark.parametrize(
    ("change", "path", "word"),
    [
        (lambda c: c["target_groups"].append({"id": "", "text": ""}), "target_groups[1].text", ""),
        (
            lambda c: c["approaches"].append(
                {"id": "", "text": "samen activiteiten  organiseren"}
            ),
            "approaches[2].text",
            "al in de lijst",
        ),
        (lambda c: c["effects"][0].update(level="stad"), "effects[0].level", ""),
        (
            lambda c: c["effects"][0]["indicators"].append(
                {"id": "x", "text": "t", "kind": "nee"}
            ),
            "effects[0].indicators[1].kind",
            "",
        ),
        (lambda c: c["links"].append({"from": "a1", "to": "e99"}), "links[3]", "e99"),
        (lambda c: c["links"].append({"from": "c1", "to": "a1"}), "links[3]", ""),
        (
            lambda c: c["approaches"].append({"id": "a1", "text": "Dubbel"}),
            "approaches[2].id",
            "a1",
        ),
        (lambda c: c.update(effects="geen lijst"), "effects", ""),
    ],
)
def test_validation_names_path_and_saves_nothing(
    story: ChangeStory, own_org: Organisation, staff: Any, change: Any, path: str, word: str
) -> None:
    content = services.story_content(story)
    change(content)
    with pytest.raises(
        ContentError, match=r"Het veranderverhaal is niet opgeslagen\. Pas deze punten"
    ) as info:
        services.save_change_story(own_org, content, by=staff)
    paths = [p for p, _m in info.value.problems]
    assert path in paths
    assert word in info.value.message
    story.refresh_from_db()
    assert story.version == 1
    assert services.story_content(story) == services.story_content(story)
    assert TargetGroup.objects.filter(story=story).count() == 1


def test_link_to_item_of_other_organisation_is_refused(
    story: ChangeStory, own_org: Organisation, other_org: Organisation, outsider: Any
) -> None:
    other = services.save_change_story(
        other_org,
        {
            "target_groups": [],
            "approaches": [{"id": "a50", "text": "Iets anders"}],
            "effects": [],
            "contributions": [],
            "links": [{"from": "a50", "to": "e1"}],
        }
        | {
            "effects": [
                {
                    "id": "e51",
                    "name": "",
                    "description": "Iets",
                    "level": "groep",
                    "indicators": [],
                }
            ],
            "links": [],
        },
        by=outsider,
    )
    content = services.story_content(story)
    content["links"].append({"from": "a50", "to": "e1"})
    with pytest.raises(
        ContentError, match=r"Dat is geen onderdeel van dit veranderverhaal\. Een"
    ) as info:
        services.save_change_story(own_org, content, by=None)
    assert "zelfde organisatie" in info.value.message or "same organisation" in info.value.message
    assert other.version == 1


def test_export_import_round_trip(
    story: ChangeStory, own_org: Organisation, other_org: Organisation
) -> None:
    exported = services.export_story(own_org)
    assert exported["organisation"] == "own-org"
    assert exported["version"] == 1
    assert list(exported) == [
        "organisation",
        "version",
        "target_groups",
        "approaches",
        "effects",
        "contributions",
        "links",
        "figures",
    ]
    services.import_story(other_org, exported, by=None)
    again = services.export_story(other_org)
    for key in ("target_groups", "approaches", "effects", "contributions"):
        assert again[key] == exported[key]
    assert sorted(map(str, again["links"])) == sorted(map(str, exported["links"]))


def test_import_is_all_or_nothing(story: ChangeStory, own_org: Organisation) -> None:
    data = services.export_story(own_org)
    data["target_groups"] = [{"id": "t1", "text": "Gewijzigd"}]
    data["effects"][0]["indicators"][0]["text"] = ""
    with pytest.raises(
        ContentError, match=r"Het veranderverhaal is niet opgeslagen\. Pas deze punten"
    ) as info:
        services.import_story(own_org, data, by=None)
    assert "effects[0].indicators[0].text" in info.value.message
    assert TargetGroup.objects.get(story=story).text == "Bewoners van de Leidsebuurt Haarlem"


def test_diff_in_words(story: ChangeStory, own_org: Organisation, staff: Any) -> None:
    content = services.story_content(story)
    content["target_groups"][0]["text"] = "Bewoners van Haarlem"
    content["approaches"].append({"id": "", "text": "Open houding"})
    content["contributions"] = []
    content["links"] = [link for link in content["links"] if link["to"] != "c1"]
    services.save_change_story(own_org, content, by=staff)
    old, new = (v.snapshot for v in story.versions.order_by("number"))
    blocks = {b.label: b for b in services.diff_contents(old, new)}
    assert blocks["Doelgroep"].changed == [
        ("Bewoners van de Leidsebuurt Haarlem", "Bewoners van Haarlem")
    ]
    assert blocks["Aanpak"].added == ["Open houding"]
    assert blocks["Draagt indirect bij aan"].removed == ["Meer sociale cohesie in de wijk"]
    assert blocks["Koppelingen"].removed == ["VERBONDENHEID → Meer sociale cohesie in de wijk"]


def test_checks(content: dict[str, Any]) -> None:
    content["effects"][0]["indicators"].append(
        {"id": "i2", "text": "Aantal bezoekers per maand", "kind": "output"}
    )
    content["effects"].append(
        {
            "id": "e3",
            "name": "",
            "description": "Minder armoede in de stad",
            "level": "wijk",
            "indicators": [{"id": "i3", "text": "1825 euro baromzet", "kind": "financieel"}],
        }
    )
    codes = {(f.code, f.item_id) for f in check_content(content)}
    assert ("no_indicator", "e2") in codes
    assert ("output_as_outcome", "i2") in codes
    assert ("out_of_reach", "e3") in codes
    assert ("output_as_outcome", "i3") not in codes  # financial, not a count
    assert ("no_indicator", "e1") not in codes


def test_only_output_indicators(content: dict[str, Any]) -> None:
    content["effects"][1]["indicators"] = [{"id": "i9", "text": "Vrijwilligers", "kind": "output"}]
    assert "only_output" in {f.code for f in check_content(content)}


def test_poster_settings(own_org: Organisation, staff: Any) -> None:
    story = services.update_poster_settings(
        own_org, tagline=" voor en door ", is_public=True, by=staff
    )
    assert story.tagline == "voor en door"
    assert story.is_public


def test_parts_of_other_apps_join_the_export_and_the_import(
    own_org: Organisation, content: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An app above this one adds a part through its AppConfig (figures does so)."""
    from django.apps import apps

    from collectief.changestories.parts import StoryPart

    received: list[tuple[Any, str]] = []
    part = StoryPart(
        key="extra",
        export=lambda organisation: [{"n": 1}],
        import_items=lambda organisation, items, *, by, path: received.append((items, path)),
    )
    config = apps.get_app_config("changestories")
    monkeypatch.setattr(type(config), "changestory_parts", [part], raising=False)
    services.import_story(own_org, {**content, "extra": [{"n": 2}]}, by=None)
    assert received == [([{"n": 2}], "$.extra")]
    assert services.export_story(own_org)["extra"] == [{"n": 1}]
    with pytest.raises(ContentError, match="extra"):
        services.import_story(own_org, {**content, "extra": "geen lijst"}, by=None)
