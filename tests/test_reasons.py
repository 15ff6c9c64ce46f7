"""The engine speaks in values: rules in one table, typed loads, coded reasons and notes.

Pure calls to `plan_day`; the English is words.py's (see test_words.py).
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from oneup_cli import progression
from oneup_cli.model import (
    BlockKind,
    Equipment,
    LoadKind,
    Profile,
    ProgressionRule,
    SetRecord,
    Unit,
    Weight,
)
from oneup_cli.parse import equipment as parse_equipment
from oneup_cli.programs import load_library, load_program
from oneup_cli.progression import (
    RULES,
    Entry,
    Limit,
    LoadForm,
    Note,
    Reason,
    Say,
    Why,
    plan_day,
)

MON = dt.date(2026, 1, 5)  # a Monday
LIBRARY = load_library()
PREVENTION = load_program("prevention")
BALANCE = load_program("balance")
ENGINE = Path(progression.__file__).parent


def profile(**kw) -> Profile:
    base = dict(name="t", program="prevention", start=MON, days=["mon", "thu"], units=Unit.kg)
    base.update(kw)
    return Profile(**base)


def entry(date, reps, load=None, *, pain=False, seconds=None, support=None):
    sets = tuple(
        SetRecord(reps=None if seconds else r, seconds=seconds, load=load, support=support)
        for r in reps
    )
    return Entry(date=date, sets=sets, rpe=None, pain=pain)


def items(plan):
    return [p for b in plan.blocks for p in b.items]


def dumbbell_item(prof, date=MON):
    for p in items(plan_day(PREVENTION, LIBRARY, prof, {}, date)):
        if p.item.progression == ProgressionRule.double and p.exercise.load_kind in (
            LoadKind.dumbbell,
            LoadKind.kettlebell,
        ):
            return p
    raise AssertionError("no loaded double-progression item")


def find(plan, exercise_id):
    (p,) = [p for p in items(plan) if p.exercise.id == exercise_id]
    return p


# --- the table of rules -----------------------------------------------------------------------


def test_every_progression_rule_but_none_has_one_entry_in_the_table():
    assert set(RULES) == set(ProgressionRule) - {ProgressionRule.none}


def test_every_rule_takes_the_same_arguments():
    shapes = {
        (name, tuple(inspect.signature(fn).parameters))
        for r in RULES.values()
        for name, fn in (("prescribe", r.prescribe), ("without_load", r.without_load))
    }
    assert {params for _, params in shapes} == {("ctx", "ex", "item", "effort")}


def test_the_engine_holds_no_sentences():
    """No string with words in it anywhere in progression/, but docstrings and the message of
    an exception: the words are words.py's."""
    found = []
    for path in ENGINE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        skip: set[int] = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
                skip.add(id(body[0].value))  # a docstring
            if isinstance(node, ast.Raise):
                skip.update(id(n) for n in ast.walk(node))
        found += [
            f"{path.name}:{node.lineno}: {node.value!r}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and " " in node.value.strip()
        ]
    assert not found, found


# --- coded reasons ----------------------------------------------------------------------------


def test_a_step_up_carries_the_loads_the_sets_and_the_day_it_rests_on():
    prof = profile()
    p0 = dumbbell_item(prof)
    top = p0.target.high
    hist = {p0.exercise.id: [entry(MON, [int(top)] * p0.sets, Weight(10, Unit.kg))]}
    p = find(plan_day(PREVENTION, LIBRARY, prof, hist, MON + dt.timedelta(days=7)), p0.exercise.id)
    why = p.why
    assert why.kind == Why.stepped_up
    assert why.before == Weight(10, Unit.kg) and why.load == Weight(11, Unit.kg) == p.load
    assert why.date == MON
    assert why.done.amounts == (top,) * p0.sets and why.done.load == Weight(10, Unit.kg)
    assert why.done.converted is None  # the same units: nothing to convert
    assert p.load_spec.form == LoadForm.weight and p.load_spec.weight == p.load


def test_a_load_entered_in_other_units_is_cited_as_entered_and_converted():
    prof = profile(units=Unit.lb)
    p0 = dumbbell_item(prof)
    # 15 kg: from 32.5 lb a 2.5 lb step is within 10% (from 22.5 lb it would not be: issue 11)
    hist = {p0.exercise.id: [entry(MON, [int(p0.target.high)] * 2, Weight(15, Unit.kg))]}
    p = find(plan_day(PREVENTION, LIBRARY, prof, hist, MON + dt.timedelta(days=3)), p0.exercise.id)
    assert p.why.done.load == Weight(15, Unit.kg)
    assert p.why.done.converted == Weight(32.5, Unit.lb)
    assert p.why.before == Weight(32.5, Unit.lb) and p.why.load == p.load


def test_a_break_carries_the_weeks_off_and_the_last_day():
    prof = profile()
    p0 = dumbbell_item(prof)
    hist = {p0.exercise.id: [entry(MON, [12] * 3, Weight(20, Unit.kg))]}
    p = find(plan_day(PREVENTION, LIBRARY, prof, hist, MON + dt.timedelta(days=24)), p0.exercise.id)
    assert p.why == Reason(
        Why.lowered_after_break,
        load=Weight(18, Unit.kg),
        before=Weight(20, Unit.kg),
        date=MON,
        weeks=3,
    )


