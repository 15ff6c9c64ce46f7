"""A weekly plan as text: Rich tables at the terminal's width, plain when piped or saved."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .. import weekplan as wp
from .. import words
from .registry import Options
from .terminal import stop_rules

TICK = "[ ]"
UNUSED = "-"


def render(plan: wp.WeekPlan, options: Options) -> str:
    color = options.color_system is not None
    console = Console(
        file=io.StringIO(),
        width=options.width,
        force_terminal=color,
        color_system=options.color_system,  # type: ignore[arg-type]
        no_color=not color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    for part in renderables(plan, options.width):
        console.print(part)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    # Tables pad their cells with spaces; trailing ones only make diffs and printouts noisy.
    return "\n".join(line.rstrip() for line in out.split("\n"))


def renderables(plan: wp.WeekPlan, width: int) -> list[RenderableType]:
    parts: list[RenderableType] = [header(plan)]
    for week in plan.weeks:
        parts += week_parts(plan, week, width)
    parts.append(sources(plan))
    return parts


def header(plan: wp.WeekPlan) -> Panel:
    text = Text()
    text.append(words.title(plan), style="bold")
    text.append(f"\n{plan.program.name}")
    text.append(f"\n{words.weeks_words(plan)}")
    text.append(f"\nPhase: {words.phases_words(plan)}")
    text.append(f"\nTraining days: {', '.join(d.capitalize() for d in plan.profile.days)}")
    if plan.notes:
        text.append("\nNotes: ", style="bold")
        text.append(words.visible(plan.notes, keep="\n"))
    text.append(f"\n{words.EFFORT_SCALE}")
    text.append(f"\n{plan.disclaimer}", style="italic")
    return Panel(text, box=box.HEAVY, border_style="cyan")


def week_parts(plan: wp.WeekPlan, week: wp.Week, width: int) -> list[RenderableType]:
    parts: list[RenderableType] = [
        Rule(
            Text(f"Week {week.number}: {words.span(week.start, week.end)}", style="bold"),
            align="left",
            style="cyan",
        ),
        Text(f"{words.phase_words(week)}. {words.loads_words(plan, week)}"),
        Text(words.dose_line(week.dose)),
    ]
    parts += [Text(words.visible(note), style="bold magenta") for note in week.notes]
    if week.checklist:
        parts.append(checklist(week))
    for session in week.sessions:
        parts += session_parts(session, width)
    return parts


def checklist(week: wp.Week) -> Table:
    table = Table(
        title=Text("Every day: tick when done", style="bold"),
        title_justify="left",
        box=box.ROUNDED,
        expand=True,
    )
    table.add_column("Exercise", ratio=4)
    table.add_column("Amount", ratio=3)
    for d in week.dates:
        table.add_column(f"{d:%a}\n{d:%-d}", justify="center", min_width=3)
    for row in week.checklist:
        # Text, never markup: names come from program files and may hold [brackets].
        amount = Text(row.dose + (f"\n{row.aim}" if row.aim else ""))
        days = (Text(TICK if on else UNUSED) for on in row.days)
        table.add_row(Text(words.visible(f"{row.block}: {row.name}")), amount, *days)
    return table


def session_parts(session: wp.SessionPlan, width: int) -> list[RenderableType]:
    parts: list[RenderableType] = [
        Text(f"\n{words.day_long(session.date)}: session {session.label}", style="bold reverse"),
    ]
    parts += [block_table(block, width) for block in session.blocks]
    parts.append(stop_rules())
    return parts


# Each line of the Target cell: its text and style.
_TARGET_LINE = {"blank": ("____ {}", "bold"), "load": ("{}", "bold"), "aim": ("{}", "")}


def _target(row: wp.Row) -> Text:
    text = Text()
    for kind, line in row.target_lines():
        shape, style = _TARGET_LINE[kind]
        text.append(("\n" if text else "") + shape.format(line), style=style)
    return text


def block_table(block: wp.BlockRows, width: int) -> Table:
    """Exercise takes what the fixed columns leave, so every block's columns line up."""
    table = Table(
        title=Text(block.title, style="bold"),
        title_justify="left",
        caption=Text(words.visible(block.note)) if block.note else None,
        caption_justify="left",
        box=box.ROUNDED,
        show_lines=True,
        expand=True,
    )
    sets = block.max_sets
    table.add_column("Exercise", ratio=1)
    table.add_column("Do", width=max(10, width * 14 // 100))
    if block.has_targets:
        table.add_column("Target", width=max(12, width * 18 // 100))
    for n in range(1, sets + 1):
        table.add_column(f"Set {n}" if sets <= 3 else str(n), width=5 if sets <= 3 else 3)
    table.add_column("Effort\n0-10", width=6)
    for row in block.rows:
        name = Text(words.visible(row.name), style="bold")
        name.append(f"\n{words.visible(row.cue)}", style="italic")
        for note in row.notes:
            name.append(f"\n! {words.visible(note)}", style="yellow")
        dose = Text(row.dose) + (Text(f"\n{row.rest}", style="dim") if row.rest else Text())
        boxes = ["" if n < row.sets else UNUSED for n in range(sets)]
        target = [_target(row)] if block.has_targets else []
        table.add_row(name, dose, *target, *boxes, "")
    return table


def sources(plan: wp.WeekPlan) -> Group:
    lines = [Text("Sources", style="bold")]
    lines += [Text.assemble((key, "bold"), f": {ref}") for key, ref in plan.sources]
    lines.append(Text(f"Stop rules: {plan.stop_rules_sources}.", style="dim"))
    return Group(*lines)
