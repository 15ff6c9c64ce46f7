"""The incremental summary of recent history must always agree with reading the whole log."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from oneup_cli import log
from oneup_cli.model import LogRecord, SetRecord, Unit, Weight
from oneup_cli.progression import build_history
from oneup_cli.recent import KEEP, SETTLED_NS, recent_records

DAY = dt.date(2026, 1, 5)
AT = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


def rec(exercise: str, day: dt.date, reps: int = 10) -> LogRecord:
    return LogRecord(
        id=log.new_id(),
        at=AT,
        date=day,
        exercise=exercise,
        sets=[SetRecord(reps=reps, load=Weight(10, Unit.kg))],
    )


def recent_history(path, date):
    records, _ = recent_records(path, date)
    return {k: v[-3:] for k, v in build_history(records).items()}


def full_history(path, date):
    return {k: v[-3:] for k, v in build_history(log.read(path).records).items()}


def test_summary_follows_appends_and_voids(tmp_path):
    path = tmp_path / "log.jsonl"
    later = DAY + dt.timedelta(days=400)
    for i in range(3 * KEEP):
        log.append(path, rec(["a", "b"][i % 2], DAY + dt.timedelta(days=i), reps=i % 13))
    assert recent_history(path, later) == full_history(path, later)
    last = rec("a", DAY + dt.timedelta(days=200), reps=12)
    log.append(path, last)
    assert recent_history(path, later) == full_history(path, later)
    log.void(path, last.id)
    assert recent_history(path, later) == full_history(path, later)


def test_a_date_further_back_than_the_summary_reads_the_whole_log(tmp_path):
    path = tmp_path / "log.jsonl"
    for i in range(3 * KEEP):
        log.append(path, rec("a", DAY + dt.timedelta(days=i), reps=i % 13))
    early = DAY + dt.timedelta(days=5)
    recent_records(path, DAY + dt.timedelta(days=1000))  # build the summary
    records, _ = recent_records(path, early)
    assert [r for r in records if r.date < early] == [
        r for r in log.read(path).records if r.date < early
    ]


def test_a_replaced_log_is_not_mistaken_for_the_old_one(tmp_path):
    path = tmp_path / "log.jsonl"
    for i in range(5):
        log.append(path, rec("a", DAY + dt.timedelta(days=i)))
    recent_records(path, DAY + dt.timedelta(days=30))
    path.unlink()
    log.append(path, rec("b", DAY))
    records, _ = recent_records(path, DAY + dt.timedelta(days=30))
    assert [r.exercise for r in records] == ["b"]


def test_a_torn_line_is_warned_about_before_and_after_another_record_follows(tmp_path):
    path = tmp_path / "log.jsonl"
    log.append(path, rec("a", DAY))
    with path.open("ab") as f:
        f.write(b'{"v":1,"id":"torn')
    records, warnings = recent_records(path, DAY + dt.timedelta(days=3))
    assert len(records) == 1 and warnings == log.read(path).warnings != []  # as history says
    log.append(path, rec("a", DAY + dt.timedelta(days=1)))
    records, warnings = recent_records(path, DAY + dt.timedelta(days=3))
    assert len(records) == 2
    assert warnings == [f"{path} line 2: not a JSON record (damaged or cut short) (skipped)"]
    assert warnings == log.read(path).warnings


def _edit_in_place(path, old: bytes, new: bytes) -> None:
    assert len(old) == len(new)
    data = path.read_bytes()
    assert old in data
    with path.open("r+b") as f:  # the same file, the same size: only its bytes change
        f.write(data.replace(old, new))


@pytest.mark.parametrize("settled", [False, True], ids=["just-written", "settled"])
def test_an_edit_in_place_of_the_same_length_is_never_hidden_by_the_summary(
    tmp_path, monkeypatch, settled
):
    path = tmp_path / "log.jsonl"
    for i in range(4):
        log.append(path, rec("a", DAY + dt.timedelta(days=i), reps=12))
    later = DAY + dt.timedelta(days=30)
    if settled:  # the summary was made long after the log last changed
        real = time.time_ns
        monkeypatch.setattr(time, "time_ns", lambda: real() + 10 * SETTLED_NS)
    assert recent_history(path, later) == full_history(path, later)
    monkeypatch.undo()

    _edit_in_place(path, b'"reps":12,', b'"reps":9 ,')  # 2 x 12 becomes 2 x 9, as in issue 10

    records, _ = recent_records(path, later)
    assert {s.reps for r in records for s in r.sets} == {9}
    assert recent_history(path, later) == full_history(path, later)


def test_a_last_line_without_its_newline_counts_as_history_counts_it(tmp_path):
    path = tmp_path / "log.jsonl"
    log.append(path, rec("a", DAY))
    path.write_bytes(path.read_bytes() + log.encode(rec("a", DAY + dt.timedelta(days=1))))
    later = DAY + dt.timedelta(days=30)
    records, warnings = recent_records(path, later)
    assert records == log.read(path).records and len(records) == 2 and warnings == []
    assert recent_records(path, later) == (records, [])  # and again, from the summary


def test_the_summary_is_not_read_again_while_the_log_is_unchanged(tmp_path, monkeypatch):
    path = tmp_path / "log.jsonl"
    log.append(path, rec("a", DAY))
    real = time.time_ns
    monkeypatch.setattr(time, "time_ns", lambda: real() + 10 * SETTLED_NS)
    recent_records(path, DAY + dt.timedelta(days=3))
    reads = []
    monkeypatch.setattr(log, "_read_all", lambda fd: reads.append(fd) or b"")
    records, _ = recent_records(path, DAY + dt.timedelta(days=3))
    assert len(records) == 1 and reads == []


def test_an_unchanged_log_or_no_log_stores_the_summary_once(tmp_path, monkeypatch):
    from oneup_cli import cache

    stored = []
    real_store = cache.store
    monkeypatch.setattr(cache, "store", lambda *a: stored.append(1) or real_store(*a))
    missing = tmp_path / "none.jsonl"
    for _ in range(3):
        assert recent_records(missing, DAY) == ([], [])
    assert len(stored) == 1  # storing costs a write and an fsync on every `oneup today`

    path = tmp_path / "log.jsonl"
    log.append(path, rec("a", DAY))
    real = time.time_ns
    monkeypatch.setattr(time, "time_ns", lambda: real() + 10 * SETTLED_NS)
    for _ in range(3):
        recent_records(path, DAY + dt.timedelta(days=3))
    assert len(stored) == 2


def _batch(day: dt.date, size: int) -> list[LogRecord]:
    return [
        rec(f"e{i}", day).replace(batch=f"B{day}", batch_size=size, source="done")
        for i in range(size)
    ]


def _agrees(path, date, warnings: int) -> None:
    records, said = recent_records(path, date)
    full = log.read(path)
    assert build_history(records) == build_history(full.records)
    assert said == full.warnings and len(said) == warnings, said


@pytest.mark.parametrize(
    ("cut", "warnings"),
    [
        ("newline", 0),  # the last line lacks only its newline: the batch is whole
        ("inside", 2),  # 3 whole lines and a torn one: the batch, and the torn line
        ("after", 1),  # 3 whole lines of 4
    ],
)
def test_a_batch_cut_short_is_left_out_with_one_warning_as_history_does(tmp_path, cut, warnings):
    path = tmp_path / "log.jsonl"
    later = DAY + dt.timedelta(days=30)
    log.append(path, rec("a", DAY))
    _agrees(path, later, 0)  # a summary to go on from
    log.append_many(path, _batch(DAY + dt.timedelta(days=1), 4))
    data = path.read_bytes()
    last = data.rstrip(b"\n").rfind(b"\n") + 1
    path.write_bytes({"newline": data[:-1], "inside": data[: last + 10], "after": data[:last]}[cut])
    _agrees(path, later, warnings)
    log.append(path, rec("a", DAY + dt.timedelta(days=2)))  # later appends go on after it
    _agrees(path, later, warnings)
    log.append_many(path, _batch(DAY + dt.timedelta(days=3), 2))
    _agrees(path, later, warnings)
    assert len(log.read(path).records) == (8 if cut == "newline" else 4)


def test_a_small_log_read_on_a_little_is_not_stored_again_but_a_big_one_is(tmp_path, monkeypatch):
    """Storing the summary costs more than reading a small log again to check it (bulk over
    many saved profiles): it is stored again only when that pays. The answer is the same."""
    from oneup_cli import cache, recent

    stored = []
    real_store = cache.store
    monkeypatch.setattr(cache, "store", lambda *a: stored.append(1) or real_store(*a))
    path = tmp_path / "log.jsonl"
    for i in range(50):
        log.append(path, rec(["a", "b"][i % 2], DAY + dt.timedelta(days=i)))
    later = DAY + dt.timedelta(days=400)
    assert recent_history(path, later) == full_history(path, later)
    assert len(stored) == 1  # made afresh
    log.append(path, rec("a", DAY + dt.timedelta(days=60), reps=12))
    assert recent_history(path, later) == full_history(path, later)
    assert len(stored) == 1  # a line more of a small log: read again next time instead
    monkeypatch.setattr(recent, "STORE_TAIL_BYTES", 100)
    log.append(path, rec("b", DAY + dt.timedelta(days=61), reps=11))
    assert recent_history(path, later) == full_history(path, later)
    assert len(stored) == 2  # enough read on to be worth storing
    monkeypatch.setattr(recent, "STORE_TAIL_BYTES", 10**9)
    monkeypatch.setattr(recent, "STORE_LOG_BYTES", 100)
    log.append(path, rec("a", DAY + dt.timedelta(days=62), reps=10))
    assert recent_history(path, later) == full_history(path, later)
    assert len(stored) == 3  # a big log: reading it whole again would cost more


def test_a_set_a_record_window_still_sees_two_whole_painful_sessions(tmp_path):
    """`oneup go` writes a record a set: a day of 7 sets is 7 records, so the 40 kept can end
    inside a day. The summary is used only when whole days enough are kept before the planned
    day, and the engine sees the same history as from the whole log."""
    path = tmp_path / "log.jsonl"
    for day in range(12):
        for n in range(7):
            r = rec("a", DAY + dt.timedelta(days=2 * day), reps=10 + n % 3)
            log.append(path, r.replace(pain=day >= 10 and n == 6))

    def before(history, date):  # what the engine reads: the last sessions before the day
        return {k: [e for e in v if e.date < date][-3:] for k, v in history.items()}

    for offset in range(0, 26):
        date = DAY + dt.timedelta(days=offset)
        recent, _ = recent_records(path, date)
        whole = log.read(path).records
        assert before(build_history(recent), date) == before(build_history(whole), date), offset
