"""Yard-farming summaries per desa from plain rows (no Django), so the arithmetic is tested
on its own and the selector only fetches."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0")


@dataclass
class DesaSummary:
    region_code: str
    households: int = 0
    women_headed: int = 0
    with_disability: int = 0
    members: int = 0
    plot_area_m2: Decimal = ZERO
    components: dict[str, int] = field(default_factory=dict)
    harvest_kg: Decimal = ZERO
    eaten_kg: Decimal = ZERO
    sold_kg: Decimal = ZERO
    shared_kg: Decimal = ZERO
    sold_value: Decimal = ZERO
    visits: int = 0


def by_desa(households: Iterable[dict], plots: Iterable[dict] = (),
            components: Iterable[dict] = (), harvests: Iterable[dict] = (),
            visits: Iterable[dict] = ()) -> list[DesaSummary]:
    """Households: {id, region_code, members, women_headed, has_disability}; plots:
    {household_id, area_m2}; components: {household_id, kind}; harvests: {household_id, unit,
    amount, eaten, sold, shared, sold_value}; visits: {household_id}. Harvests count in kg
    only when their unit is kg (eggs and heads are not weights); the sales value counts for
    every unit. Rows pointing at unknown households are ignored."""
    out: dict[str, DesaSummary] = {}
    where: dict[int, DesaSummary] = {}
    for h in households:
        row = out.setdefault(h["region_code"], DesaSummary(h["region_code"]))
        where[h["id"]] = row
        row.households += 1
        row.members += int(h["members"])
        row.women_headed += bool(h["women_headed"])
        row.with_disability += bool(h["has_disability"])
    for p in plots:
        if p["household_id"] in where:
            where[p["household_id"]].plot_area_m2 += Decimal(p["area_m2"])
    for c in components:
        if c["household_id"] in where:
            counts = where[c["household_id"]].components
            counts[c["kind"]] = counts.get(c["kind"], 0) + 1
    for h in harvests:
        row = where.get(h["household_id"])
        if row is None:
            continue
        row.sold_value += Decimal(h["sold_value"])
        if h["unit"] != "kg":
            continue
        row.harvest_kg += Decimal(h["amount"])
        row.eaten_kg += Decimal(h["eaten"])
        row.sold_kg += Decimal(h["sold"])
        row.shared_kg += Decimal(h["shared"])
    for v in visits:
        if v["household_id"] in where:
            where[v["household_id"]].visits += 1
    return sorted(out.values(), key=lambda r: r.region_code)
