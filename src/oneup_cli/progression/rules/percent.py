"""Percent of a tested or estimated 1RM, and the progression from one session to the next.

With a tested 1RM: the bottom of the percent range, or one step up from the last load when the
last session was done in full at or above it, never above the top of the range. Without one:
the first load from the Epley estimate of the recent sessions (or the profile's starting load);
afterwards fixed-rep progression from the last load, because an estimate from sets at 80% lands
below the true maximum and would shrink the load each time.
"""

from __future__ import annotations

from ...codes import LoadForm, LoadSpec, Needs, Reason, Why
from ...model import Exercise, Item, LoadType, Range, Unit, Weight
from ..history import Entry, before
from ..loads import (
    BREAK_FACTOR,
    EPLEY_MAX_REPS,
    PERCENT_REPS_OVER,
    counted,
    done,
    epley,
    in_units,
    increment,
    loaded,
    on_break,
    pain_cap,
    reps_first,
    rise_to,
    round_down,
    starting_load,
    step_down,
    step_up,
    step_wait,
    unloaded,
)
from ..values import Context, Prescription
from .double import without_load as without_load


def prescribe(ctx: Context, ex: Exercise, item: Item, effort: Range | None) -> Prescription:
    unit = ctx.profile.units
    assert item.load is not None and item.load.percent is not None
    pct = item.load.percent
    inc = increment(ex.load_kind, unit)
    past_all = before(ctx.history, ex.id, ctx.date)
    past = counted(ctx, past_all)
    latest = past_all[-1] if past_all else None
    broke = bool(on_break(ctx, item, latest, ex))

    def result(
        load: float, why: Reason | None, planned: Prescription | None = None
    ) -> Prescription:
        target = None
        if planned is not None:  # reps first: its load, reason and reps
            assert planned.load is not None and planned.why is not None
            load, why, target = planned.load.value, planned.why, planned.target
        assert why is not None
        # Never more than 10% above the last working load, whatever the 1RM says (ACSM-PROG),
        # except one increment after the reps-first ceiling.
        ref = next((w for e in reversed(past) if (w := e.working_load()) is not None), None)
        if ref is not None and why.kind != Why.stepped_up_after_reps:
            last = in_units(ref, unit, inc)
            if last > 0 and load > rise_to(last, load, inc) + 1e-9:
                load = rise_to(last, load, inc)
                why = why._replace(capped=Weight(last, unit))
            if load > last + 1e-9 and (wait := step_wait(ctx, item, past, last, unit, inc)):
                load, why, target = last, wait, None
        # With a vertebral fracture, a load goes up only after a logged effort (reps first too).
        no_effort = None in (past[-1].rpe if past else None, latest.rpe if latest else None)
        if ref is not None and ctx.profile.vertebral_fracture and no_effort:
            last = in_units(ref, unit, inc)
            if load > last + 1e-9:
                load, target = last, None
                why = Reason(Why.held_no_effort, load=Weight(last, unit), exercise=ex.id)
        if broke:  # 10% below the last working load, whatever the rule would have done
            target = None
            if ref is not None and latest is not None:
                last = in_units(ref, unit, inc)
                load = min(load, step_down(last, inc, BREAK_FACTOR))
                why = Reason(
                    Why.lowered_after_break,
                    load=Weight(load, unit),
                    before=Weight(last, unit),
                    date=latest.date,
                    weeks=(ctx.as_of - latest.date).days // 7,
                )
            else:
                load = step_down(load, inc, BREAK_FACTOR)
                why = why._replace(after_break=True)
        cap = pain_cap((latest, past[-1] if past else None), unit, inc)
        if cap is not None:
            load = min(load, cap)
            target = None
            if not broke:
                why = Reason(Why.held_after_pain, load=Weight(load, unit))
        return loaded(item, load, unit, why, target)

    tested = ctx.profile.one_rm.get(ex.id)
    # The sessions of this item, when the last session with a load was one (not 8-12 work
    # after them, which starts afresh from an estimate).
    sessions = [e for e in past if _percent_session(e, item)]
    loaded_days = [e for e in past if e.working_load() is not None]
    if sessions and loaded_days and sessions[-1] is not loaded_days[-1]:
        sessions = []
    if tested is not None:
        # A start, not a ceiling: two sessions that show more raise the 1RM (Epley).
        one_rm = _risen(past, tested, unit, inc)
        shown, was = one_rm or tested, tested if one_rm else None
        value = shown.to(unit)
        base = round_down(value * pct.low / 100, inc)
        top = max(base, round_down(value * pct.high / 100, inc))
        last = sessions[-1] if sessions else None
        last_load = last.working_load() if last else None
        if last is None or last_load is None:
            why = Reason(Why.percent_of_tested, percent=pct.low, one_rm=shown, tested=was)
            return result(base, why)
        done_at = in_units(last_load, unit, inc)
        if _all_done(last, item):
            step = step_up(done_at, inc)
            if step is None and done_at + inc <= top + 1e-9:
                return result(done_at, None, _reps_first(item, ex, last, done_at, unit, inc))
            wanted = max(base, min(done_at + (step or 0.0), top))
            new = max(done_at, rise_to(done_at, wanted, inc))  # never less after a full session
            if new > done_at:
                why = Reason(
                    Why.percent_stepped_up,
                    load=Weight(new, unit),
                    before=Weight(done_at, unit),
                    done=done(last, unit, inc),
                    date=last.date,
                    percent=pct.high,
                    one_rm=shown,
                    tested=was,
                )
            else:
                why = Reason(Why.percent_top, percent=pct.high, one_rm=shown, tested=was)
            return result(new, why)
        # not every set: below, hold the load (never back to the base), lower it after two
        # sessions short
    if sessions:
        last = sessions[-1]
        last_load = last.working_load()
        assert last_load is not None
        load = in_units(last_load, unit, inc)
        was, did, on = Weight(load, unit), done(last, unit, inc), last.date
        if _all_done(last, item):
            step = step_up(load, inc)
            if step is None:
                return result(load, None, _reps_first(item, ex, last, load, unit, inc))
            new = load + step
            why = Reason(Why.stepped_up, load=Weight(new, unit), before=was, done=did, date=on)
            return result(new, why)
        short = [e for e in sessions[-2:] if e.working_load() == last_load]
        if len(short) == 2 and not _all_done(short[0], item):
            new = step_down(load, inc)
            why = Reason(
                Why.percent_lowered,
                load=Weight(new, unit),
                before=was,
                done=did,
                date=on,
                reps=item.dose.high,
            )
            return result(new, why)
        why = Reason(
            Why.held_aim_sets, load=was, done=did, date=on, sets=item.sets, reps=item.dose.high
        )
        return result(load, why)
    estimates = [
        (epley(in_units(s.load, unit, inc), s.reps), e.date)
        for e in past[-3:]
        for s in e.sets
        if s.load is not None and s.reps and s.reps <= EPLEY_MAX_REPS
    ]
    if estimates:
        best = max(estimates)
        load = round_down(best[0] * pct.low / 100, inc)
        why = Reason(
            Why.percent_of_estimate,
            load=Weight(load, unit),
            percent=pct.low,
            one_rm=Weight(round(best[0], 1), unit),
            date=best[1],
        )
        return result(load, why)
    started = starting_load(ctx, ex, item, unit, inc)
    if started is not None:
        return started
    why = Reason(Why.no_one_rm, reps=item.dose.high, exercise=ex.id)
    return unloaded(item, LoadSpec(LoadForm.percent_1rm, percent=pct), why)


