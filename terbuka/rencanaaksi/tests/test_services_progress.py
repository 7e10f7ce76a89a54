"""Progress reports with evidence files (type sniffed from the bytes, size capped) and links;
weighted completion from milestones."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from terbuka.core.tests.factories import make_opd, make_user
from terbuka.rencanaaksi import rules, selectors, services
from terbuka.rencanaaksi.tests.conftest import add_commitment, two_milestones

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
       b"\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def commitment(consortium, ntb, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = add_commitment(consortium, ntb)
    services.milestones_set(actor=None, commitment=c, milestones=two_milestones())
    return c


def test_report_with_evidence_and_completed_milestone(commitment):
    first = commitment.milestones.get(order=1)
    report = services.progress_report(
        actor=None, commitment=commitment, period_end=dt.date(2022, 6, 30), status="limited",
        narrative="Pergub disusun.", links=["https://jdih.ntbprov.go.id/pergub"],
        files=[SimpleUploadedFile("notulen.pdf", PDF, "application/pdf"),
               SimpleUploadedFile("foto.png", PNG, "image/png")],
        completed_milestones=[first.pk])
    assert [(e.name, e.content_type) for e in report.evidence.all()] == [
        ("notulen.pdf", "application/pdf"), ("foto.png", "image/png")]
    assert report.evidence.first().file.read() == PDF
    commitment.refresh_from_db()
    assert selectors.progress_of(commitment) == 40


def test_wrong_evidence_type_is_refused_whatever_its_name(commitment):
    fake = SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.progress_report(actor=None, commitment=commitment,
                                 period_end=dt.date(2022, 6, 30), status="limited",
                                 narrative="x", files=[fake])
    assert "laporan.pdf" in exc.value.message_dict["files"][0]
    assert commitment.reports.count() == 0


def test_oversize_evidence_is_refused(commitment, monkeypatch):
    monkeypatch.setattr(rules, "EVIDENCE_MAX_BYTES", 20)
    big = SimpleUploadedFile("besar.pdf", PDF, "application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.progress_report(actor=None, commitment=commitment,
                                 period_end=dt.date(2022, 6, 30), status="limited",
                                 narrative="x", files=[big])
    assert "MB" in exc.value.message_dict["files"][0]


def test_links_must_be_web_addresses_and_period_unique(commitment):
    with pytest.raises(ValidationError) as exc:
        services.progress_report(actor=None, commitment=commitment,
                                 period_end=dt.date(2022, 6, 30), status="limited",
                                 narrative="x", links=["javascript:alert(1)"])
    assert "links" in exc.value.message_dict
    services.progress_report(actor=None, commitment=commitment,
                             period_end=dt.date(2022, 6, 30), status="limited", narrative="x")
    with pytest.raises(ValidationError) as exc:
        services.progress_report(actor=None, commitment=commitment,
                                 period_end=dt.date(2022, 6, 30), status="substantial",
                                 narrative="y")
    assert exc.value.message_dict["period_end"]


def test_lead_opd_officer_may_report_others_not(consortium, ntb, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lead = make_opd(ntb, "Diskominfotik")
    other = make_opd(ntb, "Dinas Sosial")
    c = add_commitment(consortium, ntb, lead_opd=lead)
    officer = make_user(role="petugas_opd", opd=lead)
    services.progress_report(actor=officer, commitment=c, period_end=dt.date(2022, 1, 31),
                             status="not_started", narrative="Persiapan")
    from django.core.exceptions import PermissionDenied
    with pytest.raises(PermissionDenied):
        services.progress_report(actor=make_user(role="petugas_opd", opd=other), commitment=c,
                                 period_end=dt.date(2022, 2, 28), status="limited",
                                 narrative="x")


def test_file_object_position_does_not_matter(commitment):
    upload = SimpleUploadedFile("a.pdf", PDF, "application/pdf")
    upload.seek(5)
    report = services.progress_report(actor=None, commitment=commitment,
                                      period_end=dt.date(2022, 7, 31), status="limited",
                                      narrative="x", files=[upload])
    assert report.evidence.get().size == len(PDF)
    assert io.BytesIO(report.evidence.get().file.read()).getvalue() == PDF
