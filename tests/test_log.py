"""The log's data-safety contract: append-only, fsynced under a lock, private, damage-tolerant."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import queue
import random
import re
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec import structs as dc

from oneup_cli import log
from oneup_cli.errors import OneupError
from oneup_cli.model import LogRecord, Measure, SetRecord, Support, Unit, Weight
from oneup_cli.model.records import MAX_LOAD, MAX_MINUTES, MAX_REPS, MAX_SECONDS

WRITER = Path(__file__).with_name("_log_writer.py")
# The writer processes import the same oneup_cli as this test.
WRITER_ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(
        [str(Path(log.__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")]
    ),
}
DAMAGED = re.compile(
    r"^\S*log\.jsonl line \d+: not a JSON record \(damaged or cut short\) \(skipped\)$"
)
NOT_JSON = "not a JSON record (damaged or cut short)"
AT = dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC)


def squat(reps: int = 8, load: Weight | None = None, **fields: Any) -> LogRecord:
    load = load if load is not None else Weight(20.0, Unit.kg)
    return LogRecord(
        id=log.new_id(),
        at=AT,
        date=AT.date(),
        exercise="goblet-squat",
        sets=[SetRecord(reps=reps, load=load)] * 3,
        **fields,
    )


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "log.jsonl"


# ---------------------------------------------------------------------------
# Round trip and ids
# ---------------------------------------------------------------------------


def test_appended_records_read_back_equal_and_in_order(path: Path) -> None:
    first = squat(rpe=7.5, pain=True, note="left knee niggle", source="done")
    second = LogRecord(
        id=log.new_id(),
        at=dt.datetime(2025, 3, 2, 8, 0),  # naive times survive as naive
        exercise="single-leg-stance",
        sets=[SetRecord(seconds=30.0, support=Support.one_hand)] * 2,
    )
    log.append(path, first)
    log.append(path, second)

    result = log.read(path)

    assert result.records == [first, second]
    assert result.all_records == [first, second]
    assert result.warnings == []


def test_each_line_is_one_json_record_with_its_schema_version_first(path: Path) -> None:
    log.append(path, squat())
    log.append(path, squat())

    lines = path.read_bytes().split(b"\n")

    assert lines[-1] == b""
    assert [json.loads(line)["v"] for line in lines[:-1]] == [1, 1]
    assert all(line.startswith(b'{"v":1,') for line in lines[:-1])


def test_reading_a_missing_log_is_empty_and_creates_nothing(path: Path) -> None:
    result = log.read(path)

    assert (result.records, result.all_records, result.warnings) == ([], [], [])
    assert not path.exists()


def test_new_ids_are_unique_and_sort_in_creation_order() -> None:
    ids = [log.new_id() for _ in range(20_000)]

    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)
    assert all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{26}", i) for i in ids)


def test_a_forked_child_does_not_repeat_its_parents_ids() -> None:
    log.new_id()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.write(write_end, log.new_id().encode())
        os._exit(0)
    mine = log.new_id()
    os.close(write_end)
    theirs = os.read(read_end, 100).decode()
    os.waitpid(pid, 0)
    os.close(read_end)

    assert theirs and theirs != mine


def test_weights_are_stored_as_entered(path: Path) -> None:
    loads = [Weight(45.0, Unit.lb), Weight(22.5, Unit.kg), Weight(2.2046226218, Unit.kg)]
    for load in loads:
        log.append(path, squat(load=load))

    text = path.read_text()
    back = [r.sets[0].load for r in log.read(path).records]

    assert back == loads
    assert [(w.value, w.unit) for w in back if w] == [(w.value, w.unit) for w in loads]
    assert '"load":"45lb"' in text
    assert '"load":"22.5kg"' in text
    assert '"load":"2.2046226218kg"' in text


def test_a_note_with_undecodable_characters_round_trips(path: Path) -> None:
    # A lone surrogate is what Python makes of command-line bytes that are not UTF-8.
    record = squat(note="caf\u00e9 \udcff")
    log.append(path, record)

    assert log.read(path).records == [record]
    path.read_bytes().decode("utf-8")  # the file stays valid UTF-8


def test_decoding_knows_every_field_of_the_model() -> None:
    assert {f.name for f in dc.fields(LogRecord)} == log.RECORD_FIELDS
    assert {f.name for f in dc.fields(SetRecord)} == log.SET_FIELDS


# Within the model's bounds (model/records.py): a record beyond them is never written.
_seconds = st.floats(min_value=0, max_value=MAX_SECONDS, allow_nan=False)
_minutes = st.floats(min_value=0, max_value=MAX_MINUTES, allow_nan=False)
# Weights below 1e-4 are left out: convert.weight_token writes them in exponent form
# ("1e-05kg"), which Weight.parse cannot read; `append` refuses such a record (tested below)
# rather than write it. The SPEC parser never produces one.
_weight = st.sampled_from(Unit).flatmap(
    lambda unit: st.builds(
        Weight,
        value=st.just(0.0) | st.floats(min_value=1e-4, max_value=MAX_LOAD[unit]),
        unit=st.just(unit),
    )
)
_set = st.builds(
    SetRecord,
    reps=st.none() | st.integers(0, MAX_REPS),
    seconds=st.none() | _seconds,
    impacts=st.none() | st.integers(0, MAX_REPS),
    minutes=st.none() | _minutes,
    load=st.none() | _weight,
    support=st.none() | st.sampled_from(Support),
)


def test_the_model_bounds_loads_as_the_spec_does() -> None:
    from oneup_cli import spec

    assert spec.MAX_LOAD == MAX_LOAD
    assert spec.MAX_AMOUNT[Measure.reps] <= MAX_REPS
    assert spec.MAX_AMOUNT[Measure.seconds] <= MAX_SECONDS
    assert spec.MAX_AMOUNT[Measure.minutes] <= MAX_MINUTES


@pytest.mark.parametrize(
    "sets",
    [
        [SetRecord(reps=MAX_REPS + 1)],
        [SetRecord(minutes=MAX_MINUTES * 2)],
        [SetRecord(seconds=-1.0)],
        [SetRecord(reps=1)] * 101,
    ],
    ids=["reps", "minutes", "seconds", "sets"],
)
def test_a_record_beyond_the_bounds_is_never_written(path: Path, sets: list[SetRecord]) -> None:
    with pytest.raises(OneupError, match="cannot be saved safely"):
        log.append(path, dc.replace(squat(), sets=sets))
    assert not path.exists() or path.read_bytes() == b""
    with pytest.raises(ValueError, match="load must be at most"):
        SetRecord(reps=1, load=Weight(501.0, Unit.kg))


@settings(max_examples=150, deadline=None)
@given(
    sets=st.lists(_set, max_size=12),
    note=st.none() | st.text(max_size=40),
    rpe=st.none() | st.floats(min_value=0, max_value=10),
)
@pytest.mark.slow
def test_any_valid_sets_round_trip_through_the_log_unchanged(
    sets: list[SetRecord], note: str | None, rpe: float | None
) -> None:
    record = squat(note=note, rpe=rpe)
    record = dc.replace(record, sets=sets)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.jsonl"
        log.append(path, record)
        log.append(path, record)

        result = log.read(path)

    assert result.records == [record, record]
    assert result.warnings == []


def test_append_refuses_a_record_that_would_not_read_back(path: Path) -> None:
    with pytest.raises(OneupError) as caught:
        log.append(path, squat(rpe=11.0))

    assert caught.value.message == (
        "this record cannot be saved safely (rpe must be a number from 0 to 10); "
        "nothing was written"
    )
    assert not path.exists()


# ---------------------------------------------------------------------------
# Permissions
# ---------------------------------------------------------------------------


def test_log_is_private_and_new_folders_are_owner_only(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o755)
    path = tmp_path / "profiles" / "me" / "log.jsonl"

    log.append(path, squat())

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755  # not ours: left alone


def test_private_permissions_do_not_depend_on_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = tmp_path / "new" / "log.jsonl"
        log.append(path, squat())
    finally:
        os.umask(old)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_appending_never_changes_the_mode_of_a_log_oneup_did_not_create(path: Path) -> None:
    path.write_bytes(log.encode(squat()) + b"\n")
    os.chmod(path, 0o640)  # someone else's choice

    log.append(path, squat())

    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert len(log.read(path).records) == 2


def test_a_log_that_is_a_symbolic_link_is_refused_not_followed(path: Path) -> None:
    elsewhere = path.with_name("elsewhere.jsonl")
    elsewhere.write_bytes(log.encode(squat()) + b"\n")
    os.chmod(elsewhere, 0o644)
    before = elsewhere.read_bytes()
    path.symlink_to(elsewhere)

    for act in (lambda: log.read(path), lambda: log.append(path, squat()), lambda: log.undo(path)):
        with pytest.raises(OneupError) as caught:
            act()
        assert "symbolic link" in caught.value.message
    assert elsewhere.read_bytes() == before
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o644


# ---------------------------------------------------------------------------
# Damaged lines
# ---------------------------------------------------------------------------


def test_torn_last_line_is_skipped_and_the_next_append_starts_its_own_line(path: Path) -> None:
    first, second = squat(), squat()
    log.append(path, first)
    log.append(path, second)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) - 40])  # a power cut in the middle of `second`

    torn = log.read(path)
    third = squat()
    log.append(path, third)
    after = log.read(path)

    assert torn.records == [first]
    assert torn.warnings == [f"{path} line 2: {NOT_JSON} (skipped)"]
    assert after.records == [first, third]
    assert after.warnings == [f"{path} line 2: {NOT_JSON} (skipped)"]
    lines = path.read_bytes().split(b"\n")
    assert len(lines) == 4 and lines[-1] == b""
    assert json.loads(lines[2])["id"] == third.id


def test_damaged_lines_anywhere_are_skipped_and_the_rest_is_read(path: Path) -> None:
    records = [squat() for _ in range(3)]
    lines = [log.encode(r) for r in records]
    garbage = [b"\x00\x00\x00", b'{"v":1,"id":"x"}', b"[1,2]", b'{"v":1} trailing', b"\xff{"]
    path.write_bytes(b"\n".join([lines[0], *garbage, lines[1], b"", b"  ", lines[2]]) + b"\n")

    result = log.read(path)

    assert result.records == records
    assert result.warnings == [
        f"{path} line 2: {NOT_JSON} (skipped)",
        f"{path} line 3: the field 'at' is missing (skipped)",
        f"{path} line 4: it is not a record (skipped)",
        f"{path} line 5: {NOT_JSON} (skipped)",
        f"{path} line 6: {NOT_JSON} (skipped)",
    ]


GOOD = (
    b'{"v":1,"id":"01J0000000000000000000000X","at":"2026-01-05T09:00:00+00:00",'
    b'"date":"2026-01-05","exercise":"goblet-squat","sets":[%s]%s}'
)


def _line(sets: bytes = b'{"reps":8,"load":"20kg"}', more: bytes = b"") -> bytes:
    return GOOD % (sets, more)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"garbage, not JSON", NOT_JSON),
        (_line(b'{"reps":' + b"9" * 400 + b"}"), "reps must be a whole number from 0 to 1000"),
        (_line(b'{"reps":1001}'), "reps must be a whole number from 0 to 1000"),
        (_line(b'{"reps":-1}'), "reps must be a whole number from 0 to 1000"),
        (_line(b'{"impacts":5000}'), "impacts must be a whole number from 0 to 1000"),
        (_line(b'{"seconds":1e999}'), "seconds must be a number from 0 to 86400"),
        (_line(b'{"seconds":NaN}'), NOT_JSON),
        (_line(b'{"minutes":-0.5}'), "minutes must be a number from 0 to 1440"),
        (_line(b'{"reps":8,"load":"1e999kg"}'), "load must be a weight"),
        (_line(b'{"reps":8,"load":"' + b"9" * 400 + b'kg"}'), "load must be a weight"),
        (_line(b'{"reps":8,"load":"501kg"}'), "load must be a weight"),
        (_line(b'{"reps":8,"load":"-5kg"}'), "load must be a weight"),
        (_line(more=b',"rpe":11'), "rpe must be a number from 0 to 10"),
        (_line(b",".join([b'{"reps":1}'] * 101)), "sets must be a list of at most 100 sets"),
        (_line(b'{"reps":"8"}'), "reps must be a whole number"),
        (_line(more=b',"exercise":5'), "'exercise' should be text"),
        (_line(more=b',"kind":"delete"'), "kind must be sets, test or void"),
        (_line(more=b',"surprise":1'), "'surprise' is not a field oneup knows"),
        (_line(more=b',"note":"\\u001b[2J","pain":"\\u001b"'), "'pain' should be true or false"),
        (b'{"v":9,"id":"Z","anything":[1]}', "written by a newer version of oneup"),
        (b'{"v":"1"}', "the schema version is not one oneup knows"),
    ],
    ids=lambda x: None,
)
def test_a_damaged_line_is_skipped_with_one_warning_saying_where_and_what(
    path: Path, line: bytes, reason: str
) -> None:
    first, last = squat(), squat()
    path.write_bytes(log.encode(first) + b"\n" + line + b"\n" + log.encode(last) + b"\n")

    result = log.read(path)

    assert result.records == [first, last]
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith(f"{path} line 2: {reason}"), result.warnings
    assert result.warnings[0].endswith(" (skipped)")
    assert "\x1b" not in result.warnings[0]
    assert log.undo(path).records == [last]  # undo skips it too, and takes back a good one


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"[]", "it is not a record"),
        (b"1", "it is not a record"),
        (b"null", "it is not a record"),
        (b"{}", "the field 'v' is missing"),
        (b'{"v":1,"id":"x"}', "the field 'at' is missing"),
        (_line(more=b',"surprise":1'), "'surprise' is not a field oneup knows"),
        (
            GOOD.replace(b"2026-01-05T09:00:00+00:00", b"soon") % (b"", b""),
            "'at' is not a date and time",
        ),
        (GOOD.replace(b"01J0000000000000000000000X", b"") % (b"", b""), "'id' should not be empty"),
        (_line(more=b',"exercise":5'), "'exercise' should be text"),
    ],
    ids=lambda x: None,
)
def test_a_damaged_line_is_named_in_plain_words(path: Path, line: bytes, reason: str) -> None:
    path.write_bytes(log.encode(squat()) + b"\n" + line + b"\n")

    assert log.read(path).warnings == [f"{path} line 2: {reason} (skipped)"]


def test_undo_writes_nothing_if_what_it_would_take_back_fails_its_check(path: Path) -> None:
    log.append(path, squat())
    before = path.read_bytes()

    def refuse(records: list[LogRecord]) -> None:
        raise OneupError("no")

    with pytest.raises(OneupError):
        log.undo(path, check=refuse)
    assert path.read_bytes() == before


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=300)
    | st.lists(
        st.sampled_from(
            [
                b"{",
                b"}",
                b'"v":1',
                b'"v":2',
                b",",
                b'"id":"x"',
                b'"at":"2026-01-05T09:00:00+00:00"',
                b'"sets":[',
                b"]",
                b'{"reps":',
                b"9" * 30,
                b"1e999",
                b"NaN",
                b"-1",
                b'"load":"20kg"',
                b'"kind":"void"',
                b'"voids":"x"',
                b'"\\udcff"',
                b"\xff",
                b"null",
                b"[",
                b":",
            ]
        ),
        max_size=30,
    ).map(b"".join)
)
def test_any_line_is_a_record_or_one_warning_never_an_exception(line: bytes) -> None:
    line = line.replace(b"\n", b" ")
    good = log.encode(squat())
    data = good + b"\n" + line + b"\n" + good + b"\n"

    result = log.parse(data, "log.jsonl")

    assert len(result.all_records) + len(result.warnings) == 3 - (not line.strip())
    assert all(w.startswith("log.jsonl line 2: ") for w in result.warnings)
    for record in result.all_records:
        assert log.parse(log.encode(record), "x").all_records == [record]  # it reads back


def test_a_record_from_a_newer_oneup_is_skipped_with_a_warning(path: Path) -> None:
    record = squat()
    path.write_bytes(b'{"v":2,"id":"Z","future":true}\n' + log.encode(record) + b"\n")

    result = log.read(path)

    assert result.records == [record]
    assert result.warnings == [
        f"{path} line 1: written by a newer version of oneup (schema version 2; "
        "update oneup to read it) (skipped)"
    ]


def test_many_damaged_lines_are_named_up_to_a_limit_then_counted(path: Path) -> None:
    path.write_bytes(b"not json\n" * 25)

    warnings = log.read(path).warnings

    assert len(warnings) == log.MAX_LINE_WARNINGS + 1
    assert warnings[0] == f"{path} line 1: {NOT_JSON} (skipped)"
    assert warnings[-1] == f"{path}: 15 more damaged lines were skipped"


@pytest.mark.parametrize("make", [Path.mkdir, os.mkfifo], ids=["folder", "fifo"])
def test_a_log_that_is_not_a_file_is_one_clear_error(path: Path, make: Any) -> None:
    make(path)

    with pytest.raises(OneupError) as reading:
        log.read(path)
    with pytest.raises(OneupError) as writing:
        log.append(path, squat())

    assert reading.value.message.startswith(f"could not read the log {path}: ")
    assert writing.value.message.startswith(f"could not write to the log {path}: ")


def test_a_failed_write_leaves_the_log_as_it_was(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = squat()
    log.append(path, kept)
    before = path.read_bytes()
    real_write = os.write

    def disk_full_halfway(fd: int, data: bytes) -> int:
        if fd > 2 and len(data) > 1:
            real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", disk_full_halfway)
    with pytest.raises(OneupError) as caught:
        log.append(path, squat())
    monkeypatch.undo()

    assert caught.value.message == f"could not write to the log {path}: No space left on device"
    assert path.read_bytes() == before
    assert log.read(path).records == [kept]


def test_appending_reads_only_the_last_byte_of_the_log(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(50):
        log.append(path, squat())
    read_sizes: list[int] = []
    real_read, real_pread = os.read, os.pread

    def spy_read(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        read_sizes.append(len(data))
        return data

    def spy_pread(fd: int, n: int, offset: int) -> bytes:
        data = real_pread(fd, n, offset)
        read_sizes.append(len(data))
        return data

    monkeypatch.setattr(os, "read", spy_read)
    monkeypatch.setattr(os, "pread", spy_pread)
    log.append(path, squat())
    monkeypatch.undo()

    assert sum(read_sizes) <= 1


# ---------------------------------------------------------------------------
# Undo
# ---------------------------------------------------------------------------


def test_void_removes_the_voided_record_but_keeps_it_in_the_file(path: Path) -> None:
    first, second = squat(), squat()
    log.append(path, first)
    log.append(path, second)

    voider = log.void(path, first.id)
    result = log.read(path)

    assert voider.kind == "void" and voider.voids == first.id
    assert result.records == [second]
    assert result.all_records == [first, second, voider]


def test_undo_takes_back_the_last_record_each_time(path: Path) -> None:
    records = [squat(reps=r) for r in (6, 7, 8)]
    for record in records:
        log.append(path, record)

    assert log.undo(path).records == [records[2]]
    assert log.undo(path).records == [records[1]]
    assert log.read(path).records == [records[0]]


def test_undo_with_nothing_to_undo_is_one_clear_error(path: Path) -> None:
    message = "there is nothing to undo: no logged sets or tests are left to take back"
    with pytest.raises(OneupError, match=f"^{message}$"):
        log.undo(path)
    assert not path.exists()

    record = squat()
    log.append(path, record)
    log.undo(path)
    with pytest.raises(OneupError, match=f"^{message}$"):
        log.undo(path)
    assert log.read(path).records == []


def test_voiding_an_id_that_is_not_logged_is_one_clear_error(path: Path) -> None:
    record = squat()
    log.append(path, record)
    log.void(path, record.id)

    for missing in ("NOPE", record.id):
        with pytest.raises(OneupError) as caught:
            log.void(path, missing)
        assert caught.value.message == f"there is no logged record {missing} to take back"


# ---------------------------------------------------------------------------
# Locks, concurrency and crashes
# ---------------------------------------------------------------------------


def _hold(path: Path, how: int) -> int:
    fd = os.open(path, os.O_RDONLY)
    fcntl.flock(fd, how)
    return fd


def _in_thread(work: object) -> threading.Thread:
    assert callable(work)
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def test_reading_waits_while_a_writer_holds_the_lock(path: Path) -> None:
    record = squat()
    log.append(path, record)
    results: list[log.LogReadResult] = []
    fd = _hold(path, fcntl.LOCK_EX)
    try:
        reader = _in_thread(lambda: results.append(log.read(path)))
        reader.join(0.3)
        assert reader.is_alive()
    finally:
        os.close(fd)
    reader.join(5)

    assert results and results[0].records == [record]


def test_appending_waits_while_a_reader_holds_the_lock(path: Path) -> None:
    log.append(path, squat())
    fd = _hold(path, fcntl.LOCK_SH)
    try:
        writer = _in_thread(lambda: log.append(path, squat()))
        writer.join(0.3)
        assert writer.is_alive()
        assert len(log.read(path).records) == 1  # readers share the lock
    finally:
        os.close(fd)
    writer.join(5)

    assert len(log.read(path).records) == 2


@pytest.mark.slow
def test_four_processes_appending_at_once_lose_nothing(path: Path) -> None:
    writers = [
        subprocess.Popen(
            [sys.executable, str(WRITER), "count", str(path), "250"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=WRITER_ENV,
        )
        for _ in range(4)
    ]
    for w in writers:  # all four are ready before any starts, so they really overlap
        assert w.stdout is not None and w.stdout.readline() == b"ready\n"
    for w in writers:
        assert w.stdin is not None
        w.stdin.write(b"go\n")
        w.stdin.close()
    acknowledged = [w.stdout.read().decode().split() for w in writers if w.stdout]
    for w in writers:
        w.wait(timeout=60)

    assert [w.returncode for w in writers] == [0, 0, 0, 0]
    assert [len(ids) for ids in acknowledged] == [250] * 4
    lines = path.read_bytes().split(b"\n")
    assert lines.pop() == b""
    assert len(lines) == 1000
    assert all(json.loads(line)["v"] == 1 for line in lines)
    result = log.read(path)
    assert result.warnings == []
    assert sorted(r.id for r in result.records) == sorted(i for ids in acknowledged for i in ids)


class _ForkingWriter:
    """A `_log_writer.py serve` process: starts writer children for the test to kill."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITER), "serve", str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=WRITER_ENV,
        )
        self.acknowledged: list[str] = []
        self.events: queue.Queue[tuple[str, int]] = queue.Queue()
        self.reader = _in_thread(self._read)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            word, _, rest = raw.decode().strip().partition(" ")
            if word in ("pid", "dead"):
                self.events.put((word, int(rest)))
            else:
                self.acknowledged.append(word)

    def start_child(self) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"go\n")
        self.proc.stdin.flush()
        event, pid = self.events.get(timeout=10)
        assert event == "pid"
        return pid

    def wait_dead(self, pid: int) -> None:
        assert self.events.get(timeout=10) == ("dead", pid)

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=10)
        self.reader.join(10)


