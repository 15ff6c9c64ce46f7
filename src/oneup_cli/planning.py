"""`oneup plan` without the command line: the weeks to plan, for a profile or for a new
client, rendered in a format and written where asked."""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import files, parse, paths, service, weekplan
from . import profile as profiles
from .model import Equipment, Library, Profile, Program, Unit, Weekday, Weight
from .parse import FieldError, Mentions, literal
from .weekplan import WeekPlan

if TYPE_CHECKING:
    from .render.registry import Format, Options


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


@dc.dataclass(frozen=True)
class Request:
    """A plan as asked for, every value as typed: for the profile `profile`, or, with
    `program`, for a new client described by the fields from `start` to `cleared`."""

    profile: str
    which: Weeks = Weeks()
    fmt: str | None = None
    output: Path | None = None  # None or '-': standard output
    paper: str | None = None
    template: Path | None = None
    date: str | None = None  # plan as if today were this day; default today
    client: str | None = None
    notes: str | None = None
    program: str | None = None
    start: str | None = None
    days: str | None = None
    units: str | None = None
    equipment: str | None = None
    supervised: bool = False
    vertebral_fracture: bool = False
    cleared: bool = False
    terminal: bool = False  # standard output is a terminal


# A client's settings, in the order they are checked (and a roster lists them): NewClient's
# fields. A Request has the same fields, from `start` on, for a new client.
CLIENT_SETTINGS = tuple(f.name for f in dc.fields(NewClient))
NEW_CLIENT_FIELDS = CLIENT_SETTINGS[1:]  # all but the program


@dc.dataclass(frozen=True)
class Planned:
    """The plan, how to render it, and where it goes (None: standard output)."""

    plan: WeekPlan
    warnings: list[str]
    fmt: Format
    options: Options
    target: Path | None


def plan(request: Request) -> Planned:
    """`oneup plan`: every value checked (FieldError names a bad one), then the plan."""
    from .render import registry

    chosen = parse.plan_format(request.fmt, request.output)
    paper = parse.paper(request.paper)
    to_stdout = request.output is None or str(request.output) == "-"
    where = None if request.output is None or to_stdout else target(request.output)
    parse.template(request.template, chosen.name)
    if chosen.name == "pdf" and to_stdout and request.terminal:
        raise Mentions(
            "a PDF cannot be shown in the terminal: write it to a file, e.g. {output:plan.pdf}"
        )
    new_client = None
    if request.program is not None:
        new_client = NewClient(
            request.program,
            *(getattr(request, field) for field in NEW_CLIENT_FIELDS),
        )
    else:
        for field in NEW_CLIENT_FIELDS:
            if getattr(request, field) not in (None, False):
                raise Mentions(
                    f"{{{field}}} describes a new client: use it with {{program:ID}} "
                    "(a profile's own settings come from `oneup start`)"
                )
    today = parse.date(request.date, "date") if request.date is not None else dt.date.today()
    week_plan_, warnings = week_plan(
        request.profile,
        today,
        request.which,
        new_client=new_client,
        client=request.client,
        notes=request.notes,
    )
    options = registry.Options(paper=paper, template=request.template)
    return Planned(week_plan_, warnings, chosen, options, where)


def week_plan(
    name: str,
    today: dt.date,
    which: Weeks,
    *,
    new_client: NewClient | None = None,
    client: str | None = None,
    notes: str | None = None,
    programs: dict[str, Program] | None = None,
) -> tuple[WeekPlan, list[str]]:
    """The plan, and any warnings from reading the profile's log. `programs`: programs
    already loaded, by id (service.open_context), for a caller that plans many profiles."""
    if new_client is not None:
        return _prospective(new_client, today, which, client=client, notes=notes), []
    if profiles.load(name) is None:
        raise Mentions(
            f"no profile called '{literal(name)}' yet: start one with `oneup start PROGRAM`, "
            "or plan for a new client with {program:ID}"
        )
    context = service.open_context(name, today=today, programs=programs)
    weeks = weekplan.choose_weeks(context.program, context.profile, today, **dc.asdict(which))
    # Only what can matter from the first day planned on (recent.py: the engine looks back a
    # few sessions), so that a long log, or a thousand of them in `bulk`, costs little.
    first = min(weekplan.week_dates(context.profile, min(weeks))[0], today)
    history, warnings = service.read_history(name, first)
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


