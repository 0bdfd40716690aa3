from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_command_prints_a_working_token(staff: Any, client: Client) -> None:
    out = io.StringIO()
    call_command("api_token", "STAFF@own.test", "--name", "ci", stdout=out)
    token = out.getvalue().strip()
    assert token.startswith("clf_")
    response = client.get("/api/v1/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert staff.api_tokens.get().name == "ci"


def test_an_unknown_user_is_a_dutch_error(db: None) -> None:
    with pytest.raises(CommandError, match="Er is geen actieve gebruiker met dat e-mailadres"):
        call_command("api_token", "niemand@nergens.test")
