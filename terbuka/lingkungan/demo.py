"""Demo data: Banggai's 38 bank sampah with a year of books, weekly Jumat Bersih, 13 parks and
yard-farming households; a small set for Sumbawa Barat; nothing for the province (bank sampah
and parks are kabupaten business).

The year of bank sampah books is simulated in memory with the same arithmetic the services
use (`ledger.line_amount`, `ledger.entries_for`, `ledger.account_balances`) and written with
bulk inserts: some 20,000 deposits through the services would take minutes. The simulation
keeps every rule the services keep (prices from their day, no withdrawal above balance or
cash, no sale above stock) and the demo test runs `ledger_verify` on every unit afterwards.

The counts (38 bank sampah, 13 parks) are from Banggai's OGP commitment; unit, park, group and
people's names are invented; desa are real Kemendagri codes; prices follow the usual scale of
bank sampah price lists in Sulawesi (PET Rp 3,000–4,000/kg, cans Rp 9,000–12,000/kg).
"""

from __future__ import annotations

import datetime
import random
import zlib
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from terbuka.core import audit
from terbuka.core.models import Region, RegionLevel
from terbuka.lingkungan import ledger
from terbuka.lingkungan.models import (
    Account,
    CareGroup,
    CleanupEvent,
    CleanupWaste,
    Component,
    ExtensionVisit,
    Harvest,
    Household,
    Nasabah,
    Park,
    PeriodClose,
    Planting,
    Plot,
    Posting,
    Stock,
    Transaksi,
    TransaksiLine,
    Unit,
    WastePrice,
    WasteType,
)
from terbuka.lingkungan.services.banksampah import NUMBER_PREFIX

# code, name, category, usual buying price per kg, (min kg, max kg) a household brings
WASTE_TYPES = (
    ("pet", "Botol plastik PET", "plastik", 3500, (0.3, 4)),
    ("gelas-plastik", "Gelas plastik air mineral", "plastik", 4000, (0.2, 2.5)),
    ("plastik-keras", "Plastik keras (ember, jeriken)", "plastik", 2000, (0.5, 5)),
    ("kresek", "Kantong plastik (kresek)", "plastik", 500, (0.2, 3)),
    ("kardus", "Kardus", "kertas", 1500, (1, 12)),
    ("kertas-hvs", "Kertas HVS dan buku", "kertas", 2000, (0.5, 8)),
    ("koran", "Koran dan majalah", "kertas", 1200, (0.5, 6)),
    ("kaleng", "Kaleng aluminium", "logam", 10000, (0.1, 1.5)),
    ("besi", "Besi dan seng", "logam", 3000, (0.5, 8)),
    ("botol-kaca", "Botol kaca", "kaca", 500, (0.5, 6)),
)

SCHOOLS = (
    "SD Negeri 1 Luwuk", "SD Negeri 2 Luwuk", "SD Negeri Soho", "SD Negeri Bungin",
    "SD Negeri Karaton", "SMP Negeri 1 Luwuk", "SMP Negeri 2 Luwuk", "SMA Negeri 1 Luwuk",
    "SMK Negeri 1 Luwuk", "MTs Negeri 1 Banggai", "SD Negeri Kilongan", "SMP Negeri 3 Luwuk",
    "SD Negeri Simpong", "SMA Negeri 2 Luwuk", "SD Negeri Hanga-Hanga", "SMP Negeri 1 Toili",
    "SMA Negeri 1 Batui", "SD Negeri 1 Pagimana",
)
PUBLIC_PLACES = (
    ("Pasar Simpong", "72.01.20.1002"), ("Terminal Bandar Luwuk", "72.01.04.1009"),
    ("RSUD Luwuk", "72.01.04.1031"), ("Kompleks Perkantoran Bukit Halimun", "72.01.20.1007"),
    ("Pelabuhan Luwuk", "72.01.04.1010"), ("Pantai Kilongan", "72.01.21.1010"),
    ("Pasar Batui", None), ("Masjid Agung An-Nur Luwuk", "72.01.04.1012"),
)
SCHOOL_KECAMATAN = {"Toili": "72.01.09", "Batui": "72.01.01", "Pagimana": "72.01.07"}
DESA_UNITS = 12
LUWUK = ("72.01.04", "72.01.20", "72.01.21")  # the three kecamatan of the 3R commitment

