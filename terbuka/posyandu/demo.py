"""Demo data: posyandu for every dusun of a few desa, with kader, households, children and
two years of monthly sessions whose growth follows WHO curves with realistic spread.

Rows are bulk-inserted; z-scores, classes and N/T/O/B come from the same growth engine and
KBM table as live entries (one array call), so the demo is what the app would have recorded.
Idempotent: a pemda whose posyandu already have sessions is left alone. Names are invented.
"""

from __future__ import annotations

import datetime
import random
import zlib

import numpy as np
from django.db import transaction

from terbuka.core.models import Place, PlaceKind
from terbuka.core.services import place_create
from terbuka.growth import compute, lms, tables
from terbuka.posyandu import growthstatus, monitoring, services
from terbuka.posyandu.models import (
    Alert,
    Household,
    Kader,
    KaderRole,
    Measurement,
    Membership,
    Person,
    Posyandu,
    Session,
)

EXTRA_DUSUN = ("Dusun Batu Putih", "Dusun Tanjung", "Dusun Sukamaju")
FLOWERS = ("Posyandu Kamboja", "Posyandu Tulip", "Posyandu Bougenvil", "Posyandu Lili",
           "Posyandu Asoka", "Posyandu Sakura", "Posyandu Wijaya Kusuma", "Posyandu Nusa Indah")
GIRLS = ("Aisyah", "Siti", "Nur", "Putri", "Zahra", "Aulia", "Nabila", "Dewi", "Rahma", "Fitri",
         "Salsa", "Intan", "Ayu", "Wulan", "Lestari")
BOYS = ("Ahmad", "Muhammad", "Rizky", "Fajar", "Dimas", "Bayu", "Arif", "Ilham", "Rafi", "Yusuf",
        "Gilang", "Hendra", "Dani", "Andi", "Bagas")
FAMILY = ("Saputra", "Hidayat", "Pratama", "Ramadhan", "Lestari", "Wahyuni", "Kurniawan",
          "Susanti", "Hasan", "Maulana", "Syafitri", "Amir", "Jaya", "Nugraha")
MOTHERS = ("Ani", "Sri", "Rina", "Wati", "Yuni", "Ratna", "Sumiati", "Halimah", "Murni", "Nurul",
           "Fatimah", "Kartini", "Rosmini", "Hasnah")
PROGRAMMES = ("BKB", "PAUD", "UP2K", "Posbindu lansia", "Kelas ibu hamil")

MONTHS = 24
CHILDREN_PER_POSYANDU = 28
DESA_WITH_ALL_DUSUN = 2  # desa whose every dusun gets a posyandu (existing + EXTRA_DUSUN)


