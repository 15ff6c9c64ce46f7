"""The progression engine: (program, library, profile, history, date) -> the day's plan.

Pure functions: no I/O, no clock. The same inputs always give the same plan.

Engineering defaults that no source fixes (SCIENCE.md, "What the sources leave open"):
- after a break of BREAK_DAYS or more without an exercise, its load comes back BREAK_FACTOR lower;
- falling short of the bottom of the rep range in two sessions running lowers the load ~10%;
- estimated 1RM uses the Epley formula, 1RM = load x (1 + reps / 30), from sets of 12 reps or fewer;
- sessions in a deload week do not move the working load: it picks up from the week before;
- a `oneup done` record says the session was done, not how many reps: it holds the load.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .model import (
    WEEKDAYS,
    Block,
    BlockKind,
    Category,
    Equipment,
    Exercise,
    ImpactLevel,
    Item,
    Library,
    LoadKind,
    LoadType,
    LogRecord,
    Measure,
    Phase,
    Profile,
    Program,
    ProgressionRule,
    Range,
    SafetyTag,
    SetRecord,
    Support,
    Unit,
    Weight,
    _fmt,
)
from .safety import MODERATE_EFFORT, SUPERVISED_PERCENT

BREAK_DAYS = 14
BREAK_FACTOR = 0.90
DROP_FACTOR = 0.90
STEP_MIN, STEP_TARGET, STEP_MAX = 0.02, 0.05, 0.10  # ACSM-PROG: 2-10% per step
EPLEY_MAX_REPS = 12

# The smallest change each kind of equipment allows (ACSM-PROG asks for 2-10% steps; the
# increment decides what is possible).
INCREMENTS: dict[LoadKind, dict[Unit, float]] = {
    LoadKind.dumbbell: {Unit.kg: 1.0, Unit.lb: 2.5},
    LoadKind.kettlebell: {Unit.kg: 2.0, Unit.lb: 5.0},
    LoadKind.barbell: {Unit.kg: 2.5, Unit.lb: 5.0},
    LoadKind.machine: {Unit.kg: 2.5, Unit.lb: 5.0},
    LoadKind.ankle_weight: {Unit.kg: 0.5, Unit.lb: 1.0},
    LoadKind.band: {Unit.kg: 1.0, Unit.lb: 2.0},
    LoadKind.bodyweight: {Unit.kg: 1.0, Unit.lb: 2.5},
}
# The equipment that carries each kind of load: without any of it, there is no load to add.
LOAD_EQUIPMENT: dict[LoadKind, frozenset[Equipment]] = {
    LoadKind.dumbbell: frozenset({Equipment.dumbbells, Equipment.kettlebell, Equipment.backpack}),
    LoadKind.kettlebell: frozenset({Equipment.kettlebell, Equipment.dumbbells}),
    LoadKind.barbell: frozenset({Equipment.barbell}),
    LoadKind.machine: frozenset({Equipment.machine, Equipment.cable}),
    LoadKind.ankle_weight: frozenset({Equipment.ankle_weights}),
    LoadKind.band: frozenset({Equipment.bands}),
}
LOAD_WORDS: dict[LoadKind, str] = {
    LoadKind.dumbbell: "dumbbells",
    LoadKind.kettlebell: "kettlebell",
    LoadKind.barbell: "barbell",
    LoadKind.machine: "machine",
    LoadKind.ankle_weight: "ankle weights",
    LoadKind.band: "bands",
}
# Categories where "body weight" says nothing useful about the load.
NOT_LIFTS = {Category.balance, Category.impact, Category.aerobic, Category.mobility}
DEFAULT_LADDER_STEP = {
    Measure.seconds: 5.0,
    Measure.reps: 1.0,
    Measure.impacts: 5.0,
    Measure.minutes: 5.0,
}


# ---------------------------------------------------------------------------------------------
# History: what the log says was done, per exercise and day
# ---------------------------------------------------------------------------------------------


class Entry(NamedTuple):
    """Everything logged for one exercise on one day."""

    date: dt.date
    sets: tuple[SetRecord, ...]
    rpe: float | None
    pain: bool
    # Every record of the day came from `oneup done`: the sets were done as prescribed, at
    # the bottom of a rep range, and say nothing about how many reps were possible.
    from_done: bool = False

    def amount(self) -> float:
        """The weakest set: a target counts as met only when every set met it."""
        return min((s.amount for s in self.sets), default=0.0)

    def working_load(self) -> Weight | None:
        loads = [s.load for s in self.sets if s.load is not None]
        if not loads:
            return None
        return max(loads, key=lambda w: (loads.count(w), w.to(Unit.kg)))

    def support(self) -> Support | None:
        levels = [s.support for s in self.sets if s.support is not None]
        return levels[-1] if levels else None


History = dict[str, list[Entry]]


def build_history(records: Iterable[LogRecord]) -> History:
    """Group effective 'sets' records by exercise and date, oldest first."""
    days: dict[tuple[str, dt.date], list[LogRecord]] = {}
    for r in records:
        if r.kind != "sets" or r.exercise is None or r.date is None:
            continue
        days.setdefault((r.exercise, r.date), []).append(r)
    history: History = {}
    for (exercise, date), recs in sorted(days.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        rpes = [r.rpe for r in recs if r.rpe is not None]
        history.setdefault(exercise, []).append(
            Entry(
                date=date,
                sets=tuple(s for r in recs for s in r.sets),
                rpe=max(rpes) if rpes else None,
                pain=any(r.pain for r in recs),
                from_done=all(r.source == "done" for r in recs),
            )
        )
    return history


def before(history: History, exercise: str, date: dt.date) -> list[Entry]:
    return [e for e in history.get(exercise, []) if e.date < date]


# ---------------------------------------------------------------------------------------------
# The calendar
# ---------------------------------------------------------------------------------------------


class Position(NamedTuple):
    """Where a date falls in a program for one profile."""

    week: int  # 1-based week of the program (counted from the start date)
    total_weeks: int
    phase: Phase
    phase_index: int
    week_in_phase: int
    complete: bool  # past the last week: the final phase goes on as maintenance
    deload: bool


def week_of(number: int, total: int) -> str:
    """'week 5 of 24'; past the program's end, 'week 50, after the 24-week program'."""
    if number > total:
        return f"week {number}, after the {total}-week program"
    return f"week {number} of {total}"


