"""The files `oneup import` reads: which app wrote a file (from its header), and one reader
per format that turns a row into a `Row` (one set) or a `BadRow` (its reason).

Formats are a table (`FORMATS`): the first entry whose required columns are all in the header
reads the file, so one more entry adds a format. oneup's own CSV and JSON backup (written by
`oneup export`) are to be added here the same way.
"""

from __future__ import annotations

import csv
import dataclasses as dc
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator, Mapping

from ..model import Unit, Weight
from ..model.records import FIRST_YEAR, LAST_YEAR, MAX_LOAD, MAX_REPS, MAX_SECONDS


@dc.dataclass(frozen=True)
class Row:
    """One set as another app recorded it."""

    line: int  # the file's line the row starts on (the header is line 1)
    date: dt.date
    name: str  # the exercise, as the app named it
    identity: str  # what tells this set from every other in the file (its workout, set number)
    reps: int | None = None
    seconds: float | None = None
    load: Weight | None = None
    warmup: bool = False
    rpe: float | None = None
    note: str = ""


class BadRow(Exception):
    """A row that cannot be read: `reason` says why, in a few plain words."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.why = reason
        self.line = line  # where the caller cannot tell


Cells = Mapping[str, str]  # a row's cells by column name, as the header spells it
Reader = Callable[[Cells, int, Unit], "Row | None"]  # None: a row that holds no set


@dc.dataclass(frozen=True)
class Format:
    id: str  # in the record ids (never change one) and the --json summary
    title: str  # what the summary calls the file
    delimiter: str
    required: frozenset[str]  # columns that say a file is of this format
    read: Reader
    decimal_comma: bool = False  # '62,5' is 62.5 (the semicolon form of Strong)


# ---------------------------------------------------------------------------------------------
# The cells
# ---------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")  # ASCII digits only, never full-width ones
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}


def number(text: str, what: str, decimal_comma: bool = False) -> float | None:
    """A number of the file ('62.5', with decimal_comma '62,5'); None for an empty cell."""
    word = text.strip()
    if decimal_comma:
        word = word.replace(",", ".")
    if not word:
        return None
    if not _NUMBER.fullmatch(word):
        raise BadRow(f"the {what} '{_clip(text)}' is not a number")
    return float(word)


def count(text: str, what: str, decimal_comma: bool = False) -> int | None:
    value = number(text, what, decimal_comma)
    if value is None:
        return None
    if value != int(value) or value > MAX_REPS:
        raise BadRow(f"the {what} '{_clip(text)}' is not a whole number from 0 to {MAX_REPS}")
    return int(value)


def load(text: str, unit: Unit, decimal_comma: bool = False) -> Weight | None:
    """A weight in the unit the file gives; none for an empty cell or 0 (no weight)."""
    value = number(text, "weight", decimal_comma)
    if not value:
        return None
    if value > MAX_LOAD[unit]:
        raise BadRow(f"the weight '{_clip(text)}' is over {MAX_LOAD[unit]:g} {unit.value}")
    return Weight(value, unit)


def unit(text: str) -> Unit:
    word = text.strip().lower()
    if word in ("kg", "kgs"):
        return Unit.kg
    if word in ("lb", "lbs"):
        return Unit.lb
    raise BadRow(f"the weight unit '{_clip(text)}' is not kg or lbs")


def seconds(text: str, decimal_comma: bool = False) -> float | None:
    value = number(text, "seconds", decimal_comma)
    if not value:
        return None
    if value > MAX_SECONDS:
        raise BadRow(f"the seconds '{_clip(text)}' are more than a day")
    return value


def effort(text: str, decimal_comma: bool = False) -> float | None:
    value = number(text, "RPE", decimal_comma)
    if value is None or value == 0:  # Strong writes 0 for no RPE
        return None
    if value > 10:
        raise BadRow(f"the RPE '{_clip(text)}' is not from 0 to 10")
    return value


_ISO_DAY = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?: ?[AaPp]\.?[Mm]\.?)?)?"
)
_HEVY_DAY = re.compile(
    r"([0-9]{1,2}) ([A-Za-z]{3,4}) ([0-9]{4}),? [0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?"
)


def day(text: str) -> dt.date:
    """The day of '2026-01-05', '2026-01-05 18:30:00', '2026-01-05 6:30:00 PM' (Strong,
    FitNotes) or '5 Jan 2026, 18:30' (Hevy); the time of day is not kept."""
    word = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
    try:
        if m := _ISO_DAY.fullmatch(word):
            found = dt.date(int(m[1]), int(m[2]), int(m[3]))
        elif (m := _HEVY_DAY.fullmatch(word)) and m[2][:3].lower() in _MONTHS:
            found = dt.date(int(m[3]), _MONTHS[m[2][:3].lower()], int(m[1]))
        else:
            raise ValueError
    except ValueError:
        raise BadRow(f"the date '{_clip(text)}' is not a real date") from None
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise BadRow(f"the date '{_clip(text)}' is not a year from {FIRST_YEAR} to {LAST_YEAR}")
    return found


def name(text: str) -> str:
    """The exercise's name, its control characters kept as visible escapes ('\\x1b')."""
    from ..plain import visible

    word = visible(" ".join(text.split()))
    if not word:
        raise BadRow("the exercise name is empty")
    if len(word) > 200:
        raise BadRow("the exercise name is over 200 characters")
    return word


