"""`oneup plan`: printable weekly plans for trainers, in text, Markdown, HTML, PDF and JSON.

Only typer and the standard library are imported here at start-up: the planning code and
the renderers load inside the command.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..completion import complete_program
from ..errors import UsageError
from .common import TEMPLATE_HELP, day_option, err, profile_name, warn
from .params import add

if TYPE_CHECKING:
    from ..render.registry import Options

# Kept in step with render/registry.py by a test (importing it here would cost start-up time).
FORMAT_HELP = "text, md, html, pdf or json; default text, or from the -o file's extension."


def plan_command(
    ctx: typer.Context,
    week: Annotated[
        int | None,
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
    from ..render import registry

    chosen = parse.plan_format(fmt, output)
    paper_name = parse.paper(paper)
    to_stdout = output is None or str(output) == "-"
    target = None if output is None or to_stdout else planning.target(output)
    parse.template(template, chosen.name)
    if chosen.name == "pdf" and to_stdout and sys.stdout.isatty():
        raise UsageError(
            "a PDF cannot be shown in the terminal: write it to a file, e.g. -o plan.pdf"
        )
    new_client = None
    if program is not None:
        new_client = planning.NewClient(
            program, start, days, units, equipment, supervised, vertebral_fracture, cleared
        )
    else:
        for flag, value in {
            "--start": start,
            "--days": days,
            "--units": units,
            "--equipment": equipment,
            "--supervised": supervised or None,
            "--vertebral-fracture": vertebral_fracture or None,
            "--cleared": cleared or None,
        }.items():
            if value is not None:
                raise UsageError(
                    f"{flag} describes a new client: use it with --program ID "
                    "(a profile's own settings come from `oneup start`)"
                )
    today = day_option(date)
    plan, warnings = planning.week_plan(
        profile_name(ctx),
        today,
        planning.Weeks(week, weeks, next_week),
        new_client=new_client,
        client=client,
        notes=notes,
    )
    warn(warnings)
    options = registry.Options(paper=paper_name, template=template)
    if target is None and chosen.name == "text":
        options = _terminal_options(paper_name)
    data = chosen.render(plan, options)
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
        sys.stdout.flush()
        return
    planning.write(target, data)
    from ..render.plans import written

    err.print(written(chosen.name, plan, target), markup=False)


def _terminal_options(paper: str) -> Options:
    """Rich's own view of standard output: colour and width in a terminal, plain when piped;
    it honours NO_COLOR, TERM=dumb and COLUMNS."""
    from rich.console import Console

    from ..render.registry import Options

    console = Console()
    colour = console.color_system if console.is_terminal and not console.no_color else None
    return Options(paper=paper, width=console.width, color_system=colour)


def register(app: typer.Typer) -> None:
    add(app, plan_command, "plan")
