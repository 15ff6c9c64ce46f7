"""Values typed by people: dates, units, loads, week ranges, day lists, equipment, efforts,
paper sizes, formats. One parser per kind of value, used by every front end.

A bad value raises `FieldError(field, value, hint)`. The error does not know where the value
came from: each front end names the field in its own words when it shows the message. The
command line says `--weeks 'x' ...` (cli/common.py maps fields to options), a roster
`weeks 'x' ...` after the row, the Python API `weeks='x' ...` (the message it carries).
A message that mentions other fields ("add --force", "choose another --out") is a
`Mentions` template, worded by each front end in the same way. No option's name is
written here or anywhere in the core.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ExitCode, UsageError
from .model import (
    EQUIPMENT_SETS,
    WEEKDAYS,
    Equipment,
    Library,
    Schedule,
    Sex,
    Support,
    Unit,
    Weekday,
    Weight,
    records,
)
from .model.program import in_a_row
from .words import visible

if TYPE_CHECKING:
    from pathlib import PurePath

    from .model import Exercise
    from .render.registry import Format


def _api_words(field: str, value: str | None) -> str:
    """How the Python API calls a field in a message: 'weeks', 'force=True', "fmt='pdf'"."""
    if value is None:
        return field
    return f"{field}=True" if value == ON else f"{field}='{value}'"


ON = "on"  # the value of a flag that is turned on: '{force:on}'
Words = Callable[[str, "str | None"], str]


class _Named:
    """A field in a message template: '{out}', '{force:on}', '{format:pdf}'."""

    def __init__(self, field: str, words: Words) -> None:
        self.field, self.words = field, words

    def __format__(self, value: str) -> str:
        return self.words(self.field, value or None)


class _Fields(dict[str, _Named]):
    def __init__(self, words: Words) -> None:
        super().__init__()
        self.words = words

    def __missing__(self, field: str) -> _Named:
        return _Named(field, self.words)


class Mentions(UsageError):
    """A usage error whose message mentions fields: '{out}' names the field out, '{force:on}'
    turns a flag on, '{format:pdf}' gives a field a value. Each front end words them:
    '--out', '--force', '-f pdf' on the command line; 'out_dir', 'force=True', "fmt='pdf'"
    in the Python API (`worded`). The core never writes an option's name itself."""

    def __init__(self, template: str, *, code: ExitCode = ExitCode.USAGE) -> None:
        self.template = template
        super().__init__(self.worded(_api_words))
        self.code = code

    def worded(self, words: Words) -> str:
        return self.template.format_map(_Fields(words))

    def reworded(self, words: Words) -> None:
        """Take the words of another front end, in `message` and in str(self) alike."""
        self.message = self.worded(words)
        self.args = (self.message,)


MAX_SHOWN = 60  # the most of a value a message quotes: 100,000 characters are not one line


def clip(text: str, limit: int = MAX_SHOWN) -> str:
    """`text` as a message quotes it: its first `limit` characters and '…' when longer."""
    return text if len(text) <= limit else text[:limit] + "\u2026"


def literal(value: object) -> str:
    """A value inside a Mentions template, its braces kept as they are."""
    return str(value).replace("{", "{{").replace("}", "}}")


class FieldError(UsageError):
    """A value that cannot be used: which field, the value as given, and what is wrong.

    `hint` follows the value: "is not a unit: use kg or lb", or ": weeks count from 1".
    The message always names the field; about one item of a list ('funday' in mon,funday)
    the value is that item. The message the error carries (str(e), e.message) is in the
    Python API's words (weeks='x'); other front ends call `worded` with their own label.
    """

    def __init__(
        self, field: str, value: object, hint: str, *, quoted: bool = True, mentions: bool = False
    ) -> None:
        self.field = field
        # what was typed, its control characters shown; a long value cut (paths, unquoted,
        # are shown whole)
        self.value = visible(clip(str(value)) if quoted else str(value))
        self.hint = hint
        self.quoted = quoted
        self.mentions = mentions  # the hint names other fields, as a Mentions template does
        super().__init__(self.worded(f"{field}="))  # the Python API's words

    def worded(self, label: str, words: Words = _api_words) -> str:
        """The message with the field called `label`: '--weeks', 'weeks', 'weeks='; '' for
        no label (a command's argument). `words` names the fields the hint mentions."""
        shown = f"'{self.value}'" if self.quoted else self.value
        hint = self.hint.format_map(_Fields(words)) if self.mentions else self.hint
        tail = hint if hint.startswith((":", ",")) else f" {hint}"
        if not label:
            return f"{shown}{tail}"
        joint = "" if label.endswith("=") else " "
        return f"{label}{joint}{shown}{tail}"

    def called(self, field: str, words: Words = _api_words) -> FieldError:
        """The same error about a field of another name (an API keyword), the fields its hint
        mentions named by `words`: str(e) and e.message both say it."""
        renamed = self.__class__.__new__(self.__class__)  # copy.copy would call __init__
        renamed.__dict__.update(self.__dict__)
        renamed.field = field
        renamed.message = renamed.worded(f"{field}=", words)
        renamed.args = (renamed.message,)
        return renamed


