"""The sets another app recorded, as oneup's log records: one per exercise per day, with ids
made from the content, so that the same file imported twice gives the same ids."""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import hashlib
from typing import Any

from .. import parse
from ..model import Exercise, LogRecord, Measure, SetRecord
from ..model.records import MAX_SETS
from ..parse import FieldError
from ..plain import visible
from .aliases import Aliases, key
from .formats import BadRow, Format, Row


@dc.dataclass
class Group:
    """The sets of one exercise on one day, in the order of the file."""

    date: dt.date
    name: str  # as the file first names it
    exercise: Exercise | None  # None: not mapped, kept by name
    rows: list[Row] = dc.field(default_factory=list)


def group(rows: list[Row], aliases: Aliases) -> list[Group]:
    """Rows by (day, exercise): a mapped name by its library id (two names of one exercise
    are one record), an unknown one by its name; in the order each first appears."""
    by_id = aliases.library.by_id()
    groups: dict[tuple[dt.date, str], Group] = {}
    for row in rows:
        found = aliases.find(row.name)
        k = (row.date, found if found is not None else "?" + key(row.name))
        if k not in groups:
            groups[k] = Group(row.date, row.name, by_id[found] if found else None)
        groups[k].rows.append(row)
    return list(groups.values())


def one_set(row: Row, exercise: Exercise | None) -> SetRecord:
    """The row as a set in the measure of its exercise (a walk's seconds as minutes, a jump's
    reps as impacts); an unmapped one as the file gives it. Loads stay in their unit."""
    reps, secs = row.reps, row.seconds
    if reps == 0 and secs:  # Strong writes 0 reps for a timed set
        reps = None
    measure = exercise.measure if exercise is not None else None
    amount: dict[str, Any]
    if measure == Measure.minutes and secs is not None:
        amount = {"minutes": round(secs / 60, 2)}
    elif measure == Measure.impacts and reps is not None:
        amount = {"impacts": reps}
    elif measure == Measure.seconds and secs is not None:
        amount = {"seconds": secs}
    elif reps is not None:
        amount = {"reps": reps}
    elif secs is not None:
        amount = {"seconds": secs}
    else:
        raise BadRow("it has no reps and no time (oneup does not record distances)")
    return SetRecord(**amount, load=row.load, warmup=row.warmup)


def _note(rows: list[Row]) -> str | None:
    """The rows' notes, once each, shown safely (control characters as escapes), cut short
    to what a note may hold."""
    text = "\n".join(dict.fromkeys(r.note for r in rows if r.note))
    if not text:
        return None
    text = visible(text, keep="\t\n\r")
    return text if len(text) <= parse.MAX_NOTE else text[: parse.MAX_NOTE - 3] + "..."


def content_id(fmt: Format, g: Group, generation: int = 0) -> str:
    """An id from what the record holds: the format, the day, the exercise as the file names
    it and each set's identity (its workout and set number, or for FitNotes its cells) and
    place: the same sets in a later export of the same app give the same id. `generation` n > 0 is
    the id of the n-th import of the same sets after an undo took the earlier ones back."""
    sets = (f"{i}:{r.identity}" for i, r in enumerate(g.rows))
    parts = [fmt.id, g.date.isoformat(), key(g.name), *sets]
    if generation:
        parts.append(f"#{generation}")
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).digest()
    n = int.from_bytes(digest[:17], "big") >> 6  # 130 bits: 26 characters of base 32
    return "".join(_CROCKFORD[(n >> shift) & 31] for shift in range(125, -1, -5))


_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def record(g: Group, *, now: dt.datetime, today: dt.date) -> LogRecord:
    """The group as one record (its id is set when it is written: `content_id`); BadRow if
    it cannot be one."""
    if len(g.rows) > MAX_SETS:
        raise BadRow(f"{len(g.rows)} sets of {g.name} on one day: a record holds {MAX_SETS}")
    try:
        parse.record_date(g.date, today)
    except FieldError as e:
        raise BadRow(f"the date {e.value} is more than a year ahead") from None
    sets = []
    for r in g.rows:
        try:
            sets.append(one_set(r, g.exercise))
        except BadRow as e:
            raise BadRow(e.why, r.line) from None
    work = [r.rpe for r in g.rows if r.rpe is not None and not r.warmup]
    rpes = work or [r.rpe for r in g.rows if r.rpe is not None]
    return LogRecord(
        id="-",
        at=now,
        date=g.date,
        exercise=g.exercise.id if g.exercise is not None else None,
        name=None if g.exercise is not None else g.name,
        sets=sets,
        rpe=max(rpes) if rpes else None,
        note=_note(g.rows),
        source="import",
    )
