"""Rich output for the terminal: the day's session, programs and exercises.

Plain words and big clear tables: the people reading these may be 75 and new to lifting.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .. import words
from ..model import Exercise, Library, Program
from ..progression import BlockPlan, DayPlan, Planned
from ..safety import DISCLAIMER, STOP_RULES, program_items

if TYPE_CHECKING:
    from ..service import ProgramRow


def _date(d: object) -> str:
    import datetime as dt

    assert isinstance(d, dt.date)
    return d.strftime("%A %-d %B %Y")


def plain(*cells: str | Text) -> list[Text]:
    """Table cells as text, never as markup, their control characters shown as escapes: names
    and notes may come from users' files."""
    return [c if isinstance(c, Text) else Text(words.visible(c, keep="\n")) for c in cells]


def load_cell(p: Planned) -> Text:
    text = Text()
    load, reason = words.load(p.load_spec), words.reason(p.why)
    text.append(load, style="bold")
    if reason:
        text.append(f"\n{reason}" if load else reason, style="dim")
    return text


def dose_cell(p: Planned) -> Text:
    text = Text()
    text.append(words.dose(p), style="bold")
    if p.support is not None:
        text.append(f"\n{words.hold_on(p.support)}")
    if p.effort is not None:
        text.append(f"\n{words.effort_of_10(p.effort)}")
    if p.item.rest is not None:
        text.append(f"\n{words.rest(p.item.rest)}", style="dim")
    return text


def exercise_cell(p: Planned, cues: int = 2) -> Text:
    text = Text()
    text.append(words.visible(p.exercise.name), style="bold")
    for cue in p.exercise.cues[:cues]:
        text.append(f"\n• {words.visible(cue)}")
    if p.exercise.support:
        text.append(f"\n• Support: {words.visible(p.exercise.support)}", style="italic")
    for note in p.notices:
        text.append(f"\n! {words.note(note)}", style="yellow")
    if p.item.note:
        text.append(f"\n{words.visible(p.item.note)}", style="dim")
    return text


def block_table(block: BlockPlan) -> Table:
    table = Table(
        title=Text(words.block_title(block.kind, block.named), style="bold"),
        title_justify="left",
        box=box.ROUNDED,
        show_lines=True,
        expand=True,
    )
    table.add_column("Exercise", ratio=5)
    table.add_column("Sets x amount", ratio=2)
    table.add_column("Load, and why", ratio=3)
    for p in block.items:
        table.add_row(exercise_cell(p), dose_cell(p), load_cell(p))
    if block.note:
        table.caption = Text(words.visible(block.note))
    return table


def stop_rules() -> Panel:
    body = "\n".join(f"• {rule}" for rule in STOP_RULES)
    return Panel(body, title="Stop and get help if", title_align="left", border_style="red")


def day(plan: DayPlan, console: Console) -> None:
    pos = plan.position
    program = plan.program
    head = Text()
    head.append(_date(plan.date), style="bold")
    week = words.week_of(pos.week, pos.total_weeks)
    head.append(f"\n{words.visible(program.name)} · {words.visible(pos.phase.name)} phase · {week}")
    if plan.before_start:
        head.append(f"\nYour program starts on {_date(plan.profile.start)}.", style="bold")
    elif plan.training:
        head.append(f"\nToday: session {plan.label}", style="bold green")
    else:
        head.append("\nRest day from strength training.", style="bold")
    head.append(f"\nNext session: {plan.next_label} on {_date(plan.next_date)}", style="dim")
    console.print(Panel(head, box=box.HEAVY, border_style="cyan"))
    for note in plan.notices:
        console.print(Text(words.note(note), style="bold magenta"))
    for block in plan.blocks[: plan.session_blocks]:
        console.print(block_table(block))
    daily = plan.blocks[plan.session_blocks :]
    if daily:
        heading = "Also today, every day:" if plan.training else "Every day, rest days too:"
        console.print(Text(heading, style="bold underline"))
    for block in daily:
        console.print(block_table(block))
    console.print(stop_rules())
    console.print(Text(DISCLAIMER, style="dim"))


def programs_table(rows: Sequence[ProgramRow]) -> Table:
    """`oneup programs list`: every program, or what is wrong with its file."""
    table = Table(box=box.SIMPLE_HEAVY, expand=False)
    table.add_column("Program", style="bold", no_wrap=True)  # the id people type
    table.add_column("Name")
    table.add_column("For")
    table.add_column("Weeks", justify="right")
    table.add_column("Where")
    for row in rows:
        pid, program = row.id, row.program
        where = "built-in" if row.builtin else str(row.path)
        if program is None:
            table.add_row(*plain(pid, Text(row.problem, style="red"), "", "", where))
        else:
            table.add_row(
                *plain(pid, program.name, program.audience.value, str(program.total_weeks), where)
            )
    return table


