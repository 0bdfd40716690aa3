from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from collectief.accounts.factories import with_two_factor
from collectief.api import services
from collectief.api.models import ApiToken
from collectief.areas.models import Area
from collectief.lib.api import api_endpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(admin):
    _token, plain = services.create_api_token(user=admin, name="script", by=admin)
    return plain


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_index_lists_the_endpoints(client):
    body = client.get("/api/v1/").json()
    assert "/api/v1/organisations/" in body["endpoints"]


def test_organisations_are_public_without_a_token(client, own_org, other_org):
    other_org.is_public = False
    other_org.save()
    body = client.get("/api/v1/organisations/").json()
    slugs = [o["slug"] for o in body["results"]]
    assert own_org.slug in slugs
    assert other_org.slug not in slugs


def test_a_token_also_shows_the_users_own_private_organisation(client, own_org, admin, token):
    own_org.is_public = False
    own_org.save()
    assert client.get(f"/api/v1/organisations/{own_org.slug}/").status_code == 404
    response = client.get(f"/api/v1/organisations/{own_org.slug}/", **auth(token))
    assert response.status_code == 200
    assert response.json()["slug"] == own_org.slug


def test_an_invalid_token_is_refused_with_json(client):
    response = client.get("/api/v1/organisations/", HTTP_AUTHORIZATION="Bearer clf_wrong")
    assert response.status_code == 401
    assert "error" in response.json()


@api_endpoint(summary="Read or write", tags=["test"], methods=["GET", "POST"])
def _writable(request):
    return {"email": request.user.email if request.user.is_authenticated else None}


def test_writes_need_a_token(rf, admin, token):
    request = rf.post("/write", {}, content_type="application/json")
    request.user = admin  # A browser session does not count for writes.
    response = _writable(request)
    assert response.status_code == 401
    problem = json.loads(response.content)
    assert problem["error"] == problem["detail"] == "Hiervoor is een API-sleutel nodig."
    assert response["Content-Type"] == "application/problem+json"
    response = _writable(rf.post("/write", {}, content_type="application/json", **auth(token)))
    assert response.status_code == 201
    assert json.loads(response.content) == {"email": admin.email}


def test_reads_work_without_a_token(rf):
    response = _writable(rf.get("/write"))
    assert response.status_code == 200
    assert json.loads(response.content) == {"email": None}


def test_wrong_method_is_405_with_allow_header(client, token):
    response = client.delete("/api/v1/organisations/", **auth(token))
    assert response.status_code == 405
    assert "GET" in response["Allow"]


def test_pagination_and_filters(client, own_org):
    gemeente = Area.objects.create(code="GM0392", name="Haarlem", level="gemeente", year=2024)
    wijk = Area.objects.create(
        code="WK039201", name="Wijk 1", level="wijk", parent=gemeente, year=2024
    )
    own_org.areas.add(wijk)
    body = client.get("/api/v1/organisations/?area=WK039201&per_page=1").json()
    assert body["count"] == 1
    assert body["results"][0]["areas"] == ["WK039201"]
    assert client.get("/api/v1/organisations/?per_page=abc").status_code == 400
    assert client.get("/api/v1/organisations/?kind=nonsense").status_code == 400


def test_area_endpoints(client):
    gemeente = Area.objects.create(code="GM0392", name="Haarlem", level="gemeente", year=2024)
    Area.objects.create(code="WK039201", name="Wijk 1", level="wijk", parent=gemeente, year=2024)
    assert client.get("/api/v1/areas/?level=wijk").json()["count"] == 1
    detail = client.get("/api/v1/areas/wk039201/").json()
    assert detail == {
        "code": "WK039201",
        "name": "Wijk 1",
        "level": "wijk",
        "parent": "GM0392",
        "year": 2024,
    }
    assert client.get("/api/v1/areas/WK999999/").status_code == 404


