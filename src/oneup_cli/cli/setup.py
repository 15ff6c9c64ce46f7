"""Setting up: start, profiles, profile, paths."""

from typing import Annotated

import typer

from .. import paths
from ..completion import complete_program
from .common import (
    JSON,
    confirm,
    fit,
    out,
    print_json,
    profile_name,
    say,
    to_stderr,
    today_date,
    warn,
)
from .params import Group, add, paragraphs


def start(
    ctx: typer.Context,
    program: Annotated[
        str | None,
        typer.Argument(
            metavar="PROGRAM",
            help="Program id (see oneup programs list); leave out to answer a few questions "
            "and start the program recommended (oneup recommend).",
            autocompletion=complete_program,
            show_default=False,
        ),
    ] = None,
    start_date: Annotated[
        str | None,
        typer.Option("--start", metavar="DATE", help="First day (YYYY-MM-DD); default today."),
    ] = None,
    days: Annotated[
        str | None,
        typer.Option(metavar="DAYS", help="Training days, e.g. mon,thu; default from the program."),
    ] = None,
    units: Annotated[
        str, typer.Option(metavar="kg|lb", help="Kilograms or pounds.", show_default=True)
    ] = "kg",
    equipment: Annotated[
        str,
        typer.Option(
            metavar="KIT", help="home, gym, none, or a list such as dumbbells,bands,ankle-weights."
        ),
    ] = "home",
    supervised: Annotated[
        bool,
        typer.Option(
            "--supervised",
            help="Training with a coach or physio present (unlocks high-intensity lifting).",
        ),
    ] = False,
    vertebral_fracture: Annotated[
        bool,
        typer.Option(
            "--vertebral-fracture",
            help="Has had a vertebral (spine) fracture: gentler impact and effort.",
        ),
    ] = False,
    cleared: Annotated[
        bool,
        typer.Option("--cleared", help="Cleared by a clinician for more than moderate effort."),
    ] = False,
    load: Annotated[
        list[str] | None,
        typer.Option(
            metavar="EXERCISE=WEIGHT", help="Starting load, e.g. goblet-squat=10kg (repeatable)."
        ),
    ] = None,
    one_rm: Annotated[
        list[str] | None,
        typer.Option(
            "--1rm",
            metavar="EXERCISE=WEIGHT",
            help="Tested one-rep max, e.g. barbell-deadlift=60kg (repeatable).",
        ),
    ] = None,
    born: Annotated[
        str | None,
        typer.Option(metavar="YEAR", help="Year of birth, for the functional tests' cut-offs."),
    ] = None,
    sex: Annotated[
        str | None,
        typer.Option(metavar="f|m", help="Sex, for the functional tests' cut-offs."),
    ] = None,
) -> None:
    """Begin a program for the current profile (replaces its program; the log is kept).

    Without a program, in a terminal, oneup asks a few questions and starts the program
    recommended after you confirm it (the same as oneup recommend).
    """
    from .. import service
    from ..render.people import follows
    from ..words import fracture_warning

    if program is None:
        program, flags = _ask_for_program(ctx)
        supervised = supervised or flags["supervised"]
        vertebral_fracture = vertebral_fracture or flags["vertebral_fracture"]
        cleared = cleared or flags["cleared"]
    started = service.start(
        profile_name(ctx),
        program,
        today=today_date(),
        start=start_date,
        days=days,
        units=units,
        equipment=equipment,
        supervised=supervised,
        vertebral_fracture=vertebral_fracture,
        cleared=cleared,
        loads=load or [],
        one_rm=one_rm or [],
        born=born,
        sex=sex,
        describe=lambda s: [
            follows(s.profile, s.program.name),
            f"Saved to {s.path}. Next: oneup today",
        ],
    )
    # saved: what cannot be printed is a warning, exit 0
    confirm(fracture_warning(started.profile, started.program), started.message)


def _interactive() -> bool:
    import sys

    return sys.stdin is not None and sys.stdin.isatty()


def _ask_for_program(ctx: typer.Context) -> tuple[str, dict[str, bool]]:
    """`oneup start` alone: in a terminal, the questions of `oneup recommend` one by one, and
    the program recommended once confirmed; without one, a usage error naming the options."""
    from ..errors import UsageError
    from ..outcomes import service
    from ..outcomes.recommend import Question, interview
    from ..render.outcomes import recommendation

    if not _interactive():
        raise UsageError(
            "say which program to start (oneup start prevention, balance or "
            "diagnosed-osteoporosis), or let oneup recommend one: oneup recommend "
            "--osteoporosis yes|no|unknown --vertebral-fracture yes|no --falls N"
        )
    for line in fit(
        ["A few questions to choose your program (Enter keeps the answer in brackets)."]
    ):
        say(line)

    def ask(q: Question) -> str:
        for line in fit(["", q.explain]):
            say(line)
        return str(typer.prompt(q.text, default=q.default))

    answers = interview(ask, lambda line: say(f"Sorry: {line}"))
    chosen, _, warnings = service.recommendation(profile_name(ctx), answers=answers)
    warn(warnings)
    say("")
    for line in fit(recommendation(chosen)[:-1]):
        say(line)
    if not typer.confirm(f"Start {chosen.program} now?", default=True):
        raise typer.Abort()
    flags = {"--supervised", "--vertebral-fracture", "--cleared"} & {f.option for f in chosen.flags}
    return chosen.program, {
        "supervised": "--supervised" in flags,
        "vertebral_fracture": "--vertebral-fracture" in flags,
        "cleared": "--cleared" in flags,
    }


