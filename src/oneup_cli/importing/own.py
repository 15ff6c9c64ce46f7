"""oneup's own files read back: the CSV of `oneup export -f csv` and the JSON backup of
`oneup export -f json`.

Both give the records exactly as they were (id, when saved, day, exercise or imported name,
sets with their loads as entered, effort, pain, note, source): `oneup history` after an import
into an empty profile is the history that was exported. What changes is the batch: the
records come in as the import's one batch, so one `oneup undo` takes the import back. A
backup holds voids too (they come back with the records they take back) and the profile,
which is restored when the profile imported into does not exist yet.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from .. import log
from ..interop.export import BACKUP_VERSION, CSV_COLUMNS, TEXT_COLUMNS
from ..model import LogRecord, Profile, from_plain
from ..roster import csv_uncell
from .formats import BadRow


def is_own_csv(first_line: str) -> bool:
    return next(csv.reader([first_line]), []) == list(CSV_COLUMNS)


def is_backup(text: str) -> bool:
    return text.lstrip().startswith("{")


def _text(column: str, value: str) -> str:
    """A cell as written: one leading apostrophe dropped from a text cell (export.own_cell),
    and from any other cell that starts like a formula (roster.csv_cell)."""
    if column in TEXT_COLUMNS and value.startswith("'"):
        return value[1:]
    return csv_uncell(value)


def _number(value: str, what: str) -> float | None:
    if not value:
        return None
    try:
        x = float(value)
    except ValueError:
        raise BadRow(f"the {what} '{value[:40]}' is not a number") from None
    if x != x or x in (float("inf"), float("-inf")):
        raise BadRow(f"the {what} '{value[:40]}' is not a number")
    return x


def _set(cells: dict[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for column in ("reps", "impacts"):
        if (x := _number(cells[column], column)) is not None:
            found[column] = int(x)
    for column in ("seconds", "minutes"):
        if (x := _number(cells[column], column)) is not None:
            found[column] = x
    if cells["load"]:
        found["load"] = f"{cells['load']}{cells['load_unit']}"
    if cells["support"]:
        found["support"] = cells["support"]
    if cells.get("warmup") == "true":
        found["warmup"] = True
    return found


def own_csv(text: str) -> Iterator[tuple[int, LogRecord | BadRow]]:
    """(line, record) for each record of the file, or (line, BadRow) where a row cannot be
    read. A record's rows are in a row; `set` 0 is a record without sets."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    current: dict[str, Any] | None = None
    first = 0
    for row in reader:
        line = reader.line_num
        cells = {c: _text(c, row.get(c) or "") for c in CSV_COLUMNS}
        try:
            if current is not None and cells["record_id"] != current["id"]:
                yield first, _record(current)
                current = None
            if current is None:
                first = line
                current = {
                    "v": int(_number(cells["record_v"], "record_v") or 1),
                    "id": cells["record_id"],
                    "at": cells["at"],
                    "date": cells["date"] or None,
                    "exercise": cells["exercise"] or None,
                    "name": cells["name"] or None,
                    "sets": [],
                    "rpe": _number(cells["rpe"], "rpe"),
                    "pain": cells["pain"] == "true",
                    "note": cells["note"] or None,
                    "source": cells["source"] or "log",
                }
            if cells["set"] not in ("", "0"):
                current["sets"].append(_set(cells))
        except BadRow as e:
            yield line, e
            current = None
    if current is not None:
        yield first, _record(current)


def _record(plain: dict[str, Any]) -> LogRecord | BadRow:
    """A record from its plain fields, checked by the log's own decoder (as a line of it)."""
    plain = {k: v for k, v in plain.items() if v is not None}
    found = log.parse(json.dumps(plain).encode(), "the file")
    if not found.all_records:
        reason = found.problems[0][1] if found.problems else "not a record oneup can read"
        return BadRow(reason)
    return found.all_records[0]


def backup(text: str) -> tuple[Profile, list[tuple[int, LogRecord | BadRow]]]:
    """The backup's profile and (place from 1, record) for each of its records; BadRow (one
    line) for a file that is not a oneup backup."""
    try:
        doc = json.loads(text)
    except ValueError:
        raise BadRow("is not JSON: give a backup made by oneup export -f json", 1) from None
    if not isinstance(doc, dict) or doc.get("kind") != "backup":
        raise BadRow("is not a oneup backup (oneup export -f json makes one)", 1)
    if doc.get("backup_version") != BACKUP_VERSION:
        raise BadRow(
            f"is a backup of version {doc.get('backup_version')!r}, which this oneup does not "
            "know: update oneup",
            1,
        )
    try:
        profile = from_plain(Profile, doc.get("profile"))
    except Exception as e:  # msgspec's ValidationError and what a hand-edited file may hold
        raise BadRow(f"holds a damaged profile ({e})", 1) from None
    records = doc.get("records")
    if not isinstance(records, list):
        raise BadRow("holds no list of records", 1)
    found: list[tuple[int, LogRecord | BadRow]] = []
    for n, plain in enumerate(records, start=1):
        if not isinstance(plain, dict):
            found.append((n, BadRow("is not a record")))
            continue
        # The import is one batch of its own: the records' batches are dropped (a batch
        # read one record at a time would look cut short).
        kept = {k: v for k, v in plain.items() if k not in ("batch", "batch_size")}
        found.append((n, _record(kept)))
    return profile, found


def with_batch(records: list[LogRecord]) -> list[LogRecord]:
    """The records as the import's one batch (their own batches dropped)."""
    if not records:
        return records
    batch = log.new_id()
    return [r.replace(batch=batch, batch_size=len(records)) for r in records]
