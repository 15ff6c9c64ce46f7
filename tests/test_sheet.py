"""Issue 14, the results sheet as a trainer meets it: `oneup plan --format sheet|xlsx`, one row
per prescribed set in the order of the printed plan, the columns to fill in empty (and, in the
spreadsheet, highlighted and validated)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import openpyxl
import pytest

from .conftest import ok

HEADER = [
    "profile",
    "client",
    "date",
    "session",
    "exercise",
    "name",
    "set",
    "measure",
    "target",
    "load",
    "done",
    "load_used",
    "effort",
    "pain",
]


def _planned_sets(run) -> list[tuple[str, str, int]]:
    """(date, exercise, set) of every set of every session of the plan, in order."""
    doc = json.loads(ok(run("plan", "--format", "json", "--date", "2026-01-05")).stdout)
    found = []
    for week in doc["weeks"]:
        for session in week["sessions"]:
            for block in session["blocks"]:
                for item in block["items"]:
                    for n in range(1, item["sets"] + 1):
                        found.append((session["date"], item["exercise"], n))
    return found


def test_the_sheet_has_one_row_per_planned_set_in_the_printed_order(run):
    ok(run("start", "balance", "--start", "2026-01-05"))
    ok(run("log", "seated-knee-extension", "2x10@1kg", "--date", "2026-01-05"))
    text = ok(run("plan", "--format", "sheet", "--date", "2026-01-05")).stdout
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == HEADER
    body = [dict(zip(HEADER, r, strict=True)) for r in rows[1:]]
    assert [(r["date"], r["exercise"], int(r["set"])) for r in body] == _planned_sets(run)
    assert {r["profile"] for r in body} == {"me"}
    assert all(r[c] == "" for r in body for c in ("done", "load_used", "effort", "pain"))
    knee = [r for r in body if r["exercise"] == "seated-knee-extension"]
    assert knee[0]["load"] == "1kg" and knee[0]["measure"] == "reps"  # reps first at 1 kg
    assert knee[-1]["date"] == "2026-01-09"


def test_the_spreadsheet_highlights_and_validates_the_columns_to_fill(run, tmp_path):
    ok(run("start", "balance", "--start", "2026-01-05"))
    out = tmp_path / "week.xlsx"
    ok(run("plan", "-o", str(out), "--date", "2026-01-05", "--client", "=cmd|' /C calc'!A0"))
    sheet = openpyxl.load_workbook(out).active
    assert [c.value for c in sheet[1]] == HEADER
    assert sheet.max_row - 1 == len(_planned_sets(run))
    client = sheet.cell(row=2, column=2)
    assert client.value == "=cmd|' /C calc'!A0" and client.data_type == "s"  # text, not a formula
    fills = {c.column_letter: c.fill.fgColor.rgb for c in sheet[2]}
    assert all(fills[col].endswith("FFF2CC") for col in "KLMN")
    assert not fills["A"].endswith("FFF2CC")
    checks = {str(v.sqref).split(":")[0][0]: v for v in sheet.data_validations.dataValidation}
    assert checks["N"].type == "list" and checks["N"].formula1 == '"yes,no"'
    assert checks["K"].type == "decimal" and checks["M"].formula2 == "10"


def _filled(text: str, fill) -> str:
    """The sheet with `fill(row)` written into each row (a dict of the columns to fill)."""
    rows = list(csv.DictReader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        row.update(fill(row) or {})
        writer.writerow(row)
    return out.getvalue()


def test_a_filled_sheet_is_recorded_once_and_taken_back_by_undo(run, tmp_path):
    ok(run("start", "balance", "--start", "2026-01-05"))
    ok(run("log", "seated-knee-extension", "2x15@1kg", "--rpe", "5", "--date", "2026-01-05"))
    text = ok(run("plan", "--format", "sheet", "--date", "2026-01-12")).stdout

    def fill(row):
        if row["exercise"] == "seated-knee-extension" and row["date"] == "2026-01-12":
            return {"done": "12", "effort": "5"}  # the load left empty: the planned one
        if row["exercise"] == "one-leg-stand" and row["date"] == "2026-01-12":
            return {"done": "15", "pain": "yes"}
        return None

    sheet = tmp_path / "week.csv"
    sheet.write_text(_filled(text, fill))
    dry = ok(run("import", str(sheet), "--dry-run"))
    assert "Would record" in dry.stdout and "Nothing was written (--dry-run)." in dry.stdout
    assert "2026-01-12" not in ok(run("history", "--json")).stdout
    done = ok(run("import", str(sheet)))
    assert "me: 3 sets of 2 exercises on Mon 12 Jan 2026, pain reported in 1 exercise" in (
        done.stdout
    )
    history = json.loads(ok(run("history", "--json")).stdout)
    knee = [r for r in history["records"] if r["date"] == "2026-01-12"]
    by_id = {r["exercise"]: r for r in knee}
    assert [s["reps"] for s in by_id["seated-knee-extension"]["sets"]] == [12, 12]
    # 1 kg held: ankle weights step at most every 14 days (the program's rule)
    assert by_id["seated-knee-extension"]["sets"][0]["load"] == "1kg"
    assert by_id["seated-knee-extension"]["rpe"] == 5
    assert by_id["one-leg-stand"]["pain"] is True
    again = ok(run("import", str(sheet)))
    assert "me: nothing new (imported already)" in again.stdout
    ok(run("undo"))
    assert "2026-01-12" not in ok(run("history", "--json")).stdout


def test_a_bad_cell_is_named_by_row_and_column_and_nothing_is_written(run, tmp_path):
    ok(run("start", "balance", "--start", "2026-01-05"))
    text = ok(run("plan", "--format", "sheet", "--date", "2026-01-05")).stdout
    rows = {"n": 0}

    def fill(row):
        rows["n"] += 1
        return {
            "done": "abc" if rows["n"] == 3 else "10",
            "pain": "maybe" if rows["n"] == 5 else "",
        }

    sheet = tmp_path / "week.csv"
    sheet.write_text(_filled(text, fill))
    result = run("import", str(sheet))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {sheet} row 4, done 'abc': give the ")
    assert "(1 more bad row); nothing was imported" in result.stderr
    assert "Nothing recorded yet" in ok(run("history")).stdout
    skipped = ok(run("import", str(sheet), "--skip-bad"))
    assert "Skipped 2 bad rows:" in skipped.stdout and "row 6, pain 'maybe'" in skipped.stdout


def test_an_xlsx_sheet_filled_in_is_recorded_like_the_csv(run, tmp_path):
    ok(run("start", "balance", "--start", "2026-01-05"))
    out = tmp_path / "week.xlsx"
    ok(run("plan", "-o", str(out), "--date", "2026-01-05"))
    book = openpyxl.load_workbook(out)
    sheet = book.active
    for r in range(2, sheet.max_row + 1):
        if sheet.cell(row=r, column=5).value == "seated-knee-extension":
            sheet.cell(row=r, column=11).value = 10
            sheet.cell(row=r, column=12).value = 1
            sheet.cell(row=r, column=14).value = "no"
    book.save(out)
    ok(run("import", str(out)))
    history = json.loads(ok(run("history", "--json")).stdout)
    knee = [r for r in history["records"] if r["exercise"] == "seated-knee-extension"]
    sets = [s for r in knee for s in r["sets"]]
    assert len(knee) == 3 and [(s["reps"], s["load"]) for s in sets] == [(10, "1kg")] * 6


def test_the_sheet_import_summary_as_json_and_its_refusals(run, tmp_path):
    from .test_contract import validate

    ok(run("start", "balance", "--start", "2026-01-05"))
    text = ok(run("plan", "--format", "sheet", "--date", "2026-01-05")).stdout
    sheet = tmp_path / "week.csv"
    sheet.write_text(_filled(text, lambda row: {"done": "10"}))
    doc = json.loads(ok(run("import", str(sheet), "--dry-run", "--json")).stdout)
    validate(doc, "import-sheet")
    assert doc["dry_run"] is True and doc["clients"][0]["profile"] == "me"
    # a row naming a profile that does not exist; a sheet with nothing filled in
    sheet.write_text(_filled(text, lambda row: {"done": "10", "profile": "nobody"}))
    result = run("import", str(sheet))
    assert result.exit_code == 2 and "profile 'nobody': no such profile" in result.stderr
    sheet.write_text(text)
    result = run("import", str(sheet))
    assert result.exit_code == 2 and "has no filled-in rows" in result.stderr
    not_a_sheet = tmp_path / "other.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["a", "b"])
    book.save(not_a_sheet)
    result = run("import", str(not_a_sheet))
    assert result.exit_code == 2 and "not a results sheet" in result.stderr
    assert "Nothing recorded yet" in ok(run("history")).stdout


@pytest.mark.slow
def test_a_sheet_piped_in_is_recognised_and_read_once(run, oneup_home):
    """`oneup import /dev/stdin < week.csv`: the pipe can be read only once, and the sheet is
    recognised from it (it used to be read once to look for a sheet, and that read was lost)."""
    ok(run("start", "balance", "--start", "2026-01-05"))
    text = ok(run("plan", "--format", "sheet", "--date", "2026-01-05")).stdout
    filled = _filled(text, lambda row: {"done": "10"} if row["set"] == "1" else None)
    env = {**os.environ, "ONEUP_HOME": str(oneup_home)}
    result = subprocess.run(
        [sys.executable, "-m", "oneup_cli", "import", "/dev/stdin"],
        input=filled,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Recorded from the results sheet /dev/stdin:")
    assert result.stdout.count("  me: ") == 1
    assert json.loads(ok(run("history", "--json")).stdout)["records"]
