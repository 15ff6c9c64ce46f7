"""Words: the one place that turns the engine's values into English, for every renderer.

The progression engine returns typed prescriptions, coded reasons and notes (codes.py);
the terminal, text, Markdown, HTML and JSON documents (and the PDF, which reads the JSON) all
print them through the functions here. Plain and kind: the people reading may be 75 and new to
strength training.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .codes import Aim, Done, Limit, LoadForm, LoadSpec, Note, Reason, Say, Why
from .model import (
    Audience,
    BlockKind,
    Equipment,
    LoadKind,
    Measure,
    Profile,
    Program,
    Range,
    Schedule,
    Support,
    Weight,
)

# Re-exported: renderers and commands use them as words.num, words.visible...
from .plain import _difference
from .plain import amount_words as amount_words
from .plain import day_in as day_in
from .plain import day_long as day_long
from .plain import day_short as day_short
from .plain import num as num
from .plain import or_words as or_words
from .plain import span as span
from .plain import span_of as span_of
from .plain import visible as visible
from .plain import week_of as week_of
from .plain import weight as weight
from .sheetwords import EFFORT_SCALE as EFFORT_SCALE
from .sheetwords import LADDER_NOTE as LADDER_NOTE
from .sheetwords import dose_line as dose_line
from .sheetwords import facts as facts
from .sheetwords import loads_words as loads_words
from .sheetwords import phase_words as phase_words
from .sheetwords import phases_words as phases_words
from .sheetwords import title as title
from .sheetwords import weeks_words as weeks_words

if TYPE_CHECKING:
    from .progression.values import Planned


def _kit(kit: Sequence[Equipment]) -> str:
    return or_words([e.value.replace("-", " ") for e in kit])


def days_a_week(schedule: Schedule) -> str:
    """'3 strength days a week (OTAGO)', '2-3 strength days a week (TFTF, SSS)'."""
    low, high = schedule.allowed
    cited = f" ({', '.join(k.value for k in schedule.sources)})" if schedule.sources else ""
    return f"{low if low == high else f'{low}-{high}'} strength days a week{cited}"


# --- blocks, support, loads, doses ------------------------------------------------------------

BLOCK_TITLES = {
    BlockKind.warm_up: "Warm-up",
    BlockKind.strength: "Strength",
    BlockKind.impact: "Impact",
    BlockKind.balance: "Balance",
    BlockKind.posture: "Posture and back extensors",
    BlockKind.walk: "Walk",
    BlockKind.cool_down: "Cool-down",
}


def block_title(kind: BlockKind, named: str | None = None) -> str:
    """The program's title for a block, else the usual one for its kind."""
    return named or BLOCK_TITLES[kind]


def support_words(level: Support | None) -> str:
    return {
        None: "support as needed",
        Support.two_hands: "two hands",
        Support.one_hand: "one hand",
        Support.no_support: "no hands (support within reach)",
        Support.eyes_closed: "eyes closed (support within reach)",
    }[level]


_LOAD_FORMS = {
    LoadForm.body_weight: "body weight",
    LoadForm.choose_weight: "choose a weight",
    LoadForm.no_weight: "no weight",
    LoadForm.none: "",
}


def load(spec: LoadSpec) -> str:
    """What stands in the load column: '12.5 kg', 'body weight', 'red band', '80-85% of 1RM'."""
    if spec.form == LoadForm.weight and spec.weight is not None:
        return weight(spec.weight)
    if spec.form == LoadForm.band:
        return f"{spec.band} band"
    if spec.form == LoadForm.percent_1rm and spec.percent is not None:
        return f"{span_of(spec.percent)}% of 1RM"
    if spec.form == LoadForm.effort and spec.effort is not None:
        return f"effort {span_of(spec.effort)}"
    return _LOAD_FORMS.get(spec.form, "")


def dose(p: Planned) -> str:
    """'2 x 8-12', '3 x 30 s each side', '20 min'."""
    unit = {Measure.reps: "", Measure.seconds: " s", Measure.impacts: "", Measure.minutes: " min"}
    target = f"{span_of(p.target)}{unit[p.measure]}"
    if p.measure == Measure.minutes and p.sets == 1:
        return target
    each = " each side" if p.exercise.each_side else ""
    return f"{p.sets} x {target}{each}"


def hold_on(level: Support | None) -> str:
    """'hold on with one hand'."""
    return f"hold on with {support_words(level)}"


