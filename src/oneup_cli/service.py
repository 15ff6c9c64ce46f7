"""What the commands do, without the command line: profiles, planning, recording.

Each command of the CLI calls one function here (or in `planning` and `batch`) and hands what
it returns to a renderer; the Python API calls them too. Values come in as people typed them
and are read by `parse`, whose errors name the field (the front end words it).
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import log, parse, paths
from . import profile as profiles
from .errors import OneupError, UsageError
from .model import (
    Exercise,
    Library,
    LoadKind,
    LogRecord,
    Measure,
    Profile,
    Program,
    SetRecord,
    Unit,
)
from .model.values import shown
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
    if days:
        parse.schedule_days(days, program.schedule)
    chosen = days or list(program.schedule.default_days)
    return Profile(
        name=paths.check_name(name),
        program=program.id,
        start=start,
        days=chosen,  # type: ignore[arg-type]
        units=units,
        **options,  # type: ignore[arg-type]
    )


def open_context(
    name: str,
    *,
    today: dt.date,
    create: bool = False,
    programs: dict[str, Program] | None = None,
) -> Context:
    """Load the profile, its program and the library; with create, make a default profile.
    `programs`: the programs already loaded by id, kept by a caller that opens many profiles
    (`bulk --profiles`), which adds to it."""
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
    elif programs is not None and profile.program in programs:
        program = programs[profile.program]
    else:
        program = load_program(profile.program, library)
        if programs is not None:
            programs[program.id] = program
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
    if rpe is not None:
        rpe = parse.check_effort(rpe)  # -0.0 becomes 0.0
    parse.record(date, note, now.astimezone().date())  # not a year ahead, a note not too long
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
    # Each record says how many the batch holds, so that a write cut short is seen as such.
    return [r.replace(batch_size=len(records)) for r in records]


def _as_measure(amount: float, measure: Measure) -> float | int:
    return int(amount) if measure in (Measure.reps, Measure.impacts) else float(amount)


# ---------------------------------------------------------------------------------------------
# One function per command
# ---------------------------------------------------------------------------------------------


@dc.dataclass(frozen=True)
class Today:
    plan: DayPlan
    created: bool  # the profile was made just now, on the default program
    warnings: list[str]
    # Functional tests: the day a re-test fell due, if one is due; or, with no test recorded
    # in the program's first weeks, a suggestion to take a first one (FIRST_TEST_WEEKS).
    retest_due: dt.date | None = None
    first_test: bool = False


FIRST_TEST_WEEKS = 2  # `today` suggests a first functional test in a program's first 2 weeks


def today(name: str, day: dt.date, *, today: dt.date) -> Today:
    """`oneup today`: the day's plan, making a default profile the first time."""
    from .recent import recent

    context = open_context(name, today=today, create=True)
    found = recent(paths.log_file(name), day)
    day_plan = plan(context, build_history(found.records), day)
    due, first = None, False
    if found.tests:
        from .outcomes.functional import retest_due, test_results

        due = retest_due(test_results(found.tests), day)
    else:
        first = 0 <= (day - context.profile.start).days < 7 * FIRST_TEST_WEEKS
    return Today(day_plan, context.created, found.warnings, due, first)


@dc.dataclass(frozen=True)
class Started:
    profile: Profile
    program: Program
    path: Path  # the profile's file
    message: list[str] = dc.field(default_factory=list)  # what `describe` made of it


