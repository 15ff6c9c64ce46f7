"""`oneup bulk`: a plan per roster row, safe file names, the index, bad rows, and the JSON
contract of what it writes."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader

from oneup_cli import api, roster

from .conftest import REPO
from .test_contract import validate

PLAN_SCHEMA = json.loads((REPO / "schema" / "plan.schema.json").read_text())
DATE = "2026-03-02"
HEADER = "name,program,start,days,units,equipment,supervised,vertebral_fracture,notes"


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _roster(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    return _write(tmp_path / "roster.csv", [header, *rows])


def _bulk(run, roster_file: Path | str, out: Path, *args: str, input: str | None = None):
    return run("bulk", str(roster_file), "--out", str(out), "--date", DATE, *args, input=input)


def _index_csv(out: Path) -> list[dict[str, str]]:
    with (out / "index.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _files(out: Path) -> set[str]:
    return {p.name for p in out.iterdir()}


# --- the acceptance scenario ------------------------------------------------------------------


def _big_roster(tmp_path: Path) -> Path:
    """200 clients over the three programs; rows 51, 102 and 153 are wrong."""
    programs = ["prevention", "diagnosed-osteoporosis", "balance"]
    rows = []
    for i in range(200):
        number = i + 2  # the header is row 1
        program = programs[i % 3]
        start = f"2026-0{1 + i % 3}-{10 + i % 15}"
        name = f"Client {i:03d}"
        if number == 51:
            program = "prevent"
        if number == 102:
            start = "2026-02-30"
        if number == 153:
            name = ""
        units = "lb" if i % 4 == 0 else "kg"
        rows.append(f"{name},{program},{start},,{units},home,no,no,")
    return _roster(tmp_path, *rows)


@pytest.mark.slow
def test_two_hundred_rows_three_bad_make_197_plans_an_index_and_exit_1(run, tmp_path):
    out = tmp_path / "plans"
    result = _bulk(run, _big_roster(tmp_path), out, "--format", "json")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "row 51 (Client 049): no program called 'prevent'. Did you mean 'prevention'? "
        "`oneup programs list` shows them.\n"
        "row 102 (Client 100): start '2026-02-30' is not a real date: use YYYY-MM-DD, "
        "e.g. 2026-03-02\n"
        "row 153: the name is empty: every row needs one\n"
        f"197 plans written to {out}, 3 rows failed (see {out / 'index.csv'})\n"
    )
    plans = sorted(p for p in _files(out) if p.endswith(".json") and p != "index.json")
    assert len(plans) == 197
    assert _files(out) == {*plans, "index.json", "index.csv"}

    index = _index_csv(out)
    assert len(index) == 200
    failed = [(r["row"], r["status"], r["error"]) for r in index if r["status"] != "ok"]
    assert [f[:2] for f in failed] == [("51", "error"), ("102", "error"), ("153", "error")]
    assert failed[2][2] == "the name is empty: every row needs one"
    doc = json.loads((out / "index.json").read_text())
    validate(doc, "bulk-index")
    assert (doc["written"], doc["failed"]) == (197, 3)
    assert [r["row"] for r in doc["rows"]] == list(range(2, 202))
    assert doc["rows"][0] == {
        "row": 2,
        "name": "Client 000",
        "status": "ok",
        "file": "client-000.json",
        "program": "prevention",
        "weeks": "8",
        "error": None,
    }


def test_a_second_run_refuses_to_replace_anything_without_force(run, tmp_path):
    out = tmp_path / "plans"
    roster_file = _roster(tmp_path, "Ana Ruiz,prevention", "Bob Lee,balance", "Cy,balance")
    assert _bulk(run, roster_file, out, "-f", "md").exit_code == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

    result = _bulk(run, roster_file, out, "-f", "md")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: 5 files in {out} would be replaced (index.json, index.csv, ana-ruiz.md "
        "and 2 more): add --force to replace them, or choose another --out\n"
    )
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before

    result = _bulk(run, roster_file, out, "-f", "md", "--force")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"3 plans written to {out}\n"
    assert all(p.stat().st_mtime_ns > before[p.name] for p in out.iterdir())


# --- file names -------------------------------------------------------------------------------


def test_names_make_safe_file_names_inside_the_folder(run, tmp_path):
    out = tmp_path / "deep" / "plans"
    names = [
        "../../etc/passwd",
        "CON",
        "nul.txt",
        "COM1",
        "Zoë Łukasiewicz",
        "Ana Ruiz",
        "ana   ruiz",
        "李明",
        "/tmp/x",
        "..",
        "Index",
    ]
    result = _bulk(run, _roster(tmp_path, *[f'"{n}",balance' for n in names]), out, "-f", "md")
    assert result.exit_code == 0, result.stderr
    files = [r["file"] for r in _index_csv(out)]
    assert files == [
        "etc-passwd.md",
        "con-client.md",
        "nul-txt.md",
        "com1-client.md",
        "zoe-lukasiewicz.md",
        "ana-ruiz.md",
        "ana-ruiz-2.md",
        "client-9.md",
        "tmp-x.md",
        "client-11.md",
        "index-2.md",
    ]
    # Nothing anywhere else: the whole tree holds the roster, the plans and the index.
    everything = {
        str(p.relative_to(tmp_path))
        for p in tmp_path.rglob("*")
        if p.is_file() and not p.is_relative_to(tmp_path / "oneup-home")
    }
    assert everything == {"roster.csv"} | {f"deep/plans/{f}" for f in [*files, *INDEX]}
    for name in files:
        assert stat.S_IMODE((out / name).stat().st_mode) == 0o600
    assert stat.S_IMODE(out.stat().st_mode) == 0o700


INDEX = ("index.json", "index.csv")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Zoë Łukasiewicz", "zoe-lukasiewicz"),
        ("José Núñez", "jose-nunez"),
        ("Søren Ærø", "soren-aero"),
        ("Straße", "strasse"),
        ("../../etc/passwd", "etc-passwd"),
        ("  --Ana--  ", "ana"),
        ("李明", ""),
        ("a" * 80, "a" * 60),
    ],
)
def test_slug_folds_accents_to_ascii(name, slug):
    assert roster.slug(name) == slug


def test_namer_numbers_collisions_and_avoids_reserved_names():
    namer = roster.Namer()
    assert [
        namer(n, i) for i, n in enumerate(["Ana", "ana", "ANA", "Ana 2", "aux", "", "index"])
    ] == [
        "ana",
        "ana-2",
        "ana-3",
        "ana-2-2",
        "aux-client",
        "client-5",
        "index-2",
    ]


# --- the roster -------------------------------------------------------------------------------


def test_headers_match_in_any_case_and_loads_name_exercises(run, tmp_path):
    out = tmp_path / "plans"
    roster_file = _roster(
        tmp_path,
        "Ana Ruiz,PREVENTION,2026-03-02,Mon;Thu,lb,Yes,20",
        header="NAME, Program ,Start,DAYS,Units,Vertebral-Fracture,load: Goblet squat",
    )
    roster_file.write_text(roster_file.read_text().replace("Mon;Thu", '"Mon,Thu"'))
    result = _bulk(run, roster_file, out, "-f", "json")
    assert result.exit_code == 1  # the program id is not matched case-insensitively
    assert "no program called 'PREVENTION'" in result.stderr

    roster_file.write_text(roster_file.read_text().replace("PREVENTION", "prevention"))
    result = _bulk(run, roster_file, out, "-f", "json", "--force")
    assert result.exit_code == 0, result.stderr
    plan = json.loads((out / "ana-ruiz.json").read_text())
    assert plan["client"] == "Ana Ruiz" and plan["units"] == "lb"
    assert plan["training_days"] == ["mon", "thu"] and plan["vertebral_fracture"] is True
    squat = [
        i
        for s in plan["weeks"][0]["sessions"]
        for b in s["blocks"]
        for i in b["items"]
        if i["exercise"] == "goblet-squat"
    ]
    assert squat and squat[0]["load"] == {"value": 20.0, "unit": "lb"}


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "name,phone,Email",
            "roster.csv: unknown columns 'phone', 'Email': use name, program, start, days, "
            "units, equipment, supervised, vertebral_fracture, cleared, notes, profile, or "
            "load:EXERCISE",
        ),
        (
            "program,start",
            "roster.csv: there is no 'name' column: the first row must name the columns",
        ),
        ("name,Name", "roster.csv: the column 'Name' is there twice"),
        (
            "name,,program",
            "roster.csv: unknown column '' (column 2): use name, program, start, days, units, "
            "equipment, supervised, vertebral_fracture, cleared, notes, profile, or load:EXERCISE",
        ),
        (
            "name,load:goblet squats",
            "roster.csv: column 'load:goblet squats': no exercise called 'goblet squats'. "
            "Did you mean 'goblet-squat'? `oneup exercises list` shows them all.",
        ),
    ],
)
def test_a_bad_header_is_one_line_exit_2_and_nothing_written(
    run, tmp_path, monkeypatch, header, message
):
    monkeypatch.chdir(tmp_path)
    _roster(tmp_path, "Ana,prevention", header=header)
    result = run("bulk", "roster.csv", "--out", "plans")
    assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")
    assert not (tmp_path / "plans").exists()


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        (
            "Ana,prevention,2026-02-30",
            "start '2026-02-30' is not a real date: use YYYY-MM-DD, e.g. 2026-03-02",
        ),
        (
            "Ana,prevention,,moonday",
            "days 'moonday' is not a weekday: use mon, tue, wed, thu, fri, sat, sun",
        ),
        ("Ana,prevention,,,stone", "units 'stone' is not a unit: use kg or lb"),
        (
            "Ana,prevention,,,,spaceship",
            "equipment 'spaceship' is not equipment oneup knows: choose from none, home, gym, "
            "chair, wall, "
            "step, dumbbells, kettlebell, barbell, bands, ankle-weights, machine, cable, bench, "
            "pull-up-bar, backpack",
        ),
        ("Ana,prevention,,,,,maybe", "supervised 'maybe' is not yes or no"),
        ("Ana,nope", "no program called 'nope'. `oneup programs list` shows them."),
        ("Ana,../../x", "cannot read ../../x: No such file or directory"),
        ("Ana,prevention,,,,,,,,extra", "it has 10 cells but the header names 9 columns"),
        (",prevention", "the name is empty: every row needs one"),
    ],
)
def test_a_bad_row_is_reported_with_its_number_and_reason(run, tmp_path, cells, reason):
    out = tmp_path / "plans"
    result = _bulk(run, _roster(tmp_path, "Bea,balance", cells), out, "-f", "md")
    assert result.exit_code == 1
    name = cells.split(",")[0]
    where = f"row 3 ({name})" if name else "row 3"
    assert result.stderr == (
        f"{where}: {reason}\n1 plan written to {out}, 1 row failed (see {out / 'index.csv'})\n"
    )
    assert _files(out) == {"bea.md", *INDEX}
    assert _index_csv(out)[1]["error"] == reason


def test_a_bad_load_names_its_column(run, tmp_path):
    out = tmp_path / "plans"
    roster_file = _roster(
        tmp_path, "Ana,abc", "Bo,9999", "Cy,12.5", header="name,load:goblet-squat"
    )
    result = _bulk(run, roster_file, out, "-f", "md")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "row 2 (Ana): load:goblet-squat: 'abc' is not a weight such as 10kg or 22lb",
        "row 3 (Bo): load:goblet-squat: '9999' for goblet-squat is not a sensible load",
    ]


def test_blank_rows_are_skipped_but_counted_and_quoted_cells_may_hold_line_breaks(run, tmp_path):
    out = tmp_path / "plans"
    roster_file = _write(
        tmp_path / "roster.csv",
        ["name,notes", "Ana,", "", ",,", '"Bo","two', 'lines"', "Cy,", ""],
    )
    result = _bulk(run, roster_file, out, "-f", "json")
    assert result.exit_code == 0, result.stderr
    index = _index_csv(out)
    assert [(r["row"], r["name"]) for r in index] == [("2", "Ana"), ("5", "Bo"), ("6", "Cy")]
    assert json.loads((out / "bo.json").read_text())["notes"] == "two\nlines"


def test_control_characters_in_a_name_are_refused_and_never_printed(run, tmp_path):
    out = tmp_path / "plans"
    result = _bulk(run, _roster(tmp_path, '"Ana\x1b[31mRed",prevention'), out, "-f", "md")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    assert result.stderr.startswith("row 2 (Ana?[31mRed): name has a control character in it\n")


def test_roster_from_standard_input(run, tmp_path):
    out = tmp_path / "plans"
    result = _bulk(run, "-", out, "-f", "json", input="name,program\nAna,balance\n")
    assert result.exit_code == 0, result.stderr
    assert _files(out) == {"ana.json", *INDEX}
    assert json.loads((out / "index.json").read_text())["roster"] == "standard input"


def test_excel_byte_order_mark_and_crlf_are_fine(run, tmp_path):
    out = tmp_path / "plans"
    roster_file = tmp_path / "roster.csv"
    roster_file.write_bytes("\ufeffName,Program\r\nZoë,balance\r\n".encode())
    assert _bulk(run, roster_file, out, "-f", "md").exit_code == 0
    assert _files(out) == {"zoe.md", *INDEX}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "roster.csv is empty: its first row must name the columns, e.g. name,program,start"),
        (
            b"name\nAna\nJos\xe9\n",
            "roster.csv: line 3 is not UTF-8 text: save the roster as 'CSV UTF-8'",
        ),
    ],
)
def test_an_unreadable_roster_is_one_line_exit_2(run, tmp_path, monkeypatch, content, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "roster.csv").write_bytes(content)
    result = run("bulk", "roster.csv", "--out", "plans")
    assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")
    assert not (tmp_path / "plans").exists()


def test_strict_stops_at_the_first_bad_row_and_writes_nothing(run, tmp_path):
    out = tmp_path / "plans"
    roster_file = _roster(tmp_path, "Ana,prevention", "Bo,prevent", ",balance")
    result = _bulk(run, roster_file, out, "--strict", "-f", "md")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: row 3 (Bo): no program called 'prevent'. Did you mean 'prevention'? "
        "`oneup programs list` shows them. (--strict: nothing was written)\n"
    )
    assert not out.exists()
    roster_file = _roster(tmp_path, "Ana,prevention", "Bo,balance")
    assert _bulk(run, roster_file, out, "--strict", "-f", "md").exit_code == 0
    assert _files(out) == {"ana.md", "bo.md", *INDEX}


def test_strict_checks_the_weeks_of_every_row(run, tmp_path):
    out = tmp_path / "plans"
    roster_file = _roster(tmp_path, "Ana,prevention", "Bo,diagnosed-osteoporosis")
    result = _bulk(run, roster_file, out, "--strict", "--weeks", "20-21", "-f", "md")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: row 3 (Bo): weeks 20-21 is past the end of")
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jobs", "0"], "--jobs 0: use 1 or more processes"),
        (["--weeks", "three"], "--weeks 'three' is not a range of weeks such as 3-5"),
        (
            ["--format", "docx"],
            "--format 'docx' is not a format: choose text, md, html, pdf, json, sheet, xlsx",
        ),
        (["--paper", "a5"], "--paper 'a5' is not a paper size: use a4 or letter"),
        (
            ["--date", "2026-13-01"],
            "--date '2026-13-01' is not a real date: use YYYY-MM-DD, e.g. 2026-03-02",
        ),
    ],
)
def test_bad_options_are_one_line_exit_2_and_nothing_written(run, tmp_path, args, message):
    out = tmp_path / "plans"
    result = run("bulk", str(_roster(tmp_path, "Ana")), "--out", str(out), *args)
    assert (result.exit_code, result.stderr) == (2, f"Error: {message}\n")
    assert not out.exists()


def test_missing_roster_and_out_that_is_a_file(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("bulk", "nowhere.csv", "--out", "plans")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: the roster nowhere.csv does not exist\n",
    )
    _roster(tmp_path, "Ana")
    Path("taken").write_text("")
    result = run("bulk", "roster.csv", "--out", "taken")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: --out taken is a file: give a folder for the plans\n",
    )


def test_a_roster_with_only_a_header_writes_an_empty_index(run, tmp_path):
    out = tmp_path / "plans"
    result = _bulk(run, _roster(tmp_path), out, "-f", "md")
    assert (result.exit_code, result.stderr) == (0, f"0 plans written to {out}\n")
    doc = json.loads((out / "index.json").read_text())
    validate(doc, "bulk-index")
    assert doc["rows"] == [] and doc["written"] == 0


# --- the index --------------------------------------------------------------------------------


def test_index_csv_cells_never_run_as_spreadsheet_formulas(run, tmp_path):
    out = tmp_path / "plans"
    names = ['"=HYPERLINK(""http://x"",""y"")"', "+1 555", "-Ana", "@Bo"]
    result = _bulk(run, _roster(tmp_path, *[f"{n},nope" for n in names]), out, "-f", "md")
    assert result.exit_code == 1
    names_in_index = [r["name"] for r in _index_csv(out)]
    assert names_in_index == ['\'=HYPERLINK("http://x","y")', "'+1 555", "'-Ana", "'@Bo"]
    # index.json keeps the names as they are: it is data, not a spreadsheet.
    assert json.loads((out / "index.json").read_text())["rows"][2]["name"] == "-Ana"


def test_csv_cell_neutralises_every_formula_start():
    assert [roster.csv_cell(v) for v in ("=1", "+1", "-1", "@a", "\t1", "\r1", "a=1", 3, None)] == [
        "'=1",
        "'+1",
        "'-1",
        "'@a",
        "'\t1",
        "'\r1",
        "a=1",
        "3",
        "",
    ]


def test_verbose_prints_a_line_per_row_and_quiet_prints_only_problems(run, tmp_path):
    out = tmp_path / "plans"
    roster_file = _roster(tmp_path, "Ana,prevention", "Bo,nope")
    result = _bulk(run, roster_file, out, "-f", "md", "--verbose")
    assert result.stderr.splitlines()[:2] == [
        "row 2: ana.md",
        "row 3 (Bo): no program called 'nope'. `oneup programs list` shows them.",
    ]
    result = _bulk(run, roster_file, out, "-f", "md", "--force")
    assert "row 2" not in result.stderr


def test_no_temp_file_is_left_and_files_are_owner_only(run, tmp_path):
    out = tmp_path / "plans"
    assert _bulk(run, _roster(tmp_path, "Ana", "Bo"), out, "-f", "html").exit_code == 0
    assert _files(out) == {"ana.html", "bo.html", *INDEX}
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {0o600}


# --- the JSON contract ------------------------------------------------------------------------


def test_bulk_json_plans_and_index_match_their_schemas(run, tmp_path):
    out = tmp_path / "plans"
    roster_file = _roster(
        tmp_path,
        'Zoë Łukasiewicz,balance,2026-03-02,"mon,wed,fri",kg,none,no,no,Hold the counter',
        "Ana Ruiz,prevention,2026-01-05,,lb,gym,yes,no,",
        "Cy,diagnosed-osteoporosis,2026-02-02,,kg,home,no,yes,",
        "Di,nope",
    )
    result = _bulk(run, roster_file, out, "-f", "json", "--weeks", "2-3")
    assert result.exit_code == 1
    index = json.loads((out / "index.json").read_text())
    validate(index, "bulk-index")
    assert index["weeks"] == "2-3" and index["format"] == "json" and index["as_of"] == DATE
    for row in index["rows"]:
        if row["status"] == "ok":
            plan = json.loads((out / row["file"]).read_text())
            jsonschema.validate(plan, PLAN_SCHEMA, cls=jsonschema.Draft202012Validator)
            assert plan["client"] == row["name"] and plan["program"]["id"] == row["program"]
            assert [w["week"] for w in plan["weeks"]] == [2, 3] and row["weeks"] == "2-3"


def test_bulk_and_the_python_api_make_the_same_plan(run, tmp_path):
    out = tmp_path / "plans"
    roster_file = _roster(tmp_path, 'Ana Ruiz,balance,2026-02-02,"tue,thu,sat",lb,none,yes,no,Hi')
    assert _bulk(run, roster_file, out, "-f", "json").exit_code == 0
    import datetime as dt

    program = api.load_program("balance")
    person = api.new_profile(
        program,
        start=dt.date(2026, 2, 2),
        days="tue,thu,sat",
        units="lb",
        equipment="none",
        supervised=True,
    )
    plan = api.plan_weeks(program, person, today=dt.date(2026, 3, 2), client="Ana Ruiz", notes="Hi")
    assert (out / "ana-ruiz.json").read_text(encoding="utf-8") == api.render(plan, "json")


# --- processes, PDF, Ctrl-C -------------------------------------------------------------------


@pytest.mark.slow
def test_pdf_plans_from_worker_processes(tmp_path):
    """In a process of its own, as a trainer runs it: workers forked from a process that has
    already made PDFs cannot make more (Typst's threads do not survive a fork)."""
    out = tmp_path / "plans"
    roster_file = _roster(tmp_path, "Zoë Łukasiewicz,balance", "Ana,prevention", "Bo,nope")
    args = ["bulk", str(roster_file), "--out", str(out), "--date", DATE, "--jobs", "2"]
    proc = subprocess.run(
        [sys.executable, "-m", "oneup_cli", *args, "--paper", "letter"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "ONEUP_HOME": str(tmp_path / "home")},
    )
    assert proc.returncode == 1, proc.stderr
    assert _files(out) == {"zoe-lukasiewicz.pdf", "ana.pdf", *INDEX}
    reader = PdfReader(out / "zoe-lukasiewicz.pdf")
    assert "Zoë Łukasiewicz" in reader.pages[0].extract_text()
    assert round(float(reader.pages[0].mediabox.height)) == 792  # Letter
    assert [r["status"] for r in _index_csv(out)] == ["ok", "ok", "error"]


@pytest.mark.slow
def test_a_script_that_made_a_pdf_can_still_make_pdfs_in_worker_processes(tmp_path):
    """Typst's threads do not survive a fork: api.bulk then starts its workers afresh."""
    roster_file = _roster(tmp_path, "Zoë Łukasiewicz,balance", "Ana,prevention")
    out = tmp_path / "plans"
    script = f"""
import datetime as dt
from oneup_cli import api
program = api.load_program("balance")
plan = api.plan_weeks(program, api.new_profile(program), today=dt.date(2026, 3, 2))
assert api.render(plan, "pdf").startswith(b"%PDF")
result = api.bulk({str(roster_file)!r}, {str(out)!r}, fmt="pdf", jobs=2)
print(result.written, result.failed)
"""
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "ONEUP_HOME": str(tmp_path / "home")},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["2", "0"]
    reader = PdfReader(out / "zoe-lukasiewicz.pdf")
    assert "Zoë Łukasiewicz" in reader.pages[0].extract_text()


