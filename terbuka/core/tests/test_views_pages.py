"""Public pages: platform home, pemda home, OPD list, and the translated 404/403 pages."""

import pytest
from django.test import override_settings
from django.urls import reverse

from terbuka.core.models import OpdKind
from terbuka.core.tests.factories import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ksb():
    return make_pemda(
        "ksb", "52.07", contact_email="diskominfo@ksb.example", contact_phone="0372 123",
        address="Jl. Bung Karno No. 1, Taliwang", tagline="Pemerintahan yang terbuka",
    )


def test_home_lists_each_pemda_with_a_link(client, ksb):
    other = make_pemda("banggai", "72.01")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for pemda in (ksb, other):
        assert pemda.name in html
        assert f'href="/{pemda.slug}/"' in html


def test_layout_is_indonesian_by_default_and_accessible(client, ksb):
    html = client.get("/ksb/").content.decode()
    assert '<html lang="id">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert "Lewati ke konten utama" in html
    assert 'name="viewport"' in html
    assert "/static/terbuka/terbuka.css" in html
    # One submit button per language, posting to Django's set_language and coming back here.
    assert 'action="/i18n/setlang/"' in html
    assert 'name="language" value="id"' in html and 'name="language" value="en"' in html
    assert 'name="next" value="/ksb/"' in html


def test_pemda_home_shows_profile_contact_and_navigation(client, ksb):
    make_opd(ksb, "Dinas Kesehatan", acronym="DIKES")
    html = client.get("/ksb/").content.decode()
    assert "<h1>Pemerintah Kabupaten Sumbawa Barat</h1>" in html
    assert "Pemerintahan yang terbuka" in html
    assert "diskominfo@ksb.example" in html and "0372 123" in html
    assert "Jl. Bung Karno No. 1, Taliwang" in html
    assert "Perangkat daerah" in html  # the public menu, in Indonesian
    assert "1 perangkat daerah" in html
    assert 'aria-current="page"' in html
    assert "Log audit" not in html  # staff menu hidden from the public


def test_english_when_the_language_cookie_says_so(client, ksb):
    client.cookies["django_language"] = "en"
    html = client.get("/ksb/").content.decode()
    assert '<html lang="en">' in html
    assert "Regional work units" in html
    assert "Skip to main content" in html


def test_set_language_keeps_the_current_page(client, ksb):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/ksb/opd/"})
    assert response.status_code == 302
    assert response["Location"] == "/ksb/opd/"
    assert "Regional work units" in client.get("/ksb/opd/").content.decode()


def test_opd_list_groups_by_kind_and_names_the_parent(client, ksb):
    dikes = make_opd(ksb, "Dinas Kesehatan", acronym="DIKES", kind=OpdKind.DINAS)
    make_opd(ksb, "Puskesmas Taliwang", kind=OpdKind.PUSKESMAS, parent=dikes)
    make_opd(ksb, "Badan Perencanaan Pembangunan Daerah", acronym="BAPPEDA", kind=OpdKind.BADAN)
    other = make_pemda("banggai", "72.01")
    make_opd(other, "Dinas Rahasia Banggai")
    html = client.get("/ksb/opd/").content.decode()
    # Groups follow the kind order, each with its Indonesian heading.
    assert html.index("Dinas Kesehatan") < html.index("Badan Perencanaan") < html.index(
        "Puskesmas Taliwang"
    )
    assert "Bagian dari: Dinas Kesehatan" in html
    assert "Dinas Rahasia Banggai" not in html
    assert "Tambah perangkat daerah" not in html  # only admins see the create button


def test_admin_sees_the_staff_menu_and_create_button(client, ksb):
    admin = make_user("admin_ksb", role="admin_pemda", pemda=ksb)
    client.force_login(admin)
    html = client.get("/ksb/opd/").content.decode()
    assert "Log audit" in html
    assert 'href="/ksb/opd/tambah/"' in html
    assert "Keluar" in html and "Akun saya" in html


@override_settings(DEBUG=False)
def test_unknown_pemda_is_a_translated_404_in_the_layout(client, ksb):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert 'href="#main"' in html


def test_403_page_explains_in_the_layout(client, ksb):
    client.force_login(make_user("warga1", role="warga", pemda=ksb))
    response = client.get(reverse("core:audit_log", kwargs={"pemda": "ksb"}))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Tidak diizinkan" in html
    assert "menelusuri log audit" in html  # the policy's own reason, translated


def test_anonymous_staff_page_redirects_to_login(client, ksb):
    response = client.get("/ksb/audit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/?next=/ksb/audit/")
