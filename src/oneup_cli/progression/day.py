"""The plan of a day: which exercise (swaps, left-out items), how hard, and each rule's dose."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from ..codes import NO_LOAD, Limit, LoadForm, LoadSpec, Note, Reason, Say, Why
from ..limits import MODERATE_EFFORT, SUPERVISED_PERCENT
from ..model import (
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
    Measure,
    Profile,
    Program,
    ProgressionRule,
    Range,
    SafetyTag,
    Unit,
    Weight,
)
from .calendar import (
    held_back,
    is_training_day,
    next_training_day,
    position,
    requirement_flags,
    session_label,
    walk_days,
)
from .fracture import BACK_BLOCK, WALK_BOUT_MINUTES, needs_back_block, walk_bouts
from .history import Entry, History, before
from .loads import (
    LOAD_EQUIPMENT,
    STEPS_UP,
    band_spec,
    deload_load,
    in_units,
    increment,
    last_working,
)
from .rules import Rule, rule
from .values import BlockPlan, Context, DayPlan, Planned

# Categories where "body weight" says nothing useful about the load.
NOT_LIFTS = {Category.balance, Category.impact, Category.aerobic, Category.mobility}
# After pain twice, the easier version; after this many sessions of it without pain, the usual
# one again (default, not from a source: SCIENCE rule 7 says "repeated pain" leads to the
# easier version; two mirrors it on the way back).
PAIN_FREE = 2
# The impact to drop to when an impact exercise hurts twice and has no easier version: marching,
# the lowest level (SSS).
MARCHING = "gentle-marching"


# --- which exercise ---------------------------------------------------------------------------


def _usable(ex: Exercise, profile: Profile) -> bool:
    return bool(set(ex.equipment) & set(profile.equipment)) or Equipment.none in ex.equipment


class _Broken(NamedTuple):
    """A rule an exercise breaks for a profile, and where to look for another."""

    limit: Limit
    via: tuple[str, ...]  # exercise fields to try, in order
    needs: Equipment | None = None  # for equipment: the first thing it needs


def _broken_rule(ctx: Context, ex: Exercise) -> _Broken | None:
    """The first rule the exercise breaks for this profile, or None."""
    profile = ctx.profile
    if not _usable(ex, profile):
        return _Broken(Limit.equipment, ("home_substitute", "easier"), ex.equipment[0])
    if profile.vertebral_fracture and ex.impact.rank > ImpactLevel.lower.rank:
        return _Broken(Limit.fracture_impact, ("easier",))
    if held_back(profile) and {SafetyTag.maximal, SafetyTag.floor_lift} & set(ex.safety):
        return _Broken(Limit.fracture_heavy, ("easier",))
    if not requirement_flags(profile)[0] and SafetyTag.maximal in ex.safety:
        return _Broken(Limit.maximal, ("easier",))
    return None


def _item_rule(ctx: Context, item: Item, ex: Exercise) -> Note | None:
    """Why the item as a whole cannot be planned for this profile: percent-of-1RM loads."""
    load = item.load
    if load is None or load.type != LoadType.percent_1rm or load.percent is None:
        return None
    if held_back(ctx.profile):
        return Note(
            Say.left_out_percent, name=ex.name, percent=load.percent, limit=Limit.fracture_percent
        )
    if not requirement_flags(ctx.profile)[0] and load.percent.high > SUPERVISED_PERCENT:
        return Note(
            Say.left_out_percent,
            name=ex.name,
            percent=load.percent,
            limit=Limit.percent_unsupervised,
            cap=SUPERVISED_PERCENT,
        )
    return None


def _constrain(ctx: Context, ex: Exercise, seen: set[str], notes: list[Note]) -> Exercise | Note:
    """Swap until the exercise breaks no rule (equipment, impact, heavy lifts): the exercise,
    or the left-out note when no swap is left. Swaps in a row for the same rule make one note
    (Wall push-up instead of Chest press machine: you have no machine or bands)."""
    original = ex
    run: tuple[Exercise, _Broken, list[Equipment]] | None = None  # swaps in a row for one rule

    def close(to: Exercise) -> None:
        if run is not None:
            start, broken, missing = run
            notes.append(
                Note(
                    Say.swapped,
                    name=to.name,
                    other=start.name,
                    limit=broken.limit,
                    kit=tuple(missing),
                )
            )

    while (broken := _broken_rule(ctx, ex)) is not None:
        options = (ctx.library.get(getattr(ex, field) or "") for field in broken.via)
        sub = next((o for o in options if o is not None and o.id not in seen), None)
        if sub is None:
            needs = broken.limit == Limit.equipment
            return Note(
                Say.left_out,
                name=original.name,
                other=None if ex is original else ex.name,
                limit=broken.limit,
                kit=tuple(e for e in ex.equipment if e != Equipment.none) if needs else (),
            )
        if run is not None and run[1] == broken:
            pass  # the same reason again
        elif run is not None and run[1].needs is not None and broken.needs is not None:
            if broken.needs not in run[2]:
                run[2].append(broken.needs)
        else:
            close(ex)
            run = (ex, broken, [broken.needs] if broken.needs is not None else [])
        seen.add(sub.id)
        ex = sub
    close(ex)
    return ex


def _last_pain(ctx: Context, ex_id: str) -> bool:
    past = before(ctx.history, ex_id, ctx.date)
    return bool(past) and past[-1].pain


def _pain_twice(entries: Sequence[Entry]) -> bool:
    return len(entries) >= 2 and entries[-1].pain and entries[-2].pain


def _easier(ctx: Context, ex: Exercise) -> Exercise | None:
    """The easier version; for an impact exercise without one, marching (SSS lower level)."""
    if ex.easier is not None:
        return ctx.library.get(ex.easier)
    if ex.category == Category.impact and ex.id != MARCHING:
        return ctx.library.get(MARCHING)
    return None


def _resolve_exercise(ctx: Context, item: Item) -> tuple[Exercise, list[Note]] | Note:
    """The exercise to do: swapped for a home substitute without the equipment, for an easier
    version after repeated pain (SCIENCE rule 7; back to the usual one after PAIN_FREE
    sessions of the easier one without pain), a vertebral-fracture limit or a heavy lift the
    profile may not do. A note: the item is left out, and the note says why."""
    notes: list[Note] = []
    first = ctx.library[item.exercise]
    if (why := _item_rule(ctx, item, first)) is not None:
        return why
    seen = {first.id}
    resolved = _constrain(ctx, first, seen, notes)
    if isinstance(resolved, Note):
        return resolved
    ex = resolved
    past = before(ctx.history, ex.id, ctx.date)
    pain_swap = False
    if _pain_twice(past):
        easier = _easier(ctx, ex)
        trial: list[Note] = []
        swapped = (
            _constrain(ctx, easier, seen | {ex.id, easier.id}, trial)
            if easier is not None and easier.id not in seen | {ex.id}
            else None
        )
        if isinstance(swapped, Exercise):
            # The sessions of the easier version since the pain: two without pain, and the
            # usual one is offered again.
            tried = [e for e in before(ctx.history, swapped.id, ctx.date) if e.date > past[-1].date]
            if len(tried) >= PAIN_FREE and not any(e.pain for e in tried[-PAIN_FREE:]):
                notes.append(
                    Note(Say.back_to_usual, name=ex.name, other=swapped.name, times=PAIN_FREE)
                )
            else:
                notes.append(Note(Say.swapped_for_pain, name=swapped.name, other=ex.name))
                notes += trial
                if _pain_twice(tried):
                    notes.append(Note(Say.pain_see_doctor))
                ex, pain_swap = swapped, True
        else:
            notes.append(Note(Say.pain_see_doctor))
    # A rule that climbs to the top moves on to the harder version once it is logged; never
    # after pain (on either version), and never to a version this profile may not do.
    harder = ctx.library.get(ex.harder or "")
    if (
        harder is not None
        and not pain_swap
        and rule(item.progression).climbs
        and before(ctx.history, harder.id, ctx.date)
        and not _last_pain(ctx, ex.id)
        and not _last_pain(ctx, harder.id)
        and _broken_rule(ctx, harder) is None
    ):
        ex = harder
    return ex, notes


# --- how hard ---------------------------------------------------------------------------------


def _effort(ctx: Context, item: Item) -> tuple[Range | None, list[Note]]:
    eff = item.effort
    if eff is None or not ctx.profile.vertebral_fracture or ctx.profile.cleared:
        return eff, []
    if eff.high <= MODERATE_EFFORT:
        return eff, []
    capped = Range(min(eff.low, MODERATE_EFFORT), MODERATE_EFFORT)
    return capped, [Note(Say.effort_capped, effort=capped)]


def _retest(ctx: Context, ex: Exercise, item: Item) -> Note | None:
    """A tested 1RM the program says to test again: due from `low` weeks after the start (when
    it was given) to `high`, then again every `high` weeks."""
    retest = ctx.program.retest_one_rm
    if retest is None or item.progression != ProgressionRule.percent:
        return None
    if ex.id not in ctx.profile.one_rm:
        return None
    low, high = int(retest.weeks.low), int(retest.weeks.high)
    weeks = (ctx.date - ctx.profile.start).days // 7
    if weeks < low or not (weeks % high >= low or weeks % high == 0):
        return None
    cited = None if retest.source == "default" else ", ".join(k.value for k in retest.source)
    return Note(Say.retest_one_rm, name=ex.name, span=retest.weeks, other=cited)


def _missing_load(ctx: Context, ex: Exercise, item: Item, how: Rule) -> Note | None:
    """The note for an exercise planned without its load because the profile lacks the
    equipment that carries it (the exercise itself works without); None when it has it."""
    have = set(ctx.profile.equipment)
    if item.ankle_weight and Equipment.ankle_weights not in have:
        kind = LoadKind.ankle_weight
    elif ex.load_kind in LOAD_EQUIPMENT and not LOAD_EQUIPMENT[ex.load_kind] & have:
        kind = ex.load_kind
    else:
        return None
    if not how.loads and not (
        item.load is not None and item.load.type in (LoadType.fixed, LoadType.percent_1rm)
    ):
        return None  # nothing was going to be loaded
    if kind == LoadKind.ankle_weight:
        start = item.load.start if item.load and item.load.start else Weight(1.0, Unit.kg)
        unit = ctx.profile.units
        first = Weight(in_units(start, unit, increment(kind, unit)), unit)
        return Note(Say.no_ankle_weights, weight=first)
    return Note(Say.no_load_kit, load_kind=kind)


def _lifts(ex: Exercise, item: Item) -> bool:
    """Whether 'body weight' says something about the load: a lift counted in reps."""
    return ex.category not in NOT_LIFTS and item.measure == Measure.reps


def plan_item(ctx: Context, item: Item, kind: BlockKind) -> Planned | Note:
    """The planned exercise, or the note saying why the item is left out."""
    resolved = _resolve_exercise(ctx, item)
    if isinstance(resolved, Note):
        return resolved
    ex, notes = resolved
    effort, capped = _effort(ctx, item)
    notes += capped
    if (retest := _retest(ctx, ex, item)) is not None:
        notes.append(retest)
    how = rule(item.progression)
    missing = _missing_load(ctx, ex, item, how)
    if missing is not None:
        notes.append(missing)
        done = how.without_load(ctx, ex, item, effort)
        form = LoadForm.body_weight if _lifts(ex, item) else LoadForm.no_weight
        done = done._replace(load=None, load_spec=LoadSpec(form))
    else:
        done = how.prescribe(ctx, ex, item, effort)
    sets, load, spec, why = item.sets, done.load, done.load_spec, done.why
    target = done.target
    if (
        ctx.profile.vertebral_fracture
        and item.measure == Measure.minutes
        and ex.category == Category.aerobic
        and target.high > WALK_BOUT_MINUTES
    ):
        bouts, each = walk_bouts(target.high)
        notes.append(
            Note(
                Say.walk_bouts,
                name=ex.name,
                times=bouts * sets,
                minutes=each,
                total=target.high,
                cap=WALK_BOUT_MINUTES,
            )
        )
        sets, target = sets * bouts, Range(each, each)
    if spec.form == LoadForm.none:
        spec = _static_load(ctx, ex, item)
    if ctx.position.deload and kind == BlockKind.strength:
        deload = ctx.program.deload
        sets = max(1, sets - deload.sets_less)
        usual = None
        if load is not None:
            # The stated fraction of the last working load (or of today's, when lower: after
            # pain or a break), to the nearest increment, and always lighter than it.
            inc = increment(ex.load_kind, load.unit)
            last = last_working(ctx, ex.id, load.unit, inc)
            usual = Weight(min(load.value, last) if last is not None else load.value, load.unit)
            lighter = deload_load(usual.value, deload.load_percent, inc)
            if lighter > 0:
                load = Weight(lighter, load.unit)
                spec = LoadSpec(LoadForm.weight, load)
            else:
                load = None
                spec = LoadSpec(LoadForm.body_weight if _lifts(ex, item) else LoadForm.no_weight)
            if why is not None and why.kind in STEPS_UP:
                why = None  # the step waits for the week after
        why = Reason(
            Why.deload,
            percent=deload.load_percent,
            sets_less=deload.sets_less,
            then=why,
            before=usual,
            load=load,
        )
    return Planned(
        exercise=ex,
        item=item,
        block=kind,
        sets=sets,
        measure=item.measure,
        target=target,
        support=done.support,
        load=load,
        load_spec=spec,
        why=why,
        effort=effort,
        notices=tuple(notes),
    )


def _static_load(ctx: Context, ex: Exercise, item: Item) -> LoadSpec:
    """The load an item writes down, for rules that do not move one."""
    if item.load is None or item.load.type == LoadType.bodyweight:
        return LoadSpec(LoadForm.body_weight) if _lifts(ex, item) else NO_LOAD
    if item.load.type == LoadType.band:
        return band_spec(item)
    if item.load.start is not None:
        unit = ctx.profile.units
        value = in_units(item.load.start, unit, increment(ex.load_kind, unit))
        return LoadSpec(LoadForm.weight, Weight(value, unit))
    if item.load.type == LoadType.effort and item.effort is not None:
        return LoadSpec(LoadForm.effort, effort=item.effort)
    return NO_LOAD


def _applies(ctx: Context, item: Item) -> bool:
    return item.requires is None or item.requires.met_by(*requirement_flags(ctx.profile))


def _plan_blocks(ctx: Context, blocks: Sequence[Block], left_out: list[Note]) -> list[BlockPlan]:
    out = []
    for block in blocks:
        kept: list[Planned] = []
        for item in block.items:
            if not _applies(ctx, item):
                continue
            planned = plan_item(ctx, item, block.kind)
            if isinstance(planned, Note):
                if planned not in left_out:
                    left_out.append(planned)
            else:
                kept.append(planned)
        if kept:
            out.append(BlockPlan(block.kind, block.title or None, tuple(kept), block.note))
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
    ctx = Context(program, library.by_id(), profile, history, date, pos, today)
    training = is_training_day(profile, date)
    notes: list[Note] = []
    left_out: list[Note] = []
    blocks: list[BlockPlan] = []
    label = None
    if training:
        label = session_label(program, profile, date)
        session = next(s for s in pos.phase.sessions if s.label == label)
        blocks += _plan_blocks(ctx, session.blocks, left_out)
    session_blocks = len(blocks)
    if not before_start:
        blocks += _plan_blocks(ctx, pos.phase.daily, left_out)
        if profile.vertebral_fracture and needs_back_block(pos.phase, ctx.library):
            added = _plan_blocks(ctx, [BACK_BLOCK], left_out)
            if added:
                blocks += added
                notes.append(Note(Say.fracture_back_block))
        if not training and WEEKDAYS[date.weekday()] in walk_days(program, profile):
            blocks += _plan_blocks(ctx, pos.phase.other_days, left_out)
    if pos.complete:
        notes.append(
            Note(Say.finished, weeks=pos.total_weeks, name=program.name, other=pos.phase.name)
        )
    if pos.deload and training:
        notes.append(Note(Say.deload_week))
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
        notices=tuple(notes),
    )
