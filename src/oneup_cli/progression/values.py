"""The engine's answers: a planned exercise, a block, a day; and what a rule is given and gives.

Typed values only. `reason`, `load_text`, `notes` and `dose_text` are read-only views in
English for callers that want a sentence (the Python API, tests); they ask `oneup_cli.words`,
which is the only place with words. Renderers call `words` themselves.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..codes import LoadSpec, Note, Reason
from ..model import BlockKind, Exercise, Item, Measure, Profile, Program, Range, Support, Weight
from .calendar import Position
from .history import History


class Context(NamedTuple):
    """What every rule is given besides the exercise and the item."""

    program: Program
    library: dict[str, Exercise]
    profile: Profile
    history: History
    date: dt.date
    position: Position
    as_of: dt.date  # "today": a break counts only the days up to here


class Prescription(NamedTuple):
    """What a rule decides for one exercise: the dose, the load and why."""

    target: Range  # reps, seconds, impacts or minutes for each set
    support: Support | None
    load: Weight | None  # the working load, when it has a number
    load_spec: LoadSpec  # what stands in the load column
    why: Reason | None


class Planned(NamedTuple):
    """One exercise of the day, with its dose, load and the reason for it."""

    exercise: Exercise
    item: Item
    block: BlockKind
    sets: int
    measure: Measure
    target: Range  # reps, seconds, impacts or minutes for each set
    support: Support | None
    load: Weight | None
    load_spec: LoadSpec
    why: Reason | None
    effort: Range | None
    notices: tuple[Note, ...] = ()

    @property
    def load_text(self) -> str:
        from .. import words

        return words.load(self.load_spec)

    @property
    def reason(self) -> str:
        from .. import words

        return words.reason(self.why)

    @property
    def notes(self) -> tuple[str, ...]:
        from .. import words

        return tuple(words.note(n) for n in self.notices)

    @property
    def dose_text(self) -> str:
        from .. import words

        return words.dose(self)


class BlockPlan(NamedTuple):
    kind: BlockKind
    named: str | None  # the program's title for the block, if it gives one
    items: tuple[Planned, ...]
    note: str | None = None

    @property
    def title(self) -> str:
        from .. import words

        return words.block_title(self.kind, self.named)


class DayPlan(NamedTuple):
    date: dt.date
    program: Program
    profile: Profile
    position: Position
    training: bool
    label: str | None
    blocks: tuple[BlockPlan, ...]  # the session's blocks, then the day's daily/other blocks
    session_blocks: int  # how many of `blocks` belong to the session (0 on a rest day)
    next_date: dt.date
    next_label: str
    before_start: bool
    notices: tuple[Note, ...]  # the day's notes, including every exercise left out and why

    @property
    def notes(self) -> tuple[str, ...]:
        from .. import words

        return tuple(words.note(n) for n in self.notices)
