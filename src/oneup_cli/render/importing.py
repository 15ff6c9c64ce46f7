"""What `oneup import` says: the summary of what was added (or, with --dry-run, would be),
and its JSON document."""

from __future__ import annotations

import dataclasses as dc
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..model import Library, LogRecord
from ..plain import visible

if TYPE_CHECKING:
    from ..importing import Imported
    from ..importing.sheets import SheetImported


@dc.dataclass
class Line:
    """One exercise of the import: by library id, or by the name the file gave."""

    exercise: str | None
    name: str
    records: int = 0
    sets: int = 0
    warmups: int = 0


def per_exercise(records: Sequence[LogRecord], library: Library) -> list[Line]:
    by_id = library.by_id()
    lines: dict[str, Line] = {}
    for r in records:
        k = r.exercise or "?" + (r.name or "")
        if k not in lines:
            shown = by_id[r.exercise].name if r.exercise in by_id else (r.name or "")
            lines[k] = Line(r.exercise, shown)
        line = lines[k]
        line.records += 1
        line.warmups += sum(1 for s in r.sets if s.warmup)
        line.sets += sum(1 for s in r.sets if not s.warmup)
    return sorted(lines.values(), key=lambda x: (x.exercise is None, x.name.lower()))


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def summary(result: Imported, library: Library, shown_bad: int = 20) -> list[str]:
    """The lines `oneup import` prints: counts per exercise, the days, names not mapped,
    warm-ups, what was there already, the rows skipped, and how to take it back. A backup's
    voids (and functional tests) are restored with it, and counted apart."""
    added = [r for r in result.added if r.kind == "sets"]
    others = len(result.added) - len(added)
    where = f"{visible(result.path)} ({result.format.title})"
    said: list[str] = []
    if added:
        days = sorted({r.date for r in added if r.date})
        sets = sum(1 for r in added for s in r.sets if not s.warmup)
        verb = "Would import" if result.dry_run else "Imported"
        said.append(
            f"{verb} {_plural(len(added), 'record')} from {where}: {_plural(sets, 'set')} "
            f"on {_plural(len(days), 'day')}, {days[0]:%a %-d %b %Y} to {days[-1]:%a %-d %b %Y}."
        )
        for line in per_exercise(added, library):
            what = line.name if line.exercise else f"'{visible(line.name)}' (not mapped)"
            warm = f" and {_plural(line.warmups, 'warm-up set')}" if line.warmups else ""
            said.append(
                f"  {what}: {_plural(line.records, 'day')}, {_plural(line.sets, 'set')}{warm}"
            )
    elif not others:
        said.append(f"Nothing new in {where}: every record in it was imported already.")
    if others:
        said.append(f"  and {_plural(others, 'other record')} (undone records, tests)")
    unknown = sorted({r.name for r in added if r.name})
    if unknown:
        listed = ", ".join(f"'{visible(n)}'" for n in unknown)
        said.append(
            f"Not mapped to an exercise, kept by name and not used to plan: {listed}. "
            'Map one with --map "NAME=EXERCISE" (oneup exercises list shows them).'
        )
    if any(s.warmup for r in added for s in r.sets):
        said.append("Warm-up sets are kept and marked; they do not count as work sets.")
    if result.already:
        said.append(
            f"Already imported: {_plural(len(result.already), 'record')} (not added again)."
        )
    if result.mapped_otherwise:
        said.append(
            f"{_plural(len(result.mapped_otherwise), 'record')} of it "
            f"{'is' if len(result.mapped_otherwise) == 1 else 'are'} in the log under "
            "another exercise or by name: --map changes only what is added. To map them, "
            "run oneup undo (if the import was the last thing recorded), then import again."
        )
    if result.bad:
        said.append(f"Skipped {_plural(len(result.bad), 'bad row')}:")
        said += [f"  line {n}: {reason}" for n, reason in result.bad[:shown_bad]]
        if len(result.bad) > shown_bad:
            said.append(f"  and {len(result.bad) - shown_bad:,} more")
    if result.restored_profile:
        said.append(
            "The profile was restored from the backup too."
            if not result.dry_run
            else "The profile would be restored from the backup too."
        )
    if result.dry_run:
        said.append("Nothing was written (--dry-run).")
    elif added:
        said.append("To take the whole import back: oneup undo")
    return said


