"""What every command shares: the consoles, today's date, the chosen profile, help text."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from rich.console import Console

from .. import paths

# Results on stdout; errors, warnings and progress on stderr. Rich drops colour and
# decoration when a stream is not a terminal, and honours NO_COLOR.
out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

# The options that are not simply "--" and the field's name (parse.FieldError.field); ""
# for a command's argument, which a message does not name (EXERCISE of `oneup log`).
OPTIONS = {
    "one_rm": "--1rm",
    "output": "-o",
    "next_week": "--next",
    "exercise": "",
    "only": "--exercise",  # `oneup history --exercise`
}
# How a message gives an option a value: '-f pdf', '-o plan.pdf'.
SHORT = {"format": "-f", "output": "-o"}

# `--template` of `oneup plan` and `oneup bulk`: one text, so the two never drift apart.
TEMPLATE_HELP = (
    "Print PDFs with your own Typst template (.typ) instead of the built-in one; "
    "it receives the plan as sys.inputs.plan (schema/plan.schema.json)."
)


def option(field: str) -> str:
    """How the command line calls a field: 'weeks' -> '--weeks'."""
    return OPTIONS.get(field, "--" + field.replace("_", "-"))


def words(field: str, value: str | None) -> str:
    """A field that a message mentions, in the command line's words: '--out', '--force'
    (a flag turned on), '-f pdf' (given a value). See parse.Mentions."""
    from ..parse import ON

    if value is None or value == ON:
        return option(field)
    return f"{SHORT.get(field, option(field))} {value}"


def message(e: Exception) -> str:
    """An error's line in the command line's words: a field called by its option (--weeks)."""
    from ..errors import OneupError
    from ..parse import FieldError, Mentions

    if isinstance(e, FieldError):
        return e.worded(option(e.field), words)
    if isinstance(e, Mentions):
        return e.worded(words)
    return e.message if isinstance(e, OneupError) else str(e)


def say(text: str) -> None:
    """One plain line on stdout, never wrapped or read as markup (scripts parse these)."""
    out.print(text, markup=False, soft_wrap=True)


def warn(warnings: list[str]) -> None:
    for w in warnings:
        err.print(f"Warning: {w}", markup=False)


def print_json(document: str) -> None:
    """A --json document on stdout, nothing else."""
    sys.stdout.write(document)


def today_date() -> dt.date:
    return dt.date.today()


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def day_option(value: str | None, field: str = "date") -> dt.date:
    """--date and its kin: the day given, or today."""
    if value is None:
        return today_date()
    from .. import parse

    return parse.date(value, field)


def profile_name(ctx: Any) -> str:
    """The profile chosen with --profile or ONEUP_PROFILE; never a path."""
    name = (ctx.obj or {}).get("profile", paths.DEFAULT_PROFILE)
    return paths.check_name(str(name))
