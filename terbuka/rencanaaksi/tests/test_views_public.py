"""Public pages: dashboard, plan, uji publik, commitment (progress, timeline, evidence,
comments, responses, assessments, live indicators), organisation profile, evidence download."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from terbuka.core import indicators
from terbuka.rencanaaksi import services
from terbuka.rencanaaksi.tests.conftest import add_commitment, two_milestones

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def full_plan(consortium, ntb, ksb, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = add_commitment(consortium, ntb, title="NTB Care lebih cepat",
                       ogp_values=["public_accountability"], problem="Tindak lanjut rendah")
    services.milestones_set(actor=None, commitment=c, milestones=two_milestones())
    for i, name in enumerate(["orientation", "secretariat", "working_team", "draft_workshop",
                              "plan_workshop"]):
        services.step_record(actor=None, step=consortium.steps.get(step=name),
                             held_on=dt.date(2021, 4, 1 + i * 5), minutes=f"Notulen {name}",
                             participants=[{"organisation": "SOMASI NTB",
                                            "sector": "civil_society", "women": 2, "men": 3}])
    services.plan_open_consultation(actor=None, plan=consortium,
                                    draft_text="Visi keterbukaan.\n\nMisi partisipasi.")
    answered = services.comment_create(actor=None, plan=consortium, anchor="c1",
                                       author_name="Rina", stance="support",
                                       body="Tambahkan SLA tindak lanjut.")
    services.comment_respond(actor=None, comment=answered, verdict="accepted",
                             reason="SLA 5 hari kerja dimasukkan pada tonggak 2.")
    services.comment_create(actor=None, plan=consortium, anchor="p2", author_name="Budi",
                            stance="oppose", body="Misi kurang jelas.")
    first = c.milestones.get(order=1)
    services.progress_report(actor=None, commitment=c, period_end=dt.date(2022, 6, 30),
                             status="limited", narrative="Pergub terbit.",
                             links=["https://example.org/pergub"],
                             files=[SimpleUploadedFile("pergub.pdf", PDF)],
                             completed_milestones=[first.pk])
    services.assessment_record(actor=None, commitment=c, assessor="government",
                               body_name="Bappeda NTB", verifiable=True,
                               potential="substantial", completion="substantial",
                               reasoning="Sesuai rencana.")
    services.assessment_record(actor=None, commitment=c, assessor="monitor",
                               body_name="SOMASI NTB", verifiable=True, potential="modest",
                               completion="limited", reasoning="Baru regulasi.")
    services.organisation_create(actor=None, pemda=ntb, name="SOMASI NTB",
                                 description="Solidaritas Masyarakat untuk Transparansi")
    return consortium, c


def test_dashboard_and_plan_pages(client, full_plan):
    plan, c = full_plan
    page = client.get("/rencana-aksi/").content.decode()
    assert plan.title in page and "<progress" in page
    page = client.get(f"/ntb/rencana-aksi/{plan.slug}/").content.decode()
    assert "NTB Care lebih cepat" in page
    assert "Notulen orientation" in page and "SOMASI NTB" in page
    assert 'value="40"' in page  # overall: the one commitment has milestone 1 (40%) done
    assert "ekspor.docx" in page


def test_member_pemda_sees_the_consortium_plan(client, full_plan):
    plan, _c = full_plan
    assert plan.title in client.get("/ksb/rencana-aksi/").content.decode()
    assert client.get(f"/ksb/rencana-aksi/{plan.slug}/").status_code == 200
    assert client.get(f"/banggai/rencana-aksi/{plan.slug}/").status_code == 404


def test_consultation_page_shows_comments_and_responses(client, full_plan):
    plan, _c = full_plan
    page = client.get(f"/ntb/rencana-aksi/{plan.slug}/uji-publik/").content.decode()
    assert 'id="p2"' in page and "Misi kurang jelas." in page
    assert "SLA 5 hari kerja" in page
    assert "1 menunggu tanggapan" in page or "1 awaiting" in page


def test_public_can_comment_and_errors_show_beside_fields(client, full_plan):
    plan, _c = full_plan
    url = f"/ntb/rencana-aksi/{plan.slug}/uji-publik/"
    response = client.post(url, {"anchor": "p1", "stance": "support", "body": "",
                                 "author_name": "Sari"})
    assert response.status_code == 200
    assert plan.comments.count() == 2
    response = client.post(url, {"anchor": "p1", "stance": "support", "body": "Setuju visi",
                                 "author_name": "Sari", "organisation": "Warga Mataram"})
    assert response.status_code == 302
    assert plan.comments.filter(author_name="Sari", anchor="p1").exists()


def test_commitment_page_shows_everything_side_by_side(client, full_plan):
    plan, c = full_plan
    page = client.get(f"/ntb/rencana-aksi/komitmen/{c.pk}/").content.decode()
    assert 'value="40"' in page  # weighted progress: milestone 1 of weight 40 done
    assert "Pergub terbit." in page and "pergub.pdf" in page
    assert "SOMASI NTB" in page and "Bappeda NTB" in page
    assert 'class="ra-flag"' in page  # potential and completion differ
    assert "Tambahkan SLA tindak lanjut." in page
    assert "Tindak lanjut rendah" in page


def test_commitment_page_live_indicator_and_empty_state(client, full_plan, ntb):
    _plan, c = full_plan
    indicators.register(indicators.Indicator(
        key="fakemod.share", module="fakemod", label="Aduan tepat waktu", unit="%",
        compute=lambda pemda, start, end: 87.5))
    try:
        services.indicator_link(actor=None, commitment=c, key="fakemod.share", target=90)
        page = client.get(f"/ntb/rencana-aksi/komitmen/{c.pk}/").content.decode()
        assert "Aduan tepat waktu" in page and "87,5" in page or "87.5" in page
        ntb.modules = ["rencanaaksi"]
        ntb.save()
        page = client.get(f"/ntb/rencana-aksi/komitmen/{c.pk}/").content.decode()
        assert "87,5" not in page and "87.5" not in page
        assert 'class="notice"' in page
    finally:
        indicators._indicators.pop("fakemod.share", None)


def test_evidence_download_is_an_attachment(client, full_plan):
    _plan, c = full_plan
    evidence = c.reports.get().evidence.get()
    response = client.get(f"/ntb/rencana-aksi/bukti/{evidence.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    assert client.get(f"/banggai/rencana-aksi/bukti/{evidence.pk}/").status_code == 404


def test_organisation_profile(client, full_plan):
    page = client.get("/ntb/rencana-aksi/organisasi/somasi-ntb/")
    assert page.status_code == 200
    assert "Solidaritas Masyarakat" in page.content.decode()
    assert client.get("/ntb/rencana-aksi/organisasi/none/").status_code == 404


def test_staff_pages_need_login_and_role(client, full_plan, ntb):
    from terbuka.core.tests.factories import make_user

    plan, _c = full_plan
    url = f"/ntb/rencana-aksi/{plan.slug}/kelola/"
    assert client.get(url).status_code == 302
    client.force_login(make_user(role="warga", pemda=ntb))
    assert client.get(url).status_code == 403
