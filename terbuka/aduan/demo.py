"""Demo data for aduan: categories with routing rules, deadline settings, YASINAN sessions (KSB)
and a few thousand complaints per pemda spread over the last six months, in every state, some
of them overdue.

Complaints are written in bulk (bulk_create of complaints, dispositions and timeline events)
rather than one service call each: thousands of service calls would take minutes, and the
workflow itself is covered by tests. The texts are invented; the desa, OPD and categories are
the pemda's real ones. Running it again changes nothing (demo complaints carry external_ref
"demo:…" and are only created when there are none).
"""

from __future__ import annotations

import datetime
import random
import secrets

from django.db import transaction
from django.utils import timezone

from terbuka.core import audit
from terbuka.core.models import Opd, RegionLevel
from terbuka.core.regions import desa_under

from .models import (
    Category,
    Channel,
    Complaint,
    DeadlineSettings,
    Disposition,
    Event,
    EventKind,
    ForumLevel,
    ForumSession,
    Kind,
    RoutingRule,
    Status,
)
from .services import ALPHABET, _tracking_prefix, calendar_for
from .workdays import add_days

# (slug, name, OPD acronyms tried in order for the default route)
CATEGORIES = (
    ("kesehatan", "Kesehatan", ("Dinkes",)),
    ("pendidikan", "Pendidikan", ("Dikbud", "Disdikbud", "Disdik")),
    ("infrastruktur", "Infrastruktur jalan dan jembatan", ("DPUPR", "Dinas PUPR", "PUPR")),
    ("air-bersih", "Air bersih dan sanitasi", ("DPUPR", "Dinas PUPR", "PUPR", "Perkim")),
    ("kependudukan", "Administrasi kependudukan",
     ("Disdukcapil", "DPMPD Dukcapil", "Dukcapil")),
    ("sosial", "Bantuan sosial", ("Dinsos",)),
    ("bencana", "Kebencanaan", ("BPBD",)),
    ("lingkungan", "Lingkungan hidup dan sampah", ("DLH", "DLHK")),
    ("perizinan", "Perizinan dan investasi", ("DPMPTSP",)),
    ("ketertiban", "Ketertiban umum", ("Satpol PP",)),
    ("lainnya", "Lainnya", ("Setda",)),
)
SIZE = {"ntb": 2400, "ksb": 1500, "banggai": 1200}

TEXTS = {
    "kesehatan": [
        ("Puskesmas tutup sebelum jam layanan", "Puskesmas di {d} sudah tutup pukul 11.00, "
         "padahal jadwal layanan sampai 14.00. Warga yang datang dari dusun jauh pulang."),
        ("Obat di pustu kosong", "Pustu {d} kehabisan obat hipertensi sejak dua minggu."),
        ("Antrean BPJS lama", "Antrean pasien BPJS di rumah sakit sangat panjang, warga {d} "
         "menunggu lebih dari lima jam."),
    ],
    "pendidikan": [
        ("Atap ruang kelas bocor", "Atap dua ruang kelas SD di {d} bocor, murid belajar di "
         "teras saat hujan."),
        ("Pungutan seragam sekolah", "Orang tua murid di {d} diminta membayar seragam di luar "
         "ketentuan."),
    ],
    "infrastruktur": [
        ("Jalan desa rusak berat", "Jalan utama {d} berlubang dan tergenang, ambulans sulit "
         "lewat."),
        ("Jembatan gantung miring", "Jembatan gantung penghubung dusun di {d} miring dan "
         "papannya lapuk."),
        ("Lampu jalan padam", "Lampu penerangan jalan di {d} padam sepanjang 500 meter."),
    ],
    "air-bersih": [
        ("Air tidak mengalir", "Air PDAM di {d} tidak mengalir tiga hari, warga membeli air."),
        ("Sumur bor rusak", "Pompa sumur bor bantuan di {d} rusak sejak sebulan."),
    ],
    "kependudukan": [
        ("KTP-el belum jadi", "Perekaman KTP-el warga {d} sudah enam bulan, kartu belum jadi."),
        ("Akta kelahiran", "Pengurusan akta kelahiran di {d} diminta bolak-balik melengkapi "
         "berkas yang sama."),
    ],
    "sosial": [
        ("Bantuan lansia belum diterima", "Lansia di {d} yang terdaftar belum menerima "
         "bantuan bulan ini."),
        ("Data penerima bansos", "Keluarga mampu di {d} menerima bansos, keluarga miskin "
         "tidak."),
    ],
    "bencana": [
        ("Tanggul sungai jebol", "Tanggul sungai di {d} jebol, sawah warga terendam."),
        ("Longsor menutup jalan", "Longsor menutup jalan ke {d}, belum ada alat berat."),
    ],
    "lingkungan": [
        ("Sampah menumpuk di pasar", "Sampah di pasar {d} belum diangkut seminggu."),
        ("Pembakaran sampah", "Pembakaran sampah di dekat sekolah di {d} tiap sore."),
    ],
    "perizinan": [
        ("Izin usaha lambat", "Pengajuan NIB dan izin usaha mikro warga {d} belum diproses."),
    ],
    "ketertiban": [
        ("Parkir liar", "Parkir liar di depan pasar {d} menutup separuh jalan."),
    ],
    "lainnya": [
        ("Usulan taman baca", "Warga {d} mengusulkan taman baca di balai desa."),
    ],
}
WRONGDOING = [
    ("Pungutan liar pengurusan surat", "Oknum petugas meminta uang tambahan untuk surat "
     "keterangan di {d}."),
    ("Dugaan penyalahgunaan dana", "Dugaan penyimpangan dana kegiatan di {d}."),
]
REPLIES = [
    "Sudah kami tinjau ke lapangan dan perbaikan dijadwalkan minggu depan.",
    "Petugas sudah diberi teguran; jam layanan kembali sesuai jadwal.",
    "Permintaan sudah masuk rencana anggaran perubahan tahun ini.",
    "Stok sudah dikirim dari gudang kabupaten dan tiba hari ini.",
]
# (status, weight)
STATES = ((Status.SELESAI, 44), (Status.TINDAK_LANJUT, 10), (Status.DISPOSISI, 20),
          (Status.TERVERIFIKASI, 5), (Status.DITERIMA, 10), (Status.TUNDA, 3),
          (Status.BUKAN_WEWENANG, 3), (Status.ARSIP, 5))
