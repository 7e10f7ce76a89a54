"""Exports: the OGP template layout as DOCX and XLSX, open data as JSON and CSV; the office
files open in LibreOffice (converted to PDF when soffice is installed)."""

import csv
import io
import json
import shutil
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook

from terbuka.rencanaaksi import demo, exports
from terbuka.rencanaaksi.models import ActionPlan


@pytest.fixture
def plan(ntb, ksb):
    demo.load(ntb, io.StringIO())
    return ActionPlan.objects.get(slug=demo.CONSORTIUM_SLUG)


def test_docx_follows_the_template(plan):
    doc = Document(io.BytesIO(exports.plan_docx(plan)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert plan.title in text
    assert "Section 3: Commitments" in text or "Bagian 3" in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any("NTB Care" in c for c in cells)
    assert any(c == "IDWSB0007" for c in cells)
    # One template table and one milestone table per commitment, plus the co-creation table.
    assert len(doc.tables) == 1 + 2 * plan.commitments.count()
    assert "*" in text  # the illustrative-milestone footnote


def test_xlsx_has_template_milestone_and_report_sheets(plan):
    wb = load_workbook(io.BytesIO(exports.plan_xlsx(plan)))
    assert len(wb.sheetnames) == 3
    first = wb[wb.sheetnames[0]]
    rows = list(first.iter_rows(values_only=True))
    assert rows[0][0] == plan.title
    assert len(rows) == 3 + plan.commitments.count()
    milestones = list(wb[wb.sheetnames[1]].iter_rows(values_only=True))
    assert len(milestones) == 1 + 4 * plan.commitments.count()
    assert sum(r[6] for r in milestones[1:] if r[0] == 1) == 100


def test_json_and_csv_open_data(plan):
    data = json.loads(exports.plan_json(plan))
    assert data["members"] == ["ntb", "ksb"]
    assert len(data["commitments"]) == 9
    assert len(data["co_creation"]) == 8
    assert all(c["response"] and c["response"]["reason"] for c in data["consultation"])
    first = data["commitments"][0]
    assert sum(m["weight"] for m in first["milestones"]) == 100
    assert set(first["assessments"]) == {"government", "monitor"}
    rows = list(csv.DictReader(io.StringIO(exports.commitments_csv(plan).decode("utf-8-sig"))))
    assert len(rows) == 9
    assert list(rows[0]) == exports.CSV_COLUMNS
    assert {r["pemda"] for r in rows} == {"ntb", "ksb"}


def test_export_urls(client, plan):
    for fmt, kind in (("docx", "wordprocessingml"), ("xlsx", "spreadsheetml"),
                      ("json", "application/json"), ("csv", "text/csv")):
        response = client.get(f"/ntb/rencana-aksi/{plan.slug}/ekspor.{fmt}")
        assert response.status_code == 200
        assert kind in response["Content-Type"]
    assert client.get(f"/ntb/rencana-aksi/{plan.slug}/ekspor.exe").status_code == 404
    assert client.get(f"/ksb/rencana-aksi/{plan.slug}/ekspor.json").status_code == 200


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_exports_open_in_libreoffice(plan, fmt, tmp_path):
    source = tmp_path / f"plan.{fmt}"
    source.write_bytes(exports.plan_docx(plan) if fmt == "docx" else exports.plan_xlsx(plan))
    subprocess.run(  # noqa: S603
        [shutil.which("soffice"), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120)
    pdf = tmp_path / "plan.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run([shutil.which("pdftotext"), str(pdf), "-"],  # noqa: S603
                              check=True, capture_output=True, text=True).stdout
        assert "NTB Care" in text
