"""Password reset by e-mail: the mail is sent in the user's language and its link works."""

import re

import pytest
from django.core import mail

from terbuka.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return User.objects.create_user("siti", "siti@example.org", "lama-sekali-123")


def _link(message):
    match = re.search(r"https?://[^/\s]+(/akun/sandi/atur/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_reset_mail_is_sent_and_the_link_sets_a_new_password(client, user):
    response = client.post("/akun/sandi/lupa/", {"email": "siti@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/akun/sandi/lupa/terkirim/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["siti@example.org"]
    assert message.subject == "Atur ulang kata sandi Terbuka Anda"
    assert "Nama pengguna Anda adalah siti" in message.body

    # The emailed link redirects to the token-less form, which then accepts a new password.
    response = client.get(_link(message), follow=True)
    assert response.status_code == 200
    assert response.context["validlink"]
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "baru-dan-kuat-456", "new_password2": "baru-dan-kuat-456"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/akun/sandi/atur/selesai/"
    user.refresh_from_db()
    assert user.check_password("baru-dan-kuat-456")

    # The link works once only.
    response = client.get(_link(message), follow=True)
    assert not response.context["validlink"]
    assert "Tautan ini tidak sah" in response.content.decode()


def test_unknown_address_looks_the_same_and_sends_nothing(client, user):
    response = client.post("/akun/sandi/lupa/", {"email": "tidak-ada@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/akun/sandi/lupa/terkirim/"
    assert mail.outbox == []


def test_reset_mail_in_english_when_asked_in_english(client, user):
    client.cookies["django_language"] = "en"
    client.post("/akun/sandi/lupa/", {"email": "siti@example.org"})
    assert mail.outbox[0].subject == "Reset your Terbuka password"
    assert "Your username is siti" in mail.outbox[0].body
