"""The calendar: where a date falls in a program, and which days are training days."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from typing import NamedTuple

from ..model import WEEKDAYS, Phase, Profile, Program


class Position(NamedTuple):
    """Where a date falls in a program for one profile."""

    week: int  # 1-based week of the program (counted from the start date)
    total_weeks: int
    phase: Phase
    phase_index: int
    week_in_phase: int
    complete: bool  # past the last week: the final phase goes on as maintenance
    deload: bool


def requirement_flags(profile: Profile) -> tuple[bool, bool, bool]:
    """(supervised, vertebral_fracture, cleared) as `requires:` conditions see them.

    With a vertebral fracture that no clinician has cleared, a profile counts as unsupervised:
    supervision alone does not open high-intensity lifting to it (SCIENCE rule 2; TFTF, SSS)."""
    held_back = profile.vertebral_fracture and not profile.cleared
    return (profile.supervised and not held_back, profile.vertebral_fracture, profile.cleared)


def held_back(profile: Profile) -> bool:
    """A vertebral fracture not (yet) cleared by a clinician."""
    return profile.vertebral_fracture and not profile.cleared


def active_phases(program: Program, profile: Profile) -> list[Phase]:
    flags = requirement_flags(profile)
    return [p for p in program.phases if p.requires is None or p.requires.met_by(*flags)]


def position(program: Program, profile: Profile, date: dt.date) -> Position:
    phases = active_phases(program, profile)
    total = sum(p.weeks for p in phases)
    week = max(0, (date - profile.start).days) // 7 + 1
    complete = week > total
    offset = 0
    for i, phase in enumerate(phases):
        if week <= offset + phase.weeks or i == len(phases) - 1:
            in_phase = week - offset
            if complete:  # maintenance: repeat the last week of the final phase, no deloads
                in_phase = phase.weeks
            deload = not complete and in_phase in phase.deload_weeks
            return Position(week, total, phase, i, in_phase, complete, deload)
        offset += phase.weeks
    raise AssertionError("a program has at least one phase")


def is_training_day(profile: Profile, date: dt.date) -> bool:
    return date >= profile.start and WEEKDAYS[date.weekday()] in profile.days


def walk_days(program: Program, profile: Profile) -> frozenset[str]:
    """The weekdays with the other-days blocks (walks): `walk_days_per_week` of the days
    without a session, spread out; every such day when the program does not say how many."""
    return _spread(tuple(profile.days), program.schedule.walk_days_per_week)


@functools.lru_cache(maxsize=64)
def _spread(training: tuple[str, ...], wanted: int | None) -> frozenset[str]:
    free = [i for i, d in enumerate(WEEKDAYS) if d not in training]
    if wanted is None or wanted >= len(free):
        return frozenset(WEEKDAYS[i] for i in free)
    busy = {WEEKDAYS.index(d) for d in training if d in WEEKDAYS}

    def score(chosen: tuple[int, ...]) -> tuple[int, int]:
        # First the longest run of days with neither a session nor a walk (shorter is
        # better), then the least gap between two walks (longer is better), around the week.
        active = busy | set(chosen)
        idle = longest = 0
        for i in range(14):
            idle = 0 if i % 7 in active else idle + 1
            longest = max(longest, idle)
        gaps = [(b - a) % 7 or 7 for a, b in zip(chosen, chosen[1:] + chosen[:1], strict=True)]
        return (min(longest, 7), -min(gaps))

    best = min(itertools.combinations(free, wanted), key=score) if wanted else ()
    return frozenset(WEEKDAYS[i] for i in best)


def _phase_start(program: Program, profile: Profile, pos: Position) -> dt.date:
    weeks_before = sum(p.weeks for p in active_phases(program, profile)[: pos.phase_index])
    return profile.start + dt.timedelta(weeks=weeks_before)


def _training_days_between(profile: Profile, start: dt.date, end: dt.date) -> int:
    """How many training days fall in [start, end), for start on or after profile.start.

    Counted by whole weeks, so a date centuries ahead costs no more than next week."""
    n = (end - start).days
    if n <= 0:
        return 0
    days = set(profile.days)
    weeks, rest = divmod(n, 7)
    first = start.weekday()
    return weeks * len(days) + sum(WEEKDAYS[(first + i) % 7] in days for i in range(rest))


def session_label(program: Program, profile: Profile, date: dt.date) -> str:
    """Sessions rotate A, B, ... across training days, starting with A in each phase."""
    pos = position(program, profile, date)
    start = _phase_start(program, profile, pos)
    count = _training_days_between(profile, start, date)
    return pos.phase.sessions[count % len(pos.phase.sessions)].label


def scheduled(program: Program, profile: Profile, exercise: str, date: dt.date) -> bool:
    """Whether the program plans `exercise` for this profile on `date` (as its session's item,
    a daily item, or an item of a walk day)."""
    if date < profile.start:
        return False
    phase = position(program, profile, date).phase
    blocks = list(phase.daily)
    if is_training_day(profile, date):
        label = session_label(program, profile, date)
        blocks += next(s.blocks for s in phase.sessions if s.label == label)
    elif WEEKDAYS[date.weekday()] in walk_days(program, profile):
        blocks += phase.other_days
    flags = requirement_flags(profile)
    return any(
        i.exercise == exercise and (i.requires is None or i.requires.met_by(*flags))
        for b in blocks
        for i in b.items
    )


def missed(
    program: Program, profile: Profile, exercise: str, after: dt.date, until: dt.date, enough: int
) -> int:
    """How many days the program planned `exercise` strictly between `after` and `until`,
    counted up to `enough` (a long gap costs no more than that)."""
    count, day = 0, after + dt.timedelta(days=1)
    try:
        while day < until and count < enough:
            count += scheduled(program, profile, exercise, day)
            day += dt.timedelta(days=1)
    except OverflowError:
        pass
    return count


def next_training_day(profile: Profile, after: dt.date) -> dt.date:
    """The first training day after `after` (and not before the start). Raises ValueError,
    never loops, when there is none: no training days, or none before the calendar ends."""
    if not any(d in WEEKDAYS for d in profile.days):
        raise ValueError("the profile has no training days: choose some, e.g. mon and thu")
    try:
        day = max(after + dt.timedelta(days=1), profile.start)
        for _ in range(7):
            if is_training_day(profile, day):
                return day
            day += dt.timedelta(days=1)
    except OverflowError:
        pass
    raise ValueError(f"no training day after {after.isoformat()} before the calendar ends")