def requirement_flags(profile: Profile) -> tuple[bool, bool, bool]:
    """(supervised, vertebral_fracture, cleared) as `requires:` conditions see them.

    With a vertebral fracture that no clinician has cleared, a profile counts as unsupervised:
    supervision alone does not open high-intensity lifting to it (SCIENCE rule 2; TFTF, SSS)."""
    held_back = profile.vertebral_fracture and not profile.cleared
    return (profile.supervised and not held_back, profile.vertebral_fracture, profile.cleared)


def _held_back(profile: Profile) -> bool:
    """A vertebral fracture not (yet) cleared by a clinician."""
    return profile.vertebral_fracture and not profile.cleared


def active_phases(program: Program, profile: Profile) -> list[Phase]:
    flags = requirement_flags(profile)
    return [p for p in program.phases if p.requires is None or p.requires.met_by(*flags)]


def position(program: Program, profile: Profile, date: dt.date) -> Position:
    phases = active_phases(program, profile)
    total = sum(p.weeks for p in phases)
    week = max(0, (date - profile.start).days) // 7 + 1
    complete = week > total
    offset = 0
    for i, phase in enumerate(phases):
        if week <= offset + phase.weeks or i == len(phases) - 1:
            in_phase = week - offset
            if complete:  # maintenance: repeat the last week of the final phase, no deloads
                in_phase = phase.weeks
            deload = not complete and in_phase in phase.deload_weeks
            return Position(week, total, phase, i, in_phase, complete, deload)
        offset += phase.weeks
    raise AssertionError("a program has at least one phase")


def is_training_day(profile: Profile, date: dt.date) -> bool:
    return date >= profile.start and WEEKDAYS[date.weekday()] in profile.days


def _phase_start(program: Program, profile: Profile, pos: Position) -> dt.date:
    weeks_before = sum(p.weeks for p in active_phases(program, profile)[: pos.phase_index])
    return profile.start + dt.timedelta(weeks=weeks_before)


def _training_days_between(profile: Profile, start: dt.date, end: dt.date) -> int:
    """How many training days fall in [start, end), for start on or after profile.start.

    Counted by whole weeks, so a date centuries ahead costs no more than next week."""
    n = (end - start).days
    if n <= 0:
        return 0
    days = set(profile.days)
    weeks, rest = divmod(n, 7)
    first = start.weekday()
    return weeks * len(days) + sum(WEEKDAYS[(first + i) % 7] in days for i in range(rest))


def session_label(program: Program, profile: Profile, date: dt.date) -> str:
    """Sessions rotate A, B, ... across training days, starting with A in each phase."""
    pos = position(program, profile, date)
    start = _phase_start(program, profile, pos)
    count = _training_days_between(profile, start, date)
    return pos.phase.sessions[count % len(pos.phase.sessions)].label


def next_training_day(profile: Profile, after: dt.date) -> dt.date:
    """The first training day after `after` (and not before the start). Raises ValueError,
    never loops, when there is none: no training days, or none before the calendar ends."""
    if not any(d in WEEKDAYS for d in profile.days):
        raise ValueError("the profile has no training days: choose some, e.g. --days mon,thu")
    try:
        day = max(after + dt.timedelta(days=1), profile.start)
        for _ in range(7):
            if is_training_day(profile, day):
                return day
            day += dt.timedelta(days=1)
    except OverflowError:
        pass
    raise ValueError(f"no training day after {after.isoformat()} before the calendar ends")


# ---------------------------------------------------------------------------------------------
# Loads
# ---------------------------------------------------------------------------------------------


def increment(kind: LoadKind, unit: Unit) -> float:
    return INCREMENTS[kind][unit]


def round_down(value: float, inc: float) -> float:
    return max(0.0, math.floor(value / inc + 1e-9) * inc)


def in_units(weight: Weight, unit: Unit, inc: float) -> float:
    """A weight in the profile's units. Converted loads go to the nearest increment of the
    equipment (no '24.55 lb' dumbbells), and a load that was there never rounds away to 0."""
    if weight.unit == unit:
        return weight.value
    value = weight.to(unit)
    rounded = round(round(value / inc) * inc, 6)
    if rounded <= 0 < value:
        rounded = inc
    return rounded


