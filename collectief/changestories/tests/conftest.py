from __future__ import annotations

from typing import Any

import pytest

from collectief.accounts.models import Organisation
from collectief.changestories import services
from collectief.changestories.models import ChangeStory


def sample_content() -> dict[str, Any]:
    return {
        "target_groups": [{"id": "t1", "text": "Bewoners van de Leidsebuurt Haarlem"}],
        "approaches": [
            {"id": "a1", "text": "Samen activiteiten organiseren"},
            {"id": "a2", "text": "Talenten van bewoners benutten"},
        ],
        "effects": [
            {
                "id": "e1",
                "name": "VERBONDENHEID",
                "description": "Wijkbewoners voelen zich verbonden met elkaar",
                "level": "wijk",
                "indicators": [
                    {"id": "i1", "text": "Ik ken andere buurtbewoners", "kind": "stelling"}
                ],
            },
            {
                "id": "e2",
                "name": "EMPOWERMENT",
                "description": "Wijkbewoners ervaren meer zelfvertrouwen",
                "level": "individu",
                "indicators": [],
            },
        ],
        "contributions": [{"id": "c1", "text": "Meer sociale cohesie in de wijk"}],
        "links": [
            {"from": "a1", "to": "e1"},
            {"from": "a2", "to": "e2"},
            {"from": "e1", "to": "c1"},
        ],
    }


@pytest.fixture
def content() -> dict[str, Any]:
    return sample_content()


@pytest.fixture
def story(own_org: Organisation, staff: Any) -> ChangeStory:
    return services.save_change_story(own_org, sample_content(), by=staff)
