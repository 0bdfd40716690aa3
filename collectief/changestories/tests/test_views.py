from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from collectief.accounts.models import Organisation
from collectief.changestories import services
from collectief.changestories.models import ChangeStory, TargetGroup

ORG = "own-org"


def _in_textarea(text: str, html: str) -> bool:
    return re.search(r">\s*" + re.escape(text) + r"</textarea>", html) is not None


def services_examples(block: str) -> list[dict[str, Any]]:
    from collectief.changestories.editor import EXAMPLES

    return EXAMPLES[block]


READ_VIEWS = [
    ("changestories:overview", {}),
    ("changestories:poster", {}),
    ("changestories:poster_svg", {}),
    ("changestories:history", {}),
    ("changestories:diff", {}),
    ("changestories:export_json", {}),
]


def url(name: str, *args: Any) -> str:
    return reverse(name, args=[ORG, *args])


@pytest.mark.parametrize(("name", "_kw"), READ_VIEWS)
def test_read_views_access(
    story: ChangeStory, client_for: Any, reader: Any, outsider: Any, name: str, _kw: Any
) -> None:
    assert client_for(reader).get(url(name)).status_code == 200
    assert client_for(outsider).get(url(name)).status_code == 404
    response = client_for(None).get(url(name))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_step_access(
    story: ChangeStory, client_for: Any, staff: Any, reader: Any, outsider: Any, number: int
) -> None:
    assert client_for(staff).get(url("changestories:step", number)).status_code == 200
    assert client_for(reader).get(url("changestories:step", number)).status_code == 403
    assert client_for(outsider).get(url("changestories:step", number)).status_code == 404
    assert client_for(None).get(url("changestories:step", number)).status_code == 302


def test_unknown_step_is_404(story: ChangeStory, client_for: Any, staff: Any) -> None:
    assert client_for(staff).get(url("changestories:step", 6)).status_code == 404


def test_write_views_refuse_reader_and_outsider(
    story: ChangeStory, client_for: Any, reader: Any, outsider: Any
) -> None:
    for target in (
        url("changestories:restore", 1),
        url("changestories:poster_settings"),
        url("changestories:step", 1),
        url("changestories:step_add_row", 1),
        url("changestories:step_pick", 1),
        url("changestories:step_merge", 1),
    ):
        assert client_for(reader).post(target).status_code == 403
        assert client_for(outsider).post(target).status_code == 404
        assert client_for(None).post(target).status_code == 302


@pytest.mark.parametrize("name", ["step_add_row", "step_pick", "step_merge"])
def test_step_action_views_only_take_posts(
    story: ChangeStory, client_for: Any, staff: Any, name: str
) -> None:
    assert client_for(staff).get(url(f"changestories:{name}", 1)).status_code == 405


def test_each_button_of_a_step_posts_to_its_own_view(
    story: ChangeStory, client_for: Any, staff: Any
) -> None:
    """No POST "action" switch: save, add a line and pick an example have their own address."""
    text = client_for(staff).get(url("changestories:step", 5)).content.decode()
    assert 'name="action"' not in text
    assert f'action="{url("changestories:step", 5)}"' in text
    assert f'formaction="{url("changestories:step_add_row", 5)}" name="formset"' in text
    assert f'formaction="{url("changestories:step_pick", 5)}" name="example" value="e1:0"' in text


def test_pick_an_indicator_example_for_one_effect(
    story: ChangeStory, client_for: Any, staff: Any
) -> None:
    client = client_for(staff)
    response = client.post(
        url("changestories:step_pick", 5), {"base_version": "1", "example": "e1:0"}
    )
    assert response.status_code == 200
    first_example = services_examples("indicators")[0]["text"]
    assert _in_textarea(first_example, response.content.decode())  # a filled-in new line
    story.refresh_from_db()
    assert story.version == 1  # picking saves nothing


