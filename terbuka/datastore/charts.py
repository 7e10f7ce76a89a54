"""A chart chosen from the shape of a table, drawn as plain SVG on the server.

Choice, first that fits:
1. a time column (date, datetime, year, or an integer column named tahun/year) and a numeric
   column: a line of the numeric column's sum per time value;
2. a wilayah code column (kodeReferensi wilayah.*, or a name like kode_desa) and a numeric
   column: bars of the sum per kabupaten, or per kecamatan when every code is in one kabupaten;
3. a text column with at most 40 distinct values and a numeric column: bars of the sum;
4. a text column with at most 40 distinct values: bars of the row count.
No JavaScript: the SVG is an image a cheap phone draws, with a text table beside it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from .ingest import messages
from .query import Table, cursor, q_ident

_ = messages.gettext_noop
MAX_CATEGORIES = 40
MAX_BARS = 20
_TIME_NAME = re.compile(r"^(tahun|year|periode|bulan|tanggal|date)(\b|_)", re.IGNORECASE)
_WILAYAH_NAME = re.compile(r"(kode|kd)[_ ]?(wilayah|desa|kel|kec|kab|kota|prov)", re.IGNORECASE)
_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


@dataclass
class Spec:
    kind: str  # "line" or "bar"
    x: str
    y: str | None  # None: count rows
    level: str = ""  # for wilayah bars: "kabupaten" or "kecamatan"


def _numeric(fields: list[dict]) -> list[dict]:
    return [f for f in fields if f.get("type") in ("integer", "number")
            and not _TIME_NAME.match(f["name"])]


def choose(table: Table) -> Spec | None:
    fields = table.schema.get("fields", [])
    numeric = _numeric(fields)
    y = numeric[0]["name"] if numeric else None
    time = next((f for f in fields if f.get("type") in ("date", "datetime", "year")
                 or (f.get("type") == "integer" and _TIME_NAME.match(f["name"]))), None)
    if time and y:
        return Spec("line", time["name"], y)
    wilayah = next((f for f in fields if str(f.get("kodeReferensi", "")).startswith("wilayah")
                    or (f.get("type") == "string" and _WILAYAH_NAME.search(f["name"]))), None)
    cur = cursor(table.path)
    try:
        if wilayah and y:
            col = q_ident(wilayah["name"])
            kabs = cur.execute(f"SELECT count(DISTINCT substr({col}, 1, 5)) FROM t "  # noqa: S608
                               f"WHERE {col} IS NOT NULL").fetchone()[0]
            return Spec("bar", wilayah["name"], y, "kecamatan" if kabs == 1 else "kabupaten")
        for f in fields:
            if f.get("type") != "string" or f is wilayah:
                continue
            n = cur.execute(f"SELECT count(DISTINCT {q_ident(f['name'])}) FROM t").fetchone()[0]  # noqa: S608
            if 1 < n <= MAX_CATEGORIES:
                return Spec("bar", f["name"], y)
    finally:
        cur.close()
    return None


def data(table: Table, spec: Spec) -> list[tuple[str, float]]:
    x = q_ident(spec.x)
    value = f"sum({q_ident(spec.y)})" if spec.y else "count(*)"
    if spec.level:
        width = 8 if spec.level == "kecamatan" else 5
        key = f"substr({x}, 1, {width})"
    else:
        key = x
    if spec.kind == "line":
        sql = (f"SELECT {key} AS k, {value} AS v FROM t WHERE {x} IS NOT NULL "  # noqa: S608
               f"GROUP BY k ORDER BY k")
    else:
        sql = (f"SELECT {key} AS k, {value} AS v FROM t WHERE {x} IS NOT NULL "  # noqa: S608
               f"GROUP BY k ORDER BY v DESC NULLS LAST, k LIMIT {MAX_BARS}")
    cur = cursor(table.path)
    try:
        rows = cur.execute(sql).fetchall()
    finally:
        cur.close()
    return [(str(k), float(v or 0)) for k, v in rows]


def fmt_number(value: float) -> str:
    """Indonesian style: 1.234.567,5."""
    if value == int(value):
        text = f"{int(value):,}"
        return text.replace(",", ".")
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def svg(points: Sequence[tuple[str, float]], spec: Spec, title: str,
        label: Callable[[str], str] = str, width: int = 640) -> str:
    """The chart as an SVG document. `label(key)` names a wilayah code or category."""
    font = 'font-family="system-ui, sans-serif"'
    esc = escape
    if spec.kind == "bar":
        bar_h, gap, left, top = 22, 6, 170, 40
        height = top + len(points) * (bar_h + gap) + 30
        top_value = _nice_max(max((v for _k, v in points), default=0))
        plot_w = width - left - 70
        out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
               f'width="100%" role="img" aria-labelledby="chart-title" {font}>',
               f'<title id="chart-title">{esc(title)}</title>',
               f'<text x="8" y="24" font-size="16" font-weight="600">{esc(title)}</text>']
        for i, (key, value) in enumerate(points):
            y = top + i * (bar_h + gap)
            w = max(1, round(plot_w * max(value, 0) / top_value))
            name = label(key)
            short = name if len(name) <= 24 else name[:23] + "…"
            out.append(f'<text x="{left - 8}" y="{y + 16}" font-size="13" '
                       f'text-anchor="end">{esc(short)}</text>')
            out.append(f'<rect x="{left}" y="{y}" width="{w}" height="{bar_h}" fill="#1d6fa5">'
                       f'<title>{esc(name)}: {esc(fmt_number(value))}</title></rect>')
            out.append(f'<text x="{left + w + 6}" y="{y + 16}" font-size="13">'
                       f'{esc(fmt_number(value))}</text>')
        out.append("</svg>")
        return "\n".join(out)
    height, left, right, top, bottom = 320, 70, 20, 40, 50
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for _k, v in points]
    vmax = _nice_max(max(values, default=0))
    vmin = min(0.0, min(values, default=0))
    span = (vmax - vmin) or 1.0
    n = len(points)

    def px(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def py(v: float) -> float:
        return top + plot_h - plot_h * (v - vmin) / span

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="100%" role="img" aria-labelledby="chart-title" {font}>',
           f'<title id="chart-title">{esc(title)}</title>',
           f'<text x="8" y="24" font-size="16" font-weight="600">{esc(title)}</text>']
    for tick in range(5):
        v = vmin + span * tick / 4
        y = py(v)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                   f'stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="12" text-anchor="end">'
                   f'{esc(fmt_number(round(v, 2)))}</text>')
    coords = " ".join(f"{px(i):.1f},{py(v):.1f}" for i, (_k, v) in enumerate(points))
    out.append(f'<polyline points="{coords}" fill="none" stroke="#1d6fa5" stroke-width="2.5"/>')
    for i, (key, value) in enumerate(points):
        out.append(f'<circle cx="{px(i):.1f}" cy="{py(value):.1f}" r="3.5" fill="#1d6fa5">'
                   f'<title>{esc(label(key))}: {esc(fmt_number(value))}</title></circle>')
    step = max(1, math.ceil(n / 8))
    for i in range(0, n, step):
        out.append(f'<text x="{px(i):.1f}" y="{height - bottom + 20}" font-size="12" '
                   f'text-anchor="middle">{esc(label(points[i][0]))}</text>')
    out.append("</svg>")
    return "\n".join(out)
