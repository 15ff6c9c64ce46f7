"""Rosters: a CSV file of clients, one row each, for `oneup bulk`.

Pure and streaming: rows are read one at a time and nothing is kept but the file names
already given out. Rows are numbered as a spreadsheet shows them: the header is row 1.

Columns (matched case-insensitively; spaces and '-' count as '_'): name (required),
program, start, days, units, equipment, supervised, vertebral_fracture, cleared, notes,
profile (a saved profile the row is: `bulk` then plans from it and its log; `profiles import`
saves the row under that name), and load:EXERCISE for starting loads (e.g. load:goblet-squat
with 10kg, or 10 in the row's units).
"""

import csv
import dataclasses as dc
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator

from . import parse
from .errors import OneupError, UsageError
from .model import Library, Program, Weight
from .parse import FieldError
from .planning import CLIENT_SETTINGS, Prospect
from .words import visible

COLUMNS = ("name", *CLIENT_SETTINGS, "notes", "profile")
LOAD_PREFIX = "load:"
DEFAULT_PROGRAM = "prevention"
# Control characters could move a terminal's cursor or hide text; notes may have line breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # then parse.name: U+202E, U+200B...
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class RowError(OneupError):
    """A problem with one row: the row is reported and skipped, the others go on."""


@dc.dataclass(frozen=True)
class Header:
    """Which field each column holds: a COLUMNS name, or load:EXERCISE-ID."""

    fields: tuple[str, ...]

    @property
    def width(self) -> int:
        return len(self.fields)


@dc.dataclass(frozen=True)
class Row:
    """One roster row as text: the cells by field, and the starting loads by exercise id."""

    number: int  # as a spreadsheet numbers it: the header is row 1
    cells: dict[str, str]
    loads: dict[str, str]

    @property
    def name(self) -> str:
        return self.cells.get("name", "")

    @property
    def profile(self) -> str:
        """The saved profile the row names (its `profile` cell), or ""."""
        return self.cells.get("profile", "")


@dc.dataclass(frozen=True)
class Client:
    """A row checked and parsed: the client's name and notes, the program as named, and
    the new client's values, typed (`planning.Prospect`)."""

    number: int
    name: str
    program: str
    notes: str
    who: Prospect


def _key(text: str) -> str:
    return re.sub(r"[\s-]+", "_", text.strip().lower())


SHOWN_UNKNOWN = 5  # the unknown columns a message names; the others are counted


def _shown(text: str) -> str:
    """A header cell as a message quotes it: control characters visible, a long one cut."""
    return visible(parse.clip(text))


def read_header(cells: list[str], library: Library, source: str) -> Header:
    """The header row: known columns, load:EXERCISE columns; anything else is an error."""
    from .parse import exercise as find_exercise

    fields: list[str] = []
    unknown: list[str] = []
    for i, raw in enumerate(cells):
        text = raw.strip()
        key = _key(text)
        if key.startswith(LOAD_PREFIX):
            try:
                exercise = find_exercise(library, text[len(LOAD_PREFIX) :].strip()).id
            except FieldError as e:
                raise UsageError(f"{source}: column '{_shown(text)}': {e.worded('')}") from None
            field = LOAD_PREFIX + exercise
        elif key in COLUMNS:
            field = key
        else:
            unknown.append(f"'{_shown(text)}'" if text else f"'' (column {i + 1})")
            continue
        if field in fields:
            raise UsageError(f"{source}: the column '{_shown(text)}' is there twice")
        fields.append(field)
    if unknown:
        known = ", ".join(COLUMNS)
        listed = ", ".join(unknown[:SHOWN_UNKNOWN])
        if len(unknown) > SHOWN_UNKNOWN:
            listed += f" and {len(unknown) - SHOWN_UNKNOWN:,} more"
        raise UsageError(
            f"{source}: unknown column{'s' if len(unknown) > 1 else ''} "
            f"{listed}: use {known}, or load:EXERCISE"
        )
    if "name" not in fields:
        raise UsageError(
            f"{source}: there is no 'name' column: the first row must name the columns"
        )
    return Header(tuple(fields))


