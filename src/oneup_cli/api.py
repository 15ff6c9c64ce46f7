"""oneup for Python scripts: load a program, describe a client, plan a day or weeks, render.

    import datetime as dt
    from oneup_cli import api

    program = api.load_program("prevention")          # a built-in id, your own, or a file
    client = api.new_profile(program, start=dt.date(2026, 3, 2), days="mon,thu")
    plan = api.plan_weeks(program, client, weeks="1-2", client="Ana Ruiz")
    print(api.render(plan, "md"))                     # str; "pdf" gives bytes
    today = api.plan_day(program, client, dt.date(2026, 3, 2))

A profile made here lives in memory only: nothing is saved, and no log is read unless you
pass a history (`history_from`). Loading a program keeps its checked copy in oneup's cache
folder, as the commands do. Dates default to today. Bad values raise `OneupError`
(`UsageError` for a value the caller should change) with a one-line message that names the
keyword (`units='stone' is not a unit: use kg or lb`). `bulk` makes a plan for every row of a
roster, as `oneup bulk` does (both run batch.py).
"""

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from .errors import OneupError, UsageError
from .model import Equipment, Library, LogRecord, Profile, Program, Unit, Weight

if TYPE_CHECKING:
    from .batch import Result
    from .progression import DayPlan, History
    from .weekplan import WeekPlan

__all__ = [
    "OneupError",
    "UsageError",
    "bulk",
    "formats",
    "history_from",
    "load_library",
    "load_program",
    "new_profile",
    "plan_day",
    "plan_document",
    "plan_weeks",
    "render",
]

PROFILE_NAME = "new-client"  # the in-memory profile's name (it is never saved): planning.PROSPECT


def load_library() -> Library:
    """The exercise library (checked once, then read from oneup's cache)."""
    from . import programs

    return programs.load_library()


def load_program(program: str | os.PathLike[str], library: Library | None = None) -> Program:
    """A program by id (built-in or your own), or from a file: a path, or text ending in
    .yaml/.yml or holding a '/'. Every load runs the full validation, safety rules included."""
    from . import programs

    library = library or load_library()
    if isinstance(program, os.PathLike):
        return programs.load_program_file(Path(program), library)
    return programs.load_program_arg(program.strip(), library)


def new_profile(
    program: Program,
    *,
    start: dt.date | None = None,
    days: str | Sequence[str] | None = None,
    units: str | Unit = Unit.kg,
    equipment: str | Iterable[str | Equipment] = "home",
    supervised: bool = False,
    vertebral_fracture: bool = False,
    cleared: bool = False,
    loads: Mapping[str, str | float | Weight] | None = None,
    one_rm: Mapping[str, str | float | Weight] | None = None,
    library: Library | None = None,
) -> Profile:
    """A client in memory, never saved: what `oneup start` would record, for planning.

    days: 'mon,thu' or ['mon', 'thu'] (default: the program's days); equipment: 'home',
    'gym', 'none', a list such as 'dumbbells,bands', or Equipment values; loads and one_rm:
    starting loads and tested maximums by exercise id or name, e.g. {'goblet-squat': '10kg'}.
    """
    from . import parse, planning

    unit = units if isinstance(units, Unit) else parse.units(units)
    chosen_days = None
    if days is not None:
        chosen_days = parse.days(days if isinstance(days, str) else ",".join(days))
    if isinstance(equipment, str):
        kit = parse.equipment(equipment)
    else:
        kit = parse.equipment(",".join(str(e) for e in equipment))
    needs_library = bool(loads or one_rm)
    lib = (library or load_library()) if needs_library else library
    who = planning.Prospect(
        start=start or dt.date.today(),
        days=chosen_days,
        units=unit,
        equipment=kit,
        supervised=supervised,
        vertebral_fracture=vertebral_fracture,
        cleared=cleared,
        loads=_weights(lib, loads, unit, "loads"),
        one_rm=_weights(lib, one_rm, unit, "one_rm"),
    )
    return who.profile(program)


def _weights(
    library: Library | None,
    given: Mapping[str, str | float | Weight] | None,
    unit: Unit,
    field: str,
) -> dict[str, Weight]:
    from . import parse

    if not given:
        return {}
    assert library is not None
    pairs = [f"{exercise}={amount}" for exercise, amount in given.items()]
    return parse.loads(library, pairs, unit, field)


def history_from(records: Iterable[LogRecord]) -> "History":
    """The engine's view of log records (for plans that follow a real log)."""
    from .progression import build_history

    return build_history(records)


def plan_day(
    program: Program,
    profile: Profile,
    date: dt.date,
    *,
    history: "History | None" = None,
    library: Library | None = None,
) -> "DayPlan":
    """One day: the session with concrete loads on a training day, the daily blocks always."""
    from .progression import plan_day as engine

    return engine(program, library or load_library(), profile, history or {}, date)


