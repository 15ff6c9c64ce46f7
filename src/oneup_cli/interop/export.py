"""`oneup export` without the command line: a profile's log as Strong's or Hevy's CSV, as
oneup's own CSV, as a JSON backup of the profile and its log, or its schedule as iCalendar.

The CSV formats hold sets records only (those `oneup history` lists: voided ones left out);
the JSON backup holds every record the log can read, voids included, as the log holds them.
Every CSV cell goes through `roster.csv_cell`, so a note or a name that starts like a formula
(`=HYPERLINK(...)`) is shown by a spreadsheet as text and never run.

The formats of the other apps, as their exports are read by other projects' importers (found
with the project's `search` tool in public repositories):

- Strong: `Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,
  Notes,Workout Notes,RPE`; Date `YYYY-MM-DD HH:MM:SS` (one value for every row of a workout),
  Duration like `45m` or `1h 5m`, no unit column (weights in the app's unit), numbers not
  measured written 0 and RPE left empty (a Kotlin StrongCsvParserTest's real row
  `2020-12-30 18:51:52,"Evening Workout",2h 38m,...,1,40.0,3,0,0,"","",`; a converter to
  Strong's format documenting "Date = 'YYYY-MM-DD HH:MM:SS', Duration = '1h 5m', numeric
  N/A = 0, RPE blank"; mwcaisse/strong-data-viz's StrongExportRow).
- Hevy: `title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,
  set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe`; times like
  `26 Jul 2025, 07:06` (day of two digits, English month, 24-hour clock), set_index from 0,
  set_type `normal`/`warmup`, values not measured left empty. An export in pounds has
  `weight_lbs` and `distance_miles` (multiplex55/Multi_Hevy_Workout_Dashboard's README,
  Jake-Leicht/Hevy-Dashboard-App's HevyData, an importer's comment "Hevy start_time format:
  '01 Aug 2024, 18:23'", a parser test's `"28 Mar 2025, 17:29"`).
"""

from __future__ import annotations

import csv
import dataclasses as dc
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from .. import __version__, log, parse, paths
from ..model import LOG_SCHEMA_VERSION, Library, LogRecord, Profile, Program, Unit, to_plain
from ..parse import FieldError, literal
from ..roster import csv_cell
from .clock import Zone, local_zone

FORMATS = ("strong", "hevy", "csv", "json", "ics")
# What a file name's extension says, when no format is given.
BY_EXTENSION = {".csv": "csv", ".json": "json", ".ics": "ics"}

STRONG_COLUMNS = (
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
)


def hevy_columns(units: Unit) -> tuple[str, ...]:
    """Hevy's header: in kg, or in lb (with miles) as Hevy writes it for pounds."""
    weight, distance = (
        ("weight_kg", "distance_km") if units == Unit.kg else ("weight_lbs", "distance_miles")
    )
    return (
        "title",
        "start_time",
        "end_time",
        "description",
        "exercise_title",
        "superset_id",
        "exercise_notes",
        "set_index",
        "set_type",
        weight,
        "reps",
        distance,
        "duration_seconds",
        "rpe",
    )


# oneup's own CSV, one row per set: every field of a sets record, so that `oneup import` can
# write the very same records back. The header is stable: columns are only ever added at the
# end, with CSV_VERSION raised. Each row says its version (the first column).
CSV_VERSION = 1
CSV_COLUMNS = (
    "csv_version",  # CSV_VERSION
    "record_id",  # LogRecord.id
    "record_v",  # LogRecord.v, the log's schema version
    "at",  # LogRecord.at, ISO 8601 with its offset, as the log holds it
    "date",  # LogRecord.date, YYYY-MM-DD
    "exercise",  # LogRecord.exercise, the library id
    "exercise_name",  # the library's name for it, for people (not read back)
    "set",  # 1, 2... the set's place in the record; 0 for a record without sets
    "sets_in_record",  # len(LogRecord.sets)
    "reps",  # SetRecord.reps; empty for none
    "seconds",  # SetRecord.seconds
    "impacts",  # SetRecord.impacts
    "minutes",  # SetRecord.minutes
    "load",  # SetRecord.load's value, exact ('22.5'), as entered
    "load_unit",  # SetRecord.load's unit: kg or lb, as entered
    "support",  # SetRecord.support
    "rpe",  # LogRecord.rpe
    "pain",  # LogRecord.pain: true or false
    "note",  # LogRecord.note
    "source",  # LogRecord.source: log or done
    "batch",  # LogRecord.batch
    "batch_size",  # LogRecord.batch_size
    "name",  # LogRecord.name: an imported exercise not mapped to the library (exercise empty)
    "warmup",  # SetRecord.warmup: true for a warm-up set (not a work set), else false
)
# A text cell that starts with an apostrophe gets one more, as one starting like a formula
# gets one (csv_cell): reading back, drop one leading apostrophe from a text cell, and the
# value is exact.
TEXT_COLUMNS = frozenset({"exercise", "exercise_name", "note", "name"})