def step_up(load: float, inc: float) -> float:
    """One progression step: about 5% of the load, in whole increments, kept within 2-10%
    of the current load where the increment allows (ACSM-PROG); at least one increment."""
    if load <= 0:
        return inc
    steps = max(1, round(load * STEP_TARGET / inc))
    while steps > 1 and steps * inc > load * STEP_MAX:
        steps -= 1
    while steps * inc < load * STEP_MIN:
        steps += 1
    return steps * inc


def step_down(load: float, inc: float, factor: float = DROP_FACTOR) -> float:
    """About 10% lighter, to the nearest increment, at least one increment lighter, never
    negative."""
    lower = round(load * factor / inc) * inc
    if lower >= load:
        lower = load - inc
    return max(0.0, lower)


def epley(load: float, reps: int) -> float:
    return load * (1 + reps / 30)


# ---------------------------------------------------------------------------------------------
# The plan
# ---------------------------------------------------------------------------------------------


class Planned(NamedTuple):
    """One exercise of the day, with its dose, load and the reason for it."""

    exercise: Exercise
    item: Item
    block: BlockKind
    sets: int
    measure: Measure
    target: Range  # reps, seconds, impacts or minutes for each set
    support: Support | None
    load: Weight | None
    load_text: str
    reason: str
    effort: Range | None
    notes: tuple[str, ...] = ()

    @property
    def dose_text(self) -> str:
        unit = {"reps": "", "seconds": " s", "impacts": "", "minutes": " min"}[self.measure.value]
        each = " each side" if self.exercise.each_side else ""
        if self.measure in (Measure.minutes,) and self.sets == 1:
            return f"{self.target}{unit}"
        return f"{self.sets} x {self.target}{unit}{each}"


class BlockPlan(NamedTuple):
    kind: BlockKind
    title: str
    items: tuple[Planned, ...]
    note: str | None = None


class DayPlan(NamedTuple):
    date: dt.date
    program: Program
    profile: Profile
    position: Position
    training: bool
    label: str | None
    blocks: tuple[BlockPlan, ...]  # the session's blocks, then the day's daily/other blocks
    session_blocks: int  # how many of `blocks` belong to the session (0 on a rest day)
    next_date: dt.date
    next_label: str
    before_start: bool
    notes: tuple[str, ...]  # the day's notes, including every exercise left out and why


BLOCK_TITLES = {
    BlockKind.warm_up: "Warm-up",
    BlockKind.strength: "Strength",
    BlockKind.impact: "Impact",
    BlockKind.balance: "Balance",
    BlockKind.posture: "Posture and back extensors",
    BlockKind.walk: "Walk",
    BlockKind.cool_down: "Cool-down",
}


def _day(d: dt.date) -> str:
    return d.strftime("%a %-d %b")


def _entered(load: Weight, unit: Unit, inc: float) -> str:
    """A past load as it was entered, with the profile's units beside it when they differ."""
    if load.unit == unit:
        return str(load)
    return f"{load} ({show_weight(in_units(load, unit, inc), unit)})"


def _sets_text(entry: Entry, unit: Unit, inc: float) -> str:
    amounts = [s.amount for s in entry.sets]
    reps = (
        f"{len(amounts)} x {_fmt(amounts[0])}"
        if len(set(amounts)) == 1
        else ", ".join(_fmt(a) for a in amounts)
    )
    load = entry.working_load()
    return f"{reps} at {_entered(load, unit, inc)}" if load else reps


def show_weight(value: float, unit: Unit) -> str:
    return f"{_fmt(round(value, 2))} {unit.value}"


class _Ctx(NamedTuple):
    program: Program
    library: dict[str, Exercise]
    profile: Profile
    history: History
    date: dt.date
    position: Position
    as_of: dt.date  # "today": a break counts only the days up to here


# --- which exercise ---------------------------------------------------------------------------


def _usable(ex: Exercise, profile: Profile) -> bool:
    return bool(set(ex.equipment) & set(profile.equipment)) or Equipment.none in ex.equipment


