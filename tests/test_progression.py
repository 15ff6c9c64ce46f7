"""The progression engine: calendar, loads, holds, pain, breaks and deloads. Pure functions."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneup_cli.model import LoadKind, LogRecord, Profile, SetRecord, Support, Unit, Weight
from oneup_cli.programs import load_library, load_program
from oneup_cli.progression import (
    Entry,
    build_history,
    increment,
    plan_day,
    position,
    session_label,
    step_down,
    step_up,
)

MON = dt.date(2026, 1, 5)  # a Monday
LIBRARY = load_library()
PREVENTION = load_program("prevention")
BALANCE = load_program("balance")


def profile(**kw) -> Profile:
    base = dict(name="t", program="prevention", start=MON, days=["mon", "thu"], units=Unit.kg)
    base.update(kw)
    return Profile(**base)


def entry(date, reps, load=None, *, pain=False, rpe=None, support=None, seconds=None):
    sets = tuple(
        SetRecord(reps=None if seconds else r, seconds=seconds, load=load, support=support)
        for r in reps
    )
    return Entry(date=date, sets=sets, rpe=rpe, pain=pain)


def item_for(plan, exercise_id):
    for block in plan.blocks:
        for p in block.items:
            if p.exercise.id == exercise_id:
                return p
    raise AssertionError(f"{exercise_id} not planned on {plan.date}")


def first_double_item(program, prof, date):
    plan = plan_day(program, LIBRARY, prof, {}, date)
    for block in plan.blocks:
        for p in block.items:
            if p.item.progression.value == "double" and p.exercise.load_kind in (
                LoadKind.dumbbell,
                LoadKind.barbell,
                LoadKind.kettlebell,
                LoadKind.ankle_weight,
            ):
                return p
    raise AssertionError("no loaded double-progression item")


# --- the calendar -----------------------------------------------------------------------------


def test_sessions_rotate_a_b_across_training_days():
    prof = profile()
    days = [MON + dt.timedelta(days=n) for n in range(14)]
    labels = [session_label(PREVENTION, prof, d) for d in days if d.weekday() in (0, 3)]
    assert labels == ["A", "B", "A", "B"]


def test_week_and_phase_follow_the_start_date():
    prof = profile()
    assert position(PREVENTION, prof, MON).week == 1
    pos = position(PREVENTION, prof, MON + dt.timedelta(weeks=PREVENTION.phases[0].weeks))
    assert pos.phase.id == PREVENTION.phases[1].id and pos.week_in_phase == 1


def test_after_the_last_week_the_program_is_complete_and_keeps_its_final_phase():
    prof = profile(supervised=True)
    late = MON + dt.timedelta(weeks=PREVENTION.total_weeks + 3)
    plan = plan_day(PREVENTION, LIBRARY, prof, {}, late)
    assert plan.position.complete
    assert plan.position.phase.id == PREVENTION.phases[-1].id
    assert any("finished" in n for n in plan.notes)


def test_rest_day_names_the_next_session():
    plan = plan_day(PREVENTION, LIBRARY, profile(), {}, MON + dt.timedelta(days=1))
    assert not plan.training
    assert plan.next_date == MON + dt.timedelta(days=3) and plan.next_label == "B"


# --- load steps -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(LoadKind))
@pytest.mark.parametrize("unit", list(Unit))
@pytest.mark.parametrize("load", [2, 5, 10, 20, 40, 60, 100, 150])
def test_a_step_stays_within_2_to_10_percent_where_the_increment_allows(kind, unit, load):
    inc = increment(kind, unit)
    step = step_up(load, inc)
    if inc > 0.10 * load + 1e-9:  # one increment is more than 10%: no step, reps first (issue 11)
        assert step is None
        return
    assert step is not None and step > 0 and round(step / inc, 6) == round(step / inc)
    assert 0.02 * load - 1e-9 <= step <= 0.10 * load + 1e-9


def test_step_down_is_about_ten_percent_and_never_negative():
    assert step_down(20, 1) == 18
    assert step_down(1, 1) == 0
    assert step_down(0.5, 0.5) == 0


# --- double progression -----------------------------------------------------------------------


def _history_for(ex_id, entries):
    return {ex_id: entries}


def test_top_of_range_on_every_set_raises_the_load_with_a_reason():
    prof = profile()
    p0 = first_double_item(PREVENTION, prof, MON)
    ex = p0.exercise.id
    top = int(p0.target.high)
    hist = _history_for(ex, [entry(MON, [top] * p0.sets, Weight(10, Unit.kg))])
    p1 = item_for(plan_day(PREVENTION, LIBRARY, prof, hist, MON + dt.timedelta(days=7)), ex)
    assert p1.load.value == 11
    assert p1.reason == f"+1 kg: you did {p0.sets} x {top} at 10 kg on Mon 5 Jan"


def test_pain_holds_the_load():
    prof = profile()
    p0 = first_double_item(PREVENTION, prof, MON)
    ex, top = p0.exercise.id, int(p0.target.high)
    hist = _history_for(ex, [entry(MON, [top] * p0.sets, Weight(10, Unit.kg), pain=True)])
    p1 = item_for(plan_day(PREVENTION, LIBRARY, prof, hist, MON + dt.timedelta(days=7)), ex)
    assert p1.load.value == 10
    assert p1.reason.startswith("hold: you reported pain last time")


def test_pain_two_sessions_running_switches_to_the_easier_version_and_advises_a_clinician():
    prof = profile()
    p0 = first_double_item(PREVENTION, prof, MON)
    ex = p0.exercise
    assert ex.easier, "the test needs an exercise with an easier version"
    hist = _history_for(
        ex.id,
        [
            entry(MON, [10, 10], Weight(10, Unit.kg), pain=True),
            entry(MON + dt.timedelta(days=7), [10, 10], Weight(10, Unit.kg), pain=True),
        ],
    )
    plan = plan_day(PREVENTION, LIBRARY, prof, hist, MON + dt.timedelta(days=14))
    ids = [p.exercise.id for b in plan.blocks for p in b.items]
    assert ex.id not in ids and ex.easier in ids
    easier = item_for(plan, ex.easier)
    assert any("doctor or physiotherapist" in n for n in easier.notes)


def test_two_sessions_short_of_the_range_lower_the_load_about_ten_percent():
    prof = profile()
    p0 = first_double_item(PREVENTION, prof, MON)
    ex, low = p0.exercise.id, int(p0.target.low)
    hist = _history_for(
        ex,
        [
            entry(MON, [low - 2] * 2, Weight(20, Unit.kg)),
            entry(MON + dt.timedelta(days=3), [low - 1] * 2, Weight(20, Unit.kg)),
        ],
    )
    p = item_for(plan_day(PREVENTION, LIBRARY, prof, hist, MON + dt.timedelta(days=7)), ex)
    assert p.load.value == 18 and p.reason.startswith("-2 kg")


def test_one_short_session_holds():
    prof = profile()
    p0 = first_double_item(PREVENTION, prof, MON)
    ex, low = p0.exercise.id, int(p0.target.low)
    hist = _history_for(ex, [entry(MON, [low, low - 1], Weight(20, Unit.kg))])
    p = item_for(plan_day(PREVENTION, LIBRARY, prof, hist, MON + dt.timedelta(days=3)), ex)
    assert p.load.value == 20 and p.reason.startswith("hold")


def test_a_three_week_break_brings_the_load_back_ten_percent_lower():
    prof = profile()
    p0 = first_double_item(PREVENTION, prof, MON)
    ex, top = p0.exercise.id, int(p0.target.high)
    hist = _history_for(ex, [entry(MON, [top] * 3, Weight(20, Unit.kg))])
    p = item_for(plan_day(PREVENTION, LIBRARY, prof, hist, MON + dt.timedelta(days=21)), ex)
    assert p.load.value == 18
    assert "3 weeks off" in p.reason and "default" in p.reason


def test_loads_show_in_the_profile_units_but_history_keeps_what_was_entered():
    prof = profile(units=Unit.lb)
    p0 = first_double_item(PREVENTION, prof, MON)
    ex, top = p0.exercise.id, int(p0.target.high)
    hist = _history_for(ex, [entry(MON, [top] * p0.sets, Weight(15, Unit.kg))])
    p = item_for(plan_day(PREVENTION, LIBRARY, prof, hist, MON + dt.timedelta(days=3)), ex)
    assert p.load.unit == Unit.lb
    # 15 kg is 33.07 lb: a dumbbell in lb comes in 2.5 lb steps, so 32.5 lb, then one step up
    # (+7.7%; from 22.5 lb a 2.5 lb step would be 11%, more than a step may be: issue 11).
    assert p.load.value == 35
    assert "at 15 kg (32.5 lb)" in p.reason  # the past load as it was entered


# --- holds and balance ------------------------------------------------------------------------


def _ladder_item(program, prof, date):
    plan = plan_day(program, LIBRARY, prof, {}, date)
    for block in plan.blocks:
        for p in block.items:
            if p.item.progression.value == "ladder" and p.item.seconds and p.support:
                return p
    raise AssertionError("no hold ladder with support levels")


def test_hold_times_climb_then_support_drops():
    prof = profile(program="balance", days=["mon", "wed", "fri"])
    p0 = _ladder_item(BALANCE, prof, MON)
    ex, lo, hi = p0.exercise.id, p0.item.seconds.low, p0.item.seconds.high
    assert p0.target.low == lo
    hist = {ex: [entry(MON, [0, 0], seconds=lo, support=p0.support)]}
    p1 = item_for(plan_day(BALANCE, LIBRARY, prof, hist, MON + dt.timedelta(days=2)), ex)
    assert p1.target.low > lo and p1.support == p0.support
    hist = {ex: [entry(MON, [0, 0], seconds=hi, support=p0.support)]}
    p2 = item_for(plan_day(BALANCE, LIBRARY, prof, hist, MON + dt.timedelta(days=2)), ex)
    assert p2.target.low == lo and p2.support == p0.support.next()
    assert p2.reason.startswith("next level")


# --- properties -------------------------------------------------------------------------------

weights = st.floats(min_value=1, max_value=200).map(lambda v: round(v * 2) / 2)
rep_lists = st.lists(st.integers(min_value=0, max_value=15), min_size=1, max_size=4)


@st.composite
def histories(draw):
    """A random history for the first loaded double-progression exercise."""
    n = draw(st.integers(min_value=1, max_value=5))
    day = MON
    entries = []
    for _ in range(n):
        day += dt.timedelta(days=draw(st.integers(min_value=1, max_value=25)))
        entries.append(
            entry(
                day,
                draw(rep_lists),
                Weight(draw(weights), Unit.kg),
                pain=draw(st.booleans()),
                rpe=draw(st.none() | st.integers(min_value=0, max_value=10)),
            )
        )
    date = day + dt.timedelta(days=draw(st.integers(min_value=1, max_value=30)))
    while date.weekday() not in (0, 3):  # a training day, so the exercise is planned
        date += dt.timedelta(days=1)
    return entries, date


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(histories())
def test_property_loads_never_negative_never_up_after_pain_steps_bounded(case):
    entries, date = case
    prof = profile()
    ex = first_double_item(PREVENTION, prof, date).exercise
    hist = {ex.id: entries}
    plan = plan_day(PREVENTION, LIBRARY, prof, hist, date)
    again = plan_day(PREVENTION, LIBRARY, prof, hist, date)
    assert plan == again  # same inputs, same session
    planned = [p for b in plan.blocks for p in b.items if p.exercise.id == ex.id]
    if not planned:  # swapped to the easier version after repeated pain
        assert entries[-1].pain and entries[-2].pain
        return
    p = planned[0]
    last = entries[-1].working_load().value
    assert p.load is not None and p.load.value >= 0
    if entries[-1].pain:
        assert p.load.value <= last
    inc = increment(p.exercise.load_kind, Unit.kg)
    if p.load.value > last:
        rise = p.load.value - last
        assert rise <= max(inc, 0.10 * last) + 1e-9
        assert rise >= min(inc, 0.02 * last) - 1e-9


def test_history_merges_records_of_one_day_and_ignores_voids():
    at = dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC)
    records = [
        LogRecord(
            id="a",
            at=at,
            date=MON,
            exercise="goblet-squat",
            sets=[SetRecord(reps=10, load=Weight(10, Unit.kg))],
        ),
        LogRecord(
            id="b",
            at=at,
            date=MON,
            exercise="goblet-squat",
            sets=[SetRecord(reps=8, load=Weight(10, Unit.kg))],
            pain=True,
        ),
        LogRecord(id="c", at=at, kind="void", voids="x"),
    ]
    hist = build_history(records)
    assert len(hist["goblet-squat"]) == 1
    day = hist["goblet-squat"][0]
    assert [s.reps for s in day.sets] == [10, 8] and day.pain


def test_vertebral_fracture_caps_effort_and_impact():
    program = load_program("diagnosed-osteoporosis")
    prof = profile(
        program=program.id, vertebral_fracture=True, days=list(program.schedule.default_days)
    )
    library = LIBRARY.by_id()
    for n in range(0, 7 * 20, 3):
        plan = plan_day(program, LIBRARY, prof, {}, MON + dt.timedelta(days=n))
        for block in plan.blocks:
            for p in block.items:
                assert library[p.exercise.id].impact.rank <= 1, p.exercise.id
                assert p.effort is None or p.effort.high <= 6, (p.exercise.id, p.effort)


def test_support_levels_run_from_two_hands_to_eyes_closed():
    assert Support.two_hands.next() == Support.one_hand
    assert Support.eyes_closed.next() is None


def test_planning_ahead_counts_a_break_only_up_to_today():
    prof = profile()
    p0 = first_double_item(PREVENTION, prof, MON)
    ex, top = p0.exercise.id, int(p0.target.high)
    hist = _history_for(ex, [entry(MON, [top] * p0.sets, Weight(10, Unit.kg))])
    later = MON + dt.timedelta(days=21)  # three weeks on, but "today" is only a week on
    ahead = plan_day(PREVENTION, LIBRARY, prof, hist, later, as_of=MON + dt.timedelta(days=7))
    p = item_for(ahead, ex)
    assert p.load.value == 11 and p.reason.startswith("+1 kg")
    real_break = item_for(plan_day(PREVENTION, LIBRARY, prof, hist, later), ex)
    assert real_break.load.value == 9 and "weeks off" in real_break.reason


def test_day_plan_says_which_blocks_are_the_session():
    plan = plan_day(PREVENTION, LIBRARY, profile(), {}, MON)
    session = plan.blocks[: plan.session_blocks]
    assert session[0].kind.value == "warm-up" and session[-1].kind.value == "cool-down"
    rest = plan_day(PREVENTION, LIBRARY, profile(), {}, MON + dt.timedelta(days=1))
    assert rest.session_blocks == 0 and rest.blocks
