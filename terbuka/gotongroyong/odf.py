"""Open Defecation Free (ODF, Stop Buang Air Besar Sembarangan) status from household records.

Pure: plain data in, a status out; no Django. STBM (Permenkes 3/2014) counts a dusun or desa
as ODF when every household uses a latrine (own or shared) rather than defecating in the open,
and a verification team has confirmed it. Here the status always follows from the households
recorded now: a verification that passed stops counting the moment one household falls back.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

NO_DATA = "no_data"
NOT_YET = "not_yet"  # at least one household still defecates in the open
AWAITING = "awaiting_verification"  # every household has access, not (yet) verified
ODF = "odf"

# Latrine access recorded per household (JMP sanitation ladder, simplified for kader forms).
OPEN = "babs"  # open defecation
SHARED = "sharing"  # uses a neighbour's or communal latrine
UNIMPROVED = "tidak_layak"  # own latrine, not a safe one
IMPROVED = "layak"  # own latrine, safe (leher angsa with septic tank)
ACCESS = (SHARED, UNIMPROVED, IMPROVED)

PILLARS = ("stop_babs", "cuci_tangan", "air_minum", "sampah", "limbah_cair")


@dataclass(frozen=True)
class Verification:
    on: datetime.date
    passed: bool


def status(latrines: Iterable[str], verifications: Iterable[Verification] = ()) -> str:
    latrines = list(latrines)
    if not latrines:
        return NO_DATA
    if any(latrine not in ACCESS for latrine in latrines):
        return NOT_YET
    latest = max(verifications, key=lambda v: v.on, default=None)
    return ODF if latest is not None and latest.passed else AWAITING


def can_pass_verification(latrines: Iterable[str]) -> bool:
    latrines = list(latrines)
    return bool(latrines) and all(latrine in ACCESS for latrine in latrines)


def pillar_shares(households: Iterable[dict]) -> dict[str, float | None]:
    """Share (0–100) of households meeting each of the five STBM pillars; pillar 1 (stop
    BABS) is met by any latrine access."""
    rows = list(households)
    if not rows:
        return {p: None for p in PILLARS}
    out = {}
    for pillar in PILLARS:
        if pillar == "stop_babs":
            met = sum(1 for r in rows if r.get("latrine") in ACCESS)
        else:
            met = sum(1 for r in rows if r.get(pillar))
        out[pillar] = round(100 * met / len(rows), 1)
    return out
