"""Shared test data builders. Import from any app's tests:

    from terbuka.core.tests.factories import make_pemda, make_opd, make_place, make_user

They write rows directly (not through services) so a test of a service never depends on that
same service to build its fixtures. Regions come from the shipped list, but only the subtree a
test asks for (a kabupaten is ~100 rows), never all 91,599.
"""

from __future__ import annotations

from itertools import count

from terbuka.core.models import (
    Opd,
    OpdKind,
    Pemda,
    PemdaKind,
    Place,
    PlaceKind,
    Region,
    RegionLevel,
    Role,
    RoleAssignment,
)
from terbuka.core.regions import ancestor_codes, is_within, packaged_rows

_serial = count(1)

# Demo-sized areas used across the test suite.
KSB = "52.07"  # Kabupaten Sumbawa Barat
NTB = "52"  # Provinsi Nusa Tenggara Barat
BANGGAI = "72.01"  # Kabupaten Banggai


def load_regions(*codes: str, subtree: bool = True) -> list[Region]:
    """Insert the regions `codes` from the shipped list, with their ancestors and (with
    subtree=True) everything below them. Safe to call repeatedly."""
    wanted: set[str] = set()
    for code in codes:
        wanted.add(code)
        wanted.update(ancestor_codes(code))
    prefixes = tuple(f"{c}." for c in codes) if subtree else ()
    rows = [row for row in packaged_rows()
            if row.code in wanted or (prefixes and row.code.startswith(prefixes))]
    missing = set(codes) - {row.code for row in rows}
    if missing:
        raise ValueError(f"Not in the shipped region list: {sorted(missing)}")
    Region.objects.bulk_create(
        [Region(**row.as_model_kwargs()) for row in rows], ignore_conflicts=True,
        batch_size=500,
    )
    return list(Region.objects.filter(code__in=codes))


def make_pemda(slug: str = "ksb", region_code: str = KSB, *, subtree: bool = True,
               **fields) -> Pemda:
    """A pemda over `region_code` with that region's subtree loaded. Name and kind follow
    from the region unless given."""
    (region,) = load_regions(region_code, subtree=subtree)
    if region.level == RegionLevel.PROVINSI:
        kind = PemdaKind.PROVINSI
        name = f"Pemerintah Provinsi {region.name}"
    elif region.name.startswith("Kota "):
        kind, name = PemdaKind.KOTA, f"Pemerintah {region.name}"
    else:
        kind, name = PemdaKind.KABUPATEN, f"Pemerintah {region.name}"
    fields.setdefault("kind", kind)
    fields.setdefault("name", name)
    fields.setdefault("short_name", slug.upper())
    return Pemda.objects.create(slug=slug, region=region, **fields)


def make_opd(pemda: Pemda, name: str | None = None, *, acronym: str = "",
             kind: str = OpdKind.DINAS, **fields) -> Opd:
    name = name or f"Dinas Uji {next(_serial)}"
    return Opd.objects.create(pemda=pemda, name=name, acronym=acronym, kind=kind, **fields)


def first_desa(under: str) -> str:
    """The lowest desa code under a region (present once that region's subtree is loaded)."""
    return next(
        row.code for row in packaged_rows()
        if row.level == RegionLevel.DESA_KELURAHAN and is_within(row.code, under)
    )


def make_place(pemda: Pemda, name: str | None = None, *, kind: str = PlaceKind.POSYANDU,
               region_code: str | None = None, **fields) -> Place:
    region_code = region_code or first_desa(pemda.region_id)
    name = name or f"{kind.title()} {next(_serial)}"
    return Place.objects.create(pemda=pemda, kind=kind, name=name, region_id=region_code,
                                **fields)


def make_user(username: str | None = None, role: str | Role | None = None,
              pemda: Pemda | None = None, opd: Opd | None = None,
              region: Region | str | None = None, place: Place | None = None, *,
              password: str = "x", **fields):  # noqa: S107
    """A user, and when `role` is given, one active assignment of it. The pemda defaults to
    the OPD's or the place's pemda."""
    from terbuka.accounts.models import User

    username = username or f"user{next(_serial)}"
    user = User.objects.create_user(username=username, password=password, **fields)
    if role is not None:
        pemda = pemda or (opd.pemda if opd else None) or (place.pemda if place else None)
        if pemda is None:
            raise ValueError("make_user: a role needs a pemda (or an opd/place to take it from)")
        RoleAssignment.objects.create(
            user=user, role=role, pemda=pemda, opd=opd, place=place,
            region_id=region.code if isinstance(region, Region) else region,
        )
    return user


def make_superuser(username: str = "root", password: str = "x"):  # noqa: S107
    from terbuka.accounts.models import User

    return User.objects.create_superuser(username, f"{username}@example.org", password)
