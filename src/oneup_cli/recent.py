"""The recent history of each exercise, kept as a disposable summary beside the log.

The progression engine looks only at the last few sessions of each exercise, so `oneup today`
need not decode a log of 100,000 records each time. The summary remembers how far into the
log it has read; because the log is append-only, each run reads only what was appended since.
If anything looks off (another file, a shorter file, a date further back than the summary
covers) the whole log is read instead: the log is the truth, the summary only saves time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec

from . import cache, log
from .model import LogRecord

# Records kept per exercise: far more than the engine's deepest look back (two or three
# sessions, each a few records), so a planned day always sees enough history.
KEEP = 40
# With a window cut short, at least this many records must fall before the planned day.
ENOUGH = 12


class Summary(msgspec.Struct, forbid_unknown_fields=True):
    end: int = 0  # offset in the log just past the last line read
    lines: int = 0
    tail: bytes = b""
    per_exercise: dict[str, list[LogRecord]] = msgspec.field(default_factory=dict)
    truncated: set[str] = msgspec.field(default_factory=set)  # exercises with older records dropped
    warnings: list[str] = msgspec.field(default_factory=list)

    def add(self, records: list[LogRecord]) -> None:
        for r in records:
            if r.kind == "void":
                self._void(r.voids)
            elif r.exercise is not None:
                kept = self.per_exercise.setdefault(r.exercise, [])
                kept.append(r)
                if len(kept) > KEEP:
                    del kept[0]
                    self.truncated.add(r.exercise)

    def _void(self, record_id: str | None) -> None:
        for kept in self.per_exercise.values():
            for i, r in enumerate(kept):
                if r.id == record_id:
                    del kept[i]
                    return

    def covers(self, date: dt.date) -> bool:
        """Whether every cut-short window still holds enough records before `date`."""
        for exercise in self.truncated:
            before = sum(1 for r in self.per_exercise[exercise] if r.date and r.date < date)
            if before < ENOUGH:
                return False
        return True

    def records(self) -> list[LogRecord]:
        return [r for kept in self.per_exercise.values() for r in kept]


def recent_records(path: Path, date: dt.date) -> tuple[list[LogRecord], list[str]]:
    """The effective records that can matter for planning `date`, and the log's warnings."""
    entry = cache.entry("recent", str(path.resolve()))
    summary = cache.load(entry, Summary)
    if summary is None or (summary.end and not log.tail_matches(path, summary.end, summary.tail)):
        summary = Summary()
    chunk = log.read_since(path, summary.end, summary.lines + 1)
    if chunk.end == 0 and summary.end:  # the log is gone: start again
        summary = Summary()
    if chunk.lines:
        summary.add(chunk.records)
        summary.warnings += chunk.warnings
        summary.end, summary.lines = chunk.end, summary.lines + chunk.lines
        summary.tail = (
            (summary.tail + chunk.tail)[-log.TAIL_BYTES :] if chunk.tail else summary.tail
        )
        cache.store(entry, summary)
    if not summary.covers(date):
        full = log.read(path)
        return full.records, full.warnings
    return summary.records(), list(summary.warnings)