@pytest.mark.slow
def test_long_records_appended_by_writers_killed_mid_write_leave_only_torn_lines(
    path: Path,
) -> None:
    seed = random.randrange(2**32)
    kills_per_writer = 110  # two writers at once: 220 kills
    writers = [_ForkingWriter(path) for _ in range(2)]
    failures: list[BaseException] = []

    def kill_repeatedly(writer: _ForkingWriter, rng: random.Random) -> None:
        try:
            for _ in range(kills_per_writer):
                pid = writer.start_child()
                time.sleep(rng.uniform(0.005, 0.060))
                os.kill(pid, signal.SIGKILL)
                writer.wait_dead(pid)
        except BaseException as e:  # reported below, in the test's own thread
            failures.append(e)

    killers = [
        _in_thread(lambda w=w, i=i: kill_repeatedly(w, random.Random(seed + i)))
        for i, w in enumerate(writers)
    ]
    for killer in killers:
        killer.join(60)
    for writer in writers:
        writer.close()
    assert not failures, f"seed {seed}: {failures[0]!r}"

    acknowledged = [i for w in writers for i in w.acknowledged]
    result = log.read(path)
    logged = {r.id for r in result.records}
    missing = [i for i in acknowledged if i not in logged]
    assert len(acknowledged) > kills_per_writer, f"seed {seed}: the writers hardly wrote"
    assert not missing, f"seed {seed}: {len(missing)} acknowledged records were lost"
    assert all(DAMAGED.match(w) for w in result.warnings), (seed, result.warnings)
    assert len(logged) == len(result.records)  # no id was ever made twice

    # Whatever the kills left behind, the next append lands on its own line and reads back.
    last = squat()
    log.append(path, last)
    assert log.read(path).records[-1] == last


