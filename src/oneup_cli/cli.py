"""The `oneup` command line: parse, call the core, render, exit. No logic lives here."""

import datetime as dt
import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from . import __version__, paths, typer_tweaks
from .completion import complete_exercise, complete_program
from .errors import ExitCode, OneupError, UsageError
from .options import (
    emit_json,
    err,
    out,
    parse_date_option,
    parse_rpe_option,
    profile_name,
    say,
    today_date,
)

F = TypeVar("F", bound=Callable[..., Any])
typer_tweaks.apply()  # no pydantic for plain option values, no "<bool>" on flags in --help

app = typer.Typer(
    name="oneup",
    help="Strength, impact and balance training for bone health, one day at a time.\n\n"
    "Start with [bold]oneup today[/bold]: it shows today's session and needs no set-up.",
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)
programs_app = typer.Typer(help="List, show, check and describe programs.", no_args_is_help=True)
exercises_app = typer.Typer(
    help="The exercise library: cues, safety, equipment.", no_args_is_help=True
)
app.add_typer(programs_app, name="programs")
app.add_typer(exercises_app, name="exercises")


def guard(fn: F) -> F:
    """Map OneupError to one clear line on stderr and its exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except OneupError as e:
            err.print(f"Error: {e.message}", markup=False)
            for line in e.details:
                err.print(f"  {line}", markup=False)
            raise typer.Exit(int(e.code)) from None
        except BrokenPipeError:
            raise  # the reader went away (oneup today | head): main() ends quietly
        except OSError as e:  # an unwritable data folder, a full disk: say so, no traceback
            where = f": {e.filename}" if e.filename else ""
            err.print(f"Error: {e.strerror or e}{where}", markup=False)
            raise typer.Exit(int(ExitCode.DATA)) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        out.print(f"oneup {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    profile: Annotated[
        str,
        typer.Option(
            "--profile",
            "-p",
            envvar="ONEUP_PROFILE",
            help="Whose plan: one profile per person (a trainer keeps one per client).",
        ),
    ] = paths.DEFAULT_PROFILE,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Strength, impact and balance training for bone health."""
    try:
        paths.check_name(profile)
    except UsageError as e:  # refused for every command, also those that never use it
        err.print(f"Error: {e.message}", markup=False)
        raise typer.Exit(int(ExitCode.USAGE)) from None
    ctx.obj = {"profile": profile}


# ---------------------------------------------------------------------------------------------
# oneup today
# ---------------------------------------------------------------------------------------------


@app.command()
@guard
def today(
    ctx: typer.Context,
    date: Annotated[
        str | None, typer.Option(metavar="DATE", help="Plan this day instead (YYYY-MM-DD).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON document.")] = False,
) -> None:
    """Show today's session: exercises, sets, loads and why, or the rest day and what's next."""
    from . import service

    name = profile_name(ctx)
    day = parse_date_option(date)
    context = service.open_context(name, today=today_date(), create=True)
    if context.created:
        err.print(
            f"Started you on the '{context.program.id}' program from today "
            f"(profile '{name}'). To choose another: oneup start PROGRAM "
            "(see oneup programs list).",
            markup=False,
        )
    history, warnings = service.read_history(name, day)
    for w in warnings:
        err.print(f"Warning: {w}", markup=False)
    plan = service.plan(context, history, day)
    if as_json:
        from .render.jsondoc import day_document

        emit_json("today", day_document(plan))
        return
    from .render.terminal import day as render_day

    render_day(plan, out)


# ---------------------------------------------------------------------------------------------
# oneup start / profiles / profile / paths
# ---------------------------------------------------------------------------------------------