OPEN = (Status.DITERIMA, Status.TERVERIFIKASI, Status.TUNDA, Status.DISPOSISI,
        Status.TINDAK_LANJUT)
CHANNELS = ((Channel.WEB, 45), (Channel.WHATSAPP, 15), (Channel.SMS, 12), (Channel.LAPOR, 10),
            (Channel.TELEPON, 6), (Channel.YASINAN, 4), (Channel.LANGSUNG, 4), (Channel.API, 4))


def _opd(pemda, acronyms):
    for acronym in acronyms:
        opd = Opd.objects.filter(pemda=pemda, acronym__iexact=acronym).first()
        if opd is not None:
            return opd
    return None


def ensure_categories(pemda) -> list[Category]:
    DeadlineSettings.objects.get_or_create(pemda=pemda)
    out = []
    for slug, name, acronyms in CATEGORIES:
        opd = _opd(pemda, acronyms)
        category, _ = Category.objects.get_or_create(
            pemda=pemda, slug=slug, defaults={"name": name, "default_opd": opd},
        )
        if opd is not None:
            RoutingRule.objects.get_or_create(pemda=pemda, category=category, region_code="",
                                              opd=opd)
        out.append(category)
    return out


def _pick(rnd, weighted):
    return rnd.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _forum_sessions(pemda, rnd, desa_codes) -> list[ForumSession]:
    if pemda.region.level != RegionLevel.KABUPATEN_KOTA:
        return []
    existing = list(ForumSession.objects.filter(pemda=pemda))
    if existing:
        return existing
    kecamatan = sorted({code.rsplit(".", 1)[0] for code in desa_codes})[:4]
    sessions = []
    today = timezone.localdate()
    from terbuka.core.models import Region

    names = dict(Region.objects.filter(code__in=kecamatan).values_list("code", "name"))
    for index, code in enumerate(kecamatan):
        sessions.append(ForumSession.objects.create(
            pemda=pemda, title=f"YASINAN Kecamatan {names.get(code, code)}",
            held_on=today - datetime.timedelta(days=20 + 30 * index),
            level=ForumLevel.KECAMATAN, region_id=code, venue="Aula kantor camat",
            officials="Bupati, Sekretaris Daerah, kepala OPD terkait, camat",
            attendance_men=rnd.randint(40, 90), attendance_women=rnd.randint(40, 90),
            attendance_disability=rnd.randint(1, 8), attendance_elderly=rnd.randint(5, 20),
            attendance_youth=rnd.randint(10, 30),
            notes="Warga menyampaikan keluhan layanan dan usulan pembangunan; "
                  "setiap usulan dicatat sebagai aduan atau aspirasi.",
        ))
    return sessions


