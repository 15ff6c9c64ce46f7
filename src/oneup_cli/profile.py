"""Profiles: one file per person, replaced atomically, readable by its owner only."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

from . import paths
from .errors import OneupError, UsageError
from .model import (
    EQUIPMENT_SETS,
    WEEKDAYS,
    DecodeError,
    Equipment,
    Library,
    Profile,
    Unit,
    ValidationError,
    Weekday,
    Weight,
    decode_json,
    encode_json,
)


def atomic_write(path: Path, text: str) -> None:
    """Temp file in the same folder, fsync, os.replace: the old file or the new, never half."""
    paths.ensure_private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def load(name: str) -> Profile | None:
    path = paths.profile_file(name)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise OneupError(f"cannot read profile {path}: {e}") from None
    try:
        return decode_json(data, Profile)
    except ValidationError as e:  # a DecodeError too, so first
        raise OneupError(f"profile {path} is damaged: {e}") from None
    except DecodeError as e:
        raise OneupError(f"cannot read profile {path}: {e}") from None


def save(profile: Profile) -> Path:
    path = paths.profile_file(profile.name)
    atomic_write(path, encode_json(profile, indent=2).decode("utf-8") + "\n")
    return path


def names() -> list[str]:
    root = paths.profiles_dir()
    if not root.is_dir():
        return []
    return sorted(p.parent.name for p in root.glob("*/profile.json"))


def parse_days(text: str) -> list[Weekday]:
    days: list[Weekday] = []
    for raw in text.split(","):
        day = raw.strip().lower()[:3]
        if day not in WEEKDAYS:
            raise UsageError(
                f"'{raw.strip()}' is not a weekday: use mon, tue, wed, thu, fri, sat, sun"
            )
        if day in days:
            raise UsageError(f"'{day}' is listed twice in --days")
        days.append(day)  # type: ignore[arg-type]
    return sorted(days, key=WEEKDAYS.index)


def parse_equipment(text: str) -> list[Equipment]:
    """'home', 'gym', 'none', or a list such as dumbbells,bands,ankle-weights."""
    chosen: set[Equipment] = set(EQUIPMENT_SETS["none"])
    for raw in text.split(","):
        word = raw.strip().lower()
        if word in EQUIPMENT_SETS:
            chosen |= EQUIPMENT_SETS[word]
            continue
        try:
            chosen.add(
                Equipment(word.rstrip("s") if word not in {e.value for e in Equipment} else word)
            )
        except ValueError:
            choices = ", ".join([*EQUIPMENT_SETS, *(e.value for e in Equipment)])
            raise UsageError(f"unknown equipment '{raw.strip()}': choose from {choices}") from None
    return sorted(chosen, key=lambda e: e.value)


FIRST_YEAR, LAST_YEAR = 1900, 2199
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str, what: str = "date") -> dt.date:
    """YYYY-MM-DD, a real day between 1900 and 2199."""
    try:
        if not _DATE_RE.match(text.strip()):
            raise ValueError
        day = dt.date.fromisoformat(text.strip())
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise UsageError(
                f"{what} '{text}' is too far away: use a year from {FIRST_YEAR} to {LAST_YEAR}"
            )
        return day
    except ValueError:
        raise UsageError(
            f"{what} '{text}' is not a real date: use YYYY-MM-DD, e.g. 2026-03-02"
        ) from None


def parse_unit(text: str) -> Unit:
    try:
        return Unit(text.strip().lower().rstrip("s"))
    except ValueError:
        raise UsageError(f"--units '{text}' is not a unit: use kg or lb") from None


MAX_START_LOAD_KG = 500


def parse_loads(library: Library, pairs: list[str], unit: Unit) -> dict[str, Weight]:
    """--load / --1rm values: EXERCISE=WEIGHT, the unit defaulting to the profile's."""
    from .service import find_exercise

    loads = {}
    for pair in pairs:
        exercise, sep, amount = pair.partition("=")
        if not sep:
            raise UsageError(f"'{pair}' should look like EXERCISE=WEIGHT, e.g. goblet-squat=10kg")
        ex = find_exercise(library, exercise)
        text = amount.strip()
        if text.replace(".", "", 1).isdigit():
            text += unit.value
        try:
            weight = Weight.parse(text)
        except ValueError:
            raise UsageError(f"'{amount}' is not a weight such as 10kg or 22lb") from None
        if weight.value <= 0 or weight.to(Unit.kg) > MAX_START_LOAD_KG:
            raise UsageError(f"'{amount}' for {ex.id} is not a sensible load")
        loads[ex.id] = weight
    return loads
