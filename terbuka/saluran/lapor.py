"""SP4N-LAPOR! exchange records: field and status mapping, JSON and CSV batches. Plain
functions; no Django. The mapping and its sources are in docs/saluran-lapor.md.

LAPOR!'s integration API is given to agencies with a token by its team and its specification
is not public. What is public — the citizen form at lapor.go.id, the classifications and the
statuses shown on a tracked report, PermenPANRB 62/2018 on SP4N — fixes the fields below; the
wire names of the real API are an assumption kept in one place (`WIRE`) so they change in one
line when the agency receives the specification.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

# Terbuka kind -> LAPOR! klasifikasi (the three of the lapor.go.id form).
KLASIFIKASI = {
    "layanan": "pengaduan",
    "pelanggaran": "pengaduan",
    "aspirasi": "aspirasi",
    "informasi": "permintaan_informasi",
    "ikm": "aspirasi",
}
KIND_FROM_KLASIFIKASI = {"pengaduan": "layanan", "aspirasi": "aspirasi",
                         "permintaan_informasi": "informasi"}

# Terbuka status -> LAPOR! status as a tracked report shows it.
STATUS_TO_LAPOR = {
    "diterima": "belum_terverifikasi",
    "terverifikasi": "terverifikasi",
    "tunda": "terverifikasi",
    "disposisi": "diproses",
    "tindak_lanjut": "ditindaklanjuti",
    "selesai": "selesai",
    "arsip": "diarsipkan",
    "bukan_wewenang": "diarsipkan",
}
# LAPOR! status -> the Terbuka status a report imported with it starts in. Anything that
# LAPOR! already verified arrives as verified here: our own operators dispose it.
STATUS_FROM_LAPOR = {
    "belum_terverifikasi": "diterima",
    "terverifikasi": "terverifikasi",
    "diproses": "terverifikasi",
    "ditindaklanjuti": "terverifikasi",
    "selesai": "selesai",
    "diarsipkan": "arsip",
}

# Our record field -> the field name we assume the LAPOR! integration API uses.
WIRE = {
    "lapor_id": "tracking_id",
    "judul": "title",
    "isi": "content",
    "klasifikasi": "classification",
    "kategori": "category",
    "tanggal": "created_at",
    "lokasi": "location",
    "kode_wilayah": "region_code",
    "anonim": "is_anonymous",
    "rahasia": "is_secret",
    "status": "status",
    "instansi": "institution",
    "nomor_terbuka": "reference_number",
    "tanggapan": "last_response",
}


class RecordError(ValueError):
    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


@dataclass
class Record:
    """One report as exchanged with LAPOR! (both directions)."""

    judul: str
    isi: str
    klasifikasi: str
    tanggal: str  # ISO 8601 datetime
    status: str
    lapor_id: str = ""  # LAPOR!'s tracking id; empty until LAPOR! has the report
    nomor_terbuka: str = ""  # our tracking number; empty for a report born in LAPOR!
    kategori: str = ""
    lokasi: str = ""
    kode_wilayah: str = ""
    anonim: bool = False
    rahasia: bool = False
    instansi: str = ""
    tanggapan: str = ""


COLUMNS = [f.name for f in fields(Record)]
_TRUE = {"1", "true", "ya", "y", "yes"}
_FALSE = {"0", "false", "tidak", "t", "no", "n", ""}


def _bool(value: Any, name: str, problems: dict[str, str]) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    problems[name] = f"not a yes/no value: {value!r}"
    return False


def record_from(data: Mapping[str, Any]) -> Record:
    """A validated Record from a JSON object or CSV row (our names or LAPOR!'s wire names)."""
    if not isinstance(data, Mapping):
        raise RecordError({"record": "not an object"})
    reverse = {wire: ours for ours, wire in WIRE.items()}
    values = {reverse.get(k, k): v for k, v in data.items()}
    problems: dict[str, str] = {}
    unknown = sorted(set(values) - set(COLUMNS))
    if unknown:
        problems["fields"] = "unknown: " + ", ".join(unknown)
    text = {name: str(values.get(name) or "").strip() for name in COLUMNS
            if name not in ("anonim", "rahasia")}
    for name in ("isi", "klasifikasi", "tanggal", "status"):
        if not text[name]:
            problems[name] = "missing"
    if not text["lapor_id"] and not text["nomor_terbuka"]:
        problems["lapor_id"] = "a record needs lapor_id or nomor_terbuka"
    if text["klasifikasi"] and text["klasifikasi"] not in KIND_FROM_KLASIFIKASI:
        problems["klasifikasi"] = f"unknown: {text['klasifikasi']!r}"
    if text["status"] and text["status"] not in STATUS_FROM_LAPOR:
        problems["status"] = f"unknown: {text['status']!r}"
    if text["tanggal"]:
        try:
            datetime.datetime.fromisoformat(text["tanggal"].replace("Z", "+00:00"))
        except ValueError:
            problems["tanggal"] = f"not an ISO 8601 date: {text['tanggal']!r}"
    if len(text["isi"]) > 10_000:
        problems["isi"] = "longer than 10000 characters"
    anonim = _bool(values.get("anonim"), "anonim", problems)
    rahasia = _bool(values.get("rahasia"), "rahasia", problems)
    if problems:
        raise RecordError(problems)
    text["judul"] = text["judul"][:200]
    return Record(anonim=anonim, rahasia=rahasia, **text)


def to_wire(record: Record) -> dict[str, Any]:
    return {WIRE[k]: v for k, v in asdict(record).items()}


def dump_json(records: Iterable[Record]) -> str:
    return json.dumps({"format": "terbuka-lapor/1", "records": [asdict(r) for r in records]},
                      ensure_ascii=False, indent=1)


def dump_csv(records: Iterable[Record]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = asdict(record)
        row["anonim"] = "ya" if record.anonim else "tidak"
        row["rahasia"] = "ya" if record.rahasia else "tidak"
        writer.writerow(row)
    return out.getvalue()


def load(text: str, fmt: str) -> list[tuple[int, Record | RecordError]]:
    """Each record of a batch with its position (1-based; CSV rows count the header as 1),
    or the error that keeps it out. A batch that is not JSON/CSV at all raises RecordError."""
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RecordError({"batch": f"not JSON: {exc.msg} at line {exc.lineno}"}) from exc
        items = data.get("records") if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise RecordError({"batch": "expected a list of records or {\"records\": [...]}"})
        rows: Iterable[tuple[int, Any]] = enumerate(items, start=1)
    elif fmt == "csv":
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        if not reader.fieldnames:
            raise RecordError({"batch": "empty CSV"})
        rows = ((i, {k: v for k, v in row.items() if k is not None})
                for i, row in enumerate(reader, start=2))
    else:
        raise RecordError({"batch": f"unknown format {fmt!r}"})
    out: list[tuple[int, Record | RecordError]] = []
    for position, item in rows:
        try:
            out.append((position, record_from(item)))
        except RecordError as exc:
            out.append((position, exc))
    return out
