"""What a vertebral fracture brings to every program, whatever the program file says.

SCIENCE.md (TFTF, SSS; rule 2). A profile marked `--vertebral-fracture` gets, on any program:
- a daily back-extensor block (TFTF: "a daily spinal-extensor block of 5-10 minutes with 3-5
  second holds") when the program has no daily posture work of its own;
- walks in bouts of at most 20 minutes (SSS: "impact only up to the level of brisk walking, up
  to about 20 minutes"; TFTF: aerobic work in bouts of about 10 minutes);
- lower-level impact only, and no maximal or floor lifts and effort capped at moderate until a
  clinician clears the profile (day.py swaps or leaves such items out; day.py caps the effort);
- loads that follow the effort logged: above the moderate cap the next load is one step
  lighter, and without a logged effort the load does not go up (rules/double.py,
  rules/percent.py).

The block's numbers are those of the built-in osteoporosis program's posture block: 3 holds
from TFTF's list, 10 holds each of 3-5 s (TFTF) with 8 s between them (default, not from a
source), which comes to about 5.6 minutes a day, inside TFTF's 5-10.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from ..model import Block, BlockKind, Category, Exercise, Item, Phase, Range, SourceKey, Target

# SSS: up to about 20 minutes of brisk walking with a vertebral fracture.
WALK_BOUT_MINUTES = 20

BACK_BLOCK = Block(
    kind=BlockKind.posture,
    items=[
        Item(exercise=ex, sets=10, seconds=Range(3, 5), rest=Range(8, 8))  # TFTF; rest: default
        for ex in ("chin-tuck", "shoulder-blade-squeeze", "wall-back-extension")
    ],
)

# The doses these rules give, checked by `oneup programs validate` for a profile with a
# fracture in place of the program's own back-extensor targets (dose.check).
TARGETS = {
    "back_extensor_days": Target(Range(7, 7), sources=[SourceKey.TFTF]),
    "back_extensor_minutes": Target(Range(5, 10), sources=[SourceKey.TFTF]),
}


def needs_back_block(phase: Phase, exercises: Mapping[str, Exercise]) -> bool:
    """The phase has no daily back-extensor (posture) work of its own."""
    return not any(
        (ex := exercises.get(item.exercise)) is not None and ex.category == Category.posture
        for block in phase.daily
        for item in block.items
    )


def walk_bouts(minutes: float) -> tuple[int, float]:
    """A walk of `minutes` as bouts of at most 20: (how many, minutes each, whole minutes)."""
    n = max(1, math.ceil(minutes / WALK_BOUT_MINUTES - 1e-9))
    return n, float(math.ceil(minutes / n - 1e-9))
