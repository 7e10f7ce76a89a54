"""Logging in with a username or an e-mail address, and logging out by POST."""

import pytest

from terbuka.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return User.objects.create_user("siti", "Siti@Example.org", "benar-sekali-123")


def test_login_page_labels_every_input(client):
    html = client.get("/akun/masuk/").content.decode()
    assert '<label for="id_username">Nama pengguna atau e-mail' in html
    assert '<label for="id_password">Kata sandi' in html
    assert 'href="/akun/sandi/lupa/"' in html


@pytest.mark.parametrize("login", ["siti", "siti@example.org", "SITI@EXAMPLE.ORG"])
def test_login_with_username_or_email(client, user, login):
    response = client.post(
        "/akun/masuk/", {"username": login, "password": "benar-sekali-123", "next": "/akun/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/akun/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_shows_the_error_beside_the_form(client, user):
    response = client.post("/akun/masuk/", {"username": "siti", "password": "salah"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "_auth_user_id" not in client.session


def test_an_email_shared_by_two_accounts_logs_in_neither_by_email(client, user):
    User.objects.create_user("siti2", "siti@example.org", "benar-sekali-123")
    response = client.post(
        "/akun/masuk/", {"username": "siti@example.org", "password": "benar-sekali-123"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_logout_needs_post(client, user):
    client.force_login(user)
    assert client.get("/akun/keluar/").status_code == 405
    response = client.post("/akun/keluar/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
