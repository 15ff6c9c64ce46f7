"""`oneup go` without the terminal: the day's sets one at a time, what an answer means, where
to resume, and the countdown of holds and rests.

A session is a list of steps, one per planned set, in the order `oneup today` shows them
(session blocks, then the day's daily blocks). The log says which are done: a planned
exercise's first N sets are done when the day's records of that exercise hold N sets (from
`oneup go`, `oneup log` or `oneup done`, counted in plan order when an exercise is planned
twice). A session resumes at the first step not done, so nothing logged is asked for again and
nothing skipped is lost. Each set answered is saved at once as its own record, through the same
path as `oneup log` (`save`), so undo, history and progression see it like any other.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any, Literal

from . import parse
from .codes import LoadForm
from .errors import UsageError
from .model import Measure, SetRecord, Unit, Weight
from .plain import num
from .progression import DayPlan, History, Planned

# Seconds of rest between the sets of an exercise when the program states none. A default,
# not from a source: enough to breathe and set up again; Enter ends any rest early.
DEFAULT_REST = 20

# What a load column that has no number asks of the person: the weight they chose.
_ASKS_FOR_WEIGHT = (LoadForm.choose_weight, LoadForm.percent_1rm, LoadForm.effort)
_TIMED = (Measure.seconds, Measure.minutes)


@dc.dataclass(frozen=True)
class Step:
    """One planned set: the `number`th of the exercise `item`, the `index`th of the day."""

    item: Planned
    index: int  # which of the day's exercises, from 0
    number: int  # which set of the exercise, from 1

    @property
    def last_set(self) -> bool:
        return self.number == self.item.sets

    @property
    def timed(self) -> bool:
        """A hold or a timed item: the front end counts it down."""
        return self.item.measure in _TIMED

    @property
    def seconds(self) -> float:
        """How long the countdown runs: the bottom of the target, as Enter records it."""
        low = self.item.target.low
        return low * 60 if self.item.measure == Measure.minutes else low

    @property
    def rest(self) -> int:
        """Seconds of rest after this set: the bottom of the item's rest, or DEFAULT_REST."""
        rest = self.item.item.rest
        return DEFAULT_REST if rest is None else int(rest.low)


def day_items(plan: DayPlan) -> list[Planned]:
    """The day's exercises in the order `oneup today` shows them."""
    return [p for block in plan.blocks for p in block.items]


def logged_sets(plan: DayPlan, history: History) -> list[int]:
    """How many sets of each of the day's exercises the log already holds for the day."""
    left = {
        ex: sum(len(e.sets) for e in entries if e.date == plan.date)
        for ex, entries in history.items()
    }
    counts = []
    for p in day_items(plan):
        have = left.get(p.exercise.id, 0)
        counts.append(min(have, p.sets))
        left[p.exercise.id] = have - counts[-1]
    return counts


def last_loads(plan: DayPlan, history: History) -> dict[str, Weight]:
    """The weight of the last set logged on the day, by exercise: what Enter means next."""
    loads: dict[str, Weight] = {}
    for ex, entries in history.items():
        for e in entries:
            if e.date == plan.date:
                for s in e.sets:
                    if s.load is not None:
                        loads[ex] = s.load
    return loads


# ---------------------------------------------------------------------------------------------
# Answers
# ---------------------------------------------------------------------------------------------


@dc.dataclass(frozen=True)
class Answer:
    """What an answer to a set's question means.

    `set` is the set to save (for "done"); `pain` was reported; "pain" alone asks again for
    what was done."""

    kind: Literal["done", "pain", "skip", "stop"]
    set: SetRecord | None = None
    pain: bool = False
    effort: float | None = None  # how hard it felt, 0-10 ('10 e6'): with a spine fracture,
    # a load goes up only after an effort is logged (progression/fracture.py)


STOP = Answer("stop")
SKIP = Answer("skip")
PAIN = Answer("pain", pain=True)

