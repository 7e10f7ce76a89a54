"""Suppressed PMKS counts per category and per kecamatan, handed to Satu Data through
core.publishing (which suppresses counts under its threshold again on the way out)."""

from __future__ import annotations

import datetime

from terbuka.core import publishing
from terbuka.core.publishing import Column, Table
from terbuka.sosial.models import Case, CaseStatus
from terbuka.sosial.selectors import categories


def counts_table(pemda) -> Table:
    rows = []
    cases = Case.objects.filter(pemda=pemda).prefetch_related("categories")
    tally: dict[tuple[str, str], list[int]] = {}
    for case in cases:
        kecamatan = case.desa_id.rsplit(".", 1)[0]
        for category in case.categories.all():
            slot = tally.setdefault((kecamatan, category.code), [0, 0])
            slot[0 if case.status != CaseStatus.CLOSED else 1] += 1
    names = {c.code: c.name for c in categories()}
    for (kecamatan, code), (open_, closed) in sorted(tally.items()):
        rows.append({"kode_kecamatan": kecamatan, "kode_pmks": code,
                     "kategori_pmks": names.get(code, code), "kasus_aktif": open_,
                     "kasus_selesai": closed})
    return Table(
        pemda_id=pemda.pk, module="sosial", key="pmks-per-kecamatan",
        title="Kasus PMKS per kecamatan dan kategori",
        description="Jumlah kasus penyandang masalah kesejahteraan sosial (kategori Permensos "
                    "08/2012) yang ditangani, per kecamatan. Jumlah kecil disamarkan.",
        columns=[Column("kode_kecamatan", "string", "Kode kecamatan",
                        code_list="wilayah.kecamatan"),
                 Column("kode_pmks", "string", "Kode PMKS"),
                 Column("kategori_pmks", "string", "Kategori PMKS"),
                 Column("kasus_aktif", "integer", "Kasus aktif", count=True),
                 Column("kasus_selesai", "integer", "Kasus selesai", count=True)],
        rows=rows, theme="Perlindungan sosial", frequency="monthly",
        period_end=datetime.date.today(), tags=("PMKS", "perlindungan sosial"))


def publish_counts(pemda) -> str | None:
    return publishing.publish(counts_table(pemda), pemda=pemda)
