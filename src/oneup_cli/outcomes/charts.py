"""Charts for the terminal, as lines of text: a braille line chart and a block bar.

Pure: values in, lines out. They keep their meaning without colour: the y axis is labelled
with numbers and its unit, the x axis with the first and last dates; every line is at most
`width` characters.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from ..plain import num

# The braille dots of a character cell, by (column, row from the top).
_DOTS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
MIN_PLOT = 10  # the narrowest plot, in cells


def _label(x: float) -> str:
    return num(round(x, 1))


def line_chart(
    points: Sequence[tuple[dt.date, float]],
    *,
    first: dt.date,
    last: dt.date,
    width: int,
    height: int = 5,
    unit: str = "",
    ascii_only: bool = False,
    cutoff: float | None = None,
) -> list[str]:
    """A braille line through `points` (date, value), dates from `first` to `last` across;
    the y axis from the lowest value to the highest, labelled. At most `width` characters.
    `ascii_only`, for a stream that cannot show braille: '*' in each cell the line crosses.
    `cutoff`: a published line to read the values against, drawn as a dotted row (every
    third cell) and labelled on the y axis as the cut-off."""
    values = [v for _, v in points] + ([cutoff] if cutoff is not None else [])
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if high - low < 1e-9:
        low, high = max(0.0, low - 1), high + 1
    tops = [f"{_label(high)} {unit}".rstrip(), f"{_label(low)} {unit}".rstrip()]
    cut_label = f"cut-off {_label(cutoff)}" if cutoff is not None else ""
    label_width = max(len(t) for t in (*tops, cut_label))
    cells = max(MIN_PLOT, width - label_width - 2)
    px, py = cells * 2, height * 4
    grid = [[0] * cells for _ in range(height)]
    span = max(1, (last - first).days)

    def at(d: dt.date, v: float) -> tuple[int, int]:
        x = round((d - first).days / span * (px - 1))
        y = round((v - low) / (high - low) * (py - 1))
        return min(max(x, 0), px - 1), min(max(y, 0), py - 1)

    def dot(x: int, y: int) -> None:
        row = (py - 1 - y) // 4
        grid[row][x // 2] |= _DOTS[x % 2][(py - 1 - y) % 4]

    cut_row = None
    if cutoff is not None:
        _, cy = at(first, cutoff)
        cut_row = (py - 1 - cy) // 4
        for x in range(0, px, 6):  # a dot every third cell
            dot(x, cy)
    placed = [at(d, v) for d, v in points]
    for (x0, y0), (x1, y1) in itertools.pairwise(placed):
        steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for i in range(steps + 1):
            dot(round(x0 + (x1 - x0) * i / steps), round(y0 + (y1 - y0) * i / steps))
    for x, y in placed:
        dot(x, y)
    lines = []
    for i, row in enumerate(grid):
        text = "".join(("*" if b else " ") if ascii_only else chr(0x2800 + b) for b in row)
        if i == cut_row and i not in (0, height - 1):
            lines.append(f"{cut_label:>{label_width}} ┼{text}")
        elif i == 0:
            lines.append(f"{tops[0]:>{label_width}} ┤{text}")
        elif i == height - 1:
            lines.append(f"{tops[1]:>{label_width}} ┤{text}")
        else:
            lines.append(f"{'':>{label_width}} │{text}")
    lines.append(f"{'':>{label_width}} └{'─' * cells}")
    left, right = _day(first), _day(last)
    gap = max(1, cells - len(left) - len(right))
    lines.append(f"{'':>{label_width}}  {left}{' ' * gap}{right}")
    return [line[:width] for line in lines]


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def bar(share: float | None, cells: int = 10) -> str:
    """'██████░░░░  60%'; '-' when there is nothing to measure."""
    if share is None:
        return "-"
    filled = round(max(0.0, min(1.0, share)) * cells)
    return "█" * filled + "░" * (cells - filled) + f" {round(share * 100):3d}%"
