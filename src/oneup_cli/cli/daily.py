"""The daily commands: today, log, done, undo, history.

The recording commands (log, done, undo) make what they will say before they write, and once
the record is saved nothing can turn into an error: a confirmation that cannot be printed (a
full disk, a closed pipe, a closed stdout) is `common.Unconfirmed`, which the caller in
`cli/__init__.py` turns into a warning with exit 0, so that nobody retries and records the
same sets twice.
"""

from typing import Annotated

import typer

from .. import paths
from ..completion import complete_exercise
from ..errors import UsageError
from .common import (
    JSON,
    confirm,
    day_option,
    now,
    out,
    print_json,
    profile_name,
    say,
    to_stderr,
    today_date,
    warn,
)
from .params import add


def today(
    ctx: typer.Context,
    date: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Plan this day instead (YYYY-MM-DD)."),
    ] = None,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    """Show today's session: exercises, sets, loads and why, or the rest day and what's next."""
    from .. import service

    name = profile_name(ctx)
    result = service.today(name, day_option(date), today=today_date())
    if result.created:
        from ..render.people import started

        to_stderr(started(name, result.plan.program.id))
    warn(result.warnings)
    if as_json:
        from ..render.documents import dumps
        from ..render.jsondoc import day_document

        print_json(dumps("today", day_document(result.plan)))
        return
    from ..render.terminal import day as render_day

    render_day(result.plan, out)
    if result.retest_due is not None or result.first_test:
        from ..render import outcomes

        due = result.retest_due
        out.print(
            outcomes.retest_line(due) if due is not None else outcomes.FIRST_TEST, markup=False
        )


def log_command(
    ctx: typer.Context,
    exercise: Annotated[
        str,
        typer.Argument(
            metavar="EXERCISE",
            help="Exercise id or name, e.g. goblet-squat; or 'path' to print where the log lives.",
            autocompletion=complete_exercise,
            show_default=False,
        ),
    ],
    spec: Annotated[
        str | None,
        typer.Argument(
            metavar="SPEC",
            help="What you did: 3x8@20kg, 8,8,6@45lb, 2x30s, 5x10, 1x20min.",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="The day you did it (YYYY-MM-DD); default today."),
    ] = None,
    rpe: Annotated[
        str | None,
        typer.Option(metavar="0-10", help="How hard it felt, 0 (easy) to 10 (maximal)."),
    ] = None,
    pain: Annotated[
        bool,
        typer.Option(
            "--pain", help="It hurt (not just effort): the next session will not go heavier."
        ),
    ] = False,
    note: Annotated[str | None, typer.Option(metavar="TEXT", help="A short note.")] = None,
    support: Annotated[
        str | None,
        typer.Option(
            metavar="LEVEL", help="Balance: two-hands, one-hand, no-support or eyes-closed."
        ),
    ] = None,
) -> None:
    """Record sets you did, e.g. [bold]oneup log goblet-squat 2x12@10kg[/bold]."""
    from .. import service
    from ..render import records

    name = profile_name(ctx)
    if spec is None:
        if exercise == "path":
            say(str(paths.log_file(name)))
            return
        raise UsageError(f"say what you did after the exercise, e.g. oneup log {exercise} 3x8@20kg")
    logged = service.log_sets(
        name,
        exercise,
        spec,
        day=day_option(date),
        now=now(),
        rpe=rpe,
        pain=pain,
        note=note,
        support=support,
        describe=lambda done: [records.logged(done.exercise.name, done.record)],
    )
    confirm([], logged.message)


def done(
    ctx: typer.Context,
    date: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="The day (YYYY-MM-DD); default today."),
    ] = None,
    skip: Annotated[
        list[str] | None,
        typer.Option(metavar="EXERCISE", help="An exercise you did not do (repeatable)."),
    ] = None,
) -> None:
    """Record the day's session as done as prescribed.

    A rep range is recorded at its bottom, so the weight holds. To earn a heavier weight, log
    your reps with [bold]oneup log[/bold] first.

    Use --skip for an exercise you did not do; [bold]oneup undo[/bold] takes it all back.
    """
    from .. import service
    from ..render import records

    day = day_option(date)

    def describe(result: service.Done) -> list[str]:
        said = records.done(result.plan.label, result.plan.training, day, result.records)
        return [said, *(records.without_weight(e) for e in result.without_weight)]

    result = service.done(
        profile_name(ctx), day, today=today_date(), now=now(), skip=skip or [], describe=describe
    )
    if not result.records:  # nothing was saved: output that fails is an error as usual
        warn(result.warnings)
        out.print(records.NOTHING_LEFT)
        return
    confirm(result.warnings, result.message)


def undo(ctx: typer.Context) -> None:
    """Take back the last record (by adding a record that voids it; nothing is erased)."""
    from .. import service
    from ..render import records

    said: list[str] = []
    undone = service.undo(profile_name(ctx), check=lambda taken: said.append(records.undone(taken)))
    confirm(undone.warnings, said)


def history(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Only from this day (YYYY-MM-DD).")
    ] = None,
    exercise: Annotated[
        str | None,
        typer.Option(
            metavar="EXERCISE", help="Only this exercise.", autocompletion=complete_exercise
        ),
    ] = None,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    """List what was recorded."""
    from .. import service
    from ..render import documents, records

    name = profile_name(ctx)
    found, warnings = service.history(name, since=since, exercise=exercise)
    warn(warnings)
    if as_json:
        print_json(documents.dumps("history", documents.history(name, found)))
    elif not found:
        out.print(records.NOTHING_YET)
    else:
        out.print(records.history_table(found))


def register(app: typer.Typer) -> None:
    for fn, name in (
        (today, "today"),
        (log_command, "log"),
        (done, "done"),
        (undo, "undo"),
        (history, "history"),
    ):
        add(app, fn, name)