def start(
    name: str,
    program: str,
    *,
    today: dt.date,
    start: str | None = None,
    days: str | None = None,
    units: str = "kg",
    equipment: str = "home",
    supervised: bool = False,
    vertebral_fracture: bool = False,
    cleared: bool = False,
    loads: Sequence[str] = (),
    one_rm: Sequence[str] = (),
    born: str | None = None,
    sex: str | None = None,
    describe: Callable[[Started], list[str]] | None = None,
) -> Started:
    """`oneup start`: a new profile following `program`, saved. What it will say is made
    (`describe`) before the profile is saved, so nothing after that can fail but printing it.
    The year of birth and sex are kept from the profile it replaces unless given."""
    library = load_library()
    chosen = load_program(program, library)
    unit = parse.units(units)
    year = parse.birth_year(born, today) if born is not None else None
    chosen_sex = parse.sex(sex) if sex is not None else None
    if year is None or chosen_sex is None:
        try:
            before = profiles.load(name)
        except OneupError:  # a damaged profile is replaced whole
            before = None
        if before is not None:
            year = before.born if year is None else year
            chosen_sex = before.sex if chosen_sex is None else chosen_sex
    profile = new_profile(
        name,
        chosen,
        start=parse.date(start, "start") if start is not None else today,
        days=parse.days(days) if days is not None else None,
        units=unit,
        equipment=parse.equipment(equipment),
        supervised=supervised,
        vertebral_fracture=vertebral_fracture,
        cleared=cleared,
        loads=parse.loads(library, loads, unit, "load"),
        one_rm=parse.loads(library, one_rm, unit, "one_rm"),
        born=year,
        sex=chosen_sex,
    )
    started = Started(profile, chosen, paths.profile_file(name))
    if describe is not None:
        started = dc.replace(started, message=describe(started))
    profiles.save(profile)  # to started.path
    return started


def all_profiles() -> list[tuple[str, Profile | OneupError]]:
    """Every profile by name; a damaged one as the error that says what is wrong."""
    rows: list[tuple[str, Profile | OneupError]] = []
    for n in profiles.names():
        try:
            found = profiles.load(n)
        except OneupError as e:
            rows.append((n, e))
        else:
            if found is not None:
                rows.append((n, found))
    return rows


def profile(name: str) -> Profile:
    found = profiles.load(name)
    if found is None:
        raise UsageError(
            f"no profile called '{name}' yet: `oneup today` or `oneup start` makes one"
        )
    return found


# The recording commands read and check everything, then make what they will say (a
# `describe` function given by the front end), and only then write: nothing they do after the
# record is saved can fail, except printing what they made.


@dc.dataclass(frozen=True)
class Logged:
    exercise: Exercise
    record: LogRecord
    message: list[str] = dc.field(default_factory=list)  # what `describe` made of it


def log_sets(
    name: str,
    exercise: str,
    spec: str,
    *,
    day: dt.date,
    now: dt.datetime,
    rpe: str | None = None,
    pain: bool = False,
    note: str | None = None,
    support: str | None = None,
    describe: Callable[[Logged], list[str]] | None = None,
) -> Logged:
    """`oneup log`: read SPEC for the exercise in the profile's units, and append it."""
    from .spec import parse_spec

    library = load_library()
    ex = parse.exercise(library, exercise)
    person = profiles.load(name)
    unit = person.units if person else Unit.kg
    sets = parse_spec(spec, ex.measure, unit, name=ex.name)
    if support is not None:
        level = parse.support(support)
        sets = [s.replace(support=level) for s in sets]
    effort = parse.effort(rpe) if rpe is not None else None
    record = make_record(ex, sets, date=day, now=now, rpe=effort, pain=pain, note=note)
    logged = Logged(ex, record)
    if describe is not None:
        logged = dc.replace(logged, message=describe(logged))
    log.append(paths.log_file(name), record)
    return logged


@dc.dataclass(frozen=True)
class Done:
    plan: DayPlan
    records: list[LogRecord]
    without_weight: list[str]  # exercises recorded without the weight they need
    warnings: list[str] = dc.field(default_factory=list)  # from reading the log
    message: list[str] = dc.field(default_factory=list)  # what `describe` made of it


def done(
    name: str,
    day: dt.date,
    *,
    today: dt.date,
    now: dt.datetime,
    skip: Sequence[str] = (),
    describe: Callable[[Done], list[str]] | None = None,
) -> Done:
    """`oneup done`: the day's prescription recorded, but what was skipped or already logged.

    The log is read, the day planned and the records made under the log's exclusive lock, and
    appended in the same critical section: two `done` at once record the session once."""
    context = open_context(name, today=today, create=False)
    skipped = {parse.exercise(context.library, s, "skip").id for s in skip}
    by_id = context.library.by_id()
    made: list[Done] = []

    def make(found: log.LogReadResult) -> list[LogRecord]:
        history = build_history(found.records)
        day_plan = plan(context, history, day)
        records = done_records(day_plan, history, skip=skipped, now=now)
        missing = [
            r.exercise
            for r in records
            if r.exercise is not None
            and r.sets
            and r.sets[0].reps
            and r.sets[0].load is None
            and _needs_load(by_id.get(r.exercise))
        ]
        result = Done(day_plan, records, missing, found.warnings)
        if describe is not None and records:
            result = dc.replace(result, message=describe(result))
        made.append(result)
        return records  # each checked before any is written (log.encode)

    log.append_after_reading(paths.log_file(name), make)
    return made[-1]


