"""`oneup plan`: printable weekly plans for trainers, in text, Markdown, HTML, PDF and JSON.

Only typer and the standard library are imported here: cli.py imports this module for every
command, so the planning code and the renderers (fpdf2 above all) load inside the function.
"""

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..completion import complete_program

if TYPE_CHECKING:
    from ..render.registry import Format, Options
    from ..weekplan import WeekPlan

# Kept in step with render/registry.py by a test (importing it here would cost start-up time).
FORMAT_HELP = "text, md, html, pdf or json; default text, or from the -o file's extension."


def plan_command(
    ctx: typer.Context,
    week: Annotated[
        int | None, typer.Option("--week", help="Plan this week of the program (1 is the first).")
    ] = None,
    weeks: Annotated[
        str | None,
        typer.Option("--weeks", metavar="A-B", help="Plan a range of weeks, e.g. 3-5."),
    ] = None,
    next_week: Annotated[bool, typer.Option("--next", help="Plan next week.")] = False,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=FORMAT_HELP)] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the plan to this file ('-' for standard output).",
        ),
    ] = None,
    paper: Annotated[
        str | None,
        typer.Option(
            help="a4 or letter, for PDF and printed HTML; default from your locale "
            "(letter for en_US, en_CA, es_MX...), else a4."
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="Plan as if today were this day (YYYY-MM-DD).")
    ] = None,
    client: Annotated[
        str | None, typer.Option(help="The client's name for the header (default: the profile).")
    ] = None,
    notes: Annotated[str | None, typer.Option(help="Your notes for the header.")] = None,
    program: Annotated[
        str | None,
        typer.Option(
            help="Plan this program (id or file) for someone without a profile, "
            "e.g. a prospective client.",
            autocompletion=complete_program,
        ),
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="With --program: the first day (YYYY-MM-DD); default today.")
    ] = None,
    days: Annotated[
        str | None, typer.Option(help="With --program: training days, e.g. mon,thu.")
    ] = None,
    units: Annotated[str | None, typer.Option(help="With --program: kg or lb.")] = None,
    equipment: Annotated[
        str | None, typer.Option(help="With --program: home (default), gym, none, or a list.")
    ] = None,
    supervised: Annotated[
        bool, typer.Option("--supervised", help="With --program: training with a coach present.")
    ] = False,
    vertebral_fracture: Annotated[
        bool,
        typer.Option("--vertebral-fracture", help="With --program: has had a vertebral fracture."),
    ] = False,
    cleared: Annotated[
        bool,
        typer.Option(
            "--cleared",
            help="With --program: cleared by a clinician for more than moderate effort.",
        ),
    ] = False,
) -> None:
    """Print a week's plan to hand to a client: sessions, loads, boxes to fill in, stop rules.

    This week: oneup plan. Other weeks: --next, --week 3, --weeks 3-5.
    To a file: -o plan.pdf (the format follows the extension: .txt .md .html .pdf .json).
    For a new client without a profile:
    oneup plan --program prevention --start 2026-03-02 --client "Ana Ruiz" -o ana.pdf
    """
    from ..errors import UsageError
    from ..options import err, parse_date_option
    from ..render import registry

    chosen = _format(fmt, output)
    paper_name = _paper(paper)
    to_stdout = output is None or str(output) == "-"
    target = None if to_stdout else _target(output)
    if chosen.name == "pdf":
        _need_fpdf()
        if to_stdout and sys.stdout.isatty():
            raise UsageError(
                "a PDF cannot be shown in the terminal: write it to a file, e.g. -o plan.pdf"
            )
    prospective_flags = {
        "--start": start,
        "--days": days,
        "--units": units,
        "--equipment": equipment,
        "--supervised": supervised or None,
        "--vertebral-fracture": vertebral_fracture or None,
        "--cleared": cleared or None,
    }
    if program is None:
        given = [flag for flag, value in prospective_flags.items() if value is not None]
        if given:
            raise UsageError(
                f"{given[0]} describes a new client: use it with --program ID "
                "(a profile's own settings come from `oneup start`)"
            )
    today = parse_date_option(date)
    if program is not None:
        plan = _prospective(
            program,
            today,
            start=start,
            days=days,
            units=units,
            equipment=equipment,
            supervised=supervised,
            vertebral_fracture=vertebral_fracture,
            cleared=cleared,
            client=client,
            notes=notes,
            week=week,
            weeks=weeks,
            next_week=next_week,
        )
    else:
        plan = _for_profile(
            ctx, today, client=client, notes=notes, week=week, weeks=weeks, next_week=next_week
        )
    options = registry.Options(paper=paper_name)
    if to_stdout and chosen.name == "text":
        options = _terminal_options(paper_name)
    data = chosen.render(plan, options)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.flush()
        return
    _write_atomic(target, raw)
    n = len(plan.sessions)
    sessions = f", {n} session{'s' if n != 1 else ''}" if n else ""
    err.print(
        f"Wrote the {chosen.name} plan ({_weeks_words(plan)}{sessions}) to {target}", markup=False
    )


