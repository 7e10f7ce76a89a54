"""Demo data: the three OGP Local members Terbuka is first built for, ready to click through.

`load_demo()` creates Provinsi Nusa Tenggara Barat, Kabupaten Sumbawa Barat and Kabupaten
Banggai with their OPD (from `data/ogp_local_opd.json`, see data/README.md), kecamatan offices,
a few service units, dusun and posyandu in real desa, and one user per role per pemda; then it
runs every registered module's demo loader. It writes through the same services as the web
interface (as the system actor), so the audit log shows where every row came from. Running it
again adds what is missing and changes nothing else, except that demo passwords are reset.

Dusun and posyandu names, service units and the people behind the demo accounts are invented;
the desa they sit in, the pemda and the OPD are real.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from importlib import resources
from typing import TextIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from terbuka.core import registry, services
from terbuka.core.models import (
    Opd,
    OpdKind,
    Pemda,
    Place,
    PlaceKind,
    Region,
    RegionLevel,
    Role,
    RoleAssignment,
    UnitLayanan,
)

# Only ever used when TERBUKA_ENV is not production (load_demo refuses to run there).
DEMO_PASSWORD = "terbuka-demo"  # noqa: S105


class DemoError(Exception):
    """Why the demo cannot be loaded here, in words for the person who ran the command."""


@dataclass(frozen=True)
class DemoPemda:
    slug: str
    region_code: str
    name: str
    short_name: str
    kind: str
    profile: dict[str, str]
    # (desa code, dusun name, posyandu names in that dusun)
    places: tuple[tuple[str, str, tuple[str, ...]], ...]
    # (OPD acronym, unit name, region code, address)
    units: tuple[tuple[str, str, str, str], ...] = ()
    # Acronyms of the OPD that scoped demo roles are granted in.
    produsen_opd: str = "Dinkes"
    petugas_opd: str = "Dinas PUPR"


PEMDA: tuple[DemoPemda, ...] = (
    DemoPemda(
        slug="ntb",
        region_code="52",
        name="Provinsi Nusa Tenggara Barat",
        short_name="NTB",
        kind="provinsi",
        profile={
            "tagline": "Anggota OGP Local: Satu Data NTB, NTB Care, revitalisasi posyandu",
            "address": "Jl. Pejanggik No. 12, Mataram, Nusa Tenggara Barat 83121",
            "website": "https://ntbprov.go.id",
        },
        places=(
            ("52.01.01.2002", "Dusun Kebon Ayu Timur", ("Posyandu Melati", "Posyandu Mawar")),
            ("52.01.01.2003", "Dusun Gapuk Barat", ("Posyandu Kenanga",)),
        ),
        units=(
            ("Dinkes", "UPTD Laboratorium Kesehatan Daerah", "52.71.05", "Mataram"),
        ),
    ),
    DemoPemda(
        slug="ksb",
        region_code="52.07",
        name="Kabupaten Sumbawa Barat",
        short_name="Sumbawa Barat",
        kind="kabupaten",
        profile={
            "tagline": "Anggota OGP Local: Pola Pemberdayaan Gotong Royong, Satu Data KSB",
            "address": "Komplek Kemutar Telu Center, Taliwang, Sumbawa Barat 84355",
            "website": "https://sumbawabaratkab.go.id",
        },
        places=(
            ("52.07.02.2001", "Dusun Labuhan Lalar I", ("Posyandu Melati", "Posyandu Anggrek")),
            ("52.07.02.2011", "Dusun Seloto", ("Posyandu Mawar",)),
            ("52.07.03.2001", "Dusun Meraran", ("Posyandu Kenanga",)),
            ("52.07.08.2002", "Dusun Benete", ("Posyandu Dahlia",)),
        ),
        units=(
            ("Dinkes", "Puskesmas Taliwang", "52.07.02", "Taliwang"),
            ("Dinkes", "Puskesmas Seteluk", "52.07.03", "Seteluk"),
            ("Dinkes", "Puskesmas Maluk", "52.07.08", "Maluk"),
            ("Disdukcapil", "Loket Pelayanan Adminduk Taliwang", "52.07.02", "Taliwang"),
        ),
        petugas_opd="DPUPR",
    ),
    DemoPemda(
        slug="banggai",
        region_code="72.01",
        name="Kabupaten Banggai",
        short_name="Banggai",
        kind="kabupaten",
        profile={
            "tagline": "Anggota OGP Local: Banggai Satu Data, pekarangan pangan, bank sampah",
            "address": "Jl. Jend. Sudirman No. 1, Luwuk, Banggai, Sulawesi Tengah 94711",
            "website": "https://banggaikab.go.id",
        },
        places=(
            ("72.01.04.2008", "Dusun Tontouan I", ("Posyandu Cempaka", "Posyandu Flamboyan")),
            ("72.01.09.2014", "Dusun Singkoyo Barat", ("Posyandu Kemuning",)),
            ("72.01.09.2011", "Dusun Sentral Sari", ("Posyandu Seroja",)),
            ("72.01.01.2002", "Dusun Nonong", ("Posyandu Teratai",)),
        ),
        units=(
            ("Dinkes", "Puskesmas Luwuk", "72.01.04", "Luwuk"),
            ("Dinkes", "Puskesmas Toili I", "72.01.09", "Toili"),
            ("Dinkes", "Puskesmas Batui", "72.01.01", "Batui"),
            ("Disdukcapil", "Loket Pelayanan Adminduk Luwuk", "72.01.04", "Luwuk"),
        ),
    ),
)

# Suffix of each role's demo username: <pemda slug>.<suffix>, e.g. ksb.kader.
ROLE_USERNAMES: dict[str, str] = {
    Role.ADMIN_PEMDA: "admin",
    Role.WALIDATA: "walidata",
    Role.PRODUSEN_DATA: "produsen",
    Role.OPERATOR_ADUAN: "aduan",
    Role.PETUGAS_OPD: "petugas",
    Role.INSPEKTORAT: "inspektorat",
    Role.KADER_POSYANDU: "kader",
    Role.NAKES: "nakes",
    Role.PEMANTAU: "pemantau",
    Role.WARGA: "warga",
    Role.PEMBINA_DATA: "pembina",
    Role.SEKRETARIAT_OGP: "sekretariat",
    Role.PETUGAS_SOSIAL: "sosial",
    Role.PENDAMPING: "pendamping",
    Role.PENGELOLA_LINGKUNGAN: "lingkungan",
    Role.PIMPINAN: "pimpinan",
}

_KECAMATAN_URUSAN = "Kewilayahan: pelayanan dan koordinasi pemerintahan di kecamatan"


@dataclass
class DemoAccount:
    username: str
    password: str
    role: str
    pemda: str
    scope: str


@dataclass
class DemoReport:
    accounts: list[DemoAccount] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n


def demo_username(pemda: Pemda | str, role: str) -> str:
    slug = pemda if isinstance(pemda, str) else pemda.slug
    return f"{slug}.{ROLE_USERNAMES[role]}"


def demo_user(pemda: Pemda, role: str):
    """The demo account holding `role` in `pemda`, for modules' demo loaders; None if absent."""
    return get_user_model().objects.filter(username=demo_username(pemda, role)).first()


