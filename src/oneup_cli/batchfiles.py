"""The files of a batch run: the roster, read twice (or the saved profiles, named), and the
index, written as it goes."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from . import files
from .errors import OneupError

if TYPE_CHECKING:
    from .batch import Settings
    from .model import Library
    from .roster import Row

INDEX_COLUMNS = ("row", "name", "status", "file", "program", "weeks", "error")
# One row's outcome: (row, name, file, program, weeks, error). Small: it crosses processes.
Entry = tuple[int, str, str | None, str | None, str | None, str | None]


class Source:
    """The roster: a regular file (kept open, read twice), or standard input or a pipe the
    shell opened (`<(command)`) kept in a temporary file to be read twice. Either way at most
    files.ROSTER_BYTES; a device, a FIFO or a socket is refused (files.open_given)."""

    def __init__(self, roster: str) -> None:
        self.label = "standard input" if roster == "-" else roster
        self.fd: int | None = None
        self.spool: IO[bytes] | None = None
        if roster == "-":
            self.spool = self._spooled(sys.stdin.buffer, roster)
            return
        fd = files.open_given(
            roster, files.ROSTER_BYTES, "roster", pipes=True, fix="give a CSV file"
        )
        if stat.S_ISREG(os.fstat(fd).st_mode):
            self.fd = fd
            return
        with open(fd, "rb") as f:  # a pipe, e.g. <(command): it can be read only once
            self.spool = self._spooled(f, roster)

    @staticmethod
    def _spooled(f: IO[bytes], roster: str) -> IO[bytes]:
        shown = "on standard input" if roster == "-" else roster
        spool = tempfile.SpooledTemporaryFile(max_size=4 << 20)  # noqa: SIM115
        size = 0
        try:
            while chunk := f.read(1 << 16):
                size += len(chunk)
                if size > files.ROSTER_BYTES:
                    raise files.too_big(shown, "roster", files.ROSTER_BYTES)
                spool.write(chunk)
        except OSError as e:
            spool.close()
            raise OneupError(f"cannot read the roster {shown}: {e.strerror}") from None
        except BaseException:
            spool.close()
            raise
        return spool

    def open(self) -> io.BufferedIOBase:
        """The roster's bytes from the start; roster.read decodes them line by line."""
        if self.spool is not None:
            self.spool.seek(0)
            return Unclosed(self.spool)
        assert self.fd is not None
        if os.fstat(self.fd).st_size > files.ROSTER_BYTES:  # it grew since the first reading
            raise files.too_big(self.label, "roster", files.ROSTER_BYTES)
        f = open(os.dup(self.fd), "rb")  # noqa: SIM115
        f.seek(0)
        return f

    @contextmanager
    def rows(self, library: Library) -> Iterator[Iterator[Row]]:
        """The roster's rows that are not blank, from the start (the header checked)."""
        from . import roster

        with self.open() as lines:
            _, rows = roster.read(lines, library, self.label)
            yield rows

    def close(self) -> None:
        if self.spool is not None:
            self.spool.close()
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


SAVED = "saved profiles"  # the index's "roster" for a run over saved profiles


class Saved:
    """Saved profiles in place of a roster (`bulk --profiles`): a row each, numbered from 1,
    named by the profile, which the plan then comes from (its settings and its log). Only
    the names are held: each log is read by the process that makes its plan."""

    def __init__(self, names: Sequence[str]) -> None:
        self.label = SAVED
        self.names = tuple(names)

    @contextmanager
    def rows(self, library: Library) -> Iterator[Iterator[Row]]:
        from .roster import Row

        yield (
            Row(number, {"name": name, "profile": name}, {})
            for number, name in enumerate(self.names, 1)
        )

    def close(self) -> None:
        pass


class Unclosed(io.BufferedIOBase):
    """The spool, for a `with` block that must not close it (it is read twice)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.raw)

    def close(self) -> None:
        pass


class Index:
    """index.json and index.csv, written entry by entry to temp files in DIR and moved into
    place at the end (owner-only, like the plans)."""

    def __init__(self, settings: Settings, source: str) -> None:
        import csv

        from .roster import csv_cell

        self.csv_cell = csv_cell
        self.folder = settings.out
        self.json = files.AtomicFile(settings.out / "index.json")
        self.csv = files.AtomicFile(settings.out / "index.csv")
        self.writer = csv.writer(self.csv.file, lineterminator="\n")
        self.writer.writerow(INDEX_COLUMNS)
        head = {
            "schema_version": 1,
            "kind": "bulk-index",
            "roster": source,
            "out": str(settings.out),
            "format": settings.fmt,
            "weeks": settings.weeks,
            "as_of": settings.today.isoformat(),
        }
        self.json.write(json.dumps(head, indent=2, ensure_ascii=False)[:-2] + ',\n  "rows": [')
        self.first = True
        self.done = False

    def add(self, entry: Entry) -> None:
        number, name, file, program, weeks, problem = entry
        status = "error" if problem is not None else "ok"
        item = {
            "row": number,
            "name": name,
            "status": status,
            "file": file,
            "program": program,
            "weeks": weeks,
            "error": problem,
        }
        self.json.write(
            ("\n    " if self.first else ",\n    ") + json.dumps(item, ensure_ascii=False)
        )
        self.first = False
        self.writer.writerow(
            [self.csv_cell(v) for v in (number, name, status, file, program, weeks, problem)]
        )

    def finish(self, written: int, failed: int) -> None:
        self.json.write(
            ("\n  ],\n" if not self.first else "],\n")
            + f'  "written": {written},\n  "failed": {failed}\n}}\n'
        )
        self.json.commit(sync_folder=False)
        self.csv.commit(sync_folder=False)
        self.done = True
        # Once for the whole run: the folder's entries (every plan's rename) reach the disk.
        files.sync(self.folder)

    def discard(self) -> None:
        if not self.done:
            self.json.discard()
            self.csv.discard()


# --- the results sheet of every client -------------------------------------------------------

# `bulk --format sheet|xlsx` writes each client's sheet and, beside them, this one sheet of
# every client in the order of the index, for a trainer to fill in and `oneup import`.
COMBINED = {"sheet": "results-sheet.csv", "xlsx": "results-sheet.xlsx"}


def write_combined(out: Path, fmt: str, names: list[str]) -> str | None:
    """The sheet of all clients from their sheets (`names`, files in `out`, in order); its file
    name, or None for a format without one."""
    combined = COMBINED.get(fmt)
    if combined is None:
        return None
    if fmt == "sheet":
        parts = []
        for i, name in enumerate(names):
            text = (out / name).read_bytes().decode("utf-8")
            parts.append(text if i == 0 else text.split("\r\n", 1)[1])
        if not parts:
            from .results import COLUMNS

            parts.append(",".join(COLUMNS) + "\r\n")
        data: bytes = "".join(parts).encode("utf-8")
    else:
        from .importing.sheets import xlsx_rows
        from .render.xlsx import workbook_rows

        rows = [row for name in names for _, row in xlsx_rows((out / name).read_bytes(), name)[1]]
        data = workbook_rows(rows)
    files.write_atomic(out / combined, data, sync_folder=False)
    return combined
