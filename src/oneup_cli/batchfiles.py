"""The files of a batch run: the roster, read twice, and the index, written as it goes."""

from __future__ import annotations

import io
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from . import files
from .errors import OneupError, UsageError

if TYPE_CHECKING:
    from .batch import Settings

INDEX_COLUMNS = ("row", "name", "status", "file", "program", "weeks", "error")
# One row's outcome: (row, name, file, program, weeks, error). Small: it crosses processes.
Entry = tuple[int, str, str | None, str | None, str | None, str | None]


class Source:
    """The roster file, or standard input kept in a temporary file to be read twice."""

    def __init__(self, roster: str) -> None:
        self.label = "standard input" if roster == "-" else roster
        self.path: Path | None = None
        self.spool: IO[bytes] | None = None
        if roster == "-":
            self.spool = self._spooled(sys.stdin.buffer)
            return
        path = Path(roster)
        try:
            with path.open("rb") as f:
                if path.is_file():
                    self.path = path
                else:  # a pipe, e.g. <(command): it can be read only once
                    self.spool = self._spooled(f)
        except FileNotFoundError:
            raise UsageError(f"the roster {roster} does not exist") from None
        except IsADirectoryError:
            raise UsageError(f"the roster {roster} is a folder: give a CSV file") from None
        except OSError as e:
            raise OneupError(f"cannot read the roster {roster}: {e.strerror}") from None

    @staticmethod
    def _spooled(f: IO[bytes]) -> IO[bytes]:
        spool = tempfile.SpooledTemporaryFile(max_size=4 << 20)  # noqa: SIM115
        while chunk := f.read(1 << 16):
            spool.write(chunk)
        return spool

    def open(self) -> io.BufferedIOBase:
        """The roster's bytes from the start; roster.read decodes them line by line."""
        if self.spool is not None:
            self.spool.seek(0)
            return Unclosed(self.spool)
        assert self.path is not None
        return self.path.open("rb")

    def close(self) -> None:
        if self.spool is not None:
            self.spool.close()


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