@transaction.atomic
def load(pemda, stdout) -> None:
    categories = ensure_categories(pemda)
    if Complaint.objects.filter(pemda=pemda, external_ref__startswith="demo:").exists():
        stdout.write(f"aduan: demo complaints of {pemda.short_name} already there\n")
        return
    rnd = random.Random(f"aduan-{pemda.slug}")
    desa = list(desa_under(pemda.region_id).values_list("code", "name"))
    if not desa:
        stdout.write(f"aduan: no desa loaded under {pemda.region_id}; no demo complaints\n")
        return
    limits = DeadlineSettings.objects.get(pemda=pemda)
    calendar = calendar_for(pemda, limits)
    sessions = _forum_sessions(pemda, rnd, [c for c, _ in desa])
    opds = list(Opd.objects.filter(pemda=pemda, is_active=True))
    by_slug = {c.slug: c for c in categories}
    now = timezone.now()
    today = timezone.localdate()
    prefix = _tracking_prefix(pemda)
    used: set[str] = set(Complaint.objects.filter(pemda=pemda)
                         .values_list("tracking_number", flat=True))
    complaints, plans = [], []
    for index in range(SIZE.get(pemda.slug, 800)):
        received = now - datetime.timedelta(minutes=rnd.randint(0, 180 * 24 * 60))
        day = timezone.localdate(received)
        status = _pick(rnd, STATES)
        if (today - day).days < 3 and status in (Status.SELESAI, Status.TINDAK_LANJUT):
            status = Status.DISPOSISI
        # Old reports are mostly settled; the open ones left are the overdue backlog.
        if (today - day).days > 21 and status in OPEN and rnd.random() < 0.85:
            status = Status.SELESAI
        wrongdoing = rnd.random() < 0.06
        code, desa_name = rnd.choice(desa)
        if wrongdoing:
            kind, category = Kind.PELANGGARAN, None
            title, body = rnd.choice(WRONGDOING)
        else:
            kind = rnd.choices((Kind.LAYANAN, Kind.ASPIRASI, Kind.INFORMASI), (75, 17, 8))[0]
            category = by_slug[rnd.choice(list(TEXTS))]
            title, body = rnd.choice(TEXTS[category.slug])
        confidential = wrongdoing or rnd.random() < 0.05
        anonymous = not confidential and rnd.random() < 0.12
        channel = _pick(rnd, CHANNELS)
        while True:
            number = f"{prefix}-{day:%y%m}-" + "".join(rnd.choice(ALPHABET) for _ in range(4))
            if number not in used:
                used.add(number)
                break
        complaint = Complaint(
            pemda=pemda, tracking_number=number, secret_token=secrets.token_urlsafe(24),
            kind=kind, category=category, channel=channel, status=status, title=title,
            body=body.format(d=desa_name), region_id=code, anonymous=anonymous,
            confidential=confidential, is_public=not confidential and not wrongdoing,
            reporter_name="" if (anonymous or confidential) else f"Warga {desa_name}",
            forum_session=rnd.choice(sessions) if channel == Channel.YASINAN and sessions
            else None,
            external_ref=f"demo:{index}", received_at=received,
            settle_by=add_days(day, limits.settle_days),
        )
        plans.append(_plan(complaint, rnd, calendar, limits, day, today, opds, now))
        complaints.append(complaint)
    Complaint.objects.bulk_create(complaints, batch_size=500)
    dispositions, events = [], []
    for complaint, plan in zip(complaints, plans, strict=True):
        for opd, due, answered in plan["dispositions"]:
            dispositions.append(Disposition(complaint=complaint, opd=opd, due_on=due,
                                            answered_at=answered))
        for at, kind, status, opd, text, public in plan["events"]:
            events.append(Event(complaint=complaint, kind=kind, status=status, opd=opd,
                                text=text, is_public=public, actor_label="demo", at=at))
    Disposition.objects.bulk_create(dispositions, batch_size=1000)
    Event.objects.bulk_create(events, batch_size=1000)
    audit.record(actor=None, action="aduan.demo.load", pemda=pemda,
                 changes={"complaints": [0, len(complaints)]})
    overdue = sum(1 for c in complaints if c.due_on and c.due_on < today
                  and c.status not in (Status.TINDAK_LANJUT, Status.SELESAI))
    stdout.write(f"aduan: {len(complaints)} demo complaints for {pemda.short_name} "
                 f"({overdue} overdue), {len(sessions)} YASINAN sessions\n")