class _ForkingCli:
    """A `_log_writer.py cli` process: runs `oneup ARGS` in forked children for the test to kill."""

    def __init__(self, home: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITER), "cli"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**WRITER_ENV, "ONEUP_HOME": str(home), "NO_COLOR": "1"},
        )

    def _ask(self, *request: str) -> list[str]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(request).encode() + b"\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().decode().split()

    def start(self, out: Path, *args: str) -> int:
        word, pid = self._ask("run", str(out), *args)
        assert word == "pid"
        return int(pid)

    def reap(self, pid: int) -> int:
        word, dead, status = self._ask("reap")
        assert (word, int(dead)) == ("dead", pid)
        return int(status)

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def _rest_days() -> Iterator[str]:
    """Days off a mon,thu program, from its start on: `done` records its daily blocks."""
    day = dt.date(2026, 1, 6)
    while True:
        if day.weekday() not in (0, 3):
            yield day.isoformat()
        day += dt.timedelta(days=1)


@pytest.mark.slow
def test_acknowledged_records_survive_writers_killed_at_random_moments(tmp_path: Path) -> None:
    """`oneup log`, `done` and `undo`, through the real entry point, killed anywhere in their
    run (their reading, checking, writing, fsync and printing; Python's start-up is done once
    in the forking parent): nothing acknowledged is lost, nothing is written twice, no torn
    line is read as a record, and no batch (a `done`, or the voids of an `undo`) is split."""
    from typer.testing import CliRunner

    from oneup_cli.cli import app

    seed = int(os.environ.get("ONEUP_KILL_SEED") or random.randrange(2**32))  # to run one again
    home = tmp_path / "home"
    started = CliRunner().invoke(
        app,
        ["start", "prevention", "--start", "2026-01-05", "--days", "mon,thu"],
        env={"ONEUP_HOME": str(home)},
    )
    assert started.exit_code == 0, started.output
    path = home / "profiles" / "me" / "log.jsonl"
    outs = tmp_path / "outs"
    outs.mkdir()
    days = _rest_days()
    lock = threading.RLock()
    attempts: list[tuple[str, str, Path, list[str]]] = []  # (command, tag, output, args)
    durations: dict[str, list[float]] = {"log": [], "done": [], "undo": []}
    kills = 0
    wanted_kills = 320
    failures: list[BaseException] = []

    def args_for(command: str, tag: str) -> list[str]:
        if command == "log":
            return ["log", "goblet-squat", "3x8@20kg", "--date", "2026-01-06", "--note", tag]
        if command == "done":
            with lock:
                return ["done", "--date", next(days)]
        return ["undo"]

    def attempt(cli: _ForkingCli, rng: random.Random, command: str, kill: bool) -> None:
        nonlocal kills
        with lock:
            tag = f"t{len(attempts)}"
            out = outs / tag
            args = args_for(command, tag)
            attempts.append((command, tag, out, args))
        start = time.monotonic()
        pid = cli.start(out, *args)
        if kill:
            typical = sorted(durations[command])[len(durations[command]) // 2]
            # Half the kills anywhere in the run, half in its last part, where it writes,
            # fsyncs and prints: a kill there leaves a record saved but not acknowledged.
            late = rng.random() < 0.5
            time.sleep(typical * rng.uniform(0.6 if late else 0.0, 1.1))
            os.kill(pid, signal.SIGKILL)  # ours: a child the server has not reaped yet
        status = cli.reap(pid)
        with lock:
            if not kill:
                durations[command].append(time.monotonic() - start)
            elif os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
                kills += 1

    def killer(cli: _ForkingCli, rng: random.Random) -> None:
        try:
            while kills < wanted_kills and len(attempts) < 3 * wanted_kills:
                command = rng.choices(["log", "done", "undo"], weights=[4, 3, 3])[0]
                attempt(cli, rng, command, kill=True)
        except BaseException as e:  # reported below, in the test's own thread
            failures.append(e)

    clis = [_ForkingCli(home) for _ in range(2)]
    try:
        calibrate = random.Random(seed)
        for _ in range(3):  # how long each command takes here, and records to take back
            for command in ("log", "done", "log", "undo"):
                attempt(clis[0], calibrate, command, kill=False)
        threads = [
            _in_thread(lambda c=c, i=i: killer(c, random.Random(seed + i)))
            for i, c in enumerate(clis)
        ]
        for thread in threads:
            thread.join(120)
    finally:
        for cli in clis:
            cli.close()
    assert not failures, f"seed {seed}: {failures[0]!r}"
    assert kills >= 300, f"seed {seed}: only {kills} kills landed in {len(attempts)} runs"

    result = log.read(path)
    records = result.all_records
    halves = [w for w in result.warnings if "was saved and is skipped" in w]
    assert all(NOT_JSON in w for w in result.warnings if w not in halves), (seed, result.warnings)
    # A write cut after whole lines leaves part of a batch: each such one, and only those, is
    # named once and left out of what is read (so none is counted below as a batch).
    raw: dict[str, list[dict[str, Any]]] = {}
    for line in path.read_bytes().splitlines():
        with contextlib.suppress(ValueError):
            row = json.loads(line)
            if isinstance(row, dict) and row.get("batch_size"):
                raw.setdefault(row["batch"], []).append(row)
    cut = [b for b in raw.values() if len(b) < b[0]["batch_size"]]
    assert len(halves) == len(cut), f"seed {seed}: {halves} for {len(cut)} batches cut short"
    assert {r["batch"] for b in cut for r in b}.isdisjoint(r.batch for r in records)
    assert len({r.id for r in records}) == len(records), f"seed {seed}: an id twice"
    by_note: dict[str, int] = {}
    for r in records:
        if r.note:
            by_note[r.note] = by_note.get(r.note, 0) + 1
    batches: dict[str, list[LogRecord]] = {}
    for r in records:
        if r.batch and r.kind == "sets":
            batches.setdefault(r.batch, []).append(r)
    by_date = {}
    for batch in batches.values():
        # A rest day's `done` records 3 or 4 daily blocks (the program's days differ); each
        # record says how many its batch holds, and a batch read is never part of one.
        size = batch[0].batch_size
        assert size and len(batch) == size, f"seed {seed}: a batch of {len(batch)} of {size}"
        assert {r.batch_size for r in batch} == {size}
        assert len({r.date for r in batch}) == 1
        assert batch[0].date not in by_date, f"seed {seed}: a day recorded twice"
        by_date[batch[0].date] = batch
    voided = [r.voids for r in records if r.kind == "void"]
    assert len(set(voided)) == len(voided), f"seed {seed}: a record taken back twice"
    ids = {r.id: r for r in records}
    for batch in batches.values():  # an undo takes back a whole batch or none of it
        assert len({r.id in set(voided) for r in batch}) == 1, f"seed {seed}: half an undo"
    undos = len({ids[v].batch or v for v in voided if v in ids})

    acknowledged = {"log": 0, "done": 0, "undo": 0}
    written_unacknowledged = 0
    for command, tag, out, args in attempts:
        said = out.read_text(errors="replace") if out.exists() else ""
        if command == "log":
            assert by_note.get(tag, 0) <= 1, f"seed {seed}: {tag} recorded twice"
            if "Logged Goblet squat" in said:
                acknowledged["log"] += 1
                assert by_note.get(tag) == 1, f"seed {seed}: acknowledged {tag} was lost"
            elif by_note.get(tag):
                written_unacknowledged += 1
        elif command == "done" and "Recorded the daily blocks" in said:
            acknowledged["done"] += 1
            day = dt.date.fromisoformat(args[2])
            assert day in by_date, f"seed {seed}: {args} was lost"
            assert f"{len(by_date[day])} exercises" in said, (seed, said)
        elif command == "undo" and "Took back" in said:
            acknowledged["undo"] += 1
    print(  # shown with -s: where the kills landed
        f"seed {seed}: {len(attempts)} runs, {kills} killed, acknowledged {acknowledged}, "
        f"{written_unacknowledged} logs saved but killed before saying so, {undos} undos "
        f"in the log, {len(result.warnings) - len(halves)} torn lines, {len(halves)} batches "
        "cut after whole lines (skipped)"
    )
    assert undos >= acknowledged["undo"], f"seed {seed}: an acknowledged undo was lost"
    assert all(acknowledged.values()), (seed, acknowledged)

    # Whatever the kills left behind, the next append lands on its own line and reads back.
    last = squat()
    log.append(path, last)
    assert log.read(path).records[-1] == last


def test_reading_leaves_the_collector_alone(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """gc.disable() reaches every thread of the process, an API caller's too."""
    import gc

    log.append_many(path, [squat(reps) for reps in (8, 9, 10)])

    def refuse() -> None:
        raise AssertionError("the log turned the garbage collector off")

    monkeypatch.setattr(gc, "disable", refuse)
    assert len(log.read(path).records) == 3


def test_a_new_log_file_has_its_folder_synced_by_files_sync(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oneup_cli import files

    synced: list[Path] = []
    monkeypatch.setattr(files, "sync", synced.append)
    log.append(path, squat())
    log.append(path, squat())
    assert synced == [path.parent]  # once: when the file was created


def _waiting_for_a_lock(pid: int) -> bool:
    """The process is blocked on a file lock (Linux: a '->' line of /proc/locks)."""
    lines = Path("/proc/locks").read_text().splitlines()
    return any("->" in line and str(pid) in line.split() for line in lines)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs Linux's /proc/locks")
def test_two_done_at_once_record_the_session_once(tmp_path):
    """Both `done` wait while another process holds the log; each then reads what the other
    recorded under the same lock it appends with, so the session is recorded once."""
    env = {**os.environ, "ONEUP_HOME": str(tmp_path / "home")}
    oneup = [sys.executable, "-m", "oneup_cli"]
    for args in (
        ["start", "prevention", "--start", "2026-01-05", "--days", "mon,thu"],
        ["log", "goblet-squat", "2x12@10kg", "--date", "2026-01-05"],
    ):
        subprocess.run([*oneup, *args], env=env, check=True, capture_output=True)
    log_file = tmp_path / "home" / "profiles" / "me" / "log.jsonl"
    holder = os.open(log_file, os.O_RDONLY)
    procs = []
    try:
        fcntl.flock(holder, fcntl.LOCK_SH)  # a reader, as `oneup today` is
        for _ in range(2):
            proc = subprocess.Popen(
                [*oneup, "done", "--date", "2026-01-12"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            procs.append(proc)
            deadline = time.monotonic() + 60
            while not _waiting_for_a_lock(proc.pid):
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline, "done never waited for the lock"
                time.sleep(0.02)
    finally:
        os.close(holder)  # releases the lock
    results = [proc.communicate(timeout=60) for proc in procs]
    assert all(proc.returncode == 0 for proc in procs), results
    day = [
        json.loads(line)
        for line in log_file.read_bytes().splitlines()
        if json.loads(line).get("date") == "2026-01-12"
    ]
    assert day and len({r["batch"] for r in day}) == 1, f"{len(day)} records"
    assert len({r["exercise"] for r in day}) == len(day)
    assert sorted(out.startswith("Nothing left") for out, _ in results) == [False, True]


# ---------------------------------------------------------------------------
# Batches: a `done` cut short after whole lines is never read as a whole
# ---------------------------------------------------------------------------

HALF = re.compile(
    r"^\S*log\.jsonl line (\d+): half of a `done` batch \(3 of 4 records\) was saved and is "
    r"skipped$"
)


def _cut_after_line(path: Path, n: int) -> None:
    """What a kill in the middle of a `write()` can leave: the file cut just after line n."""
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:n]))


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def test_a_batch_cut_after_whole_lines_is_skipped_whole_with_one_warning(path: Path) -> None:
    single = squat(5)
    log.append(path, single)
    batch = [squat(reps, batch="B1", batch_size=4, source="done") for reps in (6, 7, 8, 9)]
    log.append_many(path, batch)
    assert log.read(path).records == [single, *batch]
    _cut_after_line(path, 4)  # the single record and 3 of the batch

    found = log.read(path)
    assert found.records == [single] and found.all_records == [single]
    assert len(found.warnings) == 1 and HALF.match(found.warnings[0]), found.warnings
    assert HALF.match(found.warnings[0])[1] == "2"  # the line of the batch's first record
    assert [r.id for _, r in found.held] == [r.id for r in batch[:3]]
    # undo never takes back part of a batch: the last whole record goes, then nothing
    assert log.undo(path).records == [single]
    with pytest.raises(OneupError, match="nothing to undo"):
        log.undo(path)
    with pytest.raises(OneupError, match="no logged record"):
        log.void(path, batch[0].id)


def test_records_appended_after_a_half_batch_are_read_and_it_stays_skipped(path: Path) -> None:
    batch = [squat(reps, batch="B1", batch_size=4, source="done") for reps in (6, 7, 8, 9)]
    log.append_many(path, batch)
    _cut_after_line(path, 3)
    later = [squat(reps, batch="B2", batch_size=2, source="done") for reps in (10, 11)]
    log.append_many(path, later)
    single = squat(12)
    log.append(path, single)

    found = log.read(path)
    assert found.records == [*later, single]
    assert len(found.warnings) == 1 and HALF.match(found.warnings[0]), found.warnings
    assert HALF.match(found.warnings[0])[1] == "1"
    assert log.undo(path).records == [single]
    undone = log.undo(path)
    assert undone.records == later and undone.warnings == found.warnings
    voids = [r for r in log.read(path).all_records if r.kind == "void"]
    assert len(voids) == 3 and voids[1].batch == voids[2].batch and voids[1].batch_size == 2
    with pytest.raises(OneupError, match="nothing to undo"):
        log.undo(path)


def test_an_undo_cut_after_whole_lines_takes_nothing_back(path: Path) -> None:
    batch = [squat(reps, batch="B1", batch_size=4, source="done") for reps in (6, 7, 8, 9)]
    log.append_many(path, batch)
    log.undo(path)
    _cut_after_line(path, 6)  # the batch and 2 of its 4 voids
    found = log.read(path)
    assert found.records == batch
    assert found.warnings == [
        f"{path} line 5: half of an `undo` (2 of 4 records) was saved and is skipped"
    ]
    assert log.undo(path).records == batch  # taken back whole, by the next undo
    assert log.read(path).records == []


def test_a_batch_whose_last_line_lacks_only_its_newline_is_whole(path: Path) -> None:
    batch = [squat(reps, batch="B1", batch_size=2, source="done") for reps in (6, 7)]
    log.append_many(path, batch)
    path.write_bytes(path.read_bytes()[:-1])
    assert log.read(path).records == batch and log.read(path).warnings == []


def test_old_batches_without_a_size_still_read(path: Path) -> None:
    path.write_text(
        '{"v":1,"id":"A","at":"2025-03-01T09:30:00Z","date":"2025-03-01",'
        '"exercise":"goblet-squat","sets":[{"reps":8}],"source":"done","batch":"B"}\n'
    )
    found = log.read(path)
    assert [r.id for r in found.records] == ["A"] and found.warnings == []
    assert [r.id for r in log.undo(path).records] == ["A"]


@pytest.mark.parametrize("size", [0, 1001, -1, "4"])
def test_a_batch_size_out_of_bounds_is_a_damaged_line(path: Path, size: Any) -> None:
    line = {**json.loads(log.encode(squat(batch="B", batch_size=1))), "batch_size": size}
    path.write_text(json.dumps(line) + "\n")
    found = log.read(path)
    assert found.records == [] and len(found.warnings) == 1
    assert "line 1" in found.warnings[0]


def test_done_cut_short_is_not_history_not_undone_and_done_again(run: Any, oneup_home: Path):
    def ok(*args: str) -> Any:
        result = run(*args)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        return result

    ok("start", "prevention", "--start", "2026-01-05", "--days", "mon,thu")
    ok("log", "goblet-squat", "3x8@20kg", "--date", "2026-01-05")
    path = oneup_home / "profiles" / "me" / "log.jsonl"
    before = ok("today", "--date", "2026-01-07", "--json").stdout
    ok("done", "--date", "2026-01-06")
    rows = _lines(path)
    assert len(rows) == 5 and {r["batch_size"] for r in rows[1:]} == {4}
    _cut_after_line(path, 4)  # 3 of the 4 records of the `done`

    def warned(result: Any) -> None:
        said = [w for w in result.stderr.splitlines() if "half of a `done` batch" in w]
        assert len(said) == 1 and "log.jsonl line 2: " in said[0], result.stderr

    history = ok("history", "--json")
    warned(history)
    assert [r["date"] for r in json.loads(history.stdout)["records"]] == ["2026-01-05"]
    today = ok("today", "--date", "2026-01-07", "--json")
    warned(today)
    assert today.stdout == before  # planned as if the cut `done` had never been
    again = ok("done", "--date", "2026-01-06")  # the day is recorded whole, once
    warned(again)
    assert len(_lines(path)) == 8
    ok("log", "goblet-squat", "3x9@20kg", "--date", "2026-01-08")  # appended later still
    history = ok("history", "--json")
    warned(history)
    assert len(json.loads(history.stdout)["records"]) == 6
    for left in (["2026-01-05", *["2026-01-06"] * 4], ["2026-01-05"], []):  # not the half
        warned(ok("undo"))
        assert [str(r.date) for r in log.read(path).records] == left
    assert run("undo").exit_code == 1
    assert log.read(path).records == [] and len(log.read(path).held) == 3
