"""Demo data for Kabupaten Sumbawa Barat's Program Daerah Pemberdayaan Gotong Royong (PDPGR):
projects of each kind across its desa, an STBM sanitation programme with ODF desa, and the
post-earthquake house reconstruction. The three kinds and the STBM achievement are real (see
/work/shared/data/ogp-local/facts.json); groups, people, amounts and households are invented.
Other pemda get nothing: PDPGR is KSB's programme. Idempotent: each part is skipped when
its rows exist."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from terbuka.core import services as core_services
from terbuka.core.demo import demo_user
from terbuka.core.models import Opd, Place, PlaceKind, Region, RegionLevel, Role
from terbuka.gotongroyong import exifgps, services
from terbuka.gotongroyong.models import House, Kelompok, Programme, ProgrammeKind, Project

KSB_CENTRE = (-8.745, 116.86)
NAMES = ("Amaq", "Inaq", "Lalu", "Baiq", "Sahabuddin", "Nurhayati", "Junaidi", "Salmah",
         "Syamsul", "Rohani", "Zulkifli", "Hasanah", "Mahmud", "Aminah", "Ridwan", "Fatimah")
PROJECTS = (
    # kind, title, output, volume, unit, apbd, apbdes, money, materials, materials value,
    # workdays, rate
    ("stimulan", "Rabat beton jalan dusun", "Jalan rabat beton lebar 2 m", 250, "m",
     45_000_000, 0, 3_000_000, "pasir dan batu kali", 6_000_000, 180, 0),
    ("stimulan", "Jamban sehat komunal", "Jamban leher angsa dengan septik", 12, "unit",
     30_000_000, 6_000_000, 1_200_000, "batako, kayu", 4_000_000, 96, 0),
    ("stimulan", "Rehab posyandu gotong royong", "Gedung posyandu direhab", 1, "unit",
     25_000_000, 0, 2_500_000, "semen 20 sak", 1_800_000, 60, 0),
    ("padat_karya", "Normalisasi saluran irigasi tersier", "Saluran dibersihkan", 800, "m",
     24_000_000, 0, 0, "", 0, 0, 30_000),
    ("padat_karya", "Drainase lingkungan", "Drainase pasangan batu", 300, "m",
     0, 27_000_000, 0, "", 0, 0, 90_000),
    ("mandiri", "Musholla swadaya", "Musholla 6 × 6 m", 1, "unit",
     0, 0, 18_000_000, "kayu dan genteng", 9_000_000, 240, 0),
    ("mandiri", "Bersih desa dan taman dusun", "Taman dusun", 400, "m²",
     0, 0, 1_500_000, "bibit tanaman", 700_000, 120, 0),
)


def _desa_list(pemda) -> list[Region]:
    return list(Region.objects.filter(kabupaten_code=pemda.region_id,
                                      level=RegionLevel.DESA_KELURAHAN)
                .exclude(code__regex=r"\.1\d{3}$").order_by("code"))


def _dusun(pemda, desa: Region, name: str) -> Place:
    place = Place.objects.filter(pemda=pemda, kind=PlaceKind.DUSUN, region=desa,
                                 name=name).first()
    return place or core_services.place_create(actor=None, pemda=pemda, kind=PlaceKind.DUSUN,
                                               name=name, region_code=desa.code)


def load(pemda, stdout) -> None:
    if pemda.slug != "ksb":
        return
    rng = random.Random(52_07)
    desa = _desa_list(pemda)
    if not desa:
        return
    actor = demo_user(pemda, Role.PENDAMPING)
    _projects(pemda, desa, rng, actor, stdout)
    _sanitation(pemda, desa, rng, stdout)
    _houses(pemda, desa, rng, stdout)


def _people(rng, n):
    return rng.sample(NAMES, n)


def _projects(pemda, desa, rng, actor, stdout) -> None:
    if Project.objects.filter(pemda=pemda).exists():
        return
    programme = Programme.objects.filter(pemda=pemda, slug="pdpgr").first() or \
        services.programme_create(
            actor=None, pemda=pemda, kind=ProgrammeKind.LAINNYA, slug="pdpgr",
            name="Program Daerah Pemberdayaan Gotong Royong (PDPGR)", start_year=2016,
            opd=Opd.objects.filter(pemda=pemda, acronym="DPMD").first(),
            description="Gotong royong Mandiri, Stimulan dan Padat Karya di seluruh desa.")
    picks = desa[:: max(1, len(desa) // 14)][:14]
    made = 0
    for i, region in enumerate(picks):
        spec = PROJECTS[i % len(PROJECTS)]
        (kind, title, output, volume, unit, apbd, apbdes, money, materials, mat_value,
         workdays, rate) = spec
        dusun = _dusun(pemda, region, f"Dusun {region.name.title()} {'I' * (1 + i % 2)}")
        names = _people(rng, 5)
        kelompok = Kelompok.objects.filter(pemda=pemda, desa=region).first() or \
            services.kelompok_create(
                actor=actor, pemda=pemda, desa=region.code, dusun=dusun,
                name=f"Kelompok {('Maju Bersama', 'Sepakat', 'Rukun Tani', 'Karya Bakti')[i % 4]}",
                members=[{"name": f"{names[0]} {region.name.title()}", "role": "ketua"},
                         {"name": f"{names[1]} {region.name.title()}", "role": "bendahara",
                          "is_woman": True},
                         {"name": f"{names[2]} {region.name.title()}", "role": "sekretaris"},
                         *({"name": f"{n} {region.name.title()}"} for n in names[3:])])
        year = 2023 + i % 3
        project = services.project_create(
            actor=actor, pemda=pemda, kelompok=kelompok, kind=kind, programme=programme,
            title=f"{title} {region.name.title()}", year=year, output=output, volume=volume,
            unit=unit, budget_apbd=apbd, budget_apbdes=apbdes, contribution_money=money,
            contribution_materials=materials, contribution_materials_value=mat_value,
            contribution_workdays=workdays, unit_rate=rate)
        lat = KSB_CENTRE[0] + rng.uniform(-0.18, 0.18)
        lon = KSB_CENTRE[1] + rng.uniform(-0.15, 0.2)
        photo = exifgps.jpeg_with_gps(lat, lon, size=(64, 48))
        services.photo_add(actor=actor, project=project, stage="sebelum", data=photo)
        # Older projects are finished, this year's are under way.
        pct = Decimal(100 if year < 2025 else rng.choice((25, 40, 60, 80)))
        _progress(project, pct, year, actor)
        if pct == 100:
            services.photo_add(actor=actor, project=project, stage="sesudah", data=photo)
            if kind != "padat_karya" and i % 2 == 0:
                chair = kelompok.members.get(role="ketua").name
                services.lpj_sign(actor=actor, project=project, signed_by=chair,
                                  signed_on=datetime.date(year, 11, 30))
        made += 1
    stdout.write(f"  gotongroyong: {made} projects in {len(picks)} desa\n")


def _progress(project, pct, year, actor) -> None:
    day = datetime.date(year, 7, 15)
    volume_done = (project.volume * pct / 100).quantize(Decimal("0.01"))
    if project.kind == "padat_karya":
        # cash for work: progress first, then pay for what was built
        services.progress_record(actor=actor, project=project, reported_on=day,
                                 physical_pct=pct, volume_done=volume_done, spent=0,
                                 note="Pekerjaan diukur bersama")
        value = min(project.government, (volume_done * project.unit_rate).quantize(Decimal(1)))
        source = "apbd" if project.budget_apbd else "apbdes"
        if value > 0:
            services.tranche_record(actor=actor, project=project, amount=value, source=source,
                                    paid_on=day)
        project.refresh_from_db()
        services.progress_record(actor=actor, project=project, reported_on=day,
                                 physical_pct=pct, volume_done=volume_done, spent=value)
        return
    for source, budget in (("apbd", project.budget_apbd), ("apbdes", project.budget_apbdes)):
        if not budget:
            continue
        first = (budget * Decimal("0.6")).quantize(Decimal(1))
        services.tranche_record(actor=actor, project=project, amount=first, source=source,
                                paid_on=day)
        if pct == 100:
            services.tranche_record(actor=actor, project=project, amount=budget - first,
                                    source=source, paid_on=day + datetime.timedelta(days=45))
    project.refresh_from_db()
    spent = ((project.disbursed + project.contribution_money) * pct / 100).quantize(Decimal(1))
    services.progress_record(actor=actor, project=project, reported_on=day, physical_pct=pct,
                             spent=spent, workdays=int(project.contribution_workdays * pct / 100),
                             note="Dikerjakan bersama warga")


def _sanitation(pemda, desa, rng, stdout) -> None:
    programme = Programme.objects.filter(pemda=pemda, slug="stbm").first()
    if programme is not None:
        return
    programme = services.programme_create(
        actor=None, pemda=pemda, kind=ProgrammeKind.SANITASI, slug="stbm",
        name="STBM Sumbawa Barat: lima pilar sanitasi total berbasis masyarakat",
        start_year=2017, opd=Opd.objects.filter(pemda=pemda, acronym="Dinkes").first(),
        description="Gotong royong jamban sehat menuju Open Defecation Free. KSB adalah "
                    "kabupaten pertama yang menuntaskan lima pilar STBM (2021).")
    # Three desa verified ODF, two still on the way.
    chosen = desa[1::max(1, len(desa) // 5)][:5]
    verified = 0
    for n, region in enumerate(chosen):
        odf_desa = n < 3
        dusun_list = [_dusun(pemda, region, f"Dusun {region.name.title()} {s}")
                      for s in ("Atas", "Bawah")]
        for d in dusun_list:
            for h in range(12):
                latrine = rng.choice(("layak", "layak", "layak", "tidak_layak", "sharing"))
                if not odf_desa and h < 2:
                    latrine = "babs"
                services.household_record(
                    actor=None, programme=programme, dusun=d,
                    head_name=f"{rng.choice(NAMES)} {chr(65 + h)}.", house_number=str(h + 1),
                    members=rng.randint(2, 7), latrine=latrine,
                    recorded_on=datetime.date(2021, 3, 1), cuci_tangan=rng.random() < .9,
                    air_minum=rng.random() < .85, sampah=rng.random() < .7,
                    limbah_cair=rng.random() < .6)
        if odf_desa:
            for d in dusun_list:
                services.odf_verify(actor=None, programme=programme, desa=region.code, dusun=d,
                                    verified_on=datetime.date(2021, 5, 10), passed=True,
                                    team="Sanitarian Puskesmas dan kader STBM")
            services.odf_verify(actor=None, programme=programme, desa=region.code,
                                verified_on=datetime.date(2021, 6, 1), passed=True,
                                team="Tim verifikasi STBM kabupaten")
            verified += 1
    stdout.write(f"  gotongroyong: STBM in {len(chosen)} desa, {verified} verified ODF\n")


def _houses(pemda, desa, rng, stdout) -> None:
    programme = Programme.objects.filter(pemda=pemda, slug="rehab-rumah-gempa").first()
    if programme is not None and House.objects.filter(programme=programme).exists():
        return
    programme = programme or services.programme_create(
        actor=None, pemda=pemda, kind=ProgrammeKind.REHAB_RUMAH, slug="rehab-rumah-gempa",
        name="Rehabilitasi dan rekonstruksi rumah pasca gempa 2018", start_year=2018,
        opd=Opd.objects.filter(pemda=pemda, acronym="BPBD").first(),
        description="Rumah rusak akibat gempa Juli–Agustus 2018 dibangun kembali secara "
                    "gotong royong oleh kelompok masyarakat (Pokmas).")
    funds = {"berat": 50_000_000, "sedang": 25_000_000, "ringan": 10_000_000}
    stages = ["1_verifikasi", "2_pondasi", "3_struktur", "4_atap", "5_selesai", "5_selesai"]
    for i in range(24):
        region = desa[(i * 7) % len(desa)]
        damage = rng.choice(("berat", "sedang", "ringan"))
        house = services.house_record(actor=None, programme=programme, desa=region.code,
                                      owner_name=f"{rng.choice(NAMES)} bin {NAMES[i % 16]} {i}",
                                      damage=damage, funds_allocated=funds[damage])
        stage = stages[i % len(stages)]
        share = Decimal(stages.index(stage) + 1) / 5
        services.house_update(actor=None, house=house, stage=stage,
                              funds_disbursed=(funds[damage] * share).quantize(Decimal(1)),
                              completed_on=datetime.date(2019, 12, 1)
                              if stage == "5_selesai" else None)
    stdout.write("  gotongroyong: 24 houses under reconstruction\n")
