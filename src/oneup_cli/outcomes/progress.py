"""`oneup progress` without the command line: loads, holds, doses and adherence, week by week.

Pure but for `read_since` (the log's bytes): values in, values out, no English. Weeks are
seven-day windows ending on the day asked about (`until`, today by default), oldest first.

- A loaded exercise: the working load of each day it was logged (the engine's
  `Entry.working_load`), the day's best estimated 1RM (Epley, `progression.loads.epley`, as
  the engine estimates it: sets of 12 reps or fewer), and the best set of the window.
- A hold or balance exercise: the shortest hold of each day and its support level.
- The dose prescribed each week is the engine's: `dose.week_dose` over `plan_day` for each of
  its seven days, with the person's history. The dose achieved is counted from the log the
  same way (the rest between sets is the planned item's, where the week plans it).
- A session done: a day with a record of an exercise of the program's sessions (that is not
  also one of its every-day exercises). Adherence: sessions done over sessions prescribed
  (training days from the start of the program), capped at 1.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal, NamedTuple

from .. import log
from ..dose import KEYS as KEYS  # the keys of a dose; render/progress.py reads them here
from ..dose import week_dose
from ..model import (
    BlockKind,
    Category,
    Exercise,
    Library,
    LogRecord,
    Measure,
    Profile,
    Program,
    Support,
    Unit,
)
from ..model.values import LB_PER_KG
from ..parse import FieldError, whole
from ..progression import DayPlan, Entry, Planned, build_history, epley, is_training_day, plan_day
from ..progression.loads import EPLEY_MAX_REPS  # sets of 12 reps or fewer, as the engine

DEFAULT_WEEKS = 12  # default: a quarter, the span of most programs' first phase
MAX_WEEKS = 520  # ten years: beyond that a chart says nothing more


Kind = Literal["load", "hold", "amount"]


def weeks_count(text: str, field: str = "weeks") -> int:
    """--weeks N: a whole number of weeks from 1 to MAX_WEEKS."""
    number = whole(text)
    if number is None:
        raise FieldError(field, text, "is not a number of weeks, such as 12")
    if not 1 <= number <= MAX_WEEKS:
        raise FieldError(field, text, f"is out of range: give 1 to {MAX_WEEKS} weeks")
    return number


# --- reading only the weeks shown -------------------------------------------------------------

_DATE_KEY = b'"date":"'
_VOID_KEY = b'"kind":"void"'
_BATCH_KEY = b'"batch_size":'
_TEST_KEY = b'"kind":"test"'


def read_since(path: Path, since: dt.date, until: dt.date) -> log.LogReadResult:
    """The log's records dated from `since` to `until`, and every void, decoded by the log's
    own parser (damaged lines and batches cut short are found there as everywhere).

    Fast on a long log: each year of the window is looked for as `"date":"YYYY-` by a byte
    search, and only the lines of the window found are decoded; the others become blank
    lines, so line numbers in warnings stay true. `"date":"` cannot occur inside a JSON
    string (its quotes would be escaped), so a match is always a record's own date. A line
    of the window that does not look as oneup writes it (a date written with spaces, by
    hand) is left out, as is a damaged line elsewhere in the log: `oneup history` reads and
    names them all."""
    data = log.snapshot(path).data or b""
    low, high = since.isoformat().encode(), until.isoformat().encode()
    starts: dict[int, int] = {}  # line start -> line end

    def keep(i: int) -> None:
        begin = data.rfind(b"\n", 0, i) + 1
        if begin not in starts:
            end = data.find(b"\n", i)
            starts[begin] = len(data) if end < 0 else end

    n = len(_DATE_KEY)
    for year in range(since.year, until.year + 1):  # one search of the file a year
        key = _DATE_KEY + f"{year:04d}-".encode()
        i = data.find(key)
        while i >= 0:
            if low <= data[i + n : i + n + 10] <= high:
                keep(i)
            i = data.find(key, i + n)
    # Every void, every functional test (a re-test falls due from an older one), and every
    # record of a batch (a batch is read whole or not at all: one that spans dates, as an
    # import may, would otherwise look cut short and be skipped).
    for key in (_VOID_KEY, _BATCH_KEY, _TEST_KEY):
        i = data.find(key)
        while i >= 0:
            keep(i)
            i = data.find(key, i + 1)
    if data and not data.endswith(b"\n"):  # a torn last line: warned of, as by every reader
        keep(len(data) - 1)
    parts: list[bytes] = []
    done = 0
    for begin in sorted(starts):
        parts.append(b"\n" * data.count(b"\n", done, begin))
        parts.append(data[begin : starts[begin]])
        done = starts[begin]
    return log.parse(b"".join(parts), path)


# --- functional tests: the seam ---------------------------------------------------------------


class TestResult(NamedTuple):
    """One functional test result as progress and report show it."""

    test: str  # chair-stand, tug, four-stage, grip
    date: dt.date
    value: float
    unit: str  # stands, s, kg, lb, stage
    cutoff: float | None  # the published line the result is read against, if any
    at_risk: bool | None  # None: no verdict (no age or sex in the profile)
    due: bool = False  # a re-test is due


def functional_results(
    profile: Profile, records: Sequence[LogRecord], today: dt.date
) -> list[TestResult]:
    """The person's functional test results (`outcomes.functional`), oldest first, each read
    against its cut-off (no verdict without the year of birth and sex it needs); the latest of
    each test says whether a re-test is due on `today`. `records`: every record read (voids
    too); `read_since` keeps every test line, so a result older than the weeks shown is there."""
    from . import functional as fn

    results = fn.test_results(records)
    due = fn.next_due(results)
    last = {r.id for r in fn.latest(results).values()}
    found = []
    for r in results:
        m = r.measured
        v = fn.verdict(r.name, m, profile.born, profile.sex, r.date)
        cutoff = v.cutoff
        if m.grip is not None:
            value, unit = m.grip.value, m.grip.unit.value
            if cutoff is not None and m.grip.unit == Unit.lb:  # the cut-off in the unit typed
                cutoff = round(cutoff * LB_PER_KG, 1)
        elif m.count is not None:
            value, unit = float(m.count), "stands"
        else:
            assert m.seconds is not None
            value, unit = m.seconds, "s" if m.stage is None else f"s at stage {m.stage}"
            if m.stage is not None and m.stage != fn.TANDEM_STAGE:
                cutoff = None  # the cut-off is the tandem stance's (stage 3)
        at_risk = {fn.Status.below: True, fn.Status.fine: False}.get(v.status)
        is_due = r.id in last and due[r.name] <= today
        found.append(TestResult(r.name, r.date, value, unit, cutoff, at_risk, is_due))
    return found


# --- the values -------------------------------------------------------------------------------


class Point(NamedTuple):
    """One day of one exercise."""

    date: dt.date
    value: float  # the working load (in the profile's units), the hold's seconds, or the amount
    e1rm: float | None  # loaded: the day's best estimated 1RM
    support: Support | None
    pain: bool
    sets: int


class BestSet(NamedTuple):
    date: dt.date
    load: float  # in the profile's units
    reps: int
    e1rm: float | None  # None: no set of 12 reps or fewer


@dc.dataclass(frozen=True)
class ExerciseProgress:
    exercise: Exercise
    kind: Kind
    unit: str  # kg or lb (load), s (hold), or the exercise's measure
    points: list[Point]
    best: BestSet | None = None

    @property
    def e1rm_first(self) -> float | None:
        return next((p.e1rm for p in self.points if p.e1rm is not None), None)

    @property
    def e1rm_last(self) -> float | None:
        return next((p.e1rm for p in reversed(self.points) if p.e1rm is not None), None)


@dc.dataclass(frozen=True)
class Week:
    number: int  # 1 is the oldest shown
    start: dt.date
    end: dt.date
    prescribed_sessions: int
    done_sessions: int
    achieved: dict[str, float]
    prescribed: dict[str, float]

    @property
    def adherence(self) -> float | None:
        if not self.prescribed_sessions:
            return None
        return min(1.0, self.done_sessions / self.prescribed_sessions)


class Pain(NamedTuple):
    date: dt.date
    exercise: str
    name: str
    note: str | None


class Stated(NamedTuple):
    """A stated target of the program: low-high (a number: low == high)."""

    low: float
    high: float
    at_least: bool
    default: bool


@dc.dataclass(frozen=True)
class Progress:
    profile: Profile
    program: Program
    since: dt.date
    until: dt.date
    weeks: list[Week]
    exercises: list[ExerciseProgress]
    pain: list[Pain]
    targets: dict[str, Stated]
    tests: list[TestResult]
    only: str | None = None  # `oneup progress EXERCISE`: its id
    warnings: list[str] = dc.field(default_factory=list)

    @property
    def adherence(self) -> float | None:
        due = sum(w.prescribed_sessions for w in self.weeks)
        if not due:
            return None
        return sum(min(w.done_sessions, w.prescribed_sessions) for w in self.weeks) / due


# --- building it ------------------------------------------------------------------------------


def window(until: dt.date, weeks: int, start: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The seven-day windows ending on `until`, oldest first; none ends before `start`."""
    spans = []
    for i in range(weeks - 1, -1, -1):
        end = until - dt.timedelta(days=7 * i)
        if end >= start:
            spans.append((end - dt.timedelta(days=6), end))
    return spans


