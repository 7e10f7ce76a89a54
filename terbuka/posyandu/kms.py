"""KMS growth charts as SVG, drawn on the server from the growth engine's WHO tables.

No Django here: the caller passes translated labels. The SVG scales to its container
(viewBox, width 100%), uses print-safe strokes and solid fills, and carries a <title> and
<desc> for screen readers. Curves are WHO's -3, -2, 0, +2, +3 SD lines; the band between -2
and +2 SD is green as on the KMS, the -3 SD line is red (BGM, the "garis merah").
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import numpy as np

from terbuka.growth import lms, tables

DAYS_PER_MONTH = 30.4375
SDS = (-3, -2, 0, 2, 3)
W, H = 640, 440
LEFT, RIGHT, TOP, BOTTOM = 56, 20, 40, 48


@dataclass(frozen=True)
class Spec:
    table: str
    x_unit: str  # "month" or "cm"
    y_unit: str  # "kg" or "cm"


SPECS = {
    "wfa": Spec("wfa", "month", "kg"),
    "lhfa": Spec("lhfa", "month", "cm"),
    "wfl": Spec("wfl", "cm", "kg"),
    "wfh": Spec("wfh", "cm", "kg"),
}


def curves(kind: str, sex: str, x_max: float | None = None) -> tuple[np.ndarray, dict]:
    """x values and the SD curves {k: y values} of one table for one sex ("L"/"P")."""
    spec = SPECS[kind]
    table = tables.load(spec.table)
    row = 1 if sex == "L" else 2
    keys = np.arange(table.width) + table.first
    if spec.x_unit == "month":
        step = 7  # weekly points are smooth at this size
        idx = np.arange(0, table.width, step)
        x = keys[idx] / DAYS_PER_MONTH
    else:
        idx = np.arange(0, table.width, 5)  # every 0.5 cm
        x = keys[idx] / 10.0
    l, m, s = table.l[row, idx], table.m[row, idx], table.s[row, idx]  # noqa: E741
    ok = np.isfinite(m)
    x, l, m, s = x[ok], l[ok], m[ok], s[ok]  # noqa: E741
    if x_max is not None:
        keep = x <= x_max
        x, l, m, s = x[keep], l[keep], m[keep], s[keep]  # noqa: E741
    return x, {k: lms.sd_value(float(k), l, m, s) for k in SDS}


def _nice_step(span: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 20):
        if span / step <= 12:
            return step
    return 50


def svg(kind: str, sex: str, points: list[tuple[float, float]], *, title: str,
        x_label: str, y_label: str, description: str = "") -> str:
    """The chart with the child's points (x in months or cm, y in kg or cm), in date order."""
    spec = SPECS[kind]
    x_max = None
    if spec.x_unit == "month":
        latest = max((p[0] for p in points), default=0)
        x_max = 24.0 if latest <= 22 else 60.0
    x, sd = curves(kind, sex, x_max)
    x0, x1 = float(x.min()), float(x.max())
    y0 = float(np.nanmin(sd[-3]))
    y1 = float(np.nanmax(sd[3]))
    for px, py in points:
        if x0 <= px <= x1:
            y0, y1 = min(y0, py), max(y1, py)
    y0, y1 = np.floor(y0), np.ceil(y1)

    def sx(v):
        return LEFT + (v - x0) / (x1 - x0) * (W - LEFT - RIGHT)

    def sy(v):
        return H - BOTTOM - (v - y0) / (y1 - y0) * (H - TOP - BOTTOM)

    def path(ys):
        return " ".join(f"{'M' if i == 0 else 'L'}{sx(a):.1f},{sy(b):.1f}"
                        for i, (a, b) in enumerate(zip(x, ys, strict=True)) if np.isfinite(b))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="100%" '
           f'role="img" aria-labelledby="kms-{kind}-t kms-{kind}-d" class="kms-chart" '
           f'font-family="sans-serif" font-size="13">',
           f'<title id="kms-{kind}-t">{escape(title)}</title>',
           f'<desc id="kms-{kind}-d">{escape(description)}</desc>',
           f'<rect x="0" y="0" width="{W}" height="{H}" fill="#fff"/>']
    # Green band between -2 and +2 SD, as the KMS colours it.
    band = path(sd[2]) + " " + " ".join(
        f"L{sx(a):.1f},{sy(b):.1f}" for a, b in zip(x[::-1], sd[-2][::-1], strict=True)
        if np.isfinite(b)) + " Z"
    out.append(f'<path d="{band}" fill="#d9f0d3" stroke="none"/>')
    # Grid and axes.
    xs = _nice_step(x1 - x0) if spec.x_unit == "cm" else (3 if x1 <= 24 else 6)
    v = np.ceil(x0 / xs) * xs
    while v <= x1 + 1e-9:
        out.append(f'<line x1="{sx(v):.1f}" y1="{TOP}" x2="{sx(v):.1f}" y2="{H - BOTTOM}" '
                   f'stroke="#ddd"/><text x="{sx(v):.1f}" y="{H - BOTTOM + 18}" '
                   f'text-anchor="middle" fill="#222">{v:g}</text>')
        v += xs
    ys = _nice_step(y1 - y0)
    v = np.ceil(y0 / ys) * ys
    while v <= y1 + 1e-9:
        out.append(f'<line x1="{LEFT}" y1="{sy(v):.1f}" x2="{W - RIGHT}" y2="{sy(v):.1f}" '
                   f'stroke="#ddd"/><text x="{LEFT - 6}" y="{sy(v) + 4:.1f}" '
                   f'text-anchor="end" fill="#222">{v:g}</text>')
        v += ys
    styles = {-3: ("#c00000", "2.5", ""), -2: ("#e08000", "1.5", ""), 0: ("#1a7f37", "2", ""),
              2: ("#e08000", "1.5", ""), 3: ("#c00000", "1.5", ' stroke-dasharray="6 4"')}
    for k in SDS:
        colour, width, dash = styles[k]
        out.append(f'<path d="{path(sd[k])}" fill="none" stroke="{colour}" '
                   f'stroke-width="{width}"{dash}/>')
        last = np.flatnonzero(np.isfinite(sd[k]))[-1]
        out.append(f'<text x="{sx(x[last]) - 4:.1f}" y="{sy(sd[k][last]) - 4:.1f}" '
                   f'text-anchor="end" fill="{colour}" font-size="12">{k:+d}</text>'
                   if k else f'<text x="{sx(x[last]) - 4:.1f}" y="{sy(sd[k][last]) - 4:.1f}" '
                   f'text-anchor="end" fill="{colour}" font-size="12">0</text>')
    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{W - LEFT - RIGHT}" '
               f'height="{H - TOP - BOTTOM}" fill="none" stroke="#333"/>')
    out.append(f'<text x="{(LEFT + W - RIGHT) / 2}" y="{H - 8}" text-anchor="middle" '
               f'fill="#222">{escape(x_label)}</text>')
    out.append(f'<text x="14" y="{(TOP + H - BOTTOM) / 2}" text-anchor="middle" fill="#222" '
               f'transform="rotate(-90 14 {(TOP + H - BOTTOM) / 2})">{escape(y_label)}</text>')
    out.append(f'<text x="{LEFT}" y="24" font-size="16" font-weight="bold" '
               f'fill="#111">{escape(title)}</text>')
    inside = [(a, b) for a, b in points if x0 <= a <= x1]
    if len(inside) > 1:
        line = " ".join(f"{'M' if i == 0 else 'L'}{sx(a):.1f},{sy(b):.1f}"
                        for i, (a, b) in enumerate(inside))
        out.append(f'<path d="{line}" fill="none" stroke="#0b3d91" stroke-width="2.5"/>')
    for a, b in inside:
        out.append(f'<circle cx="{sx(a):.1f}" cy="{sy(b):.1f}" r="5" fill="#0b3d91" '
                   f'stroke="#fff" stroke-width="1.5" class="kms-point"/>')
    out.append("</svg>")
    return "\n".join(out)
