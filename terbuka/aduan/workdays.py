"""Working days (hari kerja) for complaint deadlines. Pure: no Django.

A working day is Monday to Friday that is neither an Indonesian national holiday nor a cuti
bersama day (the `holidays` library's Indonesia calendar, categories "public" and
"government", the latter holding the joint leave days), nor one of the pemda's extra days
off. Counting follows LAPOR! practice: the day a complaint arrives is day 0, so "3 working
days" from a Monday is Thursday; a complaint arriving on a day off starts counting from the
next working day.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import lru_cache

import holidays
from holidays.countries.indonesia import Indonesia

Date = datetime.date


@lru_cache(maxsize=64)
def _national(year: int) -> frozenset[Date]:
    calendar = holidays.Indonesia(years=year, categories=Indonesia.supported_categories)
    return frozenset(calendar.keys())


class Calendar:
    """A working-day calendar: national days off plus `extra` ones (ISO strings or dates)."""

    def __init__(self, extra: Iterable[Date | str] = ()):
        days = set()
        for item in extra:
            days.add(item if isinstance(item, Date) else Date.fromisoformat(str(item)))
        self.extra = frozenset(days)

    def is_workday(self, day: Date) -> bool:
        return day.weekday() < 5 and day not in self.extra and day not in _national(day.year)

    def next_workday(self, day: Date) -> Date:
        """`day` itself when it is a working day, else the first one after it."""
        while not self.is_workday(day):
            day += datetime.timedelta(days=1)
        return day

    def add(self, start: Date, workdays: int) -> Date:
        """The date `workdays` working days after `start` (start is day 0)."""
        if workdays < 0:
            raise ValueError("workdays must not be negative")
        day = self.next_workday(start)
        remaining = workdays
        while remaining:
            day += datetime.timedelta(days=1)
            if self.is_workday(day):
                remaining -= 1
        return day

    def between(self, start: Date, end: Date) -> int:
        """Working days elapsed from `start` to `end`: 0 on the same day, counting each
        working day after `start` up to and including `end`. Negative when end < start."""
        if end < start:
            return -self.between(end, start)
        count = 0
        day = start
        while day < end:
            day += datetime.timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count

    def overdue(self, due: Date | None, today: Date) -> bool:
        return due is not None and today > due


def add_days(start: Date, days: int) -> Date:
    """Calendar days (the 60-day settlement limit of Perpres 76/2013 counts these)."""
    return start + datetime.timedelta(days=days)
