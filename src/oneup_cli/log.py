"""The append-only JSON-lines log of what was done, and its data-safety guarantees.

One record per line, each with a schema version `v` and a unique `id`: sets done (`sets`), or a
functional test (`test`). A record is acknowledged only after it is written and fsynced under an
exclusive lock, so two processes logging at once both land. Corrections are new records: an
undo appends a `void` record naming an earlier id; nothing is ever rewritten in place. A
damaged line anywhere (a torn last line after a power cut, a line edited by hand: not JSON, a
number out of range, a wrong type, an unknown kind, a record from a newer oneup) is skipped
with one warning naming the file, the line and what is wrong, and never blocks reading or
writing.

Records written together (one `done`, the voids of one `undo`) share a `batch` id and each
says the batch's size: a kill can cut their one `write()` after whole lines, and a batch with
fewer records than its size is skipped whole, wherever it is, with one warning at its first line.
The log is never followed through a symbolic link, and only a log oneup creates has its mode set
(owner-only).

Records are decoded by the model's msgspec decoder (`LogRecord`, every field and constraint
checked): 100,000 records several times faster than the hand-written decoder it replaced.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import functools
import json
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import msgspec

from . import paths
from .errors import OneupError
from .model import LOG_SCHEMA_VERSION, LogRecord, Unit, decoder, error_path, from_plain, to_plain
from .model.codec import plain_reason, record_line
from .model.records import MAX_LOAD, MAX_MINUTES, MAX_REPS, MAX_SECONDS, MAX_SETS

# The fields of a line of the log, as written: a test pins them to the model (change with care).
RECORD_FIELDS = frozenset(
    {
        "v",
        "id",
        "at",
        "kind",
        "date",
        "exercise",
        "sets",
        "rpe",
        "pain",
        "note",
        "source",
        "voids",
        "batch",
        "batch_size",
        "test",
        "name",
    }
)
SET_FIELDS = frozenset({"reps", "seconds", "impacts", "minutes", "load", "support", "warmup"})

Numbered = Sequence[tuple[int, LogRecord]]  # records with their line numbers

# Only this many damaged lines are named one by one; the rest are counted in one more line.
MAX_LINE_WARNINGS = 10


class LogReadResult(msgspec.Struct, frozen=True):
    """What `read` found: the effective sets records, every readable record, and warnings."""

    records: list[LogRecord]  # kind "sets", minus those voided (tests: outcomes.functional)
    all_records: list[LogRecord]  # every readable record (voids too) of whole batches, in order
    warnings: list[str]  # one plain-English line per problem, e.g. a damaged line skipped
    problems: list[tuple[int, str]] = []  # (line number, what is wrong) of each damaged line
    # (line number, record) of the records of batches not all there: in no list above
    held: list[tuple[int, LogRecord]] = []


# ---------------------------------------------------------------------------
# Ids
# ---------------------------------------------------------------------------

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RANDOM_BITS = 80
_id_lock = threading.Lock()
_last_ms = -1
_last_random = 0


def _forget_last_id() -> None:
    # A forked child must not continue its parent's sequence, or both would make the same id.
    global _last_ms
    _last_ms = -1


os.register_at_fork(after_in_child=_forget_last_id)


def new_id() -> str:
    """A unique id that sorts by creation time: a ULID (48-bit ms time, 80 random bits)."""
    global _last_ms, _last_random
    with _id_lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:  # same millisecond (or the clock stepped back): stay monotonic
            ms, rnd = _last_ms, _last_random + 1
            if rnd >> _RANDOM_BITS:
                ms, rnd = ms + 1, 0
        else:
            rnd = int.from_bytes(os.urandom(_RANDOM_BITS // 8), "big")
        _last_ms, _last_random = ms, rnd
    n = (ms << _RANDOM_BITS) | rnd
    return "".join(_CROCKFORD[(n >> shift) & 31] for shift in range(125, -1, -5))


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def append(path: Path, record: LogRecord) -> None:
    """Append one record; return only once it is fsynced (the record is then acknowledged)."""
    append_many(path, [record])


def append_many(path: Path, records: list[LogRecord]) -> None:
    """Append records together: one lock, one write, one fsync; all of them or none."""
    lines = b"".join(encode(r) + b"\n" for r in records)
    if not lines:
        return
    with _locked(path, create=True) as fd:
        _append_locked(fd, path, lines[:-1])


def append_after_reading(
    path: Path, make: Callable[[LogReadResult], list[LogRecord]]
) -> list[LogRecord]:
    """Append the records that `make` returns for the log as it is, in one critical section:
    `make` is called with the log read under the exclusive lock, and what it returns is
    appended under the same lock, so that two processes doing this at once (two `oneup done`
    for the same day) each see what the other recorded. Returns what was appended.

    A missing log is made only when there is something to write: `make` is then called again
    under the lock, with whatever another process wrote in the meantime."""
    if not os.path.lexists(path) and not make(LogReadResult([], [], [])):
        return []
    with _locked(path, create=True) as fd:
        records = make(parse(_read_all(fd), path))
        lines = b"".join(encode(r) + b"\n" for r in records)
        if lines:
            _append_locked(fd, path, lines[:-1])
    return records


def void(path: Path, record_id: str, *, at: dt.datetime | None = None) -> LogRecord:
    """Take back the record `record_id` by appending a void record; returns the void record."""
    with _locked(path, create=False) as fd:
        found = parse(_read_all(fd), path)
        if not any(r.id == record_id for r in found.records):
            raise OneupError(f"there is no logged record {record_id} to take back")
        voider = _void_record(record_id, at)
        _append_locked(fd, path, encode(voider))
    return voider


class Undone(msgspec.Struct, frozen=True):
    """What `undo` took back, and the warnings of the log it read."""

    records: list[LogRecord]
    warnings: list[str]


def undo(
    path: Path,
    *,
    at: dt.datetime | None = None,
    check: Callable[[list[LogRecord]], object] | None = None,
) -> Undone:
    """Take back the last effective sets or test record, with the rest of its batch (a whole
    `oneup done`). Damaged lines and batches cut short are skipped (and warned about), never
    taken back; the voids of a batch are one batch too.

    Everything is read and checked before the void records are written: `check` is called
    with the records to take back, under the lock, and if it raises nothing is written."""
    with _locked(path, create=False) as fd:
        found = parse(_read_all(fd), path)
        voided = {r.voids for r in found.all_records}
        records = [r for r in found.all_records if r.kind != "void" and r.id not in voided]
        if not records:
            raise _nothing_to_undo()
        last = records[-1]
        targets = [r for r in records if r.batch == last.batch] if last.batch else [last]
        batch = {"batch": new_id(), "batch_size": len(targets)} if len(targets) > 1 else {}
        voids = b"\n".join(encode(_void_record(r.id, at, **batch)) for r in targets)
        if check is not None:
            check(targets)
        _append_locked(fd, path, voids)
    return Undone(targets, found.warnings)


def _nothing_to_undo() -> OneupError:
    return OneupError("there is nothing to undo: no logged sets or tests are left to take back")


def _void_record(record_id: str, at: dt.datetime | None, **batch: Any) -> LogRecord:
    when = at if at is not None else dt.datetime.now(dt.UTC).replace(microsecond=0)
    return LogRecord(id=new_id(), at=when, kind="void", voids=record_id, **batch)


def encode(record: LogRecord) -> bytes:
    """The record as one JSON line (without the newline), checked to read back unchanged.

    The schema version comes first; fields at their default are left out."""
    plain = record_line(record)  # a set's warmup left out when False
    doc = {"v": plain.pop("v")}
    defaults = _defaults()
    doc.update((k, v) for k, v in plain.items() if v != defaults.get(k, _REQUIRED))
    try:
        try:
            line = msgspec.json.encode(doc)
        except UnicodeEncodeError:  # a lone surrogate (undecodable argv): escape it instead
            line = json.dumps(doc, separators=(",", ":"), allow_nan=False).encode("ascii")
        back = _decode(line, _decoders())
    except (ValueError, _Damaged, _Newer) as e:
        reason = e.why if isinstance(e, _Damaged) else str(e)
        raise OneupError(
            f"this record cannot be saved safely ({reason}); nothing was written"
        ) from None
    if back != record:
        raise OneupError(
            "this record would not read back exactly as given, so it was not saved; "
            "nothing was written"
        )
    return line


_REQUIRED: Any = object()


@functools.cache
def _defaults() -> dict[str, Any]:
    """The plain form of each LogRecord field's default, for leaving them out of a line."""
    return {
        f.name: to_plain(f.default_factory() if callable(f.default_factory) else f.default)
        for f in msgspec.structs.fields(LogRecord)
        if f.default is not msgspec.NODEFAULT or f.default_factory is not msgspec.NODEFAULT
    }


