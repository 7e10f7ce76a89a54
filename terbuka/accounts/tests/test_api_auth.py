"""API authentication: bearer tokens, the login session with CSRF, and their refusals."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from terbuka.accounts.models import ApiToken
from terbuka.accounts.services import token_create, token_revoke
from terbuka.api.testing import assert_error
from terbuka.core.models import Opd, Role
from terbuka.core.tests.factories import make_pemda, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return make_user("ani", full_name="Ani Lestari")


@pytest.fixture
def raw(user):
    return token_create(actor=user, user=user, name="t")[1]


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_bearer_token_authenticates(client, user, raw):
    response = client.get("/api/v1/me", **bearer(raw))
    assert response.status_code == 200
    assert response.json()["username"] == "ani"


def test_revoked_token_is_refused(client, user, raw):
    token_revoke(actor=user, token=ApiToken.objects.get())

    error = assert_error(client.get("/api/v1/me", **bearer(raw)), 401, "not_authenticated")
    assert error["message"] != assert_error(client.get("/api/v1/me"), 401,
                                            "not_authenticated")["message"]


def test_expired_token_is_refused(client, raw):
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert_error(client.get("/api/v1/me", **bearer(raw)), 401, "not_authenticated")


@pytest.mark.parametrize("header", ["Bearer", "Bearer tbk_nope", "Bearer  ", "Token abc",
                                    "Basic YTpi", "bearer tbk_" + "x" * 300])
def test_bad_authorization_headers_are_refused(client, header):
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=header)
    assert_error(response, 401, "not_authenticated")


def test_a_dead_token_is_refused_even_alongside_a_live_session(client, user):
    client.force_login(user)
    assert_error(client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer tbk_dead"), 401,
                 "not_authenticated")


def test_public_reads_need_no_credentials(client):
    make_pemda("ksb", subtree=False)
    assert client.get("/api/v1/pemda").status_code == 200


def test_session_auth_works_for_reads(client, user):
    client.force_login(user)
    assert client.get("/api/v1/me").json()["full_name"] == "Ani Lestari"


def test_session_writes_need_the_csrf_token():
    pemda = make_pemda("ksb", subtree=False)
    admin = make_user("admin", Role.ADMIN_PEMDA, pemda=pemda)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin)
    body = json.dumps({"name": "Dinas Kesehatan", "kind": "dinas"})

    refused = browser.post("/api/v1/pemda/ksb/opd", body, content_type="application/json")
    assert_error(refused, 403, "permission_denied")
    assert not Opd.objects.exists()

    browser.get("/api/v1/docs")  # any page that renders the CSRF token sets the cookie
    csrf = browser.cookies["csrftoken"].value
    accepted = browser.post("/api/v1/pemda/ksb/opd", body, content_type="application/json",
                            HTTP_X_CSRFTOKEN=csrf)
    assert accepted.status_code == 201, accepted.content


def test_token_writes_need_no_csrf_token():
    pemda = make_pemda("ksb", subtree=False)
    admin = make_user("admin", Role.ADMIN_PEMDA, pemda=pemda)
    _, raw = token_create(actor=admin, user=admin, name="t")
    machine = Client(enforce_csrf_checks=True, **bearer(raw))

    response = machine.post("/api/v1/pemda/ksb/opd",
                            json.dumps({"name": "Dinas Kesehatan", "kind": "dinas"}),
                            content_type="application/json")

    assert response.status_code == 201, response.content


def test_anonymous_write_is_401_not_a_csrf_error():
    make_pemda("ksb", subtree=False)
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/pemda/ksb/opd", "{}", content_type="application/json"
    )
    assert_error(response, 401, "not_authenticated")


def test_inactive_users_session_is_not_accepted(client, user):
    client.force_login(user)
    user.is_active = False
    user.save()
    assert_error(client.get("/api/v1/me"), 401, "not_authenticated")