FIRST = ("Siti", "Nur", "Rahma", "Ayu", "Dewi", "Fitri", "Sri", "Wahyuni", "Yulia", "Hasna",
         "Andi", "Muhammad", "Rizal", "Fajar", "Arif", "Hendra", "Ikhsan", "Yusuf", "Budi",
         "Ahmad", "Nurhayati", "Marlina", "Sartika", "Irwan", "Samsul", "Jumiati", "Halima")
LAST = ("Lamusu", "Tamalagi", "Mokodompit", "Lasaka", "Pakaya", "Salim", "Abas", "Laiya",
        "Hamzah", "Rauf", "Tahir", "Umar", "Saleh", "Djalil", "Batalipu", "Mamonto", "Bakari",
        "Lawani", "Sumual", "Kasim")
BUYERS = (("CV Daur Ulang Luwuk", "pengepul"), ("UD Sumber Rezeki", "pengepul"),
          ("Bank Sampah Induk Banggai", "bsi"), ("PT Plastik Lestari Makassar", "industri"))

PARKS = (
    "Taman Kota Luwuk", "Taman Teluk Lalong", "Taman Bukit Halimun", "Taman Kilongan",
    "Taman Simpong", "Taman Hanga-Hanga Permai", "Taman Baca Soho", "Taman Bungin",
    "Taman Karaton", "Taman Jole", "Taman Pantai Maahas", "Taman Kompo", "Taman Lumpoknyo",
)
CLEANUP_PLACES = ("Pantai Teluk Lalong", "Pasar Simpong", "Jalan Ahmad Yani",
                  "Kompleks Bukit Halimun", "Pantai Kilongan", "Lapangan Persatuan Luwuk",
                  "Sungai Hanga-Hanga", "Terminal Bandar Luwuk")
COMMODITIES = {
    "sayur": (("Kangkung", 1, 6), ("Bayam", 1, 5), ("Cabai rawit", 0.3, 2.5),
              ("Tomat", 1, 6), ("Terong", 1, 5)),
    "toga": (("Jahe", 0.3, 2), ("Kunyit", 0.3, 2), ("Serai", 0.5, 2)),
    "kolam": (("Ikan nila", 5, 25), ("Ikan lele", 5, 30)),
    "unggas": (("Telur ayam kampung", 10, 40),),
}


@dataclass(frozen=True)
class Scale:
    units: int
    days: int
    customers: tuple[int, int]
    parks: int
    cleanups: int
    households: int


SCALES = {
    "banggai": Scale(units=38, days=365, customers=(15, 40), parks=13, cleanups=52,
                     households=240),
    "ksb": Scale(units=4, days=120, customers=(10, 20), parks=3, cleanups=8, households=30),
}


def load(pemda, stdout=None) -> dict[str, int]:
    scale = SCALES.get(pemda.slug)
    if scale is None:
        return {}
    rng = random.Random(zlib.crc32(f"lingkungan/{pemda.slug}".encode()))
    today = timezone.localdate()
    counts: dict[str, int] = {}
    desa = list(Region.objects.filter(kabupaten_code=pemda.region_id,
                                      level=RegionLevel.DESA_KELURAHAN).order_by("code"))
    if not desa:
        return {}
    if not Unit.objects.filter(pemda=pemda).exists():
        counts.update(_bank_sampah(pemda, scale, rng, today, desa))
    if not CleanupEvent.objects.filter(pemda=pemda).exists():
        counts["cleanups"] = _cleanups(pemda, scale, rng, today, desa)
    if not Park.objects.filter(pemda=pemda).exists():
        counts["parks"] = _parks(pemda, scale, rng, desa)
    if not Household.objects.filter(pemda=pemda).exists():
        counts["households"] = _pekarangan(pemda, scale, rng, today, desa)
    if counts:
        audit.record(actor=None, action="lingkungan.demo.load", pemda=pemda, changes=counts)
    if stdout is not None:
        stdout.write("  lingkungan: " + (", ".join(f"{v} {k}" for k, v in counts.items())
                                         or "already loaded") + "\n")
    return counts


def _near_luwuk(desa: list[Region]) -> list[Region]:
    near = [d for d in desa if d.kecamatan_code in LUWUK]
    return near or desa


def _round_to(value: float, step: int) -> Decimal:
    return Decimal(max(step, int(round(value / step)) * step))