# ---------------------------------------------------------------------------------------------


def _format(fmt: str | None, output: Path | None) -> "Format":
    from ..errors import UsageError
    from ..render import registry

    choices = ", ".join(registry.names())
    if fmt is not None:
        chosen = registry.get(fmt)
        if chosen is None:
            raise UsageError(f"--format '{fmt}' is not a format: choose {choices}")
        return chosen
    if output is not None and str(output) != "-":
        chosen = registry.get("text") if output.suffix == "" else registry.from_extension(output)
        if chosen is None:
            raise UsageError(
                f"cannot tell the format of '{output}' from its extension: add --format ({choices})"
            )
        return chosen
    text = registry.get("text")
    assert text is not None
    return text


def _paper(paper: str | None) -> str:
    from ..errors import UsageError
    from ..render import registry

    if paper is None:
        return registry.default_paper(os.environ)
    name = paper.strip().lower()
    if name not in registry.PAPERS:
        raise UsageError(f"--paper '{paper}' is not a paper size: use a4 or letter")
    return name


def _target(output: Path | None) -> Path:
    """Where -o writes: exactly the path given, in a folder that already exists."""
    from ..errors import UsageError

    assert output is not None
    path = Path(os.path.abspath(output))
    if path.is_dir():
        raise UsageError(f"-o {output} is a folder: give a file name, e.g. {output}/plan.pdf")
    if not path.parent.is_dir():
        raise UsageError(f"-o {output}: the folder {path.parent} does not exist")
    return path


def _need_fpdf() -> None:
    """Fail before any work when the PDF writer is missing (an install gone wrong)."""
    from ..errors import OneupError
    from ..render.registry import PDF_MISSING

    try:
        import fpdf  # noqa: F401
    except ImportError:
        raise OneupError(PDF_MISSING) from None


def _terminal_options(paper: str) -> "Options":
    """Rich's own view of standard output: colour and width in a terminal, plain when piped;
    it honours NO_COLOR, TERM=dumb and COLUMNS."""
    from rich.console import Console

    from ..render.registry import Options

    console = Console()
    colour = console.color_system if console.is_terminal and not console.no_color else None
    return Options(paper=paper, width=console.width, color_system=colour)


def _write_atomic(path: Path, data: bytes) -> None:
    """Temp file beside the target, fsync, os.replace: the old file or the new, never half.
    New files are readable by their owner only (a plan is health data)."""
    from ..errors import OneupError

    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise OneupError(f"cannot write {path}: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise OneupError(f"cannot write {path}: {e.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _weeks_words(plan: "WeekPlan") -> str:
    a, b = plan.first.number, plan.last.number
    return f"week {a}" if a == b else f"weeks {a}-{b}"


# ---------------------------------------------------------------------------------------------


def _for_profile(
    ctx: typer.Context, today: Any, *, client: str | None, notes: str | None, **which: Any
) -> "WeekPlan":
    from .. import profile as profiles
    from .. import service, weekplan
    from ..errors import UsageError
    from ..options import err, profile_name

    name = profile_name(ctx)
    if profiles.load(name) is None:
        raise UsageError(
            f"no profile called '{name}' yet: start one with `oneup start PROGRAM`, "
            "or plan for a new client with --program ID"
        )
    context = service.open_context(name, today=today)
    history, warnings = service.read_history(name)
    for w in warnings:
        err.print(f"Warning: {w}", markup=False)
    chosen = weekplan.choose_weeks(context.program, context.profile, today, **which)
    return weekplan.build(
        context.program,
        context.library,
        context.profile,
        history,
        chosen,
        today=today,
        client=name if client is None else client,
        notes=notes or "",
    )


def _prospective(
    program: str,
    today: Any,
    *,
    start: str | None,
    days: str | None,
    units: str | None,
    equipment: str | None,
    supervised: bool,
    vertebral_fracture: bool,
    cleared: bool,
    client: str | None,
    notes: str | None,
    **which: Any,
) -> "WeekPlan":
    from .. import api, weekplan
    from ..profile import parse_date

    library = api.load_library()
    chosen = api.load_program(program, library)
    person = api.new_profile(
        chosen,
        start=parse_date(start, "--start") if start else today,
        days=days,
        units=units or "kg",
        equipment=equipment or "home",
        supervised=supervised,
        vertebral_fracture=vertebral_fracture,
        cleared=cleared,
        library=library,
    )
    weeks = weekplan.choose_weeks(chosen, person, today, **which)
    return api.plan_weeks(
        chosen,
        person,
        weeks=weeks,
        today=today,
        client=client or "",
        notes=notes or "",
        library=library,
    )