def effort_of_10(effort: Range) -> str:
    """'effort 7-8 of 10'."""
    return f"effort {effort} of 10"


def rest(seconds: Range) -> str:
    """'rest 90 s', 'rest 60-90 s'."""
    return f"rest {seconds} s"


def aim(a: Aim) -> str:
    """What to aim for on a printed sheet: 'effort 5-6', '8-12 reps, effort 7-8', '80-85% of
    1RM'. A sheet too far ahead for the log also gives the rep range to reach, the deload and
    the dose to build up to."""
    parts: list[str] = []
    if a.reps is not None:
        parts.append(f"{span_of(a.reps)} reps")
    if a.deload_percent is not None:
        parts.append(f"{a.deload_percent}% of your usual load")
    if a.percent is not None:
        parts.append(f"{span_of(a.percent)}% of 1RM")
    if a.effort is not None:
        parts.append(f"effort {span_of(a.effort)}")
    if a.support is not None:
        parts.append(hold_on(a.support))
    if a.build_up is not None:
        parts.append(f"build up to {amount_words(a.build_up, a.measure)}")
    return ", ".join(parts)


# --- reasons ----------------------------------------------------------------------------------


def sets_done(done: Done) -> str:
    """'2 x 12 at 10 kg', '12, 12, 10 at 10 kg (22.5 lb)', '3 x 8'."""
    amounts = done.amounts
    if len(set(amounts)) == 1:
        reps = f"{len(amounts)} x {num(amounts[0])}"
    else:
        reps = ", ".join(num(a) for a in amounts)
    if done.load is None:
        return reps
    at = weight(done.load)
    if done.converted is not None:
        at += f" ({weight(done.converted)})"
    return f"{reps} at {at}"


def _did(r: Reason) -> str:
    """'2 x 12 at 10 kg on Mon 5 Jan'."""
    assert r.done is not None and r.date is not None
    return f"{sets_done(r.done)} on {day_short(r.date)}"


def _up(r: Reason) -> str:
    assert r.load is not None and r.before is not None
    return f"+{_difference(r.load, r.before)}"


def _down(r: Reason) -> str:
    assert r.load is not None and r.before is not None
    return f"-{_difference(r.before, r.load)}"


def _say(r: Reason, x: float | None) -> str:
    assert r.measure is not None and x is not None
    return amount_words(x, r.measure)


def _on(d: dt.date | None) -> str:
    assert d is not None
    return day_short(d)


def _n(x: float | None) -> str:
    assert x is not None
    return num(x)


def _w(w: Weight | None) -> str:
    assert w is not None
    return weight(w)


def _pain_held(r: Reason) -> str:
    on = f" (on {day_short(r.date)})" if r.date else ""
    return f"hold: you reported pain last time{on}; never heavier after pain"


def _log_reps(r: Reason) -> str:
    assert r.load is not None
    reps = _n(r.reps)
    spec = f"{r.sets}x{reps}@{num(round(r.load.value, 2))}{r.load.unit.value}"
    return (
        f"hold: log your reps with `oneup log {r.exercise} {spec}` when you reach {reps} on "
        "every set, and the weight goes up"
    )


# What to do instead of a lighter weight, when there is no number to lower.
_LIGHTER = {
    LoadKind.band: "use a lighter band, or stand closer to where it is fixed",
    LoadKind.bodyweight: "stop each set with a few reps left in you, or do the easier version",
}


def _over_cap(r: Reason) -> str:
    felt = f"you rated {_did(r) if r.done else 'it'} {num(r.rpe or 0)}/10"
    cap = span_of(r.effort) if r.effort else "moderate"
    why = f"above the moderate {cap} that a spine fracture allows until a clinician clears you"
    if r.load is not None and r.before is not None:
        return f"{_down(r)}: {felt}, {why} (TFTF, SSS)"
    lighter = _LIGHTER.get(r.kit or LoadKind.bodyweight, _LIGHTER[LoadKind.bodyweight])
    return f"{lighter}: {felt}, {why} (TFTF, SSS)"


def _no_effort(r: Reason) -> str:
    held = f"hold {_w(r.load)}" if r.load is not None else "stay at this level"
    return (
        f"{held}: with a spine fracture, it gets harder only after you say how hard it felt. "
        f"When you log it, add your effort from 0 to 10 (5-6 is moderate): "
        f"`oneup log {r.exercise} ... --rpe 5`"
    )


