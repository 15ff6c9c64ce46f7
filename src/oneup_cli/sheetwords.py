"""The words of printed plans: their header facts, the week's loads and its dose line.

Part of `words.py` (which re-exports every name here), kept apart for its size: what a sheet
says about itself, rather than about one exercise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .plain import day_short, span, visible, week_of

if TYPE_CHECKING:
    from .dose import WeekDose
    from .weekplan import Week, WeekPlan


# --- printed plans ----------------------------------------------------------------------------

EFFORT_SCALE = (
    "Effort: how hard it felt, from 0 (resting) to 10 (the hardest possible); 5-6 is "
    "moderate, 7-8 is hard (OMNI)."
)

LADDER_NOTE = (
    "Balance: hold on with less support as you get steadier: two hands, then one hand, then "
    "none, with the support still within reach (OTAGO)."
)


def facts(plan: WeekPlan, week: Week | None = None) -> list[tuple[str, str]]:
    """The header facts of a plan, or of one week of it: (label, value) pairs."""
    rows = [
        ("Program", plan.program.name),
        (
            "When",
            f"{week_of(week.number, week.total_weeks).capitalize()}, {span(week.start, week.end)}"
            if week
            else weeks_words(plan),
        ),
        ("Phase", phase_words(week) if week else phases_words(plan)),
        ("Training days", ", ".join(d.capitalize() for d in plan.profile.days)),
    ]
    if plan.notes:
        rows.append(("Notes", visible(plan.notes, keep="\n")))
    return rows


def title(plan: WeekPlan) -> str:
    """The sheet's title; without a name, a line to write one on."""
    return f"Weekly plan for {visible(plan.client) or '____________________'}"


def weeks_words(plan: WeekPlan) -> str:
    a, b = plan.first, plan.last
    total = a.total_weeks
    if a is b:
        return f"{week_of(a.number, total).capitalize()}: {span(a.start, b.end)}"
    which = f"Weeks {a.number}-{b.number}"
    which += f" of {total}" if b.number <= total else f" (the program has {total})"
    return f"{which}: {span(a.start, b.end)}"


def phase_words(week: Week) -> str:
    if week.complete:
        return f"{week.phase.name} phase, carried on after the program's end"
    return f"{week.phase.name} phase, week {week.week_in_phase} of {week.phase.weeks}" + (
        " (a lighter deload week)" if week.deload else ""
    )


def phases_words(plan: WeekPlan) -> str:
    names: list[str] = []
    for w in plan.weeks:
        if w.phase.name not in names:
            names.append(w.phase.name)
    return ", ".join(names)


def loads_words(plan: WeekPlan, week: Week) -> str:
    if not week.from_log:
        return (
            "Target loads are left blank: this week is too far ahead to know them. Use the "
            "aim beside each exercise and write in the weight you choose."
        )
    if plan.prospective:
        return "Target loads are starting points: there is no log yet."
    return f"Target loads come from the log up to {day_short(plan.as_of)}."


# --- the week's dose (dose.py) ---------------------------------------------------------------
def _many(n: float, unit: str) -> str:
    return f"{round(n)} {unit}{'s' if round(n) != 1 else ''}"


def dose_line(d: WeekDose) -> str:
    """'This week: 2 strength sessions, about 15 minutes of balance a day, ...'."""
    days, parts = d.back_extensor_days, [_many(d.strength_sessions, "strength session")]
    if d.balance_minutes_per_day > 0:
        parts.append(f"about {_many(max(1, d.balance_minutes_per_day), 'minute')} of balance a day")
    if round(d.impacts_per_day) > 0:
        parts.append(f"about {round(d.impacts_per_day)} impacts a day")
    if days:
        parts.append(
            "back-extensor work " + ("every day" if days == 7 else f"on {_many(days, 'day')}")
        )
    if d.walking_minutes_per_week > 0:
        parts.append(f"{_many(d.walking_minutes_per_week, 'minute')} of walking")
    return f"This week: {', '.join(parts)}."