@app.command()
@guard
def start(
    ctx: typer.Context,
    program: Annotated[
        str,
        typer.Argument(
            metavar="PROGRAM",
            help="Program id (see oneup programs list).",
            autocompletion=complete_program,
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
    units: Annotated[str, typer.Option(metavar="kg|lb", help="kg or lb.")] = "kg",
    equipment: Annotated[
        str,
        typer.Option(
            metavar="KIT", help="home, gym, none, or a list such as dumbbells,bands,ankle-weights."
        ),
    ] = "home",
    supervised: Annotated[
        bool,
        typer.Option(
            help="Training with a coach or physio present (unlocks high-intensity lifting)."
        ),
    ] = False,
    vertebral_fracture: Annotated[
        bool, typer.Option(help="Has had a vertebral (spine) fracture: gentler impact and effort.")
    ] = False,
    cleared: Annotated[
        bool, typer.Option(help="Cleared by a clinician for more than moderate effort.")
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
    from . import profile as profiles
    from . import service
    from .programs import load_library, load_program

    name = profile_name(ctx)
    library = load_library()
    chosen = load_program(program, library)
    unit = profiles.parse_unit(units)
    profile = service.new_profile(
        name,
        chosen,
        start=profiles.parse_date(start_date, "--start") if start_date else today_date(),
        days=profiles.parse_days(days) if days else None,
        units=unit,
        equipment=profiles.parse_equipment(equipment),
        supervised=supervised,
        vertebral_fracture=vertebral_fracture,
        cleared=cleared,
        loads=profiles.parse_loads(library, load or [], unit),
        one_rm=profiles.parse_loads(library, one_rm or [], unit),
    )
    path = profiles.save(profile)
    out.print(
        f"Profile '{name}' now follows {chosen.name} from "
        f"{profile.start:%a %-d %b %Y}, on {', '.join(profile.days)}.",
        markup=False,
    )
    say(f"Saved to {path}. Next: oneup today")


@app.command("profiles")
@guard
def profiles_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON document.")] = False,
) -> None:
    """List the profiles (one per person)."""
    from . import profile as profiles

    rows: list[tuple[str, Any]] = []
    for n in profiles.names():
        try:
            rows.append((n, profiles.load(n)))
        except OneupError as e:
            rows.append((n, e))
    if as_json:
        from .model import to_plain

        good = [to_plain(p) for _, p in rows if not isinstance(p, OneupError)]
        emit_json("profiles", {"profiles": good})
        return
    if not rows:
        say("No profiles yet. `oneup today` makes one; `oneup start PROGRAM` too.")
        return
    for n, p in rows:
        if isinstance(p, OneupError):
            say(f"{n}: damaged ({p.message})")
        else:
            say(f"{n}: {p.program} from {p.start}, {', '.join(p.days)}")


@app.command("profile")
@guard
def profile_cmd(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON document.")] = False,
) -> None:
    """Show the current profile."""
    from . import profile as profiles
    from .model import to_plain

    name = profile_name(ctx)
    p = profiles.load(name)
    if p is None:
        raise UsageError(
            f"no profile called '{name}' yet: `oneup today` or `oneup start` makes one"
        )
    if as_json:
        emit_json("profile", {"profile": to_plain(p)})
        return
    out.print(p.name, style="bold", markup=False)
    for key, value in to_plain(p).items():
        if key not in ("name", "schema_version"):
            shown = ", ".join(map(str, value)) if isinstance(value, list) else value
            if isinstance(value, dict):
                shown = ", ".join(f"{k}={v}" for k, v in value.items()) or "-"
            say(f"  {key}: {shown}")


@app.command("paths")
@guard
def paths_cmd(ctx: typer.Context) -> None:
    """Print where oneup keeps its data (set ONEUP_HOME to move it)."""
    name = profile_name(ctx)
    say(f"data:     {paths.home()}")
    say(f"programs: {paths.user_programs_dir()}")
    say(f"profile:  {paths.profile_file(name)}")
    say(f"log:      {paths.log_file(name)}")
    say(f"cache:    {paths.cache_dir()}")


# ---------------------------------------------------------------------------------------------
# Recording: log, done, undo, history
# ---------------------------------------------------------------------------------------------


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@app.command("log")
@guard
def log_cmd(
    ctx: typer.Context,
    exercise: Annotated[
        str,
        typer.Argument(
            metavar="EXERCISE",
            help="Exercise id or name, e.g. goblet-squat; or 'path' to print where the log lives.",
            autocompletion=complete_exercise,
        ),
    ],
    spec: Annotated[
        str | None,
        typer.Argument(
            metavar="SPEC", help="What you did: 3x8@20kg, 8,8,6@45lb, 2x30s, 5x10, 1x20min."
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
    from . import log, service
    from .model import Support
    from .spec import format_sets, parse_spec

    name = profile_name(ctx)
    if spec is None:
        if exercise == "path":
            say(str(paths.log_file(name)))
            return
        raise UsageError(f"say what you did after the exercise, e.g. oneup log {exercise} 3x8@20kg")
    day = parse_date_option(date)
    from . import profile as profiles
    from .programs import load_library

    library = load_library()
    ex = service.find_exercise(library, exercise)
    person = profiles.load(name)
    unit = person.units if person else profiles.parse_unit("kg")
    sets = parse_spec(spec, ex.measure, unit, name=ex.name)
    if support is not None:
        try:
            level = Support(support)
        except ValueError:
            raise UsageError(
                f"--support '{support}' is not a level: use two-hands, one-hand, "
                "no-support or eyes-closed"
            ) from None
        sets = [s.replace(support=level) for s in sets]
    effort = parse_rpe_option(rpe)
    record = service.make_record(ex, sets, date=day, now=_now(), rpe=effort, pain=pain, note=note)
    log.append(paths.log_file(name), record)
    out.print(
        f"Logged {ex.name}: {format_sets(sets)} on {day:%a %-d %b}"
        f"{' (pain noted: no heavier next time)' if pain else ''}.",
        markup=False,
    )


@app.command()
@guard
def done(
    ctx: typer.Context,
    date: Annotated[
        str | None, typer.Option(metavar="DATE", help="The day (YYYY-MM-DD); default today.")
    ] = None,
    skip: Annotated[
        list[str] | None,
        typer.Option(metavar="EXERCISE", help="An exercise you did not do (repeatable)."),
    ] = None,
) -> None:
    """Record the day's session as done as prescribed.

    A rep range is recorded at its bottom, so the weight holds.

    To earn a heavier weight, log your reps with [bold]oneup log[/bold] first.

    Use --skip for an exercise you did not do; [bold]oneup undo[/bold] takes it all back.
    """
    from . import log, service

    name = profile_name(ctx)
    day = parse_date_option(date)
    context = service.open_context(name, today=today_date(), create=False)
    history, _ = service.read_history(name)
    plan = service.plan(context, history, day)
    skipped = {service.find_exercise(context.library, s).id for s in (skip or [])}
    records = service.done_records(plan, history, skip=skipped, now=_now())
    if not records:
        out.print("Nothing left to record for that day: it is all in the log already.")
        return
    log.append_many(paths.log_file(name), records)
    label = f"session {plan.label}" if plan.training else "the daily blocks"
    count = f"{len(records)} exercise{'s' if len(records) != 1 else ''}"
    say(f"Recorded {label} of {day:%a %-d %b}: {count}.")
    missing = [
        r.exercise
        for r in records
        if r.sets and r.sets[0].reps and r.sets[0].load is None and _needs_load(context, r.exercise)
    ]
    for ex_id in missing:
        out.print(
            f"No weight recorded for {ex_id}: next time log it, e.g. oneup log {ex_id} 2x12@10kg",
            markup=False,
        )


def _needs_load(context: Any, exercise_id: str | None) -> bool:
    from .model import LoadKind

    ex = context.library.by_id().get(exercise_id)
    return ex is not None and ex.load_kind not in (LoadKind.bodyweight, LoadKind.band)


@app.command()
@guard
def undo(ctx: typer.Context) -> None:
    """Take back the last record (by adding a record that voids it; nothing is erased)."""
    from . import log
    from .spec import format_sets

    taken = log.undo(paths.log_file(profile_name(ctx)))
    first = taken[0]
    when = f" on {first.date:%a %-d %b %Y}" if first.date else ""
    if len(taken) == 1:
        what = f"{first.exercise}: {format_sets(first.sets)}"
    else:
        what = f"the session recorded with `oneup done` ({len(taken)} exercises)"
    say(f"Took back {what}{when}.")


@app.command()
@guard
def history(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Only from this day (YYYY-MM-DD).")
    ] = None,
    exercise: Annotated[
        str | None, typer.Option(metavar="EXERCISE", help="Only this exercise.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON document.")] = False,
) -> None:
    """List what was recorded."""
    from . import log
    from .model import to_plain
    from .profile import parse_date
    from .spec import format_sets

    name = profile_name(ctx)
    result = log.read(paths.log_file(name))
    for w in result.warnings:
        err.print(f"Warning: {w}", markup=False)
    records = result.records
    if since:
        first = parse_date(since, "--since")
        records = [r for r in records if r.date and r.date >= first]
    if exercise:
        from . import service
        from .programs import load_library

        wanted = service.find_exercise(load_library(), exercise).id
        records = [r for r in records if r.exercise == wanted]
    if as_json:
        emit_json(
            "history",
            {
                "profile": name,
                "records": [to_plain(r) for r in records],
            },
        )
        return
    if not records:
        out.print("Nothing recorded yet. After a session: oneup done, or oneup log EXERCISE SPEC.")
        return
    from rich.table import Table

    from .render.terminal import plain

    table = Table("Date", "Exercise", "Sets", "Effort", "Pain", "Note")
    for r in records:
        table.add_row(
            *plain(
                f"{r.date:%a %-d %b %Y}" if r.date else "",
                r.exercise or "",
                format_sets(r.sets),
                "" if r.rpe is None else f"{r.rpe:g}",
                "yes" if r.pain else "",
                r.note or "",
            )
        )
    out.print(table)


# ---------------------------------------------------------------------------------------------
# oneup programs ...
# ---------------------------------------------------------------------------------------------


@programs_app.command("list")
@guard
def programs_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON document.")] = False,
) -> None:
    """List the built-in programs and your own."""
    from .model import Program
    from .programs import load_library, load_program_file, program_files

    library = load_library()
    rows: list[tuple[str, Program | None, str, str]] = []
    for ref in program_files():
        try:
            rows.append(
                (
                    ref.id,
                    load_program_file(ref.path, library),
                    "built-in" if ref.builtin else str(ref.path),
                    "",
                )
            )
        except OneupError as e:
            rows.append((ref.id, None, str(ref.path), f"invalid: {e.message}"))
    if as_json:
        emit_json(
            "programs",
            {
                "programs": [
                    {
                        "id": pid,
                        "builtin": where == "built-in",
                        "path": None if where == "built-in" else where,
                        "valid": p is not None,
                        "error": problem or None,
                        **(
                            {
                                "name": p.name,
                                "audience": p.audience.value,
                                "weeks": p.total_weeks,
                                "summary": p.summary,
                                "sources": [s.value for s in p.sources],
                            }
                            if p
                            else {}
                        ),
                    }
                    for pid, p, where, problem in rows
                ]
            },
        )
        return
    from .render.terminal import programs_table

    out.print(programs_table(rows))
    say(f"Your own programs go in {paths.user_programs_dir()}")


@programs_app.command("show")
@guard
def programs_show(
    program: Annotated[
        str,
        typer.Argument(
            metavar="PROGRAM", help="Program id or file.", autocompletion=complete_program
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON document.")] = False,
) -> None:
    """Show a program: phases, sessions, doses, load and progression rules, sources."""
    from .model import to_plain
    from .programs import load_library, load_program_arg

    library = load_library()
    chosen = load_program_arg(program, library)
    if as_json:
        emit_json("program", {"program": to_plain(chosen)})
        return
    from .render.terminal import program_detail

    program_detail(chosen, library, out)


@programs_app.command("validate")
@guard
def programs_validate(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Program files to check.")],
) -> None:
    """Check program files and report every problem as FILE:LINE:COL: message."""
    from .programs import LIBRARY_FILE, load_library
    from .validation import check_file

    failed = 0
    for path in files:
        library = None if path.name == LIBRARY_FILE else load_library()
        _, problems = check_file(path, library)
        for problem in problems:
            say(str(problem))
        if problems:
            failed += 1
        else:
            err.print(f"{path}: ok", markup=False)
    if failed:
        err.print(
            f"{failed} of {len(files)} file{'s' if len(files) > 1 else ''} had problems.",
            markup=False,
        )
        raise typer.Exit(int(ExitCode.DATA))


@programs_app.command("schema")
def programs_schema(
    library: Annotated[
        bool, typer.Option("--library", help="The exercise library's schema instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of the program format (or of the exercise library)."""
    from .model import Library, Program
    from .validation import json_schema

    sys.stdout.write(json.dumps(json_schema(Library if library else Program), indent=2) + "\n")


# ---------------------------------------------------------------------------------------------
# oneup exercises ...
# ---------------------------------------------------------------------------------------------


@exercises_app.command("list")
@guard
def exercises_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON document.")] = False,
) -> None:
    """List every exercise in the library."""
    from .model import to_plain
    from .programs import load_library

    library = load_library()
    if as_json:
        emit_json("exercises", {"exercises": [to_plain(e) for e in library.exercises]})
        return
    from .render.terminal import exercises_table

    out.print(exercises_table(library))


@exercises_app.command("show")
@guard
def exercises_show(
    exercise: Annotated[
        str,
        typer.Argument(
            metavar="EXERCISE", help="Exercise id or name.", autocompletion=complete_exercise
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON document.")] = False,
) -> None:
    """Show one exercise: how to do it, safety, easier and harder versions."""
    from . import service
    from .model import to_plain
    from .programs import load_library

    library = load_library()
    ex = service.find_exercise(library, exercise)
    if as_json:
        emit_json("exercise", {"exercise": to_plain(ex)})
        return
    from .render.terminal import exercise_detail

    out.print(exercise_detail(ex, library))


# Larger commands live in commands/; their modules import only typer at start-up.
from .commands.bulk import bulk_command  # noqa: E402
from .commands.plan import plan_command  # noqa: E402

app.command("plan")(guard(plan_command))
app.command("bulk")(guard(bulk_command))


def _hint(message: str) -> str:
    """A pointer for the usage mistakes people make most."""
    if message.startswith("No such option: --profile") or message.startswith("No such option: -p"):
        return " (give --profile before the command: oneup --profile NAME COMMAND)"
    if message.startswith("No such option: -") and message[len("No such option: -")].isdigit():
        return " (amounts cannot be negative; write sets like 3x8@20kg)"
    return ""


def main() -> None:
    """The console script: typer's own usage errors become one line too."""
    try:
        code = app(standalone_mode=False)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes at exit: point stdout at /dev/null.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except OSError as e:  # stdout itself failed, e.g. a full disk
        err.print(f"Error: could not write the output: {e.strerror or e}", markup=False)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(int(ExitCode.DATA))
    except typer.TyperException as e:  # typer's usage errors: bad option values and the like
        if type(e).__name__ == "NoArgsIsHelpError":
            sys.exit(0)
        message = e.format_message() if hasattr(e, "format_message") else str(e)
        err.print(f"Error: {message}{_hint(message)}", markup=False)
        sys.exit(getattr(e, "exit_code", int(ExitCode.USAGE)))
    except typer.Abort:
        err.print("Aborted.")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