_STOP_WORDS = {"q", "quit", "stop", "exit"}
_SKIP_WORDS = {"s", "skip"}
_PAIN_WORDS = {"p", "pain"}
# How hard it felt: 'e6', 'e 6', 'effort 6', anywhere in the answer.
_EFFORT = re.compile(r"(?:^|\s)(?:e|effort)\s*([0-9]+(?:[.,][0-9]+)?)(?=\s|$)")


def prescribed(step: Step, load: Weight | None) -> SetRecord:
    """The set as planned, at the bottom of a range (as `oneup done` records it), at `load`."""
    p = step.item
    amount: float | int = p.target.low
    if p.measure in (Measure.reps, Measure.impacts):
        amount = int(amount)
    dose: dict[str, Any] = {p.measure.value: amount}
    return SetRecord(**dose, load=load, support=p.support)


def needs_weight(step: Step) -> bool:
    """The plan names no weight but expects one (first time, a percent, an effort)."""
    return step.item.load is None and step.item.load_spec.form in _ASKS_FOR_WEIGHT


class Session:
    """Where a guided session is: the steps left, and the weight each exercise was done at."""

    def __init__(self, plan: DayPlan, history: History, unit: Unit) -> None:
        self.plan = plan
        self.unit = unit
        self.items = day_items(plan)
        done = logged_sets(plan, history)
        self.done_before = sum(done)
        self.steps = [
            Step(p, i, n) for i, p in enumerate(self.items) for n in range(done[i] + 1, p.sets + 1)
        ]
        self.loads = last_loads(plan, history)
        self.at = 0

    @property
    def current(self) -> Step | None:
        return self.steps[self.at] if self.at < len(self.steps) else None

    @property
    def resuming(self) -> bool:
        return self.done_before > 0 and self.current is not None

    def load_for(self, step: Step) -> Weight | None:
        """The weight Enter records: the one used earlier today, else the planned one."""
        return self.loads.get(step.item.exercise.id, step.item.load)

    def default(self, step: Step) -> SetRecord | None:
        """What Enter records; None when a weight must be typed."""
        load = self.load_for(step)
        if load is None and needs_weight(step):
            return None
        return prescribed(step, load)

    def read(self, text: str, step: Step, *, pain: bool = False) -> Answer:
        """What the person typed after `step`; a UsageError names a bad answer.

        `pain`: the person already said it hurt and is now asked what they did."""
        answer = text.strip().lower()
        effort = None
        if found := _EFFORT.search(answer):  # '10 e6', 'e5' (Enter's set, with its effort)
            effort = parse.effort(found.group(1), "effort")
            answer = (answer[: found.start()] + answer[found.end() :]).strip()
            if not answer and not pain:
                return self._done(step, "", pain=False, effort=effort)
        if answer in _STOP_WORDS:
            return STOP
        if answer in _SKIP_WORDS:
            return SKIP
        if answer in _PAIN_WORDS:
            return self._done(step, "", pain=True, effort=effort) if pain else PAIN
        for word in sorted(_PAIN_WORDS, key=len, reverse=True):  # '10p', '8@12kg pain'
            done = answer.removesuffix(word).strip()
            if done != answer and done[:1].isdigit():
                return self._done(step, done, pain=True, effort=effort)
        return self._done(step, answer, pain=pain, effort=effort)

    def _done(self, step: Step, text: str, *, pain: bool, effort: float | None = None) -> Answer:
        if not text:
            default = self.default(step)
            if default is None:
                raise UsageError(f"type the weight you used as well, like {self.like(step)}")
            return Answer("done", default, pain, effort)
        return Answer("done", self.parse_set(text, step), pain, effort)

    def like(self, step: Step) -> str:
        """An answer to show for `step`."""
        return example(step, self.unit, self.load_for(step))

    def parse_set(self, text: str, step: Step) -> SetRecord:
        """One set typed: `10`, `8@12kg`, `25` (seconds of a hold)."""
        from .spec import parse_spec

        p = step.item
        if any(c in text for c in "x\u00d7*,"):
            raise UsageError(
                f"one set at a time: type what you did in this set, like {self.like(step)}"
            )
        if text.startswith("-") or "@-" in text.replace(" ", ""):
            raise UsageError(
                f"numbers cannot be negative: type what you did, like {self.like(step)}"
            )
        if not text[:1].isdigit():
            raise UsageError(
                f"could not read {text[:20]!r}: type a number, like {self.like(step)}, "
                "or just press Enter"
            )
        (done,) = parse_spec(text, p.measure, self.unit, name=p.exercise.name)
        if "@" not in text:
            load = self.load_for(step)
            if load is None and needs_weight(step):
                raise UsageError(f"type the weight you used as well, like {self.like(step)}")
            done = done.replace(load=load)
        return done.replace(support=p.support)

    def saved(self, step: Step, done: SetRecord) -> None:
        """The set is in the log: on to the next step."""
        if done.load is not None:
            self.loads[step.item.exercise.id] = done.load
        self.at += 1

    def skip(self) -> None:
        """Leave out the rest of the current exercise."""
        step = self.current
        while self.current is not None and step is not None and self.current.index == step.index:
            self.at += 1


