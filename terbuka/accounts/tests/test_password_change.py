import pytest

from terbuka.accounts.models import User

pytestmark = pytest.mark.django_db


def test_password_change_requires_the_old_password(client):
    user = User.objects.create_user("siti", "siti@example.org", "lama-sekali-123")
    client.force_login(user)
    response = client.post(
        "/akun/sandi/ubah/",
        {"old_password": "keliru", "new_password1": "baru-dan-kuat-456",
         "new_password2": "baru-dan-kuat-456"},
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("lama-sekali-123")

    response = client.post(
        "/akun/sandi/ubah/",
        {"old_password": "lama-sekali-123", "new_password1": "baru-dan-kuat-456",
         "new_password2": "baru-dan-kuat-456"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/akun/sandi/ubah/selesai/"
    user.refresh_from_db()
    assert user.check_password("baru-dan-kuat-456")


def test_password_change_needs_login(client):
    response = client.get("/akun/sandi/ubah/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")
