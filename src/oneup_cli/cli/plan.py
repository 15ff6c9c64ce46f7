"""`oneup plan`: printable weekly plans for trainers, in text, Markdown, HTML, PDF and JSON.

Only typer and the standard library are imported here at start-up: the planning code and
the renderers load inside the command.
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..completion import complete_program
from .common import TEMPLATE_HELP, encoded, err, profile_name, warn
from .params import add

if TYPE_CHECKING:
    from ..render.registry import Options

# Kept in step with render/registry.py by a test (importing it here would cost start-up time).
FORMAT_HELP = (
    "text, md, html, pdf, json, sheet (a results sheet, CSV) or xlsx; default text, or from "
    "the -o file's extension."
)


def plan_command(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option("--week", metavar="N", help="Plan this week of the program (1 is the first)."),
    ] = None,
    weeks: Annotated[
        str | None,
        typer.Option("--weeks", metavar="A-B", help="Plan a range of weeks, e.g. 3-5."),
    ] = None,
    next_week: Annotated[bool, typer.Option("--next", help="Plan next week.")] = False,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", metavar="FORMAT", help=FORMAT_HELP)
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the plan to this file ('-' for standard output).",
        ),
    ] = None,
    paper: Annotated[
        str | None,
        typer.Option(
            metavar="a4|letter",
            help="For PDF and printed HTML; default from your locale "
            "(letter for en_US, en_CA, es_MX...), else a4.",
        ),
    ] = None,
    template: Annotated[Path | None, typer.Option(metavar="FILE", help=TEMPLATE_HELP)] = None,
    date: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Plan as if today were this day (YYYY-MM-DD)."),
    ] = None,
    client: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help="The client's name for the header (default: the profile)."
        ),
    ] = None,
    notes: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Your notes for the header.")
    ] = None,
    program: Annotated[
        str | None,
        typer.Option(
            metavar="PROGRAM",
            help="Plan this program (id or file) for someone without a profile, "
            "e.g. a prospective client.",
            autocompletion=complete_program,
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="With --program: the first day (YYYY-MM-DD); default today."
        ),
    ] = None,
    days: Annotated[
        str | None,
        typer.Option(metavar="DAYS", help="With --program: training days, e.g. mon,thu."),
    ] = None,
    units: Annotated[
        str | None, typer.Option(metavar="kg|lb", help="With --program: kg or lb.")
    ] = None,
    equipment: Annotated[
        str | None,
        typer.Option(metavar="KIT", help="With --program: home (default), gym, none, or a list."),
    ] = None,
    supervised: Annotated[
        bool, typer.Option("--supervised", help="With --program: training with a coach present.")
    ] = False,
    vertebral_fracture: Annotated[
        bool,
        typer.Option("--vertebral-fracture", help="With --program: has had a vertebral fracture."),
    ] = False,
    cleared: Annotated[
        bool,
        typer.Option(
            "--cleared",
            help="With --program: cleared by a clinician for more than moderate effort.",
        ),
    ] = False,
) -> None:
    """Print a week's plan to hand to a client: sessions, loads, boxes to fill in, stop rules.

    This week: [bold]oneup plan[/bold]. Other weeks: --next, --week 3, --weeks 3-5.

    To a file: -o plan.pdf (the format follows the extension: .txt .md .html .pdf .json).

    For a new client without a profile:
    [bold]oneup plan --program prevention --start 2026-03-02 --client "Ana Ruiz" -o ana.pdf[/bold]
    """
    from .. import parse, planning

    result = planning.plan(
        planning.Request(
            profile_name(ctx),
            planning.Weeks(None if week is None else parse.week_number(week), weeks, next_week),
            fmt=fmt,
            output=output,
            paper=paper,
            template=template,
            date=date,
            client=None if client is None else parse.name(client, "client"),
            notes=None if notes is None else parse.note(notes, "notes"),
            program=program,
            start=start,
            days=days,
            units=units,
            equipment=equipment,
            supervised=supervised,
            vertebral_fracture=vertebral_fracture,
            cleared=cleared,
            terminal=sys.stdout.isatty(),
        )
    )
    warn(result.warnings)
    options = result.options
    if result.target is None and result.fmt.name == "text":
        options = _terminal_options(options.paper)
    data = result.fmt.render(result.plan, options)
    if result.target is None:
        sys.stdout.flush()
        raw = encoded(data, json=result.fmt.name == "json") if isinstance(data, str) else data
        sys.stdout.buffer.write(raw)
        sys.stdout.flush()
        return
    planning.write(result.target, data)
    from ..render.plans import written

    err.print(written(result.fmt.name, result.plan, result.target), markup=False)


def _terminal_options(paper: str) -> "Options":
    """Rich's own view of standard output: colour and width in a terminal, plain when piped;
    it honours NO_COLOR, TERM=dumb and COLUMNS."""
    from rich.console import Console

    from ..render.registry import Options

    console = Console()
    colour = console.color_system if console.is_terminal and not console.no_color else None
    return Options(paper=paper, width=console.width, color_system=colour)


def register(app: typer.Typer) -> None:
    add(app, plan_command, "plan")