def opd_data() -> dict[str, list[dict]]:
    text = resources.files("terbuka.core").joinpath("data/ogp_local_opd.json").read_text("utf-8")
    return json.loads(text)["pemda"]


def check_can_load() -> None:
    if settings.PRODUCTION:
        raise DemoError(
            "Refusing to load demo data with TERBUKA_ENV=production: it creates accounts with a "
            "published password."
        )
    needed = {p.region_code for p in PEMDA}
    found = set(Region.objects.filter(code__in=needed).values_list("code", flat=True))
    has_desa = Region.objects.filter(
        kabupaten_code="52.07", level=RegionLevel.DESA_KELURAHAN
    ).exists()
    if found != needed or not has_desa:
        raise DemoError(
            "The region codes are not loaded (missing: "
            f"{', '.join(sorted(needed - found)) or 'desa of 52.07'}). "
            "Run `terbuka load_regions` first."
        )


def load_demo(*, stdout: TextIO | None = None,
              modules: Collection[str] | None = None) -> DemoReport:
    """The three demo pemda, then the demo data of every module (or only of `modules`)."""
    check_can_load()
    report = DemoReport()
    sources = opd_data()
    for spec in PEMDA:
        with transaction.atomic():
            pemda = _pemda(spec, report)
            _opd(pemda, sources[spec.slug], report)
            if spec.kind != "provinsi":
                _kecamatan_offices(pemda, report)
            _units(pemda, spec, report)
            posyandu = _places(pemda, spec, report)
            _accounts(pemda, spec, posyandu, report)
    for module in registry.modules():
        if module.demo_loader is None or (modules is not None and module.name not in modules):
            continue
        for spec in PEMDA:
            pemda = Pemda.objects.get(slug=spec.slug)
            if pemda.uses_module(module.name):
                with transaction.atomic():
                    module.demo_loader(pemda, stdout)
    return report


def _pemda(spec: DemoPemda, report: DemoReport) -> Pemda:
    pemda = Pemda.objects.filter(slug=spec.slug).first()
    if pemda is not None:
        # An admin may have edited the profile since; the demo leaves it as it is.
        return pemda
    report.count("pemda")
    return services.pemda_create(
        actor=None, slug=spec.slug, name=spec.name, short_name=spec.short_name, kind=spec.kind,
        region_code=spec.region_code, **spec.profile,
    )


