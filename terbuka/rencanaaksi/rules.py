"""The OGP Local rules the module enforces, as plain functions over plain data (no Django).

Sources: OGP Local Handbook (2022) and the seed notes in data/README.md. A consortium of
members may submit up to 12 commitments in one action plan; a single member up to 5. The IRM
scales are those of the Independent Reporting Mechanism's results reports.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MAX_COMMITMENTS_SINGLE = 5
MAX_COMMITMENTS_CONSORTIUM = 12

# The eight co-creation steps, in the order they are taken.
STEPS = (
    "orientation",
    "secretariat",
    "working_team",
    "draft_workshop",
    "plan_workshop",
    "consultation",
    "adoption",
    "submission",
)

COMPLETION = ("not_started", "limited", "substantial", "complete")
POTENTIAL = ("unclear", "modest", "substantial")
OPENED_GOVERNMENT = ("worsened", "did_not_change", "marginal", "major", "outstanding")

# Evidence uploads: what a progress report may carry.
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def commitment_limit(member_count: int) -> int:
    """How many commitments a plan with `member_count` members may hold."""
    return MAX_COMMITMENTS_CONSORTIUM if member_count > 1 else MAX_COMMITMENTS_SINGLE


@dataclass(frozen=True)
class MilestoneSpec:
    title: str
    start: datetime.date
    end: datetime.date
    weight: int


def milestone_problems(
    milestones: Sequence[MilestoneSpec], start: datetime.date, end: datetime.date
) -> list[tuple[int | None, str, str]]:
    """Problems with a commitment's milestones as (index or None, field, code).

    Codes: "order" (ends before it starts), "outside" (not within the commitment's dates),
    "weight" (not 1..100), "total" (weights do not add up to 100), "empty".
    """
    problems: list[tuple[int | None, str, str]] = []
    if not milestones:
        return [(None, "milestones", "empty")]
    for index, m in enumerate(milestones):
        if m.end < m.start:
            problems.append((index, "end", "order"))
        if m.start < start or m.end > end:
            problems.append((index, "start" if m.start < start else "end", "outside"))
        if not 1 <= m.weight <= 100:
            problems.append((index, "weight", "weight"))
    if sum(m.weight for m in milestones) != 100:
        problems.append((None, "milestones", "total"))
    return problems


def completion_percent(milestones: Iterable[tuple[int, bool]]) -> int:
    """Share of the commitment done: the weights of the completed milestones, in percent."""
    items = list(milestones)
    total = sum(weight for weight, _ in items)
    if total <= 0:
        return 0
    return round(100 * sum(weight for weight, done in items if done) / total)


def completion_level(percent: int) -> str:
    """The IRM completion level a weighted percentage corresponds to."""
    if percent <= 0:
        return "not_started"
    if percent >= 100:
        return "complete"
    return "substantial" if percent >= 50 else "limited"


def disagreements(government: dict[str, object], monitor: dict[str, object]) -> list[str]:
    """The assessment fields on which the monitoring body and the government differ (fields
    either side left empty are not counted as disagreement)."""
    out = []
    for key in ("verifiable", "potential", "completion", "opened_government"):
        a, b = government.get(key), monitor.get(key)
        if a not in (None, "") and b not in (None, "") and a != b:
            out.append(key)
    return out


def next_step(done: Iterable[str]) -> str | None:
    """The first step not yet done, in the prescribed order; None when all are done."""
    finished = set(done)
    for step in STEPS:
        if step not in finished:
            return step
    return None


def evidence_problem(detected_mime: str | None, size: int) -> str | None:
    """"size", "empty" or "type" when an upload may not be evidence, else None. The type is
    the one sniffed from the file's bytes, never the name or the browser's claim."""
    if size <= 0:
        return "empty"
    if size > EVIDENCE_MAX_BYTES:
        return "size"
    if detected_mime not in EVIDENCE_TYPES:
        return "type"
    return None


def months_between(
    start: datetime.date, end: datetime.date, limit: int = 36
) -> list[tuple[int, int]]:
    """(year, month) from start's month to end's month, at most the last `limit` of them."""
    if end < start:
        return []
    out = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append((year, month))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out[-limit:]
