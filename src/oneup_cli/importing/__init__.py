"""`oneup import` without the command line: another app's export read, checked whole, and
appended to the log as one batch (one `oneup undo` takes it back).

- formats.py: which app wrote the file (a table of formats, read from the header), and one
  reader per format;
- aliases.py: the apps' exercise names mapped to library ids (programs/aliases.yaml, --map);
- records.py: the sets as log records, one per exercise per day, ids made from the content.

Nothing is written unless every row was read (or `skip_bad`); the records whose ids the log
already holds are counted as already imported and not written again. Records taken back by an
undo do not count: importing the file again then adds them with new ids (a next generation).
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import files, log, paths
from .. import profile as profiles
from ..errors import UsageError
from ..model import LogRecord, Unit
from ..model.records import MAX_BATCH
from ..programs import load_library
from . import aliases as names
from . import formats
from . import records as made
from .formats import BadRow, Format, Row

MAX_BYTES = 50_000_000  # years of history from an app are a few MB
SHOWN_BAD = 20  # the bad rows a summary lists one by one (--skip-bad); the rest are counted


@dc.dataclass(frozen=True)
class Imported:
    """What an import added (or, dry, would add)."""

    path: str
    format: Format
    dry_run: bool
    added: list[LogRecord]  # the records written (or that would be)
    already: list[LogRecord]  # records of the file the log holds already: not written again
    bad: list[tuple[int, str]]  # (line, reason) of the rows skipped (--skip-bad)
    warnings: list[str] = dc.field(default_factory=list)  # from reading the log
    # Already imported, but the log has them under another exercise (or by name): --map does
    # not change records already in the log; undo, then import again, does.
    mapped_otherwise: list[LogRecord] = dc.field(default_factory=list)
    message: list[str] = dc.field(default_factory=list)  # what `describe` made of it


def read(path: Path | str) -> str:
    """The file's text; UsageError (one line) if it is missing, not a file, too big, not text
    or empty."""
    try:
        data = files.read_given(
            path, MAX_BYTES, "file", pipes=True, fix=f"give a CSV file from {formats.KNOWN}"
        )
    except files.InputError as e:
        raise UsageError(e.message) from None
    if b"\0" in data:
        raise UsageError(f"{path} is not a text file: give a CSV file from {formats.KNOWN}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(
            f"{path} is not UTF-8 text: give the CSV file {formats.KNOWN} exported"
        ) from None
    if not text.strip():
        raise UsageError(f"{path} is empty: give a CSV file from {formats.KNOWN}")
    return text


def detect(path: Path | str, text: str) -> Format:
    first = text.splitlines()[0]
    fmt = formats.detect(first)
    if fmt is None:
        raise UsageError(
            f"{path} is not an export oneup knows: its first line does not name the columns "
            f"of a {formats.KNOWN} export"
        )
    return fmt


def import_file(
    name: str,
    path: Path | str,
    *,
    now: dt.datetime,
    today: dt.date,
    maps: Sequence[str] = (),
    dry_run: bool = False,
    skip_bad: bool = False,
    describe: Callable[[Imported], list[str]] | None = None,
) -> Imported:
    """`oneup import`: read the file whole, then (unless dry) append its new records as one
    locked, fsynced batch. What it will say is made (`describe`) before anything is written."""
    library = load_library()
    aliases = names.load(library, maps)  # a bad --map is an error before the file is read
    text = read(path)
    body = text.lstrip("\r\n")  # blank lines before the header: counted, not read
    blank = text[: len(text) - len(body)]
    first_line = 1 + blank.count("\n") + blank.replace("\r\n", "").count("\r")
    fmt = detect(path, body)
    person = profiles.load(name)
    unit = person.units if person is not None else Unit.kg
    rows: list[Row] = []
    bad: list[tuple[int, str]] = []
    for line, found in formats.rows(body, fmt, unit, first_line):
        if isinstance(found, BadRow):
            bad.append((line, found.why))
        elif found is not None:
            rows.append(found)
    candidates: list[tuple[made.Group, LogRecord]] = []
    for g in made.group(rows, aliases):
        try:
            candidates.append((g, made.record(g, now=now, today=today)))
        except BadRow as e:
            bad.append((e.line or g.rows[0].line, e.why))
    bad.sort()
    if bad and not skip_bad:
        line, reason = bad[0]
        others = len(bad) - 1
        more = f" ({others:,} more bad row{'s' if others > 1 else ''})" if others else ""
        raise UsageError(
            f"{path} line {line}: {reason}{more}; nothing was imported "
            "(--skip-bad imports the other rows)"
        )
    if not candidates:
        raise UsageError(f"{path} holds no sets to import")
    if len(candidates) > MAX_BATCH:  # one batch, so that one undo takes it all back
        raise UsageError(
            f"{path} holds {len(candidates):,} records, more than the {MAX_BATCH:,} one import "
            "may add: split it by dates, and import each part"
        )
    results: list[Imported] = []

    def make(found: log.LogReadResult) -> list[LogRecord]:
        voided = {r.voids for r in found.all_records if r.kind == "void"}
        present = {r.id: r for r in found.all_records if r.kind != "void" and r.id not in voided}
        added: list[LogRecord] = []
        already: list[LogRecord] = []
        for g, r in candidates:
            generation = 0
            while (rid := made.content_id(fmt, g, generation)) in voided:
                generation += 1
            (already if rid in present else added).append(r.replace(id=rid))
        if added:
            batch = log.new_id()
            added = [r.replace(batch=batch, batch_size=len(added)) for r in added]
        otherwise = [r for r in already if present[r.id].exercise != r.exercise]
        result = Imported(str(path), fmt, dry_run, added, already, bad, found.warnings, otherwise)
        if describe is not None:
            result = dc.replace(result, message=describe(result))
        results.append(result)
        return [] if dry_run else added

    where = paths.log_file(name)
    if dry_run:
        make(log.read(where))
    else:
        log.append_after_reading(where, make)
    return results[-1]