def test_json_from_worker_processes_matches_one_process(run, tmp_path):
    roster_file = _roster(
        tmp_path, *[f"C{i},{['balance', 'prevention'][i % 2]}" for i in range(12)]
    )
    assert _bulk(run, roster_file, tmp_path / "one", "-f", "json").exit_code == 0
    assert _bulk(run, roster_file, tmp_path / "two", "-f", "json", "-j", "2").exit_code == 0
    for name in _files(tmp_path / "one") - {"index.json"}:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_with_exit_130(tmp_path):
    """Ctrl-C in a terminal reaches the whole process group: the parent and its workers."""
    roster_file = _roster(tmp_path, *[f"Client {i},balance" for i in range(60)])
    out = tmp_path / "plans"
    env = {**os.environ, "ONEUP_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "oneup_cli", "bulk", str(roster_file), "--out", str(out), "-j", "2"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(out.glob("*.pdf")):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert b"Traceback" not in stderr
    assert stderr.decode().startswith("Interrupted: ")
    left = _files(out)
    assert not left & set(INDEX)
    assert all(name.endswith(".pdf") and not name.startswith(".") for name in left)
    for name in left:
        assert len(PdfReader(io.BytesIO((out / name).read_bytes())).pages) > 0


def test_a_roster_from_a_pipe_is_read_once(run, tmp_path):
    """`oneup bulk <(command) ...`: the roster is a pipe the shell opened (/dev/fd/N), which
    can be read only once. (A named FIFO is refused: tests/hostile/files.py.)"""
    import threading

    read_end, write_end = os.pipe()

    def feed() -> None:
        with open(write_end, "w") as f:
            f.write("name,program\nAna,balance\nBo,prevention\n")

    threading.Thread(target=feed, daemon=True).start()
    out = tmp_path / "plans"
    try:
        result = _bulk(run, f"/dev/fd/{read_end}", out, "-f", "md")
    finally:
        os.close(read_end)
    assert result.exit_code == 0, result.stderr
    assert _files(out) == {"ana.md", "bo.md", *INDEX}


def test_the_index_never_replaces_the_roster(run, tmp_path):
    out = tmp_path / "plans"
    out.mkdir()
    roster_file = _write(out / "index.csv", ["name", "Ana"])
    result = _bulk(run, roster_file, out, "-f", "md", "--force")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: the roster {roster_file} is where oneup would write: choose another --out\n"
    )
    assert roster_file.read_text() == "name\nAna\n"


