"""The progression rules, one module each, found through one table.

A rule is a function `prescribe(ctx, ex, item, effort) -> Prescription`: the dose, the load
(a Weight, or a LoadSpec saying what stands there instead) and a coded Reason; and a `check`
of what an item needs for the rule (a rep range, a percent load...), which the validator and
every load run (safety.check_program). To add a rule:
1. write its module here, with `prescribe` (and `without_load` if it moves a load; `check` if
   an item needs something for it);
2. add its value to `ProgressionRule` in the program format (model; the JSON Schema follows);
3. add one entry to RULES below, with the traits that printed sheets and swaps read;
4. if it gives new kinds of reason, add them to `codes.Why` and their sentences to words.py;
   new kinds of need (`check`) go in `codes.Needs`, their sentences in safety.py
   (test_words.py fails for a kind without words; test_reasons.py for a rule without an entry).
`none` has no entry: the item's dose as written, with its fixed load if any.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from ...codes import NO_LOAD, Needs
from ...model import Exercise, Item, ProgressionRule, Range
from ..values import Context, Prescription
from . import build, double, ladder, percent

Prescribe = Callable[[Context, Exercise, Item, Range | None], Prescription]
# What an item (and its exercise, None when the id is unknown) lacks for the rule, as values
# (safety.py words them); none when the item is fit for the rule.
Check = Callable[[Item, Exercise | None], Sequence[Needs]]


def fits(item: Item, ex: Exercise | None) -> Sequence[Needs]:
    """A rule that asks nothing of an item."""
    return ()


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
    # The load goes up once the top of a rep range is reached: a sheet too far ahead for the
    # log prints the rep range to aim for.
    rep_range: bool = False
    check: Check = fits


def as_written(ctx: Context, ex: Exercise, item: Item, effort: Range | None) -> Prescription:
    """No rule: the dose as the item writes it."""
    return Prescription(item.dose, item.support, None, NO_LOAD, None)


RULES: dict[ProgressionRule, Rule] = {
    ProgressionRule.double: Rule(
        double.prescribe, double.without_load, loads=True, rep_range=True, check=double.check
    ),
    ProgressionRule.percent: Rule(
        percent.prescribe, percent.without_load, loads=True, check=percent.check
    ),
    ProgressionRule.ladder: Rule(ladder.prescribe, ladder.prescribe, climbs=True),
    ProgressionRule.build: Rule(build.prescribe, as_written),
}

NO_RULE = Rule(as_written, as_written)


def rule(progression: ProgressionRule) -> Rule:
    """The rule of an item; `none` (no rule) keeps the dose as written."""
    return RULES.get(progression, NO_RULE)
