"""`export`: data that travels (issue 13).

Only typer and the standard library are imported here at start-up: the core, and
`icalendar` for calendars, load inside the command.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import encoded, err, now, print_json, profile_name, today_date, warn
from .params import add

DAY = "YYYY-MM-DD"


def export(
    ctx: typer.Context,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="strong, hevy, csv (oneup's own), json (a full backup) or ics (a calendar); "
            "default from the file's extension (.csv, .json, .ics).",
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar=DAY, help="Only from this day; for ics, the first day.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar=DAY, help="Only up to this day; for ics, the last day.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to this file ('-' for standard output)."
        ),
    ] = None,
    time: Annotated[
        str | None,
        typer.Option(
            metavar="HH:MM", help="ics: sessions at this time, in your time zone; default all-day."
        ),
    ] = None,
    remind: Annotated[
        str | None,
        typer.Option(metavar="30m", help="ics: a reminder this long before, e.g. 30m or 2h."),
    ] = None,
) -> None:
    """Export your log, a backup, or your schedule for a calendar.

    [bold]oneup export -f strong -o strong.csv[/bold] and [bold]-f hevy[/bold] write files
    those apps read (weights in your profile's units); [bold]-f csv[/bold] is oneup's own,
    one row per set with every field; [bold]-f json[/bold] is a full backup of the profile and
    its log, which [bold]oneup import[/bold] restores.

    [bold]oneup export -f ics --time 07:30 --remind 30m -o sessions.ics[/bold] puts one
    weekly event per session in your calendar until the program's last week; export again
    after a change and the calendar updates the same events.
    """
    from ..interop.export import Request
    from ..interop.export import export as run_export

    target = _target(output)
    result = run_export(
        Request(
            name=profile_name(ctx),
            fmt=fmt,
            today=today_date(),
            now=now(),
            since=since,
            until=until,
            time=time,
            remind=remind,
            output=None if output is None else str(output),
        )
    )
    warn(result.warnings)
    if target is not None:
        from ..files import write_atomic

        write_atomic(target, result.data)
        err.print(f"Written: {target}", markup=False)
    elif result.fmt == "json":
        print_json(result.text)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(encoded(result.text))


def _target(output: Path | None) -> Path | None:
    """Where -o writes, checked before any work; None: standard output."""
    if output is None or str(output) == "-":
        return None
    from ..planning import target

    return target(output)


def register(app: typer.Typer) -> None:
    add(app, export, "export")
