"""Exports of an action plan: the OGP Local template layout as DOCX (python-docx) and XLSX
(openpyxl), and open data as JSON and CSV. Everything exported is already public on the plan's
pages; comment authors appear by the name they chose to publish."""

from __future__ import annotations

import csv
import io
import json

from django.utils.translation import gettext as _

from terbuka.rencanaaksi import selectors
from terbuka.rencanaaksi.models import ActionPlan, Commitment, OgpValue


def _values(codes) -> str:
    labels = dict(OgpValue.choices)
    return ", ".join(str(labels.get(c, c)) for c in codes)


def _money(value) -> str:
    return "" if value is None else f"Rp {value:,.0f}".replace(",", ".")


def _template_rows(c: Commitment) -> list[tuple[str, str]]:
    """The OGP Local commitment template, section by section."""
    return [
        (_("Commitment"), f"{c.number}. {c.title}"),
        (_("OGP ID"), c.ogp_id or "-"),
        (_("Delivered by"), c.pemda.name),
        (_("Period"), f"{c.start:%Y-%m-%d} – {c.end:%Y-%m-%d}"),
        (_("Lead implementing agency"), c.lead_agency or (c.lead_opd.name if c.lead_opd else "-")),
        (_("Other government actors"), c.other_government or "-"),
        (_("Civil-society and other actors"), c.civil_society or "-"),
        (_("Problem addressed"), c.problem or "-"),
        (_("Status quo (baseline)"), c.baseline or "-"),
        (_("What the commitment does"), c.description or "-"),
        (_("How it contributes to solving the problem"), c.contribution or "-"),
        (_("OGP values"), _values(c.ogp_values) or "-"),
        (_("Link to the RPJMD"), c.rpjmd or "-"),
        (_("SDGs"), ", ".join(str(g) for g in c.sdgs) or "-"),
        (_("Budget"), " · ".join(x for x in (_money(c.budget), c.budget_source) if x) or "-"),
    ]


def _milestone_header() -> list[str]:
    return [_("No."), _("Milestone"), _("Start"), _("End"), _("Responsible"), _("Weight (%)"),
            _("Expected evidence"), _("Completed on")]


def _milestone_rows(c: Commitment) -> list[list]:
    return [[m.order, m.title + (" *" if m.illustrative else ""), m.start.isoformat(),
             m.end.isoformat(), m.owner, m.weight, m.evidence_expected,
             m.completed_on.isoformat() if m.completed_on else ""]
            for m in c.milestones.order_by("order")]