# --- PDFs from one warm compiler -------------------------------------------------------------


def test_pdfs_from_one_process_hold_each_clients_name_and_sessions(run, tmp_path):
    """One compiler serves every plan of a run: nothing of one client leaks into the next."""
    names = ["Zoë Łukasiewicz", "Ελένη Παπαδοπούλου", "Жанна Иванова"]
    roster_file = _roster(tmp_path, *[f"{name},prevention" for name in names])
    out = tmp_path / "plans"
    result = _bulk(run, roster_file, out, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    files = sorted(out.glob("*.pdf"))
    assert len(files) == 3
    for file in files:
        pages = [" ".join(p.extract_text().split()) for p in PdfReader(file).pages]
        assert sum(n in pages[0] for n in names) == 1, file.name
        assert sum(n in " ".join(pages) for n in names) == 1, file.name
        assert pages[0].endswith(f"page 1 of {len(pages)}")
        assert any("Goblet squat to a chair" in page for page in pages[1:])


def test_a_pdf_plan_made_again_is_the_very_same_file():
    import datetime as dt

    from oneup_cli.render import pdf

    pdf.warm()
    program = api.load_program("diagnosed-osteoporosis")
    person = api.new_profile(program, start=dt.date(2026, 1, 5), vertebral_fracture=True)
    plan = api.plan_weeks(
        program, person, weeks="5", today=dt.date(2026, 1, 20), client="Zoë Łukasiewicz 3"
    )
    first = api.render(plan, "pdf")
    api.render(api.plan_weeks(program, person, today=dt.date(2026, 1, 20), client="Bo"), "pdf")
    assert api.render(plan, "pdf") == first


# --- files: only ours, only where they belong (issue 10) --------------------------------------


def test_a_full_disk_stops_the_run_with_no_temp_file_and_no_index(run, tmp_path, monkeypatch):
    import errno

    from oneup_cli import files

    roster_file = _write(tmp_path / "roster.csv", ["name,program", "Ana,balance", "Bo,balance"])
    out = tmp_path / "plans"
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, real) -> None:
            self.real = real

        def write(self, data: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def close(self) -> None:  # what is buffered cannot go out either
            self.real.close()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fdopen(fd, *args, **kw):
        real = real_fdopen(fd, *args, **kw)
        return Full(real) if "/.bo.md." in os.readlink(f"/proc/self/fd/{fd}") else real

    monkeypatch.setattr(files.os, "fdopen", fdopen)
    result = _bulk(run, roster_file, out, "-f", "md", "--jobs", "1")
    assert result.exit_code == 1
    assert "No space left on device (stopped after 1 plan; no index written)" in result.stderr
    assert _files(out) == {"ana.md"}  # no temp file, no index


def test_a_device_where_a_plan_goes_is_refused_even_with_force(run, tmp_path):
    import stat

    roster_file = _write(tmp_path / "roster.csv", ["name,program", "Ana,balance", "Bo,balance"])
    out = tmp_path / "plans"
    out.mkdir()
    os.mknod(out / "bo.md", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    result = _bulk(run, roster_file, out, "-f", "md", "--force")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {out}/bo.md is a character device: oneup writes only regular files; "
        "move it away or choose another --out\n"
    )
    assert _files(out) == {"bo.md"}
    assert stat.S_ISCHR(os.lstat(out / "bo.md").st_mode)


def test_a_roster_over_the_limit_is_refused_before_anything_is_written(run, tmp_path):
    roster_file = tmp_path / "roster.csv"
    with roster_file.open("wb") as f:
        f.truncate(50_000_001)  # sparse: no disk used
    out = tmp_path / "plans"
    result = _bulk(run, roster_file, out, "-f", "md")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: the roster {roster_file} is 50,000,001 bytes: a roster is at most 50 MB\n"
    )
    assert not out.exists()


def test_a_roster_that_grows_past_the_limit_between_readings_is_refused(tmp_path, monkeypatch):
    from oneup_cli import files
    from oneup_cli.batchfiles import Source

    monkeypatch.setattr(files, "ROSTER_BYTES", 100)
    roster_file = _write(tmp_path / "roster.csv", ["name,program", "Ana,balance"])
    source = Source(str(roster_file))
    try:
        with source.open() as f:
            assert f.read() == b"name,program\nAna,balance\n"
        with roster_file.open("ab") as f:
            f.write(b"x" * 100)
        with pytest.raises(files.InputError, match=r"is over 0\.0001 MB"):
            source.open()
    finally:
        source.close()
