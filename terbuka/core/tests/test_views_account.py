"""The account page: roles, API tokens shown once, revoking, and nobody else's tokens."""

import re

import pytest

from terbuka.accounts.models import ApiToken
from terbuka.accounts.services import token_authenticate, token_create
from terbuka.core.models import AuditEvent
from terbuka.core.tests.factories import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ksb():
    return make_pemda("ksb", "52.07")


def test_account_page_lists_roles(client, ksb):
    opd = make_opd(ksb, "Dinas Kesehatan", acronym="DIKES")
    user = make_user("ani", role="produsen_data", opd=opd)
    client.force_login(user)
    html = client.get("/akun/").content.decode()
    assert "Peran saya" in html
    assert "Produsen data (OPD)" in html
    assert "Dinas Kesehatan" in html and ksb.name in html
    assert "Anda belum memiliki token API." in html
    assert "<code>Authorization: Bearer tbk_…</code>" in html


def test_account_page_needs_login(client):
    response = client.get("/akun/")
    assert response.status_code == 302
    assert response["Location"] == "/akun/masuk/?next=/akun/"


def test_create_token_shows_the_key_once_and_it_works(client, ksb):
    user = make_user("ani", role="walidata", pemda=ksb)
    client.force_login(user)
    response = client.post("/akun/token/", {"name": "Skrip Satu Data", "expires_in_days": "30"})
    assert response.status_code == 200
    html = response.content.decode()
    key = re.search(r'id="new-token">(tbk_[^<]+)<', html).group(1)
    assert token_authenticate(key) == user
    token = ApiToken.objects.get(user=user)
    assert token.name == "Skrip Satu Data" and token.expires_at is not None
    assert AuditEvent.objects.filter(action="accounts.token.create", actor=user).exists()

    # Only the hint is shown afterwards, never the key.
    html = client.get("/akun/").content.decode()
    assert key not in html
    assert token.hint in html and "Skrip Satu Data" in html


def test_create_token_errors_are_shown_beside_the_field(client, ksb):
    user = make_user("ani")
    client.force_login(user)
    response = client.post("/akun/token/", {"name": "   ", "expires_in_days": "0"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_name_error"' in html and 'id="id_expires_in_days_error"' in html
    assert not ApiToken.objects.exists()


def test_revoke_own_token(client, ksb):
    user = make_user("ani")
    token, key = token_create(actor=user, user=user, name="lama")
    client.force_login(user)
    response = client.post(f"/akun/token/{token.pk}/cabut/", follow=True)
    assert response.status_code == 200
    assert "Token lama telah dicabut." in response.content.decode()
    assert token_authenticate(key) is None
    assert AuditEvent.objects.filter(action="accounts.token.revoke").count() == 1


def test_cannot_revoke_someone_elses_token(client, ksb):
    owner = make_user("owner")
    token, key = token_create(actor=owner, user=owner, name="milik orang")
    client.force_login(make_user("intruder"))
    response = client.post(f"/akun/token/{token.pk}/cabut/")
    assert response.status_code == 404
    assert token_authenticate(key) == owner


def test_token_actions_need_post(client, ksb):
    client.force_login(make_user("ani"))
    assert client.get("/akun/token/").status_code == 405