@contextmanager
def _locked(path: Path, *, create: bool) -> Iterator[int]:
    """The log open for appending, under an exclusive lock; OS errors become one clear line."""
    fd = -1
    try:
        fd = _open_for_append(path, create=create)
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    except FileNotFoundError:
        if create:
            raise OneupError(f"could not open the log {path}: its folder is missing") from None
        raise _nothing_to_undo() from None
    except OSError as e:
        raise OneupError(f"could not write to the log {path}: {_reason(e, path)}") from None
    finally:
        if fd >= 0:
            os.close(fd)  # also releases the lock


def _open_for_append(path: Path, *, create: bool) -> int:
    # O_RDWR, not O_WRONLY: appending reads the last byte to detect a torn last line.
    # O_NOFOLLOW: a symbolic link in the log's place is refused, never followed into a file
    # that is not the log (and O_CREAT | O_EXCL never follows one either).
    flags = os.O_RDWR | os.O_APPEND | os.O_CLOEXEC | os.O_NOFOLLOW
    created = False
    if create:
        paths.ensure_private_dir(path.parent)
        try:
            fd = os.open(path, flags | os.O_CREAT | os.O_EXCL, 0o600)
            created = True
        except FileExistsError:
            fd = os.open(path, flags)
    else:
        fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise IsADirectoryError(0, "not a regular file")
        if created:
            # Health data: readable by its owner only, whatever the umask. Only a file oneup
            # has just made: the mode of a file someone else made is theirs to choose.
            if stat.S_IMODE(st.st_mode) != 0o600:
                os.fchmod(fd, 0o600)
            from .files import sync  # here: files imports tempfile, which `oneup today` skips

            sync(path.parent)  # so the new file's name survives a power cut too
    except BaseException:
        os.close(fd)
        raise
    return fd