class UnknownExercise(FieldError):
    """No exercise by that id or name. Without a label (the EXERCISE argument of a command,
    a roster's column) it reads "no exercise called 'x'. Did you mean 'y'? ..."."""

    def __init__(self, field: str, value: str, guess: str | None) -> None:
        self.tip = f" Did you mean '{guess}'?" if guess else ""
        see = "`oneup exercises list` shows them all."
        super().__init__(field, value, f"is not in the exercise library.{self.tip} {see}")

    def worded(self, label: str, words: Words = _api_words) -> str:
        if not label:
            see = "`oneup exercises list` shows them all."
            return f"no exercise called '{self.value}'.{self.tip} {see}"
        return super().worded(label, words)


# --- dates and numbers ------------------------------------------------------------------------

FIRST_YEAR, LAST_YEAR = records.FIRST_YEAR, records.LAST_YEAR  # the years of a date
# ASCII digits only: Python's int(), float() and \d also take full-width or Arabic-Indic
# digits, "1_0", "1e3", "nan".
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WHOLE_RE = re.compile(r"[0-9]{1,9}")  # beyond 9 digits no count or week is meant
_DECIMAL_RE = re.compile(r"-?[0-9]{1,9}(?:[.,][0-9]{1,9})?|-?[.,][0-9]{1,9}")


def whole(text: str) -> int | None:
    """A whole number in ASCII digits ('3'), else None."""
    word = text.strip()
    return int(word) if _WHOLE_RE.fullmatch(word) else None


def decimal(text: str) -> float | None:
    """A number in ASCII digits with at most one decimal point or comma ('7', '7.5', '7,5',
    '-1'), else None: never full-width digits, '1_0', '1e3', 'inf' or 'nan'."""
    word = text.strip()
    return float(word.replace(",", ".")) if _DECIMAL_RE.fullmatch(word) else None


