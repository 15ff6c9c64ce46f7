"""`oneup go`: a guided session, one exercise on the screen at a time.

The session's logic (what is next, what an answer means, where to resume) is in
`oneup_cli.guided`, its words in `render/guided.py`; this module reads the answers and draws the
screen. In a terminal: big panels, the screen cleared between exercises, countdowns for holds
and rests with a bell and a flash at the end. From a pipe (scripts, tests): one answer per line,
plain lines out, no timers, the same logic. Each set is saved as soon as it is answered.
"""

import math
import select
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from .common import (
    day_option,
    message,
    now,
    out,
    profile_name,
    say,
    to_stderr,
    today_date,
    warn,
)
from .params import add

if TYPE_CHECKING:
    from ..guided import Answer, Session, Step

INTERRUPTED_EXIT = 130  # the shell's code for a program ended by Ctrl-C (128 + SIGINT)


class Screen:
    """The terminal, or a pipe: how a guided session shows things and reads answers."""

    def __init__(self, *, interactive: bool, timers: bool, quiet: bool) -> None:
        self.interactive = interactive
        self.timers = timers and interactive
        self.quiet = quiet

    def exercise(self, session: "Session", step: "Step", note: str | None) -> None:
        from ..render import guided as words

        if not self.interactive:  # a note was printed as it came
            title, lines = words.exercise(session, step)
            say("")
            say(f"{title}: {lines[0]}")
            for line in lines[1:]:
                say(f"  {line}")
            return
        out.clear()
        if note:
            out.print(note, markup=False)
        out.print(words.screen(session, step))

    def line(self, text: str, *, bold: bool = False) -> None:
        if self.interactive:
            out.print(text, markup=False, style="bold" if bold else None)
        else:
            say(text)

    def complain(self, text: str) -> None:
        """A bad answer: one line (on stderr from a pipe)."""
        text = text[:1].upper() + text[1:]
        if self.interactive:
            out.print(f"Not saved. {text}", markup=False, style="bold")
        else:
            to_stderr(f"Not saved. {text}")

    def ask(self, lines: list[str]) -> str | None:
        """Show the question, read one line; None at the end of the input."""
        for line in lines:
            self.line(line)
        if self.interactive:
            out.print("> ", end="", markup=False)
        out.file.flush()
        text = sys.stdin.readline()
        return text if text else None

    def count(self, label: str, seconds: float, hint: str, early: str, end: str) -> None:
        """A countdown on the screen; Enter ends it early; a bell and a flash at the end."""
        from rich.live import Live

        from ..guided import countdown
        from ..render.guided import count_panel

        first = count_panel(label, math.ceil(seconds), hint)
        with _no_echo(), Live(first, console=out, auto_refresh=False) as live:
            shown = [math.ceil(seconds)]

            def show(left: int) -> None:
                shown[0] = left
                flash = left == 0 and not self.quiet
                live.update(count_panel(label, left, hint, flash, end), refresh=True)

            done = countdown(seconds, clock=time.monotonic, wait=_enter_within, show=show)
            if not done:
                live.update(count_panel(label, shown[0], early), refresh=True)
        if done and not self.quiet:
            out.bell()


@contextmanager
def _no_echo() -> Iterator[None]:
    """The terminal does not echo while a countdown is drawn: an Enter that ends it early
    would otherwise move the cursor and tear the panel."""
    import termios

    fd = sys.stdin.fileno()
    try:
        before = termios.tcgetattr(fd)
    except (termios.error, OSError):
        yield
        return
    quiet = list(before)
    quiet[3] &= ~termios.ECHO
    termios.tcsetattr(fd, termios.TCSANOW, quiet)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSANOW, before)


def _enter_within(seconds: float) -> bool:
    """Wait up to `seconds`; True if Enter was pressed (the line is read and dropped)."""
    ready, _, _ = select.select([sys.stdin], [], [], max(seconds, 0))
    if ready:
        sys.stdin.readline()
        return True
    return False