BACKUP_VERSION = 1  # the "backup_version" of the JSON backup (schema/output/backup.schema.json)
PAIN_NOTE = "pain reported"  # the Notes of a set done with pain, in the other apps' files
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dc.dataclass(frozen=True)
class Request:
    """What to export, as typed; `today` and `now` from the front end's clock."""

    name: str
    fmt: str | None
    today: dt.date
    now: dt.datetime
    since: str | None = None
    until: str | None = None
    time: str | None = None
    remind: str | None = None
    output: str | None = None  # the file's name, for the format by its extension


@dc.dataclass(frozen=True)
class Exported:
    text: str
    fmt: str
    warnings: list[str]

    @property
    def data(self) -> bytes:
        """The text as UTF-8 for a file; a note typed in bytes that are not UTF-8 (read as
        lone surrogates) is written as those very bytes."""
        try:
            return self.text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            return self.text.encode("utf-8", "backslashreplace")


def export_format(text: str | None, output: str | None, field: str = "format") -> str:
    """strong, hevy, csv, json or ics; without one, from the output file's extension."""
    choices = "strong, hevy, csv, json or ics"
    if text is not None:
        name = text.strip().lower()
        if name not in FORMATS:
            raise FieldError(field, text, f"is not an export format: choose {choices}")
        return name
    if output is not None and output != "-":
        for ext, name in BY_EXTENSION.items():
            if output.lower().endswith(ext):
                return name
    raise parse.Mentions(f"say which format to export: add {{format}} ({choices})")


def _window(request: Request) -> tuple[dt.date | None, dt.date | None]:
    since = parse.date(request.since, "since") if request.since is not None else None
    until = parse.date(request.until, "until") if request.until is not None else None
    if since is not None and until is not None and since > until:
        raise FieldError(
            "since",
            request.since,
            f"is after {{until}} {literal(request.until)}: the first day comes first",
            mentions=True,
        )
    return since, until


def export(request: Request) -> Exported:
    """The export asked for, as text; every option is checked before anything is read."""
    fmt = export_format(request.fmt, request.output)
    since, until = _window(request)
    at = parse.time_of_day(request.time) if request.time is not None else None
    remind = parse.reminder(request.remind) if request.remind is not None else None
    given = [f for f, v in (("{time}", at), ("{remind}", remind)) if v is not None]
    if fmt != "ics" and given:
        verb = "are" if len(given) > 1 else "is"
        raise parse.Mentions(
            " and ".join(given) + f" {verb} for calendars: add {{format:ics}} (not {literal(fmt)})"
        )
    if fmt == "json" and (since is not None or until is not None):
        raise parse.Mentions(
            "a backup holds the whole log, so that it restores exactly: leave out {since} "
            "and {until}"
        )
    from .. import service

    profile = service.profile(request.name)
    zone = local_zone()
    if fmt == "ics":
        from . import ics

        return _ics(ics, request, profile, since, until, at, remind, zone)
    found = log.read(paths.log_file(request.name))
    warnings = list(found.warnings)
    if fmt == "json":
        return Exported(backup(profile, found.all_records, request.now), fmt, warnings)
    records = [
        r
        for r in found.records
        if r.kind == "sets"
        and (since is None or (r.date is not None and r.date >= since))
        and (until is None or (r.date is not None and r.date <= until))
    ]
    library, program = _library_and_program(profile, warnings)
    names = {e.id: e.name for e in library.exercises} if library else {}
    if fmt == "csv":
        return Exported(own_csv(records, names), fmt, warnings)
    workouts = group(records, profile, program, zone)
    if fmt == "strong":
        return Exported(strong_csv(workouts, names, profile.units), fmt, warnings)
    return Exported(hevy_csv(workouts, names, profile.units), fmt, warnings)


def _ics(
    ics: Any,
    request: Request,
    profile: Profile,
    since: dt.date | None,
    until: dt.date | None,
    at: dt.time | None,
    remind: dt.timedelta | None,
    zone: Zone,
) -> Exported:
    from .. import service

    context = service.open_context(request.name, today=request.today)
    history, warnings = service.read_history(request.name)
    if at is not None and not zone.found:
        warnings = [*warnings, f"times are in UTC: {zone.why}"]
    first = since if since is not None else request.today
    text = ics.calendar(
        context.program,
        context.library,
        profile,
        history,
        first=first,
        last=until,
        at=at,
        remind=remind,
        zone=zone,
        now=request.now,
    )
    return Exported(text, "ics", list(warnings))


