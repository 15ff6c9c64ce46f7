"""Double progression for a rep range: reach the top of the range on every set, then add load."""

from __future__ import annotations

from collections.abc import Sequence

from ...codes import NO_LOAD, LoadForm, LoadSpec, Needs, Reason, Why
from ...limits import MODERATE_EFFORT
from ...model import Exercise, Item, LoadKind, Measure, Range, Weight
from ..calendar import held_back
from ..history import Entry, before
from ..loads import (
    BREAK_FACTOR,
    REP_CEILING,
    band_spec,
    counted,
    done,
    in_units,
    increment,
    loaded,
    on_break,
    pain_cap,
    reps_first,
    starting_load,
    step_down,
    step_up,
    step_wait,
    unloaded,
)
from ..values import Context, Prescription


def prescribe(ctx: Context, ex: Exercise, item: Item, effort: Range | None) -> Prescription:
    unit = ctx.profile.units
    reps = item.reps or Range(8, 12)
    past_all = before(ctx.history, ex.id, ctx.date)
    if ex.load_kind == LoadKind.bodyweight:
        why = bodyweight_reason(ctx, ex, past_all, reps, effort)
        return unloaded(item, LoadSpec(LoadForm.body_weight), why)
    if ex.load_kind == LoadKind.band:
        return unloaded(item, band_spec(item), _band_reason(ctx, ex, past_all, reps, effort))
    inc = increment(ex.load_kind, unit)
    past = counted(ctx, past_all)
    last = past[-1] if past else None
    last_load = last.working_load() if last else None
    if last is None or last_load is None:
        started = starting_load(ctx, ex, item, unit, inc)
        if started is not None:
            return started
        easy = effort is not None and effort.high <= MODERATE_EFFORT
        why = Reason(Why.first_time_choose, reps=reps.high, easy=easy)
        return unloaded(item, LoadSpec(LoadForm.choose_weight), why)
    latest = past_all[-1]
    load = in_units(last_load, unit, inc)
    was = Weight(load, unit)
    gap = (ctx.as_of - latest.date).days
    cap = pain_cap((latest, last), unit, inc)
    if on_break(ctx, item, latest, ex):
        new = step_down(load, inc, BREAK_FACTOR)
        if cap is not None:  # and never heavier than a painful session (rule 7)
            new = min(new, cap)
        why = Reason(
            Why.lowered_after_break,
            load=Weight(new, unit),
            before=was,
            date=latest.date,
            weeks=gap // 7,
        )
        return loaded(item, new, unit, why)
    if (over := _over_cap(ctx, latest, last)) is not None:  # a fracture: one step lighter
        new = step_down(load, inc)
        if cap is not None:  # and never heavier than a painful session (rule 7)
            new = min(new, cap)
        why = Reason(
            Why.lowered_over_cap,
            load=Weight(new, unit),
            before=was,
            done=done(over, unit, inc),
            date=over.date,
            rpe=over.rpe,
            effort=effort,
        )
        return loaded(item, new, unit, why)
    if cap is not None:
        held = min(load, cap)
        why = Reason(Why.held_after_pain, load=Weight(held, unit), date=latest.date)
        return loaded(item, held, unit, why)
    if last.from_done:
        why = Reason(
            Why.held_done_unknown_reps, load=was, exercise=ex.id, sets=item.sets, reps=reps.high
        )
        return loaded(item, load, unit, why)
    did, on = done(last, unit, inc), last.date
    full = len(last.sets) >= item.sets and all(s.amount >= reps.high for s in last.sets)
    easy_enough = last.rpe is None or effort is None or last.rpe <= effort.high
    # With a fracture, a step only after a logged effort (on the deload-week session too).
    if full and ctx.profile.vertebral_fracture and None in (last.rpe, latest.rpe):
        why = Reason(Why.held_no_effort, load=was, done=did, date=on, exercise=ex.id)
        return loaded(item, load, unit, why)
    if full and easy_enough:
        step = step_up(load, inc)
        if step is None:  # one increment is more than 10%: reps first
            ceiling = item.rep_ceiling or REP_CEILING
            planned = reps_first(item, ex, last, load, unit, inc, ceiling, reps)
            assert planned.load is not None
            if planned.load.value > load and (wait := step_wait(ctx, item, past, load, unit, inc)):
                return loaded(item, load, unit, wait, Range(ceiling, ceiling))
            return planned
        if wait := step_wait(ctx, item, past, load, unit, inc):
            return loaded(item, load, unit, wait)
        new = load + step
        why = Reason(Why.stepped_up, load=Weight(new, unit), before=was, done=did, date=on)
        return loaded(item, new, unit, why)
    if full and not easy_enough:
        why = Reason(Why.held_too_hard, load=was, done=did, date=on, rpe=last.rpe, effort=effort)
        return loaded(item, load, unit, why)
    short = [
        e
        for e in past[-2:]
        if not e.from_done and e.working_load() == last_load and e.amount() < reps.low
    ]
    if len(past) >= 2 and len(short) == 2:
        new = step_down(load, inc)
        why = Reason(
            Why.lowered_short,
            load=Weight(new, unit),
            before=was,
            done=did,
            date=on,
            reps=reps.low,
        )
        return loaded(item, new, unit, why)
    why = Reason(Why.held_aim_top, load=was, done=did, date=on, reps=reps.high)
    return loaded(item, load, unit, why)