def _append_locked(fd: int, path: Path, line: bytes) -> None:
    """Write one line at the end and fsync; the caller holds the exclusive lock."""
    size = os.fstat(fd).st_size
    # A last line without its newline is a torn write: start on a fresh line so it stays alone.
    prefix = b"\n" if size and os.pread(fd, 1, size - 1) != b"\n" else b""
    data = memoryview(prefix + line + b"\n")
    try:
        while data:
            data = data[os.write(fd, data) :]
        os.fsync(fd)
    except OSError:
        # Not acknowledged: take the partial line back out, so a retry does not leave a copy.
        # We hold the lock, so nothing was appended after it.
        with suppress(OSError):  # if this fails too, it stays a damaged line readers skip
            os.ftruncate(fd, size)
        raise


def _reason(e: OSError, path: Path | None = None) -> str:
    if e.errno == errno.ELOOP and path is not None and path.is_symlink():
        return "it is a symbolic link, which oneup does not follow (put the log itself there)"
    return e.strerror or str(e)


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def read(path: Path) -> LogReadResult:
    """Every readable record of the log; a missing log is empty. Damaged lines become warnings."""
    snap = snapshot(path)
    return parse(snap.data or b"", path)


class Snapshot(msgspec.Struct, frozen=True):
    """The log's bytes, read under a shared lock, and its stamp at that moment."""

    stamp: tuple[int, ...]  # (device, inode, size, mtime_ns, ctime_ns); () if there is no log
    taken: int  # time.time_ns() just before the stamp was taken
    data: bytes | None  # None: the stamp was the one given as `unless`, nothing was read