def date(text: str, field: str = "date") -> dt.date:
    """YYYY-MM-DD, a real day between 1900 and 2199."""
    try:
        if not _DATE_RE.fullmatch(text.strip()):
            raise ValueError
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise FieldError(
            field, text, "is not a real date: use YYYY-MM-DD, e.g. 2026-03-02"
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise FieldError(
            field, text, f"is too far away: use a year from {FIRST_YEAR} to {LAST_YEAR}"
        )
    return day


MAX_DAYS_AHEAD = 366  # a record is of something done, or about to be: not years from now


def record_date(day: dt.date, today: dt.date, field: str = "date") -> dt.date:
    """The day of a record: at most a year after today."""
    if (day - today).days > MAX_DAYS_AHEAD:
        raise FieldError(
            field,
            day.isoformat(),
            f"is more than a year ahead: a record is of something done (today is {today})",
        )
    return day


def record(day: dt.date, note_text: str | None, today: dt.date) -> None:
    """What a log record says, checked before it is written: its day and its note."""
    record_date(day, today)
    if note_text is not None:
        if not note_text.strip():
            raise FieldError("note", note_text, "is empty: leave the note out for none")
        note(note_text)


def weeks(text: str, field: str = "weeks") -> tuple[int, int]:
    """'3-5' or '3' as (first, last)."""
    first, sep, last = text.strip().partition("-")
    a = whole(first)
    b = whole(last) if sep else a
    if a is None or b is None:
        raise FieldError(field, text, "is not a range of weeks such as 3-5")
    if a < 1 or b < 1:
        raise FieldError(field, text, ": weeks count from 1")
    if a > b:
        raise FieldError(field, text, f"runs backwards: write {b}-{a}", quoted=False)
    return a, b


def week_number(text: str, field: str = "week") -> int:
    """A program week: 3 (whether it is 1 or more is for the plan to say)."""
    number = whole(text)
    if number is None:
        raise FieldError(field, text, "is not a week number: weeks count from 1")
    return number


def processes(text: str, field: str = "jobs") -> int:
    """How many processes: 4 (whether it is 1 or more is for the batch to say)."""
    number = whole(text)
    if number is None:
        raise FieldError(field, text, "is not a number of processes: use 1 or more")
    return number


EFFORT_SCALE = "effort is from 0 (rest) to 10 (max)"


def effort(text: str, field: str = "rpe") -> float:
    """How hard it felt, 0 to 10: 7, 7.5 or 7,5."""
    value = decimal(text)
    if value is None:
        raise FieldError(field, text, f"is not a number: {EFFORT_SCALE}")
    if not 0 <= value <= 10:
        raise FieldError(field, text.strip(), f"is off the scale: {EFFORT_SCALE}", quoted=False)
    return value + 0.0  # -0 is 0, stored as 0.0, not -0.0


def check_effort(value: float, field: str = "rpe") -> float:
    if not 0 <= value <= 10:
        raise FieldError(field, f"{value:g}", f"is off the scale: {EFFORT_SCALE}", quoted=False)
    return value + 0.0


# --- text people type -------------------------------------------------------------------------

MAX_NOTE = 1000
_HIDDEN = ("Cc", "Cf", "Cs", "Zl", "Zp")  # controls, format characters, lone surrogates, breaks
_NOTE_SPACES = "\t\n\r"  # what a note may hold of those: a spreadsheet cell's lines


def note(text: str, field: str = "note") -> str:
    """A note of at most 1,000 characters, without control characters (as names: escapes,
    U+202E, U+200B...; tabs and line breaks are kept) or lone surrogates (bytes that were
    not UTF-8, which no JSON document can hold)."""
    for c in text:
        category = unicodedata.category(c)
        if category in _HIDDEN and c not in _NOTE_SPACES:
            what = "a byte that is not UTF-8" if category == "Cs" else "a control character"
            raise FieldError(
                field,
                visible(text[:60]) + ("..." if len(text) > 60 else ""),
                f"has {what} in it (U+{ord(c):04X}): type the note in plain text",
            )
    if len(text) > MAX_NOTE:
        raise FieldError(
            field,
            f"{text[:20]}...",
            f"is {len(text):,} characters long: keep a note to {MAX_NOTE:,} or fewer",
        )
    return text


MAX_NAME = 200


def name(text: str, field: str = "name") -> str:
    """A person's name: no invisible or right-to-left control characters (Unicode categories
    Cc and Cf: U+202E, U+200B, U+2066...), which could hide or reverse what is shown."""
    for c in text:
        if unicodedata.category(c) in _HIDDEN:
            raise FieldError(
                field,
                visible(text),
                f"has an invisible control character in it (U+{ord(c):04X}): "
                "type the name in plain letters",
            )
    if len(text) > MAX_NAME:
        raise FieldError(
            field, f"{text[:20]}...", f"is too long for a name: use {MAX_NAME} characters or fewer"
        )
    return text


def yes_no(text: str, field: str) -> bool:
    """yes/no, y/n, true/false, 1/0, x or empty (a spreadsheet's tick)."""
    word = text.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise FieldError(field, text, "is not yes or no")


YES = frozenset({"yes", "y", "true", "t", "1", "x"})
NO = frozenset({"no", "n", "false", "f", "0", ""})


# --- a profile's settings ---------------------------------------------------------------------


OLDEST = 120  # years: a year of birth further back is a typo


def birth_year(text: str, today: dt.date, field: str = "born") -> int:
    """A year of birth such as 1952: at most OLDEST years ago, not in the future."""
    year = whole(text)
    first = today.year - OLDEST
    if year is None or not first <= year <= today.year:
        raise FieldError(
            field, text, f"is not a year of birth: use a year from {first} to {today.year}"
        )
    return year


def sex(text: str, field: str = "sex") -> Sex:
    """f or m (female, male, w, woman, man...): which published cut-offs apply."""
    word = text.strip().lower()
    if word in ("f", "female", "w", "woman"):
        return "f"
    if word in ("m", "male", "man"):
        return "m"
    raise FieldError(field, text, "is not f or m: the tests' cut-offs are given for women and men")


def units(text: str, field: str = "units") -> Unit:
    try:
        return Unit(text.strip().lower().rstrip("s"))
    except ValueError:
        raise FieldError(field, text, "is not a unit: use kg or lb") from None


def days(text: str, field: str = "days") -> list[Weekday]:
    """'mon,thu' (or Monday,Thursday) as weekdays in week order."""
    chosen: list[Weekday] = []
    for raw in text.split(","):
        day = raw.strip().lower()[:3]
        if day not in WEEKDAYS:
            raise FieldError(
                field,
                raw.strip(),
                "is not a weekday: use mon, tue, wed, thu, fri, sat, sun",
            )
        if day in chosen:
            raise FieldError(field, text, f"lists '{day}' twice")
        chosen.append(day)  # type: ignore[arg-type]
    return sorted(chosen, key=WEEKDAYS.index)


def schedule_days(days: Sequence[str], schedule: Schedule, field: str = "days") -> None:
    """Training days a program allows: as many a week as its schedule says, with a rest day
    between sessions (sun and mon count as days in a row) unless the program cites a source
    that allows days in a row. FieldError names the rule and its source."""
    low, high = schedule.allowed
    cited = ", ".join(k.value for k in schedule.sources) or "the program's schedule"
    shown = ",".join(days)
    if not low <= len(days) <= high:
        allowed = f"exactly {low}" if low == high else f"{low} to {high}"
        raise FieldError(
            field,
            shown,
            f"gives {len(days)} strength day{'s' if len(days) != 1 else ''} a week: this "
            f"program allows {allowed} ({cited})",
        )
    pair = in_a_row(days)
    if pair is not None and schedule.consecutive_days is None:
        raise FieldError(
            field,
            shown,
            f"puts strength sessions on {pair[0]} and {pair[1]}, days in a row: keep at least "
            "one rest day between them (oneup's rule; a program may allow days in a row only "
            "with a cited source)",
        )


def equipment(text: str, field: str = "equipment") -> list[Equipment]:
    """'home', 'gym', 'none', or a list such as dumbbells,bands,ankle-weights."""
    chosen: set[Equipment] = set(EQUIPMENT_SETS["none"])
    known = {e.value for e in Equipment}
    choices = ", ".join(dict.fromkeys([*EQUIPMENT_SETS, *(e.value for e in Equipment)]))
    for raw in text.split(","):
        word = raw.strip().lower()
        if word in EQUIPMENT_SETS:
            chosen |= EQUIPMENT_SETS[word]
            continue
        try:
            chosen.add(Equipment(word if word in known else word.rstrip("s")))
        except ValueError:
            raise FieldError(
                field, raw.strip(), f"is not equipment oneup knows: choose from {choices}"
            ) from None
    return sorted(chosen, key=lambda e: e.value)


def support(text: str, field: str = "support") -> Support:
    try:
        return Support(text.strip().lower())
    except ValueError:
        raise FieldError(
            field, text, "is not a level: use two-hands, one-hand, no-support or eyes-closed"
        ) from None


def exercise(library: Library, text: str, field: str = "exercise") -> Exercise:
    """By id or name, case-insensitively, with a 'did you mean' on a miss."""
    wanted = text.strip().lower()
    for ex in library.exercises:
        if wanted in (ex.id, ex.name.lower()) or wanted.replace(" ", "-") == ex.id:
            return ex
    choices = {ex.id: ex for ex in library.exercises} | {
        ex.name.lower(): ex for ex in library.exercises
    }
    guess = difflib.get_close_matches(wanted, list(choices), n=1, cutoff=0.5)
    raise UnknownExercise(field, text, choices[guess[0]].id if guess else None)


MAX_START_LOAD_KG = 500


def loads(
    library: Library, pairs: Iterable[str], unit: Unit, field: str = "load"
) -> dict[str, Weight]:
    """EXERCISE=WEIGHT pairs, the unit defaulting to `unit`: {exercise id: weight}."""
    found = {}
    for pair in pairs:
        name, sep, amount = pair.partition("=")
        if not sep:
            raise FieldError(
                field,
                pair,
                "should look like EXERCISE=WEIGHT, e.g. goblet-squat=10kg",
            )
        ex = exercise(library, name, field)
        text = amount.strip()
        number = re.fullmatch(r"([0-9]{1,9}(?:\.[0-9]{1,9})?) *([a-z]*)", text.lower())
        if number and not number.group(2):
            text += unit.value
        try:
            if not number:
                raise ValueError
            weight = Weight.parse(text)
        except ValueError:
            raise FieldError(field, amount, "is not a weight such as 10kg or 22lb") from None
        if weight.value <= 0 or weight.to(Unit.kg) > MAX_START_LOAD_KG:
            raise FieldError(field, amount, f"for {ex.id} is not a sensible load")
        found[ex.id] = weight
    return found


# --- printed plans ----------------------------------------------------------------------------


def paper(text: str | None, field: str = "paper") -> str:
    """a4 or letter; None: from the locale (letter for en_US, fr_CA...), else a4."""
    import os

    from .render import registry

    if text is None:
        return registry.default_paper(os.environ)
    name = text.strip().lower()
    if name not in registry.PAPERS:
        raise FieldError(field, text, "is not a paper size: use a4 or letter")
    return name


def plan_format(text: str | None, output: PurePath | None = None, field: str = "format") -> Format:
    """A format by name (md, markdown...), else from the output file's extension, else text."""
    from .render import registry

    choices = ", ".join(registry.names())
    if text is not None:
        chosen = registry.get(text)
        if chosen is None:
            raise FieldError(field, text, f"is not a format: choose {choices}")
        return chosen
    if output is not None and str(output) != "-":
        by_name = registry.get("text") if output.suffix == "" else registry.from_extension(output)
        if by_name is None:
            raise Mentions(
                f"cannot tell the format of '{literal(output)}' from its extension: "
                f"add {{format}} ({choices})"
            )
        return by_name
    text_format = registry.get("text")
    assert text_format is not None
    return text_format


def template(path: Path | None, fmt: str, field: str = "template") -> Path | None:
    """A trainer's own Typst template for PDF plans: a .typ file that exists."""
    if path is None:
        return None
    if fmt != "pdf":
        raise FieldError(
            field,
            path,
            f"is a template for PDF plans, not for {fmt}: add {{format:pdf}}",
            quoted=False,
            mentions=True,
        )
    if path.suffix.lower() != ".typ":
        raise FieldError(field, path, "is not a Typst template: give a .typ file", quoted=False)
    if not path.is_file():
        raise FieldError(field, path, "does not exist", quoted=False)
    return path


# --- exports ----------------------------------------------------------------------------------

_CLOCK_RE = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")
_REMINDER_RE = re.compile(r"^([0-9]{1,4}) ?(m|min|mins|minutes|h|hr|hrs|hours|d|days)$", re.I)
MOST_REMINDER = dt.timedelta(days=7)


def time_of_day(text: str, field: str = "time") -> dt.time:
    """HH:MM on a 24-hour clock: '07:30', '7:30', '18:00'."""
    m = _CLOCK_RE.fullmatch(text.strip())
    if m is None:
        raise FieldError(field, text, "is not a time of day: use HH:MM, e.g. 07:30 or 18:00")
    return dt.time(int(m.group(1)), int(m.group(2)))


def reminder(text: str, field: str = "remind") -> dt.timedelta:
    """How long before: '30m', '2h', '1d'; from a minute to a week."""
    m = _REMINDER_RE.fullmatch(text.strip())
    if m is not None:
        unit = {"m": "minutes", "h": "hours", "d": "days"}[m.group(2)[0].lower()]
        before = dt.timedelta(**{unit: int(m.group(1))})
        if dt.timedelta(minutes=1) <= before <= MOST_REMINDER:
            return before
    raise FieldError(
        field, text, "is not a reminder: say how long before, from 1m to 7d, e.g. 30m or 2h"
    )
