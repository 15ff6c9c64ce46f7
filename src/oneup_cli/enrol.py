"""Clients as profiles (`oneup profiles import`): a saved profile for every row of a roster
(the columns of `oneup bulk`), and the settings of those already saved brought up to date.

All or nothing: every row is checked (as `bulk` checks it, and for two rows giving one
profile) before any profile is saved, and a bad row means nothing is written. A log is never
opened: a profile whose program changes keeps its log, and its loads go on from it.

For a profile already saved, a cell left blank (or a column the roster lacks) keeps what is
saved; a cell filled in sets it. A new profile gets what `bulk` would plan a new client with.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import sys
from collections.abc import Iterator
from typing import Literal

from . import parse, paths
from . import profile as profiles
from .batch import where
from .batchfiles import Source
from .errors import OneupError, UsageError
from .model import Library, Profile, Program
from .parse import FieldError
from .planning import CLIENT_SETTINGS
from .roster import Client, Row, RowError, check, check_days, profile_name

Action = Literal["created", "changed", "unchanged"]
# The settings a roster sets, in the order a change lists them (then load:EXERCISE).
FIELDS = CLIENT_SETTINGS


@dc.dataclass(frozen=True)
class Change:
    """One setting of a profile: as saved (None: a new profile) and as the roster has it."""

    field: str
    before: str | None
    after: str


@dc.dataclass(frozen=True)
class Outcome:
    """What a roster row does to its profile."""

    row: int
    client: str
    name: str  # the profile
    action: Action
    changes: tuple[Change, ...]
    profile: Profile  # as it is saved (or would be, with dry_run)

    @property
    def program_changed(self) -> Change | None:
        if self.action != "changed":
            return None
        return next((c for c in self.changes if c.field == "program"), None)


@dc.dataclass(frozen=True)
class Imported:
    roster: str  # as given, or 'standard input'
    outcomes: list[Outcome]
    dry_run: bool

    def count(self, action: Action) -> int:
        return sum(1 for o in self.outcomes if o.action == action)


class BadRows(UsageError):
    """Rows that cannot be saved: nothing was written. One row is the error's own line;
    several are `rows`, one line each, and the error sums them up."""

    def __init__(self, source: str, problems: list[str]) -> None:
        n = len(problems)
        if n == 1:
            message = f"{source}: {problems[0]} (nothing was written)"
        else:
            message = f"{source}: {n} rows are wrong, listed above: nothing was written"
        super().__init__(message)
        self.rows = problems if n > 1 else []


def import_roster(roster: str, *, today: dt.date, dry_run: bool = False) -> Imported:
    """`oneup profiles import`: every row checked, then (unless dry_run) every profile that
    is new or changed saved. BadRows when a row is wrong; the header as `bulk` reads it."""
    from .programs import load_library

    if roster == "-" and (sys.stdin is None or sys.stdin.isatty()):
        raise UsageError(
            "the roster is to come from standard input, but that is not a pipe or a file: "
            "give a file, or pipe one in: oneup profiles import - < roster.csv"
        )
    library = load_library()
    source = Source(roster)
    try:
        with source.rows(library) as rows:
            outcomes, problems = _read(rows, library, today)
    finally:
        source.close()
    if problems:
        raise BadRows(source.label, problems)
    if not dry_run:
        for outcome in outcomes:
            if outcome.action != "unchanged":
                profiles.save(outcome.profile)
    return Imported(source.label, outcomes, dry_run)


def _read(rows: Iterator[Row], library: Library, today: dt.date) -> tuple[list[Outcome], list[str]]:
    """Every row's outcome, and a line for every row that is wrong."""
    seen: dict[str, Row] = {}
    programs: dict[str, Program | str] = {}
    outcomes: list[Outcome] = []
    problems: list[str] = []
    for row in rows:
        try:
            name = profile_name(row)
            first = seen.setdefault(name, row)
            if first is not row:
                raise RowError(
                    f"gives the profile '{name}', as {where(first.number, first.name)} does: "
                    "one profile a row (a profile column can tell them apart)"
                )
            outcomes.append(_outcome(row, name, library, today, programs))
        except (RowError, UsageError) as e:  # a problem with the data folder is not the row's
            problems.append(f"{where(row.number, row.name)}: {e.message}")
    return outcomes, problems


