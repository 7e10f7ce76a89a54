"""Demo data: the real OGP Local action plans of NTB + Kabupaten Sumbawa Barat (one consortium
plan) and Kabupaten Banggai, with their commitments as published (data/ogp_local_commitments.json).

The consortium spans two pemda: the plan is coordinated by Pemprov NTB and lists KSB as a
member; each commitment belongs to the member that delivers it. Whichever of the two loaders
runs first builds the whole plan (both pemda exist by then: core's load_demo creates every
pemda before any module loader runs); the other finds it and stops.

Milestones, meeting dates other than the published ones, participant counts, the consultation's
comments and responses, progress reports and assessments are illustrative (written for the
demo) and are marked so. Everything goes through the services as the system actor, so the
audit log shows where each row came from. Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

from terbuka.core import indicators
from terbuka.core.models import Pemda
from terbuka.rencanaaksi import rules, services
from terbuka.rencanaaksi.models import ActionPlan

CONSORTIUM_SLUG = "ntb-ksb-2021-2023"
BANGGAI_SLUG = "banggai-2021-2024"
ILLUSTRATIVE = (
    "Catatan: tonggak, tanggal rapat selain tanggal yang dipublikasikan, jumlah peserta, "
    "komentar uji publik, laporan kemajuan dan penilaian di halaman ini adalah ilustrasi "
    "untuk demo; komitmen, lembaga dan mitranya sesuai rencana aksi yang dipublikasikan.")

VALUE_CODES = {
    "Access to Information": "access_to_information",
    "Civic Participation": "civic_participation",
    "Public Accountability": "public_accountability",
    "Technology and Innovation for Transparency and Accountability": "technology_innovation",
}

ORGANISATIONS = {
    "ntb": [
        ("SOMASI NTB", "civil_society", "Solidaritas Masyarakat untuk Transparansi NTB: "
         "organisasi masyarakat sipil di Mataram yang memantau keterbukaan anggaran dan layanan "
         "publik; mitra komitmen NTB Care dan Revitalisasi Posyandu."),
        ("Publish What You Pay (PWYP) Indonesia", "civil_society", "Koalisi masyarakat sipil "
         "untuk transparansi dan akuntabilitas tata kelola sumber daya ekstraktif; mendampingi "
         "NTB dan KSB bergabung dengan OGP Lokal."),
        ("FITRA NTB", "civil_society", "Forum Indonesia untuk Transparansi Anggaran NTB: "
         "mitra masyarakat sipil untuk komitmen Kabupaten Sumbawa Barat."),
        ("OGP Indonesia", "civil_society", "Sekretariat Open Government Indonesia (Bappenas) "
         "yang mendampingi anggota OGP Lokal di Indonesia."),
    ],
    "banggai": [
        ("INFID", "civil_society", "International NGO Forum on Indonesian Development: "
         "pendamping Banggai dalam OGP Lokal."),
        ("MediaLink", "civil_society", "Perkumpulan Media Lintas Komunitas: mitra masyarakat "
         "sipil rencana aksi Banggai."),
        ("Pimpinan Daerah Aisyiyah Banggai", "civil_society", "Organisasi perempuan yang "
         "terlibat pada komitmen pekarangan, sampah dan ibu hamil."),
    ],
}

# Plausible milestones per commitment (by OGP ID or title start). Four each; the loader spreads
# them over the commitment's period and gives them weights 20/25/25/30.
MILESTONES = {
    "Mewujudkan Pemerintah Terbuka melalui Perbaikan": [
        "Penyusunan Pergub Satu Data NTB dan pembentukan Forum Satu Data",
        "Penetapan daftar data prioritas dan standar metadata bersama produsen data",
        "Integrasi portal Satu Data NTB dengan portal kabupaten/kota dan SDI",
        "Publikasi dataset prioritas dan evaluasi kualitas data bersama masyarakat sipil",
    ],
    "IDWNT0002": [
        "Pemetaan kanal pengaduan OPD dan integrasi ke NTB Care",
        "Pelatihan pengelola pengaduan di OPD dan kabupaten/kota",
        "Penerapan standar waktu tindak lanjut dan dasbor kinerja publik",
        "Evaluasi kepuasan pelapor bersama SOMASI NTB",
    ],
    "IDWNT0003": [
        "Penyusunan pedoman Revitalisasi Posyandu Keluarga",
        "Pengembangan Sistem Informasi Posyandu Keluarga",
        "Pelatihan kader di kabupaten/kota percontohan",
        "Evaluasi strata posyandu dan publikasi hasilnya",
    ],
    "Penguatan kebijakan aksi kolaborasi": [
        "Kajian pelaksanaan Perda PDPGR bersama masyarakat sipil",
        "Revisi regulasi turunan PDPGR (Perbup)",
        "Forum kemitraan pemerintah, masyarakat sipil dan swasta",
        "Laporan terbuka kegiatan gotong royong per desa",
    ],
    "IDWSB0003": [
        "Penyusunan Perbup dan petunjuk teknis Posyandu Gotong Royong",
        "Penempatan Agen Gotong Royong di setiap posyandu",
        "Perluasan layanan posyandu di luar kesehatan ibu dan anak",
        "Evaluasi partisipatif Posyandu Gotong Royong",
    ],
    "IDWSB0004": [
        "Petunjuk teknis pengumpulan data berbasis gotong royong",
        "Pelatihan AGR dan operator data desa",
        "Peluncuran portal KSB Satu Data",
        "Forum pemanfaatan data bersama masyarakat",
    ],
    "IDWSB0007": [
        "Standar layanan dan tindak lanjut aduan Forum Yasinan",
        "Pencatatan aduan Yasinan secara daring",
        "Publikasi tindak lanjut aduan per zona kecamatan",
        "Evaluasi Forum Yasinan bersama masyarakat sipil",
    ],
    "IDWSB0005": [
        "Pemutakhiran data PMKS dan kelompok rentan",
        "Verifikasi data bersama desa dan AGR",
        "Layanan perlindungan terpadu berbasis gotong royong",
        "Pemantauan penerima bantuan oleh masyarakat",
    ],
    "IDWSB0006": [
        "Analisis beban kerja dan evaluasi kelembagaan OPD",
        "Penyusunan rancangan Perda perangkat daerah",
        "Penetapan dan sosialisasi struktur baru",
        "Evaluasi kinerja OPD hasil penataan",
    ],
    "IDBNG0001": [
        "Pendataan pekarangan dan rumah tangga peserta",
        "Pelatihan sistem pertanian terpadu di desa percontohan",
        "Pendampingan kelompok pekarangan oleh TP-PKK dan Aisyiyah",
        "Publikasi hasil panen dan evaluasi partisipatif",
    ],
    "Banggai Satu Data": [
        "Perbup Satu Data Banggai",
        "Penetapan walidata dan produsen data",
        "Peluncuran portal Banggai Satu Data",
        "Evaluasi indeks SPBE dan kualitas data",
    ],
    "IDBNG0003": [
        "Pembentukan bank sampah 3R di kelurahan percontohan",
        "Pelatihan ecobrick dan pemilahan sampah rumah tangga",
        "Pencatatan timbulan dan pengurangan sampah secara terbuka",
        "Evaluasi bersama forum kelurahan dan LSM GAM",
    ],
    "IDBNG0004": [
        "Pengembangan aplikasi pendataan ibu hamil",
        "Peluncuran layanan Ambulans Dering Ibu Hamil",
        "Integrasi data ibu hamil dengan puskesmas dan Dukcapil",
        "Evaluasi capaian SPM ibu hamil",
    ],
}

# Live indicators each commitment shows when the module offering them is installed: exact keys
# or module prefixes ("satudata.").
INDICATORS = {
    "Mewujudkan Pemerintah Terbuka melalui Perbaikan": ["satudata.", "datastore."],
    "IDWNT0002": ["aduan.on_time_rate", "aduan.satisfaction"],
    "IDWNT0003": ["posyandu.strata_share", "posyandu.participation"],
    "Penguatan kebijakan aksi kolaborasi": ["gotongroyong.odf_desa_share"],
    "IDWSB0003": ["posyandu.strata_share"],
    "IDWSB0004": ["satudata.", "datastore."],
    "IDWSB0007": ["aduan.on_time_rate"],
    "IDWSB0005": ["sosial."],
    "IDWSB0006": ["ikm.score"],
    "IDBNG0001": ["lingkungan.pekarangan_households"],
    "Banggai Satu Data": ["satudata.", "datastore."],
    "IDBNG0003": ["lingkungan.tonnage_reduced"],
    "IDBNG0004": ["posyandu.anc", "posyandu.spm", "posyandu.participation"],
}

# How many of the four milestones each commitment finished (varies, so the pages differ).
DONE = {"IDWNT0002": 4, "IDWNT0003": 3, "IDWSB0003": 4, "IDWSB0004": 3, "IDWSB0007": 4,
        "IDWSB0005": 2, "IDWSB0006": 3, "IDBNG0001": 4, "IDBNG0003": 3, "IDBNG0004": 4}


def seeds() -> dict:
    text = (resources.files("terbuka.rencanaaksi").joinpath("data/ogp_local_commitments.json")
            .read_text("utf-8"))
    return json.loads(text)["members"]


def _v(field):
    return field.get("value") if isinstance(field, dict) else field


def _month(value: str | None, default: dt.date, *, end: bool = False) -> dt.date:
    if not value:
        return default
    year, month = (int(p) for p in value[:7].split("-"))
    if not end:
        return dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _key(c: dict) -> str:
    ogp_id = _v(c["commitment_id"])
    if ogp_id:
        return ogp_id
    title = _v(c["title_id"])
    return next(k for k in MILESTONES if title.startswith(k))


def _indicator_keys(wanted: list[str]) -> list[str]:
    keys = []
    for want in wanted:
        if want.endswith("."):
            keys += [i.key for i in indicators.available() if i.key.startswith(want)][:2]
        elif indicators.get(want) is not None:
            keys.append(want)
    return keys


def load(pemda, stdout) -> None:
    if pemda.slug in ("ntb", "ksb"):
        _consortium(stdout)
    elif pemda.slug == "banggai":
        _banggai(pemda, stdout)


def _organisations(pemda, key):
    for name, sector, description in ORGANISATIONS.get(key, []):
        if not pemda.ogp_organisations.filter(name=name).exists():
            services.organisation_create(actor=None, pemda=pemda, name=name, sector=sector,
                                         description=description)


def _consortium(stdout) -> None:
    ntb = Pemda.objects.filter(slug="ntb").first()
    ksb = Pemda.objects.filter(slug="ksb").first()
    coordinator = ntb or ksb
    if ActionPlan.objects.filter(slug=CONSORTIUM_SLUG).exists():
        return
    data = seeds()
    _organisations(coordinator, "ntb")
    plan = services.plan_create(
        actor=None, pemda=coordinator, slug=CONSORTIUM_SLUG,
        title="Rencana Aksi OGP Lokal Nusa Tenggara Barat dan Sumbawa Barat 2021–2023",
        period_start=dt.date(2021, 8, 1), period_end=dt.date(2023, 12, 31),
        members=[p for p in (ntb, ksb) if p is not None],
        vision=("Pemerintahan daerah yang terbuka, partisipatif dan akuntabel: data yang "
                "dapat dipercaya, pengaduan yang ditindaklanjuti, dan layanan dasar yang "
                "dibangun bersama warga melalui semangat gotong royong."),
        ogp_values=["access_to_information", "civic_participation", "public_accountability",
                    "technology_innovation"])
    plan.illustrative_note = ILLUSTRATIVE
    plan.save(update_fields=["illustrative_note"])
    groups = [
        ("secretariat", "Kepala Bappeda NTB", "Ketua sekretariat", "Bappeda Provinsi NTB",
         "government"),
        ("secretariat", "Sekretaris BRIDA KSB", "Koordinator KSB", "BRIDA Kabupaten Sumbawa Barat",
         "government"),
        ("working_team", "Perwakilan Diskominfotik NTB", "Anggota", "Diskominfotik Provinsi NTB",
         "government"),
        ("working_team", "Perwakilan SOMASI NTB", "Anggota", "SOMASI NTB", "civil_society"),
        ("working_team", "Perwakilan FITRA NTB", "Anggota", "FITRA NTB", "civil_society"),
        ("monitoring", "LRP2M Universitas Cordova", "Pemantau independen KSB",
         "LRP2M Universitas Cordova", "academia"),
        ("monitoring", "Lingkar Studi Civil", "Pemantau independen KSB",
         "Civil Studies Circle Institute", "civil_society"),
    ]
    for group, name, role, org, sector in groups:
        services.group_member_add(actor=None, plan=plan, group=group, name=name, role=role,
                                  organisation=org, sector=sector)
    members = [("ntb", ntb), ("ksb", ksb)]
    commitments = []
    for key, member in members:
        if member is None:
            continue
        for c in data[key]["commitments"]:
            commitments.append(_commitment(plan, member, c))
    _cocreate(plan, commitments, submitted=dt.date(2021, 8, 6),
              first_meeting=dt.date(2021, 4, 21), place="Mataram",
              partners=[("Bappeda Provinsi NTB", "government", 4, 5),
                        ("BRIDA Kabupaten Sumbawa Barat", "government", 2, 4),
                        ("SOMASI NTB", "civil_society", 2, 2),
                        ("FITRA NTB", "civil_society", 1, 2),
                        ("PWYP Indonesia", "civil_society", 1, 1)])
    _deliver(plan, commitments, monitor="LRP2M Universitas Cordova")
    # The submission step queued one publication per member; it runs after this commit.
    stdout.write(f"  rencanaaksi: {plan.title} ({len(commitments)} komitmen)\n")


def _banggai(pemda, stdout) -> None:
    if ActionPlan.objects.filter(pemda=pemda, slug=BANGGAI_SLUG).exists():
        return
    data = seeds()["banggai"]
    _organisations(pemda, "banggai")
    plan = services.plan_create(
        actor=None, pemda=pemda, slug=BANGGAI_SLUG,
        title="Rencana Aksi OGP Lokal Kabupaten Banggai 2021–2024",
        period_start=dt.date(2021, 7, 1), period_end=dt.date(2024, 5, 31),
        vision=("Banggai yang terbuka dan inklusif: pangan dari pekarangan, lingkungan yang "
                "bersih, data yang satu, dan ibu hamil yang terlayani."),
        ogp_values=["civic_participation", "technology_innovation", "access_to_information"])
    plan.illustrative_note = ILLUSTRATIVE
    plan.save(update_fields=["illustrative_note"])
    for group, name, role, org, sector in [
        ("secretariat", "Kepala Bappeda Litbang Banggai", "Ketua sekretariat",
         "Bappeda Litbang Kabupaten Banggai", "government"),
        ("working_team", "Perwakilan INFID", "Anggota", "INFID", "civil_society"),
        ("working_team", "Perwakilan MediaLink", "Anggota", "MediaLink", "civil_society"),
        ("monitoring", "Forum Pemantau OGP Banggai", "Pemantau", "MediaLink", "civil_society"),
    ]:
        services.group_member_add(actor=None, plan=plan, group=group, name=name, role=role,
                                  organisation=org, sector=sector)
    commitments = [_commitment(plan, pemda, c) for c in data["commitments"]]
    _cocreate(plan, commitments, submitted=dt.date(2021, 7, 30),
              first_meeting=dt.date(2021, 4, 14), place="Luwuk",
              partners=[("Bappeda Litbang Banggai", "government", 3, 4),
                        ("Dinas Kesehatan Banggai", "government", 3, 1),
                        ("INFID", "civil_society", 1, 1),
                        ("MediaLink", "civil_society", 2, 1),
                        ("Aisyiyah Banggai", "civil_society", 3, 0)])
    _deliver(plan, commitments, monitor="Forum Pemantau OGP Banggai")
    stdout.write(f"  rencanaaksi: {plan.title} ({len(commitments)} komitmen)\n")


def _problem(note: str) -> str:
    """The seed's paraphrased problem statement, when its note starts with one."""
    for prefix in ("Problem statement (paraphrased):", "Problem (paraphrased):"):
        if note.startswith(prefix):
            return note[len(prefix):].split("(https://")[0].strip()
    return ""


