"""Aggregate tables handed to Satu Data through core.publishing: projects per desa and kind
(money and progress) and sanitation status per desa. No names of people or households."""

from __future__ import annotations

import datetime

from terbuka.core import publishing
from terbuka.core.publishing import Column, Table
from terbuka.gotongroyong import selectors
from terbuka.gotongroyong.models import Programme, ProgrammeKind, ProjectKind


def project_table(pemda) -> Table:
    rows = []
    for kind in ProjectKind.values:
        for row in selectors.desa_rows(pemda, selectors.projects(pemda, kind=kind)):
            rows.append({
                "kode_desa": row["code"], "desa": row["name"], "jenis": kind,
                "jumlah_proyek": row["projects"], "dana_pemerintah": int(row["government"]),
                "swadaya_masyarakat": int(row["community"]),
                "progres_fisik_persen": float(row["physical_pct"]),
                "proyek_selesai": row["finished"],
            })
    return Table(
        pemda_id=pemda.pk, module="gotongroyong", key="proyek-per-desa",
        title="Proyek gotong royong per desa",
        description="Jumlah proyek gotong royong (Mandiri, Stimulan, Padat Karya), dana "
                    "pemerintah (APBD dan APBDes), swadaya masyarakat dan progres fisik "
                    "tertimbang per desa.",
        columns=[
            Column("kode_desa", "string", "Kode desa", code_list="wilayah.desa"),
            Column("desa", "string", "Desa"),
            Column("jenis", "string", "Jenis gotong royong"),
            # Projects are public works, not people: their counts are not suppressed.
            Column("jumlah_proyek", "integer", "Jumlah proyek"),
            Column("dana_pemerintah", "integer", "Dana pemerintah", unit="Rp"),
            Column("swadaya_masyarakat", "integer", "Swadaya masyarakat", unit="Rp"),
            Column("progres_fisik_persen", "number", "Progres fisik", unit="%"),
            Column("proyek_selesai", "integer", "Proyek selesai"),
        ],
        rows=rows, theme="Pemberdayaan masyarakat", frequency="monthly",
        period_end=datetime.date.today(), tags=("gotong royong", "PDPGR"),
    )


def sanitation_table(pemda, programme: Programme) -> Table:
    rows = [{
        "kode_desa": r["code"], "desa": r["name"], "status_odf": r["status"],
        "jumlah_kk": r["households"], "kk_akses_jamban": r["with_access"],
        **{f"pilar_{k}_persen": v for k, v in r["pillars"].items()},
    } for r in selectors.desa_statuses(programme)]
    pillars = [Column(f"pilar_{p}_persen", "number", f"Pilar {p}", unit="%")
               for p in ("stop_babs", "cuci_tangan", "air_minum", "sampah", "limbah_cair")]
    return Table(
        pemda_id=pemda.pk, module="gotongroyong", key=f"stbm-{programme.slug}",
        title=f"Status STBM dan ODF per desa: {programme.name}",
        description="Status Open Defecation Free (ODF) per desa dari data rumah tangga, dan "
                    "cakupan lima pilar STBM.",
        columns=[
            Column("kode_desa", "string", "Kode desa", code_list="wilayah.desa"),
            Column("desa", "string", "Desa"),
            Column("status_odf", "string", "Status ODF"),
            Column("jumlah_kk", "integer", "Jumlah KK", count=True),
            Column("kk_akses_jamban", "integer", "KK dengan akses jamban", count=True),
            *pillars,
        ],
        rows=rows, theme="Kesehatan lingkungan", tags=("STBM", "ODF", "sanitasi"),
        period_end=datetime.date.today(),
    )


def publish_all(pemda) -> list[str | None]:
    refs = [publishing.publish(project_table(pemda), pemda=pemda)]
    for programme in Programme.objects.filter(pemda=pemda, kind=ProgrammeKind.SANITASI):
        refs.append(publishing.publish(sanitation_table(pemda, programme), pemda=pemda))
    return refs
