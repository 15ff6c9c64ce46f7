"""words.py: the one place that writes the engine's values in English."""

from __future__ import annotations

import datetime as dt

import pytest

from oneup_cli import words
from oneup_cli.model import Equipment, LoadKind, Measure, Range, Support, Unit, Weight
from oneup_cli.progression import Done, Limit, LoadForm, LoadSpec, Note, Reason, Say, Why

MON = dt.date(2026, 1, 5)
KG10, KG11 = Weight(10, Unit.kg), Weight(11, Unit.kg)

# A reason with every field set: each kind reads the fields it needs.
FULL = Reason(
    Why.stepped_up,
    load=KG11,
    before=KG10,
    done=Done((12.0, 12.0), KG10, None),
    date=MON,
    reps=12,
    sets=2,
    percent=80,
    one_rm=Weight(100, Unit.kg),
    weeks=3,
    rpe=9,
    effort=Range(7, 8),
    exercise="goblet-squat",
    name="Goblet squat",
    measure=Measure.seconds,
    amount=30,
    done_amount=25,
    step=5,
    support=Support.one_hand,
    before_support=Support.two_hands,
    sets_less=1,
    ceiling=15,
    kit=LoadKind.dumbbell,
    days=14,
    next_date=MON + dt.timedelta(days=14),
    tested=Weight(95, Unit.kg),
)
FULL_NOTE = Note(
    Say.swapped,
    name="Wall push-up",
    other="Chest press machine",
    limit=Limit.equipment,
    kit=(Equipment.machine,),
    effort=Range(5, 6),
    weight=Weight(1, Unit.kg),
    load_kind=LoadKind.dumbbell,
    percent=Range(80, 85),
    cap=80,
    weeks=24,
    span=Range(8, 12),
    times=2,
    minutes=15,
    total=30,
)


@pytest.mark.parametrize("kind", list(Why))
def test_every_reason_kind_has_words(kind):
    text = words.reason(FULL._replace(kind=kind))
    assert text and "None" not in text and "{" not in text


@pytest.mark.parametrize("kind", list(Say))
def test_every_note_kind_has_words(kind):
    text = words.note(FULL_NOTE._replace(kind=kind))
    assert text and "None" not in text and "{" not in text


def test_no_reason_is_no_words():
    assert words.reason(None) == ""


def test_a_step_up_names_the_step_the_sets_and_the_day():
    assert words.reason(FULL) == "+1 kg: you did 2 x 12 at 10 kg on Mon 5 Jan"


def test_a_load_held_to_10_percent_above_the_last_says_so():
    capped = FULL._replace(kind=Why.percent_of_tested, capped=Weight(9, Unit.kg))
    assert words.reason(capped).endswith("; at most 10% above your last 9 kg (ACSM-PROG)")


def test_sets_of_different_reps_are_listed_and_a_converted_load_shows_both_units():
    done = Done((12.0, 12.0, 10.0), KG10, Weight(22.5, Unit.lb))
    assert words.sets_done(done) == "12, 12, 10 at 10 kg (22.5 lb)"
    assert words.sets_done(Done((8.0, 8.0), None, None)) == "2 x 8"


def test_a_break_says_the_weeks_off_and_the_default():
    why = Reason(
        Why.lowered_after_break,
        load=Weight(18, Unit.kg),
        before=Weight(20, Unit.kg),
        date=MON,
        weeks=3,
    )
    assert words.reason(why) == (
        "-2 kg: welcome back after 3 weeks off (last done on Mon 5 Jan); 10% lighter is "
        "oneup's default after a break"
    )


def test_pain_holds_say_the_day_when_they_know_it():
    assert words.reason(Reason(Why.held_after_pain, load=KG10, date=MON)) == (
        "hold: you reported pain last time (on Mon 5 Jan); never heavier after pain"
    )
    assert words.reason(Reason(Why.held_after_pain, load=KG10)) == (
        "hold: you reported pain last time; never heavier after pain"
    )
    assert words.reason(Reason(Why.dose_held_after_pain)) == "hold: you reported pain last time"


def test_a_deload_comes_first_and_the_usual_reason_after():
    deload = Reason(Why.deload, percent=80, sets_less=1, then=Reason(Why.aim_top, reps=12))
    assert words.reason(deload) == (
        "deload week: 80% load, 1 set less, to recover. aim for 12 reps on every set"
    )
    alone = deload._replace(then=None)
    assert words.reason(alone) == "deload week: 80% load, 1 set less, to recover."


