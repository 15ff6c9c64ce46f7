"""What `oneup plan` says after writing a plan to a file."""

from __future__ import annotations

from pathlib import Path

from ..weekplan import WeekPlan


def weeks_words(plan: WeekPlan) -> str:
    a, b = plan.first.number, plan.last.number
    return f"week {a}" if a == b else f"weeks {a}-{b}"


def written(fmt: str, plan: WeekPlan, target: Path) -> str:
    """'Wrote the md plan (weeks 3-4, 4 sessions) to plan.md'"""
    n = len(plan.sessions)
    sessions = f", {n} session{'s' if n != 1 else ''}" if n else ""
    return f"Wrote the {fmt} plan ({weeks_words(plan)}{sessions}) to {target}"
