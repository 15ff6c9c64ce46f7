"""Issue 14, the results sheet as a trainer meets it: `oneup plan --format sheet|xlsx`, one row
per prescribed set in the order of the printed plan, the columns to fill in empty (and, in the
spreadsheet, highlighted and validated)."""

from __future__ import annotations

import csv
import io
import json

import openpyxl

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
