"""Demo questionnaires for the demo pemda's service units: two semesters of answers, each unit
with its own strengths, so the results page shows differences between elements and over time."""

from __future__ import annotations

import datetime
import random
import zlib

from django.utils import timezone

from terbuka.core.models import UnitLayanan
from terbuka.ikm import services
from terbuka.ikm.formula import ELEMENTS, sample_size
from terbuka.ikm.models import Education, Occupation, Response, Sex

PER_SEMESTER = 30


def _semesters(today: datetime.date) -> list[tuple[str, datetime.date, datetime.date]]:
    year = today.year
    first = (f"Semester I {year}", datetime.date(year, 1, 1), datetime.date(year, 6, 30))
    second = (f"Semester II {year}", datetime.date(year, 7, 1), datetime.date(year, 12, 31))
    before = (f"Semester II {year - 1}", datetime.date(year - 1, 7, 1),
              datetime.date(year - 1, 12, 31))
    return [before, first] if today.month <= 6 else [first, second]


def load(pemda, stdout=None) -> int:
    today = timezone.localdate()
    created = 0
    units = UnitLayanan.objects.filter(opd__pemda=pemda, is_active=True).select_related("opd")
    for unit in units:
        if Response.objects.filter(unit=unit).exists():
            continue
        rng = random.Random(zlib.crc32(f"{pemda.slug}/{unit.name}".encode()))
        # A unit's typical answer per element, between 2.4 and 3.7.
        bias = {e: rng.uniform(2.4, 3.7) for e in ELEMENTS}
        for step, (name, start, end) in enumerate(_semesters(today)):
            population = rng.randint(150, 4000)
            services.period_create(actor=None, unit=unit, name=name, start=start, end=end,
                                   population=population)
            last = min(end, today)
            days = max((last - start).days, 0)
            count = min(PER_SEMESTER, sample_size(population))
            for _ in range(count):
                answers = {e: min(4, max(1, round(rng.gauss(bias[e] + 0.15 * step, 0.6))))
                           for e in ELEMENTS}
                services.response_submit(
                    actor=None, unit=unit, answers=answers, age=rng.randint(18, 70),
                    sex=rng.choice(Sex.values), education=rng.choice(Education.values),
                    occupation=rng.choice(Occupation.values),
                    submitted_on=start + datetime.timedelta(days=rng.randint(0, days)),
                )
                created += 1
    if stdout is not None:
        stdout.write(f"  ikm: {created} questionnaires\n")
    return created
