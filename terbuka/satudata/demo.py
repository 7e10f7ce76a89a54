"""Demo catalogue: about 2,000 datasets for NTB (Satu Data NTB listed 1,928 in 2023) across its
OPD and kabupaten/kota, and a few hundred for KSB and Banggai; the standard code lists, groups,
a forum meeting, data requests and a few datasets waiting in the walidata's queue.

Idempotent: datasets whose name exists are skipped. Loaded with bulk inserts (bulk.py), so NTB's
catalogue takes seconds on SQLite.
"""

from __future__ import annotations

import datetime
import random
import re

from django.utils import timezone

from terbuka.core.models import Opd, OpdKind, Pemda, Region, RegionLevel
from terbuka.satudata import bulk, codelists, data_requests, forum
from terbuka.satudata.models import (
    DataRequest,
    Dataset,
    ForumMeeting,
    Group,
    HakAkses,
    Status,
)

# (title, OPD keyword, urusan code, unit, tags, frequency)
TOPICS = (
    ("Jumlah penduduk menurut jenis kelamin", "dukcapil|kependudukan", "2.12", "jiwa",
     ["penduduk", "demografi"], "tahunan"),
    ("Kepadatan penduduk", "dukcapil|kependudukan", "2.12", "jiwa/km²", ["penduduk"], "tahunan"),
    ("Persentase penduduk miskin", "sosial|bappeda", "1.06", "persen",
     ["kemiskinan", "sosial"], "tahunan"),
    ("Jumlah penerima bantuan sosial PKH", "sosial", "1.06", "keluarga",
     ["kemiskinan", "bansos"], "triwulanan"),
    ("Angka partisipasi sekolah", "pendidikan|dikbud", "1.01", "persen",
     ["pendidikan", "sekolah"], "tahunan"),
    ("Jumlah sekolah dan murid menurut jenjang", "pendidikan|dikbud", "1.01", "unit",
     ["pendidikan"], "tahunan"),
    ("Rasio guru terhadap murid", "pendidikan|dikbud", "1.01", "rasio", ["pendidikan"],
     "tahunan"),
    ("Jumlah fasilitas kesehatan", "kesehatan|dikes|dinkes", "1.02", "unit",
     ["kesehatan", "puskesmas"], "tahunan"),
    ("Prevalensi stunting balita", "kesehatan|dikes|dinkes", "1.02", "persen",
     ["stunting", "gizi", "kesehatan"], "tahunan"),
    ("Cakupan imunisasi dasar lengkap", "kesehatan|dikes|dinkes", "1.02", "persen",
     ["imunisasi", "kesehatan"], "bulanan"),
    ("Angka kematian ibu", "kesehatan|dikes|dinkes", "1.02", "per 100.000 kelahiran hidup",
     ["kesehatan", "ibu"], "tahunan"),
    ("Jumlah posyandu aktif", "kesehatan|dikes|dinkes", "1.02", "unit",
     ["posyandu", "kesehatan"], "semesteran"),
    ("Panjang jalan menurut kondisi", "pupr|pekerjaan umum", "1.03", "km",
     ["jalan", "infrastruktur"], "tahunan"),
    ("Rumah tidak layak huni", "perkim|perumahan|pupr", "1.04", "unit", ["perumahan"],
     "tahunan"),
    ("Kejadian bencana alam", "bpbd|bencana", "1.05", "kejadian", ["bencana"], "bulanan"),
    ("Tingkat pengangguran terbuka", "tenaga kerja|nakertrans", "2.07", "persen",
     ["ketenagakerjaan", "pengangguran"], "semesteran"),
    ("Produksi padi sawah", "pertanian|distanbun", "3.27", "ton", ["pertanian", "padi"],
     "tahunan"),
    ("Luas panen jagung", "pertanian|distanbun", "3.27", "hektare", ["pertanian", "jagung"],
     "tahunan"),
    ("Populasi ternak sapi", "peternakan|pertanian", "3.27", "ekor", ["peternakan"],
     "tahunan"),
    ("Produksi perikanan tangkap", "kelautan|perikanan", "3.25", "ton", ["perikanan"],
     "tahunan"),
    ("Kunjungan wisatawan", "pariwisata|dispar", "3.26", "orang", ["pariwisata", "wisata"],
     "bulanan"),
    ("Realisasi pendapatan asli daerah", "bpkad|keuangan|bappenda|pendapatan", "2.20",
     "rupiah", ["keuangan", "apbd"], "triwulanan"),
    ("Realisasi belanja daerah", "bpkad|keuangan", "2.20", "rupiah", ["anggaran", "apbd"],
     "triwulanan"),
    ("Timbulan sampah harian", "lingkungan|dlh", "2.11", "ton/hari", ["sampah", "lingkungan"],
     "tahunan"),
    ("Indeks kualitas lingkungan hidup", "lingkungan|dlh", "2.11", "indeks", ["lingkungan"],
     "tahunan"),
    ("Jumlah UMKM binaan", "koperasi|ukm", "2.17", "unit", ["umkm", "ekonomi"], "tahunan"),
    ("Nilai investasi PMA dan PMDN", "penanaman modal|dpmptsp", "2.18", "rupiah",
     ["investasi", "ekonomi"], "triwulanan"),
    ("Jumlah izin usaha terbit", "penanaman modal|dpmptsp", "2.18", "izin", ["perizinan"],
     "bulanan"),
    ("Jumlah aduan masyarakat", "kominfo|diskominfo", "2.16", "aduan", ["aduan", "layanan"],
     "bulanan"),
    ("Desa dengan akses internet", "kominfo|diskominfo", "2.16", "desa", ["internet"],
     "tahunan"),
    ("Status desa menurut indeks desa membangun", "pemberdayaan masyarakat|dpmd", "2.13",
     "desa", ["desa"], "tahunan"),
    ("Peserta KB aktif", "keluarga berencana|dp3ap2kb|p3a", "2.14", "orang", ["kb"],
     "tahunan"),
    ("Kasus kekerasan terhadap perempuan dan anak", "perempuan|p3a", "2.08", "kasus",
     ["perlindungan anak"], "triwulanan"),
    ("Ketersediaan pangan strategis", "pangan|ketahanan pangan", "2.09", "ton", ["pangan"],
     "bulanan"),
    ("Jumlah koleksi dan pengunjung perpustakaan", "perpustakaan|arsip", "2.23", "orang",
     ["perpustakaan"], "tahunan"),
    ("Jumlah angkutan umum", "perhubungan|dishub", "2.15", "unit", ["transportasi"],
     "tahunan"),
    ("Pertumbuhan ekonomi (PDRB)", "bappeda|perencanaan", "2.20", "persen",
     ["ekonomi", "pdrb"], "tahunan"),
    ("Indeks pembangunan manusia", "bappeda|perencanaan", "2.20", "indeks", ["ipm"],
     "tahunan"),
    ("Jumlah pegawai ASN menurut golongan", "bkd|kepegawaian|sdm", "2.20", "orang",
     ["asn"], "tahunan"),
    ("Jumlah atlet berprestasi", "pemuda|olahraga", "2.19", "orang", ["olahraga"], "tahunan"),
)
BREAKDOWNS_PROV = ("menurut kabupaten/kota", "menurut kecamatan", "menurut kelompok umur",
                   "di Provinsi NTB")
