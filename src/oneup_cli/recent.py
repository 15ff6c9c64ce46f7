"""The recent history of each exercise, kept as a disposable summary beside the log.

The progression engine looks only at the last few sessions of each exercise, so `oneup today`
need not decode a log of 100,000 records each time. The summary never disagrees with the log:

- it is used as it is only while the log's stamp (device, inode, size, mtime and ctime) is the
  one it was made from, and that stamp was taken well after the log last changed. Any write to
  the file, an edit in place of the same length included, changes its ctime, which no program
  can set back; a change within the same tick of the clock is caught by the second condition
  (as git does with its index: a "racily clean" stamp is checked by content);
- otherwise the log is read, and the summary goes on from where it stopped only if the bytes it
  summarised are unchanged (their CRC-32); if not, it is made again from the whole log.

A last line without its newline (torn by a power cut, or a file edited by hand) is read as
`history` reads it, but kept apart: the next append starts a fresh line after it. The records of
a batch not all there (a `done` cut short) are held apart and counted with what is read next,
as `history` counts the whole log: left out, with one warning, unless the rest comes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import zlib
from pathlib import Path

import msgspec

from . import cache, log
from .model import LogRecord

# Records kept per exercise: far more than the engine's deepest look back (two or three
# sessions, each a few records), so a planned day always sees enough history.
KEEP = 40
# With a window cut short, at least this many records must fall before the planned day, on
# at least this many whole days (the oldest day kept may have lost some of its records: `oneup
# go` writes a record a set). The engine looks back two sessions (pain twice) and one more
# for a margin; further back it only makes a step wait longer (never shorter).
ENOUGH = 12
ENOUGH_DAYS = 3
# A stamp is trusted alone only if the log had not changed for this long when it was taken:
# more than the coarsest file time stamps (2 s) and any clock tick.
SETTLED_NS = 3_000_000_000
# Storing the summary again costs its encoding and a write (about 2 ms); reading a small log
# again to check it costs less. So a summary brought up to date is stored only when the log
# is big (reading it whole again would cost more), when it was made afresh, or when the part
# read on is big (defaults, measured: bulk over 1,000 saved profiles, `oneup today`).
STORE_LOG_BYTES = 1_000_000
STORE_TAIL_BYTES = 64_000


def _day(r: LogRecord) -> dt.date:
    return r.date or dt.date.min


class Summary(msgspec.Struct, forbid_unknown_fields=True):
    stamp: tuple[int, ...] = ()  # the log's stamp when this was made (log.Snapshot.stamp)
    taken: int = 0  # when the stamp was taken (time.time_ns())
    end: int = 0  # offset in the log just past the last complete line read
    lines: int = 0
    crc: int = 0  # CRC-32 of the log's bytes before `end`
    pending: bytes = b""  # the bytes after the last newline: a line not yet complete
    per_exercise: dict[str, list[LogRecord]] = msgspec.field(default_factory=dict)
    truncated: set[str] = msgspec.field(default_factory=set)  # exercises with older records dropped
    problems: list[tuple[int, str]] = msgspec.field(default_factory=list)  # damaged lines
    # (line, record) of batches not all there so far (a write cut short): left out, warned of
    held: list[tuple[int, LogRecord]] = msgspec.field(default_factory=list)
    tests: list[LogRecord] = msgspec.field(default_factory=list)  # functional tests, the last KEEP

    def add(self, records: list[LogRecord]) -> None:
        for r in records:
            if r.kind == "void":
                self._void(r.voids)
            elif r.kind == "test":
                self.tests.append(r)
                del self.tests[:-KEEP]
            elif r.exercise is not None:
                kept = self.per_exercise.setdefault(r.exercise, [])
                # Kept in order of date (the log's order within a day), so that the oldest
                # goes: an import appends years-old records after recent ones.
                bisect.insort(kept, r, key=_day)
                if len(kept) > KEEP:
                    del kept[0]
                    self.truncated.add(r.exercise)

    def _void(self, record_id: str | None) -> None:
        for kept in (self.tests, *self.per_exercise.values()):
            for i, r in enumerate(kept):
                if r.id == record_id:
                    del kept[i]
                    return

    def covers(self, date: dt.date) -> bool:
        """Whether every cut-short window still holds enough records before `date`."""
        for exercise in self.truncated:
            kept = [r for r in self.per_exercise[exercise] if r.date and r.date < date]
            whole_days = len({r.date for r in kept}) - 1  # the oldest may be cut short
            if len(kept) < ENOUGH or whole_days < ENOUGH_DAYS:
                return False
        return True

    def settled(self) -> bool:
        """Whether the stamp alone can tell that the log is unchanged (see the module); no
        log at all has nothing to hide."""
        return not self.stamp or self.stamp[4] + SETTLED_NS < self.taken

    def records(self) -> list[LogRecord]:
        return [r for kept in self.per_exercise.values() for r in kept]


def recent_records(path: Path, date: dt.date) -> tuple[list[LogRecord], list[str]]:
    """The effective records that can matter for planning `date`, and the log's warnings."""
    found = recent(path, date)
    return found.records, found.warnings


