"""The quality score of a dataset (0-100): plain data in, a score with its parts out.

Parts and weights, chosen so the score rewards what makes data reusable (in the spirit of
the 5-star open data scheme and Perpres 39/2019 Satu Data principles: standard data,
metadata, interoperability, kode referensi):

| part                  | weight | full marks when                                            |
|-----------------------|--------|------------------------------------------------------------|
| metadata completeness | 25     | title, description (50+ chars), OPD, tags, frequency,        |
|                       |        | licence and period all given                               |
| valid table schema    | 20     | every tabular resource loaded into the datastore without errors |
| kode referensi        | 10     | a column declares a Kode Referensi (wilayah, KBLI, ...)      |
| open format           | 15     | every resource in an open, machine-readable format (XLSX half) |
| open licence          | 10     | an open licence (Open Definition conformant)                |
| timeliness            | 10     | last update within the declared frequency (half within twice) |
| documented columns    | 10     | share of columns with a title or description               |
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from .ingest.messages import gettext_noop as _

OPEN_FORMATS = {"csv": 1.0, "json": 1.0, "geojson": 1.0, "parquet": 1.0, "xml": 1.0,
                "ods": 1.0, "tsv": 1.0, "rdf": 1.0, "jsonld": 1.0, "xlsx": 0.5, "xls": 0.25,
                "pdf": 0.0, "docx": 0.0, "doc": 0.0, "jpg": 0.0, "png": 0.0}
OPEN_LICENCES = {"cc-by-4.0", "cc-by-sa-4.0", "cc0-1.0", "cc-zero", "cc-by", "cc-by-sa",
                 "odc-by", "odc-odbl", "odc-pddl", "ogl-uk-3.0", "other-open", "odbl"}
FREQUENCY_DAYS = {"daily": 2, "weekly": 8, "monthly": 35, "quarterly": 95, "semiannual": 190,
                  "annual": 370, "biennial": 740}

LABELS = {
    "metadata": _("Metadata completeness"),
    "schema": _("Valid table schema"),
    "kode_referensi": _("Kode referensi used"),
    "format": _("Open format"),
    "licence": _("Open licence"),
    "timeliness": _("Up to date for its declared frequency"),
    "columns": _("Documented columns"),
}
HINTS = {
    "metadata": _("Fill in the description, OPD, tags, update frequency, licence and period."),
    "schema": _("Load every table into the datastore without errors."),
    "kode_referensi": _("Declare the Kode Referensi of code columns (for example wilayah)."),
    "format": _("Publish tables as CSV or JSON rather than PDF or images."),
    "licence": _("Choose an open licence such as CC BY 4.0."),
    "timeliness": _("Publish an update: the last one is older than the declared frequency."),
    "columns": _("Give every column a title or description."),
}
WEIGHTS = {"metadata": 25, "schema": 20, "kode_referensi": 10, "format": 15, "licence": 10,
           "timeliness": 10, "columns": 10}


@dataclass
class Resource:
    format: str
    tabular: bool = False
    loaded: bool | None = None  # None: not loaded (yet); False: failed validation
    fields: Sequence[dict] = ()  # Table Schema field descriptors


@dataclass
class DatasetFacts:
    title: str = ""
    notes: str = ""
    has_opd: bool = False
    tags: int = 0
    frequency: str = ""
    license_id: str = ""
    has_period: bool = False
    last_updated: datetime.date | None = None
    resources: Sequence[Resource] = field(default_factory=list)


@dataclass
class Part:
    key: str
    points: float
    weight: int

    @property
    def label(self) -> str:
        from .ingest.messages import _translate
        return _translate(LABELS[self.key])

    @property
    def hint(self) -> str:
        from .ingest.messages import _translate
        return _translate(HINTS[self.key]) if self.points < self.weight else ""


@dataclass
class Score:
    total: int
    parts: list[Part]

    @property
    def grade(self) -> str:
        return "A" if self.total >= 85 else "B" if self.total >= 70 else (
            "C" if self.total >= 50 else "D")


def _share(done: int, total: int) -> float:
    return done / total if total else 0.0


def score(facts: DatasetFacts, today: datetime.date) -> Score:
    parts = {}
    checks = [bool(facts.title.strip()), len(facts.notes.strip()) >= 50, facts.has_opd,
              facts.tags > 0, bool(facts.frequency), bool(facts.license_id), facts.has_period]
    parts["metadata"] = _share(sum(checks), len(checks))

    tabular = [r for r in facts.resources if r.tabular]
    parts["schema"] = _share(sum(1 for r in tabular if r.loaded), len(tabular))

    fields = [f for r in tabular if r.loaded for f in r.fields]
    parts["kode_referensi"] = 1.0 if any(f.get("kodeReferensi") for f in fields) else 0.0

    formats = [OPEN_FORMATS.get(r.format.lower().lstrip("."), 0.0) for r in facts.resources]
    parts["format"] = sum(formats) / len(formats) if formats else 0.0

    parts["licence"] = 1.0 if facts.license_id.lower() in OPEN_LICENCES else 0.0

    allowed = FREQUENCY_DAYS.get(facts.frequency)
    if facts.last_updated is None:
        parts["timeliness"] = 0.0
    else:
        age = (today - facts.last_updated).days
        allowed = allowed or 730  # irregular: fresh within two years
        parts["timeliness"] = 1.0 if age <= allowed else 0.5 if age <= 2 * allowed else 0.0

    documented = sum(1 for f in fields if (f.get("title") or f.get("description")))
    parts["columns"] = _share(documented, len(fields))

    result = [Part(key, round(parts[key] * weight, 1), weight) for key, weight in WEIGHTS.items()]
    return Score(total=round(sum(p.points for p in result)), parts=result)