loads = st.sampled_from([4.0, 6.0, 8.0, 10.0, 12.0, 16.0, 20.0])
rep_lists = st.lists(st.integers(min_value=0, max_value=15), min_size=1, max_size=4)


@settings(max_examples=40, deadline=None)
@given(first=loads, last=loads, reps=rep_lists)
def test_a_pain_hold_never_carries_a_heavier_load(first, last, reps):
    prof = profile()
    p0 = dumbbell_item(prof)
    day = MON + dt.timedelta(days=7)  # sessions A, B, A...: Mondays are A
    hist = {
        p0.exercise.id: [
            entry(MON, [12] * 3, Weight(first, Unit.kg)),
            entry(day, reps, Weight(last, Unit.kg), pain=True),
        ]
    }
    p = find(plan_day(PREVENTION, LIBRARY, prof, hist, day + dt.timedelta(days=7)), p0.exercise.id)
    assert p.why.kind == Why.held_after_pain and p.why.date == day
    assert p.why.load == p.load and p.load.value <= last


def test_a_deload_week_wraps_the_usual_reason_and_lightens_the_load():
    prof = profile()
    weeks = 0
    for phase in PREVENTION.phases:
        if phase.deload_weeks:
            break
        weeks += phase.weeks
    day = MON + dt.timedelta(weeks=weeks + phase.deload_weeks[0] - 1)
    p0 = next(
        p
        for p in items(plan_day(PREVENTION, LIBRARY, prof, {}, day))
        if p.block == BlockKind.strength and p.exercise.load_kind == LoadKind.dumbbell
    )
    hist = {p0.exercise.id: [entry(day - dt.timedelta(days=4), [8, 8], Weight(10, Unit.kg))]}
    p = find(plan_day(PREVENTION, LIBRARY, prof, hist, day), p0.exercise.id)
    deload = PREVENTION.deload
    assert p.why.kind == Why.deload
    assert p.why.percent == deload.load_percent and p.why.sets_less == deload.sets_less
    assert p.why.then.kind == Why.held_aim_top and p.why.then.load == Weight(10, Unit.kg)
    assert p.load.value < 10 and p.load_spec.weight == p.load


def test_a_ladder_moves_to_the_next_support_level_as_a_value():
    prof = profile(program="balance", days=["mon", "wed", "fri"])
    plan = plan_day(BALANCE, LIBRARY, prof, {}, MON)
    p0 = next(
        p
        for p in items(plan)
        if p.item.progression == ProgressionRule.ladder and p.item.seconds and p.support
    )
    assert p0.why == Reason(
        Why.ladder_start, amount=p0.item.seconds.low, measure=p0.measure, support=p0.support
    )
    top = p0.item.seconds.high
    hist = {p0.exercise.id: [entry(MON, [0, 0], seconds=top, support=p0.support)]}
    p = find(plan_day(BALANCE, LIBRARY, prof, hist, MON + dt.timedelta(days=2)), p0.exercise.id)
    assert p.why.kind == Why.ladder_next_level
    assert p.why.support == p.support == p0.support.next()
    assert p.why.before_support == p0.support and p.why.done_amount == top


# --- coded notes and load kinds ---------------------------------------------------------------


def test_without_dumbbells_the_load_is_body_weight_and_the_note_names_the_kit():
    prof = profile(equipment=parse_equipment("none"))
    build = MON + dt.timedelta(weeks=PREVENTION.phases[0].weeks)
    plan = plan_day(PREVENTION, LIBRARY, prof, {}, build + dt.timedelta(days=3))
    p = find(plan, "split-squat")
    assert Note(Say.no_load_kit, load_kind=LoadKind.dumbbell) in p.notices
    assert p.load is None and p.load_spec.form == LoadForm.body_weight


def test_a_left_out_item_is_a_coded_note_on_the_day_once():
    osteo = load_program("diagnosed-osteoporosis")
    days = list(osteo.schedule.default_days)
    prof = profile(program=osteo.id, days=days, equipment=[Equipment.none])  # not even a wall
    plan = plan_day(osteo, LIBRARY, prof, {}, MON)
    name = "Standing calf stretch"
    note = Note(Say.left_out, name=name, limit=Limit.equipment, kit=(Equipment.wall,))
    assert plan.notices.count(note) == 1


def test_the_end_of_the_program_is_a_coded_note():
    prof = profile(supervised=True)
    late = MON + dt.timedelta(weeks=PREVENTION.total_weeks + 3)
    plan = plan_day(PREVENTION, LIBRARY, prof, {}, late)
    assert plan.notices[0] == Note(
        Say.finished,
        weeks=PREVENTION.total_weeks,
        name=PREVENTION.name,
        other=PREVENTION.phases[-1].name,
    )


def test_no_module_reads_the_english_views_of_the_engine():
    """Planned.reason, .load_text and .dose_text are words for API callers; oneup's own
    modules decide on the values and ask words.py for sentences."""
    src = ENGINE.parent
    views = {"reason", "load_text", "dose_text"}
    found = [
        f"{path.relative_to(src)}:{node.lineno}: .{node.attr}"
        for path in src.rglob("*.py")
        if path.parent != ENGINE  # progression/values.py defines them
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute)
        and node.attr in views
        and not (isinstance(node.value, ast.Name) and node.value.id == "words")
    ]
    assert not found, found
