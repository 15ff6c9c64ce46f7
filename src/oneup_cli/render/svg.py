"""What the printable pages of `progress` and `report` share: the page with its print CSS,
escaping, and line charts as inline SVG.

No scripts, nothing loaded from the network: the page opens and prints the same offline.
Black on white, lines told apart by their dash and their labels, never by colour alone.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from html import escape

from ..plain import num, visible

PAGE_SIZES = {"a4": "A4", "letter": "letter"}

CSS = """
@page { size: %(size)s; margin: 12mm 12mm; }
* { box-sizing: border-box; }
body { font-family: Arial, Helvetica, "Liberation Sans", "DejaVu Sans", sans-serif;
  font-size: 11pt; line-height: 1.25; color: #000; background: #fff;
  max-width: 190mm; margin: 1rem auto; padding: 0 1rem; }
h1 { font-size: 17pt; margin: 0 0 4pt; }
h2 { font-size: 13.5pt; margin: 12pt 0 4pt; border-bottom: 1px solid #000; }
h3 { font-size: 11.5pt; margin: 8pt 0 2pt; }
p { margin: 2pt 0; }
.facts { margin: 0 0 6pt; }
table { border-collapse: collapse; width: 100%%; margin: 3pt 0 6pt; }
th, td { border: 1px solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top;
  font-size: 10pt; overflow-wrap: break-word; }
td.n { white-space: nowrap; }
th { background: #e8e8e8; }
td.n, th.n { text-align: right; }
.nw { white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
.chart { break-inside: avoid; page-break-inside: avoid; margin: 0 0 6pt; }
.chart svg { width: 100%%; height: auto; display: block; }
.review { font-weight: bold; }
.small { font-size: 9.5pt; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
@media print { body { max-width: none; margin: 0; padding: 0; } }
"""


def e(text: object) -> str:
    """Escaped for HTML; control characters shown as escapes."""
    return escape(visible(str(text), keep="\n\t"), quote=True)


def page(title: str, body: str, paper: str) -> str:
    size = PAGE_SIZES.get(paper, "A4")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e(title)}</title>\n<style>{CSS % {'size': size}}</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )


def day(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


W, H = 640, 190  # the chart's box, in SVG units
LEFT, RIGHT, TOP, BOTTOM = 58, 12, 10, 30


def line_chart(
    series: Sequence[tuple[str, Sequence[tuple[dt.date, float]], str]],
    *,
    first: dt.date,
    last: dt.date,
    unit: str,
    title: str,
) -> str:
    """An SVG line chart: each series (label, points, dash) a polyline with a dot on each
    point; y axis labelled with numbers and `unit`, x axis with dates; a legend when there is
    more than one series."""
    values = [v for _, pts, _ in series for _, v in pts]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if high - low < 1e-9:
        low, high = max(0.0, low - 1), high + 1
    step = nice_step((high - low) / 4)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    if high - low < 2 * step:
        high = low + 2 * step
    span = max(1, (last - first).days)
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(d: dt.date) -> float:
        return LEFT + (d - first).days / span * pw

    def y(v: float) -> float:
        return TOP + (1 - (v - low) / (high - low)) * ph

    parts = [
        f'<svg viewBox="0 0 {W} {H}" role="img" aria-label="{e(title)}" '
        'xmlns="http://www.w3.org/2000/svg" font-family="Arial, Helvetica, sans-serif" '
        'font-size="11">',
        f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="#000" '
        'stroke-width="0.8"/>',
    ]
    for i in range(round((high - low) / step) + 1):  # grid lines at round values
        v = low + i * step
        yy = y(v)
        parts.append(
            f'<line x1="{LEFT}" y1="{yy:.1f}" x2="{LEFT + pw}" y2="{yy:.1f}" stroke="#bbb" '
            'stroke-width="0.5"/>'
        )
        parts.append(
            f'<text x="{LEFT - 4}" y="{yy + 4:.1f}" text-anchor="end">{e(num(round(v, 1)))}</text>'
        )
    parts.append(
        f'<text x="12" y="{TOP + ph / 2:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 12 {TOP + ph / 2:.1f})">{e(unit)}</text>'
    )
    ticks = _date_ticks(first, last)
    for d in ticks:
        xx = x(d)
        anchor = "start" if d == first else "end" if d == last else "middle"
        parts.append(
            f'<line x1="{xx:.1f}" y1="{TOP + ph}" x2="{xx:.1f}" y2="{TOP + ph + 4}" stroke="#000"/>'
        )
        parts.append(
            f'<text x="{xx:.1f}" y="{TOP + ph + 16}" text-anchor="{anchor}">{e(day(d))}</text>'
        )
    for n, (_, pts, dash) in enumerate(series):
        if not pts:
            continue
        coords = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in pts)
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline points="{coords}" fill="none" stroke="#000" stroke-width="1.6"{dashed}/>'
        )
        for d, v in pts:
            shape = (
                f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="2.6" fill="#000"/>'
                if n == 0
                else f'<rect x="{x(d) - 2.4:.1f}" y="{y(v) - 2.4:.1f}" width="4.8" '
                'height="4.8" fill="#fff" stroke="#000"/>'
            )
            parts.append(shape)
    if len(series) > 1:
        lx = LEFT + 8
        for n, (label, _, dash) in enumerate(series):
            ly = TOP + 12 + n * 14
            dashed = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 22}" y2="{ly - 4}" stroke="#000" '
                f'stroke-width="1.6"{dashed}/>'
            )
            parts.append(f'<text x="{lx + 27}" y="{ly}">{e(label)}</text>')
    parts.append("</svg>")
    return '<div class="chart">' + "".join(parts) + "</div>\n"


def nice_step(rough: float) -> float:
    """1, 2, 2.5 or 5 times a power of ten, at least `rough`."""
    power = 10 ** math.floor(math.log10(rough)) if rough > 0 else 1.0
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough - 1e-12)


def _date_ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first and last days, and up to three between them."""
    span = (last - first).days
    if span <= 0:
        return [first]
    between = [first + dt.timedelta(days=round(span * i / 4)) for i in (1, 2, 3)]
    return [first, *(d for d in between if first < d < last), last]