BREAKDOWNS_KAB = ("menurut kecamatan", "menurut desa")
FORMATS = (("CSV", "text/csv"), ("XLSX", "application/vnd.openxmlformats-officedocument."
                                         "spreadsheetml.sheet"), ("JSON", "application/json"),
           ("PDF", "application/pdf"))
GROUPS = (("kependudukan", "Kependudukan"), ("kesehatan", "Kesehatan"),
          ("pendidikan", "Pendidikan"), ("ekonomi", "Ekonomi dan keuangan"),
          ("lingkungan", "Lingkungan hidup"), ("infrastruktur", "Infrastruktur"))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _pick_opd(opds: list[Opd], keyword: str, rng: random.Random) -> Opd | None:
    pattern = re.compile(keyword, re.I)
    matches = [o for o in opds if pattern.search(f"{o.name} {o.acronym}")]
    if matches:
        return matches[0]
    return rng.choice(opds) if opds else None


def _items(pemda: Pemda, opds: list[Opd], target: int, rng: random.Random):
    is_prov = pemda.region.level == RegionLevel.PROVINSI
    years = list(range(2017, 2025))
    breakdowns = [(b, [pemda.region_id]) for b in (BREAKDOWNS_PROV if is_prov
                                                    else BREAKDOWNS_KAB)]
    if is_prov:  # the kabupaten/kota's own data, as the province portal carries it
        breakdowns += [(f"di {kab.name.title()}", [kab.code]) for kab in Region.objects.filter(
            parent_id=pemda.region_id, level=RegionLevel.KABUPATEN_KOTA).order_by("code")]
    combos = [(t, b, y) for t in TOPICS for b in breakdowns for y in years]
    rng.shuffle(combos)
    now = timezone.now()
    out = []
    for n, (topic, (where, regions), year) in enumerate(combos[:target]):
        title, keyword, tema, satuan, tags, frekuensi = topic
        opd = _pick_opd(opds, keyword, rng)
        full = f"{title} {where} tahun {year}"
        name = f"{pemda.slug}-{_slug(title)}-{_slug(where)}-{year}"[:100]
        fmt, mime = FORMATS[n % len(FORMATS)] if n % 7 else FORMATS[0]
        status = Status.TERBIT
        if n % 50 == 1:
            status = Status.DIAJUKAN
        elif n % 50 == 2:
            status = Status.DRAFT
        out.append(bulk.NewDataset(
            name=name, title=full,
            notes=(f"{title} {where} pada tahun {year}, dihimpun oleh "
                   f"{opd.name if opd else pemda.name} sebagai bagian dari Satu Data "
                   f"{pemda.short_name}."),
            owner_org=opd, tags=tags, regions=regions, status=status,
            modified=now - datetime.timedelta(days=(2025 - year) * 300 + n % 300,
                                              minutes=n),
            resources=[{"name": f"{title} {year}", "format": fmt, "mimetype": mime,
                        "url": f"https://data.{pemda.slug}.example.go.id/{name}.{fmt.lower()}",
                        "size": 2048 + (n * 37) % 90000}],
            fields={"tema": tema, "satuan": satuan, "frekuensi": frekuensi,
                    "ukuran": title, "jenis_publisher": pemda.kind,
                    "periode_awal": datetime.date(year, 1, 1),
                    "periode_akhir": datetime.date(year, 12, 31),
                    "kode_daftar_data": f"{pemda.region_id}-{n + 1:05d}",
                    "hak_akses": HakAkses.TERBUKA if n % 40 else HakAkses.TERBATAS,
                    "tahun_prioritas": year if n % 9 == 0 else None},
        ))
    return out


