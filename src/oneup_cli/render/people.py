"""Profiles for the terminal: `oneup profile` as a table, `oneup profiles` as lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from ..errors import OneupError
from ..model import Profile, Weight
from ..words import visible

if TYPE_CHECKING:
    from ..enrol import Imported


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _weights(weights: dict[str, Weight]) -> str:
    return ", ".join(f"{ex} {w}" for ex, w in weights.items()) or "none"


def profile_table(person: Profile) -> Table:
    """Two columns, plain words: no Python values (True, None, [...]) reach the reader."""
    table = Table(
        title=Text(visible(f"Profile {person.name}"), style="bold"),
        title_justify="left",
        show_header=False,
        box=box.SIMPLE,
    )
    table.add_column("Setting", style="bold")
    table.add_column("Value", overflow="fold")
    rows = [
        ("Program", person.program),
        ("Started", f"{person.start:%a %-d %b %Y}"),
        ("Training days", ", ".join(person.days)),
        ("Units", person.units.value),
        ("Equipment", ", ".join(e.value for e in person.equipment) or "none"),
        ("With a coach", _yes(person.supervised)),
        ("Vertebral fracture", _yes(person.vertebral_fracture)),
        ("Cleared for more effort", _yes(person.cleared)),
        ("Starting loads", _weights(person.loads)),
        ("One-rep maximums", _weights(person.one_rm)),
        ("Year of birth", str(person.born) if person.born is not None else "not given"),
        ("Sex", {"f": "female", "m": "male"}.get(person.sex or "", "not given")),
    ]
    for label, value in rows:
        table.add_row(label, Text(visible(value)))
    return table


def started(name: str, program_id: str) -> str:
    """`oneup today` the first time: the profile it made, and how to choose another."""
    return (
        f"Started you on the '{program_id}' program from today (profile '{name}'). "
        "To choose another: oneup start PROGRAM (see oneup programs list)."
    )


def follows(person: Profile, program_name: str) -> str:
    """`oneup start`: 'Profile 'ana' now follows Balance from Mon 5 Jan 2026, on mon, thu.'"""
    return (
        f"Profile '{person.name}' now follows {program_name} from "
        f"{person.start:%a %-d %b %Y}, on {', '.join(person.days)}."
    )


NO_PROFILES = "No profiles yet. `oneup today` makes one; `oneup start PROGRAM` too."


def profile_lines(rows: Sequence[tuple[str, Profile | OneupError]]) -> list[str]:
    """`oneup profiles`: 'ana: balance from 2026-01-05, mon, thu' per profile."""
    lines = []
    for name, p in rows:
        if isinstance(p, OneupError):
            lines.append(f"{name}: damaged ({p.message})")
        else:
            lines.append(f"{name}: {p.program} from {p.start}, {', '.join(p.days)}")
    return [visible(line) for line in lines]


def imported_lines(result: Imported) -> list[str]:
    """`oneup profiles import`: a line per row (the changes of a changed profile field by
    field, indented below it), then the summary."""
    lines: list[str] = []
    dry = result.dry_run
    for o in result.outcomes:
        who = f"{o.name} (row {o.row}, {o.client})"
        if o.action == "created":
            p = o.profile
            lines.append(
                f"{'would create' if dry else 'created'} {who}: {p.program} from {p.start}, "
                f"{', '.join(p.days)}"
            )
        elif o.action == "changed":
            lines.append(f"{'would change' if dry else 'changed'} {who}:")
            lines += [f"  {c.field}: {c.before or '-'} -> {c.after}" for c in o.changes]
        else:
            lines.append(f"unchanged {who}")
    lines.append(imported_summary(result))
    return [visible(line) for line in lines]


def imported_summary(result: Imported) -> str:
    """'3 profiles from clients.csv: 1 created, 1 changed, 1 unchanged. ...'"""
    n = len(result.outcomes)
    made, changed, same = (result.count(a) for a in ("created", "changed", "unchanged"))
    if result.dry_run:
        text = (
            f"Nothing written (--dry-run): of {n} profile{'s' if n != 1 else ''} from "
            f"{result.roster}, {made} to create, {changed} to change, {same} unchanged."
        )
    else:
        text = (
            f"{n} profile{'s' if n != 1 else ''} from {result.roster}: {made} created, "
            f"{changed} changed, {same} unchanged."
        )
    for o in result.outcomes:
        moved = o.program_changed
        if moved is not None:
            verb = "would keep" if result.dry_run else "keeps"
            text += (
                f" {o.name}: program {moved.before} -> {moved.after}; it {verb} its log, "
                "and its loads go on from it."
            )
    return text
