"""Which of today's units an older record belongs to, after OPD were merged, split, renamed
or dissolved (Penataan Organisasi Daerah).

Pure: keys are opaque strings (the caller uses OPD ids or normalised old names), changes are
plain data. A record dated D belongs to the units as they were on D; every change that took
effect after D is applied in date order. A merge maps each old unit to the one new unit; a
split maps the old unit to all of its successors; a rename is a one-to-one merge; a
dissolved unit maps to nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    on: datetime.date
    old: str
    new: tuple[str, ...]  # empty: dissolved


def normalise(name: str) -> str:
    return " ".join(name.casefold().split())


def current(key: str, changes: Iterable[Change], *, since: datetime.date | None = None
            ) -> set[str]:
    """The keys `key` (as it was on `since`, or at the start) stands for after all later
    changes."""
    by_date: dict[datetime.date, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for change in changes:
        if since is None or change.on > since:
            by_date[change.on][change.old].update(change.new)
    frontier = {key}
    for on in sorted(by_date):
        step = by_date[on]
        nxt: set[str] = set()
        for k in frontier:
            nxt |= step.get(k, {k})
        frontier = nxt
    return frontier
