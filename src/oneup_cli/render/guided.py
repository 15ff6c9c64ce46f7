"""What `oneup go` says: the exercise on the screen, each set's question, the countdowns.

Every sentence is a plain line, so the same words serve a terminal (in big Rich panels, one
exercise at a time) and a pipe (printed line by line). Plain and short: the person reading may
be 75, standing on one leg.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from .. import words
from ..guided import Session, Step
from ..model import Measure, SetRecord
from ..progression import Planned

_UNIT_WORDS = {
    Measure.reps: "reps",
    Measure.seconds: "seconds",
    Measure.impacts: "",
    Measure.minutes: "minutes",
}


def _amount(x: float, measure: Measure) -> str:
    """'8 reps', '20 seconds', '10', '3 minutes'."""
    unit = _UNIT_WORDS[measure]
    return f"{words.num(x)} {unit}" if unit else words.num(x)


def _target(p: Planned) -> str:
    """'8-12 reps', '20 seconds'."""
    unit = _UNIT_WORDS[p.measure]
    span = words.span_of(p.target)
    return f"{span} {unit}" if unit else span


def done_set(done: SetRecord, measure: Measure) -> str:
    """'8 reps at 10 kg', '20 seconds', '10 reps at body weight'."""
    said = _amount(done.amount, measure)
    if done.load is not None:
        said += f" at {words.weight(done.load)}"
    return said


def dose(p: Planned) -> str:
    """'2 sets of 8-12 reps at 10 kg', '1 set of 10 seconds each side'."""
    sets = f"{p.sets} set{'s' if p.sets != 1 else ''} of {_target(p)}"
    if p.exercise.each_side:
        sets += " each side"
    load = words.load(p.load_spec)
    if load:
        sets += f" at {load}" if p.load is not None else f", {load}"
    return sets


def exercise(session: Session, step: Step) -> tuple[str, list[str]]:
    """The exercise's title and its lines: the name, the dose, the support, the cues."""
    p = step.item
    title = f"Exercise {step.index + 1} of {len(session.items)} - {_block(session, step)}"
    lines = [words.visible(p.exercise.name), dose(p)]
    extra = []
    if p.support is not None:
        extra.append(words.hold_on(p.support).capitalize())
    if p.effort is not None:
        extra.append(words.effort_of_10(p.effort).capitalize())
    reason = words.reason(p.why)
    if reason:
        extra.append(reason[:1].upper() + reason[1:])
    lines += extra
    lines += [f"* {words.visible(cue)}" for cue in p.exercise.cues]
    if p.exercise.support:
        lines.append(f"* Support: {words.visible(p.exercise.support)}")
    lines += [f"! {words.note(n)}" for n in p.notices]
    if p.item.note:
        lines.append(words.visible(p.item.note))
    return title, lines


def _block(session: Session, step: Step) -> str:
    for block in session.plan.blocks:
        if step.item in block.items:
            return words.block_title(block.kind, block.named)
    return ""


def set_line(session: Session, step: Step) -> str:
    """'Set 1 of 2: 8-12 reps at 10 kg'."""
    p = step.item
    said = f"Set {step.number} of {p.sets}: {_target(p)}"
    load = session.load_for(step)
    if load is not None:
        said += f" at {words.weight(load)}"
    if p.exercise.each_side:
        said += " each side"
    return said


def question(session: Session, step: Step) -> list[str]:
    """What to type after the set: what Enter saves, and the other answers."""
    from ..guided import example

    p = step.item
    default = session.default(step)
    like = example(step, session.unit, session.load_for(step))
    if default is None:
        first = f"Type the reps and the weight you used, like {like}, then press Enter."
    else:
        each = " each side" if p.exercise.each_side else ""
        first = f"Press Enter to save {done_set(default, p.measure)}{each}"
        first += "." if p.target.fixed else f" (the bottom of {words.span_of(p.target)})."
    if step.timed:
        other = f"Or type the {_UNIT_WORDS[p.measure]} you did, like {like}."
    elif default is None:
        other = ""
    elif "@" in like:
        other = f"Or type what you did, like {like.partition('@')[0]} or {like}."
    else:
        other = f"Or type what you did, like {like}."
    return [line for line in (first, other, KEYS) if line]


KEYS = "e6 = how hard it felt, 0-10    p = it hurt    s = skip    q = stop for now"

PAIN_ASK = "Pain noted. What did you do? Press Enter for the planned amount, or type it."