def _opd(pemda: Pemda, rows: list[dict], report: DemoReport) -> None:
    existing = set(Opd.objects.filter(pemda=pemda).values_list("name", flat=True))
    # Parents first: units of the Setda name it by acronym.
    for row in sorted(rows, key=lambda r: r["parent"] is not None):
        if row["name"] in existing:
            continue
        parent = (
            Opd.objects.get(pemda=pemda, acronym=row["parent"]) if row["parent"] else None
        )
        services.opd_create(
            actor=None, pemda=pemda, name=row["name"], kind=row["kind"],
            acronym=row["acronym"], urusan=row["urusan"], parent=parent,
        )
        report.count("opd")


def _kecamatan_offices(pemda: Pemda, report: DemoReport) -> None:
    existing = set(
        Opd.objects.filter(pemda=pemda, kind=OpdKind.KECAMATAN).values_list("region_id", flat=True)
    )
    kecamatan = Region.objects.filter(
        kabupaten_code=pemda.region_id, level=RegionLevel.KECAMATAN
    ).exclude(code__in=existing)
    for region in kecamatan:
        services.opd_create(
            actor=None, pemda=pemda, name=f"Kecamatan {region.name}", kind=OpdKind.KECAMATAN,
            urusan=_KECAMATAN_URUSAN, region_code=region.code,
        )
        report.count("opd")


def _units(pemda: Pemda, spec: DemoPemda, report: DemoReport) -> None:
    for acronym, name, region_code, address in spec.units:
        opd = Opd.objects.get(pemda=pemda, acronym=acronym)
        if UnitLayanan.objects.filter(opd=opd, name=name).exists():
            continue
        services.unit_layanan_create(
            actor=None, opd=opd, name=name, address=address, region_code=region_code
        )
        report.count("unit_layanan")


def _places(pemda: Pemda, spec: DemoPemda, report: DemoReport) -> list[Place]:
    posyandu: list[Place] = []
    for desa, dusun_name, posyandu_names in spec.places:
        dusun = _place(pemda, PlaceKind.DUSUN, dusun_name, desa, None, report)
        for name in posyandu_names:
            posyandu.append(_place(pemda, PlaceKind.POSYANDU, name, desa, dusun, report))
    return posyandu


def _place(pemda, kind, name, desa, parent, report) -> Place:
    place = Place.objects.filter(pemda=pemda, kind=kind, region_id=desa, name=name).first()
    if place is None:
        place = services.place_create(
            actor=None, pemda=pemda, kind=kind, name=name, region_code=desa, parent=parent
        )
        report.count(kind)
    return place


def _accounts(pemda: Pemda, spec: DemoPemda, posyandu: list[Place], report: DemoReport) -> None:
    User = get_user_model()
    # One hash for every demo account: hashing is deliberately slow, and 30 of them add up.
    password_hash = make_password(DEMO_PASSWORD)
    place = posyandu[0]
    kecamatan = place.region.parent_id
    scopes: dict[str, dict] = {
        Role.PRODUSEN_DATA: {"opd": Opd.objects.get(pemda=pemda, acronym=spec.produsen_opd)},
        Role.PETUGAS_OPD: {"opd": Opd.objects.get(pemda=pemda, acronym=spec.petugas_opd)},
        Role.KADER_POSYANDU: {"place": place},
        Role.NAKES: {"region_code": kecamatan},
    }
    for role, suffix in ROLE_USERNAMES.items():
        username = f"{pemda.slug}.{suffix}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                email=f"{username}@example.org",
                full_name=f"{Role(role).label} {pemda.short_name} (demo)",
            )
            report.count("user")
        # Reset on every run so the printed password always works.
        user.password = password_hash
        user.save()
        scope = scopes.get(role, {})
        held = RoleAssignment.objects.filter(user=user, role=role, pemda=pemda, is_active=True)
        if not held.exists():
            services.role_grant(actor=None, user=user, role=role, pemda=pemda, **scope)
            report.count("role")
        report.accounts.append(
            DemoAccount(
                username=username, password=DEMO_PASSWORD, role=str(Role(role).label),
                pemda=pemda.short_name, scope=_describe(scope),
            )
        )


def _describe(scope: dict) -> str:
    if "opd" in scope:
        return f"OPD {scope['opd']}"
    if "place" in scope:
        place = scope["place"]
        return f"{place.name} ({place.region.name})"
    if "region_code" in scope:
        region = Region.objects.get(pk=scope["region_code"])
        return f"Kecamatan {region.name} ({region.code})"
    return "whole pemda"
