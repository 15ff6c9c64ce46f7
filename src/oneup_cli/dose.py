"""The dose of a generated week: strength sessions, impacts, balance, back extensors, walking.

Pure: no I/O, no clock, no English. The dose is counted from the engine's planned days
(`progression.plan_day`), so it is the dose a person is given, not the one a file writes:
items left out or swapped for a profile count as planned.

Time of an exercise = sets x (reps x the program's seconds a rep, or the hold's seconds, or
the minutes) x 2 for an exercise done on each side, plus the rest between sets. A range
(8-12 reps) counts at its middle. The program states its seconds a rep
(`targets.rep_seconds`; 3 s: default, not from a source).

`check` is what `oneup programs validate` runs: for every profile of the program's audience,
the doses must fall within 10% of the program's own stated targets (`targets:`), with every
ladder anywhere between its bottom and its top and every build at the dose it builds to.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from typing import Literal, NamedTuple

from .model import (
    Audience,
    BlockKind,
    Category,
    Library,
    Measure,
    Profile,
    Program,
    ProgressionRule,
    Range,
    Target,
)
from .progression import DayPlan, Planned, plan_day, position
from .progression.fracture import TARGETS as FRACTURE_TARGETS
from .progression.rules import rule

# How far a generated dose may fall from the stated target: 10%.
TOLERANCE = 0.10

# The keys of the "dose" object, in order.
KEYS = (
    "strength_sessions",
    "impacts_per_day",
    "balance_minutes_per_day",
    "back_extensor_days",
    "walking_minutes_per_week",
)

# Which end of its range an item counts at: as planned (the middle of the planned target);
# every ladder at the middle of its range (a sheet too far ahead for the log, which asks to
# build up through it); or every ladder at its bottom or its top, and every build at the
# dose it builds to (the check).
At = Literal["planned", "middle", "bottom", "top"]


class DayDose(NamedTuple):
    strength: bool  # a session with strength work
    impacts: float
    balance_seconds: float
    back_extensor_seconds: float
    walking_minutes: float


class WeekDose(NamedTuple):
    strength_sessions: int
    impacts_per_day: float  # over the 7 days of the week
    balance_minutes_per_day: float  # over the 7 days of the week
    back_extensor_days: int
    walking_minutes_per_week: float
    back_extensor_minutes: float  # on each day with back-extensor work (their average)

    def as_json(self) -> dict[str, int | float]:
        """The five keys of the "dose" object: counts, impacts and minutes rounded."""
        return {
            "strength_sessions": self.strength_sessions,
            "impacts_per_day": round(self.impacts_per_day),
            "balance_minutes_per_day": round(self.balance_minutes_per_day, 1),
            "back_extensor_days": self.back_extensor_days,
            "walking_minutes_per_week": round(self.walking_minutes_per_week, 1),
        }


def _middle(r: Range) -> float:
    return (r.low + r.high) / 2


def amount(p: Planned, at: At = "planned") -> float:
    """Reps, seconds, impacts or minutes of one set (one side)."""
    item = p.item
    if at == "middle":
        return _middle(item.dose) if rule(item.progression).climbs else _middle(p.target)
    if at != "planned":
        if item.progression == ProgressionRule.build:
            return item.dose.high
        if rule(item.progression).climbs:
            return item.dose.low if at == "bottom" else item.dose.high
    return _middle(p.target)


def seconds(p: Planned, rep_seconds: float, at: At = "planned") -> float:
    """The time of an exercise: its sets, each side, and the rest between sets."""
    per_set = (
        amount(p, at)
        * {
            Measure.reps: rep_seconds,
            Measure.seconds: 1.0,
            Measure.impacts: rep_seconds,
            Measure.minutes: 60.0,
        }[p.measure]
    )
    sides = 2 if p.exercise.each_side else 1
    rest = _middle(p.item.rest) if p.item.rest is not None else 0.0
    return p.sets * sides * per_set + (p.sets - 1) * rest


def day_dose(day: DayPlan, rep_seconds: float, at: At = "planned") -> DayDose:
    strength = False
    impacts = balance = back = walking = 0.0
    for i, block in enumerate(day.blocks):
        in_session = i < day.session_blocks
        for p in block.items:
            if block.kind == BlockKind.strength and in_session:
                strength = True
            if p.measure == Measure.impacts:
                impacts += p.sets * amount(p, at) * (2 if p.exercise.each_side else 1)
            if block.kind == BlockKind.balance:
                balance += seconds(p, rep_seconds, at)
            if p.exercise.category == Category.posture:
                back += seconds(p, rep_seconds, at)
            if block.kind == BlockKind.walk and p.measure == Measure.minutes:
                walking += p.sets * amount(p, at)
    return DayDose(strength, impacts, balance, back, walking)


def week_dose(days: Sequence[DayPlan], rep_seconds: float, at: At = "planned") -> WeekDose:
    """The dose of a week (seven planned days)."""
    doses = [day_dose(d, rep_seconds, at) for d in days]
    n = max(1, len(doses))
    back_days = [d.back_extensor_seconds for d in doses if d.back_extensor_seconds > 0]
    return WeekDose(
        strength_sessions=sum(d.strength for d in doses),
        impacts_per_day=sum(d.impacts for d in doses) / n,
        balance_minutes_per_day=sum(d.balance_seconds for d in doses) / 60 / n,
        back_extensor_days=len(back_days),
        walking_minutes_per_week=sum(d.walking_minutes for d in doses),
        back_extensor_minutes=sum(back_days) / 60 / len(back_days) if back_days else 0.0,
    )


# --- the profiles of an audience, and the check of the stated targets -------------------------

# A Monday: plans for the check start on it.
CHECK_START = dt.date(2024, 1, 1)


class Flags(NamedTuple):
    supervised: bool = False
    vertebral_fracture: bool = False
    cleared: bool = False


def audience_flags(audience: Audience) -> list[Flags]:
    """Every flag combination a program may meet: supervised or not; with a vertebral
    fracture, cleared by a clinician or not. Prevention is written for people without a
    diagnosis, but the fracture rules apply to every program (progression/fracture.py), so a
    person with a fracture who chooses it is checked too."""
    fractures = [(False, False), (True, False), (True, True)]
    return [Flags(s, f, c) for s, (f, c) in itertools.product((False, True), fractures)]


def default_profile(program: Program, flags: Flags = Flags()) -> Profile:
    """A new person on the program: its default days, home equipment, no log."""
    return Profile(
        name="dose",
        program=program.id,
        start=CHECK_START,
        days=list(program.schedule.default_days),
        supervised=flags.supervised,
        vertebral_fracture=flags.vertebral_fracture,
        cleared=flags.cleared,
    )


def week_days(program: Program, library: Library, profile: Profile, number: int) -> list[DayPlan]:
    """The seven planned days of program week `number` for a new person (no log)."""
    start = profile.start + dt.timedelta(weeks=number - 1)
    return [
        plan_day(program, library, profile, {}, start + dt.timedelta(days=i), as_of=profile.start)
        for i in range(7)
    ]


def program_dose(program: Program, library: Library) -> tuple[WeekDose, Profile, int]:
    """The dose `oneup programs show` states: the last week of the program (every build done)
    for a new person with the default profile of its audience (unsupervised, no fracture,
    the default days, home equipment)."""
    profile = default_profile(program)
    week = position(program, profile, profile.start).total_weeks
    days = week_days(program, library, profile, week)
    return week_dose(days, program.targets.rep_seconds), profile, week


class Miss(NamedTuple):
    """A stated target the generated dose misses by more than 10%."""

    key: str  # the field of `targets`
    target: Target
    value: float
    flags: Flags
    week: int
    at: At


def _value(dose: WeekDose, key: str) -> float:
    return float(getattr(dose, key))


def _misses(target: Target, value: float) -> bool:
    low = target.value.low * (1 - TOLERANCE)
    high = float("inf") if target.at_least else target.value.high * (1 + TOLERANCE)
    return not low - 1e-9 <= value <= high + 1e-9


def _weeks_to_check(program: Program, profile: Profile) -> Iterator[int]:
    """The first two weeks of each phase (sessions rotate A, B) and each deload week."""
    total = position(program, profile, profile.start).total_weeks
    first = 1
    seen: set[int] = set()
    while first <= total:
        phase = position(program, profile, profile.start + dt.timedelta(weeks=first - 1)).phase
        weeks = [first, first + 1, *(first + w - 1 for w in phase.deload_weeks)]
        for w in weeks:
            if w <= total and w < first + phase.weeks and w not in seen:
                seen.add(w)
                yield w
        first += phase.weeks


def check(program: Program, library: Library) -> list[Miss]:
    """Every stated target that a generated week misses by more than 10%, for some profile
    of the audience: one miss per target (the first found)."""
    targets = program.targets
    stated = [
        (key, t)
        for key in (*KEYS[:4], "back_extensor_minutes", KEYS[4])
        if (t := getattr(targets, key)) is not None
    ]
    if not stated:
        return []
    found: dict[str, Miss] = {}
    for flags in audience_flags(program.audience):
        profile = default_profile(program, flags)
        wanted = stated
        if flags.vertebral_fracture:  # the fracture rules' own back-extensor dose (TFTF)
            wanted = [(k, t) for k, t in stated if k not in FRACTURE_TARGETS]
            wanted += list(FRACTURE_TARGETS.items())
        for week in _weeks_to_check(program, profile):
            days = week_days(program, library, profile, week)
            for at in ("bottom", "top"):
                dose = week_dose(days, targets.rep_seconds, at)
                for key, target in wanted:
                    value = _value(dose, key)
                    if key not in found and _misses(target, value):
                        found[key] = Miss(key, target, value, flags, week, at)
            if len(found) == len({k for k, _ in stated} | set(FRACTURE_TARGETS)):
                return list(found.values())
    return list(found.values())
