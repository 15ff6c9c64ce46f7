"""Hostile cases: `oneup import` (issue 13). Each is one line, exit 2, and writes nothing."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from . import Case

HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
)
ROW = '2026-01-05 09:30:12,"Legs",45m,Goblet Squat,{order},{weight},{reps},0,0,"{note}","",{rpe}\n'


def _row(
    order: str = "1", weight: str = "12", reps: str = "10", note: str = "", rpe: str = ""
) -> str:
    return ROW.format(order=order, weight=weight, reps=reps, note=note, rpe=rpe)


def _file(name: str, data: str | bytes) -> Callable[[Path, Path], None]:
    def setup(home: Path, tmp: Path) -> None:
        path = tmp / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return setup


def _fifo(home: Path, tmp: Path) -> None:
    os.mkfifo(tmp / "fifo.csv")


def _big(home: Path, tmp: Path) -> None:
    with (tmp / "big.csv").open("wb") as f:
        f.truncate(60_000_000)


def _bad(case_id: str, row: str, says: str) -> Case:
    return Case(
        case_id,
        ("import", "{tmp}/bad.csv"),
        _file("bad.csv", HEADER + _row() + row),
        code=2,
        says=says,
    )


def _good_file(case_id: str, options: tuple[str, ...], says: str) -> Case:
    """A file that imports, with options that do not."""
    args = ("import", "{tmp}/ok.csv", *options)
    return Case(case_id, args, _file("ok.csv", HEADER + _row()), code=2, says=says)


CASES: list[Case] = [
    Case("import-missing-file", ("import", "{tmp}/missing.csv"), code=2, says="does not exist"),
    Case(
        "import-empty-file", ("import", "{tmp}/e.csv"), _file("e.csv", ""), code=2, says="is empty"
    ),
    Case(
        "import-blank-lines",
        ("import", "{tmp}/e.csv"),
        _file("e.csv", "\n \r\n"),
        code=2,
        says="is empty",
    ),
    Case(
        "import-a-roster",
        ("import", "{tmp}/roster.csv"),
        _file("roster.csv", "name,program\nAna,balance\n"),
        code=2,
        says="is not an export oneup knows",
    ),
    Case(
        "import-binary",
        ("import", "{tmp}/x.csv"),
        _file("x.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        code=2,
        says="is not a text file",
    ),
    Case(
        "import-latin-1",
        ("import", "{tmp}/x.csv"),
        _file("x.csv", (HEADER + _row(note="caf\xe9")).encode("latin-1")),
        code=2,
        says="is not UTF-8 text",
    ),
    Case("import-folder", ("import", "{tmp}"), code=2, says="is a folder"),
    Case("import-fifo", ("import", "{tmp}/fifo.csv"), _fifo, code=2),
    Case("import-too-big", ("import", "{tmp}/big.csv"), _big, code=2, says="50 MB"),
    Case(
        "import-header-only",
        ("import", "{tmp}/h.csv"),
        _file("h.csv", HEADER),
        code=2,
        says="no sets",
    ),
    _bad("import-bad-month", _row().replace("2026-01-05", "2026-13-01"), "line 3: the date"),
    _bad("import-bad-day", _row().replace("2026-01-05", "2026-02-30"), "not a real date"),
    _bad("import-weight-text", _row(weight="abc"), "line 3: the weight 'abc' is not a number"),
    _bad("import-weight-negative", _row(weight="-5"), "the weight '-5'"),
    _bad("import-weight-huge", _row(weight="9999"), "is over 500 kg"),
    _bad("import-weight-nan", _row(weight="nan"), "is not a number"),
    _bad("import-reps-fraction", _row(reps="7.5"), "not a whole number"),
    _bad("import-reps-huge", _row(reps="100000"), "not a whole number"),
    _bad("import-reps-fullwidth", _row(reps="\uff17"), "not a number"),
    _bad("import-rpe-eleven", _row(rpe="11"), "RPE"),
    _bad("import-set-order", _row(order="X"), "set order"),
    _bad("import-far-future", _row().replace("2026-01-05", "2099-01-05"), "more than a year ahead"),
    _bad("import-no-amount", _row(reps=""), "no reps and no time"),
    _bad("import-extra-cells", _row().rstrip("\n") + ",1,2,3\n", "cells"),
    _bad("import-unclosed-quote", '2026-01-05 09:30:12,"Legs,45m\n', "line 3"),
    _bad("import-empty-name", _row().replace("Goblet Squat", " "), "line 3: the exercise name"),
    _good_file(
        "import-map-unknown", ("--map", "Goblet Squat=no-such-lift"), "--map 'no-such-lift'"
    ),
    _good_file("import-map-no-equals", ("--map", "Goblet Squat"), "--map"),
    _good_file("import-map-empty-name", ("--map", "=goblet-squat"), "--map"),
    Case(
        "import-bad-profile",
        ("-p", "../x", "import", "{tmp}/ok.csv"),
        _file("ok.csv", HEADER),
        code=2,
    ),
]