def plan_weeks(
    program: Program,
    profile: Profile,
    *,
    weeks: str | int | Sequence[int] | None = None,
    next_week: bool = False,
    today: dt.date | None = None,
    client: str = "",
    notes: str = "",
    history: "History | None" = None,
    library: Library | None = None,
) -> "WeekPlan":
    """Whole weeks of the program, as `oneup plan` prints them.

    weeks: '3-5', 3, or [3, 4, 5] (program weeks, 1 is the first); or next_week=True; default
    the week that holds `today`. Without a history the plan is for someone who has not
    started (prospective): target loads are starting points.
    """
    from . import weekplan
    from .parse import FieldError

    today = today or dt.date.today()
    if next_week:
        if weeks is not None:
            raise UsageError("choose weeks or next_week, not both")
        chosen = weekplan.choose_weeks(program, profile, today, next_week=True)
    elif weeks is None:
        chosen = weekplan.choose_weeks(program, profile, today)
    elif isinstance(weeks, str):
        chosen = weekplan.choose_weeks(program, profile, today, weeks=weeks)
    elif isinstance(weeks, int):
        try:
            chosen = weekplan.choose_weeks(program, profile, today, week=weeks)
        except FieldError as e:  # the engine's `week` is this function's `weeks`
            raise e.called("weeks") from None
    else:
        numbers = sorted(set(weeks))
        if not numbers:
            raise UsageError("weeks is empty: give at least one week, e.g. [1]")
        if numbers[0] < 1:  # the value as the caller wrote it, not the range made from it
            raise FieldError("weeks", list(weeks), ": weeks count from 1", quoted=False)
        chosen = weekplan.choose_weeks(program, profile, today, weeks=f"{numbers[0]}-{numbers[-1]}")
        chosen = [n for n in chosen if n in numbers]
    return weekplan.build(
        program,
        library or load_library(),
        profile,
        history or {},
        chosen,
        today=today,
        client=client,
        notes=notes,
        prospective=history is None,
    )


def formats() -> list[str]:
    """The names `render` takes: text, md, html, pdf, json, sheet, xlsx."""
    from .render import registry

    return registry.names()


@overload
def render(
    plan: "WeekPlan",
    fmt: Literal["pdf"],
    *,
    paper: str = ...,
    width: int = ...,
    template: "str | os.PathLike[str] | None" = ...,
) -> bytes: ...
@overload
def render(
    plan: "WeekPlan",
    fmt: Literal["text", "md", "html", "json"] = ...,
    *,
    paper: str = ...,
    width: int = ...,
    template: "str | os.PathLike[str] | None" = ...,
) -> str: ...
@overload
def render(
    plan: "WeekPlan",
    fmt: str,
    *,
    paper: str = ...,
    width: int = ...,
    template: "str | os.PathLike[str] | None" = ...,
) -> str | bytes: ...
def render(
    plan: "WeekPlan",
    fmt: str = "text",
    *,
    paper: str = "a4",
    width: int = 100,
    template: "str | os.PathLike[str] | None" = None,
) -> str | bytes:
    """The plan as text, md, html, json (str) or pdf (bytes); paper a4 or letter; width in
    columns, for text. Never colour: that is for terminals only. template: for pdf, your own
    Typst file instead of oneup's (it gets the plan's JSON document as sys.inputs.plan)."""
    from .render import registry

    chosen = registry.get(fmt)
    if chosen is None:
        raise UsageError(f"'{fmt}' is not a format: choose {', '.join(registry.names())}")
    size = paper.strip().lower()
    if size not in registry.PAPERS:
        raise UsageError(f"paper '{paper}' is not a paper size: use a4 or letter")
    options = registry.Options(
        paper=size, width=width, template=None if template is None else Path(template)
    )
    return chosen.render(plan, options)


def plan_document(plan: "WeekPlan") -> dict[str, object]:
    """The plan as the JSON document of `render(plan, 'json')`, as Python data
    (schema/plan.schema.json describes it)."""
    from .render.planjson import document

    return document(plan)


def bulk(
    roster: str | os.PathLike[str] | None,
    out_dir: str | os.PathLike[str],
    *,
    profiles: Sequence[str] | Literal[True] | None = None,
    fmt: str = "pdf",
    weeks: str | None = None,
    jobs: int | None = None,
    paper: str = "a4",
    today: dt.date | None = None,
    force: bool = False,
    strict: bool = False,
    template: str | os.PathLike[str] | None = None,
) -> "Result":
    """A plan for every client of a roster (CSV), one file each in out_dir, and an index,
    as `oneup bulk` makes them. Returns how many plans were written and how many rows failed
    (index.csv and index.json in out_dir say which and why). Raises OneupError when the run
    cannot go through (nothing is then written); a bad value names its keyword (fmt='docx').
    With roster None and `profiles` (names, or True for every saved profile): a plan for each
    saved profile from its own log, as `oneup bulk --profiles` makes them.
    """
    from . import batch
    from .parse import FieldError, Mentions

    given = None if roster is None else os.fspath(roster)
    try:
        names = None
        if profiles is not None:
            if profiles is True:
                chosen = batch.ALL_PROFILES
            else:
                chosen = profiles if isinstance(profiles, str) else ",".join(profiles)
            names = batch.saved_profiles(chosen)
        settings = batch.settings(
            given,
            os.fspath(out_dir),
            fmt=fmt,
            weeks=weeks,
            jobs=jobs,
            paper=paper,
            today=today,
            template=Path(template) if template is not None else None,
        )
    except FieldError as e:
        raise e.called(KEYWORDS.get(e.field, e.field), _words) from None
    except Mentions as e:
        e.reworded(_words)
        raise
    try:
        return batch.run(given, settings, profiles=names, force=force, strict=strict)
    except Mentions as e:
        e.reworded(_words)
        raise


def _words(field: str, value: str | None) -> str:
    """A field that a message mentions, by this module's keyword: 'out_dir', 'force=True'."""
    from .parse import ON

    keyword = KEYWORDS.get(field, field)
    if value is None:
        return keyword
    return f"{keyword}=True" if value == ON else f"{keyword}='{value}'"


# The fields whose keyword differs from the field's name.
KEYWORDS = {"format": "fmt", "out": "out_dir"}
