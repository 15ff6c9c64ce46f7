"""The progression engine: (program, library, profile, history, date) -> the day's plan.

Pure functions: no I/O, no clock. The same inputs always give the same plan.

Engineering defaults that no source fixes (SCIENCE.md, "What the sources leave open"):
- after a break of BREAK_DAYS or more without an exercise, its load comes back BREAK_FACTOR lower;
- falling short of the bottom of the rep range in two sessions running lowers the load ~10%;
- estimated 1RM uses the Epley formula, 1RM = load x (1 + reps / 30), from sets of 12 reps or fewer.
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
    SetRecord,
    Support,
    Unit,
    Weight,
    _fmt,
)
from .safety import MODERATE_EFFORT

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
# Categories where "body weight" says nothing useful about the load.
NOT_LIFTS = {Category.balance, Category.impact, Category.aerobic, Category.mobility}
DEFAULT_LADDER_STEP = {
    Measure.seconds: 5.0,
    Measure.reps: 1.0,
    Measure.impacts: 5.0,
    Measure.minutes: 5.0,
}

BLOCK_ORDER = [k for k in BlockKind]


# ---------------------------------------------------------------------------------------------
# History: what the log says was done, per exercise and day
# ---------------------------------------------------------------------------------------------


class Entry(NamedTuple):
    """Everything logged for one exercise on one day."""

    date: dt.date
    sets: tuple[SetRecord, ...]
    rpe: float | None
    pain: bool

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


def active_phases(program: Program, profile: Profile) -> list[Phase]:
    flags = (profile.supervised, profile.vertebral_fracture, profile.cleared)
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


def session_label(program: Program, profile: Profile, date: dt.date) -> str:
    """Sessions rotate A, B, ... across training days, starting with A in each phase."""
    pos = position(program, profile, date)
    start = _phase_start(program, profile, pos)
    count = sum(
        1
        for n in range((date - start).days)
        if is_training_day(profile, start + dt.timedelta(days=n))
    )
    return pos.phase.sessions[count % len(pos.phase.sessions)].label


def next_training_day(profile: Profile, after: dt.date) -> dt.date:
    day = max(after + dt.timedelta(days=1), profile.start)
    while not is_training_day(profile, day):
        day += dt.timedelta(days=1)
    return day


# ---------------------------------------------------------------------------------------------
# Loads
# ---------------------------------------------------------------------------------------------


def increment(kind: LoadKind, unit: Unit) -> float:
    return INCREMENTS[kind][unit]


def round_down(value: float, inc: float) -> float:
    return max(0.0, math.floor(value / inc + 1e-9) * inc)


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
    notes: tuple[str, ...]


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


def _sets_text(entry: Entry, unit: Unit) -> str:
    amounts = [s.amount for s in entry.sets]
    reps = (
        f"{len(amounts)} x {_fmt(amounts[0])}"
        if len(set(amounts)) == 1
        else ", ".join(_fmt(a) for a in amounts)
    )
    load = entry.working_load()
    return f"{reps} at {show_weight(load.to(unit), unit)}" if load else reps


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


def _usable(ex: Exercise, profile: Profile) -> bool:
    return bool(set(ex.equipment) & set(profile.equipment)) or Equipment.none in ex.equipment


def _resolve_exercise(ctx: _Ctx, item: Item) -> tuple[Exercise, list[str]] | None:
    """The exercise to do: swapped for a home substitute without the equipment, for an easier
    version after repeated pain or a vertebral-fracture impact limit. None: leave it out."""
    notes: list[str] = []
    ex = ctx.library[item.exercise]
    seen = {ex.id}
    while not _usable(ex, ctx.profile):
        sub = ctx.library.get(ex.home_substitute or "") or ctx.library.get(ex.easier or "")
        if sub is None or sub.id in seen:
            return None
        notes.append(f"{sub.name} instead of {ex.name}: you have no {ex.equipment[0].value}")
        seen.add(sub.id)
        ex = sub
    if ctx.profile.vertebral_fracture:
        while ex.impact.rank > ImpactLevel.lower.rank:
            easier = ctx.library.get(ex.easier or "")
            if easier is None or easier.id in seen:
                return None
            notes.append(
                f"{easier.name} instead of {ex.name}: with a vertebral fracture, "
                "lower-level impact only (SSS)"
            )
            seen.add(easier.id)
            ex = easier
    past = before(ctx.history, ex.id, ctx.date)
    if len(past) >= 2 and past[-1].pain and past[-2].pain:
        easier = ctx.library.get(ex.easier or "")
        if easier is not None and easier.id not in seen:
            notes.append(
                f"{easier.name} instead of {ex.name}: you reported pain two sessions "
                "running. Please talk to your doctor or physiotherapist about it."
            )
            ex = easier
        else:
            notes.append(
                "You reported pain two sessions running: please talk to your doctor "
                "or physiotherapist before going on with this exercise."
            )
    # A ladder that reached its last level moves on to the harder version once it is logged.
    harder = ctx.library.get(ex.harder or "")
    if (
        harder is not None
        and item.progression == ProgressionRule.ladder
        and before(ctx.history, harder.id, ctx.date)
    ):
        ex = harder
    return ex, notes


def _effort(ctx: _Ctx, item: Item) -> tuple[Range | None, list[str]]:
    eff = item.effort
    if eff is None or not ctx.profile.vertebral_fracture or ctx.profile.cleared:
        return eff, []
    if eff.high <= MODERATE_EFFORT:
        return eff, []
    capped = Range(min(eff.low, MODERATE_EFFORT), MODERATE_EFFORT)
    return capped, [f"effort capped at {capped} (moderate) until a clinician clears you"]


def _double(
    ctx: _Ctx, ex: Exercise, item: Item, effort: Range | None
) -> tuple[Weight | None, str, str]:
    """Double progression for a rep range: (load, load text, reason)."""
    unit = ctx.profile.units
    reps = item.reps or Range(8, 12)
    past = before(ctx.history, ex.id, ctx.date)
    if ex.load_kind == LoadKind.bodyweight:
        return None, "body weight", _bodyweight_reason(past, reps, ex, ctx)
    if ex.load_kind == LoadKind.band:
        return None, _band_text(item), _band_reason(past, reps)
    inc = increment(ex.load_kind, unit)
    last = past[-1] if past else None
    last_load = last.working_load() if last else None
    if last is None or last_load is None:
        start = ctx.profile.loads.get(ex.id) or (item.load.start if item.load else None)
        if start is not None:
            value = start.to(unit)
            why = (
                "your starting load"
                if ex.id in ctx.profile.loads
                else "the program's starting load"
            )
            return Weight(value, unit), show_weight(value, unit), f"first time: {why}"
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
    load = last_load.to(unit)
    on = f"on {_day(last.date)}"
    gap = (ctx.as_of - last.date).days
    if gap >= BREAK_DAYS:
        new = step_down(load, inc, BREAK_FACTOR)
        weeks = gap // 7
        return (
            Weight(new, unit),
            show_weight(new, unit),
            f"-{show_weight(load - new, unit)}: welcome back after {weeks} weeks off "
            f"(last done {on}); 10% lighter is oneup's default after a break",
        )
    if last.pain:
        return (
            Weight(load, unit),
            show_weight(load, unit),
            f"hold: you reported pain last time ({on}); never heavier after pain",
        )
    full = len(last.sets) >= item.sets and all(s.amount >= reps.high for s in last.sets)
    easy_enough = last.rpe is None or effort is None or last.rpe <= effort.high
    if full and easy_enough:
        new = load + step_up(load, inc)
        return (
            Weight(new, unit),
            show_weight(new, unit),
            f"+{show_weight(new - load, unit)}: you did {_sets_text(last, unit)} {on}",
        )
    if full and not easy_enough:
        return (
            Weight(load, unit),
            show_weight(load, unit),
            f"hold: {_sets_text(last, unit)} {on} felt harder ({_fmt(last.rpe or 0)}/10) "
            f"than effort {effort}",
        )
    short = [e for e in past[-2:] if e.working_load() == last_load and e.amount() < reps.low]
    if len(past) >= 2 and len(short) == 2:
        new = step_down(load, inc)
        return (
            Weight(new, unit),
            show_weight(new, unit),
            f"-{show_weight(load - new, unit)}: fewer than {_fmt(reps.low)} reps two "
            f"sessions running ({_sets_text(last, unit)} {on})",
        )
    return (
        Weight(load, unit),
        show_weight(load, unit),
        f"hold: aim for {_fmt(reps.high)} reps on every set ({_sets_text(last, unit)} {on})",
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


def _percent(ctx: _Ctx, ex: Exercise, item: Item) -> tuple[Weight | None, str, str]:
    unit = ctx.profile.units
    assert item.load is not None and item.load.percent is not None
    pct = item.load.percent
    inc = increment(ex.load_kind, unit)
    past = before(ctx.history, ex.id, ctx.date)
    tested = ctx.profile.one_rm.get(ex.id)
    if tested is not None:
        one_rm, source = tested.to(unit), f"your tested 1RM of {tested}"
    else:
        estimates = [
            (epley(s.load.to(unit), s.reps), e.date)
            for e in past[-3:]
            for s in e.sets
            if s.load is not None and s.reps and s.reps <= EPLEY_MAX_REPS
        ]
        if not estimates:
            return (
                None,
                f"{pct}% of 1RM",
                "no 1RM yet: with your supervisor, work up to a weight you can lift 5 times "
                "with good form, then log it (or start with --load EXERCISE=KG)",
            )
        best = max(estimates)
        one_rm = best[0]
        source = (
            f"estimated 1RM {show_weight(round(one_rm, 1), unit)} from "
            f"{_day(best[1])} (Epley: load x (1 + reps/30))"
        )
    load = round_down(one_rm * pct.low / 100, inc)
    if past and past[-1].pain:
        last = past[-1].working_load()
        if last is not None and last.to(unit) < load:
            load = last.to(unit)
        return (
            Weight(load, unit),
            show_weight(load, unit),
            "hold: you reported pain last time; never heavier after pain",
        )
    if past and (ctx.as_of - past[-1].date).days >= BREAK_DAYS:
        load = round_down(load * BREAK_FACTOR, inc)
        return (
            Weight(load, unit),
            show_weight(load, unit),
            f"{_fmt(pct.low)}% of {source}, 10% lighter after a break (oneup's default)",
        )
    return Weight(load, unit), show_weight(load, unit), f"{_fmt(pct.low)}% of {source}"


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


def plan_item(ctx: _Ctx, item: Item, kind: BlockKind) -> Planned | None:
    resolved = _resolve_exercise(ctx, item)
    if resolved is None:
        return None
    ex, notes = resolved
    effort, effort_notes = _effort(ctx, item)
    notes += effort_notes
    sets = item.sets
    target = item.dose
    support = item.support
    load: Weight | None = None
    load_text, reason = "", ""
    rule = item.progression
    if rule == ProgressionRule.double:
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
            lighter = round_down(
                load.value * ctx.program.deload.load_percent / 100,
                increment(ex.load_kind, load.unit),
            )
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
        return show_weight(item.load.start.to(ctx.profile.units), ctx.profile.units)
    if item.load.type == LoadType.effort and item.effort is not None:
        return f"effort {item.effort}"
    return ""


def _applies(ctx: _Ctx, item: Item) -> bool:
    p = ctx.profile
    return item.requires is None or item.requires.met_by(
        p.supervised, p.vertebral_fracture, p.cleared
    )


def _plan_blocks(ctx: _Ctx, blocks: Sequence[Block]) -> list[BlockPlan]:
    out = []
    for block in blocks:
        items = [plan_item(ctx, item, block.kind) for item in block.items if _applies(ctx, item)]
        kept = tuple(p for p in items if p is not None)
        if kept:
            title = block.title or BLOCK_TITLES[block.kind]
            out.append(BlockPlan(block.kind, title, kept, block.note))
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
    blocks: list[BlockPlan] = []
    label = None
    if training:
        label = session_label(program, profile, date)
        session = next(s for s in pos.phase.sessions if s.label == label)
        blocks += _plan_blocks(ctx, session.blocks)
    session_blocks = len(blocks)
    if not before_start:
        blocks += _plan_blocks(ctx, pos.phase.daily)
        if not training:
            blocks += _plan_blocks(ctx, pos.phase.other_days)
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
