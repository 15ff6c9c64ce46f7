"""Loads: increments of each kind of equipment, rounding, steps up and down, estimated 1RM.

Engineering defaults that no source fixes (SCIENCE.md, "What the sources leave open"):
- after a break of BREAK_DAYS or more without an exercise, and BREAK_SESSIONS or more of its
  planned sessions missed (one missed session of a once-a-week exercise is no break), its load
  comes back BREAK_FACTOR lower;
- falling short of the bottom of the rep range in two sessions running lowers the load ~10%;
- estimated 1RM uses the Epley formula, 1RM = load x (1 + reps / 30), from sets of 12 reps or fewer;
- sessions in a deload week do not move the working load: it picks up from the week before;
- a `oneup done` record says the session was done, not how many reps: it holds the load.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence

from ..codes import Done, LoadForm, LoadSpec, Reason, Why
from ..model import Equipment, Exercise, Item, LoadKind, Measure, Range, Unit, Weight
from .calendar import missed, position
from .history import Entry, before
from .values import Context, Prescription

BREAK_DAYS = 14
BREAK_SESSIONS = 2
BREAK_FACTOR = 0.90
DROP_FACTOR = 0.90
STEP_MIN, STEP_TARGET, STEP_MAX = 0.02, 0.05, 0.10  # ACSM-PROG: 2-10% per step
EPLEY_MAX_REPS = 12
# When one increment is more than a 10% step, the reps go up first, to this many on every set,
# then the load steps and the reps start again at the bottom of the range. Default, not from a
# source (an item may state its own `rep_ceiling`). For fixed-rep percent-of-1RM work the
# ceiling is 2 over the target: ACSM-PROG raises the load after 1-2 reps over the target.
REP_CEILING = 15
PERCENT_REPS_OVER = 2

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


def step_up(load: float, inc: float) -> float | None:
    """One progression step: about 5% of the load, in whole increments, within 2-10% of the
    current load (ACSM-PROG). None when even one increment is more than 10% (4 to 5 kg
    dumbbells, 1 to 1.5 kg ankle weights): the reps go up first (`reps_first`)."""
    if load <= 0:
        return inc
    most = max_step(load, inc)
    if most <= 0:
        return None
    steps = max(1, round(load * STEP_TARGET / inc))
    while steps > 1 and steps * inc > most + 1e-9:
        steps -= 1
    while steps * inc < load * STEP_MIN and (steps + 1) * inc <= most + 1e-9:
        steps += 1
    return steps * inc


def max_step(load: float, inc: float) -> float:
    """The largest rise in whole increments within 10% of the load (ACSM-PROG); 0 when one
    increment is more."""
    if load <= 0:
        return inc
    return round(math.floor(load * STEP_MAX / inc + 1e-9) * inc, 6)


def rise_to(load: float, wanted: float, inc: float) -> float:
    """`wanted`, but never more than 10% above `load` (ACSM-PROG); a lower value as it is."""
    if wanted <= load:
        return wanted
    return min(wanted, load + max_step(load, inc))


def jump(load: float, inc: float) -> float:
    """How much heavier one increment is, in percent of the load: 25 for 4 to 5 kg."""
    return round(100 * inc / load, 1) if load > 0 else 100.0


def step_down(load: float, inc: float, factor: float = DROP_FACTOR) -> float:
    """About 10% lighter, to the nearest increment, at least one increment lighter, never
    negative."""
    lower = round(load * factor / inc) * inc
    if lower >= load:
        lower = load - inc
    return max(0.0, lower)


def deload_load(usual: float, percent: float, inc: float) -> float:
    """A deload week's load: `percent` of the usual load to the nearest increment, and always
    at least one increment lighter than it (0: no weight)."""
    lighter = round(round(usual * percent / 100 / inc) * inc, 6)
    if lighter >= usual - 1e-9:
        lighter = usual - inc
    return max(0.0, round(lighter, 6))


def epley(load: float, reps: int) -> float:
    return load * (1 + reps / 30)


# --- what the rules that move a load share ----------------------------------------------------


def done(entry: Entry, unit: Unit, inc: float) -> Done:
    """A logged session as a reason cites it: the sets, and the load as it was entered, with
    the profile's units beside it when they differ."""
    load = entry.working_load()
    converted = None
    if load is not None and load.unit != unit:
        converted = Weight(in_units(load, unit, inc), unit)
    return Done(tuple(s.amount for s in entry.sets), load, converted)


def loaded(
    item: Item, value: float, unit: Unit, why: Reason, target: Range | None = None
) -> Prescription:
    """The prescription of a rule that sets a load: the item's dose (or `target`), at this
    load."""
    w = Weight(value, unit)
    return Prescription(target or item.dose, item.support, w, LoadSpec(LoadForm.weight, w), why)


