"""`progress` and `report`: is it working? Charts and doses for one person; one row per
client for a trainer.

Only typer and the standard library are imported here at start-up: the core and the
renderers load inside the commands.
"""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..completion import complete_exercise
from .common import day_option, err, out, print_json, profile_name, warn
from .params import add

PROGRESS_FORMATS = ("text", "json", "html")
REPORT_FORMATS = ("text", "csv", "json", "html")

OUTPUT = typer.Option(
    "--output", "-o", metavar="FILE", help="Write to this file ('-' for standard output)."
)
PAPER = typer.Option(
    metavar="a4|letter",
    help="For printed HTML; default from your locale (letter for en_US, en_CA...), else a4.",
)
DATE = typer.Option(metavar="DATE", help="As if today were this day (YYYY-MM-DD).")
JSON = typer.Option("--json", help="Print a JSON document (the same as --format json).")


def progress(
    ctx: typer.Context,
    exercise: Annotated[
        str | None,
        typer.Argument(
            metavar="[EXERCISE]",
            help="One exercise in detail, e.g. goblet-squat.",
            autocompletion=complete_exercise,
            show_default=False,
        ),
    ] = None,
    weeks: Annotated[
        str | None, typer.Option(metavar="N", help="How many weeks back; default 12.")
    ] = None,
    date: Annotated[str | None, DATE] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="FORMAT", help="text, json or html; default text."),
    ] = None,
    output: Annotated[Path | None, OUTPUT] = None,
    paper: Annotated[str | None, PAPER] = None,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    """Show whether it is working: loads, holds, the weekly dose and sessions done.

    Each loaded exercise: a chart of the working load, the best set and the estimated 1RM;
    holds and balance: the time held and the support. Then week by week: sessions done of
    those prescribed, and the dose achieved against the dose prescribed and the program's
    targets; and any pain you reported.

    One exercise in detail: [bold]oneup progress goblet-squat[/bold]. A printable page:
    [bold]oneup progress -o progress.html[/bold].
    """
    from .. import parse
    from ..outcomes import progress as pr

    chosen = "json" if as_json else pr.format_of(fmt, output, PROGRESS_FORMATS)
    count = pr.weeks_count(weeks) if weeks is not None else pr.DEFAULT_WEEKS
    sheet = parse.paper(paper)
    target = _target(output)
    result = pr.for_profile(
        profile_name(ctx), until=day_option(date), weeks=count, exercise=exercise
    )
    warn(result.warnings)
    from ..render import progress as render

    if chosen == "json":
        from ..render.documents import dumps

        _emit(dumps("progress", render.document(result)), target, json=True)
    elif chosen == "html":
        _emit(render.html(result, sheet), target)
    elif target is None:
        render.terminal(result, _console())
    else:
        _emit(_as_text(lambda c: render.terminal(result, c)), target)


def report(
    roster: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Only the clients of this CSV roster (its name column), in its order.",
        ),
    ] = None,
    date: Annotated[str | None, DATE] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="text, csv, json or html; default text."
        ),
    ] = None,
    output: Annotated[Path | None, OUTPUT] = None,
    paper: Annotated[str | None, PAPER] = None,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    """One row per client for a trainer: who needs review, and why.

    For every profile (or those of --roster): the program and week, the last session,
    adherence over the last 4 weeks, pain reported in the last 2 weeks, and the reasons to
    look again: pain, no session in 10 days or more, under half the sessions done.
    Those needing review come first.

    For a spreadsheet: [bold]oneup report -f csv -o clients.csv[/bold].
    """
    from .. import parse
    from ..outcomes import progress as pr
    from ..outcomes import report as rp
    from ..profile import names
    from ..programs import load_library

    chosen = "json" if as_json else pr.format_of(fmt, output, REPORT_FORMATS)
    sheet = parse.paper(paper)
    target = _target(output)
    today = day_option(date)
    library = load_library()
    known = names()
    wanted = known if roster is None else rp.roster_names(str(roster), library, known)
    result = rp.report(wanted, known, today, library)
    warn(result.warnings)
    from ..render import report as render

    if chosen == "json":
        from ..render.documents import dumps

        _emit(dumps("report", render.document(result)), target, json=True)
    elif chosen == "csv":
        _emit(render.csv_text(result), target)
    elif chosen == "html":
        _emit(render.html(result, sheet), target)
    elif target is None:
        render.terminal(result, _console())
    else:
        _emit(_as_text(lambda c: render.terminal(result, c)), target)


def _target(output: Path | None) -> Path | None:
    """Where -o writes, checked before any work; None: standard output."""
    if output is None or str(output) == "-":
        return None
    from ..planning import target

    return target(output)


def _console() -> Any:
    """A console for standard output that sees the terminal's width now (COLUMNS too)."""
    return type(out)(highlight=False)


def _as_text(draw: Any) -> str:
    import io

    buffer = io.StringIO()
    console = type(out)(file=buffer, width=100, color_system=None, highlight=False)
    draw(console)
    return buffer.getvalue()


def _emit(text: str, target: Path | None, *, json: bool = False) -> None:
    if target is None:
        if json:
            print_json(text)
        else:
            sys.stdout.write(text)
        return
    from ..planning import write

    write(target, text)
    err.print(f"Written: {target}", markup=False)


def register(app: typer.Typer) -> None:
    add(app, progress, "progress")
    add(app, report, "report")
