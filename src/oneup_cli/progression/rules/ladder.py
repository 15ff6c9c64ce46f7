"""Holds and balance: climb to the top of the range, then less support, then the harder version.

Eyes closed is never reached automatically: that step is for a trainer to choose.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...codes import NO_LOAD, Reason, Why
from ...model import Exercise, Item, Range, Support
from ..history import Entry, before
from ..loads import DOSE_STEPS
from ..values import Context, Prescription


def prescribe(ctx: Context, ex: Exercise, item: Item, effort: Range | None) -> Prescription:
    target, support, why = _climb(ctx, ex, item)
    return Prescription(target, support, None, NO_LOAD, why)


def _climb(ctx: Context, ex: Exercise, item: Item) -> tuple[Range, Support | None, Reason]:
    dose, measure = item.dose, item.measure
    step = item.step or DOSE_STEPS[measure]
    past = before(ctx.history, ex.id, ctx.date)
    level = item.support
    if not past:
        why = Reason(Why.ladder_start, amount=dose.low, measure=measure, support=level)
        return Range(dose.low, dose.low), level, why
    last = past[-1]
    level = last.support() or _carried_level(past) or item.support
    done = last.amount()
    if last.pain:
        kept = min(done, dose.high) if done >= dose.low else dose.low
        return Range(kept, kept), level, Reason(Why.dose_held_after_pain)
    if done >= dose.high:
        nxt = level.next() if level else None
        if nxt is not None and nxt != Support.eyes_closed:
            why = Reason(
                Why.ladder_next_level,
                support=nxt,
                before_support=level,
                done_amount=done,
                measure=measure,
            )
            return Range(dose.low, dose.low), nxt, why
        harder = ctx.library.get(ex.harder or "")
        if harder is not None:
            why = Reason(Why.ladder_top_harder, name=harder.name)
            return Range(dose.high, dose.high), level, why
        return Range(dose.high, dose.high), level, Reason(Why.ladder_top)
    target = min(dose.high, max(dose.low, done + step))
    why = Reason(Why.ladder_step, amount=target, done_amount=done, measure=measure, date=last.date)
    return Range(target, target), level, why


def _carried_level(past: Sequence[Entry]) -> Support | None:
    for e in reversed(past):
        if e.support() is not None:
            return e.support()
    return None
