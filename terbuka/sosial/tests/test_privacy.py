"""Access by role and region, every read logged, public figures only as suppressed counts."""

import pytest
from django.core.exceptions import PermissionDenied

from terbuka.core.models import AuditEvent
from terbuka.core.tests.factories import make_user
from terbuka.sosial import selectors, services

from .conftest import OTHER_DESA, TODAY, register

pytestmark = pytest.mark.django_db


def test_officer_sees_only_their_region_and_every_read_is_logged(client, ksb, petugas):
    mine = register(ksb)
    theirs = register(ksb, name="Amaq Seteluk", desa=OTHER_DESA, nik="5207030101600002")
    client.force_login(petugas)
    page = client.get("/ksb/sosial/pmks/").content.decode()
    assert "Inaq Marni" in page and "Amaq Seteluk" not in page
    assert client.get(f"/ksb/sosial/pmks/{mine.pk}/").status_code == 200
    assert client.get(f"/ksb/sosial/pmks/{theirs.pk}/").status_code == 403
    reads = AuditEvent.objects.filter(is_read=True, actor=petugas)
    assert set(reads.values_list("action", flat=True)) == {"sosial.case.list",
                                                           "sosial.case.view"}
    assert reads.get(action="sosial.case.view").object_id == str(mine.pk)


def test_other_roles_and_visitors_get_nothing(client, ksb):
    case = register(ksb)
    assert client.get("/ksb/sosial/pmks/").status_code == 302
    for role in ("warga", "admin_pemda", "kader_posyandu"):
        client.force_login(make_user(role=role, pemda=ksb))
        assert client.get("/ksb/sosial/pmks/").status_code == 403
        assert client.get(f"/ksb/sosial/pmks/{case.pk}/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.case_open(actor=make_user(role="pendamping", pemda=ksb), person=case.person,
                           categories=["24"], found_by="desa", found_on=TODAY)


def test_public_figures_are_suppressed_and_nameless(client, ksb):
    register(ksb)
    for i in range(5):
        register(ksb, name=f"Fakir {i}", nik=f"520701010170000{i}", categories=["24"])
    by_category, by_kecamatan = selectors.aggregate_rows(ksb)
    counts = {r["kode"]: r["kasus_aktif"] for r in by_category}
    assert counts["08"] == "<5" and counts["24"] == 5
    # One small count alone would be the table's total minus the rest: one more cell (the
    # smallest, here a zero) is hidden with it.
    values = list(counts.values())
    assert values.count("<5") == 2 and values.count(0) == len(counts) - 3
    assert by_kecamatan[0]["kasus_aktif"] == 6
    page = client.get("/ksb/sosial/").content.decode()
    assert "&lt;5" in page and "Inaq Marni" not in page and "Fakir 1" not in page


def test_api_serves_only_suppressed_figures(client, ksb):
    register(ksb)
    body = client.get("/api/v1/pemda/ksb/sosial/figures").json()
    counts = {r["kode"]: r["kasus_aktif"] for r in body["by_category"]}
    assert counts["08"] == "<5" and "Inaq Marni" not in str(body)


def test_published_table_is_suppressed(ksb):
    from terbuka.core import publishing
    from terbuka.sosial.publish import publish_counts

    register(ksb)
    received = []
    before = (publishing._sink, publishing._sink_module)
    publishing.register_sink("satudata", lambda table: received.append(table) or table.key)
    try:
        assert publish_counts(ksb) == "pmks-per-kecamatan"
    finally:
        publishing._sink, publishing._sink_module = before
    (row,) = received[0].rows
    assert row["kasus_aktif"] == "<5" and row["kode_pmks"] == "08"
    assert "Marni" not in repr(received[0].rows)


def test_receiving_opd_answers_its_referrals_only(client, ksb, petugas):
    from terbuka.core.tests.factories import make_opd
    from terbuka.sosial.models import OpdReferral

    case = register(ksb)
    dinsos, dinkes, dikbud = (make_opd(ksb, n) for n in ("Dinsos", "Dinkes", "Dikbud"))
    sent = services.opd_referral_send(actor=petugas, case=case, from_opd=dinsos, to_opd=dinkes,
                                      reason="Pemeriksaan lansia", sent_on=TODAY)
    client.force_login(make_user(role="petugas_opd", opd=dikbud))
    assert "Pemeriksaan lansia" not in client.get("/ksb/sosial/rujukan-opd/").content.decode()
    assert client.post("/ksb/sosial/rujukan-opd/", {
        "respond-referral": sent.pk, "respond-status": "diterima"}).status_code == 403
    client.force_login(make_user(role="petugas_opd", opd=dinkes))
    assert "Pemeriksaan lansia" in client.get("/ksb/sosial/rujukan-opd/").content.decode()
    response = client.post("/ksb/sosial/rujukan-opd/", {
        "respond-referral": sent.pk, "respond-status": "selesai",
        "respond-response": "Sudah diperiksa"})
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == "selesai" and OpdReferral.objects.count() == 1
    client.force_login(make_user(role="warga", pemda=ksb))
    assert client.get("/ksb/sosial/rujukan-opd/").status_code == 403


def test_officer_registers_in_their_desa_and_is_told_when_outside(client, ksb, petugas):
    client.force_login(petugas)
    client.cookies["django_language"] = "en"
    page = client.get("/ksb/sosial/pmks/").content.decode()
    assert "Register a person" in page and "Import DTSEN deciles" not in page
    data = {"name": "Amaq Baru", "sex": "L", "desa": OTHER_DESA, "categories": ["24"],
            "found_by": "kader", "found_on": "2025-06-01"}
    outside = client.post("/ksb/sosial/pmks/baru/", data)
    assert outside.status_code == 200 and "not allowed" in outside.content.decode()
    inside = client.post("/ksb/sosial/pmks/baru/", {**data, "desa": "52.07.02.2001"})
    assert inside.status_code == 302