def _words(items: Sequence[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} or {items[-1]}"


def _equipment_words(ex: Exercise) -> str:
    return _words([e.value.replace("-", " ") for e in ex.equipment if e != Equipment.none])


class _Rule(NamedTuple):
    """A reason an exercise cannot be planned as it is, and where to look for another."""

    swap: str  # the note after "X instead of Y: "; for equipment, what is missing
    left_out: str  # the note after "Left out: Y: "
    via: tuple[str, ...]  # exercise fields to try, in order
    equipment: bool = False


def _broken_rule(ctx: _Ctx, ex: Exercise) -> _Rule | None:
    """The first rule the exercise breaks for this profile, or None."""
    profile = ctx.profile
    if not _usable(ex, profile):
        return _Rule(
            ex.equipment[0].value.replace("-", " "),
            f"needs {_equipment_words(ex)}, and there is no home version",
            ("home_substitute", "easier"),
            equipment=True,
        )
    if profile.vertebral_fracture and ex.impact.rank > ImpactLevel.lower.rank:
        return _Rule(
            "with a vertebral fracture, lower-level impact only (SSS)",
            "with a vertebral fracture, lower-level impact only, and there is no gentler "
            "version (SSS)",
            ("easier",),
        )
    if _held_back(profile) and {SafetyTag.maximal, SafetyTag.floor_lift} & set(ex.safety):
        why = (
            "with a vertebral fracture, no maximal lifts and no lifting from the floor "
            "until a clinician clears you (TFTF, SSS)"
        )
        return _Rule(why, why, ("easier",))
    if not requirement_flags(profile)[0] and SafetyTag.maximal in ex.safety:
        why = "maximal lifts only with a trainer (LIFTMOR)"
        return _Rule(why, why, ("easier",))
    return None


def _item_rule(ctx: _Ctx, item: Item, ex: Exercise) -> str | None:
    """Why the item as a whole cannot be planned for this profile: percent-of-1RM loads."""
    load = item.load
    if load is None or load.type != LoadType.percent_1rm or load.percent is None:
        return None
    if _held_back(ctx.profile):
        return (
            f"Left out: {ex.name} at {load.percent}% of 1RM: with a vertebral fracture, no "
            "loads set from a one-rep maximum until a clinician clears you (TFTF, SSS)"
        )
    if not requirement_flags(ctx.profile)[0] and load.percent.high > SUPERVISED_PERCENT:
        return (
            f"Left out: {ex.name} at {load.percent}% of 1RM: loads above "
            f"{SUPERVISED_PERCENT:g}% of 1RM only with a trainer (LIFTMOR)"
        )
    return None


def _constrain(ctx: _Ctx, ex: Exercise, seen: set[str], notes: list[str]) -> Exercise | str:
    """Swap until the exercise breaks no rule (equipment, impact, heavy lifts): the exercise,
    or the 'Left out: ...' note when no swap is left. Swaps in a row for the same rule make
    one note ("Wall push-up instead of Chest press machine: you have no machine or bands")."""
    original = ex
    run: tuple[Exercise, _Rule, list[str]] | None = None  # swaps in a row for one rule

    def close(to: Exercise) -> None:
        if run is not None:
            start, rule, missing = run
            why = f"you have no {_words(missing)}" if rule.equipment else rule.swap
            notes.append(f"{to.name} instead of {start.name}: {why}")

    while (rule := _broken_rule(ctx, ex)) is not None:
        options = (ctx.library.get(getattr(ex, field) or "") for field in rule.via)
        sub = next((o for o in options if o is not None and o.id not in seen), None)
        if sub is None:
            what = original.name if ex is original else f"{original.name} (and {ex.name})"
            return f"Left out: {what}: {rule.left_out}"
        if run is not None and run[1].equipment == rule.equipment and run[1].swap == rule.swap:
            pass  # the same reason again
        elif run is not None and run[1].equipment and rule.equipment:
            if rule.swap not in run[2]:
                run[2].append(rule.swap)
        else:
            close(ex)
            run = (ex, rule, [rule.swap])
        seen.add(sub.id)
        ex = sub
    close(ex)
    return ex


def _last_pain(ctx: _Ctx, ex_id: str) -> bool:
    past = before(ctx.history, ex_id, ctx.date)
    return bool(past) and past[-1].pain


def _resolve_exercise(ctx: _Ctx, item: Item) -> tuple[Exercise, list[str]] | str:
    """The exercise to do: swapped for a home substitute without the equipment, for an easier
    version after repeated pain, a vertebral-fracture limit or a heavy lift the profile may not
    do. A string: the item is left out, and the string says why."""
    notes: list[str] = []
    first = ctx.library[item.exercise]
    if (why := _item_rule(ctx, item, first)) is not None:
        return why
    seen = {first.id}
    resolved = _constrain(ctx, first, seen, notes)
    if isinstance(resolved, str):
        return resolved
    ex = resolved
    past = before(ctx.history, ex.id, ctx.date)
    pain_swap = False
    if len(past) >= 2 and past[-1].pain and past[-2].pain:
        easier = ctx.library.get(ex.easier or "")
        trial: list[str] = []
        swapped = (
            _constrain(ctx, easier, seen | {easier.id}, trial)
            if easier is not None and easier.id not in seen
            else None
        )
        if isinstance(swapped, Exercise):
            assert easier is not None
            notes.append(
                f"{easier.name} instead of {ex.name}: you reported pain two sessions "
                "running. Please talk to your doctor or physiotherapist about it."
            )
            notes += trial
            ex, pain_swap = swapped, True
        else:
            notes.append(
                "You reported pain two sessions running: please talk to your doctor "
                "or physiotherapist before going on with this exercise."
            )
    # A ladder that reached its last level moves on to the harder version once it is logged;
    # never after pain (on either version), and never to a version this profile may not do.
    harder = ctx.library.get(ex.harder or "")
    if (
        harder is not None
        and not pain_swap
        and item.progression == ProgressionRule.ladder
        and before(ctx.history, harder.id, ctx.date)
        and not _last_pain(ctx, ex.id)
        and not _last_pain(ctx, harder.id)
        and _broken_rule(ctx, harder) is None
    ):
        ex = harder
    return ex, notes


# --- how hard ---------------------------------------------------------------------------------


def _effort(ctx: _Ctx, item: Item) -> tuple[Range | None, list[str]]:
    eff = item.effort
    if eff is None or not ctx.profile.vertebral_fracture or ctx.profile.cleared:
        return eff, []
    if eff.high <= MODERATE_EFFORT:
        return eff, []
    capped = Range(min(eff.low, MODERATE_EFFORT), MODERATE_EFFORT)
    return capped, [f"effort capped at {capped} (moderate) until a clinician clears you"]


def _deload_day(ctx: _Ctx, date: dt.date) -> bool:
    return position(ctx.program, ctx.profile, date).deload


def _counted(ctx: _Ctx, past: Sequence[Entry]) -> list[Entry]:
    """The entries that set the working load: deload-week sessions are lighter on purpose and
    do not count (they still count for breaks and pain). If there is nothing else, they do."""
    kept = [e for e in past if not _deload_day(ctx, e.date)]
    return kept or list(past)


def _pain_cap(entries: Iterable[Entry | None], unit: Unit, inc: float) -> float | None:
    """The lightest load of the painful entries among these: never heavier than that."""
    loads = [
        in_units(w, unit, inc)
        for e in entries
        if e is not None and e.pain and (w := e.working_load()) is not None
    ]
    return min(loads) if loads else None


def _starting_load(
    ctx: _Ctx, ex: Exercise, item: Item, unit: Unit, inc: float
) -> tuple[Weight, str, str] | None:
    start = ctx.profile.loads.get(ex.id) or (item.load.start if item.load else None)
    if start is None:
        return None
    value = in_units(start, unit, inc)
    why = "your starting load" if ex.id in ctx.profile.loads else "the program's starting load"
    return Weight(value, unit), show_weight(value, unit), f"first time: {why}"


def _double(
    ctx: _Ctx, ex: Exercise, item: Item, effort: Range | None
) -> tuple[Weight | None, str, str]:
    """Double progression for a rep range: (load, load text, reason)."""
    unit = ctx.profile.units
    reps = item.reps or Range(8, 12)
    past_all = before(ctx.history, ex.id, ctx.date)
    if ex.load_kind == LoadKind.bodyweight:
        return None, "body weight", _bodyweight_reason(past_all, reps, ex, ctx)
    if ex.load_kind == LoadKind.band:
        return None, _band_text(item), _band_reason(past_all, reps)
    inc = increment(ex.load_kind, unit)
    past = _counted(ctx, past_all)
    last = past[-1] if past else None
    last_load = last.working_load() if last else None
    if last is None or last_load is None:
        started = _starting_load(ctx, ex, item, unit, inc)
        if started is not None:
            return started
        feel = (
            "with a few more left in you"
            if effort is not None and effort.high <= MODERATE_EFFORT
            else "the last two hard"
        )
        return (
            None,
            "choose a weight",
            f"first time: pick a weight you can lift {_fmt(reps.high)} times, {feel}, then log it",
        )
    latest = past_all[-1]
    load = in_units(last_load, unit, inc)
    on = f"on {_day(last.date)}"
    gap = (ctx.as_of - latest.date).days
    if gap >= BREAK_DAYS:
        new = step_down(load, inc, BREAK_FACTOR)
        weeks = gap // 7
        return (
            Weight(new, unit),
            show_weight(new, unit),
            f"-{show_weight(load - new, unit)}: welcome back after {weeks} weeks off "
            f"(last done on {_day(latest.date)}); 10% lighter is oneup's default after a break",
        )
    cap = _pain_cap((latest, last), unit, inc)
    if cap is not None:
        held = min(load, cap)
        return (
            Weight(held, unit),
            show_weight(held, unit),
            f"hold: you reported pain last time (on {_day(latest.date)}); never heavier after pain",
        )
    if last.from_done:
        return (
            Weight(load, unit),
            show_weight(load, unit),
            f"hold: log your reps with `oneup log {ex.id} {item.sets}x{_fmt(reps.high)}"
            f"@{_fmt(round(load, 2))}{unit.value}` when you reach {_fmt(reps.high)} on every "
            "set, and the weight goes up",
        )
    full = len(last.sets) >= item.sets and all(s.amount >= reps.high for s in last.sets)
    easy_enough = last.rpe is None or effort is None or last.rpe <= effort.high
    if full and easy_enough:
        new = load + step_up(load, inc)
        return (
            Weight(new, unit),
            show_weight(new, unit),
            f"+{show_weight(new - load, unit)}: you did {_sets_text(last, unit, inc)} {on}",
        )
    if full and not easy_enough:
        return (
            Weight(load, unit),
            show_weight(load, unit),
            f"hold: {_sets_text(last, unit, inc)} {on} felt harder ({_fmt(last.rpe or 0)}/10) "
            f"than effort {effort}",
        )
    short = [
        e
        for e in past[-2:]
        if not e.from_done and e.working_load() == last_load and e.amount() < reps.low
    ]
    if len(past) >= 2 and len(short) == 2:
        new = step_down(load, inc)
        return (
            Weight(new, unit),
            show_weight(new, unit),
            f"-{show_weight(load - new, unit)}: fewer than {_fmt(reps.low)} reps two "
            f"sessions running ({_sets_text(last, unit, inc)} {on})",
        )
    return (
        Weight(load, unit),
        show_weight(load, unit),
        f"hold: aim for {_fmt(reps.high)} reps on every set ({_sets_text(last, unit, inc)} {on})",
    )


def _bodyweight_reason(past: Sequence[Entry], reps: Range, ex: Exercise, ctx: _Ctx) -> str:
    if not past:
        return f"first time: do what you can, up to {_fmt(reps.high)}, then log it"
    last = past[-1]
    if last.pain:
        return f"hold: you reported pain last time ({_day(last.date)})"
    if all(s.amount >= reps.high for s in last.sets):
        harder = ctx.library.get(ex.harder or "")
        if harder is not None:
            return f"top of the range last time: ready to try {harder.name} when it feels easy"
        return "top of the range last time: slow the lowering down to make it harder"
    return f"aim for {_fmt(reps.high)} reps on every set"


def _band_text(item: Item) -> str:
    band = item.load.band if item.load and item.load.band else "light"
    return f"{band} band"


def _band_reason(past: Sequence[Entry], reps: Range) -> str:
    if past and not past[-1].pain and all(s.amount >= reps.high for s in past[-1].sets):
        return "top of the range last time: move to the next band, or stand further away"
    return f"aim for {_fmt(reps.high)} reps on every set"


def _all_done(entry: Entry, item: Item) -> bool:
    """Every prescribed set and rep of a fixed-rep item."""
    return len(entry.sets) >= item.sets and all(s.amount >= item.dose.high for s in entry.sets)


def _percent_session(entry: Entry, item: Item) -> bool:
    """An entry that looks like a session of this percent item: at least two sets at its
    working load, none above the item's reps (not an 8-12 session, not a one-set work-up)."""
    load = entry.working_load()
    at_load = [s for s in entry.sets if s.load == load]
    return (
        load is not None
        and len(at_load) >= 2
        and all(s.amount <= item.dose.high for s in entry.sets)
    )


def _percent(ctx: _Ctx, ex: Exercise, item: Item) -> tuple[Weight | None, str, str]:
    """Percent of a tested or estimated 1RM, and the progression from one session to the next.

    With a tested 1RM: the bottom of the percent range, or one step up from the last load when
    the last session was done in full at or above it, never above the top of the range.
    Without one: the first load from the Epley estimate of the recent sessions (or the
    profile's starting load); afterwards fixed-rep progression from the last load, because an
    estimate from sets at 80% lands below the true maximum and would shrink the load each time.
    """
    unit = ctx.profile.units
    assert item.load is not None and item.load.percent is not None
    pct = item.load.percent
    inc = increment(ex.load_kind, unit)
    past_all = before(ctx.history, ex.id, ctx.date)
    past = _counted(ctx, past_all)
    latest = past_all[-1] if past_all else None
    broke = latest is not None and (ctx.as_of - latest.date).days >= BREAK_DAYS

    def result(load: float, reason: str) -> tuple[Weight, str, str]:
        if broke:
            load = step_down(load, inc, BREAK_FACTOR)
            reason += "; 10% lighter after a break (oneup's default)"
        cap = _pain_cap((latest, past[-1] if past else None), unit, inc)
        if cap is not None:
            load = min(load, cap)
            if not broke:
                reason = "hold: you reported pain last time; never heavier after pain"
        return Weight(load, unit), show_weight(load, unit), reason

    tested = ctx.profile.one_rm.get(ex.id)
    if tested is not None:
        one_rm = tested.to(unit)
        base = round_down(one_rm * pct.low / 100, inc)
        top = max(base, round_down(one_rm * pct.high / 100, inc))
        source = f"your tested 1RM of {tested}"
        last = past[-1] if past else None
        last_load = last.working_load() if last else None
        if last is not None and last_load is not None and _all_done(last, item):
            done_at = in_units(last_load, unit, inc)
            if done_at >= base - 1e-9:
                new = max(base, min(done_at + step_up(done_at, inc), top))
                if new > done_at:
                    why = (
                        f"+{show_weight(new - done_at, unit)}: you did "
                        f"{_sets_text(last, unit, inc)} on {_day(last.date)} "
                        f"(up to {_fmt(pct.high)}% of {source})"
                    )
                else:
                    why = f"{_fmt(pct.high)}% of {source}, the top of the range"
                return result(new, why)
        return result(base, f"{_fmt(pct.low)}% of {source}")
    sessions = [e for e in past if _percent_session(e, item)]
    if sessions:
        last = sessions[-1]
        last_load = last.working_load()
        assert last_load is not None
        load = in_units(last_load, unit, inc)
        on = f"on {_day(last.date)}"
        if _all_done(last, item):
            new = load + step_up(load, inc)
            return result(
                new,
                f"+{show_weight(new - load, unit)}: you did {_sets_text(last, unit, inc)} {on}",
            )
        short = [e for e in sessions[-2:] if e.working_load() == last_load]
        if len(short) == 2 and not _all_done(short[0], item):
            new = step_down(load, inc)
            return result(
                new,
                f"-{show_weight(load - new, unit)}: not every set of {_fmt(item.dose.high)} "
                f"two sessions running ({_sets_text(last, unit, inc)} {on})",
            )
        return result(
            load,
            f"hold: aim for {item.sets} x {_fmt(item.dose.high)} "
            f"({_sets_text(last, unit, inc)} {on})",
        )
    estimates = [
        (epley(in_units(s.load, unit, inc), s.reps), e.date)
        for e in past[-3:]
        for s in e.sets
        if s.load is not None and s.reps and s.reps <= EPLEY_MAX_REPS
    ]
    if estimates:
        best = max(estimates)
        load = round_down(best[0] * pct.low / 100, inc)
        return result(
            load,
            f"{_fmt(pct.low)}% of your estimated 1RM {show_weight(round(best[0], 1), unit)} "
            f"from {_day(best[1])} (Epley: load x (1 + reps/30))",
        )
    started = _starting_load(ctx, ex, item, unit, inc)
    if started is not None:
        return started
    return (
        None,
        f"{pct}% of 1RM",
        f"no 1RM yet: with your supervisor, work up to a weight you can lift "
        f"{_fmt(item.dose.high)} times with good form, then log it (or give a tested max "
        f"with --1rm {ex.id}=WEIGHT on `oneup start`)",
    )


def amount_words(x: float, measure: Measure) -> str:
    """'20 s', '8 reps', '30 impacts', '10 min'."""
    unit = {"seconds": " s", "reps": " reps", "impacts": " impacts", "minutes": " min"}
    return f"{_fmt(x)}{unit[measure.value]}"


def _ladder(ctx: _Ctx, ex: Exercise, item: Item) -> tuple[Range, Support | None, str]:
    """Holds and balance: climb to the top of the range, then less support, then harder.

    Eyes closed is never reached automatically: that step is for a trainer to choose."""
    dose = item.dose
    say = functools.partial(amount_words, measure=item.measure)
    step = item.step or DEFAULT_LADDER_STEP[item.measure]
    past = before(ctx.history, ex.id, ctx.date)
    level = item.support
    if not past:
        where = f" holding on with {_support_words(level)}" if level else ""
        return Range(dose.low, dose.low), level, f"start at {say(dose.low)}{where}"
    last = past[-1]
    level = last.support() or _carried_level(past) or item.support
    done = last.amount()
    if last.pain:
        return (
            (
                Range(min(done, dose.high), min(done, dose.high))
                if done >= dose.low
                else Range(dose.low, dose.low)
            ),
            level,
            "hold: you reported pain last time",
        )
    if done >= dose.high:
        nxt = level.next() if level else None
        if nxt is not None and nxt != Support.eyes_closed:
            return (
                Range(dose.low, dose.low),
                nxt,
                f"next level: {_support_words(nxt)} (you reached {say(done)} "
                f"with {_support_words(level)})",
            )
        harder = ctx.library.get(ex.harder or "")
        if harder is not None:
            return (
                Range(dose.high, dose.high),
                level,
                f"top reached: when it feels steady, try {harder.name}",
            )
        return Range(dose.high, dose.high), level, "top of the ladder: keep it up"
    target = min(dose.high, max(dose.low, done + step))
    return (
        Range(target, target),
        level,
        f"+{say(target - done)}: you did {say(done)} on {_day(last.date)}",
    )


def _carried_level(past: Sequence[Entry]) -> Support | None:
    for e in reversed(past):
        if e.support() is not None:
            return e.support()
    return None


def _support_words(level: Support | None) -> str:
    return {
        None: "support as needed",
        Support.two_hands: "two hands",
        Support.one_hand: "one hand",
        Support.no_support: "no hands (support within reach)",
        Support.eyes_closed: "eyes closed (support within reach)",
    }[level]


def _build(ctx: _Ctx, item: Item) -> tuple[Range, str]:
    """Impacts or minutes: build week by week from the bottom of the range to its top."""
    dose = item.dose
    if item.progression != ProgressionRule.build:
        return dose, ""
    step = item.step or DEFAULT_LADDER_STEP[item.measure]
    week = ctx.position.week_in_phase
    target = min(dose.high, dose.low + step * (week - 1))
    past = before(ctx.history, item.exercise, ctx.date)
    if past and past[-1].pain:
        target = min(target, max(dose.low, past[-1].amount()))
        return Range(target, target), "hold: you reported pain last time"
    if target >= dose.high:
        return Range(target, target), f"at the target of {amount_words(dose.high, item.measure)}"
    return (
        Range(target, target),
        f"week {week}: building towards {amount_words(dose.high, item.measure)} "
        f"(+{_fmt(step)} a week)",
    )


def _missing_load(ctx: _Ctx, ex: Exercise, item: Item) -> str | None:
    """The note for an exercise planned without its load because the profile lacks the
    equipment that carries it (the exercise itself works without); None when it has it."""
    have = set(ctx.profile.equipment)
    if item.ankle_weight and Equipment.ankle_weights not in have:
        kind = LoadKind.ankle_weight
    elif ex.load_kind in LOAD_EQUIPMENT and not LOAD_EQUIPMENT[ex.load_kind] & have:
        kind = ex.load_kind
    else:
        return None
    if item.progression not in (ProgressionRule.double, ProgressionRule.percent) and not (
        item.load is not None and item.load.type in (LoadType.fixed, LoadType.percent_1rm)
    ):
        return None  # nothing was going to be loaded
    if kind == LoadKind.ankle_weight:
        start = item.load.start if item.load and item.load.start else Weight(1.0, Unit.kg)
        unit = ctx.profile.units
        first = show_weight(in_units(start, unit, increment(kind, unit)), unit)
        return (
            f"no ankle weights: do it without; adding them from {first} makes it work "
            "better (OTAGO)"
        )
    return (
        f"no {LOAD_WORDS[kind]}: do it with body weight; adding a weight makes it work harder "
        "once the top of the range is easy"
    )


def plan_item(ctx: _Ctx, item: Item, kind: BlockKind) -> Planned | str:
    """The planned exercise, or the note saying why the item is left out."""
    resolved = _resolve_exercise(ctx, item)
    if isinstance(resolved, str):
        return resolved
    ex, notes = resolved
    effort, effort_notes = _effort(ctx, item)
    notes += effort_notes
    sets = item.sets
    target = item.dose
    support = item.support
    load: Weight | None = None
    load_text, reason = "", ""
    rule = item.progression
    unloaded = _missing_load(ctx, ex, item)
    if unloaded is not None:
        notes.append(unloaded)
        lifts = ex.category not in NOT_LIFTS and item.measure == Measure.reps
        load_text = "body weight" if lifts else ""
        if item.measure == Measure.reps and rule in (
            ProgressionRule.double,
            ProgressionRule.percent,
        ):
            past = before(ctx.history, ex.id, ctx.date)
            reason = _bodyweight_reason(past, item.reps or item.dose, ex, ctx)
        if rule == ProgressionRule.ladder:
            target, support, reason = _ladder(ctx, ex, item)
        if not load_text:
            load_text = "no weight"
    elif rule == ProgressionRule.double:
        load, load_text, reason = _double(ctx, ex, item, effort)
    elif rule == ProgressionRule.percent:
        load, load_text, reason = _percent(ctx, ex, item)
    elif rule == ProgressionRule.ladder:
        target, support, reason = _ladder(ctx, ex, item)
    elif rule == ProgressionRule.build:
        target, reason = _build(ctx, item)
    if not load_text:
        load_text = _static_load(ctx, ex, item)
    if ctx.position.deload and kind == BlockKind.strength:
        sets = max(1, sets - ctx.program.deload.sets_less)
        if load is not None:
            inc = increment(ex.load_kind, load.unit)
            lighter = round_down(load.value * ctx.program.deload.load_percent / 100, inc)
            if lighter <= 0 < load.value:
                lighter = min(inc, load.value)
            load = Weight(lighter, load.unit)
            load_text = show_weight(lighter, load.unit)
        reason = (
            f"deload week: {ctx.program.deload.load_percent}% load, "
            f"{ctx.program.deload.sets_less} set less, to recover. " + reason
        ).strip()
    return Planned(
        exercise=ex,
        item=item,
        block=kind,
        sets=sets,
        measure=item.measure,
        target=target,
        support=support,
        load=load,
        load_text=load_text,
        reason=reason,
        effort=effort,
        notes=tuple(notes),
    )


def _static_load(ctx: _Ctx, ex: Exercise, item: Item) -> str:
    if item.load is None or item.load.type == LoadType.bodyweight:
        lifts = ex.category not in NOT_LIFTS and item.measure == Measure.reps
        return "body weight" if lifts else ""
    if item.load.type == LoadType.band:
        return _band_text(item)
    if item.load.start is not None:
        unit = ctx.profile.units
        return show_weight(in_units(item.load.start, unit, increment(ex.load_kind, unit)), unit)
    if item.load.type == LoadType.effort and item.effort is not None:
        return f"effort {item.effort}"
    return ""


def _applies(ctx: _Ctx, item: Item) -> bool:
    return item.requires is None or item.requires.met_by(*requirement_flags(ctx.profile))


def _plan_blocks(ctx: _Ctx, blocks: Sequence[Block], left_out: list[str]) -> list[BlockPlan]:
    out = []
    for block in blocks:
        kept: list[Planned] = []
        for item in block.items:
            if not _applies(ctx, item):
                continue
            planned = plan_item(ctx, item, block.kind)
            if isinstance(planned, str):
                if planned not in left_out:
                    left_out.append(planned)
            else:
                kept.append(planned)
        if kept:
            title = block.title or BLOCK_TITLES[block.kind]
            out.append(BlockPlan(block.kind, title, tuple(kept), block.note))
    return out


def plan_day(
    program: Program,
    library: Library,
    profile: Profile,
    history: History,
    date: dt.date,
    *,
    as_of: dt.date | None = None,
) -> DayPlan:
    """The plan for one day: a session on a training day, the daily blocks on every day.

    `as_of` is "today" when planning ahead: a break is counted only up to it, so next week's
    sheet does not lighten a load for days that have not passed yet."""
    before_start = date < profile.start
    pos = position(program, profile, max(date, profile.start))
    today = date if as_of is None else min(date, as_of)
    ctx = _Ctx(program, library.by_id(), profile, history, date, pos, today)
    training = is_training_day(profile, date)
    notes: list[str] = []
    left_out: list[str] = []
    blocks: list[BlockPlan] = []
    label = None
    if training:
        label = session_label(program, profile, date)
        session = next(s for s in pos.phase.sessions if s.label == label)
        blocks += _plan_blocks(ctx, session.blocks, left_out)
    session_blocks = len(blocks)
    if not before_start:
        blocks += _plan_blocks(ctx, pos.phase.daily, left_out)
        if not training:
            blocks += _plan_blocks(ctx, pos.phase.other_days, left_out)
    if pos.complete:
        notes.append(
            f"You have finished all {pos.total_weeks} weeks of {program.name}. "
            f"Well done! Keep going with the {pos.phase.name} phase to keep what you "
            "built."
        )
    if pos.deload and training:
        notes.append(
            "This is a deload week: a little lighter on purpose, so your body can "
            "recover and come back stronger."
        )
    notes += left_out
    nxt = next_training_day(profile, date)
    return DayPlan(
        date=date,
        program=program,
        profile=profile,
        position=pos,
        training=training,
        label=label,
        blocks=tuple(blocks),
        session_blocks=session_blocks,
        next_date=nxt,
        next_label=session_label(program, profile, nxt),
        before_start=before_start,
        notes=tuple(notes),
    )