def saved(step: Step, done: SetRecord, pain: bool) -> str:
    """'Saved set 1 of 2: 8 reps at 10 kg.'"""
    each = " each side" if step.item.exercise.each_side else ""
    said = (
        f"Saved set {step.number} of {step.item.sets}: {done_set(done, step.item.measure)}{each}."
    )
    if pain:
        said += " Pain noted: the next session will not be heavier."
        if not step.last_set:
            said += " If it is sharp pain, stop: s skips the rest of this exercise."
    return said


def skipped(step: Step) -> str:
    return f"Skipped {words.visible(step.item.exercise.name)}."


def resuming(session: Session, step: Step) -> str:
    """'Resuming at Goblet squat to a chair, set 2 of 2 (5 sets already saved today).'"""
    n = session.done_before
    return (
        f"Resuming at {words.visible(step.item.exercise.name)}, set {step.number} of "
        f"{step.item.sets} ({n} set{'s' if n != 1 else ''} already saved today)."
    )


def nothing_today(session: Session) -> str:
    plan = session.plan
    if plan.before_start:
        return f"Your program starts on {words.day_long(plan.profile.start)}: nothing to do yet."
    return "Nothing is planned for today."


ALL_DONE = "Everything planned for today is saved. Well done!"
FINISHED = "That was the last one: everything is saved. Well done!"


def rest_hint(step: Step) -> str:
    """While resting: what comes next, and how to end the rest."""
    return f"Next: set {step.number + 1} of {step.item.sets}. Press Enter to end the rest early."


def stopped(session: Session) -> str:
    step = session.current
    where = f" at {words.visible(step.item.exercise.name)}, set {step.number}" if step else ""
    return f"Stopped. Everything you entered is saved: run oneup go again to carry on{where}."


INTERRUPTED = "Stopped (Ctrl-C). Everything you entered is saved: run oneup go again to carry on."


def hold_ready(step: Step, side: str = "") -> list[str]:
    """'Get ready. Press Enter to start counting 20 seconds.', and the other answers."""
    amount = _amount(step.item.target.low, step.item.measure)
    side = f" on the {side} side" if side else ""
    return [f"Get ready{side}. Press Enter to start counting {amount}.", KEYS_BEFORE]


KEYS_BEFORE = "s = skip this exercise    q = stop for now"


def hold_plain(step: Step) -> str:
    """Without timers: 'One-leg stand: hold 10 seconds each side.'"""
    p = step.item
    each = " each side" if p.exercise.each_side else ""
    verb = "hold" if p.measure == Measure.seconds else "keep going for"
    return f"{words.visible(p.exercise.name)}: {verb} {_amount(p.target.low, p.measure)}{each}."


def clock(seconds: int) -> str:
    """'20 s', '2:30'."""
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60}:{seconds % 60:02d}"


TIME_IS_UP = "Time is up."
CHANGE_SIDES = "Time is up: change sides."


def count_panel(
    label: str, left: int, hint: str, flash: bool = False, end: str = TIME_IS_UP
) -> RenderableType:
    """A countdown on the screen: 'One-leg stand: 20 s', big and plain."""
    body = Text(justify="center")
    body.append(f"{label}: {clock(left)}\n", style="bold reverse" if flash else "bold")
    body.append(end if left == 0 else hint, style="bold" if left == 0 else "")
    return Panel(body, box=box.HEAVY, padding=(1, 4))


def screen(session: Session, step: Step) -> RenderableType:
    """One exercise on the screen, in a big panel; wrapped cues hang under their bullet."""
    from rich.table import Table

    title, lines = exercise(session, step)
    name, rest = lines[0], lines[1:]
    head = Text()
    head.append(f"{name.upper()}\n", style="bold")
    facts = [line for line in rest if not line.startswith("* ")]
    for n, line in enumerate(facts):
        head.append(f"\n{line}", style="bold" if n == 0 else "")
    cues = Table.grid(padding=(0, 1))
    cues.add_column(no_wrap=True)
    cues.add_column()
    for line in rest:
        if line.startswith("* "):
            cues.add_row("\u2022", Text(line[2:]))  # a bullet; '*' from a pipe
    return Panel(
        Group(head, Text(""), cues),
        title=Text(title),
        title_align="left",
        box=box.HEAVY,
        padding=(1, 2),
    )


def ask(lines: list[str]) -> RenderableType:
    """The set's line and its question, for the terminal."""
    head, *rest = lines
    return Group(Text(f"\n{head}", style="bold"), *(Text(line) for line in rest))


def visible_name(step: Step) -> str:
    return words.visible(step.item.exercise.name)