def snapshot(path: Path, unless: tuple[int, ...] | None = None) -> Snapshot:
    """The log's bytes and stamp; a missing log is empty. With `unless`, the bytes are read
    only if the stamp differs from it. Never follows a symbolic link."""
    try:
        # O_NONBLOCK: a FIFO in the log's place must fail below, not hang waiting for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK | os.O_NOFOLLOW)
    except FileNotFoundError:
        return Snapshot((), time.time_ns(), b"")
    except OSError as e:
        raise OneupError(f"could not read the log {path}: {_reason(e, path)}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        taken = time.time_ns()
        st = os.fstat(fd)
        found = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        data = None if found == unless else _read_all(fd)
    except OSError as e:
        raise OneupError(f"could not read the log {path}: {_reason(e, path)}") from None
    finally:
        os.close(fd)
    return Snapshot(found, taken, data)


def _read_all(fd: int) -> bytes:
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        raise IsADirectoryError(0, "not a regular file")
    with open(fd, "rb", closefd=False) as f:
        return f.read()


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a log may hold")


def _finite(text: str) -> float:
    # msgspec refuses numbers out of a float's range (1e400); so does this slower path.
    x = float(text)
    if x in (float("inf"), float("-inf")):
        raise ValueError(f"{text} is not a number a log may hold")
    return x


class _Version(msgspec.Struct):
    """Just the schema version of a line, to tell a newer record from a damaged one."""

    v: int


class _Decoders(msgspec.Struct, frozen=True):
    record: msgspec.json.Decoder[LogRecord]
    version: msgspec.json.Decoder[_Version]


@functools.cache
def _decoders() -> _Decoders:
    # Built on first use: `oneup today` with an up-to-date summary never decodes a line.
    return _Decoders(decoder(LogRecord), msgspec.json.Decoder(_Version))


# Every line oneup writes starts so; any other line has its version read first.
_CURRENT = b'{"v":%d,' % LOG_SCHEMA_VERSION

# Plain reasons for the fields whose rules are not obvious from msgspec's message, by the
# last name in the path of the error.
_REASONS = {
    "rpe": "rpe must be a number from 0 to 10",
    "reps": f"reps must be a whole number from 0 to {MAX_REPS}",
    "impacts": f"impacts must be a whole number from 0 to {MAX_REPS}",
    "seconds": f"seconds must be a number from 0 to {MAX_SECONDS:g}",
    "minutes": f"minutes must be a number from 0 to {MAX_MINUTES:g}",
    "load": (
        f"load must be a weight from 0 to {MAX_LOAD[Unit.kg]:g} kg "
        f"or {MAX_LOAD[Unit.lb]:g} lb, such as 10kg"
    ),
    "sets": f"sets must be a list of at most {MAX_SETS} sets",
    "kind": "kind must be sets, test or void",
    "v": "the schema version is not one oneup knows",
}
_MAX_REASON = 160


class _Damaged(Exception):
    """A line that is not a valid record; `why` says what is wrong, in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.why = reason


class _Newer(Exception):
    """A record with a schema version newer than this oneup knows."""


def _decode(line: bytes, decoders: _Decoders) -> LogRecord:
    """A LogRecord from one line, every field checked; raises _Damaged or _Newer."""
    if not line.startswith(_CURRENT):
        try:
            version = decoders.version.decode(line).v
        except msgspec.ValidationError as e:  # a DecodeError too, so first
            raise _Damaged(_invalid(e)) from None
        except msgspec.DecodeError:
            version = _version_of_escaped(line)
        if version > LOG_SCHEMA_VERSION:
            raise _Newer(f"schema version {version}")
        if version != LOG_SCHEMA_VERSION:
            raise _Damaged(_REASONS["v"])
    try:
        return decoders.record.decode(line)
    except msgspec.ValidationError as e:  # a DecodeError too, so first
        raise _Damaged(_invalid(e)) from None
    except msgspec.DecodeError:
        return _decode_escaped(line)


def _invalid(e: msgspec.ValidationError) -> str:
    """What is wrong with a line: a plain reason for a field that has one, else plain_reason's."""
    where = error_path(e) or ""
    message = str(e).rpartition(" - at `")[0] or str(e)
    if message.startswith("load "):  # SetRecord's own check, at the set
        return _REASONS["load"]
    name = where.rpartition(".")[2]  # "reps" of "$.sets[0].reps"; not "sets[0]"
    if name in _REASONS:
        return _REASONS[name]
    return _printable(plain_reason(e))


def _printable(text: str) -> str:
    """A reason that quotes the line safe for a terminal: control characters escaped, short."""
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 3] + "..."


# msgspec refuses JSON escapes of lone surrogates ("\udcff"), which is how a note made of
# bytes that are not UTF-8 is written. The standard library reads such a line; the model
# still checks every field of it. Only lines msgspec cannot read come this way.
def _plain_escaped(line: bytes) -> Any:
    try:
        obj = json.loads(line, parse_constant=_reject_constant, parse_float=_finite)
    except (ValueError, RecursionError):
        raise _Damaged("not a JSON record (damaged or cut short)") from None
    if type(obj) is not dict:
        raise _Damaged("it is not a record")
    return obj


def _version_of_escaped(line: bytes) -> int:
    v = _plain_escaped(line).get("v")
    if type(v) is not int:
        raise _Damaged(_REASONS["v"])
    return v


