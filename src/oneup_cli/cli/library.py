"""The programs and the exercise library: `oneup programs ...`, `oneup exercises ...`."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from .. import paths
from ..completion import complete_exercise, complete_program
from ..errors import ExitCode
from .common import JSON, err, out, print_json, say
from .params import Group, add


def programs_list(as_json: Annotated[bool, JSON] = False) -> None:
    """List the built-in programs and your own."""
    from .. import service

    rows, _ = service.program_rows()
    if as_json:
        from ..render import documents

        print_json(documents.dumps("programs", documents.programs(rows)))
        return
    from ..render.terminal import programs_table

    out.print(programs_table(rows))
    say(f"Your own programs go in {paths.user_programs_dir()}")


def programs_show(
    program: Annotated[
        str,
        typer.Argument(
            metavar="PROGRAM",
            help="Program id or file.",
            autocompletion=complete_program,
            show_default=False,
        ),
    ],
    as_json: Annotated[bool, JSON] = False,
) -> None:
    """Show a program: phases, sessions, doses, load and progression rules, sources."""
    from .. import service

    chosen, library = service.find_program(program)
    if as_json:
        from ..dose import program_dose
        from ..render import documents

        doc = documents.program(chosen, program_dose(chosen, library))
        print_json(documents.dumps("program", doc))
        return
    from ..render.terminal import program_detail

    program_detail(chosen, library, out)


def programs_validate(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="Program files to check.", show_default=False),
    ],
) -> None:
    """Check program files and report every problem as FILE:LINE:COL: message.

    The problems go to stdout, one a line; stderr says how many files had problems."""
    from .. import service

    checked = service.validate(files)
    for path, problems in checked:
        for problem in problems:
            say(str(problem))
        if not problems:
            err.print(f"{path}: ok", markup=False)
    failed = [problems[0] for _, problems in checked if problems]
    if failed:
        # One line on stderr, as every error: how many files, and where the first mistake is
        # (the located lines went to stdout, which may be a pipe).
        err.print(
            f"Error: {len(failed)} of {len(files)} file{'s' if len(files) > 1 else ''} "
            f"had problems; the first: {failed[0]}",
            markup=False,
        )
        raise typer.Exit(int(ExitCode.DATA))


def programs_schema(
    library: Annotated[
        bool, typer.Option("--library", help="The exercise library's schema instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of the program format (or of the exercise library)."""
    import json

    from ..model import Library, Program
    from ..validation import json_schema

    sys.stdout.write(json.dumps(json_schema(Library if library else Program), indent=2) + "\n")


def exercises_list(as_json: Annotated[bool, JSON] = False) -> None:
    """List every exercise in the library."""
    from ..programs import load_library

    library = load_library()
    if as_json:
        from ..render import documents

        print_json(documents.dumps("exercises", documents.exercises(library)))
        return
    from ..render.terminal import exercises_table

    out.print(exercises_table(library))


def exercises_show(
    exercise: Annotated[
        str,
        typer.Argument(
            metavar="EXERCISE",
            help="Exercise id or name.",
            autocompletion=complete_exercise,
            show_default=False,
        ),
    ],
    as_json: Annotated[bool, JSON] = False,
) -> None:
    """Show one exercise: how to do it, safety, easier and harder versions."""
    from .. import service

    ex, library = service.find_exercise(exercise)
    if as_json:
        from ..render import documents

        print_json(documents.dumps("exercise", documents.exercise(ex)))
        return
    from ..render.terminal import exercise_detail

    out.print(exercise_detail(ex, library))


def register(app: typer.Typer) -> None:
    programs = typer.Typer(
        cls=Group, help="List, show, check and describe programs.", no_args_is_help=True
    )
    add(programs, programs_list, "list")
    add(programs, programs_show, "show")
    add(programs, programs_validate, "validate")
    add(programs, programs_schema, "schema")
    exercises = typer.Typer(
        cls=Group, help="The exercise library: cues, safety, equipment.", no_args_is_help=True
    )
    add(exercises, exercises_list, "list")
    add(exercises, exercises_show, "show")
    app.add_typer(programs, name="programs")
    app.add_typer(exercises, name="exercises")