def _choose(r: Reason) -> str:
    feel = "with a few more left in you" if r.easy else "the last two hard"
    return f"first time: pick a weight you can lift {_n(r.reps)} times, {feel}, then log it"


def _ladder_start(r: Reason) -> str:
    where = f" holding on with {support_words(r.support)}" if r.support else ""
    return f"start at {_say(r, r.amount)}{where}"


def _ladder_step(r: Reason) -> str:
    assert r.amount is not None and r.done_amount is not None and r.date is not None
    gained = _say(r, r.amount - r.done_amount)
    return f"+{gained}: you did {_say(r, r.done_amount)} on {day_short(r.date)}"


def _deload(r: Reason) -> str:
    text = f"deload week: {_n(r.percent)}% load"
    if r.before is not None:  # the stated fraction of the usual load, and what that comes to
        exact = Weight(round(r.before.value * (r.percent or 0) / 100, 2), r.before.unit)
        to = "no weight" if r.load is None else weight(r.load)
        to += ", the nearest lighter weight" if r.load not in (None, exact) else ""
        text = f"deload week: {_n(r.percent)}% of your usual {weight(r.before)} is "
        text += f"{weight(exact)}: {to}"
    return f"{text}, {r.sets_less} set less, to recover. {reason(r.then)}".strip()


def _of(r: Reason) -> str:
    """'of your tested 1RM of 60 kg', or of the 1RM that logged sessions raised above it."""
    if r.tested is None:
        return f"of your tested 1RM of {_w(r.one_rm)}"
    return (
        f"of your 1RM, now about {_w(r.one_rm)} from your last two sessions (Epley: load x "
        f"(1 + reps/30)), above the {weight(r.tested)} you tested"
    )


# A smaller step than the equipment's usual one, where there is one to suggest.
_SMALLER = {LoadKind.dumbbell: "a dumbbell in between", LoadKind.barbell: "small plates"}
_SMALLER |= {LoadKind.kettlebell: "a kettlebell in between", LoadKind.machine: "an add-on weight"}


_WHOSE = {True: "the program's", False: "oneup's default"}


def _reps_first(r: Reason) -> str:
    text = (
        f"hold {_w(r.load)} and add reps: the next weight, {_w(r.before)}, is "
        f"{_n(r.percent)}% heavier, more than the 10% a step should be (ACSM-PROG); build up "
        f"to {_n(r.ceiling)} reps ({_WHOSE[r.stated]}) on every set first (you did {_did(r)})"
    )
    if (smaller := _SMALLER.get(r.kit) if r.kit else None) is None or r.load is None:
        return text
    most = Weight(math.floor(r.load.value * 11 + 1e-6) / 10, r.load.unit)  # 10% more
    return f"{text}. Or, if you have {smaller}, go up by at most 10% (to {weight(most)})"


