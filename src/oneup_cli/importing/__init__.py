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

import csv
import dataclasses as dc
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import msgspec

from .. import files, log, paths
from .. import profile as profiles
from ..errors import UsageError
from ..model import LogRecord, Unit
from ..model.records import MAX_BATCH
from ..programs import load_library
from . import aliases as names
from . import formats, own
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
    restored_profile: bool = False  # a backup's profile, saved as the profile imported into


def given(path: Path | str) -> bytes:
    """The file's bytes, read once (a pipe can be read only once); UsageError (one line) if it
    is missing, not a file or too big."""
    try:
        return files.read_given(
            path, MAX_BYTES, "file", pipes=True, fix=f"give a CSV file from {formats.KNOWN}"
        )
    except files.InputError as e:
        raise UsageError(e.message) from None


def read(path: Path | str, data: bytes) -> str:
    """The file's text; UsageError (one line) if it is not text or empty."""
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
            f"of a {formats.KNOWN} export, of oneup export -f csv, or of a results sheet"
        )
    return fmt


def sheet_rows(path: Path | str, data: bytes) -> Iterator[tuple[int, Mapping[str, str]]] | None:
    """The rows of a results sheet (CSV or xlsx, `oneup plan|bulk --format sheet|xlsx`) in
    the file's bytes; None for any other file."""
    from .. import results
    from . import sheets

    if data.startswith(sheets.XLSX_MAGIC):
        header, rows = sheets.xlsx_rows(data, str(path))
        if not results.is_sheet(header):
            raise UsageError(
                f"{path} is a spreadsheet, but not a results sheet of oneup's (oneup plan "
                "--format xlsx makes one)"
            )
        return rows
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    first = next(iter(text.lstrip("\r\n").splitlines()), "")
    if not results.is_sheet(next(csv.reader([first]), [])):
        return None
    return sheets.csv_rows(text.lstrip("\r\n"))


# The id of a record made from a file's content, by generation (records.content_id).
IdOf = Callable[[int], str]


def _not_read(cells: formats.Cells, line: int, unit: Unit) -> Row | None:
    raise AssertionError("oneup's own files are read by own.py")  # pragma: no cover


OWN_CSV = Format("oneup-csv", "oneup's own CSV", ",", frozenset(), _not_read)
BACKUP = Format("oneup-backup", "a oneup backup", ",", frozenset(), _not_read)


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
    data: bytes | None = None,
) -> Imported:
    """`oneup import`: read the file whole (`data`: its bytes, when read already), then
    (unless dry) append its new records as one locked, fsynced batch. What it will say is
    made (`describe`) before anything is written."""
    library = load_library()
    aliases = names.load(library, maps)  # a bad --map is an error before the file is read
    text = read(path, given(path) if data is None else data)
    if own.is_backup(text):
        return _restore(name, path, text, dry_run, skip_bad, describe)
    body = text.lstrip("\r\n")  # blank lines before the header: counted, not read
    blank = text[: len(text) - len(body)]
    first_line = 1 + blank.count("\n") + blank.replace("\r\n", "").count("\r")
    if own.is_own_csv(body.splitlines()[0]):
        found = [(first_line + n - 1, r) for n, r in own.own_csv(body)]
        return _own(name, path, OWN_CSV, found, dry_run, skip_bad, describe)
    fmt = detect(path, body)
    person = profiles.load(name)
    unit = person.units if person is not None else Unit.kg
    rows: list[Row] = []
    bad: list[tuple[int, str]] = []
    for line, found_row in formats.rows(body, fmt, unit, first_line):
        if isinstance(found_row, BadRow):
            bad.append((line, found_row.why))
        elif found_row is not None:
            rows.append(found_row)
    candidates: list[tuple[IdOf | None, LogRecord]] = []
    for g in made.group(rows, aliases):
        try:
            record = made.record(g, now=now, today=today)
        except BadRow as e:
            bad.append((e.line or g.rows[0].line, e.why))
            continue
        candidates.append((functools.partial(made.content_id, fmt, g), record))
    return _write(name, path, fmt, candidates, bad, dry_run, skip_bad, describe)


def _own(
    name: str,
    path: Path | str,
    fmt: Format,
    found: Sequence[tuple[int, LogRecord | BadRow]],
    dry_run: bool,
    skip_bad: bool,
    describe: Callable[[Imported], list[str]] | None,
    restoring: bool = False,
) -> Imported:
    """oneup's own records, with their own ids (own.py)."""
    bad = [(line, r.why) for line, r in found if isinstance(r, BadRow)]
    candidates: list[tuple[IdOf | None, LogRecord]] = [
        (None, r) for _, r in found if isinstance(r, LogRecord)
    ]
    return _write(name, path, fmt, candidates, bad, dry_run, skip_bad, describe, restoring)


def _refuse(path: Path | str, bad: list[tuple[int, str]], where: str) -> None:
    """Nothing is imported: the first bad row (`where` "line") or record, and how many more."""
    place, reason = bad[0]
    what = "row" if where == "line" else where
    others = len(bad) - 1
    more = f" ({others:,} more bad {what}{'s' if others > 1 else ''})" if others else ""
    raise UsageError(
        f"{path} {where} {place}: {reason}{more}; nothing was imported "
        f"(--skip-bad imports the other {what}s)"
    )


def _restore(
    name: str,
    path: Path | str,
    text: str,
    dry_run: bool,
    skip_bad: bool,
    describe: Callable[[Imported], list[str]] | None,
) -> Imported:
    """A JSON backup: its records (voids too), and its profile when `name` has none yet (saved
    first: a profile without its log is a profile still, a log without one is lost)."""
    try:
        person, found = own.backup(text)
    except BadRow as e:
        raise UsageError(f"{path} {e.why}") from None
    bad = [(n, r.why) for n, r in found if isinstance(r, BadRow)]
    if bad and not skip_bad:
        _refuse(path, bad, "record")
    restoring = profiles.load(name) is None
    if restoring and not dry_run and any(isinstance(r, LogRecord) for _, r in found):
        profiles.save(msgspec.structs.replace(person, name=name))
    return _own(name, path, BACKUP, found, dry_run, skip_bad, describe, restoring)


def _write(
    name: str,
    path: Path | str,
    fmt: Format,
    candidates: Sequence[tuple[IdOf | None, LogRecord]],
    bad: list[tuple[int, str]],
    dry_run: bool,
    skip_bad: bool,
    describe: Callable[[Imported], list[str]] | None,
    restoring: bool = False,
) -> Imported:
    """Append the candidates whose ids the log does not hold, as one batch."""
    bad.sort()
    if bad and not skip_bad:
        _refuse(path, bad, "line")
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
        # Voids are records too (a backup brings them): present unless themselves voided.
        present = {r.id: r for r in found.all_records if r.id not in voided}
        added: list[LogRecord] = []
        already: list[LogRecord] = []
        for content_id, r in candidates:
            if content_id is None:  # oneup's own record: its own id
                rid = r.id
                if rid in voided:  # taken back in this log: not brought back
                    already.append(r)
                    continue
            else:  # made from the content; a taken-back import comes again as a next generation
                generation = 0
                while (rid := content_id(generation)) in voided:
                    generation += 1
            (already if rid in present else added).append(r.replace(id=rid))
        if added:
            batch = log.new_id()
            added = [r.replace(batch=batch, batch_size=len(added)) for r in added]
        otherwise = [r for r in already if r.id in present and present[r.id].exercise != r.exercise]
        result = Imported(
            str(path),
            fmt,
            dry_run,
            added,
            already,
            bad,
            found.warnings,
            otherwise,
            restored_profile=restoring,
        )
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