def load_demo(pemda: Pemda, stdout) -> dict[str, int]:
    from terbuka.satudata.licences import ensure_licences

    ensure_licences()
    rng = random.Random(f"satudata-{pemda.slug}")  # noqa: S311 (demo data, not security)
    opds = list(Opd.objects.filter(pemda=pemda, is_active=True)
                .exclude(kind__in=[OpdKind.KECAMATAN, OpdKind.KELURAHAN])
                .select_related("pemda").order_by("name"))
    target = 2000 if pemda.region.level == RegionLevel.PROVINSI else 320
    items = _items(pemda, opds, target, rng)
    taken = set(Dataset.objects.filter(name__in=[i.name for i in items])
                .values_list("name", flat=True))
    created = bulk.datasets_bulk_create(pemda, [i for i in items if i.name not in taken])
    for name, title in GROUPS:
        group, _ = Group.objects.get_or_create(pemda=pemda, name=f"{pemda.slug}-{name}",
                                               defaults={"title": title})
        if not group.datasets.exists():
            keyword = {"kependudukan": "penduduk", "ekonomi": "ekonomi",
                       "infrastruktur": "jalan"}.get(name, name)
            group.datasets.add(*Dataset.objects.filter(
                pemda=pemda, tags__name=keyword).values_list("pk", flat=True)[:300])
    codelists.codelists_seed(pemda)
    if not ForumMeeting.objects.filter(pemda=pemda).exists():
        meeting = forum.forum_meeting_create(
            actor=None, pemda=pemda, title=f"Forum Satu Data {pemda.short_name} triwulan I",
            date=datetime.date(2025, 3, 12), place="Ruang rapat Bappeda",
            agenda="1. Daftar data prioritas 2025\n2. Standar data kemiskinan\n"
                   "3. Integrasi dengan portal kabupaten/kota",
            participants="\n".join([o.name for o in opds[:6]] + ["BPS", "Bappeda"]),
            decisions="Menetapkan daftar data prioritas dan tenggat pemutakhiran metadata.")
        for opd in opds[:3]:
            forum.follow_up_add(actor=None, meeting=meeting, owner=opd.name,
                                action="Melengkapi metadata data prioritas",
                                due_date=datetime.date(2025, 4, 30))
    if not DataRequest.objects.filter(pemda=pemda).exists():
        for title, desc in (
            ("Data nelayan per desa", "Untuk penelitian skripsi tentang perikanan tangkap."),
            ("Anggaran posyandu per desa", "Untuk pemantauan oleh organisasi masyarakat."),
        ):
            data_requests.data_request_submit(
                actor=None, pemda=pemda, title=title, description=desc,
                requester_name="Warga Demo", requester_email="warga@example.org")
    total = Dataset.objects.filter(pemda=pemda).count()
    stdout.write(f"  satudata: {len(created)} datasets ({total} in all)\n")
    return {"datasets": len(created)}