def test_openapi_document_describes_every_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert "/api/v1/organisations/{slug}/" in document["paths"]
    assert "/api/v1/areas/" in document["paths"]
    operation = document["paths"]["/api/v1/areas/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"level", "parent", "page"}


def test_docs_page_is_readable_html(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert "/api/v1/organisations/" in response.content.decode()


def test_token_page_shows_a_new_token_once(client_for, admin):
    client = client_for(admin)
    response = client.post(reverse("api:tokens"), {"name": "Mijn script"})
    body = response.content.decode()
    token = ApiToken.objects.get(user=admin)
    assert "clf_" in body
    assert token.key_hash not in body
    assert (
        "clf_" not in client.get(reverse("api:tokens")).content.decode().split(token.prefix)[1][:5]
    )


def test_token_page_needs_login_and_validates(client, client_for, admin):
    assert client.get(reverse("api:tokens")).status_code == 302
    response = client_for(admin).post(reverse("api:tokens"), {"name": ""})
    assert response.status_code == 200
    assert not ApiToken.objects.exists()


def test_revoking_only_own_tokens(client_for, admin, outsider):
    token, _ = services.create_api_token(user=admin, name="x", by=admin)
    assert (
        client_for(outsider).post(reverse("api:revoke_token", args=[token.pk])).status_code == 404
    )
    assert client_for(admin).post(reverse("api:revoke_token", args=[token.pk])).status_code == 302
    assert not ApiToken.objects.exists()


def test_revoked_token_stops_working(client, admin, token):
    ApiToken.objects.all().delete()
    assert client.get("/api/v1/organisations/", **auth(token)).status_code == 401


def test_inactive_user_token_stops_working(client, admin, token):
    admin.is_active = False
    admin.save()
    assert client.get("/api/v1/organisations/", **auth(token)).status_code == 401


def _gemeente_member():
    from collectief.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
    from collectief.accounts.models import Organisation

    user = UserFactory(email="ambtenaar@gemeente.test")
    MembershipFactory(
        user=user, organisation=OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY)
    )
    return user


def test_gemeente_member_without_two_factor_cannot_create_a_token(client_for):
    """DESIGN §4: the token page sits behind the two-factor set-up like every page."""
    user = _gemeente_member()
    client = client_for(user)
    for response in (
        client.get(reverse("api:tokens")),
        client.post(reverse("api:tokens"), {"name": "Mijn script"}),
    ):
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    assert not ApiToken.objects.exists()


def test_gemeente_member_with_two_factor_gets_a_token_that_stops_without_it(client, client_for):
    from allauth.mfa.models import Authenticator

    user = with_two_factor(_gemeente_member())
    response = client_for(user).post(reverse("api:tokens"), {"name": "Mijn script"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    plain = re.search(r"clf_[A-Za-z0-9_-]{40,}", response.content.decode()).group(0)
    assert plain.startswith(token.prefix)
    assert client.get("/api/v1/organisations/", **auth(plain)).status_code == 200
    # Two-factor login switched off afterwards: the token no longer works.
    Authenticator.objects.filter(user=user).delete()
    assert client.get("/api/v1/organisations/", **auth(plain)).status_code == 401


def test_the_token_is_checked_by_an_authentication_backend(rf, admin, token):
    """lib.api finds the user through django.contrib.auth, not through this app."""
    from django.contrib.auth import authenticate

    request = rf.get("/api/v1/organisations/")
    user = authenticate(request, api_token=token)
    assert user == admin
    assert user.backend == "collectief.api.backends.ApiTokenBackend"
    assert authenticate(request, api_token="clf_wrong") is None


def test_a_token_never_becomes_a_browser_session(client, admin, token):
    """A session that names the token backend finds nobody: tokens do not log in."""
    session = client.session
    session["_auth_user_id"] = str(admin.pk)
    session["_auth_user_backend"] = "collectief.api.backends.ApiTokenBackend"
    session.save()
    response = client.get(reverse("api:tokens"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
