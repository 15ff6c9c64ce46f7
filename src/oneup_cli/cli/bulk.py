"""`oneup bulk`: a plan for every client of a roster, for trainers and scripts. The work is
done by the core (batch.py); this module imports only typer at start-up."""

from pathlib import Path
from typing import Annotated, Any

import typer

from .common import TEMPLATE_HELP, day_option, err
from .params import Command, paragraphs

FORMAT_HELP = (
    "pdf, html, md, json, text, sheet or xlsx (a results sheet for each client, and one of all "
    "clients: results-sheet.csv or .xlsx)."
)
ALL = "*"  # batch.ALL_PROFILES: `--profiles` given without names (kept in step by a test)


class BulkCommand(Command):
    """`bulk`, where `--profiles` may come without a value: all the saved profiles."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        given = list(args)
        for i, arg in enumerate(given):
            if arg == "--":
                break
            after = given[i + 1] if i + 1 < len(given) else None
            if arg == "--profiles" and (after is None or after.startswith("-")):
                given[i] = f"--profiles={ALL}"
        return super().parse_args(ctx, given)


def bulk_command(
    out: Annotated[
        str,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="The folder for the plans and the index (made if missing).",
        ),
    ],
    roster: Annotated[
        str | None,
        typer.Argument(
            metavar="ROSTER",
            help="The roster: a CSV file, or '-' to read it from standard input.",
            show_default=False,
        ),
    ] = None,
    profiles: Annotated[
        str | None,
        typer.Option(
            "--profiles",
            metavar="[NAMES]",
            help="Instead of a roster: a plan for every saved profile, or for those named "
            "(zoe,ana), from its own log, as oneup --profile NAME plan makes it.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help=FORMAT_HELP)] = "pdf",
    weeks: Annotated[
        str | None,
        typer.Option(
            "--weeks",
            metavar="A-B",
            help="Plan these program weeks for everyone, e.g. 1-4; default each client's "
            "current week.",
        ),
    ] = None,
    jobs: Annotated[
        str | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            help="Processes to use; default all the CPUs (one for 50 rows or fewer in JSON, "
            "Markdown or HTML).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace plans and index files already in DIR.")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Check every row first; on a bad row stop and write nothing."
        ),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print a line for every row.")
    ] = False,
    paper: Annotated[
        str | None,
        typer.Option(
            metavar="a4|letter",
            help="For PDF and HTML; default from your locale, else a4.",
        ),
    ] = None,
    template: Annotated[Path | None, typer.Option(metavar="FILE", help=TEMPLATE_HELP)] = None,
    date: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Plan as if today were this day (YYYY-MM-DD); also the default start.",
        ),
    ] = None,
) -> None:
    """Make a plan for every client of a roster: one file each in DIR, and an index.

    The roster is CSV with a header row. Columns (any case): [bold]name[/bold] (required),
    program (default prevention), start (YYYY-MM-DD, default today), days (e.g. mon,thu),
    units (kg or lb), equipment (home, gym, none or a list), supervised, vertebral_fracture,
    cleared (yes or no), notes, profile, and load:EXERCISE for starting loads (10kg, or 10
    in the row's units). Other columns are an error. A row whose profile is saved is planned
    from that profile and its log (its other columns are not used); other rows as new clients.

    With [bold]--profiles[/bold] instead of a roster: a plan for each saved profile (or for
    those named, --profiles zoe,ana), from its own log, the same as oneup --profile NAME plan.

    Files are named after the client (Zoë Łukasiewicz: zoe-lukasiewicz.pdf). DIR/index.csv
    and DIR/index.json list every row: its file or what was wrong. Rows are numbered as a
    spreadsheet shows them: the header is row 1. A bad row is reported and skipped; the
    command then exits with 1.

    Example: [bold]oneup bulk clients.csv --out plans/ --weeks 1-4[/bold]
    """
    from .. import batch, parse
    from ..errors import UsageError
    from ..render import bulk as shown

    if (roster is None) == (profiles is None):
        raise UsageError(
            "give a roster (oneup bulk clients.csv --out DIR), or --profiles for the saved "
            "profiles, but not both"
        )
    settings = batch.settings(
        roster,
        out,
        fmt=fmt,
        weeks=weeks,
        jobs=None if jobs is None else parse.processes(jobs),
        paper=paper,
        today=day_option(date),
        template=template,
    )
    names = None if profiles is None else batch.saved_profiles(profiles)
    try:
        result = batch.run(
            roster,
            settings,
            profiles=names,
            force=force,
            strict=strict,
            progress=shown.Reporter(err, verbose=verbose),
        )
    except batch.Interrupted as stop:
        err.print(shown.interrupted(stop), markup=False)
        raise typer.Exit(130) from None
    err.print(shown.summary(result), markup=False)
    if result.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("bulk", help=paragraphs(bulk_command), cls=BulkCommand)(bulk_command)
