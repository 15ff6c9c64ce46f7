"""Impacts or minutes: build week by week from the bottom of the range to its top."""

from __future__ import annotations

from ...codes import NO_LOAD, Reason, Why
from ...model import Exercise, Item, Range
from ..history import before
from ..loads import DOSE_STEPS
from ..values import Context, Prescription


def prescribe(ctx: Context, ex: Exercise, item: Item, effort: Range | None) -> Prescription:
    dose, measure = item.dose, item.measure
    step = item.step or DOSE_STEPS[measure]
    week = ctx.position.week_in_phase
    target = min(dose.high, dose.low + step * (week - 1))
    past = before(ctx.history, item.exercise, ctx.date)
    if past and past[-1].pain:
        target = min(target, max(dose.low, past[-1].amount()))
        why = Reason(Why.dose_held_after_pain)
    elif target >= dose.high:
        why = Reason(Why.build_at_target, amount=dose.high, measure=measure)
    else:
        why = Reason(Why.build_week, weeks=week, amount=dose.high, measure=measure, step=step)
    return Prescription(Range(target, target), item.support, None, NO_LOAD, why)