def _program(text: str, library: Library, loaded: dict[str, Program | str]) -> Program:
    """A program by id (as `oneup start` takes it), loaded once for every row naming it."""
    from .programs import load_program

    found = loaded.get(text)
    if found is None:
        try:
            found = load_program(text.strip(), library)
        except OneupError as e:
            found = e.message
        loaded[text] = found
    if isinstance(found, str):
        raise RowError(found)
    return found


def _outcome(
    row: Row, name: str, library: Library, today: dt.date, loaded: dict[str, Program | str]
) -> Outcome:
    client = check(row, library, today)
    before = profiles.load(name)  # a damaged one stops the import (exit 1): never replaced
    if before is None:
        program = _program(client.program, library, loaded)
        check_days(client, program)
        made = client.who.profile(program)  # as `bulk` plans a new client
        made.name = paths.check_name(name)
        changes = tuple(Change(f, None, v) for f, v in settings(made).items())
        return Outcome(row.number, row.name, name, "created", changes, made)
    after = _updated(row, client, before, library, loaded)
    old, new = settings(before), settings(after)
    changes = tuple(Change(f, old.get(f), v) for f, v in new.items() if old.get(f) != v)
    action: Action = "changed" if changes else "unchanged"
    return Outcome(row.number, row.name, name, action, changes, after)


def _updated(
    row: Row, client: Client, before: Profile, library: Library, loaded: dict[str, Program | str]
) -> Profile:
    """The saved profile with the row's filled-in cells: its log, one-rep maxes, year of
    birth and sex are the profile's own."""
    given = {f for f, v in row.cells.items() if v.strip()}
    who = client.who
    program = _program(client.program if "program" in given else before.program, library, loaded)
    units = who.units if "units" in given else before.units
    days = list(who.days) if who.days is not None else list(before.days)
    try:
        parse.schedule_days(days, program.schedule)
    except FieldError as e:
        fix = "" if "days" in given else f" (the saved days, for {program.id}: fill in the days)"
        raise RowError(e.worded(e.field) + fix) from None
    try:
        # Loads are read again in the profile's units when the row does not give them.
        loads = parse.loads(library, [f"{e}={a}" for e, a in row.loads.items()], units)
    except FieldError as e:
        raise RowError(e.worded(e.field)) from None
    return Profile(
        name=before.name,
        program=program.id,
        start=who.start if "start" in given else before.start,
        days=days,
        units=units,
        equipment=who.equipment if "equipment" in given else list(before.equipment),
        supervised=who.supervised if "supervised" in given else before.supervised,
        vertebral_fracture=(
            who.vertebral_fracture if "vertebral_fracture" in given else before.vertebral_fracture
        ),
        cleared=who.cleared if "cleared" in given else before.cleared,
        loads={**before.loads, **loads},
        one_rm=dict(before.one_rm),
        born=before.born,
        sex=before.sex,
    )


def settings(p: Profile) -> dict[str, str]:
    """A profile's settings as the roster writes them: mon,thu; yes or no; 10 kg."""
    shown = {
        "program": p.program,
        "start": p.start.isoformat(),
        "days": ",".join(p.days),
        "units": p.units.value,
        "equipment": ",".join(sorted(e.value for e in p.equipment)),
        "supervised": "yes" if p.supervised else "no",
        "vertebral_fracture": "yes" if p.vertebral_fracture else "no",
        "cleared": "yes" if p.cleared else "no",
    }
    return shown | {f"load:{e}": str(w) for e, w in sorted(p.loads.items())}
