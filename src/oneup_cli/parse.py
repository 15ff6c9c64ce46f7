"""Values typed by people: dates, units, loads, week ranges, day lists, equipment, efforts,
paper sizes, formats. One parser per kind of value, used by every front end.

A bad value raises `FieldError(field, value, hint)`. The error does not know where the value
came from: each front end names the field in its own words when it shows the message. The
command line says `--weeks 'x' ...` (cli/__init__.py maps fields to options), a roster
`weeks 'x' ...` after the row, the Python API `weeks='x' ...` (the message it carries).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UsageError
from .model import EQUIPMENT_SETS, WEEKDAYS, Equipment, Library, Support, Unit, Weekday, Weight

if TYPE_CHECKING:
    from pathlib import PurePath

    from .model import Exercise
    from .render.registry import Format


class FieldError(UsageError):
    """A value that cannot be used: which field, the value as given, and what is wrong.

    `hint` follows the value: "is not a unit: use kg or lb", or ": weeks count from 1".
    Some messages are about one item of a list ('funday' in mon,funday) and name no field
    (`named=False`); `lead` then stands before the item ("unknown equipment 'rowboat'...").
    """

    def __init__(
        self,
        field: str,
        value: object,
        hint: str,
        *,
        quoted: bool = True,
        named: bool = True,
        lead: str = "",
    ) -> None:
        self.field = field
        self.value = str(value)
        self.hint = hint
        self.quoted = quoted
        self.named = named
        self.lead = lead
        super().__init__(self.worded(f"{field}="))  # the Python API's words

    def worded(self, label: str) -> str:
        """The message with the field called `label`: '--weeks', 'weeks', 'weeks='."""
        shown = f"'{self.value}'" if self.quoted else self.value
        tail = self.hint if self.hint.startswith((":", ",")) else f" {self.hint}"
        if not self.named:
            return f"{self.lead} {shown}{tail}" if self.lead else f"{shown}{tail}"
        joint = "" if label.endswith("=") else " "
        return f"{label}{joint}{shown}{tail}"


# --- dates and numbers ------------------------------------------------------------------------

FIRST_YEAR, LAST_YEAR = 1900, 2199
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def date(text: str, field: str = "date") -> dt.date:
    """YYYY-MM-DD, a real day between 1900 and 2199."""
    try:
        if not _DATE_RE.match(text.strip()):
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


def weeks(text: str, field: str = "weeks") -> tuple[int, int]:
    """'3-5' or '3' as (first, last)."""
    first, sep, last = text.strip().partition("-")
    try:
        a = int(first)
        b = int(last) if sep else a
    except ValueError:
        raise FieldError(field, text, "is not a range of weeks such as 3-5") from None
    if a < 1 or b < 1:
        raise FieldError(field, text, ": weeks count from 1")
    if a > b:
        raise FieldError(field, text, f"runs backwards: write {b}-{a}", quoted=False)
    return a, b


EFFORT_SCALE = "effort is from 0 (rest) to 10 (max)"


def effort(text: str, field: str = "rpe") -> float:
    """How hard it felt, 0 to 10: 7, 7.5 or 7,5."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise FieldError(field, text, f"is not a number: {EFFORT_SCALE}") from None
    return check_effort(value, field)


def check_effort(value: float, field: str = "rpe") -> float:
    if not 0 <= value <= 10:
        raise FieldError(field, f"{value:g}", f"is off the scale: {EFFORT_SCALE}", quoted=False)
    return value


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
                named=False,
            )
        if day in chosen:
            raise FieldError(field, text, f"lists '{day}' twice")
        chosen.append(day)  # type: ignore[arg-type]
    return sorted(chosen, key=WEEKDAYS.index)


def equipment(text: str, field: str = "equipment") -> list[Equipment]:
    """'home', 'gym', 'none', or a list such as dumbbells,bands,ankle-weights."""
    chosen: set[Equipment] = set(EQUIPMENT_SETS["none"])
    known = {e.value for e in Equipment}
    for raw in text.split(","):
        word = raw.strip().lower()
        if word in EQUIPMENT_SETS:
            chosen |= EQUIPMENT_SETS[word]
            continue
        try:
            chosen.add(Equipment(word if word in known else word.rstrip("s")))
        except ValueError:
            choices = ", ".join([*EQUIPMENT_SETS, *(e.value for e in Equipment)])
            raise FieldError(
                field,
                raw.strip(),
                f": choose from {choices}",
                named=False,
                lead="unknown equipment",
            ) from None
    return sorted(chosen, key=lambda e: e.value)


def support(text: str, field: str = "support") -> Support:
    try:
        return Support(text.strip().lower())
    except ValueError:
        raise FieldError(
            field, text, "is not a level: use two-hands, one-hand, no-support or eyes-closed"
        ) from None


def exercise(library: Library, text: str) -> Exercise:
    """By id or name, case-insensitively, with a 'did you mean' on a miss."""
    wanted = text.strip().lower()
    for ex in library.exercises:
        if wanted in (ex.id, ex.name.lower()) or wanted.replace(" ", "-") == ex.id:
            return ex
    choices = {ex.id: ex for ex in library.exercises} | {
        ex.name.lower(): ex for ex in library.exercises
    }
    guess = difflib.get_close_matches(wanted, list(choices), n=1, cutoff=0.5)
    tip = f" Did you mean '{choices[guess[0]].id}'?" if guess else ""
    raise UsageError(f"no exercise called '{text}'.{tip} `oneup exercises list` shows them all.")


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
                named=False,
            )
        ex = exercise(library, name)
        text = amount.strip()
        if text.replace(".", "", 1).isdigit():
            text += unit.value
        try:
            weight = Weight.parse(text)
        except ValueError:
            raise FieldError(
                field, amount, "is not a weight such as 10kg or 22lb", named=False
            ) from None
        if weight.value <= 0 or weight.to(Unit.kg) > MAX_START_LOAD_KG:
            raise FieldError(field, amount, f"for {ex.id} is not a sensible load", named=False)
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
            raise UsageError(
                f"cannot tell the format of '{output}' from its extension: add --format ({choices})"
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
            field, path, f"is a template for PDF plans, not for {fmt}: add -f pdf", quoted=False
        )
    if path.suffix.lower() != ".typ":
        raise FieldError(field, path, "is not a Typst template: give a .typ file", quoted=False)
    if not path.is_file():
        raise FieldError(field, path, "does not exist", quoted=False)
    return path
