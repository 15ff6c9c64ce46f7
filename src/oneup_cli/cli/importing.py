"""`oneup import FILE`: history from another app (Strong, Hevy, FitNotes) into the log.

Like the other recording commands, it makes what it will say before it writes: once the
batch is saved, only printing can fail, and that is `common.Unconfirmed` (a warning, exit 0).
"""

import sys
from typing import Annotated

import typer

from .common import (
    Unconfirmed,
    confirm,
    now,
    print_json,
    profile_name,
    say,
    today_date,
    warn,
)
from .params import add


def import_command(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="A CSV file exported from Strong, Hevy or FitNotes.",
            show_default=False,
        ),
    ],
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="NAME=EXERCISE",
            help='Map a name the file uses to an exercise, e.g. "Cable Row=seated-cable-row" '
            "(repeatable).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be added; write nothing.")
    ] = False,
    skip_bad: Annotated[
        bool,
        typer.Option("--skip-bad", help="Skip the rows that cannot be read, and list them."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Import your history from another app: [bold]oneup import strong.csv[/bold].

    The format is found from the file's first line: Strong (both its comma and its older
    semicolon forms), Hevy (kg or lb) and FitNotes. Each exercise of each day becomes one
    record with all its sets; warm-up sets are kept and marked, and do not count as work
    sets; weights stay in the unit the file gives.

    Names oneup does not know are kept by name, shown in [bold]oneup history[/bold], and
    not used to plan until you map them with --map (for a file already imported:
    [bold]oneup undo[/bold], then import it again). Importing a file again adds only what
    is new, and [bold]oneup undo[/bold] takes the whole import back.
    """
    from .. import importing
    from ..programs import load_library
    from ..render import importing as words

    library = load_library()
    name = profile_name(ctx)

    def describe(result: importing.Imported) -> list[str]:
        if as_json:
            from ..render.documents import dumps

            return [dumps("import", words.document(name, result, library))]
        return words.summary(result, library, importing.SHOWN_BAD)

    result = importing.import_file(
        name,
        file,
        now=now(),
        today=today_date(),
        maps=map_ or [],
        dry_run=dry_run,
        skip_bad=skip_bad,
        describe=describe,
    )
    if result.dry_run or not result.added:  # nothing was saved: output failing is an error
        warn(result.warnings)
        for line in result.message:
            if as_json:
                print_json(line)
            else:
                say(line)
        return
    if not as_json:
        confirm(result.warnings, result.message)
        return
    warn(result.warnings)
    try:  # saved: a document that cannot be printed is a warning, never an error
        print_json(result.message[0])
        sys.stdout.flush()
    except Exception as e:
        raise Unconfirmed(str(e) or type(e).__name__) from None


def register(app: typer.Typer) -> None:
    add(app, import_command, "import")