def go(
    ctx: typer.Context,
    date: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="The session of this day instead (YYYY-MM-DD)."),
    ] = None,
    no_timer: Annotated[
        bool, typer.Option("--no-timer", help="No countdowns: you keep your own time.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", help="No bell and no flash when a countdown ends.")
    ] = False,
) -> None:
    """Do today's session one exercise at a time, saving each set as you go.

    After each set, press Enter to save it as planned (a rep range at its bottom, as
    [bold]oneup done[/bold] does), or type what you did: [bold]10[/bold], [bold]8@12kg[/bold],
    the seconds of a hold; add [bold]e6[/bold] for how hard it felt (0-10: with a spine
    fracture a weight goes up only after an effort is logged); [bold]p[/bold] (or
    [bold]10p[/bold]) if it hurt, [bold]s[/bold] to skip the exercise, [bold]q[/bold] to stop.

    Holds get a countdown, sets a rest timer (the program's rest, else 20 s; Enter ends it
    early). Run it again the same day to carry on where you stopped. From a pipe it reads
    one answer per line and shows no timers.
    """
    from .. import guided

    name = profile_name(ctx)
    day = day_option(date)
    opened = guided.open_session(name, day, today=today_date())
    if opened.created:
        from ..render.people import started

        to_stderr(started(name, opened.session.plan.program.id))
    warn(opened.warnings)
    interactive = sys.stdin.isatty() and out.is_terminal
    screen = Screen(interactive=interactive, timers=not no_timer, quiet=quiet)
    try:
        _session(screen, opened.session, name)
    except KeyboardInterrupt:
        from ..render.guided import INTERRUPTED

        if interactive:
            out.print()
        to_stderr(INTERRUPTED)
        raise typer.Exit(INTERRUPTED_EXIT) from None


def _session(screen: Screen, session: "Session", name: str) -> None:
    from .. import guided
    from ..render import guided as words

    if session.current is None:
        screen.line(words.ALL_DONE if session.done_before else words.nothing_today(session))
        return
    note = words.resuming(session, session.current) if session.resuming else None
    if note and not screen.interactive:
        screen.line(note)
    shown: int | None = None
    while (step := session.current) is not None:
        # A terminal shows each set on a fresh screen under its exercise; a pipe, each exercise.
        if step.index != shown or screen.interactive:
            screen.exercise(session, step, note)
            note, shown = None, step.index
        screen.line(words.set_line(session, step), bold=True)
        held = _hold(screen, step) if step.timed else None
        if held is None or isinstance(held, str):
            answer = _answer(screen, session, step, typed=held)
        else:
            answer = held
        if answer.kind == "stop":
            screen.line(words.stopped(session))
            return
        if answer.kind == "skip":
            note = words.skipped(step)
            screen.line(note)
            session.skip()
            continue
        assert answer.set is not None
        guided.save(
            name,
            step,
            answer.set,
            day=session.plan.date,
            now=now(),
            pain=answer.pain,
            effort=answer.effort,
        )
        session.saved(step, answer.set)
        note = words.saved(step, answer.set, answer.pain)
        screen.line(note)
        following = session.current
        if following is not None and following.index == step.index and screen.timers:
            screen.count("Rest", step.rest, words.rest_hint(step), "Rest over.", "Rest over.")
    screen.line(words.FINISHED, bold=True)


def _hold(screen: Screen, step: "Step") -> "Answer | str | None":
    """The countdown of a hold (each side in turn). An answer if the person skips or stops
    instead; what they typed if they answer at once (they kept their own time)."""
    from ..guided import SKIP, STOP
    from ..render import guided as words

    if not screen.timers:
        screen.line(words.hold_plain(step))
        return None
    sides = ("first", "other") if step.item.exercise.each_side else ("",)
    for side in sides:
        text = screen.ask(words.hold_ready(step, side))
        choice = (text or "q").strip().lower()
        if choice in ("q", "quit", "stop"):
            return STOP
        if choice in ("s", "skip"):
            return SKIP
        if choice:
            return choice
        label = words.visible_name(step) + (f", {side} side" if side else "")
        end = words.CHANGE_SIDES if side == "first" else words.TIME_IS_UP
        screen.count(label, step.seconds, "Press Enter if you stop early.", "Stopped early.", end)
    return None


def _answer(screen: Screen, session: "Session", step: "Step", typed: str | None) -> "Answer":
    """Ask until the answer is one that can be saved (`typed`: the first, already read); the
    end of the input stops."""
    from ..errors import UsageError
    from ..guided import STOP
    from ..render import guided as words

    lines = words.question(session, step)
    pain = False
    while True:
        text = typed if typed is not None else screen.ask(lines)
        typed = None
        if text is None:
            return STOP
        try:
            answer = session.read(text, step, pain=pain)
        except UsageError as e:
            screen.complain(message(e))
            continue
        if answer.kind == "pain":
            pain, lines = True, [words.PAIN_ASK]
            continue
        return answer


def register(app: typer.Typer) -> None:
    add(app, go, "go")
