"""Setting up: start, profiles, profile, paths."""

from typing import Annotated

import typer

from .. import paths
from ..completion import complete_program
from .common import confirm, out, print_json, profile_name, say, today_date
from .params import add

JSON = typer.Option("--json", help="Print a JSON document.")


def start(
    ctx: typer.Context,
    program: Annotated[
        str,
        typer.Argument(
            metavar="PROGRAM",
            help="Program id (see oneup programs list).",
            autocompletion=complete_program,
            show_default=False,
        ),
    ],
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
) -> None:
    """Begin a program for the current profile (replaces its program; the log is kept)."""
    from .. import service
    from ..render.people import follows
    from ..words import fracture_warning

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
        describe=lambda s: [
            follows(s.profile, s.program.name),
            f"Saved to {s.path}. Next: oneup today",
        ],
    )
    # saved: what cannot be printed is a warning, exit 0
    confirm(fracture_warning(started.profile, started.program), started.message)


def profiles(as_json: Annotated[bool, JSON] = False) -> None:
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


def profile(ctx: typer.Context, as_json: Annotated[bool, JSON] = False) -> None:
    """Show the current profile: program, start, days, units, equipment, flags and loads."""
    from .. import service
    from ..render import documents, people

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
    for fn, name in (
        (start, "start"),
        (profiles, "profiles"),
        (profile, "profile"),
        (paths_command, "paths"),
    ):
        add(app, fn, name)
