"""Publishing the lingkungan tables to Satu Data through core.publishing: aggregates only,
small counts suppressed there."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from terbuka.core import audit, publishing
from terbuka.core.policy import Target
from terbuka.lingkungan import ledger, selectors
from terbuka.lingkungan.models import TransaksiKind, TransaksiLine
from terbuka.lingkungan.services._common import require

Column = publishing.Column


def tonnage_table(pemda, start: datetime.date, end: datetime.date) -> publishing.Table:
    rows = (TransaksiLine.objects
            .filter(transaksi__unit__pemda=pemda, transaksi__date__range=(start, end))
            .annotate(month=TruncMonth("transaksi__date"))
            .values("month", "transaksi__unit__region_id", "waste_type__category",
                    "transaksi__kind")
            .annotate(kg=Sum("weight_kg"), units=Count("transaksi__unit", distinct=True))
            .order_by("month", "transaksi__unit__region_id", "waste_type__category"))
    merged: dict[tuple, dict] = {}
    for r in rows:
        month = r["month"].date() if isinstance(r["month"], datetime.datetime) else r["month"]
        key = (month.strftime("%Y-%m"), r["transaksi__unit__region_id"],
               r["waste_type__category"])
        row = merged.setdefault(key, {
            "bulan": key[0], "kode_desa": key[1], "kategori": key[2],
            "disetor_kg": 0.0, "dijual_kg": 0.0, "bank_sampah": 0})
        kg = float(Decimal(str(r["kg"] or 0)).quantize(ledger.GRAM))
        if r["transaksi__kind"] == TransaksiKind.SETORAN:
            row["disetor_kg"] = kg
            row["bank_sampah"] = r["units"]
        else:
            row["dijual_kg"] = kg
    return publishing.Table(
        pemda_id=pemda.pk, module="lingkungan", key="bank-sampah-tonase",
        title="Sampah terkelola melalui bank sampah",
        description=("Berat sampah terpilah yang disetor nasabah ke bank sampah dan yang dijual "
                     "ke pengepul atau pendaur ulang, per bulan, desa/kelurahan dan kategori. "
                     "Sampah yang disetor ke bank sampah dihitung sebagai pengurangan sampah "
                     "dalam SIPSN."),
        columns=[
            Column("bulan", "yearmonth", "Bulan"),
            Column("kode_desa", "string", "Kode desa/kelurahan", code_list="wilayah.desa"),
            Column("kategori", "string", "Kategori sampah"),
            Column("disetor_kg", "number", "Disetor (kg)", unit="kg"),
            Column("dijual_kg", "number", "Dijual (kg)", unit="kg"),
            Column("bank_sampah", "integer", "Jumlah bank sampah"),
        ],
        rows=list(merged.values()), theme="Lingkungan hidup", frequency="monthly",
        period_start=start, period_end=end, tags=("bank sampah", "sampah", "SIPSN"),
        unit_of_measure="kg",
    )


def pekarangan_table(pemda, start: datetime.date, end: datetime.date) -> publishing.Table:
    rows = [{
        "kode_desa": s.region_code, "rumah_tangga": s.households,
        "dikepalai_perempuan": s.women_headed, "dengan_disabilitas": s.with_disability,
        "luas_lahan_m2": float(s.plot_area_m2), "panen_kg": float(s.harvest_kg),
        "dikonsumsi_kg": float(s.eaten_kg), "dijual_kg": float(s.sold_kg),
        "dibagi_kg": float(s.shared_kg), "nilai_jual_rp": int(s.sold_value),
        "kunjungan_penyuluh": s.visits,
    } for s in selectors.pekarangan_by_desa(pemda, start, end)]
    return publishing.Table(
        pemda_id=pemda.pk, module="lingkungan", key="pekarangan-desa",
        title="Pemanfaatan pekarangan dengan sistem pertanian terpadu per desa",
        description=("Rumah tangga peserta (termasuk yang dikepalai perempuan dan yang memiliki "
                     "anggota penyandang disabilitas), luas lahan, hasil panen dan "
                     "penggunaannya (dikonsumsi, dijual, dibagi), serta kunjungan penyuluh."),
        columns=[
            Column("kode_desa", "string", "Kode desa/kelurahan", code_list="wilayah.desa"),
            Column("rumah_tangga", "integer", "Rumah tangga", count=True),
            Column("dikepalai_perempuan", "integer", "Dikepalai perempuan", count=True),
            Column("dengan_disabilitas", "integer", "Dengan anggota disabilitas", count=True),
            Column("luas_lahan_m2", "number", "Luas lahan (m²)", unit="m2"),
            Column("panen_kg", "number", "Panen (kg)", unit="kg"),
            Column("dikonsumsi_kg", "number", "Dikonsumsi (kg)", unit="kg"),
            Column("dijual_kg", "number", "Dijual (kg)", unit="kg"),
            Column("dibagi_kg", "number", "Dibagi (kg)", unit="kg"),
            Column("nilai_jual_rp", "integer", "Nilai jual (Rp)", unit="rupiah"),
            Column("kunjungan_penyuluh", "integer", "Kunjungan penyuluh", count=True),
        ],
        rows=rows, theme="Ketahanan pangan", frequency="annual",
        period_start=start, period_end=end, tags=("pekarangan", "pertanian terpadu"),
    )


def tables_publish(*, actor, pemda, year: int | None = None, request=None) -> dict[str, str | None]:
    """Publish both tables for `year` (this year by default). Returns {key: catalog reference,
    or None when the table is empty or no catalog takes it}. Publishing the same key again
    replaces the table."""
    require(actor, "lingkungan.publish", Target(pemda.pk))
    year = year or timezone.localdate().year
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    out = {}
    for table in (tonnage_table(pemda, start, end), pekarangan_table(pemda, start, end)):
        # An empty year has nothing to publish; the catalog refuses an empty file anyway.
        out[table.key] = publishing.publish(table, pemda=pemda) if table.rows else None
    audit.record(actor=actor, action="lingkungan.publish", pemda=pemda, request=request,
                 changes={"year": year, "published": out})
    return out
