"""The progression engine: (program, library, profile, history, date) -> the day's plan.

Pure functions: no I/O, no clock. The same inputs always give the same plan. The engine speaks
in values (oneup_cli/codes.py): typed prescriptions, coded reasons, notes. `oneup_cli.words`
writes them in English. Rules live in rules/, one module each, found through `rules.RULES`.
"""

from __future__ import annotations

from ..codes import Done, Limit, LoadForm, LoadSpec, Note, Reason, Say, Why
from .calendar import (
    Position,
    active_phases,
    is_training_day,
    next_training_day,
    position,
    requirement_flags,
    session_label,
)
from .day import plan_day, plan_item
from .history import Entry, History, before, build_history
from .loads import (
    BREAK_DAYS,
    BREAK_FACTOR,
    DROP_FACTOR,
    INCREMENTS,
    epley,
    in_units,
    increment,
    round_down,
    step_down,
    step_up,
)
from .rules import RULES, Rule
from .values import BlockPlan, Context, DayPlan, Planned, Prescription

__all__ = [
    "BREAK_DAYS",
    "BREAK_FACTOR",
    "DROP_FACTOR",
    "INCREMENTS",
    "RULES",
    "BlockPlan",
    "Context",
    "DayPlan",
    "Done",
    "Entry",
    "History",
    "Limit",
    "LoadForm",
    "LoadSpec",
    "Note",
    "Planned",
    "Position",
    "Prescription",
    "Reason",
    "Rule",
    "Say",
    "Why",
    "active_phases",
    "before",
    "build_history",
    "epley",
    "in_units",
    "increment",
    "is_training_day",
    "next_training_day",
    "plan_day",
    "plan_item",
    "position",
    "requirement_flags",
    "round_down",
    "session_label",
    "step_down",
    "step_up",
]