def _plan(complaint, rnd, calendar, limits, day, today, opds, now) -> dict:
    """Fill the complaint's workflow fields for its status; return its dispositions and
    timeline events (written after the complaints have ids)."""
    received = complaint.received_at
    status = complaint.status
    events = [(received, EventKind.SUBMITTED, Status.DITERIMA, None, "", True)]
    dispositions = []

    def at(workdays: int) -> datetime.datetime:
        when = calendar.add(day, workdays)
        moment = received + datetime.timedelta(days=(when - day).days, hours=rnd.randint(1, 5))
        return min(moment, now)

    if status == Status.DITERIMA:
        complaint.due_on = calendar.add(day, limits.verify_days)
        return {"events": events, "dispositions": dispositions}
    verify_days = rnd.choice((0, 1, 1, 2, 3, 4))
    verified = at(verify_days)
    complaint.verified_at = verified
    if status in (Status.TUNDA, Status.BUKAN_WEWENANG, Status.ARSIP):
        reason = {Status.TUNDA: "Mohon lengkapi lokasi dan foto kejadian.",
                  Status.BUKAN_WEWENANG: "Jalan nasional, kewenangan BPJN.",
                  Status.ARSIP: "Laporan tidak dapat ditindaklanjuti: informasi tidak cukup."}
        complaint.status_reason = reason[status]
        if status == Status.BUKAN_WEWENANG:
            complaint.redirect_to = "Balai Pelaksanaan Jalan Nasional (BPJN) NTB"
        if status != Status.TUNDA:
            complaint.closed_at = verified
        events.append((verified, EventKind.STATUS, status, None, reason[status], True))
        return {"events": events, "dispositions": dispositions}
    events.append((verified, EventKind.STATUS, Status.TERVERIFIKASI, None, "", True))
    if status == Status.TERVERIFIKASI or complaint.kind == Kind.PELANGGARAN:
        complaint.due_on = calendar.add(timezone.localdate(verified), limits.dispose_days)
        if complaint.kind == Kind.PELANGGARAN and status != Status.TERVERIFIKASI:
            complaint.status = Status.TERVERIFIKASI
        return {"events": events, "dispositions": dispositions}
    category = complaint.category
    opd = (category.default_opd if category and category.default_opd else rnd.choice(opds))
    disposed = at(verify_days + rnd.choice((0, 1, 1, 2)))
    complaint.disposed_at = disposed
    due = calendar.add(timezone.localdate(disposed), limits.followup_days)
    events.append((disposed, EventKind.DISPOSED, Status.DISPOSISI, opd,
                   f"Diteruskan ke {opd.name}.", True))
    if status == Status.DISPOSISI:
        complaint.due_on = due
        dispositions.append((opd, due, None))
        return {"events": events, "dispositions": dispositions}
    answer_days = rnd.choice((1, 2, 3, 4, 5, 5, 6, 8, 12))
    answered = at(verify_days + 2 + answer_days)
    answered_day = timezone.localdate(answered)
    complaint.answered_at = answered
    complaint.workdays_to_answer = max(0, calendar.between(day, answered_day))
    complaint.answered_on_time = answered_day <= due
    dispositions.append((opd, due, answered))
    events.append((answered, EventKind.REPLY, Status.DISPOSISI, opd, rnd.choice(REPLIES), True))
    events.append((answered, EventKind.STATUS, Status.TINDAK_LANJUT, None, "", True))
    if status == Status.TINDAK_LANJUT:
        complaint.due_on = calendar.add(answered_day, limits.reply_days)
        return {"events": events, "dispositions": dispositions}
    closed = min(answered + datetime.timedelta(days=rnd.randint(0, 9)), now)
    complaint.closed_at = closed
    if rnd.random() < 0.6:
        complaint.rating = rnd.choices((1, 2, 3, 4, 5), (5, 8, 17, 40, 30))[0]
        events.append((closed, EventKind.RATED, Status.SELESAI, None,
                       f"Dinilai {complaint.rating} dari 5.", True))
    events.append((closed, EventKind.STATUS, Status.SELESAI, None, "", True))
    return {"events": events, "dispositions": dispositions}