def _risen(past: list[Entry], tested: Weight, unit: Unit, inc: float) -> Weight | None:
    """The 1RM the last two sessions with loads show (Epley, sets of 12 reps or fewer; the
    lower of the two), when both are above the tested one; else None."""
    best = []
    for e in reversed(past):
        found = [
            epley(in_units(s.load, unit, inc), s.reps)
            for s in e.sets
            if s.load is not None and s.reps and s.reps <= EPLEY_MAX_REPS
        ]
        if found:
            best.append(max(found))
        if len(best) == 2:
            break
    if len(best) < 2 or min(best) <= tested.to(unit) + 1e-9:
        return None
    return Weight(round(min(best), 1), unit)


def _ceiling(item: Item) -> int:
    """The reps to build to before a step of more than 10%: the item's, else 2 over the target
    (ACSM-PROG: more load after 1-2 reps over the target)."""
    return item.rep_ceiling or int(item.dose.high) + PERCENT_REPS_OVER


def _reps_first(
    item: Item, ex: Exercise, last: Entry, load: float, unit: Unit, inc: float
) -> Prescription:
    return reps_first(item, ex, last, load, unit, inc, _ceiling(item), item.dose)


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
        and all(s.amount <= _ceiling(item) for s in entry.sets)
    )


def check(item: Item, ex: Exercise | None) -> list[Needs]:
    """A load given as a percent of 1RM."""
    if item.load is None or item.load.type != LoadType.percent_1rm:
        return [Needs.percent_load]
    return []
