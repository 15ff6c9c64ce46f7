"""Profiles: one file per person, replaced atomically, readable by its owner only."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from . import paths
from .convert import ConversionError, from_plain, to_plain
from .errors import OneupError, UsageError
from .model import (
    EQUIPMENT_SETS,
    WEEKDAYS,
    Equipment,
    Profile,
    Weekday,
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
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise OneupError(f"cannot read profile {path}: {e}") from None
    try:
        return from_plain(Profile, data)
    except ConversionError as e:
        raise OneupError(f"profile {path} is damaged: {e}") from None


def save(profile: Profile) -> Path:
    path = paths.profile_file(profile.name)
    atomic_write(path, json.dumps(to_plain(profile), indent=2) + "\n")
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


def parse_date(text: str, what: str = "date") -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{what} '{text}' is not a real date: use YYYY-MM-DD, e.g. 2026-03-02"
        ) from None