def session_exercises(program: Program, library: Library) -> frozenset[str]:
    """The exercises of the program's sessions, and their easier and harder versions; less
    those it also gives every day (a day of only those is not a session)."""
    by_id = library.by_id()

    def family(ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for i in ids:
            ex = by_id.get(i)
            while ex is not None and ex.id not in found:
                found.add(ex.id)
                ex = by_id.get(ex.easier) if ex.easier else None
            ex = by_id.get(i)
            while ex is not None and ex.harder and ex.harder not in found:
                found.add(ex.harder)
                ex = by_id.get(ex.harder)
        return found

    in_sessions = family(
        item.exercise
        for phase in program.phases
        for session in phase.sessions
        for block in session.blocks
        for item in block.items
    )
    every_day = family(
        item.exercise
        for phase in program.phases
        for block in (*phase.daily, *phase.other_days)
        for item in block.items
    )
    return frozenset(in_sessions - every_day or in_sessions)


def sessions_done(records: Iterable[LogRecord], session_ids: frozenset[str]) -> set[dt.date]:
    return {
        r.date
        for r in records
        if r.date is not None and r.exercise in session_ids and r.kind == "sets"
    }


def sessions_prescribed(profile: Profile, start: dt.date, end: dt.date) -> int:
    days = (end - start).days + 1
    return sum(is_training_day(profile, start + dt.timedelta(days=i)) for i in range(days))


def stated_targets(program: Program, profile: Profile) -> dict[str, Stated]:
    """The program's stated targets; for a person with a vertebral fracture, the fracture
    rules' own back-extensor dose in place of the program's (progression/fracture.py)."""
    from ..progression.fracture import TARGETS as FRACTURE

    found = {}
    for key in KEYS:
        t = getattr(program.targets, key)
        if profile.vertebral_fracture and key in FRACTURE:
            t = FRACTURE[key]
        if t is not None:
            found[key] = Stated(t.value.low, t.value.high, t.at_least, t.default)
    return found


def progress(
    profile: Profile,
    program: Program,
    library: Library,
    records: Sequence[LogRecord],
    *,
    until: dt.date,
    weeks: int = DEFAULT_WEEKS,
    only: Exercise | None = None,
    tests: Sequence[TestResult] = (),
) -> Progress:
    """The progress of `weeks` weeks up to `until`, from the log's effective records."""

    spans = window(until, weeks, profile.start)
    since = spans[0][0] if spans else until - dt.timedelta(days=7 * weeks - 1)
    history = build_history(records)
    shown = [r for r in records if r.date is not None and since <= r.date <= until]
    by_id = library.by_id()
    session_ids = session_exercises(program, library)
    done_days = sessions_done(shown, session_ids)
    rep_seconds = program.targets.rep_seconds
    week_rows = []
    for number, (start, end) in enumerate(spans, 1):
        days = [
            plan_day(program, library, profile, history, start + dt.timedelta(days=i))
            for i in range(7)
        ]
        in_week = [r for r in shown if start <= r.date <= end]  # type: ignore[operator]
        week_rows.append(
            Week(
                number=number,
                start=start,
                end=end,
                prescribed_sessions=sessions_prescribed(profile, start, end),
                done_sessions=sum(1 for d in done_days if start <= d <= end),
                achieved=achieved_dose(in_week, days, by_id, rep_seconds),
                prescribed=week_dose(days, rep_seconds).as_json(),
            )
        )
    exercises = []
    for ex_id, entries in history.items():
        if only is not None and ex_id != only.id:
            continue
        found = by_id.get(ex_id)
        kept = [e for e in entries if since <= e.date <= until]
        if found is None or not kept:
            continue
        exercises.append(exercise_progress(found, kept, profile.units))
    exercises.sort(key=lambda p: ({"load": 0, "hold": 1, "amount": 2}[p.kind], p.exercise.name))
    pain = [
        Pain(
            r.date,
            r.exercise,
            by_id[r.exercise].name if r.exercise in by_id else r.exercise,
            r.note,
        )
        for r in shown
        if r.pain and r.exercise is not None and r.date is not None
    ]
    pain.sort(key=lambda p: p.date)
    return Progress(
        profile=profile,
        program=program,
        since=since,
        until=until,
        weeks=week_rows,
        exercises=exercises,
        pain=pain,
        targets=stated_targets(program, profile),
        tests=list(tests),
        only=only.id if only is not None else None,
    )


def exercise_progress(ex: Exercise, entries: Sequence[Entry], unit: Unit) -> ExerciseProgress:
    """`entries`: the exercise's `progression.Entry` values in the window, oldest first."""
    loaded = any(s.load is not None for e in entries for s in e.sets)
    if loaded:
        points = []
        best: BestSet | None = None
        for e in entries:
            w = e.working_load()
            day_best: float | None = None
            for s in e.sets:
                if s.load is None or not s.reps:
                    continue
                load = round(s.load.to(unit), 2)
                est = round(epley(load, s.reps), 1) if s.reps <= EPLEY_MAX_REPS else None
                if est is not None and (day_best is None or est > day_best):
                    day_best = est
                if _better(load, s.reps, est, best):
                    best = BestSet(e.date, load, s.reps, est)
            value = round(w.to(unit), 2) if w is not None else 0.0
            points.append(Point(e.date, value, day_best, e.support(), e.pain, len(e.sets)))
        return ExerciseProgress(ex, "load", unit.value, points, best)
    hold = ex.measure == Measure.seconds or ex.category == Category.balance
    points = [
        Point(e.date, e.amount() if hold else _total(e), None, e.support(), e.pain, len(e.sets))
        for e in entries
    ]
    unit_name = "s" if ex.measure == Measure.seconds else ex.measure.value
    return ExerciseProgress(ex, "hold" if hold else "amount", unit_name, points)


def _better(load: float, reps: int, est: float | None, best: BestSet | None) -> bool:
    """The best set: the highest estimated 1RM (later wins a tie); without one, the heaviest."""
    if best is None:
        return True
    if est is not None or best.e1rm is not None:
        return (est or 0.0) >= (best.e1rm or 0.0)
    return (load, reps) >= (best.load, best.reps)


def _total(entry: Entry) -> float:
    return float(sum(s.amount for s in entry.sets))


# --- the dose achieved ------------------------------------------------------------------------

_BY_CATEGORY = {
    Category.balance: BlockKind.balance,
    Category.posture: BlockKind.posture,
    Category.impact: BlockKind.impact,
    Category.aerobic: BlockKind.walk,
    Category.mobility: BlockKind.warm_up,
}
_PER = {Measure.reps: None, Measure.seconds: 1.0, Measure.impacts: None, Measure.minutes: 60.0}


def achieved_dose(
    records: Sequence[LogRecord],
    days: Sequence[DayPlan],
    by_id: dict[str, Exercise],
    rep_seconds: float,
) -> dict[str, float]:
    """The dose of the week's records, counted as `dose.week_dose` counts a planned week: an
    exercise counts in the block the week plans it in (else the one its category suggests)."""
    planned: dict[str, Planned] = {}
    for day in days:
        for i, block in enumerate(day.blocks):
            for item in block.items:
                if i < day.session_blocks or item.exercise.id not in planned:
                    planned[item.exercise.id] = item
    strength: set[dt.date] = set()
    back: set[dt.date] = set()
    back_seconds = impacts = balance = walking = 0.0
    for r in records:
        ex = by_id.get(r.exercise or "")
        if ex is None or r.date is None or not r.sets:
            continue
        p = planned.get(ex.id)
        kind = p.block if p is not None else _BY_CATEGORY.get(ex.category, BlockKind.strength)
        sides = 2 if ex.each_side else 1
        per = _PER[ex.measure] or rep_seconds
        rest = 0.0
        if p is not None and p.item.rest is not None:
            rest = (p.item.rest.low + p.item.rest.high) / 2
        work = sum(s.amount for s in r.sets) * per * sides + (len(r.sets) - 1) * rest
        if kind == BlockKind.strength:
            strength.add(r.date)
        if ex.measure == Measure.impacts:
            impacts += sum(s.amount for s in r.sets) * sides
        if kind == BlockKind.balance:
            balance += work
        if ex.category == Category.posture:
            back.add(r.date)
            back_seconds += work
        if kind == BlockKind.walk and ex.measure == Measure.minutes:
            walking += sum(s.amount for s in r.sets)
    return {
        "strength_sessions": len(strength),
        "impacts_per_day": round(impacts / 7),
        "balance_minutes_per_day": round(balance / 60 / 7, 1),
        "back_extensor_days": len(back),
        "walking_minutes_per_week": round(walking, 1),
    }


# --- for a saved profile ----------------------------------------------------------------------


def for_profile(
    name: str,
    *,
    until: dt.date,
    weeks: int = DEFAULT_WEEKS,
    exercise: str | None = None,
) -> Progress:
    """`oneup progress`: the profile's progress, read from its log (only the weeks shown, and
    the weeks before them the engine looks back on)."""
    from .. import paths, service
    from ..parse import exercise as find_exercise

    ctx = service.open_context(name, today=until)
    only = find_exercise(ctx.library, exercise) if exercise is not None else None
    first = until - dt.timedelta(days=7 * weeks - 1)
    # The engine plans a day from the last sessions before it: a few weeks more are enough.
    found = read_since(paths.log_file(name), first - dt.timedelta(weeks=LOOK_BACK_WEEKS), until)
    result = progress(
        ctx.profile,
        ctx.program,
        ctx.library,
        found.records,
        until=until,
        weeks=weeks,
        only=only,
        tests=functional_results(ctx.profile, found.all_records, until),
    )
    return dc.replace(result, warnings=found.warnings)


LOOK_BACK_WEEKS = 6  # default: the engine's break rule and rules look back a few sessions


def format_of(
    text: str | None, output: Path | None, choices: Sequence[str], field: str = "format"
) -> str:
    """The output format: as given, else from the -o file's extension, else text."""
    if text is None:
        suffix = output.suffix.lower().lstrip(".") if output is not None else ""
        suffix = {"htm": "html", "txt": "text"}.get(suffix, suffix)
        return suffix if suffix in choices else "text"
    name = text.strip().lower()
    if name not in choices:
        raise FieldError(field, text, f"is not a format here: use {', '.join(choices)}")
    return name
