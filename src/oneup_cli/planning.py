"""`oneup plan` without the command line: the weeks to plan, for a profile or for a new
client, rendered in a format and written where asked."""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import os
from pathlib import Path

from . import files, parse, service, weekplan
from . import profile as profiles
from .errors import UsageError
from .weekplan import WeekPlan


@dc.dataclass(frozen=True)
class NewClient:
    """Someone without a profile (a prospective client), as the plan options give them."""

    program: str
    start: str | None = None
    days: str | None = None
    units: str | None = None
    equipment: str | None = None
    supervised: bool = False
    vertebral_fracture: bool = False
    cleared: bool = False


@dc.dataclass(frozen=True)
class Weeks:
    """Which weeks: one of week N, a range 'A-B', next week; else the current week."""

    week: int | None = None
    weeks: str | None = None
    next_week: bool = False


def week_plan(
    name: str,
    today: dt.date,
    which: Weeks,
    *,
    new_client: NewClient | None = None,
    client: str | None = None,
    notes: str | None = None,
) -> tuple[WeekPlan, list[str]]:
    """The plan, and any warnings from reading the profile's log."""
    chosen = dc.asdict(which)
    if new_client is not None:
        return _prospective(new_client, today, chosen, client=client, notes=notes), []
    if profiles.load(name) is None:
        raise UsageError(
            f"no profile called '{name}' yet: start one with `oneup start PROGRAM`, "
            "or plan for a new client with --program ID"
        )
    context = service.open_context(name, today=today)
    history, warnings = service.read_history(name)
    weeks = weekplan.choose_weeks(context.program, context.profile, today, **chosen)
    plan = weekplan.build(
        context.program,
        context.library,
        context.profile,
        history,
        weeks,
        today=today,
        client=name if client is None else client,
        notes=notes or "",
    )
    return plan, warnings


def _prospective(
    who: NewClient,
    today: dt.date,
    which: dict[str, object],
    *,
    client: str | None,
    notes: str | None,
) -> WeekPlan:
    from .programs import load_library, load_program_arg

    library = load_library()
    program = load_program_arg(who.program.strip(), library)
    person = service.new_profile(
        "new-client",
        program,
        start=parse.date(who.start, "start") if who.start else today,
        days=parse.days(who.days) if who.days else None,
        units=parse.units(who.units or "kg"),
        equipment=parse.equipment(who.equipment or "home"),
        supervised=who.supervised,
        vertebral_fracture=who.vertebral_fracture,
        cleared=who.cleared,
    )
    weeks = weekplan.choose_weeks(program, person, today, **which)  # type: ignore[arg-type]
    return weekplan.build(
        program,
        library,
        person,
        {},
        weeks,
        today=today,
        client=client or "",
        notes=notes or "",
        prospective=True,
    )


def target(output: Path) -> Path:
    """Where -o writes: exactly the path given, in a folder that already exists."""
    path = Path(os.path.abspath(output))
    if path.is_dir():
        raise UsageError(f"-o {output} is a folder: give a file name, e.g. {output}/plan.pdf")
    if not path.parent.is_dir():
        raise UsageError(f"-o {output}: the folder {path.parent} does not exist")
    return path


def write(path: Path, data: str | bytes) -> None:
    files.write_atomic(path, data.encode("utf-8") if isinstance(data, str) else data)