def without_load(ctx: Context, ex: Exercise, item: Item, effort: Range | None) -> Prescription:
    """No equipment to carry the load: the exercise with body weight, and the reason a
    body-weight lift would have (the caller says body weight or no weight)."""
    why = None
    if item.measure == Measure.reps:
        past = before(ctx.history, ex.id, ctx.date)
        why = bodyweight_reason(ctx, ex, past, item.reps or item.dose, effort)
    return unloaded(item, NO_LOAD, why)


def _over_cap(ctx: Context, *entries: Entry) -> Entry | None:
    """With a vertebral fracture not yet cleared, the latest of these sessions whose logged
    effort was above the moderate cap (SCIENCE rule 2); None otherwise."""
    if not held_back(ctx.profile):
        return None
    over = [e for e in entries if e.rpe is not None and e.rpe > MODERATE_EFFORT]
    return max(over, key=lambda e: e.date) if over else None


def _effort_first(
    ctx: Context, ex: Exercise, last: Entry, reps: Range, effort: Range | None
) -> Reason | None:
    """For a band or body weight with a vertebral fracture: the reason to make it no harder,
    when the last session felt too hard or gave no effort; None when it may get harder."""
    kit = ex.load_kind
    if _over_cap(ctx, last) is not None:
        return Reason(Why.lowered_over_cap, rpe=last.rpe, effort=effort, kit=kit)
    top = all(s.amount >= reps.high for s in last.sets)
    if top and ctx.profile.vertebral_fracture and last.rpe is None:
        return Reason(Why.held_no_effort, exercise=ex.id, kit=kit)
    return None


def bodyweight_reason(
    ctx: Context, ex: Exercise, past: Sequence[Entry], reps: Range, effort: Range | None = None
) -> Reason:
    if not past:
        return Reason(Why.bodyweight_first, reps=reps.high)
    last = past[-1]
    if last.pain:
        return Reason(Why.dose_held_after_pain, date=last.date)
    if (first := _effort_first(ctx, ex, last, reps, effort)) is not None:
        return first
    if all(s.amount >= reps.high for s in last.sets):
        harder = ctx.library.get(ex.harder or "")
        if harder is not None:
            return Reason(Why.bodyweight_top_harder, name=harder.name)
        return Reason(Why.bodyweight_top_slower)
    return Reason(Why.aim_top, reps=reps.high)


def _band_reason(
    ctx: Context, ex: Exercise, past: Sequence[Entry], reps: Range, effort: Range | None
) -> Reason:
    if past and not past[-1].pain:
        if (first := _effort_first(ctx, ex, past[-1], reps, effort)) is not None:
            return first
        if all(s.amount >= reps.high for s in past[-1].sets):
            return Reason(Why.band_top)
    return Reason(Why.aim_top, reps=reps.high)


def check(item: Item, ex: Exercise | None) -> list[Needs]:
    """A range of reps to climb through, on an exercise counted in reps."""
    needs = []
    if item.reps is None or item.reps.fixed:
        needs.append(Needs.rep_range)
    if ex is not None and ex.measure != Measure.reps:
        needs.append(Needs.reps_exercise)
    return needs
