"""What rencana aksi publishes to the open-data catalog (Satu Data) through core.publishing:
per pemda, its commitments with their progress and assessments, and who took part in
co-creation by sector and sex (counts, suppressed when small)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from terbuka.core import publishing
from terbuka.core.publishing import Column, Table
from terbuka.rencanaaksi import exports
from terbuka.rencanaaksi.models import Commitment, Participation


def commitments_table(pemda) -> Table:
    rows = []
    plans = {c.plan for c in Commitment.objects.filter(pemda=pemda).select_related("plan")}
    for plan in sorted(plans, key=lambda p: (p.period_start, p.slug)):
        rows += [r for r in exports.commitment_rows(plan) if r["pemda"] == pemda.slug]
    columns = [
        Column("plan", "string", _("Action plan")),
        Column("number", "integer", _("Number")),
        Column("ogp_id", "string", _("OGP ID")),
        Column("pemda", "string", _("Delivered by")),
        Column("title", "string", _("Commitment")),
        Column("lead_agency", "string", _("Lead agency")),
        Column("start", "date", _("Start")),
        Column("end", "date", _("End")),
        Column("ogp_values", "string", _("OGP values")),
        Column("milestones", "integer", _("Milestones")),
        Column("progress_percent", "integer", _("Progress (%)"), unit="%"),
        Column("latest_status", "string", _("Latest self-reported progress")),
        Column("government_completion", "string", _("Completion (government)")),
        Column("monitor_completion", "string", _("Completion (monitoring body)")),
    ]
    return Table(
        pemda_id=pemda.pk, module="rencanaaksi", key="commitments",
        title=_("OGP Local action plan commitments and their progress"),
        description=_("Each commitment of the OGP Local action plans this pemda delivers: "
                      "milestone-weighted progress, the latest self-reported status and the "
                      "completion assessed by the government and by the monitoring body."),
        columns=columns, rows=rows, frequency="quarterly", theme="Pemerintahan",
        tags=("ogp", "rencana aksi", "keterbukaan"),
    )


def participation_table(pemda) -> Table:
    rows = []
    parts = (Participation.objects.filter(step__plan__pemda=pemda)
             .select_related("step", "step__plan").order_by("step__plan", "step__order"))
    for p in parts:
        rows.append({"plan": p.step.plan.slug, "step": p.step.step,
                     "held_on": p.step.held_on.isoformat() if p.step.held_on else None,
                     "organisation": p.organisation, "sector": p.sector,
                     "women": p.women, "men": p.men})
    columns = [
        Column("plan", "string", _("Action plan")),
        Column("step", "string", _("Step")),
        Column("held_on", "date", _("Date")),
        Column("organisation", "string", _("Organisation")),
        Column("sector", "string", _("Sector")),
        Column("women", "integer", _("Women"), count=True),
        Column("men", "integer", _("Men"), count=True),
    ]
    return Table(
        pemda_id=pemda.pk, module="rencanaaksi", key="co-creation-participation",
        title=_("Participation in the co-creation of the OGP Local action plan"),
        description=_("Participants in each co-creation step by organisation, sector and sex."),
        columns=columns, rows=rows, frequency="annual", theme="Pemerintahan",
        tags=("ogp", "partisipasi"),
    )


def publish_pemda(pemda) -> list[str | None]:
    """Hand both tables to the catalog; None for a table with no rows (the catalog refuses an
    empty file, and there is nothing to publish) or when no catalog takes it."""
    refs = []
    for table in (commitments_table(pemda), participation_table(pemda)):
        table.rows = list(table.rows)
        refs.append(publishing.publish(table, pemda=pemda) if table.rows else None)
    return refs