_REASONS: dict[Why, Callable[[Reason], str]] = {
    Why.first_time_start_load: lambda r: (
        "first time: your starting load" if r.own else "first time: the program's starting load"
    ),
    Why.first_time_choose: _choose,
    Why.stepped_up: lambda r: f"{_up(r)}: you did {_did(r)}",
    Why.held_after_pain: _pain_held,
    Why.lowered_after_break: lambda r: (
        f"{_down(r)}: welcome back after {r.weeks} weeks off (last done on "
        f"{_on(r.date)}); 10% lighter is oneup's default after a break"
    ),
    Why.held_done_unknown_reps: _log_reps,
    Why.held_too_hard: lambda r: (
        f"hold: {_did(r)} felt harder ({num(r.rpe or 0)}/10) than effort "
        f"{span_of(r.effort) if r.effort else ''}"
    ),
    Why.lowered_short: lambda r: (
        f"{_down(r)}: fewer than {_n(r.reps)} reps two sessions running ({_did(r)})"
    ),
    Why.held_aim_top: lambda r: f"hold: aim for {_n(r.reps)} reps on every set ({_did(r)})",
    Why.percent_of_tested: lambda r: f"{_n(r.percent)}% {_of(r)}",
    Why.percent_top: lambda r: f"{_n(r.percent)}% {_of(r)}, the top of the range",
    Why.percent_stepped_up: lambda r: (
        f"{_up(r)}: you did {_did(r)} (up to {_n(r.percent)}% {_of(r)})"
    ),
    Why.percent_lowered: lambda r: (
        f"{_down(r)}: not every set of {_n(r.reps)} two sessions running ({_did(r)})"
    ),
    Why.held_aim_sets: lambda r: f"hold: aim for {r.sets} x {_n(r.reps)} ({_did(r)})",
    Why.percent_of_estimate: lambda r: (
        f"{_n(r.percent)}% of your estimated 1RM {_w(r.one_rm)} from "
        f"{_on(r.date)} (Epley: load x (1 + reps/30))"
    ),
    Why.no_one_rm: lambda r: (
        "no 1RM yet: with your supervisor, work up to a weight you can lift "
        f"{_n(r.reps)} times with good form, then log it (or give a tested max with "
        f"--1rm {r.exercise}=WEIGHT on `oneup start`)"
    ),
    Why.reps_first: _reps_first,
    Why.held_step_wait: lambda r: (
        f"hold {_w(r.load)}: at it since {_on(r.date)}, and this exercise goes up at most "
        f"every {_n(r.days)} days ({', '.join(r.sources) or 'a default, not from a source'}), "
        f"so the next step can come from {_on(r.next_date)}"
    ),
    Why.lowered_over_cap: _over_cap,
    Why.held_no_effort: _no_effort,
    Why.stepped_up_after_reps: lambda r: (
        f"{_up(r)} ({_n(r.percent)}% heavier): you did {_did(r)}, {_n(r.ceiling)} reps "
        f"({_WHOSE[r.stated]}) on every set, so the weight goes up and the reps start again "
        f"at {_n(r.reps)}"
    ),
    Why.bodyweight_first: lambda r: f"first time: do what you can, up to {_n(r.reps)}, then log it",
    Why.bodyweight_top_harder: lambda r: (
        f"top of the range last time: ready to try {r.name} when it feels easy"
    ),
    Why.bodyweight_top_slower: lambda r: (
        "top of the range last time: slow the lowering down to make it harder"
    ),
    Why.band_top: lambda r: (
        "top of the range last time: move to the next band, or stand further away"
    ),
    Why.aim_top: lambda r: f"aim for {_n(r.reps)} reps on every set",
    Why.dose_held_after_pain: lambda r: (
        f"hold: you reported pain last time ({day_short(r.date)})"
        if r.date
        else "hold: you reported pain last time"
    ),
    Why.ladder_start: _ladder_start,
    Why.ladder_next_level: lambda r: (
        f"next level: {support_words(r.support)} (you reached {_say(r, r.done_amount)} "
        f"with {support_words(r.before_support)})"
    ),
    Why.ladder_top_harder: lambda r: f"top reached: when it feels steady, try {r.name}",
    Why.ladder_top: lambda r: "top of the ladder: keep it up",
    Why.ladder_step: _ladder_step,
    Why.build_week: lambda r: (
        f"week {r.weeks}: building towards {_say(r, r.amount)} (+{_n(r.step)} a week)"
    ),
    Why.build_at_target: lambda r: f"at the target of {_say(r, r.amount)}",
    Why.deload: _deload,
}


def reason(why: Reason | None) -> str:
    """Why a dose or load was chosen, in a sentence; '' when there is no reason to give."""
    if why is None:
        return ""
    text = _REASONS[why.kind](why)
    if why.capped is not None:
        text += f"; at most 10% above your last {weight(why.capped)} (ACSM-PROG)"
    if why.after_break:
        text += "; 10% lighter after a break (oneup's default)"
    return text


# --- notes ------------------------------------------------------------------------------------

_HEAVY = (
    "with a vertebral fracture, no maximal lifts and no lifting from the floor until a "
    "clinician clears you (TFTF, SSS)"
)
_SWAPPED = {
    Limit.fracture_impact: "with a vertebral fracture, lower-level impact only (SSS)",
    Limit.fracture_heavy: _HEAVY,
    Limit.maximal: "maximal lifts only with a trainer (LIFTMOR)",
}
_LEFT_OUT = {
    Limit.fracture_impact: "with a vertebral fracture, lower-level impact only, and there is no "
    "gentler version (SSS)",
    Limit.fracture_heavy: _HEAVY,
    Limit.maximal: "maximal lifts only with a trainer (LIFTMOR)",
}
LOAD_WORDS: dict[LoadKind, str] = {
    LoadKind.dumbbell: "dumbbells",
    LoadKind.kettlebell: "kettlebell",
    LoadKind.barbell: "barbell",
    LoadKind.machine: "machine",
    LoadKind.ankle_weight: "ankle weights",
    LoadKind.band: "bands",
}