def _span(records: Sequence[LogRecord]) -> str:
    days = sorted({r.date for r in records if r.date})
    if not days:
        return ""
    if days[0] == days[-1]:
        return f" on {days[0]:%a %-d %b %Y}"
    return f", {days[0]:%a %-d %b %Y} to {days[-1]:%a %-d %b %Y}"


def sheet_summary(result: SheetImported, shown_bad: int = 20) -> list[str]:
    """What `oneup import SHEET` says: per client, the sets recorded (or that would be)."""
    verb = "Would record" if result.dry_run else "Recorded"
    said = [f"{verb} from the results sheet {visible(result.path)}:"]
    for c in result.clients:
        sets = sum(len(r.sets) for r in c.added)
        if c.added:
            pain = sum(1 for r in c.added if r.pain)
            hurt = f", pain reported in {_plural(pain, 'exercise')}" if pain else ""
            said.append(
                f"  {visible(c.profile)}: {_plural(sets, 'set')} of "
                f"{_plural(len(c.added), 'exercise')}{_span(c.added)}{hurt}"
            )
        else:
            said.append(f"  {visible(c.profile)}: nothing new (imported already)")
    if result.empty:
        said.append(f"Rows left empty, skipped: {result.empty:,}.")
    if result.bad:
        said.append(f"Skipped {_plural(len(result.bad), 'bad row')}:")
        said += [f"  {p.words()}" for p in result.bad[:shown_bad]]
        if len(result.bad) > shown_bad:
            said.append(f"  and {len(result.bad) - shown_bad:,} more")
    if result.dry_run:
        said.append("Nothing was written (--dry-run).")
    elif any(c.added for c in result.clients):
        said.append("To take one client's import back: oneup --profile NAME undo")
    return said


def sheet_document(result: SheetImported) -> dict[str, Any]:
    """The payload of `oneup import SHEET --json` (schema/output/import-sheet.schema.json)."""
    return {
        "file": result.path,
        "format": "oneup-sheet",
        "dry_run": result.dry_run,
        "clients": [
            {
                "profile": c.profile,
                "added": len(c.added),
                "already_imported": len(c.already),
                "sets": sum(len(r.sets) for r in c.added),
                "pain": sum(1 for r in c.added if r.pain),
            }
            for c in result.clients
        ],
        "empty_rows": result.empty,
        "skipped": [{"line": p.line, "column": p.column, "reason": p.why} for p in result.bad],
    }


def document(name: str, result: Imported, library: Library) -> dict[str, Any]:
    """The payload of `oneup import --json` (schema/output/import.schema.json)."""
    added = [r for r in result.added if r.kind == "sets"]
    days = sorted({r.date for r in added if r.date})
    return {
        "profile": name,
        "file": result.path,
        "format": result.format.id,
        "dry_run": result.dry_run,
        "added": len(added),
        "already_imported": len(result.already),
        "sets": sum(1 for r in added for s in r.sets if not s.warmup),
        "warmup_sets": sum(1 for r in added for s in r.sets if s.warmup),
        "first": days[0].isoformat() if days else None,
        "last": days[-1].isoformat() if days else None,
        "exercises": [
            {
                "exercise": line.exercise,
                "name": line.name,
                "mapped": line.exercise is not None,
                "records": line.records,
                "sets": line.sets,
                "warmup_sets": line.warmups,
            }
            for line in per_exercise(added, library)
        ],
        "unknown": sorted({r.name for r in added if r.name}),
        "skipped": [{"line": n, "reason": reason} for n, reason in result.bad],
    }
