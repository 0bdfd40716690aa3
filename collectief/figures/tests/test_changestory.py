"""Figures as a part of the change story: JSON export and import, and the poster.

figures registers itself through FiguresConfig.changestory_parts; the change
story app collects the parts without importing figures.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from collectief.accounts.models import Organisation
from collectief.changestories import services as story_services
from collectief.changestories.models import ChangeStory, ChangeStoryVersion, TargetGroup
from collectief.changestories.poster import render_svg
from collectief.changestories.tests.conftest import sample_content
from collectief.figures.models import Figure
from collectief.figures.services import FiguresImportError, figures_as_json, import_figures_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(own_org: Organisation, staff: Any) -> ChangeStory:
    return story_services.save_change_story(own_org, sample_content(), by=staff)


def test_export_and_import_carry_the_figures(own_org: Organisation) -> None:
    data = {
        **sample_content(),
        "figures": [{"label": "vrijwilligers", "value": 94, "unit": "aantal", "period": ""}],
    }
    story_services.import_story(own_org, data, by=None)
    assert [f["label"] for f in figures_as_json(own_org)] == ["vrijwilligers"]
    assert story_services.export_story(own_org)["figures"][0]["value"] == 94


def test_import_with_bad_figures_keeps_the_story(
    story: ChangeStory, own_org: Organisation
) -> None:
    """All or nothing across both parts: a bad figure also undoes the story part."""
    data = story_services.export_story(own_org)
    data["target_groups"] = [{"id": "t1", "text": "Gewijzigd"}]
    data["figures"] = [{"label": "vrijwilligers", "value": "veel", "unit": "aantal"}]
    versions = ChangeStoryVersion.objects.filter(story=story).count()
    # The problem is named by its place in the whole document.
    with pytest.raises(FiguresImportError, match=r"\$\.figures\[0\]\.value"):
        story_services.import_story(own_org, data, by=None)
    assert TargetGroup.objects.get(story=story).text == "Bewoners van de Leidsebuurt Haarlem"
    assert ChangeStoryVersion.objects.filter(story=story).count() == versions
    assert not Figure.objects.filter(organisation=own_org).exists()


def test_poster_shows_highlighted_figures(
    story: ChangeStory, own_org: Organisation, client_for: Any, reader: Any
) -> None:
    import_figures_json(
        own_org,
        [
            {
                "label": "vrijwilligers",
                "value": 94,
                "unit": "aantal",
                "period": "",
                "is_highlighted": True,
            },
            {
                "label": "euro baromzet",
                "value": 1825,
                "unit": "euro",
                "period": "per maand",
                "is_highlighted": True,
            },
            {
                "label": "niet uitgelicht",
                "value": 3,
                "unit": "aantal",
                "period": "",
                "is_highlighted": False,
            },
        ],
        by=None,
    )
    poster = reverse("changestories:poster", args=[own_org.slug])
    text = client_for(reader).get(poster).content.decode()
    assert "94" in text and "vrijwilligers" in text
    assert "1.825" in text and "per maand" in text
    assert "niet uitgelicht" not in text
    assert "vrijwilligers" in render_svg(story)
