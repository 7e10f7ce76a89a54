"""Where waste managed by the community counts in the national waste reporting (no Django).

SIPSN (Sistem Informasi Pengelolaan Sampah Nasional, KLHK) asks each kabupaten/kota for its
waste generation (timbulan) and two managed quantities, as Perpres 97/2017 (Jakstranas) frames
them: **reduction** (pengurangan: limiting generation, recycling, re-use) and **handling**
(penanganan: sorting, collection, transport, processing, final disposal). A bank sampah takes
sorted waste out of the stream that would go to the landfill: that is reduction (recycling
and re-use). Waste picked up at a Jumat Bersih clean-up is collected and carried to the
TPS/TPA: that is handling. Both are reported in tonnes per year. See docs/lingkungan.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

REDUCTION = "pengurangan"
HANDLING = "penanganan"

# source of a managed quantity -> the SIPSN column it counts in
FLOW = {
    "bank_sampah": REDUCTION,  # deposited at a bank sampah: recycled or re-used
    "kompos": REDUCTION,  # composted at home (yard farming): processed where it arose
    "kerja_bakti": HANDLING,  # collected at a clean-up and carried away
}

TONNE = Decimal("1000")
THREE_PLACES = Decimal("0.001")


@dataclass(frozen=True)
class Managed:
    reduction_t: Decimal
    handling_t: Decimal

    @property
    def total_t(self) -> Decimal:
        return self.reduction_t + self.handling_t


def tonnes(kg: Decimal) -> Decimal:
    return (Decimal(kg) / TONNE).quantize(THREE_PLACES, rounding=ROUND_HALF_UP)


def managed(rows: Iterable[tuple[str, Decimal]]) -> Managed:
    """Tonnes of reduction and handling from (source, kg) rows. An unknown source is a
    programming error, not a silent zero."""
    kg = {REDUCTION: Decimal(0), HANDLING: Decimal(0)}
    for source, weight in rows:
        kg[FLOW[source]] += Decimal(weight)
    return Managed(reduction_t=tonnes(kg[REDUCTION]), handling_t=tonnes(kg[HANDLING]))


def share(part_t: Decimal, generation_t: Decimal | None) -> Decimal | None:
    """Percentage of the generation (one decimal place), None when generation is unknown."""
    if not generation_t:
        return None
    return (Decimal(part_t) * 100 / Decimal(generation_t)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP)
