"""Loads: increments of each kind of equipment, rounding, steps up and down, estimated 1RM.

Engineering defaults that no source fixes (SCIENCE.md, "What the sources leave open"):
- after a break of BREAK_DAYS or more without an exercise, its load comes back BREAK_FACTOR lower;
- falling short of the bottom of the rep range in two sessions running lowers the load ~10%;
- estimated 1RM uses the Epley formula, 1RM = load x (1 + reps / 30), from sets of 12 reps or fewer;
- sessions in a deload week do not move the working load: it picks up from the week before;
- a `oneup done` record says the session was done, not how many reps: it holds the load.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from ..codes import Done, LoadForm, LoadSpec, Reason, Why
from ..model import Equipment, Exercise, Item, LoadKind, Measure, Unit, Weight
from .calendar import position
from .history import Entry
from .values import Context, Prescription

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


# --- what the rules that move a load share ----------------------------------------------------


def done(entry: Entry, unit: Unit, inc: float) -> Done:
    """A logged session as a reason cites it: the sets, and the load as it was entered, with
    the profile's units beside it when they differ."""
    load = entry.working_load()
    converted = None
    if load is not None and load.unit != unit:
        converted = Weight(in_units(load, unit, inc), unit)
    return Done(tuple(s.amount for s in entry.sets), load, converted)


def loaded(item: Item, value: float, unit: Unit, why: Reason) -> Prescription:
    """The prescription of a rule that sets a load: the item's dose, at this load."""
    w = Weight(value, unit)
    return Prescription(item.dose, item.support, w, LoadSpec(LoadForm.weight, w), why)


def unloaded(item: Item, spec: LoadSpec, why: Reason | None) -> Prescription:
    """The prescription of a rule without a number for the load: the item's dose."""
    return Prescription(item.dose, item.support, None, spec, why)


def counted(ctx: Context, past: Sequence[Entry]) -> list[Entry]:
    """The entries that set the working load: deload-week sessions are lighter on purpose and
    do not count (they still count for breaks and pain). If there is nothing else, they do."""
    kept = [e for e in past if not position(ctx.program, ctx.profile, e.date).deload]
    return kept or list(past)


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
