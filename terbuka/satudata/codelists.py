"""Kode Referensi and Data Induk: versioned code lists and master-data tables per pemda.

Publishing a list again makes a new version and keeps the old ones (datasets declare the key;
the datastore checks values against the current version). `codelists_seed` builds the lists
every pemda needs from the platform's own data: wilayah from core Region, OPD from core Opd,
and the fixed national lists (urusan pemerintahan, jenis kelamin, kelompok umur).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from terbuka.core import audit, policy
from terbuka.core.models import Opd, Pemda, Region, RegionLevel
from terbuka.core.policy import Target
from terbuka.satudata.models import Code, CodeList

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")

# Urusan pemerintahan (UU 23/2014, Lampiran; kode as in Permendagri 90/2019).
URUSAN = (
    ("1.01", "Pendidikan"), ("1.02", "Kesehatan"), ("1.03", "Pekerjaan Umum dan Penataan Ruang"),
    ("1.04", "Perumahan Rakyat dan Kawasan Permukiman"),
    ("1.05", "Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat"), ("1.06", "Sosial"),
    ("2.07", "Tenaga Kerja"), ("2.08", "Pemberdayaan Perempuan dan Pelindungan Anak"),
    ("2.09", "Pangan"), ("2.10", "Pertanahan"), ("2.11", "Lingkungan Hidup"),
    ("2.12", "Administrasi Kependudukan dan Pencatatan Sipil"),
    ("2.13", "Pemberdayaan Masyarakat dan Desa"),
    ("2.14", "Pengendalian Penduduk dan Keluarga Berencana"), ("2.15", "Perhubungan"),
    ("2.16", "Komunikasi dan Informatika"), ("2.17", "Koperasi, Usaha Kecil dan Menengah"),
    ("2.18", "Penanaman Modal"), ("2.19", "Kepemudaan dan Olahraga"), ("2.20", "Statistik"),
    ("2.21", "Persandian"), ("2.22", "Kebudayaan"), ("2.23", "Perpustakaan"),
    ("2.24", "Kearsipan"), ("3.25", "Kelautan dan Perikanan"), ("3.26", "Pariwisata"),
    ("3.27", "Pertanian"), ("3.28", "Kehutanan"), ("3.29", "Energi dan Sumber Daya Mineral"),
    ("3.30", "Perdagangan"), ("3.31", "Perindustrian"), ("3.32", "Transmigrasi"),
)
JENIS_KELAMIN = (("1", "Laki-laki"), ("2", "Perempuan"))
KELOMPOK_UMUR = tuple(
    (f"{a:02d}-{a + 4:02d}", f"{a}–{a + 4} tahun") for a in range(0, 75, 5)
) + (("75+", "75 tahun ke atas"),)


def _clean_codes(codes: Iterable[Sequence]) -> list[tuple[str, str, str, dict]]:
    out, seen, problems = [], set(), []
    for i, item in enumerate(codes, start=1):
        code, label = str(item[0]).strip(), str(item[1]).strip()
        parent = str(item[2]).strip() if len(item) > 2 and item[2] else ""
        attrs = dict(item[3]) if len(item) > 3 and item[3] else {}
        if not code or not label:
            problems.append(_("Row %(n)d: a code and a label are required.") % {"n": i})
        elif code in seen:
            problems.append(_("Row %(n)d: the code %(code)s is repeated.")
                            % {"n": i, "code": code})
        seen.add(code)
        out.append((code[:60], label[:300], parent[:60], attrs))
    if problems:
        raise ValidationError({"codes": problems})
    return out


@transaction.atomic
def codelist_publish(*, actor, pemda: Pemda, key: str, title: str, codes: Iterable[Sequence],
                     description: str = "", source: str = "", is_master: bool = False,
                     columns: Sequence[str] = (), request=None) -> CodeList:
    """A new current version of the list `key`; unchanged lists are not versioned again."""
    if actor is not None:
        policy.require(actor, "satudata.catalog.manage", Target(pemda_id=pemda.pk))
    if not KEY_RE.match(key or ""):
        raise ValidationError({"key": [_("“%(value)s” is not a valid key.") % {"value": key}]})
    if not (title or "").strip():
        raise ValidationError({"title": [_("This field is required.")]})
    rows = _clean_codes(codes)
    current = CodeList.objects.filter(pemda=pemda, key=key, is_current=True).first()
    if current is not None:
        existing = [(c.code, c.label, c.parent_code, c.attributes)
                    for c in current.codes.order_by("position")]
        if existing == rows and current.title == title.strip():
            return current
        CodeList.objects.filter(pk=current.pk).update(is_current=False)
    version = (current.version + 1) if current else 1
    if current is None:
        last = CodeList.objects.filter(pemda=pemda, key=key).order_by("-version").first()
        version = last.version + 1 if last else 1
    code_list = CodeList.objects.create(
        pemda=pemda, key=key, title=title.strip()[:200], description=description,
        source=source[:200], version=version, is_master=is_master, columns=list(columns))
    Code.objects.bulk_create([
        Code(code_list=code_list, code=c, label=lab, parent_code=p, attributes=a, position=i)
        for i, (c, lab, p, a) in enumerate(rows)
    ], batch_size=1000)
    audit.record(actor=actor, action="satudata.codelist.publish", obj=code_list, pemda=pemda,
                 changes={"version": [version - 1 or None, version], "codes": [None, len(rows)]},
                 request=request)
    return code_list


def codelists_seed(pemda: Pemda) -> list[CodeList]:
    """The standard lists of a pemda, built from platform data (idempotent)."""
    region = pemda.region
    under = Region.objects.filter(
        **({"provinsi_code": region.code} if region.level == RegionLevel.PROVINSI
           else {"kabupaten_code": region.code}))
    made = []
    for level, key, title in (
        (RegionLevel.KABUPATEN_KOTA, "wilayah-kabupaten-kota", "Wilayah: kabupaten/kota"),
        (RegionLevel.KECAMATAN, "wilayah-kecamatan", "Wilayah: kecamatan"),
        (RegionLevel.DESA_KELURAHAN, "wilayah-desa", "Wilayah: desa/kelurahan"),
    ):
        rows = [(r.code, r.name, r.parent_id or "") for r in
                under.filter(level=level).order_by("code")]
        if rows:
            made.append(codelist_publish(actor=None, pemda=pemda, key=key, title=title,
                                         codes=rows, source="Kemendagri"))
    opds = [(str(o.pk), o.name, str(o.parent_id or ""), {"singkatan": o.acronym})
            for o in Opd.objects.filter(pemda=pemda, is_active=True).order_by("name")]
    if opds:
        made.append(codelist_publish(actor=None, pemda=pemda, key="opd",
                                     title="Perangkat daerah (OPD)", codes=opds,
                                     source=pemda.name, is_master=True,
                                     columns=("singkatan",)))
    made.append(codelist_publish(actor=None, pemda=pemda, key="urusan",
                                 title="Urusan pemerintahan", codes=URUSAN,
                                 source="UU 23/2014; Permendagri 90/2019"))
    made.append(codelist_publish(actor=None, pemda=pemda, key="jenis-kelamin",
                                 title="Jenis kelamin", codes=JENIS_KELAMIN, source="BPS"))
    made.append(codelist_publish(actor=None, pemda=pemda, key="kelompok-umur",
                                 title="Kelompok umur (5 tahunan)", codes=KELOMPOK_UMUR,
                                 source="BPS"))
    return made


def codelist_current(pemda: Pemda, key: str, version: int | None = None) -> CodeList | None:
    qs = CodeList.objects.filter(pemda=pemda, key=key)
    return qs.filter(version=version).first() if version else qs.filter(is_current=True).first()