def test_a_percent_load_after_a_break_says_so():
    why = Reason(Why.percent_of_tested, percent=80, one_rm=Weight(100, Unit.kg), after_break=True)
    assert words.reason(why) == (
        "80% of your tested 1RM of 100 kg; 10% lighter after a break (oneup's default)"
    )


def test_ladder_steps_are_in_the_measure_of_the_exercise():
    why = Reason(Why.ladder_step, amount=30, done_amount=25, measure=Measure.seconds, date=MON)
    assert words.reason(why) == "+5 s: you did 25 s on Mon 5 Jan"
    start = Reason(Why.ladder_start, amount=10, measure=Measure.seconds, support=Support.two_hands)
    assert words.reason(start) == "start at 10 s holding on with two hands"


@pytest.mark.parametrize(
    ("spec", "text"),
    [
        (LoadSpec(LoadForm.weight, Weight(12.5, Unit.kg)), "12.5 kg"),
        (LoadSpec(LoadForm.weight, Weight(2.0, Unit.lb)), "2 lb"),
        (LoadSpec(LoadForm.body_weight), "body weight"),
        (LoadSpec(LoadForm.choose_weight), "choose a weight"),
        (LoadSpec(LoadForm.band, band="red"), "red band"),
        (LoadSpec(LoadForm.percent_1rm, percent=Range(80, 85)), "80-85% of 1RM"),
        (LoadSpec(LoadForm.effort, effort=Range(5, 6)), "effort 5-6"),
        (LoadSpec(LoadForm.no_weight), "no weight"),
        (LoadSpec(LoadForm.none), ""),
    ],
)
def test_each_load_form_has_its_words(spec, text):
    assert words.load(spec) == text


def test_every_load_form_is_covered():
    assert {s.form for s in (LoadSpec(f) for f in LoadForm)} == set(LoadForm)


def test_swaps_for_missing_kit_list_what_is_missing():
    note = Note(
        Say.swapped,
        name="Wall push-up",
        other="Chest press machine",
        limit=Limit.equipment,
        kit=(Equipment.machine, Equipment.bands),
    )
    assert (
        words.note(note)
        == "Wall push-up instead of Chest press machine: you have no machine or bands"
    )


def test_a_left_out_chain_names_both_exercises():
    note = Note(Say.left_out, name="Box jump", other="Step-up", limit=Limit.fracture_impact)
    assert words.note(note) == (
        "Left out: Box jump (and Step-up): with a vertebral fracture, lower-level impact only, "
        "and there is no gentler version (SSS)"
    )
    kit = Note(
        Say.left_out, name="Standing calf stretch", limit=Limit.equipment, kit=(Equipment.wall,)
    )
    assert (
        words.note(kit)
        == "Left out: Standing calf stretch: needs wall, and there is no home version"
    )


def test_a_percent_left_out_without_a_trainer_names_the_cap():
    note = Note(
        Say.left_out_percent,
        name="Deadlift",
        percent=Range(80, 85),
        limit=Limit.percent_unsupervised,
        cap=80.0,
    )
    assert words.note(note) == (
        "Left out: Deadlift at 80-85% of 1RM: loads above 80% of 1RM only with a trainer (LIFTMOR)"
    )


def test_weeks_past_the_end_of_a_program():
    assert words.week_of(5, 24) == "week 5 of 24"
    assert words.week_of(50, 24) == "week 50, after the 24-week program"


def test_numbers_drop_a_trailing_zero():
    assert [words.num(x) for x in (8.0, 2.5, 0.25, 10)] == ["8", "2.5", "0.25", "10"]
    assert words.span_of(Range(8, 12)) == "8-12" and words.span_of(Range(30, 30)) == "30"


def test_an_aim_lists_its_parts_in_order():
    from oneup_cli.codes import Aim

    every = Aim(
        Measure.seconds,
        reps=Range(8, 12),
        deload_percent=90,
        percent=Range(80, 85),
        effort=Range(5, 6),
        support=Support.one_hand,
        build_up=30,
    )
    assert words.aim(every) == (
        "8-12 reps, 90% of your usual load, 80-85% of 1RM, effort 5-6, "
        "hold on with one hand, build up to 30 s"
    )
    assert words.aim(Aim(Measure.reps)) == ""
    assert Aim(Measure.reps).empty and not every.empty


def test_the_terminal_dose_lines_come_from_words():
    assert words.hold_on(Support.two_hands) == "hold on with two hands"
    assert words.effort_of_10(Range(7, 8)) == "effort 7-8 of 10"
    assert words.rest(Range(90, 90)) == "rest 90 s"
    assert words.rest(Range(60, 90)) == "rest 60-90 s"