def _kg(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(str(round(rng.uniform(low, high), 1 if high > 2 else 2))).quantize(
        ledger.GRAM) or Decimal("0.100")


def _waste_types(pemda) -> list[WasteType]:
    existing = {w.code: w for w in WasteType.objects.filter(pemda=pemda)}
    missing = [WasteType(pemda=pemda, code=c, name=n, category=cat)
               for c, n, cat, _p, _r in WASTE_TYPES if c not in existing]
    WasteType.objects.bulk_create(missing)
    return list(WasteType.objects.filter(pemda=pemda, code__in=[w[0] for w in WASTE_TYPES]))


def _unit_specs(pemda, scale: Scale, rng: random.Random, desa: list[Region]) -> list[tuple]:
    if pemda.slug != "banggai":
        kinds = ("sekolah", "desa", "publik")
        labels = {"sekolah": "SD Negeri", "desa": "Desa", "publik": "Pasar"}
        chosen = rng.sample(desa, scale.units)
        return [(f"Bank Sampah {labels[kinds[i % 3]]} {d.name}", kinds[i % 3], d)
                for i, d in enumerate(chosen)]
    near = _near_luwuk(desa)
    by_code = {d.code: d for d in desa}
    specs = []
    n_schools = round(scale.units * 18 / 38)
    n_public = round(scale.units * 8 / 38)
    n_desa = scale.units - n_schools - n_public
    for name in SCHOOLS[:n_schools]:
        kecamatan = next((k for key, k in SCHOOL_KECAMATAN.items() if key in name), None)
        pool = [d for d in desa if d.kecamatan_code == kecamatan] if kecamatan else near
        specs.append((f"Bank Sampah {name}", "sekolah", rng.choice(pool or near)))
    for name, code in PUBLIC_PLACES[:n_public]:
        region = by_code.get(code) if code else None
        specs.append((f"Bank Sampah {name}", "publik", region or rng.choice(desa)))
    chosen = rng.sample(near, min(n_desa, len(near)))
    for region in chosen:
        label = "Kelurahan" if region.is_kelurahan else "Desa"
        specs.append((f"Bank Sampah {label} {region.name}", "desa", region))
    return specs


class _Books:
    """One unit's books as they are simulated: rows to insert and the running balances."""

    def __init__(self, unit: Unit):
        self.unit = unit
        self.trx: list[tuple[Transaksi, list, list]] = []  # (transaksi, lines, entries)
        self.cash = ledger.ZERO
        self.savings: dict[int, Decimal] = defaultdict(lambda: ledger.ZERO)
        self.stock: dict[int, Decimal] = defaultdict(lambda: ledger.ZERO)
        self.serial: dict[str, int] = defaultdict(int)
        self.month_end: dict[datetime.date, tuple[Decimal, Decimal]] = {}

    def record(self, kind, on, amount, *, nasabah=None, lines=(), credit=None, **extra):
        prefix = f"{NUMBER_PREFIX[kind]}{on:%y%m}-"
        self.serial[prefix] += 1
        number = f"{prefix}{self.serial[prefix]:05d}"
        trx = Transaksi(unit=self.unit, kind=kind, date=on, number=number, nasabah=nasabah,
                        amount=amount, **extra)
        entries = ledger.entries_for(kind, amount, nasabah.pk if nasabah else None, credit)
        balances = ledger.account_balances(entries)
        self.cash += balances.get((Account.KAS, None), ledger.ZERO)
        if nasabah is not None:
            self.savings[nasabah.pk] += balances.get((Account.TABUNGAN, nasabah.pk), ledger.ZERO)
        sign = 1 if kind == "setoran" else -1
        for wt, kg, _price, _amount in lines:
            self.stock[wt.pk] += sign * kg
        self.trx.append((trx, list(lines), entries))
        self.month_end[ledger.month_start(on)] = (self.cash, sum(self.savings.values(),
                                                                  ledger.ZERO))


def _bank_sampah(pemda, scale, rng, today, desa) -> dict[str, int]:
    types = _waste_types(pemda)
    spec_by_code = {w[0]: w for w in WASTE_TYPES}
    start = today - datetime.timedelta(days=scale.days)
    Unit.objects.bulk_create([
        Unit(pemda=pemda, name=name, kind=kind, region=region, founded=start,
             manager_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
             address=f"{region.name}, {pemda.short_name}")
        for name, kind, region in _unit_specs(pemda, scale, rng, desa)
    ])
    units = list(Unit.objects.filter(pemda=pemda).order_by("pk"))
    prices, customers = [], []
    change_day = start + datetime.timedelta(days=scale.days // 2)
    price_table: dict[tuple[int, int], list[tuple[datetime.date, Decimal]]] = {}
    for unit in units:
        factor = rng.uniform(0.85, 1.1)
        for wt in types:
            base = spec_by_code[wt.code][3] * factor
            first, second = _round_to(base, 50), _round_to(base * rng.uniform(0.9, 1.15), 50)
            price_table[(unit.pk, wt.pk)] = [(start, first), (change_day, second)]
            prices += [WastePrice(unit=unit, waste_type=wt, valid_from=start, price_per_kg=first),
                       WastePrice(unit=unit, waste_type=wt, valid_from=change_day,
                                  price_per_kg=second)]
        for i in range(rng.randint(*scale.customers)):
            is_class = unit.kind == "sekolah" and i < 3
            name = (f"Kelas {i + 4}{'ABC'[i % 3]}" if is_class
                    else f"{rng.choice(FIRST)} {rng.choice(LAST)}")
            customers.append(Nasabah(
                unit=unit, number=f"{i + 1:05d}", name=name,
                kind="lembaga" if is_class else "perorangan",
                joined=start + datetime.timedelta(days=rng.randint(0, scale.days // 2))))
    WastePrice.objects.bulk_create(prices)
    Nasabah.objects.bulk_create(customers, batch_size=1000)
    people: dict[int, list[Nasabah]] = defaultdict(list)
    for n in Nasabah.objects.filter(unit__pemda=pemda).order_by("pk"):
        people[n.unit_id].append(n)

    books = [_simulate(unit, people[unit.pk], types, spec_by_code, price_table, rng, start,
                       today) for unit in units]
    return _write(books, units, people, start, today)


def _price(table, unit, wt, on) -> Decimal:
    return [p for day, p in table[(unit.pk, wt.pk)] if day <= on][-1]


def _simulate(unit, people, types, spec_by_code, price_table, rng, start, today) -> _Books:
    book = _Books(unit)
    book.record("kas_masuk", start, _round_to(rng.uniform(300_000, 1_500_000), 50_000),
                credit=Account.MODAL, note="Modal awal (hibah DLH)")
    weekday = rng.randint(0, 5)  # the unit's opening day
    favourite = {n.pk: rng.sample(types, 3) for n in people}
    day = start + datetime.timedelta(days=(weekday - start.weekday()) % 7)
    while day <= today:
        for n in people:
            if n.joined > day or rng.random() > 0.35:
                continue
            chosen = rng.sample(favourite[n.pk], rng.randint(1, 3))
            lines = []
            for wt in chosen:
                low, high = spec_by_code[wt.code][4]
                kg = _kg(rng, low, high)
                price = _price(price_table, unit, wt, day)
                lines.append((wt, kg, price, ledger.line_amount(kg, price)))
            book.record("setoran", day, sum((ln[3] for ln in lines), ledger.ZERO), nasabah=n,
                        lines=lines)
        for n in people:
            balance = book.savings[n.pk]
            if balance >= 30_000 and rng.random() < 0.06:
                amount = min(_round_to(float(balance) * rng.uniform(0.3, 1.0), 5_000), balance,
                             book.cash)
                amount = amount - amount % 1000
                if amount > 0:
                    book.record("penarikan", day, amount, nasabah=n)
        next_week = day + datetime.timedelta(days=7)
        if next_week.month != day.month or next_week > today:
            _month_end(book, unit, types, rng, day)
        day = next_week
    return book


def _month_end(book, unit, types, rng, day) -> None:
    """Sell most of the stock to a buyer and pay the month's small expenses."""
    buyer, kind = rng.choice(BUYERS)
    lines = []
    for wt in types:
        held = book.stock[wt.pk]
        if held < Decimal("5"):
            continue
        kg = (held * Decimal(str(round(rng.uniform(0.6, 1.0), 2)))).quantize(ledger.GRAM)
        price = _round_to(float(_price_of(wt)) * rng.uniform(1.2, 1.5), 50)
        lines.append((wt, kg, price, ledger.line_amount(kg, price)))
    if lines:
        book.record("penjualan", day, sum((ln[3] for ln in lines), ledger.ZERO), lines=lines,
                    buyer_name=buyer, buyer_kind=kind)
    expense = _round_to(rng.uniform(20_000, 80_000), 5_000)
    if expense <= book.cash:
        book.record("kas_keluar", day, expense, note="Karung, timbangan, transport")


def _price_of(wt) -> Decimal:
    return Decimal(next(p for c, _n, _cat, p, _r in WASTE_TYPES if c == wt.code))


def _write(books, units, people, start, today) -> dict[str, int]:
    all_trx = [t for b in books for t, _l, _e in b.trx]
    Transaksi.objects.bulk_create(all_trx, batch_size=2000)
    lines, postings, stock = [], [], []
    for book in books:
        for trx, trx_lines, entries in book.trx:
            lines += [TransaksiLine(transaksi=trx, waste_type=wt, weight_kg=kg,
                                    price_per_kg=price, amount=amount)
                      for wt, kg, price, amount in trx_lines]
            postings += [Posting(transaksi=trx, unit=book.unit, date=trx.date, debit=e.debit,
                                 credit=e.credit, amount=e.amount,
                                 nasabah=trx.nasabah if Account.TABUNGAN in (e.debit, e.credit)
                                 else None) for e in entries]
        stock += [Stock(unit=book.unit, waste_type_id=wt_id, weight_kg=kg)
                  for wt_id, kg in book.stock.items()]
    TransaksiLine.objects.bulk_create(lines, batch_size=2000)
    Posting.objects.bulk_create(postings, batch_size=2000)
    Stock.objects.bulk_create(stock)
    # The caches, as the service would have left them.
    for book in books:
        book.unit.cash_balance = book.cash
    Unit.objects.bulk_update([b.unit for b in books], ["cash_balance"])
    changed = []
    for book in books:
        for n in people[book.unit.pk]:
            n.balance = book.savings.get(n.pk, ledger.ZERO)
            changed.append(n)
    Nasabah.objects.bulk_update(changed, ["balance"], batch_size=1000)
    # Months before last month are closed, with the balances they closed on.
    last_open = ledger.month_start(ledger.month_start(today) - datetime.timedelta(days=1))
    closes = []
    for book in books:
        cash = savings = ledger.ZERO
        month = ledger.month_start(start)
        while month < last_open:
            cash, savings = book.month_end.get(month, (cash, savings))
            closes.append(PeriodClose(unit=book.unit, month=month, cash_balance=cash,
                                      savings_total=savings))
            month = (month + datetime.timedelta(days=32)).replace(day=1)
    PeriodClose.objects.bulk_create(closes)
    return {"bank_sampah": len(units), "customers": sum(len(v) for v in people.values()),
            "transactions": len(all_trx), "closed_months": len(closes)}


def _cleanups(pemda, scale, rng, today, desa) -> int:
    near = _near_luwuk(desa)
    friday = today - datetime.timedelta(days=(today.weekday() - 4) % 7)
    events, waste = [], []
    for week in range(scale.cleanups):
        region = rng.choice(near)
        events.append(CleanupEvent(
            pemda=pemda, title="Jumat Bersih", date=friday - datetime.timedelta(weeks=week),
            region=region, place=rng.choice(CLEANUP_PLACES),
            organiser=rng.choice((f"DLH {pemda.short_name}", f"Kelurahan {region.name}",
                                  "TP-PKK", "Karang Taruna", "Aisyiyah Banggai")),
            participants=rng.randint(25, 180)))
    CleanupEvent.objects.bulk_create(events)
    ranges = {"plastik": (10, 80), "organik": (20, 200), "kertas": (2, 20), "kaca": (0, 10),
              "logam": (0, 8), "lainnya": (5, 30)}
    for event in CleanupEvent.objects.filter(pemda=pemda):
        for category, (low, high) in ranges.items():
            kg = Decimal(str(round(rng.uniform(low, high), 1)))
            if kg > 0:
                waste.append(CleanupWaste(event=event, category=category, weight_kg=kg))
    CleanupWaste.objects.bulk_create(waste)
    return len(events)


def _parks(pemda, scale, rng, desa) -> int:
    near = _near_luwuk(desa)
    by_name = {d.name.lower(): d for d in near}
    parks = []
    names = PARKS if pemda.slug == "banggai" else [f"Taman {d.name}" for d in near]
    for name in names[:scale.parks]:
        region = next((d for key, d in by_name.items() if key in name.lower()), None)
        parks.append(Park(pemda=pemda, name=name, region=region or rng.choice(near),
                          area_m2=Decimal(rng.randrange(800, 25_000, 50))))
    Park.objects.bulk_create(parks)
    groups = []
    for park in Park.objects.filter(pemda=pemda):
        place = park.name.removeprefix("Taman ")
        names = [f"Kelompok Peduli {park.name}"] + rng.sample(
            [f"Karang Taruna {place}", f"TP-PKK {place}", f"Pemuda Masjid {place}"],
            rng.randint(0, 1))
        groups += [CareGroup(park=park, name=n, leader=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                             members=rng.randint(8, 30),
                             since=datetime.date(rng.randint(2019, 2024), 1, 1))
                   for n in names]
    CareGroup.objects.bulk_create(groups)
    return len(parks)


def _pekarangan(pemda, scale, rng, today, desa) -> int:
    villages = rng.sample(desa, min(12, len(desa)))
    start = today - datetime.timedelta(days=365)
    households = [Household(
        pemda=pemda, region=rng.choice(villages),
        head_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", members=rng.randint(2, 7),
        women_headed=rng.random() < 0.2, has_disability=rng.random() < 0.08,
        joined=start + datetime.timedelta(days=rng.randint(0, 120)))
        for _ in range(scale.households)]
    Household.objects.bulk_create(households)
    households = list(Household.objects.filter(pemda=pemda).order_by("pk"))
    plots = [Plot(household=h, area_m2=Decimal(rng.randrange(15, 200)),
                  location=f"Pekarangan rumah, {h.region.name}") for h in households]
    Plot.objects.bulk_create(plots)
    plots = list(Plot.objects.filter(household__pemda=pemda).select_related("household"))
    components = []
    for plot in plots:
        kinds = ["sayur"] + rng.sample(["kolam", "unggas", "kompos", "toga"], rng.randint(1, 3))
        components += [Component(plot=plot, kind=k, started=plot.household.joined)
                       for k in kinds]
    Component.objects.bulk_create(components)
    plantings, harvests, visits = [], [], []
    for c in Component.objects.filter(plot__household__pemda=pemda).select_related(
            "plot__household"):
        if c.kind == "kompos":
            continue
        name, low, high = rng.choice(COMMODITIES[c.kind])
        plantings.append(Planting(component=c, date=c.started, commodity=name,
                                  quantity=Decimal(rng.randint(10, 100)),
                                  unit={"sayur": "bibit", "toga": "bibit", "kolam": "benih ikan",
                                        "unggas": "ekor"}[c.kind]))
        every = {"sayur": 30, "toga": 60, "kolam": 110, "unggas": 14}[c.kind]
        day = c.started + datetime.timedelta(days=every)
        while day <= today:
            unit = "butir" if c.kind == "unggas" else "kg"
            amount = Decimal(rng.randint(int(low), int(high))) if unit == "butir" else Decimal(
                str(round(rng.uniform(low, high), 1)))
            sold = (amount * Decimal(str(round(rng.uniform(0, 0.6), 1)))).quantize(
                Decimal("0.1") if unit == "kg" else Decimal("1"))
            shared = ((amount - sold) * Decimal(str(round(rng.uniform(0, 0.3), 1)))).quantize(
                Decimal("0.1") if unit == "kg" else Decimal("1"))
            eaten = amount - sold - shared
            per = 2000 if unit == "butir" else {"sayur": 8000, "toga": 12000,
                                                 "kolam": 30000}[c.kind]
            harvests.append(Harvest(component=c, date=day, commodity=name, unit=unit,
                                    amount=amount, eaten=eaten, sold=sold, shared=shared,
                                    sold_value=(sold * per).quantize(ledger.RUPIAH)))
            day += datetime.timedelta(days=every + rng.randint(-3, 5))
    for h in households:
        for _ in range(rng.randint(1, 4)):
            visits.append(ExtensionVisit(
                household=h, date=h.joined + datetime.timedelta(days=rng.randint(0, 300)),
                officer=f"{rng.choice(FIRST)} {rng.choice(LAST)} (PPL)",
                topic=rng.choice(("Pembuatan kompos", "Pembibitan sayur", "Budidaya nila",
                                  "Pakan ayam kampung", "Pengendalian hama"))))
    Planting.objects.bulk_create(plantings, batch_size=2000)
    Harvest.objects.bulk_create(harvests, batch_size=2000)
    ExtensionVisit.objects.bulk_create([v for v in visits if v.date <= today])
    return len(households)