def _clip(text: str) -> str:
    from ..plain import visible

    text = text.strip()
    return visible(text if len(text) <= 40 else text[:37] + "...")


def _notes(*cells: str) -> str:
    return "\n".join(dict.fromkeys(c.strip() for c in cells if c.strip()))


# ---------------------------------------------------------------------------------------------
# One reader per format
# ---------------------------------------------------------------------------------------------

# Strong: one row per set; `Set Order` is the set's number, "W" a warm-up, "D" a drop set, "F"
# a set to failure; "Rest Timer" and "Note" rows hold no set. Dates like 2026-01-05 18:30:00.
# The comma form (header `Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,
# Distance,Seconds,Notes,Workout Notes,RPE`) gives weights in the app's unit, which the file
# does not say: they are read in the profile's units. Learned from astashov/liftosaur
# src/utils/importFromStrong.ts (the columns, "Rest Timer" rows skipped).
# The older semicolon form (`Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;
# RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration`) says each row's unit
# (kg or lbs): mtanzim/vis-strong-go README.md and rgdotplot/simple-workout-log-to-hevy
# data/strong.go. Made in a locale that writes decimals with a comma, it has '62,5' for 62.5 and
# '8,5' for an RPE (other importers' tests of that form read them so; no published sample we
# found names its source), so a comma in a number of that form is its decimal point. A comma
# form that has a `Weight Unit` column (newer iOS exports) is read by the comma entry with it.
STRONG_SET_KINDS = {"w": True, "d": False, "f": False}  # warm-up or not
STRONG_NO_SET = ("rest timer", "note")


def _strong(decimal_comma: bool) -> Reader:
    def read(cells: Cells, line: int, default: Unit) -> Row | None:
        order = cells.get("Set Order", "").strip()
        if order.lower() in STRONG_NO_SET:
            return None
        if order.isascii() and order.isdigit():
            warmup = False
        elif order.lower() in STRONG_SET_KINDS:
            warmup = STRONG_SET_KINDS[order.lower()]
        else:
            raise BadRow(f"the set order '{_clip(order)}' is not a set number, W, D or F")
        when = cells.get("Date", "")
        given = cells.get("Weight Unit", "").strip()
        return Row(
            line=line,
            date=day(when),
            name=name(cells.get("Exercise Name", "")),
            identity=f"{when.strip()}|{order}",
            reps=count(cells.get("Reps", ""), "reps", decimal_comma),
            seconds=seconds(cells.get("Seconds", ""), decimal_comma),
            load=load(cells.get("Weight", ""), unit(given) if given else default, decimal_comma),
            warmup=warmup,
            rpe=effort(cells.get("RPE", ""), decimal_comma),
            note=_notes(cells.get("Notes", "")),
        )

    return read


# Hevy: one row per set; `set_type` is normal, warmup, dropset or failure; `set_index` counts
# from 0 within an exercise; the weight column is `weight_kg` or `weight_lbs` after the app's
# unit; dates like "5 Jan 2026, 18:30". Learned from astashov/liftosaur
# src/utils/importFromHevy.ts (warm-ups by set_type "warmup", weight_lbs or weight_kg).
HEVY_SET_TYPES = {"normal": False, "warmup": True, "dropset": False, "failure": False, "": False}


