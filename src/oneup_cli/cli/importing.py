"""`oneup import FILE`: history from another app (Strong, Hevy, FitNotes) into the log.

Like the other recording commands, it makes what it will say before it writes: once the
batch is saved, only printing can fail, and that is `common.Unconfirmed` (a warning, exit 0).
"""

import sys
from typing import Annotated, Any

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
            help="A CSV file from Strong, Hevy or FitNotes, oneup's own CSV or JSON backup, "
            "or a filled-in results sheet (.csv or .xlsx).",
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
    semicolon forms), Hevy (kg or lb), FitNotes, oneup's own CSV and JSON backup
    ([bold]oneup export[/bold]), and results sheets ([bold]oneup plan --format sheet[/bold]
    or xlsx, filled in: each row goes to the log of the profile it names).

    Each exercise of each day becomes one record with all its sets; warm-up sets are kept
    and marked, and do not count as work sets; weights stay in the unit the file gives.

    Names oneup does not know are kept by name, shown in [bold]oneup history[/bold], and
    not used to plan until you map them with --map (for a file already imported:
    [bold]oneup undo[/bold], then import it again). Importing a file again adds only what
    is new, and [bold]oneup undo[/bold] takes the whole import back.
    """
    from .. import importing
    from ..programs import load_library
    from ..render import importing as words

    data = importing.given(file)  # once: a pipe can be read only once
    sheet = importing.sheet_rows(file, data)
    if sheet is not None:
        _import_sheet(file, sheet, dry_run, skip_bad, as_json)
        return
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
        data=data,
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


def _import_sheet(file: str, rows: Any, dry_run: bool, skip_bad: bool, as_json: bool) -> None:
    """A results sheet: each filled-in row recorded in its client's log."""
    from ..importing import SHOWN_BAD
    from ..importing.sheets import SheetImported, import_sheet
    from ..render import importing as words

    def describe(result: SheetImported) -> list[str]:
        if as_json:
            from ..render.documents import dumps

            return [dumps("import-sheet", words.sheet_document(result))]
        return words.sheet_summary(result, SHOWN_BAD)

    result = import_sheet(
        file, rows, now=now(), dry_run=dry_run, skip_bad=skip_bad, describe=describe
    )
    if as_json:
        warn(result.warnings)
        try:
            print_json(result.message[0])
            sys.stdout.flush()
        except Exception as e:
            if result.dry_run:
                raise
            raise Unconfirmed(str(e) or type(e).__name__) from None
        return
    if result.dry_run:
        warn(result.warnings)
        for line in result.message:
            say(line)
        return
    confirm(result.warnings, result.message)


def register(app: typer.Typer) -> None:
    add(app, import_command, "import")
