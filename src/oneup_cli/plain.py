"""The small pieces of English every sentence is made of: text people typed shown safely,
numbers, weights, amounts, days and spans. `words` builds its sentences from these (and
re-exports them); nothing here knows about the engine.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence

from .model import Measure, Range, Weight

# --- text people typed -----------------------------------------------------------------------

_SHOWN_AS_ESCAPES = ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")


def visible(text: str, keep: str = "") -> str:
    """Text with its control characters shown as escapes ('\\x1b', '\\u202e'), so what
    people typed cannot move a terminal's cursor, change its colours or reverse its text.
    `keep`: characters left as they are (a note's line breaks)."""
    if text.isprintable():
        return text
    return "".join(
        c
        if c in keep or unicodedata.category(c) not in _SHOWN_AS_ESCAPES
        else repr(c)[1:-1]
        if ord(c) < 0x80
        else f"\\u{ord(c):04x}"
        for c in text
    )


# --- numbers, amounts, days -------------------------------------------------------------------


def num(x: float) -> str:
    """8, 2.5, 0.25: no trailing '.0'."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def weight(w: Weight) -> str:
    """'12.5 kg'."""
    return f"{num(round(w.value, 2))} {w.unit.value}"


def _difference(a: Weight, b: Weight) -> str:
    """a - b, in a's unit: '2.5 kg'."""
    return f"{num(round(a.value - b.value, 2))} {a.unit.value}"


def span_of(r: Range) -> str:
    """'8-12', or '8' for a fixed range."""
    lo, hi = num(r.low), num(r.high)
    return lo if lo == hi else f"{lo}-{hi}"


_AMOUNT_UNITS = {
    Measure.seconds: " s",
    Measure.reps: " reps",
    Measure.impacts: " impacts",
    Measure.minutes: " min",
}


def amount_words(x: float, measure: Measure) -> str:
    """'20 s', '8 reps', '30 impacts', '10 min'."""
    return f"{num(x)}{_AMOUNT_UNITS[measure]}"


def day_short(d: dt.date) -> str:
    return d.strftime("%a %-d %b")


def day_in(d: dt.date, this_year: int) -> str:
    """'Mon 5 Jan', with the year when it is not `this_year`: 'Thu 1 Jun 2027'."""
    return day_short(d) if d.year == this_year else d.strftime("%a %-d %b %Y")


def day_long(d: dt.date) -> str:
    return d.strftime("%A %-d %B %Y")


def span(a: dt.date, b: dt.date) -> str:
    """'Mon 5 - Sun 11 Jan 2026', 'Mon 26 Jan - Sun 1 Feb 2026', across years in full."""
    if a.year != b.year:
        return f"{a:%a %-d %b %Y} - {b:%a %-d %b %Y}"
    if a.month != b.month:
        return f"{a:%a %-d %b} - {b:%a %-d %b %Y}"
    return f"{a:%a %-d} - {b:%a %-d %b %Y}"


def week_of(number: int, total: int) -> str:
    """'week 5 of 24'; past the program's end, 'week 50, after the 24-week program'."""
    if number > total:
        return f"week {number}, after the {total}-week program"
    return f"week {number} of {total}"


def or_words(items: Sequence[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} or {items[-1]}"
