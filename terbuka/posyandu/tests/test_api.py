"""The JSON API: SKDN aggregates by region (role needed), the kader app's register and sync
(idempotent, conflicts answered per item)."""

import uuid

import pytest

from terbuka.api.testing import token_client
from terbuka.core.models import AuditEvent
from terbuka.core.tests.factories import make_user
from terbuka.posyandu.models import Measurement, Person

from .conftest import month_ago

pytestmark = pytest.mark.django_db


def test_skdn_endpoint(ksb, posyandu, child):
    from terbuka.posyandu import services

    s, _ = services.session_open(actor=None, posyandu=posyandu, held_on=month_ago(0, 2))
    services.measurement_record(actor=None, session=s, person=child, measured_on=month_ago(0, 2),
                                weight_kg="5.0", length_cm="65", position="l",
                                confirm_unusual=True)
    leader = make_user(role="pimpinan", pemda=ksb)
    resp = token_client(leader).get(
        f"/api/v1/pemda/ksb/posyandu/skdn?month={month_ago(0, 1)}&level=desa")
    assert resp.status_code == 200, resp.content
    (row,) = resp.json()
    assert row["key"] == posyandu.desa_code and row["counts"]["d"] == 1
    assert row["counts"]["bgm"] == 1 and row["stunting"] == 1.0
    warga = make_user(role="warga", pemda=ksb)
    assert token_client(warga).get(
        f"/api/v1/pemda/ksb/posyandu/skdn?month={month_ago(0, 1)}").status_code == 403


def test_register_and_sync(ksb, posyandu, kader, child):
    client = token_client(kader)
    reg = client.get(f"/api/v1/posyandu/{posyandu.pk}/register")
    assert reg.status_code == 200
    assert [c["name"] for c in reg.json()["children"]] == ["Siti Aminah"]
    assert AuditEvent.objects.filter(action="posyandu.register.read").count() == 1
    session, new_child, m1, m2 = (str(uuid.uuid4()) for _ in range(4))
    day = month_ago(0, 2).isoformat()
    batch = {
        "children": [{"uuid": new_child, "name": "Bayu", "birth_date": month_ago(8, 1).isoformat(),
                      "sex": "L", "mother_name": "Rina"}],
        "sessions": [{"uuid": session, "held_on": day}],
        "measurements": [
            {"uuid": m1, "session": session, "child": str(child.uuid), "measured_on": day,
             "weight_kg": 9.1, "length_cm": 75.5, "position": "l"},
            {"uuid": m2, "session": session, "child": new_child, "measured_on": day,
             "weight_kg": "7200"},
        ],
    }
    first = client.post(f"/api/v1/posyandu/{posyandu.pk}/sync", batch,
                        content_type="application/json")
    assert first.status_code == 200, first.content
    out = first.json()
    assert out["children"][0]["status"] == "ok" and out["sessions"][0]["status"] == "ok"
    assert out["measurements"][0]["status"] == "ok"
    assert out["measurements"][0]["server"]["growth_status"] == "B"
    assert out["measurements"][1]["status"] == "error"
    assert "gram" in out["measurements"][1]["message"]
    again = client.post(f"/api/v1/posyandu/{posyandu.pk}/sync", batch,
                        content_type="application/json").json()
    assert again["measurements"][0]["status"] == "ok"
    assert Measurement.objects.count() == 1 and Person.objects.filter(name="Bayu").count() == 1
    other = dict(batch, children=[], sessions=[{"uuid": str(uuid.uuid4()), "held_on": day}])
    other["measurements"] = [dict(batch["measurements"][0], uuid=str(uuid.uuid4()),
                                  session=other["sessions"][0]["uuid"], weight_kg=9.6)]
    conflict = client.post(f"/api/v1/posyandu/{posyandu.pk}/sync", other,
                           content_type="application/json").json()
    assert conflict["sessions"][0]["merged"] is True
    assert conflict["measurements"][0]["status"] == "conflict"


def test_sync_refused_to_other_kader(posyandu, other_posyandu):
    outsider = make_user(role="kader_posyandu", place=other_posyandu.place)
    resp = token_client(outsider).post(f"/api/v1/posyandu/{posyandu.pk}/sync", {},
                                       content_type="application/json")
    assert resp.status_code == 403