def program_detail(program: Program, library: Library, console: Console) -> None:
    exercises = library.by_id()
    console.print(
        Panel(
            Text.assemble(
                (words.visible(program.name), "bold"),
                f"  ({program.id}, version {words.visible(str(program.version))})\n",
                f"For: {program.audience.value}\n",
                words.visible(program.summary.strip(), keep="\n"),
                "\nSchedule: ",
                (
                    f"{words.days_a_week(program.schedule)}, usually "
                    f"{', '.join(program.schedule.default_days)}",
                    "bold",
                ),
                f", {program.total_weeks} weeks in all",
            ),
            box=box.HEAVY,
            border_style="cyan",
        )
    )
    for phase in program.phases:
        req = ""
        if phase.requires is not None:
            req = " · only for " + _requires_words(phase.requires)
        deload = (
            f" · deload weeks {', '.join(map(str, phase.deload_weeks))}"
            if phase.deload_weeks
            else ""
        )
        console.print(
            Text.assemble(
                ("\n" + words.visible(phase.name), "bold underline"),
                f"  ({phase.weeks} weeks{deload}{req})\n",
                words.visible(phase.purpose, keep="\n"),
            )
        )
        groups = [(f"Session {s.label}", s.blocks) for s in phase.sessions]
        if phase.daily:
            groups.append(("Every day", phase.daily))
        if phase.other_days:
            groups.append(("Days without a session", phase.other_days))
        for title, blocks in groups:
            table = Table(title=title, title_justify="left", box=box.ROUNDED, expand=True)
            for col in ("Block", "Exercise", "Dose", "Load / effort", "Progression", "Rest"):
                table.add_column(col, overflow="fold")
            for block in blocks:
                for item in block.items:
                    ex = exercises.get(item.exercise)
                    name = ex.name if ex else item.exercise
                    if item.requires is not None:
                        name += f"\n(only {_requires_words(item.requires)})"
                    dose = f"{item.sets} x {item.dose} {item.measure.value}"
                    if item.support:
                        dose += f"\nsupport: {item.support.value}"
                    load = _load_words(item)
                    table.add_row(
                        *plain(
                            words.block_title(block.kind),
                            name,
                            dose,
                            load,
                            item.progression.value,
                            f"{item.rest} s" if item.rest else "",
                        )
                    )
            console.print(table)
    console.print(
        Text.assemble(
            ("\nDeload: ", "bold"),
            f"{program.deload.load_percent}% of the load and {program.deload.sets_less} set less "
            "in deload weeks",
        )
    )
    if program.notes:
        console.print(Text("Notes", style="bold"))
        for note in program.notes:
            shown = words.visible(note, keep="\n")
            console.print(f"• {escape(shown)}")
    console.print(Text.assemble(("Sources: ", "bold"), ", ".join(s.value for s in program.sources)))
    risky = sorted(
        {
            exercises[i.exercise].name
            for _, _, i in program_items(program)
            if i.exercise in exercises and exercises[i.exercise].safety
        }
    )
    if risky:
        console.print(Text.assemble(("Take extra care with: ", "bold"), ", ".join(risky)))
    console.print(stop_rules())
    console.print(Text(DISCLAIMER, style="dim"))


def _requires_words(req: object) -> str:
    parts = []
    for field, yes, no in (
        ("supervised", "supervised", "unsupervised"),
        ("vertebral_fracture", "with a vertebral fracture", "without a vertebral fracture"),
        ("cleared", "cleared by a clinician", "not yet cleared"),
    ):
        value = getattr(req, field)
        if value is not None:
            parts.append(yes if value else no)
    return ", ".join(parts)


def _load_words(item: object) -> str:
    from ..model import Item

    assert isinstance(item, Item)
    parts = []
    if item.load is not None:
        if item.load.percent is not None:
            parts.append(f"{item.load.percent}% of 1RM")
        elif item.load.start is not None:
            parts.append(f"start {item.load.start}")
        elif item.load.band:
            parts.append(f"{item.load.band} band")
        else:
            parts.append(item.load.type.value)
    if item.effort is not None:
        parts.append(f"effort {item.effort}")
    return ", ".join(parts)


def exercises_table(library: Library) -> Table:
    table = Table(box=box.SIMPLE_HEAVY)
    table.add_column("Id", style="bold", no_wrap=True)  # the id people type
    for col in ("Name", "Category", "Measured in", "Equipment", "Safety"):
        table.add_column(col, overflow="fold")
    for ex in sorted(library.exercises, key=lambda e: (e.category.value, e.name)):
        tags = [t.value for t in ex.safety]
        if ex.impact.value != "none":
            tags.append(f"impact: {ex.impact.value}")
        table.add_row(
            *plain(
                ex.id,
                ex.name,
                ex.category.value,
                ex.measure.value,
                ", ".join(e.value for e in ex.equipment),
                ", ".join(tags),
            )
        )
    return table


def exercise_detail(ex: Exercise, library: Library) -> Group:
    lib = library.by_id()
    lines = Text()
    lines.append(words.visible(ex.name), style="bold")
    lines.append(
        f"  ({ex.id})\n{ex.category.value}, measured in {ex.measure.value}"
        f"{', each side' if ex.each_side else ''}\n"
    )
    lines.append("Equipment: ", style="bold")
    lines.append(", ".join(e.value for e in ex.equipment) + "\n")
    lines.append("How to do it:\n", style="bold")
    for cue in ex.cues:
        lines.append(f"  • {words.visible(cue)}\n")
    if ex.support:
        lines.append("Support: ", style="bold")
        lines.append(words.visible(ex.support) + "\n")
    tags = [t.value for t in ex.safety]
    lines.append("Safety: ", style="bold")
    lines.append((", ".join(tags) if tags else "no special tags") + f"; impact {ex.impact.value}\n")
    for label, ref in (
        ("Easier", ex.easier),
        ("Harder", ex.harder),
        ("Without this equipment", ex.home_substitute),
    ):
        if ref:
            lines.append(f"{label}: ", style="bold")
            lines.append(f"{lib[ref].name if ref in lib else ref} ({ref})\n")
    return Group(Panel(lines, box=box.ROUNDED))