def _commitment(plan, member, c: dict):
    values = [VALUE_CODES[v] for v in (_v(c["ogp_values"]) or []) if v in VALUE_CODES]
    start = max(_month(_v(c["start"]), plan.period_start), plan.period_start)
    end = min(_month(_v(c["end"]), plan.period_end, end=True), plan.period_end)
    others = _v(c["other_government_agencies"]) or []
    partners = _v(c["partner_organisations"]) or []
    note = c.get("note", "")
    commitment = services.commitment_create(
        actor=None, plan=plan, pemda=member, title=_v(c["title_id"]), start=start, end=end,
        ogp_id=_v(c["commitment_id"]) or "", title_en=_v(c["title_en"]) or "",
        lead_agency=_v(c["lead_agency"]) or "", other_government="\n".join(others),
        civil_society="\n".join(partners), ogp_values=values, note=note,
        problem=_problem(note),
    )
    titles = MILESTONES[_key(c)]
    weights = [20, 25, 25, 30]
    days = (end - start).days
    rows = []
    for index, title in enumerate(titles):
        m_start = start + dt.timedelta(days=days * index // 4)
        m_end = start + dt.timedelta(days=days * (index + 1) // 4 - (0 if index == 3 else 1))
        rows.append({"title": title, "start": m_start, "end": min(m_end, end),
                     "owner": (_v(c["lead_agency"]) or plan.pemda.name)[:200],
                     "weight": weights[index],
                     "evidence_expected": "Dokumen, daftar hadir dan foto kegiatan"})
    services.milestones_set(actor=None, commitment=commitment, milestones=rows,
                            illustrative=True)
    for key in _indicator_keys(INDICATORS.get(_key(c), [])):
        services.indicator_link(actor=None, commitment=commitment, key=key)
    commitment._seed_key = _key(c)
    return commitment


def _cocreate(plan, commitments, *, submitted, first_meeting, place, partners) -> None:
    dates = {
        "orientation": first_meeting - dt.timedelta(days=37),
        "secretariat": first_meeting - dt.timedelta(days=23),
        "working_team": first_meeting - dt.timedelta(days=9),
        "draft_workshop": first_meeting,
        "plan_workshop": first_meeting + dt.timedelta(days=36),
        "consultation": submitted - dt.timedelta(days=40),
        "adoption": submitted - dt.timedelta(days=10),
        "submission": submitted,
    }
    minutes = {
        "orientation": "Orientasi OGP Lokal untuk OPD dan masyarakat sipil: nilai OGP, siklus "
                       "rencana aksi dan peran forum.",
        "secretariat": "Sekretariat ditetapkan di Bappeda; pembagian tugas dan jadwal kerja.",
        "working_team": "Tim kerja pemerintah dan masyarakat sipil dibentuk; penetapan tema.",
        "draft_workshop": "Lokakarya rancangan: identifikasi masalah dan usulan komitmen.",
        "plan_workshop": "Lokakarya rencana aksi: komitmen, tonggak, penanggung jawab.",
        "consultation": "Uji publik ditutup; semua komentar dijawab dengan alasan.",
        "adoption": "Rencana aksi disahkan kepala daerah.",
        "submission": "Rencana aksi disampaikan ke OGP.",
    }
    for step in rules.STEPS:
        if step == "consultation":
            services.plan_open_consultation(
                actor=None, plan=plan,
                draft_text=(plan.vision + "\n\n"
                            "Rencana aksi ini memuat komitmen yang disusun bersama masyarakat "
                            "sipil; setiap komitmen memiliki tonggak, penanggung jawab dan "
                            "bukti capaian yang dipublikasikan.\n\n"
                            "Kemajuan dilaporkan setiap semester dan dipantau oleh badan "
                            "pemantau independen."))
            _consult(plan, commitments)
        scale = 2 if step in ("draft_workshop", "plan_workshop", "consultation") else 1
        participants = [{"organisation": org, "sector": sector, "women": w * scale,
                         "men": m * scale} for org, sector, w, m in partners]
        services.step_record(actor=None, step=plan.steps.get(step=step), held_on=dates[step],
                             place=place, minutes=minutes[step] + " (ilustrasi)",
                             participants=participants)


def _consult(plan, commitments) -> None:
    first, last = commitments[0], commitments[-1]
    comments = [
        ("p2", "Warga Mataram", "", "support",
         "Setuju tonggak dipublikasikan. Mohon jadwal pelaporan juga diumumkan.",
         "accepted", "Jadwal pelaporan semester dicantumkan di halaman setiap komitmen."),
        (f"c{first.number}", "Perwakilan forum masyarakat sipil", "Mitra OGP Lokal", "neutral",
         "Perlu indikator yang dapat diukur warga, bukan hanya jumlah kegiatan.",
         "partly", "Indikator hasil ditambahkan dari data layanan; indikator kepuasan menunggu "
         "survei tahun kedua."),
        (f"c{last.number}", "Mahasiswa", "", "oppose",
         "Anggaran komitmen ini belum jelas sumbernya.",
         "not_accepted", "Anggaran mengikuti DPA OPD pelaksana yang ditetapkan setelah "
         "rencana aksi disahkan; rinciannya diumumkan pada laporan semester pertama."),
    ]
    for anchor, name, org, stance, body, verdict, reason in comments:
        comment = services.comment_create(actor=None, plan=plan, anchor=anchor,
                                          author_name=name, organisation=org, stance=stance,
                                          body=body)
        services.comment_respond(actor=None, comment=comment, verdict=verdict, reason=reason)


def _deliver(plan, commitments, *, monitor: str) -> None:
    for commitment in commitments:
        key = getattr(commitment, "_seed_key", "")
        done = DONE.get(key, 2)
        milestones = list(commitment.milestones.order_by("order"))
        for index, milestone in enumerate(milestones):
            period = milestone.end
            finished = [milestone.pk] if index < done else []
            percent = rules.completion_percent(
                (m.weight, i <= index and i < done) for i, m in enumerate(milestones))
            services.progress_report(
                actor=None, commitment=commitment, period_end=period,
                status=rules.completion_level(percent),
                narrative=(f"{milestone.title}: " + ("selesai sesuai rencana."
                                                     if finished else "belum selesai; "
                                                     "dilanjutkan pada periode berikutnya.")),
                completed_milestones=finished, publish=False)
        percent = rules.completion_percent((m.weight, i < done) for i, m in enumerate(milestones))
        level = rules.completion_level(percent)
        services.assessment_record(
            actor=None, commitment=commitment, assessor="government",
            body_name=f"Sekretariat OGP {commitment.pemda.short_name}", verifiable=True,
            potential="substantial", completion="complete" if done >= 3 else level,
            opened_government="major", reasoning="Penilaian mandiri (ilustrasi).",
            assessed_on=plan.period_end)
        services.assessment_record(
            actor=None, commitment=commitment, assessor="monitor", body_name=monitor,
            verifiable=True, potential="modest" if done < 4 else "substantial",
            completion=level, opened_government="marginal" if done < 4 else "major",
            reasoning="Penilaian badan pemantau (ilustrasi) berdasarkan bukti yang "
                      "dipublikasikan.", assessed_on=plan.period_end)
