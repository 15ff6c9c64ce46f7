"""What the recording commands say: log, done, undo, and the history table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from ..model import LogRecord, SetRecord
from ..spec import format_sets
from ..words import day_in, visible


def logged(name: str, record: LogRecord) -> str:
    """`oneup log`: 'Logged Goblet squat: 2 x 12 @ 10 kg on Mon 5 Jan.'"""
    day = f" on {day_in(record.date, record.at.astimezone().year)}" if record.date else ""
    pain = " (pain noted: no heavier next time)" if record.pain else ""
    return f"Logged {name}: {format_sets(record.sets)}{day}{pain}."


def done(label: str | None, training: bool, day: dt.date, records: Sequence[LogRecord]) -> str:
    """`oneup done`: 'Recorded session A of Thu 8 Jan: 4 exercises.', with the year when it
    is not the year the records were made in."""
    what = f"session {label}" if training else "the daily blocks"
    count = f"{len(records)} exercise{'s' if len(records) != 1 else ''}"
    this_year = records[0].at.astimezone().year if records else day.year
    return f"Recorded {what} of {day_in(day, this_year)}: {count}."


def without_weight(exercise_id: str) -> str:
    return (
        f"No weight recorded for {exercise_id}: next time log it, "
        f"e.g. oneup log {exercise_id} 2x12@10kg"
    )


NOTHING_LEFT = "Nothing left to record for that day: it is all in the log already."
NOTHING_YET = "Nothing recorded yet. After a session: oneup done, or oneup log EXERCISE SPEC."


def undone(taken: Sequence[LogRecord]) -> str:
    """`oneup undo`: what was taken back."""
    first = taken[0]
    when = f" on {first.date:%a %-d %b %Y}" if first.date else ""
    if first.test is not None:
        from .outcomes import result, test_title

        what = f"the {test_title(first.test.name)} test: {result(first.test)}"
    elif first.source == "import" or len({r.date for r in taken}) > 1:  # a restore, too
        count = f"{len(taken)} record{'s' if len(taken) != 1 else ''}"
        return f"Took back the import of {count} (what `oneup import` added)."
    elif len(taken) == 1:
        what = f"{first.exercise or first.name}: {sets_text(first.sets)}"
    else:
        what = f"the session recorded with `oneup done` ({len(taken)} exercises)"
    return f"Took back {what}{when}."


def sets_text(sets: Sequence[SetRecord]) -> str:
    """The sets as `oneup log` writes them; warm-up sets apart: '2 x 10 @ 12 kg (warm-up:
    10 @ 4 kg)'."""
    work = [s for s in sets if not s.warmup]
    warm = [s for s in sets if s.warmup]
    if not warm:
        return format_sets(sets)
    text = f"(warm-up: {format_sets(warm)})"
    return f"{format_sets(work)} {text}" if work else text


def history_table(records: Sequence[LogRecord]) -> Table:
    """`oneup history`: one row per record. Cells are text, never markup, their control
    characters shown as escapes (notes are typed: no escape sequence reaches the terminal)."""
    table = Table("Date", "Exercise", "Sets", "Effort", "Pain", "Note")
    for r in records:
        what, done = r.exercise or "", sets_text(r.sets)
        if r.exercise is None and r.name is not None:  # imported, its name not mapped
            what = f"{r.name} (not mapped)"
        if r.test is not None:  # a functional test (oneup test)
            from .outcomes import result, test_title

            what, done = f"test: {test_title(r.test.name)}", result(r.test)
        table.add_row(
            *(
                Text(visible(cell, keep="\n"))
                for cell in (
                    f"{r.date:%a %-d %b %Y}" if r.date else "",
                    what,
                    done,
                    "" if r.rpe is None else f"{r.rpe:g}",
                    "yes" if r.pain else "",
                    r.note or "",
                )
            )
        )
    return table
