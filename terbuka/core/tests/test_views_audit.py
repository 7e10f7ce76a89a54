"""The audit-log page: who may open it, filters, pagination, and one pemda only."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from terbuka.core.models import AuditEvent
from terbuka.core.tests.factories import make_pemda, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ksb():
    return make_pemda("ksb", "52.07")


def _event(pemda, action="core.opd.update", actor=None, is_read=False, object_type="core.opd",
           at=None, repr_="DIKES"):
    # `at` is auto_now_add and the log refuses updates, so an old event is made by moving the
    # clock while it is written.
    with mock.patch("django.utils.timezone.now", return_value=at or timezone.now()):
        return AuditEvent.objects.create(
            pemda=pemda, action=action, actor=actor,
            actor_label=actor.get_username() if actor else "system", is_read=is_read,
            object_type=object_type, object_id="1", object_repr=repr_,
        )


@pytest.mark.parametrize("role", ["admin_pemda", "inspektorat"])
def test_admin_and_inspektorat_may_browse(client, ksb, role):
    _event(ksb, repr_="Dinas Kesehatan")
    client.force_login(make_user("u", role=role, pemda=ksb))
    response = client.get("/ksb/audit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Log audit" in html and "Dinas Kesehatan" in html
    for name in ("actor", "action", "object_type", "since", "until", "reads_only"):
        assert f'for="id_{name}"' in html


@pytest.mark.parametrize("role", ["walidata", "produsen_data", "operator_aduan", "pemantau",
                                  "warga", "kader_posyandu", "nakes", "petugas_opd"])
def test_other_roles_are_refused(client, ksb, role):
    client.force_login(make_user("u", role=role, pemda=ksb))
    assert client.get("/ksb/audit/").status_code == 403


def test_only_this_pemdas_events(client, ksb):
    banggai = make_pemda("banggai", "72.01")
    _event(ksb, repr_="milik KSB")
    _event(banggai, repr_="milik Banggai")
    client.force_login(make_user("u", role="admin_pemda", pemda=ksb))
    html = client.get("/ksb/audit/").content.decode()
    assert "milik KSB" in html and "milik Banggai" not in html
    assert client.get("/banggai/audit/").status_code == 403


def test_filters_by_action_object_type_actor_and_reads(client, ksb):
    admin = make_user("admin_ksb", role="admin_pemda", pemda=ksb)
    other = make_user("operator", role="walidata", pemda=ksb)
    _event(ksb, action="core.opd.update", actor=admin, repr_="E-ubah-opd")
    _event(ksb, action="core.place.create", object_type="core.place", repr_="E-tempat")
    _event(ksb, action="growth.child.view", object_type="growth.child", is_read=True,
           actor=other, repr_="E-baca")
    client.force_login(admin)

    def shown(**query):
        html = client.get("/ksb/audit/", query).content.decode()
        return {name for name in ("E-ubah-opd", "E-tempat", "E-baca") if name in html}

    assert shown() == {"E-ubah-opd", "E-tempat", "E-baca"}
    assert shown(action="core.opd.update") == {"E-ubah-opd"}
    assert shown(object_type="core.place") == {"E-tempat"}
    assert shown(reads_only="on") == {"E-baca"}
    assert shown(actor="operator") == {"E-baca"}
    assert shown(actor="nobody") == set()


def test_date_range(client, ksb):
    now = timezone.now()
    _event(ksb, repr_="E-lama", at=now - dt.timedelta(days=40))
    _event(ksb, repr_="E-baru", at=now)
    client.force_login(make_user("u", role="admin_pemda", pemda=ksb))
    since = timezone.localdate() - dt.timedelta(days=7)
    html = client.get("/ksb/audit/", {"since": since.isoformat()}).content.decode()
    assert "E-baru" in html and "E-lama" not in html
    until = timezone.localdate() - dt.timedelta(days=30)
    html = client.get("/ksb/audit/", {"until": until.isoformat()}).content.decode()
    assert "E-lama" in html and "E-baru" not in html


def test_bad_filter_input_is_a_clear_error_not_a_500(client, ksb):
    client.force_login(make_user("u", role="admin_pemda", pemda=ksb))
    response = client.get("/ksb/audit/", {"since": "2025-02-30", "page": "abc"})
    assert response.status_code == 200
    assert 'id="id_since_error"' in response.content.decode()
    response = client.get("/ksb/audit/", {"since": "2025-05-02", "until": "2025-05-01"})
    assert "sebelum" in response.content.decode() or "lebih awal" in response.content.decode()


def test_pagination_keeps_the_filters(client, ksb):
    for i in range(120):
        _event(ksb, action="core.opd.update", repr_=f"E{i:03d}")
    _event(ksb, action="core.place.create", repr_="lain")
    client.force_login(make_user("u", role="admin_pemda", pemda=ksb))
    html = client.get("/ksb/audit/", {"action": "core.opd.update"}).content.decode()
    assert "120 peristiwa" in html
    assert "Halaman 1 dari 3" in html
    assert 'href="?action=core.opd.update&amp;page=2"' in html
    html = client.get("/ksb/audit/", {"action": "core.opd.update", "page": "3"}).content.decode()
    assert "E000" in html and "E119" not in html and "lain" not in html


def test_changes_are_shown_as_old_and_new(client, ksb):
    AuditEvent.objects.create(
        pemda=ksb, action="core.opd.update", actor_label="system", object_type="core.opd",
        object_id="1", object_repr="DIKES", changes={"name": ["Dinkes", "Dinas Kesehatan"],
                                                     "acronym": [None, "DIKES"]},
    )
    client.force_login(make_user("u", role="admin_pemda", pemda=ksb))
    html = client.get("/ksb/audit/").content.decode()
    assert "<code>name</code>: <del>Dinkes</del> → <ins>Dinas Kesehatan</ins>" in html
    assert "<code>acronym</code>: <del>–</del> → <ins>DIKES</ins>" in html