def _needs_load(ex: Exercise | None) -> bool:
    return ex is not None and ex.load_kind not in (LoadKind.bodyweight, LoadKind.band)


def undo(name: str, check: Callable[[list[LogRecord]], object] | None = None) -> log.Undone:
    """`oneup undo`: the records taken back (voided by a new record; nothing is erased), and
    the log's warnings. `check` sees the records before anything is written (log.undo)."""
    return log.undo(paths.log_file(name), check=check)


def history(
    name: str, *, since: str | None = None, exercise: str | None = None
) -> tuple[list[LogRecord], list[str]]:
    """`oneup history`: the records, sets and functional tests (from a day, of one exercise),
    and the log's warnings."""
    result = log.read(paths.log_file(name))
    records = effective(result.all_records)
    if since is not None:
        first = parse.date(since, "since")
        records = [r for r in records if r.date and r.date >= first]
    if exercise is not None:
        wanted = parse.exercise(load_library(), exercise, "only").id
        records = [r for r in records if r.exercise == wanted]
    return records, result.warnings


def effective(records: Sequence[LogRecord]) -> list[LogRecord]:
    """The records of sets and tests not taken back, in the order of the log."""
    voided = {r.voids for r in records if r.kind == "void"}
    return [r for r in records if r.kind != "void" and r.id not in voided]


@dc.dataclass(frozen=True)
class ProgramRow:
    id: str
    program: Program | None  # None: the file is invalid
    builtin: bool  # shipped with oneup, else one of the user's files
    path: Path  # the file
    problem: str


def program_rows() -> tuple[list[ProgramRow], Library]:
    """`oneup programs list`: every program file, loaded and checked, or what is wrong with it
    (its first problem); one broken file never stops the list."""
    from .programs import InvalidFile, load_program_file, program_files

    library = load_library()
    rows: list[ProgramRow] = []
    for ref in program_files():
        # A file name need not be UTF-8 (b"\xff.yaml"); the row shows it, escaped, and can
        # always be printed and written as JSON.
        pid, where = _readable(ref.id), Path(_readable(str(ref.path)))
        try:
            program = load_program_file(ref.path, library)
        except InvalidFile as e:
            problem = f"invalid: {_readable(e.first())}"
        except (OneupError, OSError) as e:
            problem = f"invalid: {_readable(e.message if isinstance(e, OneupError) else str(e))}"
        else:
            if program.id == ref.id:
                rows.append(ProgramRow(pid, program, ref.builtin, where, ""))
                continue
            problem = f"invalid: its id is '{program.id}', its file name says {shown(pid)}"
        rows.append(ProgramRow(pid, None, ref.builtin, where, problem))
    return rows, library


def _readable(text: str) -> str:
    """text with any bytes that are not UTF-8 (a file name) written as escapes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def find_program(text: str) -> tuple[Program, Library]:
    """`oneup programs show`: a program by id or file, with the library it uses."""
    from .programs import load_program_arg

    library = load_library()
    return load_program_arg(text, library), library


def find_exercise(text: str) -> tuple[Exercise, Library]:
    """`oneup exercises show`: an exercise by id or name, with its library."""
    library = load_library()
    return parse.exercise(library, text), library


def validate(files: Sequence[Path]) -> list[tuple[Path, list[Any]]]:
    """`oneup programs validate`: every file with its problems (none: it is valid)."""
    from .programs import LIBRARY_FILE
    from .validation import check_file

    checked = []
    for path in files:
        library = None if path.name == LIBRARY_FILE else load_library()
        _, problems = check_file(path, library, doses=True)
        checked.append((path, problems))
    return checked