def plan_docx(plan: ActionPlan) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    doc.styles["Normal"].font.size = Pt(10)

    doc.add_heading(plan.title, level=0)
    members = ", ".join(m.pemda.name for m in plan.members.select_related("pemda"))
    doc.add_paragraph(f"{_('Members')}: {members}")
    doc.add_paragraph(f"{_('Period')}: {plan.period_start:%Y-%m-%d} – {plan.period_end:%Y-%m-%d}"
                      f" · {_('Status')}: {plan.get_status_display()}")
    doc.add_heading(_("Section 1: Open government vision"), level=1)
    doc.add_paragraph(plan.vision or "-")
    doc.add_paragraph(f"{_('OGP values')}: {_values(plan.ogp_values) or '-'}")

    doc.add_heading(_("Section 2: Co-creation process"), level=1)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, [_("Step"), _("Date"), _("Participants"),
                                                _("Women / men"), _("Minutes")], strict=True):
        cell.text = text
    for step in selectors.steps_of(plan):
        parts = list(step.participations.all())
        row = table.add_row().cells
        row[0].text = str(step.get_step_display())
        row[1].text = step.held_on.isoformat() if step.held_on else "-"
        row[2].text = "; ".join(p.organisation for p in parts) or "-"
        row[3].text = f"{sum(p.women for p in parts)} / {sum(p.men for p in parts)}"
        row[4].text = (step.minutes or "-")[:600]

    doc.add_heading(_("Section 3: Commitments"), level=1)
    illustrative = False
    for c in selectors.commitments_of(plan):
        doc.add_heading(f"{c.number}. {c.title}", level=2)
        t = doc.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        t.autofit = False
        for label, value in _template_rows(c):
            cells = t.add_row().cells
            cells[0].text, cells[1].text = str(label), str(value)
            cells[0].width, cells[1].width = Cm(6), Cm(20)
        t.columns[0].width, t.columns[1].width = Cm(6), Cm(20)
        doc.add_paragraph(_("Milestones"), style="Heading 3")
        rows = _milestone_rows(c)
        mt = doc.add_table(rows=1, cols=len(_milestone_header()))
        mt.style = "Table Grid"
        for cell, text in zip(mt.rows[0].cells, _milestone_header(), strict=True):
            cell.text = str(text)
        for values in rows:
            cells = mt.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                cell.text = str(value)
        illustrative = illustrative or any(m.illustrative for m in c.milestones.all())
        doc.add_paragraph(f"{_('Progress')}: {selectors.progress_of(c)}%")
    if illustrative:
        doc.add_paragraph(_("* Illustrative milestone written for the demonstration; not from "
                            "the published action plan."))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _lines(value, width: int) -> int:
    text = "" if value is None else str(value)
    return sum(max(1, -(-len(part) // width)) for part in text.split("\n")) or 1


def _landscape(ws) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def plan_xlsx(plan: ActionPlan) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = _("Commitments")[:31]
    commitments = list(selectors.commitments_of(plan))
    labels = [label for label, _v in _template_rows(commitments[0])] if commitments else []
    ws.append([plan.title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append([*labels, _("Progress (%)")])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for c in commitments:
        ws.append([v for _l, v in _template_rows(c)] + [selectors.progress_of(c)])
    for column in ws.iter_cols(min_row=3):
        ws.column_dimensions[column[0].column_letter].width = 28
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    # Spreadsheet programs do not grow rows for wrapped text written by openpyxl: estimate.
    for row in ws.iter_rows(min_row=3):
        lines = max((_lines(cell.value, 28) for cell in row), default=1)
        ws.row_dimensions[row[0].row].height = min(15 * lines, 400)
    _landscape(ws)

    ms = wb.create_sheet(_("Milestones")[:31])
    ms.append([_("Commitment"), *_milestone_header()])
    for cell in ms[1]:
        cell.font = Font(bold=True)
    for c in commitments:
        for row in _milestone_rows(c):
            ms.append([c.number, *row])
    ms.column_dimensions["C"].width = 50
    ms.column_dimensions["F"].width = 30
    for row in ms.iter_rows(min_row=2):
        row[2].alignment = row[5].alignment = Alignment(wrap_text=True, vertical="top")
        ms.row_dimensions[row[0].row].height = 15 * max(_lines(row[2].value, 50),
                                                        _lines(row[5].value, 30))
    _landscape(ms)

    rs = wb.create_sheet(_("Progress reports")[:31])
    rs.append([_("Commitment"), _("Period ending"), _("Progress"), _("What was done"),
               _("Links")])
    for cell in rs[1]:
        cell.font = Font(bold=True)
    for c in commitments:
        for r in c.reports.order_by("period_end"):
            rs.append([c.number, r.period_end.isoformat(), str(r.get_status_display()),
                       r.narrative, " ".join(r.links)])
    rs.column_dimensions["D"].width = 60
    _landscape(rs)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def plan_data(plan: ActionPlan) -> dict:
    commitments = []
    for c in selectors.commitments_of(plan):
        side = selectors.assessments_side_by_side(c)
        commitments.append({
            "number": c.number, "ogp_id": c.ogp_id, "title": c.title, "title_en": c.title_en,
            "pemda": c.pemda.slug, "lead_agency": c.lead_agency or (
                c.lead_opd.name if c.lead_opd else ""),
            "other_government": c.other_government, "civil_society": c.civil_society,
            "problem": c.problem, "baseline": c.baseline, "description": c.description,
            "contribution": c.contribution, "ogp_values": c.ogp_values, "rpjmd": c.rpjmd,
            "sdgs": c.sdgs, "budget": None if c.budget is None else int(c.budget),
            "budget_source": c.budget_source, "start": c.start.isoformat(),
            "end": c.end.isoformat(), "progress_percent": selectors.progress_of(c),
            "milestones": [{
                "order": m.order, "title": m.title, "start": m.start.isoformat(),
                "end": m.end.isoformat(), "owner": m.owner, "weight": m.weight,
                "evidence_expected": m.evidence_expected, "illustrative": m.illustrative,
                "completed_on": m.completed_on.isoformat() if m.completed_on else None,
            } for m in c.milestones.order_by("order")],
            "progress_reports": [{
                "period_end": r.period_end.isoformat(), "status": r.status,
                "narrative": r.narrative, "links": r.links,
            } for r in c.reports.order_by("period_end")],
            "assessments": {
                key: ({"body": a.body_name, "verifiable": a.verifiable,
                       "potential": a.potential, "completion": a.completion,
                       "opened_government": a.opened_government or None,
                       "reasoning": a.reasoning, "assessed_on": a.assessed_on.isoformat()}
                      if a else None)
                for key, a in (("government", side["government"]),
                               ("monitor", side["monitor"]))},
            "disagreement": side["disagree"],
            "indicators": [link.key for link in c.indicator_links.all()],
        })
    return {
        "slug": plan.slug, "title": plan.title, "coordinator": plan.pemda.slug,
        "members": [m.pemda.slug for m in plan.members.select_related("pemda")],
        "period_start": plan.period_start.isoformat(), "period_end": plan.period_end.isoformat(),
        "vision": plan.vision, "ogp_values": plan.ogp_values, "status": plan.status,
        "adopted_at": plan.adopted_at.isoformat() if plan.adopted_at else None,
        "submitted_at": plan.submitted_at.isoformat() if plan.submitted_at else None,
        "co_creation": [{
            "step": s.step, "held_on": s.held_on.isoformat() if s.held_on else None,
            "done": s.is_done, "place": s.place, "minutes": s.minutes,
            "participants": [{"organisation": p.organisation, "sector": p.sector,
                              "women": p.women, "men": p.men}
                             for p in s.participations.all()],
            "documents": [{"title": d.title, "url": d.url} for d in s.documents.all()],
        } for s in selectors.steps_of(plan)],
        "commitments": commitments,
        "consultation": [{
            "anchor": cm.anchor, "author": cm.author_name, "organisation": cm.organisation,
            "stance": cm.stance, "comment": cm.body, "created_at": cm.created_at.isoformat(),
            "response": ({"verdict": cm.response.verdict, "reason": cm.response.reason}
                         if hasattr(cm, "response") else None),
        } for cm in selectors.comments_for(plan)],
    }


def plan_json(plan: ActionPlan) -> bytes:
    return json.dumps(plan_data(plan), ensure_ascii=False, indent=1).encode("utf-8")


CSV_COLUMNS = ["plan", "number", "ogp_id", "pemda", "title", "lead_agency", "start", "end",
               "ogp_values", "milestones", "progress_percent", "latest_status",
               "government_completion", "monitor_completion"]


def commitment_rows(plan: ActionPlan) -> list[dict]:
    rows = []
    for c in selectors.commitments_of(plan):
        report = selectors.latest_report(c)
        side = selectors.assessments_side_by_side(c)
        rows.append({
            "plan": plan.slug, "number": c.number, "ogp_id": c.ogp_id, "pemda": c.pemda.slug,
            "title": c.title,
            "lead_agency": c.lead_agency or (c.lead_opd.name if c.lead_opd else ""),
            "start": c.start.isoformat(), "end": c.end.isoformat(),
            "ogp_values": ";".join(c.ogp_values), "milestones": len(c.milestones.all()),
            "progress_percent": selectors.progress_of(c),
            "latest_status": report.status if report else "",
            "government_completion": side["government"].completion if side["government"] else "",
            "monitor_completion": side["monitor"].completion if side["monitor"] else "",
        })
    return rows


def commitments_csv(plan: ActionPlan) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(commitment_rows(plan))
    # With a BOM so spreadsheet programs read the Indonesian text as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
