"""What the engine says, as values: how a load is shown, why a dose was chosen, what to note.

No words here: `oneup_cli.words` turns these into English for every renderer. A reason or a
note carries its kind and the numbers behind it, so nothing downstream has to read a sentence.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import NamedTuple

from .model import Equipment, LoadKind, Measure, Range, Support, Weight


class LoadForm(enum.Enum):
    """What stands in the load column."""

    weight = "weight"  # a number and a unit: LoadSpec.weight
    body_weight = "body_weight"  # a lift with no load added
    choose_weight = "choose_weight"  # first time, nothing to start from: pick one and log it
    band = "band"  # a resistance band of a colour: LoadSpec.band
    percent_1rm = "percent_1rm"  # a percent (LoadSpec.percent) of a 1RM not known yet
    effort = "effort"  # a load chosen by how hard it feels: LoadSpec.effort
    no_weight = "no_weight"  # the load's equipment is missing and the exercise is not a lift
    none = "none"  # nothing to show: holds, stretches, walks; or left blank on a sheet


class LoadSpec(NamedTuple):
    form: LoadForm
    weight: Weight | None = None
    band: str | None = None
    percent: Range | None = None
    effort: Range | None = None


NO_LOAD = LoadSpec(LoadForm.none)


class Done(NamedTuple):
    """What a logged session did, as a reason cites it."""

    amounts: tuple[float, ...]  # reps (or seconds...) of each set
    load: Weight | None  # the working load, as it was entered
    converted: Weight | None  # the same load in the profile's units, when they differ


class Why(enum.Enum):
    """The kinds of reason for a dose or a load."""

    # loads: double progression and percent of 1RM
    first_time_start_load = "first_time_start_load"  # own: the profile's (else the program's)
    first_time_choose = "first_time_choose"  # reps; easy: stop with a few left in you
    stepped_up = "stepped_up"  # before -> load, because of `done` on `date`
    held_after_pain = "held_after_pain"  # load; date when known
    lowered_after_break = "lowered_after_break"  # before -> load; weeks off, last done on date
    held_done_unknown_reps = "held_done_unknown_reps"  # `done` gave no reps: log them (exercise)
    held_too_hard = "held_too_hard"  # done on date felt harder (rpe) than the effort
    lowered_short = "lowered_short"  # before -> load: fewer than reps two sessions running
    held_aim_top = "held_aim_top"  # aim for reps on every set; done on date
    percent_of_tested = "percent_of_tested"  # percent of the tested one_rm
    percent_top = "percent_top"  # percent (the top of the range) of the tested one_rm
    percent_stepped_up = "percent_stepped_up"  # before -> load, up to percent of one_rm
    percent_lowered = "percent_lowered"  # before -> load: not every set of reps, twice
    held_aim_sets = "held_aim_sets"  # aim for sets x reps; done on date
    percent_of_estimate = "percent_of_estimate"  # percent of the Epley one_rm from date
    no_one_rm = "no_one_rm"  # work up to a weight for reps with a supervisor: exercise
    # one increment is more than a 10% step (ACSM-PROG): the reps go up first
    reps_first = "reps_first"  # hold load, build to `ceiling` reps; `before`: the next
    # weight, `percent` heavier; kit: the load's kind, for a smaller step to suggest
    stepped_up_after_reps = "stepped_up_after_reps"  # before -> load (+percent) after
    # `ceiling` reps on every set; start again at `reps`
    held_step_wait = "held_step_wait"  # hold `load`, at it since `date`: the program steps
    # it at most every `days` days (sources, or a default), so not before `next_date`
    # a vertebral fracture (progression/fracture.py): the effort logged moves the load
    lowered_over_cap = "lowered_over_cap"  # before -> load (None: a band or body weight, kit):
    # effort `rpe` logged on `date`, above the moderate cap (`effort`) until cleared
    held_no_effort = "held_no_effort"  # hold `load` (None: band or body weight, kit): no
    # effort logged on `date`, and with a fracture a load goes up only after one (exercise)
    # body weight and bands
    bodyweight_first = "bodyweight_first"  # do what you can, up to reps
    bodyweight_top_harder = "bodyweight_top_harder"  # top of the range: try `name`
    bodyweight_top_slower = "bodyweight_top_slower"  # top of the range: slow the lowering
    band_top = "band_top"  # top of the range: the next band
    aim_top = "aim_top"  # aim for reps on every set
    # doses: ladders and build-ups
    dose_held_after_pain = "dose_held_after_pain"  # date when shown
    ladder_start = "ladder_start"  # amount, support
    ladder_next_level = "ladder_next_level"  # support, after `done_amount` with `before_support`
    ladder_top_harder = "ladder_top_harder"  # the top: try `name`
    ladder_top = "ladder_top"
    ladder_step = "ladder_step"  # done_amount -> amount, on date
    build_week = "build_week"  # week: building to amount, step a week
    build_at_target = "build_at_target"  # amount
    # a deload week: percent load, sets_less, then the reason of a usual week (`then`)
    deload = "deload"


class Reason(NamedTuple):
    """Why the engine chose a dose or load: a kind and the numbers behind it."""

    kind: Why
    load: Weight | None = None  # the load planned
    before: Weight | None = None  # the load it moved from
    done: Done | None = None  # the logged session the reason rests on
    date: dt.date | None = None  # the day of that session (or of the last one)
    reps: float | None = None  # the reps aimed for
    sets: int | None = None
    percent: float | None = None  # percent of 1RM; for a deload, percent of the usual load
    one_rm: Weight | None = None  # tested (or estimated) one-rep maximum
    own: bool = False  # the profile's own starting load (else the program's)
    easy: bool = False  # a moderate effort: stop with a few reps left in you
    weeks: int | None = None  # weeks off; the week of a build-up
    rpe: float | None = None
    effort: Range | None = None
    exercise: str | None = None  # an exercise id, for a command to type
    name: str | None = None  # an exercise name, for a harder version to try
    measure: Measure | None = None
    amount: float | None = None  # the dose planned (seconds, impacts...)
    done_amount: float | None = None  # the dose done last time
    step: float | None = None
    support: Support | None = None
    before_support: Support | None = None
    sets_less: int | None = None
    after_break: bool = False  # also lowered after a break
    then: Reason | None = None  # a deload week: the reason of a usual week
    ceiling: int | None = None  # the reps to reach before a step of more than 10%
    stated: bool = False  # the program states the ceiling (else oneup's default)
    kit: LoadKind | None = None  # what carries the load, for a smaller step to suggest
    days: int | None = None  # the least days between two steps
    next_date: dt.date | None = None  # the first day the next step may come
    sources: tuple[str, ...] = ()  # the source keys of a number; () for oneup's default
    tested: Weight | None = None  # the tested 1RM, when logged sessions raised `one_rm` above it
    capped: Weight | None = None  # held to 10% above this last working load (ACSM-PROG)


class Limit(enum.Enum):
    """A rule that keeps an exercise from a profile as it is written."""

    equipment = "equipment"  # no equipment for it
    fracture_impact = "fracture_impact"  # vertebral fracture: lower-level impact only
    fracture_heavy = "fracture_heavy"  # vertebral fracture not cleared: no maximal, floor lifts
    maximal = "maximal"  # maximal lifts only with a trainer
    fracture_percent = "fracture_percent"  # vertebral fracture not cleared: no %1RM loads
    percent_unsupervised = "percent_unsupervised"  # above `percent` of 1RM only with a trainer


class Say(enum.Enum):
    """The kinds of note on an exercise or a day."""

    swapped = "swapped"  # `name` instead of `other`, because of `limit` (kit: what is missing)
    swapped_for_pain = "swapped_for_pain"  # `name` instead of `other`: pain twice running
    pain_see_doctor = "pain_see_doctor"  # pain twice running and no easier version
    effort_capped = "effort_capped"  # effort capped at `effort` until cleared
    no_ankle_weights = "no_ankle_weights"  # do it without; from `weight` it works better
    no_load_kit = "no_load_kit"  # no `load_kind` equipment: body weight
    left_out = "left_out"  # `name` (and `other`) left out: `limit` (kit: what it needs)
    left_out_percent = "left_out_percent"  # `name` at `percent` of 1RM left out: `limit`
    finished = "finished"  # all `weeks` of program `name` done: go on with phase `other`
    deload_week = "deload_week"
    retest_one_rm = "retest_one_rm"  # re-test `name`'s 1RM: every `span` weeks (`other`: sources)
    back_to_usual = "back_to_usual"  # `name` again: `times` pain-free sessions of `other`
    walk_bouts = "walk_bouts"  # vertebral fracture: `name` as `times` walks of `minutes`
    # instead of one of `total` minutes: at most `cap` minutes each (SSS)
    fracture_back_block = "fracture_back_block"  # vertebral fracture: daily back-extensor
    # holds added to a program without them (TFTF)


class Note(NamedTuple):
    kind: Say
    name: str | None = None
    other: str | None = None
    limit: Limit | None = None
    kit: tuple[Equipment, ...] = ()
    effort: Range | None = None
    weight: Weight | None = None
    load_kind: LoadKind | None = None
    percent: Range | None = None
    cap: float | None = None  # the percent of 1RM allowed without a trainer; walk minutes
    weeks: int | None = None
    span: Range | None = None
    times: int | None = None
    minutes: float | None = None
    total: float | None = None


class Aim(NamedTuple):
    """What a printed sheet asks one to aim for, beside or instead of a load."""

    measure: Measure
    reps: Range | None = None  # a rep range to reach (a sheet too far ahead for the log)
    deload_percent: int | None = None  # a deload week: percent of the usual load
    percent: Range | None = None  # percent of 1RM, when the load column does not say it
    effort: Range | None = None
    support: Support | None = None
    build_up: float | None = None  # the dose to build up to

    @property
    def empty(self) -> bool:
        """Nothing to aim for: holds and stretches."""
        return self == Aim(self.measure)


class Needs(enum.Enum):
    """What an item lacks for its progression rule (a rule's `check`); safety.py words it."""

    rep_range = "rep_range"  # a range of reps to climb through, such as 8-12
    reps_exercise = "reps_exercise"  # an exercise counted in reps
    percent_load = "percent_load"  # a load given as a percent of 1RM