def _library_and_program(
    profile: Profile, warnings: list[str]
) -> tuple[Library | None, Program | None]:
    """The library (for exercise names) and the profile's program (for session labels); an
    export goes on without them, with exercise ids and no labels, if they cannot be loaded."""
    from ..errors import OneupError
    from ..programs import load_library, load_program

    try:
        library = load_library()
    except OneupError as e:
        warnings.append(f"exercises are named by their ids: {e.message}")
        return None, None
    try:
        return library, load_program(profile.program, library)
    except OneupError as e:
        warnings.append(f"workouts are not named by their sessions: {e.message}")
        return library, None


# --- the JSON backup ------------------------------------------------------------------------


def backup(profile: Profile, records: Sequence[LogRecord], now: dt.datetime) -> str:
    """The profile and every record the log can read, each as its line in the log holds it."""
    from ..render.documents import dumps

    return dumps(
        "backup",
        {
            "backup_version": BACKUP_VERSION,
            "oneup_version": __version__,
            "exported_at": now.isoformat(),
            "profile": to_plain(profile),
            "log_schema_version": LOG_SCHEMA_VERSION,
            "records": [_line(r) for r in records],
        },
    )


def _line(record: LogRecord) -> Any:
    """The record as the log writes it (its defaults left out), as plain JSON data."""
    return json.loads(log.encode(record))


# --- oneup's own CSV ------------------------------------------------------------------------


def _number(x: float | None) -> str:
    """Exact, and short where it can be: 30.0 -> '30', 12.5 -> '12.5'."""
    if x is None:
        return ""
    if isinstance(x, int):
        return str(x)
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


def own_cell(column: str, value: object) -> str:
    """A cell of oneup's CSV: formulas neutralised; text that starts with an apostrophe gets
    one more, so that dropping one leading apostrophe always restores the text exactly."""
    text = "" if value is None else str(value)
    if column in TEXT_COLUMNS and text.startswith("'"):
        return "'" + text
    return csv_cell(text)


def own_rows(records: Iterable[LogRecord], names: dict[str, str]) -> Iterable[dict[str, str]]:
    for r in records:
        base: dict[str, object] = {
            "csv_version": CSV_VERSION,
            "record_id": r.id,
            "record_v": r.v,
            "at": r.at.isoformat(),
            "date": r.date.isoformat() if r.date else "",
            "exercise": r.exercise,
            "exercise_name": names.get(r.exercise or "", r.exercise or r.name),
            "sets_in_record": len(r.sets),
            "rpe": _number(r.rpe),
            "pain": "true" if r.pain else "false",
            "note": r.note,
            "source": r.source,
            "batch": r.batch,
            "batch_size": r.batch_size,
            "name": r.name,
        }
        for number, s in enumerate(r.sets or [None], start=1 if r.sets else 0):
            row = dict(base, set=number)
            if s is not None:
                row.update(
                    reps=_number(s.reps),
                    seconds=_number(s.seconds),
                    impacts=_number(s.impacts),
                    minutes=_number(s.minutes),
                    load=_exact_value(s.load.token()) if s.load else "",
                    load_unit=s.load.unit.value if s.load else "",
                    support=s.support.value if s.support else "",
                    warmup="true" if s.warmup else "false",
                )
            yield {c: own_cell(c, row.get(c)) for c in CSV_COLUMNS}


def _exact_value(token: str) -> str:
    """'22.5kg' -> '22.5': Weight.token's exact number."""
    return token.removesuffix("kg").removesuffix("lb")


def own_csv(records: Iterable[LogRecord], names: dict[str, str]) -> str:
    return _csv(CSV_COLUMNS, own_rows(records, names))


