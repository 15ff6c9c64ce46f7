"""`oneup progress` and `oneup report` as a person meets them (issue 12)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oneup_cli import dose
from oneup_cli.cli import app
from oneup_cli.outcomes import charts
from oneup_cli.outcomes import report as rp

from .conftest import ok
from .test_contract import validate

START = dt.date(2026, 1, 5)  # a Monday; the profile trains on mon,thu
UNTIL = "2026-03-29"  # the Sunday that ends week 12


def _day(week: int, thursday: bool = False) -> str:
    return (START + dt.timedelta(days=7 * (week - 1) + (3 if thursday else 0))).isoformat()


def _invoke(home: Path, *args: str) -> None:
    env = {"ONEUP_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "120"}
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, (args, result.output)


# The twelve weeks: weeks 1-6 and 9-12 trained on Monday and Thursday (week 12: Monday only),
# a two-week break in weeks 7-8. The squat climbs 10 kg -> 15 kg, drops back to 14 kg after
# the break and climbs to 17 kg (2 x 12); the last session is 2 x 8 at 18 kg.
SESSIONS = [(w, thu) for w in (*range(1, 7), *range(9, 13)) for thu in (False, True)][:-1]
SQUAT = [10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15, 14, 14, 15, 15, 16, 17]


def _write_scenario(home: Path) -> None:
    _invoke(home, "-p", "ann", "start", "prevention", "--start", START.isoformat())
    for i, (week, thu) in enumerate(SESSIONS):
        day = _day(week, thu)
        spec = "2x8@18kg" if i == len(SESSIONS) - 1 else f"2x12@{SQUAT[i]}kg"
        _invoke(home, "-p", "ann", "log", "goblet-squat", spec, "--date", day)
        support = "two-hands" if i < 6 else "one-hand"
        hold = f"2x{10 + 2 * i}s"
        _invoke(
            home, "-p", "ann", "log", "one-leg-stand", hold, "--support", support, "--date", day
        )
    _invoke(
        home, "-p", "ann", "log", "heel-drop", "2x10", "--pain", "--note", "<script>x</script>",
        "--date", _day(10),
    )  # fmt: skip


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("scenario") / "home"
    _write_scenario(home)
    return home


@pytest.fixture
def ann(scenario, oneup_home, run):
    shutil.copytree(scenario, oneup_home, symlinks=True)
    return run


def _json(run, *args):
    result = run("-p", "ann", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_twelve_weeks_of_progress_in_json(ann):
    doc = _json(ann, "progress", "--date", UNTIL, "--json")
    validate(doc, "progress")
    assert (doc["since"], doc["until"], doc["weeks_shown"]) == ("2026-01-05", UNTIL, 12)
    squat = next(x for x in doc["exercises"] if x["id"] == "goblet-squat")
    assert squat["kind"] == "load" and squat["unit"] == "kg"
    assert [p["value"] for p in squat["points"]] == [*SQUAT, 18]
    assert squat["best_set"] == {"date": _day(11, True), "load": 17, "reps": 12, "e1rm": 23.8}
    assert squat["e1rm_first"] == 14.0  # 10 kg x 12: 10 x (1 + 12/30)
    assert squat["e1rm_last"] == 22.8  # 18 kg x 8
    hold = next(x for x in doc["exercises"] if x["id"] == "one-leg-stand")
    assert hold["kind"] == "hold" and hold["unit"] == "s"
    assert [p["value"] for p in hold["points"]][:3] == [10, 12, 14]
    assert hold["points"][0]["support"] == "two-hands"
    assert hold["points"][-1]["support"] == "one-hand"
    weeks = doc["weeks"]
    assert [w["sessions_done"] for w in weeks] == [2] * 6 + [0, 0] + [2, 2, 2, 1]
    assert [w["adherence"] for w in weeks] == [1.0] * 6 + [0.0, 0.0] + [1.0, 1.0, 1.0, 0.5]
    assert doc["adherence"] == round(19 / 24, 3)
    for w in weeks:
        assert w["sessions_prescribed"] == 2
        assert w["dose_prescribed"]["strength_sessions"] == 2
        assert w["dose_achieved"]["strength_sessions"] == w["sessions_done"]
        assert w["dose_prescribed"]["walking_minutes_per_week"] == 60
    assert weeks[6]["dose_achieved"]["balance_minutes_per_day"] == 0
    assert weeks[0]["dose_achieved"]["balance_minutes_per_day"] > 0
    assert weeks[9]["dose_achieved"]["impacts_per_day"] == round(20 / 7)  # 2 x 10, one day
    assert doc["targets"]["strength_sessions"]["low"] == 2
    assert doc["pain"] == [
        {
            "date": _day(10),
            "exercise": "heel-drop",
            "name": "Gentle heel drop",
            "note": "<script>x</script>",
        }
    ]
    assert doc["functional_tests"] == []


def test_the_dose_prescribed_is_the_engines_week_dose(ann):
    doc = _json(ann, "progress", "--date", UNTIL, "--weeks", "2", "--json")
    assert [w["start"] for w in doc["weeks"]] == ["2026-03-16", "2026-03-23"]
    assert set(doc["weeks"][0]["dose_prescribed"]) == set(dose.KEYS)


@pytest.mark.parametrize("columns", [60, 120])
def test_the_charts_fit_the_terminal(ann, columns):
    result = CliRunner().invoke(
        app, ["-p", "ann", "progress", "--date", UNTIL], env={"COLUMNS": str(columns)}
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert any("\u2800" <= c <= "\u28ff" for c in result.stdout)  # braille
    assert "18 kg ┤" in result.stdout and "10 kg ┤" in result.stdout  # the axis, numbered
    assert "5 Jan 2026" in result.stdout and "29 Mar 2026" in result.stdout


def test_without_colour_the_progress_still_reads(ann):
    result = CliRunner().invoke(
        app, ["-p", "ann", "progress", "--date", UNTIL], env={"NO_COLOR": "1", "COLUMNS": "80"}
    )
    out = result.stdout
    assert "\x1b" not in out
    assert "Sessions done: 19 of 24 prescribed (79%)" in out
    assert "Best set: 17 kg x 12 on 26 Mar 2026" not in out  # Thursday of week 11 is 19 Mar
    assert "Best set: 17 kg x 12 on 19 Mar 2026 (estimated 1RM 23.8 kg)" in out
    assert "Estimated 1RM: 14 -> 22.8 kg (+8.8)" in out
    assert "Support: two-hands from 5 Jan 2026; one-hand from 26 Jan 2026" in out
    assert "0/2" in out and "100%" in out and "  0%" in out
    assert "Gentle heel drop: <script>x</script>" in out  # text in a terminal is shown as typed


def test_one_exercise_in_detail(ann):
    result = ann("-p", "ann", "progress", "goblet-squat", "--date", UNTIL)
    assert result.exit_code == 0, result.output
    assert "Goblet squat" in result.stdout and "One-leg stand" not in result.stdout
    assert "Estimated 1RM:" in result.stdout and "e1RM" in result.stdout
    assert "19 Mar 2026" in result.stdout
    doc = _json(ann, "progress", "goblet-squat", "--date", UNTIL, "--json")
    assert doc["exercise"] == "goblet-squat"
    assert [x["id"] for x in doc["exercises"]] == ["goblet-squat"]


def test_progress_html_is_escaped_and_self_contained(ann, tmp_path):
    target = tmp_path / "progress.html"
    result = ann("-p", "ann", "progress", "--date", UNTIL, "-o", str(target), "--paper", "letter")
    assert result.exit_code == 0, result.output
    page = target.read_text()
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script" not in page
    assert "<svg" in page and "@page { size: letter" in page
    for loaded in ("src=", "href=", "@import", "url("):
        assert loaded not in page


# --- the trainer's report ---------------------------------------------------------------------

TODAY = "2026-03-01"


@pytest.fixture
def three(run):
    """ann trains (fine), bea reported pain, cal stopped after two weeks."""
    for name in ("ann", "bea", "cal"):
        assert run("-p", name, "start", "prevention", "--start", "2026-01-05").exit_code == 0
    day = dt.date(2026, 1, 5)
    while day <= dt.date(2026, 3, 1):
        if day.weekday() in (0, 3):
            for name in ("ann", "bea"):
                args = ["-p", name, "log", "goblet-squat", "2x10@10kg", "--date", day.isoformat()]
                assert run(*args).exit_code == 0
            if day < dt.date(2026, 1, 19):
                args = ["-p", "cal", "log", "goblet-squat", "2x10@8kg", "--date", day.isoformat()]
                assert run(*args).exit_code == 0
        day += dt.timedelta(days=1)
    pain = ["-p", "bea", "log", "heel-drop", "2x10", "--pain", "--date", "2026-02-26"]
    assert run(*pain).exit_code == 0
    return run


def test_the_report_puts_those_needing_review_first_with_reasons(three):
    doc = _json(three, "report", "--date", TODAY, "--json")
    validate(doc, "report")
    rows = {c["name"]: c for c in doc["clients"]}
    assert [c["name"] for c in doc["clients"]] == ["cal", "bea", "ann"]
    assert rows["cal"]["reasons"] == ["no-session", "low-adherence"]
    assert rows["cal"]["last_session"] == "2026-01-15"
    assert rows["cal"]["adherence"] == 0.0
    assert rows["bea"]["reasons"] == ["pain"] and rows["bea"]["pain"] == ["2026-02-26"]
    assert rows["ann"]["reasons"] == [] and rows["ann"]["needs_review"] is False
    assert rows["ann"]["adherence"] == 1.0 and rows["ann"]["week"] == 8
    text = three("report", "--date", TODAY).stdout
    assert text.index("cal") < text.index("bea") < text.index("ann")
    assert "no session in 10+" in text and "pain reported" in text


def test_the_report_as_csv_neutralises_formulas(three, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text('name\n"=HYPERLINK(""http://x"",""y"")"\nBEA\n+1\n')
    result = three("report", "--roster", str(roster), "--date", TODAY, "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][0] == "Client" and rows[0][-1] == "Needs review"
    names = [r[0] for r in rows[1:]]
    assert '\'=HYPERLINK("http://x","y")' in names and "bea" in names and "'+1" in names
    assert all(not cell.startswith(rp_start) for r in rows for cell in r for rp_start in "=+-@\t\r")
    assert "ann" not in names  # only the roster's clients


def test_the_report_as_html_is_escaped(three, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name\n<b>Eve & co</b>\nann\n")
    target = tmp_path / "report.html"
    result = three("report", "--roster", str(roster), "--date", TODAY, "-o", str(target))
    assert result.exit_code == 0, result.output
    page = target.read_text()
    assert "&lt;b&gt;Eve &amp; co&lt;/b&gt;" in page and "<b>" not in page
    assert "<th>Needs review</th>" in page and "@page" in page


def test_the_thresholds_are_stated_once():
    assert (rp.NO_SESSION_DAYS, rp.PAIN_DAYS, rp.ADHERENCE_WEEKS, rp.LOW_ADHERENCE) == (
        10,
        14,
        4,
        0.5,
    )


def test_a_line_chart_stays_within_its_width():
    points = [(dt.date(2026, 1, 1) + dt.timedelta(days=i * 3), float(i % 5)) for i in range(30)]
    for width in (30, 60, 120):
        lines = charts.line_chart(
            points, first=points[0][0], last=points[-1][0], width=width, unit="kg"
        )
        assert max(len(line) for line in lines) <= width
    assert charts.bar(0.5) == "█████░░░░░  50%"
    assert charts.bar(None) == "-"


def test_a_client_whose_log_cannot_be_read_is_up_for_review(three, oneup_home):
    log = oneup_home / "profiles" / "ann" / "log.jsonl"
    log.unlink()
    log.mkdir()
    doc = _json(three, "report", "--date", TODAY, "--json")
    rows = {c["name"]: c for c in doc["clients"]}
    assert rows["ann"]["reasons"] == ["unreadable"] and rows["ann"]["problem"]
    assert rows["bea"]["reasons"] == ["pain"]  # the others are reported as ever


def test_functional_tests_recorded_with_oneup_test_show_in_progress_and_report(ann, tmp_path):
    """Results of `oneup test` are read against their cut-offs (with the year of birth and
    sex), the latest of each says when a re-test is due (8 weeks), and an old result still
    counts for that though it is before the weeks shown."""
    result = ann("-p", "ann", "progress", "--date", UNTIL)
    assert "FUNCTIONAL TESTS" not in result.stdout
    ok(ann("-p", "ann", "profile", "--born", "1950", "--sex", "f"))
    ok(ann("-p", "ann", "test", "chair-stand", "8", "--date", "2025-10-06"))  # age 75: below 10
    ok(ann("-p", "ann", "test", "grip", "20", "--date", "2026-03-02"))  # women: 16 kg
    ok(ann("-p", "ann", "test", "four-stage", "4", "3", "--date", "2026-03-02"))  # stage 4
    text = ann("-p", "ann", "progress", "--date", UNTIL).stdout
    assert (
        "6 Oct 2025 30-second chair stand: 8 stands (cut-off 10 stands): below the cut-off, "
        "which suggests a higher risk of falling; a re-test is due" in " ".join(text.split())
    )
    doc = _json(ann, "progress", "--date", UNTIL, "--json")
    validate(doc, "progress")
    tests = {t["test"]: t for t in doc["functional_tests"]}
    assert tests["chair-stand"]["at_risk"] is True and tests["chair-stand"]["due"] is True
    assert tests["grip"] == {
        "test": "grip",
        "date": "2026-03-02",
        "value": 20.0,
        "unit": "kg",
        "cutoff": 16.0,
        "at_risk": False,
        "due": False,
    }
    assert tests["four-stage"]["cutoff"] is None and tests["four-stage"]["at_risk"] is False
    page = tmp_path / "p.html"
    assert ann("-p", "ann", "progress", "--date", UNTIL, "-o", str(page)).exit_code == 0
    assert "<h2>Functional tests</h2>" in page.read_text() and "cut-off" in page.read_text()
    report = _json(ann, "report", "--date", UNTIL, "--json")
    validate(report, "report")
    assert report["clients"][0]["reasons"] == ["test-risk", "test-due"]
    assert [t["test"] for t in report["clients"][0]["functional_tests"]] == ["chair-stand"]
    # taken back with undo: no verdict left from it
    ok(ann("-p", "ann", "undo"))
    ok(ann("-p", "ann", "undo"))
    ok(ann("-p", "ann", "undo"))
    assert _json(ann, "progress", "--date", UNTIL, "--json")["functional_tests"] == []


def test_a_chart_for_a_stream_without_braille_uses_stars():
    days = [dt.date(2026, 1, 5), dt.date(2026, 2, 5)]
    lines = charts.line_chart(
        list(zip(days, (10.0, 12.0), strict=True)),
        first=days[0],
        last=days[1],
        width=40,
        unit="kg",
        ascii_only=True,
    )
    assert all(not "\u2800" <= c <= "\u28ff" for line in lines for c in line)
    assert "*" in lines[0] and lines[0].startswith("12 kg")


def test_a_batch_that_spans_dates_is_read_whole_by_the_window_reader(tmp_path):
    """A batch is read whole or not at all: one with a record outside the weeks shown (an
    import may span dates) must not look cut short, lose its records or warn."""
    import datetime as dt

    from oneup_cli import log
    from oneup_cli.model import LogRecord, SetRecord
    from oneup_cli.outcomes.progress import read_since

    path = tmp_path / "log.jsonl"
    at = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    batch = {"batch": "b1", "batch_size": 2}
    records = [
        LogRecord(
            id=f"r{i}", at=at, date=d, exercise="goblet-squat", sets=[SetRecord(reps=10)], **batch
        )
        for i, d in enumerate((dt.date(2025, 1, 6), dt.date(2026, 2, 2)))
    ]
    log.append_many(path, records)
    found = read_since(path, dt.date(2026, 1, 1), dt.date(2026, 3, 1))
    assert found.warnings == []
    assert [r.date for r in found.records] == [dt.date(2025, 1, 6), dt.date(2026, 2, 2)]


def test_progress_reads_a_fracture_profile_against_tftf_daily_back_extensor_work(run):
    ok(run("start", "balance", "--vertebral-fracture", "--start", "2026-11-02"))
    doc = json.loads(ok(run("progress", "--json", "--date", "2026-11-29")).stdout)
    assert doc["targets"]["back_extensor_days"]["low"] == 7  # the program says 2-3 (SSS)
    ok(run("start", "balance", "--start", "2026-11-02"))
    doc = json.loads(ok(run("progress", "--json", "--date", "2026-11-29")).stdout)
    assert doc["targets"]["back_extensor_days"]["low"] == 2


def test_a_chart_draws_the_cut_off_as_a_dotted_labelled_row():
    days = [dt.date(2026, 1, 5), dt.date(2026, 3, 2)]
    lines = charts.line_chart(
        list(zip(days, (8.0, 12.0), strict=True)),
        first=days[0],
        last=days[1],
        width=60,
        unit="stands",
        cutoff=10.0,
    )
    marked = [line for line in lines if "cut-off 10 ┼" in line]
    assert len(marked) == 1 and all(len(line) <= 60 for line in lines)
    without = charts.line_chart(
        list(zip(days, (8.0, 12.0), strict=True)), first=days[0], last=days[1], width=60
    )
    assert not any("cut-off" in line for line in without)
