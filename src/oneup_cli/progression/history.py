"""What the log says was done, per exercise and day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from ..model import LogRecord, SetRecord, Support, Unit, Weight


class Entry(NamedTuple):
    """Everything logged for one exercise on one day."""

    date: dt.date
    sets: tuple[SetRecord, ...]
    rpe: float | None
    pain: bool
    # Every record of the day came from `oneup done`: the sets were done as prescribed, at
    # the bottom of a rep range, and say nothing about how many reps were possible.
    from_done: bool = False

    def amount(self) -> float:
        """The weakest set: a target counts as met only when every set met it."""
        return min((s.amount for s in self.sets), default=0.0)

    def working_load(self) -> Weight | None:
        loads = [s.load for s in self.sets if s.load is not None]
        if not loads:
            return None
        return max(loads, key=lambda w: (loads.count(w), w.to(Unit.kg)))

    def support(self) -> Support | None:
        levels = [s.support for s in self.sets if s.support is not None]
        return levels[-1] if levels else None


History = dict[str, list[Entry]]


def build_history(records: Iterable[LogRecord]) -> History:
    """Group effective 'sets' records by exercise and date, oldest first."""
    days: dict[tuple[str, dt.date], list[LogRecord]] = {}
    for r in records:
        if r.kind != "sets" or r.exercise is None or r.date is None:
            continue
        days.setdefault((r.exercise, r.date), []).append(r)
    history: History = {}
    for (exercise, date), recs in sorted(days.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        rpes = [r.rpe for r in recs if r.rpe is not None]
        history.setdefault(exercise, []).append(
            Entry(
                date=date,
                sets=tuple(s for r in recs for s in r.sets if not s.warmup),  # work sets only
                rpe=max(rpes) if rpes else None,
                pain=any(r.pain for r in recs),
                from_done=all(r.source == "done" for r in recs),
            )
        )
    return history


def before(history: History, exercise: str, date: dt.date) -> list[Entry]:
    return [e for e in history.get(exercise, []) if e.date < date]
