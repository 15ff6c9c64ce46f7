"""The progression rules, one module each, found through one table.

A rule is a function `prescribe(ctx, exercise, item, effort) -> Prescription`. To add one: write
its module here, add its value to `ProgressionRule` in the program format (model), and add one
entry to RULES. `none` has no entry: the item's dose as written, with its fixed load if any.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ...model import Exercise, Item, ProgressionRule, Range
from ..codes import NO_LOAD
from ..values import Context, Prescription
from . import build, double, ladder, percent

Prescribe = Callable[[Context, Exercise, Item, Range | None], Prescription]


class Rule(NamedTuple):
    prescribe: Prescribe
    # When the profile lacks the equipment that carries the load: what to do instead.
    without_load: Prescribe
    # The rule moves a load from the log: a sheet too far ahead to know it leaves it blank,
    # and without the equipment for the load, the exercise is done with body weight.
    loads: bool = False
    # The rule climbs the dose and the support from the log, then moves on to the harder
    # version: a sheet too far ahead shows the range to build up to and leaves the level open.
    climbs: bool = False


def as_written(ctx: Context, ex: Exercise, item: Item, effort: Range | None) -> Prescription:
    """No rule: the dose as the item writes it."""
    return Prescription(item.dose, item.support, None, NO_LOAD, None)


RULES: dict[ProgressionRule, Rule] = {
    ProgressionRule.double: Rule(double.prescribe, double.without_load, loads=True),
    ProgressionRule.percent: Rule(percent.prescribe, percent.without_load, loads=True),
    ProgressionRule.ladder: Rule(ladder.prescribe, ladder.prescribe, climbs=True),
    ProgressionRule.build: Rule(build.prescribe, as_written),
}

NO_RULE = Rule(as_written, as_written)


def rule(progression: ProgressionRule) -> Rule:
    """The rule of an item; `none` (no rule) keeps the dose as written."""
    return RULES.get(progression, NO_RULE)
