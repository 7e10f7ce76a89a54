"""How modules publish aggregate tables to the open-data catalog without importing it.

Data flows one way: a module builds a `Table` of aggregates (never individual rows of personal
data) and calls `publish(table)`. The catalog module (Satu Data) registers itself as the sink in
its AppConfig.ready() and turns the table into a dataset with a resource; when no sink is
installed or the pemda has switched Satu Data off, `publish` returns None and nothing is kept.

Small counts are suppressed before a table leaves its module: every column marked `count=True`
that holds a value between 1 and threshold-1 is replaced by the text "<threshold", and enough
other cells are hidden with it that no hidden count can be recovered by subtraction.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

COLUMN_TYPES = ("string", "integer", "number", "boolean", "date", "datetime", "year", "yearmonth")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Frictionless Table Schema type, one of COLUMN_TYPES
    title: str = ""
    description: str = ""
    unit: str = ""
    count: bool = False  # a count of people or events: small values are suppressed
    code_list: str = ""  # the Kode Referensi the values come from, e.g. "wilayah.desa"
    # Count columns this value is computed from (a rate, a share): emptied wherever one of them
    # is hidden, since value × base would give the hidden count back.
    from_counts: tuple[str, ...] = ()

    def __post_init__(self):
        if self.type not in COLUMN_TYPES:
            raise ValueError(f"Column {self.name!r}: unknown type {self.type!r}")


@dataclass
class Table:
    pemda_id: int
    module: str  # the publishing module's name
    key: str  # stable within (pemda, module): publishing the same key again replaces the table
    title: str
    description: str
    columns: Sequence[Column]
    rows: Iterable[dict[str, Any]]
    opd_id: int | None = None  # the produsen data, when the module knows it
    theme: str = ""  # tema/urusan
    frequency: str = "monthly"  # accrualPeriodicity: daily, weekly, monthly, quarterly, annual
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    license_id: str = "cc-by-4.0"
    tags: Sequence[str] = field(default_factory=tuple)
    unit_of_measure: str = ""


Sink = Callable[[Table], str]  # returns the catalog's reference (dataset name) for the table
_sink: Sink | None = None
_sink_module: str = ""


def register_sink(module: str, sink: Sink) -> None:
    global _sink, _sink_module
    _sink, _sink_module = sink, module


def suppression_threshold() -> int:
    return int(getattr(settings, "PUBLISH_SUPPRESS_BELOW", 5))


def suppress_small_counts(
    rows: Iterable[dict[str, Any]], columns: Sequence[Column], threshold: int | None = None
) -> list[dict[str, Any]]:
    """Rows with every count in 1..threshold-1 replaced by "<threshold" (primary suppression),
    then complementary suppression so no hidden count can be recovered by subtraction.

    Zero stays zero: it reveals nobody, and hiding it would make totals unreadable. A hidden
    cell alone in its group is recoverable as (group total) - (the visible cells), because the
    group total is published elsewhere (the same table one region level up, or its sum). So in
    every group with exactly one hidden cell the smallest visible count is hidden too.
    Groups, per count column: the whole table, and for a column of region codes each set of
    rows with the same parent region and the same values in the other descriptive columns."""
    threshold = suppression_threshold() if threshold is None else threshold
    hidden = f"<{threshold}"
    counted = [c.name for c in columns if c.count]
    out = []
    for row in rows:
        row = dict(row)
        for name in counted:
            value = row.get(name)
            if isinstance(value, (int, float)) and 0 < value < threshold:
                row[name] = hidden
        out.append(row)
    if counted and len(out) > 1:
        _complementary(out, columns, counted, hidden)
    derived = [c for c in columns if c.from_counts]
    for row in out:
        for column in derived:
            if any(row.get(name) == hidden for name in column.from_counts):
                row[column.name] = None
    return out


def _groups(rows: list[dict[str, Any]], columns: Sequence[Column]
            ) -> tuple[list[list[int]], set[int]]:
    """The groups whose totals are public, and the rows alone in their parent region (whose
    value is that parent's published total, so hiding them as a complement protects nothing)."""
    groups = [list(range(len(rows)))]
    region = next((c.name for c in columns if c.code_list.startswith("wilayah")), None)
    if region is None:
        return groups, set()
    others = [c.name for c in columns if not c.count and c.name != region]
    by_parent: dict[tuple, list[int]] = {}
    for index, row in enumerate(rows):
        code = str(row.get(region) or "")
        parent = code.rsplit(".", 1)[0] if "." in code else ""
        key = (parent, *(str(row.get(name)) for name in others))
        by_parent.setdefault(key, []).append(index)
    alone = {g[0] for g in by_parent.values() if len(g) == 1}
    return groups + [g for g in by_parent.values() if len(g) > 1], alone


def _complementary(rows, columns, counted, hidden) -> None:
    groups, alone = _groups(rows, columns)
    changed = True
    while changed:  # hiding one cell can leave another group with a single hidden cell
        changed = False
        for name in counted:
            for group in groups:
                cells = [i for i in group if rows[i].get(name) == hidden]
                if len(cells) != 1:
                    continue
                visible = [i for i in group if isinstance(rows[i].get(name), (int, float))
                           and not isinstance(rows[i].get(name), bool)]
                if visible:
                    # The smallest, zeros included: a lone hidden cell beside zeros is the
                    # whole group total.
                    candidates = [i for i in visible if i not in alone] or visible
                    smallest = min(candidates, key=lambda i: rows[i][name])
                    rows[smallest][name] = hidden
                    changed = True


def publish(table: Table, pemda=None) -> str | None:
    """Hand `table` to the catalog, suppressed. Returns the catalog's reference, or None when
    no catalog takes it (not installed, or switched off for this pemda)."""
    if _sink is None:
        return None
    if pemda is not None and not pemda.uses_module(_sink_module):
        return None
    table.rows = suppress_small_counts(table.rows, table.columns)
    return _sink(table)