def _swapped(n: Note) -> str:
    assert n.limit is not None
    why = f"you have no {_kit(n.kit)}" if n.limit == Limit.equipment else _SWAPPED[n.limit]
    return f"{n.name} instead of {n.other}: {why}"


def _left_out(n: Note) -> str:
    assert n.limit is not None
    what = n.name if n.other is None else f"{n.name} (and {n.other})"
    if n.limit == Limit.equipment:
        why = f"needs {_kit(n.kit)}, and there is no home version"
    else:
        why = _LEFT_OUT[n.limit]
    return f"Left out: {what}: {why}"


def _left_out_percent(n: Note) -> str:
    assert n.percent is not None
    head = f"Left out: {n.name} at {span_of(n.percent)}% of 1RM"
    if n.limit == Limit.fracture_percent:
        return (
            f"{head}: with a vertebral fracture, no loads set from a one-rep maximum until a "
            "clinician clears you (TFTF, SSS)"
        )
    return f"{head}: loads above {n.cap:g}% of 1RM only with a trainer (LIFTMOR)"


_NOTES: dict[Say, Callable[[Note], str]] = {
    Say.swapped: _swapped,
    Say.swapped_for_pain: lambda n: (
        f"{n.name} instead of {n.other}: you reported pain two sessions running. Please talk "
        "to your doctor or physiotherapist about it."
    ),
    Say.pain_see_doctor: lambda n: (
        "You reported pain two sessions running: please talk to your doctor or "
        "physiotherapist before going on with this exercise."
    ),
    Say.effort_capped: lambda n: (
        f"effort capped at {span_of(n.effort) if n.effort else ''} (moderate) until a "
        "clinician clears you"
    ),
    Say.no_ankle_weights: lambda n: (
        f"no ankle weights: do it without; adding them from {_w(n.weight)} makes it work "
        "better (OTAGO)"
    ),
    Say.no_load_kit: lambda n: (
        f"no {LOAD_WORDS[n.load_kind] if n.load_kind else 'weights'}: do it with body weight; "
        "adding a weight makes it work harder once the top of the range is easy"
    ),
    Say.left_out: _left_out,
    Say.left_out_percent: _left_out_percent,
    Say.finished: lambda n: (
        f"You have finished all {n.weeks} weeks of {n.name}. Well done! Keep going with the "
        f"{n.other} phase to keep what you built."
    ),
    Say.retest_one_rm: lambda n: (
        f"Time to re-test your one-rep maximum for {n.name} with your trainer: every "
        f"{span_of(n.span) if n.span else ''} weeks ({n.other or 'a default, not from a source'})"
    ),
    Say.back_to_usual: lambda n: (
        f"{n.name} again: {_n(n.times)} sessions of {n.other} without pain. Stop and go back "
        f"to {n.other} if it hurts."
    ),
    Say.walk_bouts: lambda n: (
        f"{n.name}: {_n(n.times)} walks of {_n(n.minutes)} minutes, not one of "
        f"{_n(n.total)}: with a spine fracture, walk up to about {_n(n.cap)} minutes at a "
        "time (SSS)"
    ),
    Say.fracture_back_block: lambda n: (
        "Back-extensor holds every day because of your spine fracture: 5-10 minutes, each "
        "hold 3-5 seconds (TFTF)."
    ),
    Say.deload_week: lambda n: (
        "This is a deload week: a little lighter on purpose, so your body can recover and "
        "come back stronger."
    ),
}


def fracture_warning(profile: Profile, program: Program) -> list[str]:
    """`oneup start` of a program for people without a diagnosis, with a spine fracture: one
    line that recommends the program made for it; none otherwise."""
    if not profile.vertebral_fracture or program.audience != Audience.prevention:
        return []
    return [
        f"{program.id} is written for people without a spine fracture. oneup applies the "
        "fracture rules to it (daily back-extensor holds, walks of up to 20 minutes, gentle "
        "impacts, moderate effort until cleared), but diagnosed-osteoporosis is made for you "
        "(TFTF, SSS): oneup start diagnosed-osteoporosis --vertebral-fracture"
    ]


def note(n: Note) -> str:
    """A note on an exercise or a day, in a sentence."""
    return _NOTES[n.kind](n)