@dc.dataclass(frozen=True)
class Prospect:
    """A new client, every value typed: what a plan for someone without a profile needs.
    `oneup plan --program`, a roster row and the Python API all describe one."""

    start: dt.date
    days: list[Weekday] | None = None  # None: the program's days
    units: Unit = Unit.kg
    equipment: list[Equipment] = dc.field(default_factory=lambda: parse.equipment("home"))
    supervised: bool = False
    vertebral_fracture: bool = False
    cleared: bool = False
    loads: dict[str, Weight] = dc.field(default_factory=dict)
    one_rm: dict[str, Weight] = dc.field(default_factory=dict)

    def profile(self, program: Program) -> Profile:
        """The profile in memory (never saved) that `oneup start` would record."""
        return service.new_profile(
            PROSPECT,
            program,
            start=self.start,
            days=self.days,
            units=self.units,
            equipment=self.equipment,
            supervised=self.supervised,
            vertebral_fracture=self.vertebral_fracture,
            cleared=self.cleared,
            loads=self.loads,
            one_rm=self.one_rm,
        )


PROSPECT = "new-client"  # the name of a prospect's profile (it is never saved)


def prospective(
    program: Program,
    library: Library,
    who: Prospect,
    today: dt.date,
    which: Weeks = Weeks(),
    *,
    client: str = "",
    notes: str = "",
) -> WeekPlan:
    """The plan for someone who has not started: no log, target loads as starting points."""
    person = who.profile(program)
    weeks = weekplan.choose_weeks(program, person, today, **dc.asdict(which))
    return weekplan.build(
        program,
        library,
        person,
        {},
        weeks,
        today=today,
        client=client,
        notes=notes,
        prospective=True,
    )


def _prospective(
    who: NewClient,
    today: dt.date,
    which: Weeks,
    *,
    client: str | None,
    notes: str | None,
) -> WeekPlan:
    from .programs import load_library, load_program_arg

    library = load_library()
    program = load_program_arg(who.program.strip(), library)
    prospect = Prospect(
        start=parse.date(who.start, "start") if who.start is not None else today,
        days=parse.days(who.days) if who.days is not None else None,
        units=parse.units(who.units or "kg"),
        equipment=parse.equipment(who.equipment or "home"),
        supervised=who.supervised,
        vertebral_fracture=who.vertebral_fracture,
        cleared=who.cleared,
    )
    return prospective(
        program, library, prospect, today, which, client=client or "", notes=notes or ""
    )


def target(output: Path) -> Path:
    """Where -o writes: exactly the path given, in a folder that already exists, and never a
    device, a FIFO, a socket or a symbolic link (files.AtomicFile replaces only regular files;
    `-o /dev/stdout` is a link: standard output is `-o -`)."""
    path = Path(os.path.abspath(output))
    inside = paths.data_folder(path)
    if inside is not None:
        raise FieldError(
            "output",
            output,
            f"is inside oneup's own folder {inside}: write plans elsewhere",
            quoted=False,
        )
    found = files.not_regular(path)
    if found == "a symbolic link":
        raise FieldError(
            "output",
            output,
            "is a symbolic link: oneup replaces only regular files; give the file itself, "
            "or - for standard output",
            quoted=False,
        )
    if found is not None and found != "a folder":
        raise FieldError(
            "output",
            output,
            f"is {found}: oneup writes plans only to regular files; use - for standard output",
            quoted=False,
        )
    if path.is_dir():
        raise FieldError(
            "output", output, f"is a folder: give a file name, e.g. {output}/plan.pdf", quoted=False
        )
    if not path.parent.is_dir():
        raise FieldError(
            "output", output, f": the folder {path.parent} does not exist", quoted=False
        )
    return path


def write(path: Path, data: str | bytes) -> None:
    files.write_atomic(path, data.encode("utf-8") if isinstance(data, str) else data)
