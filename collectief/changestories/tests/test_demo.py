from __future__ import annotations

from io import StringIO

import pytest

from collectief.accounts.factories import OrganisationFactory
from collectief.changestories import demo, services
from collectief.changestories.models import ChangeStory, ChangeStoryVersion
from collectief.changestories.poster import render_svg

# Every item of the four blocks of the magazine's posters, as printed.
MAGAZINE = {
    "het-badhuis": {
        "target_groups": ["Bewoners van de Leidsebuurt Haarlem"],
        "approaches": 5,
        "effects": ["STEUNEND NETWERK", "EMPOWERMENT", "VERBONDENHEID"],
        "contributions": 6,
    },
    "buurttuin-kempenaar": {
        "target_groups": ["Bewoners van Buitenoord in Barendrecht"],
        "approaches": 5,
        "effects": ["INTERACTIE", "(HER)KENNEN", "VERBINDINGEN", "RESPECT", "CIRCULARITEIT"],
        "contributions": 4,
    },
    "de-sleutel": {
        "target_groups": ["Bewoners van de wijk Haagse Beemden, Breda"],
        "approaches": 4,
        "effects": ["", "", "", ""],
        "contributions": 4,
    },
}


@pytest.fixture
def demo_orgs(db: None) -> None:
    for slug in MAGAZINE:
        OrganisationFactory(slug=slug, name=slug.replace("-", " ").title())


def test_demo_loads_every_item_and_is_idempotent(demo_orgs: None) -> None:
    demo.load_demo(StringIO())
    demo.load_demo(StringIO())
    assert ChangeStoryVersion.objects.count() == 3
    for slug, expected in MAGAZINE.items():
        story = ChangeStory.objects.get(organisation__slug=slug)
        content = services.story_content(story)
        assert [t["text"] for t in content["target_groups"]] == expected["target_groups"]
        assert len(content["approaches"]) == expected["approaches"]
        assert [e["name"] for e in content["effects"]] == expected["effects"]
        assert len(content["contributions"]) == expected["contributions"]
        assert all(e["indicators"] for e in content["effects"])
        assert story.is_public
        svg = render_svg(story)
        for block in ("target_groups", "approaches", "contributions"):
            for item in content[block]:
                assert item["text"][:20] in svg


def test_demo_skips_missing_organisations(db: None) -> None:
    out = StringIO()
    demo.load_demo(out)
    assert "overgeslagen" in out.getvalue()
    assert not ChangeStory.objects.exists()