def _csv(columns: Sequence[str], rows: Iterable[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


# --- workouts: the records of one day, for Strong and Hevy ----------------------------------


@dc.dataclass(frozen=True)
class Workout:
    """The sets records of one day, in the order they were written."""

    date: dt.date
    start: dt.datetime  # local, naive: when the first record of the day was written that day
    end: dt.datetime  # the last one; both midnight when every record was written another day
    name: str
    records: tuple[LogRecord, ...]


def group(
    records: Sequence[LogRecord], profile: Profile, program: Program | None, zone: Zone
) -> list[Workout]:
    by_day: dict[dt.date, list[LogRecord]] = {}
    for r in records:
        if r.date is not None:
            by_day.setdefault(r.date, []).append(r)
    workouts = []
    for day in sorted(by_day):
        day_records = sorted(by_day[day], key=lambda r: r.at)
        local = [r.at.astimezone(zone.tz).replace(tzinfo=None) for r in day_records]
        same_day = [t for t in local if t.date() == day] or [dt.datetime.combine(day, dt.time())]
        workouts.append(
            Workout(
                day,
                min(same_day).replace(microsecond=0),
                max(same_day).replace(microsecond=0),
                _workout_name(day, profile, program),
                tuple(day_records),
            )
        )
    return workouts


def _workout_name(day: dt.date, profile: Profile, program: Program | None) -> str:
    if program is None:
        return "oneup"
    from ..progression import is_training_day, session_label

    if day >= profile.start and is_training_day(profile, day):
        try:
            return f"{program.name}: session {session_label(program, profile, day)}"
        except (ValueError, OverflowError):  # a program changed since: no label
            pass
    return program.name


def _duration(w: Workout) -> str:
    """Strong's duration: '45m', '1h 5m'."""
    minutes = int((w.end - w.start).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes}m" if hours else f"{minutes}m"


def _weight(record_load: Any, units: Unit) -> str:
    """The load in the profile's units, as the other apps have one unit for a file."""
    if record_load is None:
        return ""
    value = round(record_load.to(units), 2)
    return f"{value:g}" if value < 1e6 else str(value)


def _notes(r: LogRecord) -> str:
    parts = [r.note] if r.note else []
    if r.pain:
        parts.append(PAIN_NOTE)
    return "; ".join(parts)


def _sets(w: Workout, names: dict[str, str]) -> Iterable[tuple[LogRecord, str, int, Any]]:
    """(record, exercise name, the set's number in the workout from 0, set) for each set,
    one exercise after another in the order first done."""
    order: dict[str, list[LogRecord]] = {}
    for r in w.records:  # an exercise not mapped to the library goes by its imported name
        order.setdefault(r.exercise or f"name:{r.name or ''}", []).append(r)
    for exercise, records in order.items():
        name = names.get(exercise, exercise.removeprefix("name:"))
        number = 0
        for r in records:
            for s in r.sets:
                yield r, name, number, s
                number += 1


def _amounts(s: Any) -> tuple[str, str]:
    """(reps, seconds) of a set: impacts count as reps, minutes as seconds."""
    reps = s.reps if s.reps is not None else s.impacts
    seconds = (
        s.seconds if s.seconds is not None else (s.minutes * 60 if s.minutes is not None else None)
    )
    return _number(reps), _number(seconds)


def _cells(row: dict[str, object]) -> dict[str, str]:
    return {k: csv_cell(v) for k, v in row.items()}


def strong_csv(workouts: Sequence[Workout], names: dict[str, str], units: Unit) -> str:
    def rows() -> Iterable[dict[str, str]]:
        for w in workouts:
            for r, name, number, s in _sets(w, names):
                reps, seconds = _amounts(s)
                yield _cells(
                    {
                        "Date": w.start.strftime("%Y-%m-%d %H:%M:%S"),
                        "Workout Name": w.name,
                        "Duration": _duration(w),
                        "Exercise Name": name,
                        "Set Order": "W" if s.warmup else number + 1,
                        "Weight": _weight(s.load, units) or "0",
                        "Reps": reps or "0",
                        "Distance": "0",
                        "Seconds": seconds or "0",
                        "Notes": _notes(r),
                        "Workout Notes": "",
                        "RPE": _number(r.rpe),
                    }
                )

    return _csv(STRONG_COLUMNS, rows())


def hevy_time(t: dt.datetime) -> str:
    """'26 Jul 2025, 07:06', in English whatever the locale."""
    return f"{t.day:02d} {_MONTHS[t.month - 1]} {t.year}, {t.hour:02d}:{t.minute:02d}"


def hevy_csv(workouts: Sequence[Workout], names: dict[str, str], units: Unit) -> str:
    columns = hevy_columns(units)

    def rows() -> Iterable[dict[str, str]]:
        for w in workouts:
            for r, name, number, s in _sets(w, names):
                reps, seconds = _amounts(s)
                values = (
                    w.name,
                    hevy_time(w.start),
                    hevy_time(w.end),
                    "",
                    name,
                    "",
                    _notes(r),
                    number,
                    "warmup" if s.warmup else "normal",
                    _weight(s.load, units),
                    reps,
                    "",
                    seconds,
                    _number(r.rpe),
                )
                yield _cells(dict(zip(columns, values, strict=True)))

    return _csv(columns, rows())
