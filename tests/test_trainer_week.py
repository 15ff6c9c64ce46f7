"""Issue 14's acceptance, the trainer's loop from the command line: a roster of three clients
-> `profiles import` -> `bulk --profiles --format sheet` for week 1 -> the sheet filled in (one
client all at the top of the range, one with pain, one left empty) -> `import` -> `bulk
--profiles` for week 2: the first client's loads rise by the engine's step, the second's do not,
the third's are unchanged, and each reason says why. Then the same with `--format xlsx`."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from .conftest import ok

WEEK1, WEEK2 = "2026-01-05", "2026-01-12"
ROSTER = (
    "name,program,start,days,load:dumbbell-biceps-curl\n"
    f'Ann Top,diagnosed-osteoporosis,{WEEK1},"mon,thu",10kg\n'
    f'Bo Pain,diagnosed-osteoporosis,{WEEK1},"mon,thu",10kg\n'
    f'Cy Away,diagnosed-osteoporosis,{WEEK1},"mon,thu",10kg\n'
)
PROFILES = ("ann-top", "bo-pain", "cy-away")
CURL = "dumbbell-biceps-curl"


def _fill(row: dict) -> dict:
    """What each client did: Ann everything at the top of its range, Bo the same with pain,
    Cy nothing."""
    top = row["target"].split("-")[-1]
    if row["profile"] == "ann-top":
        return {"done": top, "effort": "6"}
    if row["profile"] == "bo-pain":
        return {"done": top, "effort": "6", "pain": "yes"}
    return {}


def _curl(run, tmp_path, profile: str) -> dict:
    """The biceps curl of the client's week-2 plan, from `bulk --profiles` (JSON)."""
    out = tmp_path / "week2"
    ok(run("bulk", "--profiles", "--out", str(out), "-f", "json", "--date", WEEK2, "--force"))
    plan = json.loads((out / f"{profile}.json").read_text())
    for week in plan["weeks"]:
        for session in week["sessions"]:
            for block in session["blocks"]:
                for item in block["items"]:
                    if item["exercise"] == CURL:
                        return item
    raise AssertionError(f"no {CURL} in {profile}'s plan")


def _loop_start(run, tmp_path):
    roster = tmp_path / "clients.csv"
    roster.write_text(ROSTER)
    ok(run("profiles", "import", str(roster)))
    names = [p["name"] for p in json.loads(ok(run("profiles", "--json")).stdout)["profiles"]]
    assert set(PROFILES) <= set(names)
    for profile in PROFILES:  # week 1 plans from the starting load
        assert _curl_week1(run, tmp_path, profile)["load_text"] == "10 kg"


def _curl_week1(run, tmp_path, profile):
    out = tmp_path / "week1-json"
    ok(run("bulk", "--profiles", "--out", str(out), "-f", "json", "--date", WEEK1, "--force"))
    plan = json.loads((out / f"{profile}.json").read_text())
    items = [
        i
        for w in plan["weeks"]
        for s in w["sessions"]
        for b in s["blocks"]
        for i in b["items"]
        if i["exercise"] == CURL
    ]
    return items[0]


def _check_week2(run, tmp_path):
    ann, bo, cy = (_curl(run, tmp_path, p) for p in PROFILES)
    assert ann["load_text"] == "11 kg"  # +1 kg: one step (ACSM-PROG: 2-10%)
    assert ann["reason"].startswith("+1 kg: you did 2 x 12 at 10 kg on Mon 5 Jan")
    assert bo["load_text"] == "10 kg"
    assert "you reported pain" in bo["reason"] and "never heavier after pain" in bo["reason"]
    assert cy["load_text"] == "10 kg"
    assert cy["reason"] == "first time: your starting load"


def test_the_trainers_week_with_a_csv_sheet(run, tmp_path):
    _loop_start(run, tmp_path)
    out = tmp_path / "week1"
    ok(run("bulk", "--profiles", "--out", str(out), "-f", "sheet", "--date", WEEK1))
    sheet = out / "results-sheet.csv"
    rows = list(csv.DictReader(io.StringIO(sheet.read_text())))
    assert {r["profile"] for r in rows} == set(PROFILES)
    assert [r["profile"] for r in rows] == sorted(r["profile"] for r in rows)  # index order
    filled = io.StringIO()
    writer = csv.DictWriter(filled, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({**r, **_fill(r)})
    sheet.write_text(filled.getvalue())
    dry = ok(run("import", str(sheet), "--dry-run"))
    assert "ann-top:" in dry.stdout and "bo-pain:" in dry.stdout and "cy-away" not in dry.stdout
    done = ok(run("import", str(sheet)))
    assert "Rows left empty, skipped:" in done.stdout
    # one line a client (their logs were new: the log is read twice, the client said once)
    assert done.stdout.count("  ann-top: ") == 1 and done.stdout.count("  bo-pain: ") == 1
    _check_week2(run, tmp_path)
    again = ok(run("import", str(sheet)))  # the same sheet twice adds nothing
    assert "ann-top: nothing new" in again.stdout and "bo-pain: nothing new" in again.stdout
    _check_week2(run, tmp_path)


@pytest.mark.slow
def test_the_trainers_week_with_an_xlsx_sheet(run, tmp_path):
    _loop_start(run, tmp_path)
    out = tmp_path / "week1"
    ok(run("bulk", "--profiles", "--out", str(out), "-f", "xlsx", "--date", WEEK1))
    path = out / "results-sheet.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    for r in range(2, sheet.max_row + 1):
        row = {
            h: ("" if c.value is None else str(c.value))
            for h, c in zip(header, sheet[r], strict=True)
        }
        for column, value in _fill(row).items():
            cell = sheet.cell(row=r, column=header.index(column) + 1)
            cell.value = float(value) if value.isdigit() else value
    book.save(path)
    ok(run("import", str(path)))
    _check_week2(run, tmp_path)