class Recent(msgspec.Struct, frozen=True):
    records: list[LogRecord]  # the effective sets records that can matter for the day
    tests: list[LogRecord]  # the last KEEP functional test records not taken back
    warnings: list[str]


def recent(path: Path, date: dt.date) -> Recent:
    """What `oneup today` needs of the log to plan `date`: the recent sets and tests."""
    entry = cache.entry("recent", str(path.resolve()))
    summary = cache.load(entry, Summary)
    trusted = summary.stamp if summary is not None and summary.settled() else None
    snap = log.snapshot(path, unless=trusted)
    if snap.data is not None:
        old, old_end = summary, summary.end if summary is not None else 0
        summary = _brought_up_to_date(summary, snap)
        worth = (
            summary is not old  # made afresh
            or len(snap.data) >= STORE_LOG_BYTES
            or summary.end - old_end >= STORE_TAIL_BYTES
        )
        if summary.stamp != trusted and worth:
            cache.store(entry, summary)
    assert summary is not None
    if not summary.covers(date):
        full = log.read(path)
        voided = {r.voids for r in full.all_records}
        tests = [r for r in full.all_records if r.kind == "test" and r.id not in voided]
        return Recent(full.records, tests[-KEEP:], full.warnings)
    problems, held = summary.problems, summary.held
    if summary.pending.strip():
        last = log.parse(summary.pending, path, summary.lines + 1, held)
        problems, held = [*problems, *last.problems], last.held
        if last.all_records:
            summary = msgspec.structs.replace(
                summary,
                per_exercise={k: list(v) for k, v in summary.per_exercise.items()},
                tests=list(summary.tests),
            )
            summary.add(last.all_records)
    return Recent(summary.records(), summary.tests, log.warnings(path, problems, held))


def _brought_up_to_date(summary: Summary | None, snap: log.Snapshot) -> Summary:
    """The summary of the log's bytes in `snap`: the old one, read on from where it stopped,
    if the bytes it summarised are unchanged; else a new one made from the whole log."""
    data = snap.data or b""
    view = memoryview(data)
    if summary is None or len(data) < summary.end or zlib.crc32(view[: summary.end]) != summary.crc:
        summary = Summary()
    cut = data.rfind(b"\n") + 1
    if cut > summary.end:
        chunk = data[summary.end : cut]
        parsed = log.parse(chunk, "", summary.lines + 1, summary.held)
        summary.add(parsed.all_records)
        summary.problems += parsed.problems
        summary.held = parsed.held
        summary.crc = zlib.crc32(chunk, summary.crc)
        summary.lines += chunk.count(b"\n")
        summary.end = cut
    summary.pending = data[cut:]
    summary.stamp, summary.taken = snap.stamp, snap.taken
    return summary
