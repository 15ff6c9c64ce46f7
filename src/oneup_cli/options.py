"""What every command shares: the consoles, JSON output, today's date, the chosen profile."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from rich.console import Console

from . import paths
from .errors import UsageError

# Results on stdout; errors, warnings and progress on stderr. Rich drops colour and
# decoration when a stream is not a terminal, and honours NO_COLOR.
out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

JSON_SCHEMA_VERSION = 1


def say(text: str) -> None:
    """One plain line on stdout, never wrapped or read as markup (scripts parse these)."""
    out.print(text, markup=False, soft_wrap=True)


def emit_json(kind: str, payload: dict[str, Any]) -> None:
    """One versioned document on stdout, nothing else."""
    doc = {"schema_version": JSON_SCHEMA_VERSION, "kind": kind, **payload}
    sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def today_date() -> dt.date:
    return dt.date.today()


def parse_date_option(value: str | None, option: str = "--date") -> dt.date:
    from .profile import parse_date

    return parse_date(value, option) if value else today_date()


def parse_rpe_option(value: str | None) -> float | None:
    """--rpe as a number, 7.5 or 7,5 (read here, to say what is wrong in plain words); the
    scale itself is checked where the record is made."""
    if value is None:
        return None
    try:
        return float(value.replace(",", "."))
    except ValueError:
        raise UsageError(
            f"--rpe '{value}' is not a number: effort is from 0 (rest) to 10 (max)"
        ) from None


def profile_name(ctx: Any) -> str:
    """The profile chosen with --profile or ONEUP_PROFILE; never a path."""
    name = str((ctx.obj or {}).get("profile", paths.DEFAULT_PROFILE))
    return paths.check_name(name)