def _hevy(column: str, weight_unit: Unit) -> Reader:
    def read(cells: Cells, line: int, default: Unit) -> Row | None:
        kind = cells.get("set_type", "").strip().lower()
        if kind not in HEVY_SET_TYPES:
            raise BadRow(f"the set_type '{_clip(kind)}' is not normal, warmup, dropset or failure")
        start = cells.get("start_time", "")
        exercise = name(cells.get("exercise_title", ""))
        return Row(
            line=line,
            date=day(start),
            name=exercise,
            identity=f"{start.strip()}|{cells.get('set_index', '').strip()}",
            reps=count(cells.get("reps", ""), "reps"),
            seconds=seconds(cells.get("duration_seconds", "")),
            load=load(cells.get(column, ""), weight_unit),
            warmup=HEVY_SET_TYPES[kind],
            rpe=effort(cells.get("rpe", "")),
            note=_notes(cells.get("exercise_notes", "")),
        )

    return read


# FitNotes: one row per set, no set number (the order of the rows is the order of the sets);
# header `Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment`,
# dates 2026-01-05, units kgs or lbs, Time as H:MM:SS. No warm-up marks. Learned from
# alanjonesit/FitNotes2Hevy src/fitnotes2hevy/converter.py (its required columns).
_CLOCK = re.compile(r"(?:([0-9]+):)?([0-9]{1,2}):([0-9]{2})")


def _clock(text: str) -> float | None:
    word = text.strip()
    if m := _CLOCK.fullmatch(word):
        total = int(m[1] or 0) * 3600 + int(m[2]) * 60 + int(m[3])
        return seconds(str(total))
    return seconds(word)


def _fitnotes(cells: Cells, line: int, default: Unit) -> Row | None:
    given = cells.get("Weight Unit", "").strip()
    return Row(
        line=line,
        date=day(cells.get("Date", "")),
        name=name(cells.get("Exercise", "")),
        # No set number: the set's own cells, with its place among the day's sets of the
        # exercise (records.content_id), which a later export of the same days keeps.
        identity="|".join(
            cells.get(c, "").strip() for c in ("Weight", "Weight Unit", "Reps", "Time")
        ),
        reps=count(cells.get("Reps", ""), "reps"),
        seconds=_clock(cells.get("Time", "")),
        load=load(cells.get("Weight", ""), unit(given) if given else default),
        note=_notes(cells.get("Comment", "")),
    )


_STRONG = frozenset({"Date", "Exercise Name", "Set Order", "Weight", "Reps"})
_HEVY = frozenset({"start_time", "exercise_title", "set_type", "reps"})

FORMATS: tuple[Format, ...] = (
    Format(
        "strong-semicolon",
        "Strong (semicolon form)",
        ";",
        _STRONG | {"Weight Unit"},
        _strong(True),
        decimal_comma=True,
    ),
    Format("strong", "Strong", ",", _STRONG, _strong(False)),
    Format("hevy-kg", "Hevy (kg)", ",", _HEVY | {"weight_kg"}, _hevy("weight_kg", Unit.kg)),
    Format("hevy-lb", "Hevy (lb)", ",", _HEVY | {"weight_lbs"}, _hevy("weight_lbs", Unit.lb)),
    Format(
        "fitnotes",
        "FitNotes",
        ",",
        frozenset({"Date", "Exercise", "Category", "Weight", "Weight Unit", "Reps"}),
        _fitnotes,
    ),
)
KNOWN = "Strong, Hevy or FitNotes"


def detect(first_line: str) -> Format | None:
    """The format whose columns the header holds (the first in FORMATS), or None."""
    for fmt in FORMATS:
        cells = next(csv.reader([first_line], delimiter=fmt.delimiter), [])
        if fmt.required <= {c.strip() for c in cells}:
            return fmt
    return None


def rows(
    text: str, fmt: Format, default: Unit, first_line: int = 1
) -> Iterator[tuple[int, Row | BadRow | None]]:
    """(line, Row) for each set, (line, None) for a row without one, (line, BadRow) for a row
    that cannot be read; `text` starts with the header, which is on line `first_line`."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=fmt.delimiter)
    header = [c.strip() for c in next(reader)]
    while True:
        start = reader.line_num + first_line
        try:
            cells = next(reader, None)
        except csv.Error as e:
            yield start, BadRow(f"it is not valid CSV ({e})")
            return
        if cells is None:
            return
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            yield start, BadRow(f"it has {len(cells)} cells but the header names {len(header)}")
            continue
        try:
            yield start, fmt.read(dict(zip(header, cells, strict=False)), start, default)
        except BadRow as e:
            yield start, e