def read(lines: Iterable[bytes], library: Library, source: str) -> tuple[Header, Iterator[Row]]:
    """The header (checked now) and an iterator of the rows that are not blank.

    `lines` are the file's lines as bytes, UTF-8 with or without a byte order mark. Text that
    is not UTF-8, or not CSV, is a UsageError naming the line or row."""
    text = _Lines(_decoded(lines, source))
    reader = csv.reader(text)
    number = 1
    try:
        first = next(reader, None)
    except csv.Error as e:
        raise _not_csv(source, 1, e) from None
    if first is not None and text.ended:
        raise _unclosed(source, 1)
    if first is None or not any(c.strip() for c in first):
        raise UsageError(
            f"{source} is empty: its first row must name the columns, e.g. name,program,start"
        )
    header = read_header(first, library, source)

    def rows() -> Iterator[Row]:
        nonlocal number
        while True:
            try:
                cells = next(reader, None)
            except csv.Error as e:
                raise _not_csv(source, number + 1, e) from None
            if cells is None:
                return
            if text.ended:
                raise _unclosed(source, number + 1)
            number += 1
            if not any(c.strip() for c in cells):
                continue
            yield _row(header, cells, number)

    return header, rows()


class _Lines:
    """The lines given to the CSV reader; `ended` once it asked for one past the last. The
    reader asks past the last line only when a quote it is in was never closed: a record
    that ends at the end of its line is returned without reading on."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.ended = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        try:
            return next(self.lines)
        except StopIteration:
            self.ended = True
            raise


# An old Mac's line end: a carriage return not followed by a line feed.
_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")


def _decoded(lines: Iterable[bytes], source: str) -> Iterator[str]:
    number = 0
    for raw in lines:
        for piece in _LONE_CR.split(raw) if b"\r" in raw else (raw,):
            if not piece:
                continue
            number += 1
            try:
                text = piece.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                raise UsageError(
                    f"{source}: line {number} is not UTF-8 text: save the roster as 'CSV UTF-8'"
                ) from None
            yield text


def _unclosed(source: str, number: int) -> UsageError:
    return UsageError(
        f'{source}: row {number}: a quote (") is opened and never closed: close it, '
        'or write a quote inside a cell as two ("")'
    )


def _not_csv(source: str, number: int, e: csv.Error) -> UsageError:
    return UsageError(f"{source}: row {number} is not valid CSV: {e}")


def _row(header: Header, cells: list[str], number: int) -> Row:
    values: dict[str, str] = {}
    loads: dict[str, str] = {}
    extra = [c for c in cells[header.width :] if c.strip()]
    if extra:
        values["_problem"] = (
            f"it has {len(cells)} cells but the header names {header.width} columns"
        )
    for field, cell in zip(header.fields, cells, strict=False):
        text = cell.strip()
        if field.startswith(LOAD_PREFIX):
            if text:
                loads[field[len(LOAD_PREFIX) :]] = text
        else:
            values[field] = text
    return Row(number, values, loads)


def _flag(row: Row, field: str) -> bool:
    try:
        return parse.yes_no(row.cells.get(field, ""), field)
    except FieldError as e:
        raise RowError(e.worded(field)) from None


def check(row: Row, library: Library, today: dt.date) -> Client:
    """The row's values parsed, or RowError naming what is wrong. The program itself is
    looked up by the caller (it is loaded once for all the rows that name it)."""
    if "_problem" in row.cells:
        raise RowError(row.cells["_problem"])
    name = row.name
    if not name:
        raise RowError("the name is empty: every row needs one")
    for field, value in row.cells.items():
        if (_NAME_CONTROL if field == "name" else _CONTROL).search(value):
            raise RowError(f"{field} has a control character in it")
    cells = row.cells
    try:  # a column is called by its name (the row is named by the caller)
        parse.name(name)
        parse.note(cells.get("notes", ""), "notes")
        units = parse.units(cells.get("units") or "kg")
        start = parse.date(cells["start"], "start") if cells.get("start") else today
        days = parse.days(cells["days"]) if cells.get("days") else None
        equipment = parse.equipment(cells.get("equipment") or "home")
    except FieldError as e:
        raise RowError(e.worded(e.field)) from None
    loads: dict[str, Weight] = {}
    for exercise, amount in row.loads.items():
        try:
            loads |= parse.loads(library, [f"{exercise}={amount}"], units)
        except FieldError as e:  # the column is named, then the value
            raise RowError(f"load:{exercise}: {e.worded('')}") from None
    who = Prospect(
        start=start,
        days=days,
        units=units,
        equipment=equipment,
        supervised=_flag(row, "supervised"),
        vertebral_fracture=_flag(row, "vertebral_fracture"),
        cleared=_flag(row, "cleared"),
        loads=loads,
    )
    program = cells.get("program") or DEFAULT_PROGRAM
    return Client(row.number, name, program, cells.get("notes", ""), who)


def check_days(client: Client, program: Program) -> None:
    """The row's days against its program's schedule: RowError names the days column."""
    if client.who.days is None:
        return
    try:
        parse.schedule_days(client.who.days, program.schedule)
    except FieldError as e:
        raise RowError(e.worded(e.field)) from None


# ---------------------------------------------------------------------------------------------
# File names
# ---------------------------------------------------------------------------------------------

# Letters that Unicode does not decompose into a base letter and an accent.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "\u0131": "i",  # dotless i
        "ħ": "h",
        "Ħ": "H",
        "ŧ": "t",
        "Ŧ": "T",
    }
)
# Names Windows keeps for devices, with or without an extension.
RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)
MAX_SLUG = 60


def slug(name: str) -> str:
    """A file name stem from a person's name: ASCII letters and digits joined by '-'.
    'Zoë Łukasiewicz' -> 'zoe-lukasiewicz'; '../../etc/passwd' -> 'etc-passwd'; '' for a
    name with no Latin letters or digits."""
    folded = unicodedata.normalize("NFKD", name.translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:MAX_SLUG].rstrip("-")


def profile_name(row: Row) -> str:
    """The profile a row is saved as: its `profile` cell, or its name made safe as a file
    name is ('Zoë Łukasiewicz' -> zoe-lukasiewicz). RowError when there is none to give."""
    from .paths import check_name

    given = row.profile
    if given:
        try:
            return check_name(given)
        except UsageError:
            raise RowError(
                f"profile '{visible(parse.clip(given))}' is not a profile name: use ASCII "
                "letters, digits, '-', '_' or '.' (at most 64, starting with a letter or digit)"
            ) from None
    stem = slug(row.name)
    if not stem:
        raise RowError(
            "the name has no letters or digits a profile name can use: add a profile column"
        )
    return stem + "-client" if stem in RESERVED else stem


class Namer:
    """Gives each row its own file name stem: a slug of the name, '-2', '-3' on a collision,
    a suffix on a name Windows reserves; never 'index' (the index files) or 'results-sheet'
    (the sheet of all clients, batchfiles.COMBINED)."""

    def __init__(self) -> None:
        self.used: set[str] = {"index", "results-sheet"}

    def __call__(self, name: str, number: int) -> str:
        stem = slug(name) or f"client-{number}"
        if stem in RESERVED:
            stem += "-client"
        candidate, n = stem, 1
        while candidate in self.used:
            n += 1
            candidate = f"{stem}-{n}"
        self.used.add(candidate)
        return candidate


def csv_cell(value: object) -> str:
    """A cell for a CSV file a spreadsheet may open: formulas are neutralised with a leading
    apostrophe, so '=HYPERLINK(...)' is shown as text, never run."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_uncell(text: str) -> str:
    """A cell as `csv_cell` was given it: the apostrophe that neutralised a formula dropped."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text
