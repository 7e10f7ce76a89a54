"""The secretariat's, OPD's and monitor's forms: each refusal shows its reason on the page and
saves nothing."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from terbuka.core.tests.factories import make_opd, make_user
from terbuka.rencanaaksi import services
from terbuka.rencanaaksi.models import ActionPlan, Commitment
from terbuka.rencanaaksi.tests.conftest import add_commitment, two_milestones


@pytest.fixture
def staff(client, sekretariat):
    client.force_login(sekretariat)
    return client


def test_plan_create_form_makes_a_consortium(staff, ntb, ksb):
    response = staff.post("/ntb/rencana-aksi/baru/", {
        "title": "Rencana Aksi 2025-2026", "period_start": "2025-01-01",
        "period_end": "2026-12-31", "vision": "Terbuka", "ogp_values": ["civic_participation"],
        "members": [ksb.pk]})
    plan = ActionPlan.objects.get(title="Rencana Aksi 2025-2026")
    assert response.status_code == 302 and response["Location"].endswith(f"/{plan.slug}/kelola/")
    assert plan.members.count() == 2 and plan.steps.count() == 8
    bad = staff.post("/ntb/rencana-aksi/baru/", {"title": "X", "period_start": "2026-01-01",
                                                  "period_end": "2025-01-01"})
    assert bad.status_code == 200 and "period_end_error" in bad.content.decode()


def test_thirteenth_commitment_refused_on_the_form(staff, consortium, ntb):
    for i in range(12):
        add_commitment(consortium, ntb, title=f"K{i}")
    response = staff.post(f"/ntb/rencana-aksi/{consortium.slug}/komitmen-baru/", {
        "pemda": ntb.pk, "title": "K13", "start": "2021-09-01", "end": "2022-09-01"})
    assert response.status_code == 200
    assert "12" in response.content.decode() and "title_error" in response.content.decode()
    assert consortium.commitments.count() == 12


def test_commitment_form_then_milestones_form(staff, consortium, ntb):
    opd = make_opd(ntb, "Diskominfotik")
    response = staff.post(f"/ntb/rencana-aksi/{consortium.slug}/komitmen-baru/", {
        "pemda": ntb.pk, "title": "NTB Care", "lead_opd": opd.pk, "start": "2021-09-01",
        "end": "2023-06-30", "ogp_values": ["public_accountability"], "sdgs": "16, 5",
        "budget": "250000000"})
    c = Commitment.objects.get(title="NTB Care")
    assert response["Location"].endswith(f"/komitmen/{c.pk}/tonggak/")
    assert c.sdgs == [5, 16] and c.lead_opd == opd
    url = f"/ntb/rencana-aksi/komitmen/{c.pk}/tonggak/"
    form = {"m-TOTAL_FORMS": "2", "m-INITIAL_FORMS": "0",
            "m-0-title": "A", "m-0-owner": "Bappeda", "m-0-start": "2021-09-01",
            "m-0-end": "2022-01-01", "m-0-weight": "60",
            "m-1-title": "B", "m-1-owner": "Bappeda", "m-1-start": "2022-01-02",
            "m-1-end": "2024-01-01", "m-1-weight": "30"}
    page = staff.post(url, form).content.decode()
    assert "90%" in page  # weights refused with the total named
    assert "m-1-end_error" in page  # the date outside the commitment, beside its field
    assert c.milestones.count() == 0
    form.update({"m-1-end": "2023-06-30", "m-1-weight": "40"})
    assert staff.post(url, form).status_code == 302
    assert [m.weight for m in c.milestones.order_by("order")] == [60, 40]


def test_report_form_refuses_a_disguised_file(client, consortium, ntb, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    opd = make_opd(ntb, "Diskominfotik")
    c = add_commitment(consortium, ntb, lead_opd=opd)
    services.milestones_set(actor=None, commitment=c, milestones=two_milestones())
    client.force_login(make_user(role="petugas_opd", opd=opd))
    url = f"/ntb/rencana-aksi/komitmen/{c.pk}/laporan/"
    fake = SimpleUploadedFile("bukti.pdf", b"<html><script>alert(1)</script></html>",
                              content_type="application/pdf")
    page = client.post(url, {"period_end": "2022-06-30", "status": "limited",
                             "narrative": "Rapat", "files": fake})
    assert page.status_code == 200 and "bukti.pdf" in page.content.decode()
    assert c.reports.count() == 0
    pdf = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    first = c.milestones.get(order=1)
    ok = client.post(url, {"period_end": "2022-06-30", "status": "limited", "narrative": "Rapat",
                           "files": pdf, "completed_milestones": [str(first.pk)]})
    assert ok.status_code == 302
    assert c.reports.get().evidence.count() == 1
    first.refresh_from_db()
    assert first.completed_on == dt.date(2022, 6, 30)


def test_monitor_form_and_sides(client, consortium, ntb):
    c = add_commitment(consortium, ntb)
    client.force_login(make_user(role="pemantau", pemda=ntb))
    url = f"/ntb/rencana-aksi/komitmen/{c.pk}/penilaian/monitor/"
    assert client.get(f"/ntb/rencana-aksi/komitmen/{c.pk}/penilaian/government/").status_code \
        == 403
    empty = client.post(url, {"body_name": "SOMASI NTB", "verifiable": "1",
                              "potential": "modest", "completion": "limited", "reasoning": ""})
    assert empty.status_code == 200 and c.assessments.count() == 0
    ok = client.post(url, {"body_name": "SOMASI NTB", "verifiable": "1", "potential": "modest",
                           "completion": "limited", "opened_government": "marginal",
                           "reasoning": "Bukti masih sebagian."})
    assert ok.status_code == 302
    assert c.assessments.get().body_name == "SOMASI NTB"


def test_partner_organisation_and_group_member_forms(staff, consortium, client):
    response = staff.post("/ntb/rencana-aksi/organisasi/baru/", {
        "name": "SOMASI NTB", "acronym": "SOMASI", "sector": "civil_society",
        "description": "Pemantau layanan publik", "website": "somasi.example.org"})
    assert response.status_code == 302 and response["Location"].endswith("/organisasi/somasi/")
    duplicate = staff.post("/ntb/rencana-aksi/organisasi/baru/", {
        "name": "somasi ntb", "sector": "civil_society"})
    assert duplicate.status_code == 200 and "name_error" in duplicate.content.decode()
    url = f"/ntb/rencana-aksi/{consortium.slug}/kelompok/"
    assert staff.post(url, {"group": "secretariat", "name": "Kepala Bappeda",
                            "role": "Ketua", "organisation": "Bappeda NTB",
                            "sector": "government"}).status_code == 302
    page = client.get(f"/ntb/rencana-aksi/{consortium.slug}/").content.decode()
    assert "Kepala Bappeda" in page and "Ketua" in page