def _decode_escaped(line: bytes) -> LogRecord:
    try:
        return from_plain(LogRecord, _plain_escaped(line))
    except msgspec.ValidationError as e:
        raise _Damaged(_invalid(e)) from None


def parse(data: bytes, path: Path | str, first_line: int = 1, held: Numbered = ()) -> LogReadResult:
    """The records of the log's bytes; `first_line` is the line number of the first byte.
    A damaged line is skipped and named in the warnings with its line and what is wrong; so is
    a batch with fewer records than its size. `held`: the records of batches not whole in the
    bytes before these (a reader going on from where it stopped), counted with them."""
    records: list[LogRecord] = []
    problems: list[tuple[int, str]] = []
    batched = list(held)  # (line, record) of every record that says its batch's size
    append = records.append
    decoders = _decoders()
    # The collector stays on: turning it off would reach every thread of an API caller's
    # program. The model's classes are untracked (gc=False), so it has little to do: reading
    # 100,000 records in a fresh process, 222-230 ms with it off, 230-244 ms on (best of 9).
    for i, line in enumerate(data.split(b"\n")):
        if not line or line.isspace():
            continue
        try:
            record = _decode(line.lstrip() if line[:1].isspace() else line, decoders)
        except _Newer as e:
            problems.append(
                (
                    i + first_line,
                    f"written by a newer version of oneup ({e}; update oneup to read it)",
                )
            )
        except _Damaged as e:
            problems.append((i + first_line, e.why))
        except (ValueError, TypeError, OverflowError, RecursionError) as e:  # never a traceback
            problems.append((i + first_line, _printable(f"not a record oneup can read ({e})")))
        else:
            append(record)
            if record.batch_size is not None:
                batched.append((i + first_line, record))

    kept: list[tuple[int, LogRecord]] = []
    if batched:
        records, kept = _whole_batches(records, batched, len(held))
    voided = {r.voids for r in records if r.kind == "void"}
    effective = [r for r in records if r.kind == "sets" and r.id not in voided]
    return LogReadResult(effective, records, warnings(path, problems, kept), problems, kept)


def _whole_batches(
    records: list[LogRecord], batched: list[tuple[int, LogRecord]], earlier: int
) -> tuple[list[LogRecord], list[tuple[int, LogRecord]]]:
    """The records but those of batches not all there, and those, with their line numbers.
    The first `earlier` of `batched` were held back before these records: whole now, they
    come first."""
    count: dict[str | None, int] = {}
    for _, r in batched:
        count[r.batch] = count.get(r.batch, 0) + 1
    broken = {r.batch for _, r in batched if count[r.batch] != r.batch_size}
    whole = [r for _, r in batched[:earlier] if r.batch not in broken]
    if broken:
        records = [r for r in records if r.batch_size is None or r.batch not in broken]
    return [*whole, *records], [(n, r) for n, r in batched if r.batch in broken]


def _half_batches(held: Numbered) -> list[tuple[int, str]]:
    """One problem per batch not all there, at the line of its first record."""
    groups: dict[str | None, list[LogRecord]] = {}
    first: dict[str | None, int] = {}
    for n, r in held:
        groups.setdefault(r.batch, []).append(r)
        first.setdefault(r.batch, n)
    said = []
    for batch, group in groups.items():
        size = group[0].batch_size or 0
        what = "an `undo`" if group[0].kind == "void" else f"a `{group[0].source}` batch"
        if len(group) < size and all(r.batch_size == size for r in group):
            reason = f"half of {what} ({len(group)} of {size} records) was saved and is skipped"
        else:
            reason = f"{what} of {len(group)} records that do not match its size is skipped"
        said.append((first[batch], reason))
    return said


def warnings(path: Path | str, problems: list[tuple[int, str]], held: Numbered = ()) -> list[str]:
    """One line per damaged line (line number and reason) and per batch not all there (`held`,
    at its first line), up to a limit, then a count."""
    if held:
        problems = sorted([*problems, *_half_batches(held)])
    said = [
        f"{path} line {n}: {reason}" + ("" if reason.endswith("skipped") else " (skipped)")
        for n, reason in problems
    ]
    if len(said) > MAX_LINE_WARNINGS:
        rest = len(said) - MAX_LINE_WARNINGS
        said = [*said[:MAX_LINE_WARNINGS], f"{path}: {rest} more damaged lines were skipped"]
    return said