def load(pemda, stdout=None, *, children: int = CHILDREN_PER_POSYANDU) -> dict:
    rng = random.Random(f"posyandu-{pemda.slug}")
    nrng = np.random.default_rng(zlib.crc32(pemda.slug.encode()))
    if Session.objects.filter(pemda=pemda).exists():
        if stdout:
            stdout.write(f"posyandu: {pemda.short_name} already has demo data\n")
        return {}
    with transaction.atomic():
        posyandu = _posyandu(pemda, rng)
        counts = {"posyandu": len(posyandu), "children": 0, "measurements": 0}
        today = datetime.date.today()
        last_month = monitoring.previous_month(today.replace(day=1))
        months = [last_month]
        for _ in range(MONTHS - 1):
            months.append(monitoring.previous_month(months[-1]))
        months.reverse()
        small = pemda.region.level == 1  # the province demo gets a lighter register
        for p in posyandu:
            c, m = _register_and_sessions(pemda, p, months, rng, nrng,
                                          children // (3 if small else 1))
            counts["children"] += c
            counts["measurements"] += m
        for month in months:
            monitoring.refresh_counts(month=month, pemda_id=pemda.pk)
        # Strata for each year with (nearly) a full year of records.
        full_years = [y for y in sorted({m.year for m in months})
                      if sum(m.year == y for m in months) >= 10]
        for p in posyandu:
            for year in full_years:
                services.strata_compute(actor=None, posyandu=p, year=year)
    if stdout:
        stdout.write(f"posyandu: {pemda.short_name}: {counts['posyandu']} posyandu, "
                     f"{counts['children']} children, {counts['measurements']} measurements\n")
    return counts


def _posyandu(pemda, rng) -> list[Posyandu]:
    places = list(Place.objects.filter(pemda=pemda, kind=PlaceKind.POSYANDU)
                  .select_related("parent").order_by("id"))
    desa_codes = list(dict.fromkeys(p.region_id for p in places))
    for desa in desa_codes[:DESA_WITH_ALL_DUSUN]:
        for i, name in enumerate(EXTRA_DUSUN):
            dusun = (Place.objects.filter(pemda=pemda, kind=PlaceKind.DUSUN, region_id=desa,
                                          name=name).first()
                     or place_create(actor=None, pemda=pemda, kind=PlaceKind.DUSUN, name=name,
                                     region_code=desa))
            flower = FLOWERS[(i + desa_codes.index(desa) * 3) % len(FLOWERS)]
            place = (Place.objects.filter(pemda=pemda, kind=PlaceKind.POSYANDU, region_id=desa,
                                          name=flower).first()
                     or place_create(actor=None, pemda=pemda, kind=PlaceKind.POSYANDU,
                                     name=flower, region_code=desa, parent=dusun))
            places.append(place)
    out = []
    for n, place in enumerate(places):
        existing = Posyandu.objects.filter(place=place).first()
        if existing is None:
            existing = services.posyandu_create(
                actor=None, place=place, registration_number=f"{place.region_id}-{n + 1:03d}",
                additional_programmes=rng.sample(PROGRAMMES, rng.choice([0, 1, 1, 2, 3])))
            kader = [Kader(posyandu=existing, role=role, is_active=rng.random() > 0.1,
                           name=f"Ibu {rng.choice(MOTHERS)} {rng.choice(FAMILY)}",
                           trained_on=datetime.date(2024, rng.randint(1, 12), 1)
                           if rng.random() < 0.7 else None,
                           training="Pelatihan kader posyandu" if rng.random() < 0.7 else "")
                     for role in [KaderRole.KETUA, KaderRole.SEKRETARIS, KaderRole.BENDAHARA]
                     + [KaderRole.ANGGOTA] * rng.randint(1, 5)]
            Kader.objects.bulk_create(kader)
        out.append(existing)
    return out


def _weight_length(sex: int, age_days: np.ndarray, zw: np.ndarray, zl: np.ndarray):
    wfa, lhfa = tables.load("wfa"), tables.load("lhfa")
    idx = np.clip(age_days, 0, 1826).astype(int)
    w = lms.sd_value(zw, wfa.l[sex, idx], wfa.m[sex, idx], wfa.s[sex, idx])
    ln = lms.sd_value(zl, lhfa.l[sex, idx], lhfa.m[sex, idx], lhfa.s[sex, idx])
    return w, ln


def _register_and_sessions(pemda, posyandu, months, rng, nrng, n_children) -> tuple[int, int]:
    first, last = months[0], months[-1]
    households = []
    for _ in range(int(n_children * 0.9)):
        households.append(Household(pemda=pemda, posyandu=posyandu,
                                    head_name=f"Bapak {rng.choice(BOYS)} {rng.choice(FAMILY)}",
                                    address=f"RT {rng.randint(1, 6):02d}",
                                    dana_sehat=rng.random() < rng.choice([0.3, 0.6])))
    Household.objects.bulk_create(households)
    people = []
    end = monitoring.next_month(last) - datetime.timedelta(days=1)
    for i in range(n_children):
        sex = rng.choice("LP")
        # Born between 5 years before the first month and a month before the last.
        span = (end - datetime.timedelta(days=30)) - (first - datetime.timedelta(days=5 * 365))
        birth = first - datetime.timedelta(days=5 * 365) + datetime.timedelta(
            days=rng.randint(0, span.days))
        if i < n_children // 2:  # keep the register young enough to be weighed for a while
            birth = end - datetime.timedelta(days=rng.randint(60, 900))
        given = rng.choice(BOYS if sex == "L" else GIRLS)
        name = f"{given} {rng.choice(FAMILY)}"
        mother = f"{rng.choice(MOTHERS)} {rng.choice(FAMILY)}"
        people.append(Person(pemda=pemda, posyandu=posyandu, household=rng.choice(households),
                             name=name, name_key=services.name_key(name),
                             birth_date=birth, sex=sex, mother_name=mother,
                             mother_key=services.name_key(mother), has_kms=rng.random() < 0.9))
    Person.objects.bulk_create(people)
    people = list(Person.objects.filter(posyandu=posyandu).order_by("id"))
    Membership.objects.bulk_create([Membership(person=p, posyandu=posyandu, start=first)
                                    for p in people])
    sessions = []
    for month in months:
        held = month.replace(day=rng.randint(5, 20))
        if rng.random() < 0.08 and month != last:
            continue  # a month without hari buka (harvest, holiday)
        m_end = monitoring.next_month(month) - datetime.timedelta(days=1)
        roster = [p for p in people if p.birth_date <= m_end
                  and p.birth_date > datetime.date(month.year - 5, month.month, 1)]
        sessions.append(Session(pemda=pemda, posyandu=posyandu, month=month, held_on=held,
                                s_count=len(roster), k_count=sum(p.has_kms for p in roster),
                                table1_registration=len(roster),
                                table5_counselling="PMBA, cuci tangan pakai sabun"))
    Session.objects.bulk_create(sessions)
    sessions = list(Session.objects.filter(posyandu=posyandu).order_by("month"))
    rows = []
    for p in people:
        sex = 1 if p.sex == "L" else 2
        # A child's channel: weight and length z drift slowly around a personal level.
        base_l = nrng.normal(-1.3, 1.1)
        base_w = 0.7 * base_l + nrng.normal(0.1, 0.7)  # heavier with taller, as in life
        attend = nrng.uniform(0.8, 0.99)
        for k, s in enumerate(sessions):
            age = (s.held_on - p.birth_date).days
            if age < 0 or age > 1820 or nrng.random() > attend:
                continue
            rows.append((p, s, age, sex, base_w + 0.15 * np.sin(k / 3) + nrng.normal(0, 0.12),
                         base_l + nrng.normal(0, 0.08)))
    if not rows:
        return len(people), 0
    age = np.array([r[2] for r in rows], dtype=float)
    zw = np.array([r[4] for r in rows])
    zl = np.array([r[5] for r in rows])
    weight = np.empty(len(rows))
    length = np.empty(len(rows))
    for sex in (1, 2):
        sel = np.array([r[3] == sex for r in rows])
        weight[sel], length[sel] = _weight_length(sex, age[sel], zw[sel], zl[sel])
    weight = np.round(weight, 1)
    length = np.round(length, 1)
    position = np.where(age < 731, "l", "h").astype(object)
    res = compute(sex=np.array([r[0].sex for r in rows], dtype=object), age_days=age,
                  weight=weight, lenhei=length, measure=position,
                  oedema=np.array(["n"] * len(rows), dtype=object))
    # N/T/O/B in date order per child (rows are already grouped by child, months ascending).
    status, two_t = [], []
    prev_child, prev_month, prev_weight, prev_status = None, None, None, None
    for i, r in enumerate(rows):
        p, s = r[0], r[1]
        if p.pk != prev_child:
            prev_child, prev_month, prev_weight, prev_status = p.pk, None, None, None
        last_month_ok = prev_month is not None and prev_month == monitoring.previous_month(s.month)
        st = growthstatus.status(weight_kg=float(weight[i]), age_days=age[i],
                                 previous_weight_kg=prev_weight if last_month_ok else None,
                                 weighed_last_month=last_month_ok,
                                 weighed_before=prev_month is not None)
        status.append(st)
        two_t.append(growthstatus.is_two_t(st, prev_status if last_month_ok else None))
        prev_month, prev_weight, prev_status = s.month, float(weight[i]), st
    objs = []
    for i, r in enumerate(rows):
        p, s = r[0], r[1]

        def z(name, i=i):
            v = res[name][i]
            return None if np.isnan(v) else float(v)

        objs.append(Measurement(
            pemda=pemda, session=s, person=p, posyandu=posyandu, month=s.month,
            desa_code=posyandu.desa_code, kecamatan_code=posyandu.desa_code[:8],
            kabupaten_code=posyandu.desa_code[:5], measured_on=s.held_on, age_days=int(age[i]),
            weight_kg=f"{weight[i]:.2f}", length_cm=f"{length[i]:.1f}", position=position[i],
            vitamin_a=s.month.month in (2, 8) and age[i] >= 183 and nrng.random() < 0.85,
            immunisations=["Campak-Rubela"] if 270 <= age[i] < 300 else [],
            asi_eksklusif=(nrng.random() < 0.7) if age[i] < 183 else None,
            pmt=bool(z("zwei") is not None and z("zwei") < -2),
            zwei=z("zwei"), zlen=z("zlen"), zwfl=z("zwfl"), zbmi=z("zbmi"),
            kategori_bb_u=res["kategori_bb_u"][i] or "",
            kategori_pb_tb_u=res["kategori_pb_tb_u"][i] or "",
            kategori_bb_pb_tb=res["kategori_bb_pb_tb"][i] or "",
            growth_status=status[i], two_t=two_t[i],
            bgm=growthstatus.is_bgm(z("zwei")), kbm_version=growthstatus.DEFAULT_KBM_VERSION))
    Measurement.objects.bulk_create(objs, batch_size=1000)
    latest = [m for m in Measurement.objects.filter(posyandu=posyandu, month=months[-1])]
    alerts = [Alert(pemda=pemda, measurement=m, person_id=m.person_id, posyandu=posyandu,
                    kind=kind) for m in latest for kind in monitoring.alert_kinds(m)]
    Alert.objects.bulk_create(alerts)
    return len(people), len(objs)
