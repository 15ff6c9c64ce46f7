"""Is it working? `test` (functional tests) and `recommend` (the program to start with).

`oneup test NAME VALUE` records like `oneup log`: what it will say is made before the record
is written, and a confirmation that cannot be printed is a warning (common.confirm).
"""

from typing import Annotated

import typer

from .common import (
    JSON,
    confirm,
    day_option,
    fit,
    now,
    out,
    print_json,
    profile_name,
    today_date,
    warn,
)
from .params import Command, paragraphs


def test_command(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME",
            help="chair-stand, tug, four-stage or grip; leave out to see how to do each.",
            show_default=False,
        ),
    ] = None,
    values: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="VALUE",
            help="chair-stand COUNT, tug SECONDS, four-stage STAGE SECONDS, grip KG (or 53lb).",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="The day of the test (YYYY-MM-DD); default today."),
    ] = None,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    """Record a functional test, e.g. [bold]oneup test chair-stand 11[/bold]; alone, list the
    tests with how to do each and your last results.

    The chair stand, timed up and go and 4-stage balance test are the CDC's STEADI tests of
    the risk of falling; grip strength reads against EWGSOP2. With your year of birth and sex
    (oneup profile --born 1952 --sex f) each result is read against its published cut-off.
    Screening tests, not a diagnosis; re-test every 8 weeks.
    """
    from ..errors import UsageError
    from ..outcomes import service
    from ..render import outcomes as words

    profile = profile_name(ctx)
    if name is None:
        if as_json:
            from ..render.documents import dumps

            seen = service.tests_seen(profile)
            warn(seen.warnings)
            print_json(dumps("tests", words.test_document(seen, profile, today_date())))
            return
        seen = service.tests_seen(profile)
        warn(seen.warnings)
        out.print(words.tests_screen(seen, today_date()))
        return
    if as_json:
        raise UsageError("--json goes with oneup test alone (the list of tests and results)")
    tested = service.record_test(
        profile,
        name,
        values or [],
        day=day_option(date),
        now=now(),
        describe=lambda t: fit(words.tested(t.record, t.profile)),
    )
    confirm([], tested.message)


def recommend(
    ctx: typer.Context,
    osteoporosis: Annotated[
        str | None,
        typer.Option(
            metavar="yes|no|unknown",
            help="Has a doctor diagnosed osteoporosis? Default: yes on the "
            "diagnosed-osteoporosis program, else unknown.",
        ),
    ] = None,
    vertebral_fracture: Annotated[
        str | None,
        typer.Option(
            metavar="yes|no", help="Ever had a vertebral (spine) fracture? Default: the profile's."
        ),
    ] = None,
    falls: Annotated[
        str | None, typer.Option(metavar="N", help="Falls in the last 12 months. Default: 0.")
    ] = None,
    cleared: Annotated[
        str | None,
        typer.Option(
            metavar="yes|no",
            help="Cleared by a clinician for more than moderate effort. Default: the profile's.",
        ),
    ] = None,
    supervised: Annotated[
        str | None,
        typer.Option(
            metavar="yes|no",
            help="Training with a coach or physio present. Default: the profile's.",
        ),
    ] = None,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    """Say which program to start with, and which flags, with the reason for each.

    Reads your answers and the latest functional test results of the profile (oneup test),
    and ends with the oneup start line to run. An answer left out is taken from the profile
    (its flags and program), else no, 0 or unknown.
    """
    from ..outcomes import service
    from ..render import outcomes as words
    from .common import say

    chosen, answers, warnings = service.recommendation(
        profile_name(ctx),
        osteoporosis=osteoporosis,
        vertebral_fracture=vertebral_fracture,
        falls=falls,
        cleared=cleared,
        supervised=supervised,
    )
    warn(warnings)
    if as_json:
        from ..render.documents import dumps

        print_json(dumps("recommend", words.recommend_document(chosen, answers.as_json())))
        return
    for line in fit(words.recommendation(chosen)):
        say(line)


def register(app: typer.Typer) -> None:
    # A value such as -3 (oneup test grip -3) is the test's value, to be refused as such, not
    # an unknown option.
    app.command(
        "test",
        help=paragraphs(test_command),
        cls=Command,
        context_settings={"ignore_unknown_options": True},
    )(test_command)
    app.command("recommend", help=paragraphs(recommend), cls=Command)(recommend)
