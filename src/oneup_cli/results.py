"""Results sheets: their columns, and a filled-in sheet read back as log records.

A results sheet (`oneup plan|bulk --format sheet|xlsx`, written by render/sheet.py and
render/xlsx.py) has one row per planned set. A trainer fills in what was done; `oneup import`
gives the rows here:

- a row with nothing filled in is skipped (and counted);
- `done` is the reps, seconds, impacts or minutes of the set, in the row's `measure`;
- `load_used` empty: the planned `load` was used; a number alone is in the profile's units,
  or give the unit (`12kg`, `25 lb`);
- `effort` 0-10 (OMNI), `pain` yes or no (empty: no);
- the rows of one profile, day and exercise make one record (as `oneup log` would), its effort
  the highest given; its id is derived from the profile, day, exercise and what was filled in,
  so importing the same sheet twice adds nothing.

Pure: rows in, records or problems out; reading the file is `read_rows`.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from . import parse
from .model import Library, LogRecord, Measure, SetRecord, Unit, Weight
from .spec import MAX_AMOUNT, MAX_LOAD

COLUMNS = (
    "profile",
    "client",
    "date",
    "session",
    "exercise",
    "name",
    "set",
    "measure",
    "target",
    "load",
    "done",
    "load_used",
    "effort",
    "pain",
)
TO_FILL = ("done", "load_used", "effort", "pain")
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}


def load_cell(w: Weight | None) -> str:
    """A planned load as the sheet writes it and reads it back: '10kg'."""
    if w is None:
        return ""
    value = f"{w.value:.3f}".rstrip("0").rstrip(".")
    return f"{value}{w.unit.value}"


def is_sheet(header: Sequence[str]) -> bool:
    return tuple(h.strip().lower() for h in header) == COLUMNS


@dc.dataclass(frozen=True)
class Problem:
    line: int  # the row's line in the file (the header is line 1)
    column: str
    value: str
    why: str

    def words(self) -> str:
        shown = parse.clip(self.value)
        return f"row {self.line}, {self.column} '{shown}': {self.why}"


@dc.dataclass
class Read:
    """What a sheet holds: records by profile, and what was left out."""

    records: dict[str, list[LogRecord]] = dc.field(default_factory=dict)
    empty: int = 0  # rows with nothing filled in
    filled: int = 0  # rows read into a set
    problems: list[Problem] = dc.field(default_factory=list)


def _weight(text: str, units: Unit) -> Weight | None:
    """'12', '12kg', '25 lb', '7,5'; None when it is not a load."""
    word = text.strip().lower().replace(" ", "")
    unit = units
    for u in Unit:
        if word.endswith(u.value):
            word, unit = word[: -len(u.value)], u
            break
    value = parse.decimal(word)
    if value is None or not 0 <= value <= MAX_LOAD[unit]:
        return None
    return Weight(value, unit)


def _amount(text: str, measure: Measure) -> float | int | None:
    value = parse.decimal(text)
    if value is None or not 0 <= value <= MAX_AMOUNT[measure]:
        return None
    if measure in (Measure.reps, Measure.impacts):
        return int(value) if value == int(value) else None
    return value


def read(
    rows: Iterable[tuple[int, Mapping[str, str]]],
    library: Library,
    units_of: Callable[[str], Unit | None],
    *,
    now: dt.datetime,
) -> Read:
    """The records of a filled-in sheet. `units_of(profile)`: the profile's units, None when
    there is no such profile (the row is a problem)."""
    found = Read()
    by_id = library.by_id()
    groups: dict[tuple[str, dt.date, str], list[tuple[int, SetRecord, float | None, bool]]] = {}
    for line, row in rows:
        cell = {c: str(row.get(c) or "").strip() for c in COLUMNS}
        if not any(cell[c] for c in TO_FILL):
            found.empty += 1
            continue
        bad = len(found.problems)

        def problem(column: str, why: str, cell: dict[str, str] = cell, line: int = line) -> None:
            found.problems.append(Problem(line, column, cell[column], why))

        units = units_of(cell["profile"]) if cell["profile"] else None
        if units is None:
            problem("profile", "no such profile: run oneup profiles import first")
        day = None
        try:
            day = parse.date(cell["date"])
        except parse.FieldError:
            problem("date", "is not a date (YYYY-MM-DD)")
        if cell["exercise"] not in by_id:
            problem("exercise", "is not an exercise of the library")
        try:
            measure = Measure(cell["measure"])
        except ValueError:
            problem("measure", "is not reps, seconds, impacts or minutes")
            measure = Measure.reps
        amount = _amount(cell["done"], measure) if cell["done"] else None
        if amount is None:
            most = MAX_AMOUNT[measure]
            problem("done", f"give the {measure.value} done, a number from 0 to {most}")
        load = None
        used = cell["load_used"] or cell["load"]
        if used:
            load = _weight(used, units or Unit.kg)
            if load is None:
                column = "load_used" if cell["load_used"] else "load"
                problem(column, "is not a load: a number, with kg or lb if not the profile's")
        effort = parse.decimal(cell["effort"]) if cell["effort"] else None
        if cell["effort"] and (effort is None or not 0 <= effort <= 10):
            problem("effort", "give the effort from 0 to 10 (5-6 is moderate)")
        pain = cell["pain"].lower()
        if pain not in YES | NO:
            problem("pain", "write yes or no")
        if len(found.problems) > bad:
            continue
        assert units is not None and amount is not None and day is not None
        dose: dict[str, Any] = {measure.value: amount}
        one = SetRecord(**dose, load=load)
        key = (cell["profile"], day, cell["exercise"])
        groups.setdefault(key, []).append((line, one, effort, pain in YES))
        found.filled += 1
    for (profile, day, exercise), sets in groups.items():
        efforts = [e for _, _, e, _ in sets if e is not None]
        record = LogRecord(
            id="",
            at=now,
            date=day,
            exercise=exercise,
            sets=[s for _, s, _, _ in sets],
            rpe=max(efforts) if efforts else None,
            pain=any(p for _, _, _, p in sets),
            source="import",
        )
        found.records.setdefault(profile, []).append(record.replace(id=_id(profile, record)))
    return found


def _id(profile: str, r: LogRecord) -> str:
    """The same filled-in rows give the same id: a second import of a sheet adds nothing."""
    parts = [profile, str(r.date), r.exercise or "", str(r.rpe), str(r.pain)]
    parts += [f"{s.amount}@{load_cell(s.load)}" for s in r.sets]
    return "sheet-" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:26]