def example(step: Step, unit: Unit, load: Weight | None = None) -> str:
    """An answer to show: '12', '12@10kg', '7' (seconds of a hold)."""
    p = step.item
    if p.measure in _TIMED:
        return num(max(1.0, math.floor(p.target.low * 2 / 3)))
    top = num(p.target.high)
    if load is None and needs_weight(step):
        load = Weight(5 if unit == Unit.kg else 10, unit)
    if load is not None:
        return f"{top}@{num(load.value)}{load.unit.value}"
    return top


def spec_of(done: SetRecord) -> str:
    """The SPEC of `oneup log` for one set: '1x8@10kg', '1x20s', '1x3min'."""
    from .spec import format_sets

    return format_sets([done.replace(support=None)]).replace(" ", "")


# ---------------------------------------------------------------------------------------------
# Opening a session, saving a set
# ---------------------------------------------------------------------------------------------


@dc.dataclass(frozen=True)
class Opened:
    session: Session
    created: bool  # the profile was made just now (as `oneup today` does)
    warnings: list[str]


def open_session(name: str, day: dt.date, *, today: dt.date) -> Opened:
    """The day's plan and what the log already holds of it."""
    from . import parse, service

    parse.record_date(day, today)  # refused before the first set, not after it
    context = service.open_context(name, today=today, create=True)
    history, warnings = service.read_history(name, day)
    plan = service.plan(context, history, day)
    return Opened(Session(plan, history, context.profile.units), context.created, warnings)


def save(
    name: str,
    step: Step,
    done: SetRecord,
    *,
    day: dt.date,
    now: dt.datetime,
    pain: bool,
    effort: float | None = None,
) -> None:
    """One set appended to the log, the way `oneup log EXERCISE 1x8@10kg` appends it."""
    from . import service

    service.log_sets(
        name,
        step.item.exercise.id,
        spec_of(done),
        day=day,
        now=now,
        rpe=None if effort is None else num(effort),
        pain=pain,
        support=done.support.value if done.support is not None else None,
    )


# ---------------------------------------------------------------------------------------------
# Countdowns
# ---------------------------------------------------------------------------------------------


def countdown(
    total: float,
    *,
    clock: Callable[[], float],
    wait: Callable[[float], bool],
    show: Callable[[int], None],
) -> bool:
    """Count `total` seconds down, calling `show` with the whole seconds left each time the
    number changes, and with 0 at the end. `wait(t)` sleeps up to t seconds and says whether
    the person ended the count early (Enter). True if it ran to the end.

    The end is fixed by `clock` at the start, so a slow screen never stretches the count."""
    end = clock() + total
    shown: int | None = None
    while True:
        left = end - clock()
        if left <= 0:
            show(0)
            return True
        whole = math.ceil(left)
        if whole != shown:
            show(whole)
            shown = whole
        if wait(max(end - clock() - (whole - 1), 0)):  # until the number changes
            return False