def step_wait(
    ctx: Context, item: Item, past: Sequence[Entry], load: float, unit: Unit, inc: float
) -> Reason | None:
    """The reason to hold `load` when the item states the least days between steps and they
    have not passed since the load was first logged; None when a step may come."""
    spacing = item.min_days_between_steps
    if spacing is None or not past:
        return None
    since = past[-1].date
    for e in reversed(past):
        w = e.working_load()
        if w is None or abs(in_units(w, unit, inc) - load) > 1e-9:
            break
        since = e.date
    ready = since + dt.timedelta(days=spacing.days)
    if ctx.date >= ready:
        return None
    sources = () if spacing.source == "default" else tuple(k.value for k in spacing.source)
    return Reason(
        Why.held_step_wait,
        load=Weight(load, unit),
        date=since,
        days=spacing.days,
        next_date=ready,
        sources=sources,
    )


def reps_first(
    item: Item,
    ex: Exercise,
    last: Entry,
    load: float,
    unit: Unit,
    inc: float,
    ceiling: int,
    reps: Range,
) -> Prescription:
    """The next increment is more than 10% heavier: more reps at this load, up to the ceiling
    on every set; once there, the load steps up one increment and the reps start again at the
    bottom of the range (the reason says so)."""
    did = done(last, unit, inc)
    was = Weight(load, unit)
    stated = item.rep_ceiling is not None
    if all(s.amount >= ceiling for s in last.sets):
        new = load + inc
        why = Reason(
            Why.stepped_up_after_reps,
            load=Weight(new, unit),
            before=was,
            done=did,
            date=last.date,
            reps=reps.low,
            percent=jump(load, inc),
            ceiling=ceiling,
            stated=stated,
        )
        return loaded(item, new, unit, why, reps)
    aim = Range(min(ceiling, max(reps.high, last.amount()) + 1), ceiling)
    why = Reason(
        Why.reps_first,
        load=was,
        before=Weight(load + inc, unit),
        done=did,
        date=last.date,
        reps=ceiling,
        percent=jump(load, inc),
        ceiling=ceiling,
        stated=stated,
        kit=ex.load_kind,
    )
    return loaded(item, load, unit, why, aim)


def unloaded(item: Item, spec: LoadSpec, why: Reason | None) -> Prescription:
    """The prescription of a rule without a number for the load: the item's dose."""
    return Prescription(item.dose, item.support, None, spec, why)


def counted(ctx: Context, past: Sequence[Entry]) -> list[Entry]:
    """The entries that set the working load: deload-week sessions are lighter on purpose and
    do not count (they still count for breaks and pain). If there is nothing else, they do."""
    kept = [e for e in past if not position(ctx.program, ctx.profile, e.date).deload]
    return kept or list(past)


def on_break(ctx: Context, item: Item, latest: Entry | None, ex: Exercise | None = None) -> int:
    """The planned sessions of the item missed since `latest` when that makes a break (days
    and sessions both), else 0. Sessions of the exercise's easier version in between (after
    pain, day.py) are no break: the movement was trained."""
    if latest is None or (ctx.as_of - latest.date).days < BREAK_DAYS:
        return 0
    easier = ex.easier if ex is not None else None
    if easier and any(latest.date < e.date < ctx.date for e in ctx.history.get(easier, ())):
        return 0
    n = missed(ctx.program, ctx.profile, item.exercise, latest.date, ctx.as_of, BREAK_SESSIONS)
    return n if n >= BREAK_SESSIONS else 0


def last_working(ctx: Context, exercise: str, unit: Unit, inc: float) -> float | None:
    """The working load of the last session that sets it (deload weeks left out)."""
    past = counted(ctx, before(ctx.history, exercise, ctx.date))
    for e in reversed(past):
        if (w := e.working_load()) is not None:
            return in_units(w, unit, inc)
    return None


# The reasons of a load going up: a deload week leaves the step for the week after.
STEPS_UP = frozenset({Why.stepped_up, Why.stepped_up_after_reps, Why.percent_stepped_up})


def pain_cap(entries: Iterable[Entry | None], unit: Unit, inc: float) -> float | None:
    """The lightest load of the painful entries among these: never heavier than that."""
    loads = [
        in_units(w, unit, inc)
        for e in entries
        if e is not None and e.pain and (w := e.working_load()) is not None
    ]
    return min(loads) if loads else None


def starting_load(
    ctx: Context, ex: Exercise, item: Item, unit: Unit, inc: float
) -> Prescription | None:
    """The first load: the profile's starting load for the exercise, else the program's."""
    start = ctx.profile.loads.get(ex.id) or (item.load.start if item.load else None)
    if start is None:
        return None
    value = in_units(start, unit, inc)
    own = ex.id in ctx.profile.loads
    why = Reason(Why.first_time_start_load, load=Weight(value, unit), own=own)
    return loaded(item, value, unit, why)


# How much a ladder or a build-up adds at a time when the item does not say.
DOSE_STEPS = {
    Measure.seconds: 5.0,
    Measure.reps: 1.0,
    Measure.impacts: 5.0,
    Measure.minutes: 5.0,
}


def band_spec(item: Item) -> LoadSpec:
    """A band of the item's colour; light when it names none."""
    band = item.load.band if item.load and item.load.band else "light"
    return LoadSpec(LoadForm.band, band=band)
