"""`/api/v1/me`: the caller, their roles, and managing their own API tokens."""

import json

import pytest
from django.test import Client

from terbuka.accounts.models import ApiToken
from terbuka.accounts.services import token_create
from terbuka.api.testing import assert_error
from terbuka.core.models import Role
from terbuka.core.tests.factories import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return make_user("ani", email="ani@example.org")


@pytest.fixture
def browser(user):
    client = Client()
    client.force_login(user)
    return client


def create(client, body):
    return client.post("/api/v1/me/tokens", json.dumps(body), content_type="application/json")


def test_me_lists_active_roles_with_their_scope(browser, user):
    ksb = make_pemda("ksb", subtree=False)
    dikes = make_opd(ksb, "Dinas Kesehatan")
    make_user("x")  # another user's roles must not show
    from terbuka.core.models import RoleAssignment

    RoleAssignment.objects.create(user=user, role=Role.PRODUSEN_DATA, pemda=ksb, opd=dikes)
    RoleAssignment.objects.create(user=user, role=Role.WALIDATA, pemda=ksb, is_active=False)

    body = browser.get("/api/v1/me").json()

    assert body["username"] == "ani" and body["email"] == "ani@example.org"
    assert body["is_superuser"] is False
    assert body["roles"] == [{
        "role": "produsen_data", "label": Role.PRODUSEN_DATA.label, "pemda": "ksb",
        "opd_id": dikes.pk, "region_code": None, "place_id": None,
    }]


def test_create_token_returns_the_key_once(browser, user):
    response = create(browser, {"name": "harvester", "expires_at": "2099-01-01T00:00:00Z"})

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["key"].startswith("tbk_") and body["name"] == "harvester"
    assert body["expires_at"].startswith("2099-01-01")
    listed = browser.get("/api/v1/me/tokens").json()
    assert listed["count"] == 1
    assert "key" not in listed["results"][0]
    assert body["key"] not in json.dumps(listed)
    # And the key works.
    me = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {body['key']}")
    assert me.json()["username"] == "ani"


def test_a_token_cannot_create_tokens(user):
    _, raw = token_create(actor=user, user=user, name="t")
    response = create(Client(HTTP_AUTHORIZATION=f"Bearer {raw}"), {"name": "more"})

    error = assert_error(response, 403, "permission_denied")
    assert "token" in error["message"].lower()
    assert ApiToken.objects.count() == 1


@pytest.mark.parametrize("body, field", [
    ({}, "name"),
    ({"name": "x" * 81}, "name"),
    ({"name": "   "}, "name"),
    ({"name": "t", "expires_at": "tomorrow"}, "expires_at"),
    ({"name": "t", "expires_at": "2001-01-01T00:00:00Z"}, "expires_at"),
    ({"name": "t", "scope": "all"}, "scope"),
])
def test_bad_token_requests_name_the_field(browser, body, field):
    error = assert_error(create(browser, body), 422, "validation_error")
    assert list(error["fields"]) == [field]
    assert not ApiToken.objects.exists()


def test_token_list_shows_only_my_tokens(browser, user):
    other = make_user("budi")
    token_create(actor=other, user=other, name="budi's")
    token_create(actor=user, user=user, name="mine")

    names = [t["name"] for t in browser.get("/api/v1/me/tokens").json()["results"]]

    assert names == ["mine"]


def test_revoke_my_token(browser, user):
    token, raw = token_create(actor=user, user=user, name="t")

    response = browser.delete(f"/api/v1/me/tokens/{token.pk}")

    assert response.status_code == 204
    assert ApiToken.objects.get().revoked_at is not None
    assert_error(Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}"), 401,
                 "not_authenticated")


def test_a_token_can_revoke_itself(user):
    token, raw = token_create(actor=user, user=user, name="t")
    machine = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert machine.delete(f"/api/v1/me/tokens/{token.pk}").status_code == 204
    assert_error(machine.get("/api/v1/me"), 401, "not_authenticated")


def test_someone_elses_token_is_not_found_and_stays_valid(browser):
    other = make_user("budi")
    token, raw = token_create(actor=other, user=other, name="budi's")

    assert_error(browser.delete(f"/api/v1/me/tokens/{token.pk}"), 404, "not_found")
    assert_error(browser.delete("/api/v1/me/tokens/999999"), 404, "not_found")
    assert ApiToken.objects.get().revoked_at is None
