"""The incremental summary of recent history must always agree with reading the whole log."""

from __future__ import annotations

import datetime as dt

from oneup_cli import log
from oneup_cli.model import LogRecord, SetRecord, Unit, Weight
from oneup_cli.progression import build_history
from oneup_cli.recent import KEEP, recent_records

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


def test_a_torn_line_is_warned_about_once_it_is_followed_by_another_record(tmp_path):
    path = tmp_path / "log.jsonl"
    log.append(path, rec("a", DAY))
    with path.open("ab") as f:
        f.write(b'{"v":1,"id":"torn')
    records, warnings = recent_records(path, DAY + dt.timedelta(days=3))
    assert len(records) == 1 and warnings == []
    log.append(path, rec("a", DAY + dt.timedelta(days=1)))
    records, warnings = recent_records(path, DAY + dt.timedelta(days=3))
    assert len(records) == 2
    assert warnings == ["log.jsonl line 2 is damaged and was skipped"]
    assert warnings == log.read(path).warnings
