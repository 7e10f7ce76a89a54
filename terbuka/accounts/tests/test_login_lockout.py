"""Ten wrong passwords lock the account for logins from that address, with a clear translated
message (HTTP 429), while the account itself stays exactly as it was."""

import pytest
from django.conf import settings
from django.forms.models import model_to_dict

from terbuka.accounts.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"


@pytest.fixture
def user():
    return User.objects.create_user(
        "siti", "siti@example.org", "benar-sekali-123", full_name="Siti"
    )


def _snapshot(user):
    user.refresh_from_db()
    return model_to_dict(user)


def test_ten_wrong_passwords_lock_with_a_clear_message(client, user):
    before = _snapshot(user)
    assert settings.AXES_FAILURE_LIMIT == 10
    for attempt in range(1, 10):
        response = client.post(LOGIN, {"username": "siti", "password": f"salah-{attempt}"})
        assert response.status_code == 200, attempt
        assert "tidak cocok dengan akun mana pun" in response.content.decode()

    response = client.post(LOGIN, {"username": "siti", "password": "salah-10"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Login dikunci" in html
    assert "setelah 10 kali kata sandi salah" in html
    assert "Akun Anda dan datanya tidak diubah" in html
    assert '<html lang="id">' in html  # rendered in the normal layout

    # While locked even the right password is refused, and nobody is logged in.
    response = client.post(LOGIN, {"username": "siti", "password": "benar-sekali-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session

    # The account is untouched: same password hash, still active, nothing else changed.
    assert _snapshot(user) == before
    assert user.check_password("benar-sekali-123")


def test_lockout_message_in_english(client, user):
    client.cookies["django_language"] = "en"
    for attempt in range(10):
        response = client.post(LOGIN, {"username": "siti", "password": f"wrong-{attempt}"})
    assert response.status_code == 429
    assert "Too many failed login attempts: after 10 wrong passwords" in response.content.decode()


def test_lock_counts_the_account_whether_typed_as_username_or_email(client, user):
    for attempt in range(5):
        client.post(LOGIN, {"username": "siti", "password": f"salah-{attempt}"})
    for attempt in range(4):
        response = client.post(LOGIN, {"username": "SITI@example.org", "password": f"x{attempt}"})
        assert response.status_code == 200
    response = client.post(LOGIN, {"username": "siti@example.org", "password": "salah-terakhir"})
    assert response.status_code == 429


def test_other_accounts_are_not_locked(client, user):
    User.objects.create_user("budi", "budi@example.org", "kata-sandi-budi-1")
    for attempt in range(10):
        client.post(LOGIN, {"username": "siti", "password": f"salah-{attempt}"})
    response = client.post(LOGIN, {"username": "budi", "password": "kata-sandi-budi-1"})
    assert response.status_code == 302
