"""What the commands do, without the command line: profiles, planning, recording.

The CLI and the Python API both call these functions.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import difflib
from collections.abc import Sequence
from typing import Any

from . import log, paths
from . import profile as profiles
from .errors import UsageError
from .model import Exercise, Library, LogRecord, Measure, Profile, Program, SetRecord, Unit
from .programs import load_library, load_program
from .progression import DayPlan, History, build_history, plan_day

DEFAULT_PROGRAM = "prevention"


@dc.dataclass
class Context:
    """Everything a day's plan needs, loaded once."""

    profile: Profile
    program: Program
    library: Library
    created: bool = False


def new_profile(
    name: str,
    program: Program,
    *,
    start: dt.date,
    days: Sequence[str] | None = None,
    units: Unit = Unit.kg,
    **options: object,
) -> Profile:
    chosen = days or list(program.schedule.default_days)
    return Profile(
        name=paths.check_name(name),
        program=program.id,
        start=start,
        days=chosen,  # type: ignore[arg-type]
        units=units,
        **options,  # type: ignore[arg-type]
    )


def open_context(name: str, *, today: dt.date, create: bool = False) -> Context:
    """Load the profile, its program and the library; with create, make a default profile."""
    profile = profiles.load(name)
    library = load_library()
    created = False
    if profile is None:
        if not create:
            raise UsageError(
                f"no profile called '{name}' yet: start one with `oneup start PROGRAM`"
            )
        program = load_program(DEFAULT_PROGRAM, library)
        profile = new_profile(name, program, start=today)
        profiles.save(profile)
        created = True
    else:
        program = load_program(profile.program, library)
    return Context(profile, program, library, created)


def read_history(name: str, date: dt.date | None = None) -> tuple[History, list[str]]:
    """The history the engine needs; for a date, only each exercise's recent records."""
    if date is None:
        result = log.read(paths.log_file(name))
        return build_history(result.records), result.warnings
    from .recent import recent_records

    records, warnings = recent_records(paths.log_file(name), date)
    return build_history(records), warnings


def plan(ctx: Context, history: History, date: dt.date) -> DayPlan:
    return plan_day(ctx.program, ctx.library, ctx.profile, history, date)


def find_exercise(library: Library, text: str) -> Exercise:
    """By id or name, case-insensitively, with a 'did you mean' on a miss."""
    wanted = text.strip().lower()
    for ex in library.exercises:
        if wanted in (ex.id, ex.name.lower()) or wanted.replace(" ", "-") == ex.id:
            return ex
    choices = {ex.id: ex for ex in library.exercises} | {
        ex.name.lower(): ex for ex in library.exercises
    }
    guess = difflib.get_close_matches(wanted, list(choices), n=1, cutoff=0.5)
    tip = f" Did you mean '{choices[guess[0]].id}'?" if guess else ""
    raise UsageError(f"no exercise called '{text}'.{tip} `oneup exercises list` shows them all.")


def make_record(
    exercise: Exercise,
    sets: list[SetRecord],
    *,
    date: dt.date,
    now: dt.datetime,
    rpe: float | None = None,
    pain: bool = False,
    note: str | None = None,
    source: str = "log",
    batch: str | None = None,
) -> LogRecord:
    if rpe is not None and not 0 <= rpe <= 10:
        raise UsageError(f"--rpe {rpe:g} is off the scale: effort is from 0 (rest) to 10 (max)")
    return LogRecord(
        id=log.new_id(),
        at=now,
        date=date,
        exercise=exercise.id,
        sets=sets,
        rpe=rpe,
        pain=pain,
        note=note,
        source=source,  # type: ignore[arg-type]
        batch=batch,
    )


def done_records(
    plan: DayPlan, history: History, *, skip: set[str], now: dt.datetime
) -> list[LogRecord]:
    """The day's prescription as records, leaving out what was skipped or already logged.

    A rep range is recorded at its bottom: all `done` tells us is that the sets were done.
    Reaching the top of the range, which earns a heavier weight, is for `oneup log` to say."""
    if plan.before_start:
        raise UsageError(
            f"your program starts on {plan.profile.start:%a %-d %b %Y}: nothing to record yet"
        )
    records = []
    batch = log.new_id()
    for block in plan.blocks:
        for p in block.items:
            ex = p.exercise
            if ex.id in skip or any(e.date == plan.date for e in history.get(ex.id, [])):
                continue
            dose: dict[str, Any] = {p.measure.value: _as_measure(p.target.low, p.measure)}
            one = SetRecord(**dose, load=p.load, support=p.support)
            records.append(
                make_record(ex, [one] * p.sets, date=plan.date, now=now, source="done", batch=batch)
            )
    return records


def _as_measure(amount: float, measure: Measure) -> float | int:
    return int(amount) if measure in (Measure.reps, Measure.impacts) else float(amount)
