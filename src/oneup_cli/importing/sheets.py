"""A filled-in results sheet (CSV or xlsx) recorded in each client's log (issue 14).

The rows are read by `results.read`: every filled row must be valid, or nothing is written
(unless `skip_bad`: the bad rows are skipped and listed). Then each profile's records are
appended to its own log as one batch (one `oneup undo` with that profile takes it back); ids
come from the rows' content, so importing the same sheet twice adds nothing.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import io
from collections.abc import Callable, Iterator, Mapping

from .. import log, paths, results
from .. import profile as profiles
from ..errors import OneupError, UsageError
from ..model import LogRecord, Unit
from ..programs import load_library
from ..roster import csv_uncell

XLSX_MAGIC = b"PK\x03\x04"  # a spreadsheet is a ZIP file


@dc.dataclass(frozen=True)
class Client:
    profile: str
    added: list[LogRecord]
    already: list[LogRecord]


@dc.dataclass(frozen=True)
class SheetImported:
    path: str
    dry_run: bool
    clients: list[Client]
    empty: int  # rows left empty
    bad: list[results.Problem]  # skipped (--skip-bad)
    warnings: list[str] = dc.field(default_factory=list)
    message: list[str] = dc.field(default_factory=list)


def csv_rows(text: str) -> Iterator[tuple[int, Mapping[str, str]]]:
    import csv

    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)  # the header, checked by the caller
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        yield (
            reader.line_num,
            {c: csv_uncell(v) for c, v in zip(results.COLUMNS, row, strict=False)},
        )


def xlsx_rows(data: bytes, path: str) -> tuple[list[str], Iterator[tuple[int, Mapping[str, str]]]]:
    """The header and the rows of the first sheet of a spreadsheet; dates and numbers as the
    CSV sheet writes them."""
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - a dependency; for an install where it went missing
        raise UsageError("reading xlsx needs openpyxl: pip install openpyxl") from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # a damaged or foreign ZIP: openpyxl raises many kinds
        raise UsageError(
            f"{path} is not a spreadsheet oneup can read ({type(e).__name__})"
        ) from None
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [_cell(v) for v in next(lines, ())]

    def body() -> Iterator[tuple[int, Mapping[str, str]]]:
        for n, values in enumerate(lines, start=2):
            cells = [_cell(v) for v in values]
            if any(c.strip() for c in cells):
                yield n, dict(zip(results.COLUMNS, cells, strict=False))

    return header, body()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _units(name: str) -> Unit | None:
    try:
        person = profiles.load(name)
    except (OneupError, ValueError):
        return None
    return person.units if person is not None else None


def import_sheet(
    path: str,
    rows: Iterator[tuple[int, Mapping[str, str]]],
    *,
    now: dt.datetime,
    dry_run: bool = False,
    skip_bad: bool = False,
    describe: Callable[[SheetImported], list[str]] | None = None,
) -> SheetImported:
    found = results.read(rows, load_library(), _units, now=now)
    if found.problems and not skip_bad:
        first = found.problems[0]
        others = len(found.problems) - 1
        more = f" ({others:,} more bad row{'s' if others > 1 else ''})" if others else ""
        raise UsageError(
            f"{path} {first.words()}{more}; nothing was imported (--skip-bad imports the "
            "other rows)"
        )
    if not found.records:
        raise UsageError(
            f"{path} has no filled-in rows ({found.empty:,} left empty): write what was done "
            "in the done, load_used, effort and pain columns"
        )
    # By profile: log.append_after_reading calls `make` twice when the log is new.
    clients: dict[str, Client] = {}
    warnings: dict[str, list[str]] = {}
    for name in sorted(found.records):
        records = found.records[name]
        where = paths.log_file(name)

        def make(
            read: log.LogReadResult, records: list[LogRecord] = records, name: str = name
        ) -> list[LogRecord]:
            present = {r.id for r in read.all_records}
            added = [r for r in records if r.id not in present]
            already = [r for r in records if r.id in present]
            if added:
                batch = log.new_id()
                added = [r.replace(batch=batch, batch_size=len(added)) for r in added]
            clients[name] = Client(name, added, already)
            warnings[name] = read.warnings
            return [] if dry_run else added

        if dry_run:
            make(log.read(where))
        else:
            log.append_after_reading(where, make)
    said = [w for name in clients for w in warnings[name]]
    result = SheetImported(path, dry_run, list(clients.values()), found.empty, found.problems, said)
    if describe is not None:
        result = dc.replace(result, message=describe(result))
    return result