@pytest.mark.parametrize("example", ["", "99", "x", "e9:0", "e1:99", "e1"])
def test_pick_with_a_bad_example_adds_nothing(
    story: ChangeStory, client_for: Any, staff: Any, example: str
) -> None:
    response = client_for(staff).post(
        url("changestories:step_pick", 5), {"base_version": "1", "example": example}
    )
    assert response.status_code == 200
    for item in services_examples("indicators"):
        assert not _in_textarea(item["text"], response.content.decode())


def test_overview_shows_story_and_checks(story: ChangeStory, client_for: Any, reader: Any) -> None:
    response = client_for(reader).get(url("changestories:overview"))
    text = response.content.decode()
    assert "Wijkbewoners voelen zich verbonden met elkaar" in text
    assert "nog geen indicator" in text  # EMPOWERMENT has no indicator
    assert "Veranderverhaal aanpassen" not in text  # readers cannot edit


def test_empty_overview(own_org: Organisation, client_for: Any, staff: Any) -> None:
    text = client_for(staff).get(url("changestories:overview")).content.decode()
    assert "Er is nog geen veranderverhaal" in text
    assert "Begin met vraag 1" in text


def _formset(
    prefix: str, rows: list[dict[str, Any]], initial: int | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(len(rows) if initial is None else initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def test_write_story_from_scratch_without_javascript(
    own_org: Organisation, client_for: Any, staff: Any
) -> None:
    client = client_for(staff)
    # Step 1: pick an example, which fills a new row without saving.
    response = client.post(
        url("changestories:step_pick", 1),
        {
            "base_version": "0",
            "example": "0",
            **_formset("items", [{"id": "", "text": ""}], 0),
        },
    )
    assert response.status_code == 200
    assert 'value="Bewoners van de Leidsebuurt Haarlem"' in response.content.decode()
    assert not ChangeStory.objects.exists()
    # Save it (edited) and go on.
    response = client.post(
        url("changestories:step", 1),
        {
            "base_version": "0",
            "then": "next",
            **_formset("items", [{"id": "", "text": "Bewoners van de Rozenbuurt"}], 0),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("changestories:step", 2)
    story = ChangeStory.objects.get(organisation=own_org)
    assert story.version == 1
    client.post(
        url("changestories:step", 2),
        {
            "base_version": "1",
            **_formset("items", [{"id": "", "text": "Meer sociale cohesie"}], 0),
        },
    )
    client.post(
        url("changestories:step", 3),
        {
            "base_version": "2",
            **_formset("items", [{"id": "", "text": "Samen koken"}], 0),
        },
    )
    content = services.story_content(story)
    approach, contribution = content["approaches"][0]["id"], content["contributions"][0]["id"]
    response = client.post(
        url("changestories:step", 4),
        {
            "base_version": "3",
            **_formset(
                "items",
                [
                    {
                        "id": "",
                        "name": "ontmoeting",
                        "description": "Bewoners ontmoeten elkaar",
                        "level": "groep",
                        "approaches": approach,
                        "contributions": contribution,
                    }
                ],
                0,
            ),
        },
    )
    assert response.status_code == 302
    content = services.story_content(story)
    effect = content["effects"][0]
    assert effect["name"] == "ONTMOETING"
    assert {"from": approach, "to": effect["id"]} in content["links"]
    assert {"from": effect["id"], "to": contribution} in content["links"]
    prefix = f"ind-{effect['id']}"
    response = client.post(
        url("changestories:step", 5),
        {
            "base_version": "4",
            "then": "next",
            **_formset(
                prefix,
                [
                    {
                        "id": "",
                        "effect": effect["id"],
                        "text": "Ik ken meer buren",
                        "kind": "stelling",
                    }
                ],
                0,
            ),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("changestories:overview")
    story.refresh_from_db()
    assert story.version == 5
    assert (
        services.story_content(story)["effects"][0]["indicators"][0]["text"] == "Ik ken meer buren"
    )


def test_add_row_and_htmx_partial(story: ChangeStory, client_for: Any, staff: Any) -> None:
    data = {
        "base_version": "1",
        "formset": "items",
        **_formset("items", [{"id": "t1", "text": "Bewoners van de Leidsebuurt Haarlem"}]),
    }
    response = client_for(staff).post(
        url("changestories:step_add_row", 1), data, HTTP_HX_REQUEST="true"
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in text and 'id="step-form"' in text
    assert (
        text.count('name="items-') > 0 and "items-2-text" in text
    )  # one extra empty row plus the new one


def test_htmx_save_redirects_client(story: ChangeStory, client_for: Any, staff: Any) -> None:
    data = {
        "base_version": "1",
        **_formset("items", [{"id": "t1", "text": "Bewoners van Haarlem"}]),
    }
    response = client_for(staff).post(url("changestories:step", 1), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"] == url("changestories:step", 1)


def test_bad_input_shows_errors_and_saves_nothing(
    story: ChangeStory, client_for: Any, staff: Any
) -> None:
    data = {
        "base_version": "1",
        **_formset(
            "items",
            [
                {"id": "a1", "text": "Samen activiteiten organiseren"},
                {"id": "a2", "text": "samen activiteiten organiseren"},
            ],
        ),
    }
    response = client_for(staff).post(url("changestories:step", 3), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "staat al in de lijst" in text
    story.refresh_from_db()
    assert story.version == 1
    data = {"base_version": "1", **_formset("items", [{"id": "t1", "text": ""}])}
    response = client_for(staff).post(url("changestories:step", 1), data)
    text = response.content.decode()
    assert "Er moet iets verbeterd worden" in text
    assert 'class="field__error" id="id_items-0-text_error"' in text
    assert TargetGroup.objects.get().text == "Bewoners van de Leidsebuurt Haarlem"


def test_delete_item(story: ChangeStory, client_for: Any, staff: Any) -> None:
    data = {
        "base_version": "1",
        **_formset(
            "items",
            [
                {"id": "a1", "text": "Samen activiteiten organiseren"},
                {"id": "a2", "text": "Talenten van bewoners benutten", "DELETE": "on"},
            ],
        ),
    }
    client_for(staff).post(url("changestories:step", 3), data)
    content = services.story_content(story)
    assert [a["id"] for a in content["approaches"]] == ["a1"]
    assert {"from": "a2", "to": "e2"} not in content["links"]


def test_conflict_then_merge_loses_nothing(
    story: ChangeStory, own_org: Organisation, client_for: Any, staff: Any, admin: Any
) -> None:
    content = services.story_content(story)
    content["approaches"][0]["text"] = "Tekst van de beheerder"
    services.save_change_story(own_org, content, by=admin, base_version=1)
    data = {
        "base_version": "1",
        **_formset(
            "items",
            [
                {"id": "a1", "text": "Tekst van de medewerker"},
                {"id": "a2", "text": "Talenten van bewoners benutten"},
                {"id": "", "text": "Nieuw: open houding"},
            ],
            2,
        ),
    }
    response = client_for(staff).post(url("changestories:step", 3), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Iemand anders heeft eerder opgeslagen" in text
    assert "Tekst van de beheerder" in text and "Tekst van de medewerker" in text
    assert "Nieuw: open houding" in text
    story.refresh_from_db()
    assert story.version == 2
    mine = response.context["mine_json"]
    rows = response.context["rows"]
    choice = {f"choice-{r.number}": "mine" for r in rows}
    choice["choice-0"] = "theirs"
    response = client_for(staff).post(
        url("changestories:step_merge", 3),
        {"base_version": "2", "mine": mine, **choice},
    )
    assert response.status_code == 302
    texts = [a["text"] for a in services.story_content(story)["approaches"]]
    assert texts == [
        "Tekst van de beheerder",
        "Talenten van bewoners benutten",
        "Nieuw: open houding",
    ]


def test_poster_pages(story: ChangeStory, client_for: Any, reader: Any) -> None:
    client = client_for(reader)
    text = client.get(url("changestories:poster") + "?formaat=a3").content.decode()
    for item in (
        "DOELGROEP",
        "AANPAK",
        "DIRECTE EFFECTEN",
        "DRAAGT INDIRECT BIJ AAN",
        "Bewoners van de Leidsebuurt Haarlem",
        "VERBONDENHEID",
    ):
        assert item in text
    assert "poster--a3" in text
    svg = client.get(url("changestories:poster_svg"))
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert svg.content.startswith(b"<svg")


def test_poster_pdf_is_built_by_the_worker(
    story: ChangeStory, client_for: Any, reader: Any, staff: Any
) -> None:
    """POST queues the build; the job page shows the download link; only its starter sees it."""
    client = client_for(reader)
    assert client.get(url("changestories:poster_pdf")).status_code == 405
    response = client.post(url("changestories:poster_pdf"), {"formaat": "a3"})
    assert response.status_code == 302
    status = client.get(response["Location"])
    text = status.content.decode()
    assert "De poster is klaar." in text
    assert "Download veranderverhaal-own-org-a3.pdf" in text
    download = client.get(response["Location"] + "bestand/")
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    assert client_for(staff).get(response["Location"]).status_code == 404


def test_public_poster_only_when_opted_in(
    story: ChangeStory, own_org: Organisation, client_for: Any, staff: Any
) -> None:
    public = reverse("changestories:public_poster", args=[ORG])
    profile = reverse("accounts:organisation_profile", args=[ORG])
    assert client_for(None).get(public).status_code == 404
    assert (
        client_for(None).get(reverse("changestories:public_poster_svg", args=[ORG])).status_code
        == 404
    )
    assert "Ons veranderverhaal" not in client_for(None).get(profile).content.decode()
    response = client_for(staff).post(
        url("changestories:poster_settings"),
        {"tagline": "voor en door bewoners", "is_public": "on"},
    )
    assert response.status_code == 302
    text = client_for(None).get(public).content.decode()
    assert "voor en door bewoners" in text and "VERBONDENHEID" in text
    assert "Ons veranderverhaal" in client_for(None).get(profile).content.decode()
    assert (
        client_for(None)
        .get(reverse("changestories:public_poster_svg", args=[ORG]))
        .content.startswith(b"<svg")
    )
    own_org.is_public = False
    own_org.save()
    assert client_for(None).get(public).status_code == 404


def test_poster_settings_bad_input(story: ChangeStory, client_for: Any, staff: Any) -> None:
    response = client_for(staff).post(url("changestories:poster_settings"), {"tagline": "x" * 300})
    assert response.status_code == 200
    assert "Er moet iets verbeterd worden" in response.content.decode()
    story.refresh_from_db()
    assert story.tagline == ""


def test_history_diff_restore(
    story: ChangeStory, own_org: Organisation, client_for: Any, staff: Any, reader: Any
) -> None:
    content = services.story_content(story)
    content["target_groups"][0]["text"] = "Bewoners van Haarlem"
    services.save_change_story(own_org, content, by=staff)
    text = client_for(reader).get(url("changestories:history")).content.decode()
    assert "2 versies" in text and "Weer gebruiken" not in text
    text = client_for(reader).get(url("changestories:diff") + "?van=1&tot=2").content.decode()
    assert "Bewoners van de Leidsebuurt Haarlem" in text and "Bewoners van Haarlem" in text
    assert client_for(reader).get(url("changestories:diff") + "?van=1&tot=9").status_code == 404
    assert client_for(reader).get(url("changestories:diff") + "?van=x&tot=y").status_code == 400
    response = client_for(staff).post(url("changestories:restore", 1))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.version == 3
    assert (
        services.story_content(story)["target_groups"][0]["text"]
        == "Bewoners van de Leidsebuurt Haarlem"
    )
    response = client_for(staff).post(url("changestories:restore", 42), follow=True)
    assert "bestaat niet" in response.content.decode()


def test_export_json_view(story: ChangeStory, client_for: Any, reader: Any) -> None:
    data = client_for(reader).get(url("changestories:export_json")).json()
    assert data["organisation"] == ORG and data["version"] == 1


def test_navigation_item(story: ChangeStory, client_for: Any, reader: Any) -> None:
    text = (
        client_for(reader).get(reverse("accounts:organisation_home", args=[ORG])).content.decode()
    )
    assert url("changestories:overview") in text