def profiles_list(as_json: Annotated[bool, JSON] = False) -> None:
    """List the profiles (one per person)."""
    from .. import service
    from ..render import documents, people

    rows = service.all_profiles()
    if as_json:
        print_json(documents.dumps("profiles", documents.profiles(rows)))
        return
    if not rows:
        say(people.NO_PROFILES)
    for line in people.profile_lines(rows):
        say(line)


def profiles_group(ctx: typer.Context, as_json: Annotated[bool, JSON] = False) -> None:
    """List the profiles (one per person), as oneup profiles list does; oneup profiles import
    ROSTER.csv makes one per client of a roster."""
    if ctx.invoked_subcommand is None:
        profiles_list(as_json)


def profiles_import(
    roster: Annotated[
        str,
        typer.Argument(
            metavar="ROSTER",
            help="The roster: a CSV file with the columns of oneup bulk, or '-' for standard "
            "input.",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Show what would be created and changed; write nothing."),
    ] = False,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    """Save a profile for every client of a roster, and update the profiles already saved.

    The roster has the columns of oneup bulk. Each row's profile is named after the client,
    made safe as bulk's file names are (Zoë Łukasiewicz: zoe-lukasiewicz), or comes from a
    [bold]profile[/bold] column. A new profile gets the row's settings; a saved one gets the
    cells filled in (program, start, days, units, equipment, the flags, load:EXERCISE), and a
    blank cell keeps what is saved. No log is ever changed: a client whose program changes
    keeps their log.

    Every row is checked first: a bad row, or two rows giving one profile, means nothing is
    written (exit 2), and every bad row is listed.

    Example: [bold]oneup profiles import clients.csv --dry-run[/bold]
    """
    from .. import enrol
    from ..render import documents, people
    from ..words import visible

    try:
        result = enrol.import_roster(roster, today=today_date(), dry_run=dry_run)
    except enrol.BadRows as e:
        for line in e.rows:
            to_stderr(visible(line))
        raise
    if as_json:
        print_json(documents.dumps("profiles-import", documents.profiles_import(result)))
        return
    lines = people.imported_lines(result)
    if dry_run or not (result.count("created") or result.count("changed")):
        for line in lines:
            say(line)
        return
    confirm([], lines)  # saved: what cannot be printed is a warning, exit 0


def profile(
    ctx: typer.Context,
    as_json: Annotated[bool, JSON] = False,
    born: Annotated[
        str | None,
        typer.Option(metavar="YEAR", help="Set the year of birth (for the tests' cut-offs)."),
    ] = None,
    sex: Annotated[
        str | None, typer.Option(metavar="f|m", help="Set the sex (for the tests' cut-offs).")
    ] = None,
) -> None:
    """Show the current profile: program, start, days, units, equipment, flags and loads.

    With --born or --sex, set them first (the functional tests read results against cut-offs
    by age and sex).
    """
    from .. import service
    from ..render import documents, people

    if born is not None or sex is not None:
        from ..outcomes.service import set_person

        person = set_person(profile_name(ctx), today=today_date(), born=born, sex=sex)
    else:
        person = service.profile(profile_name(ctx))
    if as_json:
        print_json(documents.dumps("profile", documents.profile(person)))
        return
    out.print(people.profile_table(person))


def paths_command(ctx: typer.Context) -> None:
    """Print where oneup keeps its data (set ONEUP_HOME to move it)."""
    name = profile_name(ctx)
    say(f"data:     {paths.home()}")
    say(f"programs: {paths.user_programs_dir()}")
    say(f"profile:  {paths.profile_file(name)}")
    say(f"log:      {paths.log_file(name)}")
    say(f"cache:    {paths.cache_dir()}")


def register(app: typer.Typer) -> None:
    for fn, name in ((start, "start"), (profile, "profile"), (paths_command, "paths")):
        add(app, fn, name)
    # `profiles` alone lists them, as it did when it was a command of its own.
    group = typer.Typer(cls=Group, invoke_without_command=True)
    group.callback(help=paragraphs(profiles_group))(profiles_group)
    add(group, profiles_list, "list")
    add(group, profiles_import, "import")
    app.add_typer(group, name="profiles")
