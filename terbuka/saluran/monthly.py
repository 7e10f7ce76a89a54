"""Monthly complaint statistics from plain rows. No Django.

Each input row is one complaint: {"month": "YYYY-MM", "opd": [names], "category": str,
"region": str (kecamatan code), "region_name": str, "answered": bool, "on_time": bool|None,
"workdays": int|None, "rating": int|None}. A complaint sent to two OPD counts for both.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable

DIMENSIONS = ("total", "opd", "kategori", "wilayah")


def _summary(rows: list[dict]) -> dict:
    answered = [r for r in rows if r["answered"]]
    timed = [r for r in answered if r.get("on_time") is not None]
    days = [r["workdays"] for r in answered if r.get("workdays") is not None]
    ratings = [r["rating"] for r in rows if r.get("rating") is not None]
    return {
        "jumlah": len(rows),
        "dijawab": len(answered),
        "tepat_waktu_persen": round(100 * sum(1 for r in timed if r["on_time"]) / len(timed), 1)
        if timed else None,
        "median_hari_kerja": float(statistics.median(days)) if days else None,
        "kepuasan": round(sum(ratings) / len(ratings), 2) if ratings else None,
    }


def table(rows: Iterable[dict], unknown: str = "") -> list[dict]:
    """One row per month × dimension × group, months ascending, groups by name."""
    groups: dict[tuple[str, str, str, str], list[dict]] = defaultdict(list)
    for row in rows:
        month = row["month"]
        groups[(month, "total", "", "")].append(row)
        for opd in row.get("opd") or [unknown]:
            groups[(month, "opd", opd, "")].append(row)
        groups[(month, "kategori", row.get("category") or unknown, "")].append(row)
        groups[(month, "wilayah", row.get("region_name") or unknown,
                row.get("region") or "")].append(row)
    order = {d: i for i, d in enumerate(DIMENSIONS)}
    out = []
    for (month, dimension, value, code), members in sorted(
            groups.items(), key=lambda kv: (kv[0][0], order[kv[0][1]], kv[0][2])):
        out.append({"bulan": month, "dimensi": dimension, "nilai": value,
                    "kode_wilayah": code, **_summary(members)})
    return out
