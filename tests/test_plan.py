"""`oneup plan`: weeks, loads from the log or the prescription, formats, options and errors.

The golden files in tests/golden/ pin the text, Markdown and JSON output byte for byte. After a
deliberate change to the output, regenerate them with:

    ONEUP_REGEN_GOLDEN=1 pytest tests/test_plan.py -k golden

and read the diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from oneup_cli import weekplan
from oneup_cli.cli.plan import FORMAT_HELP
from oneup_cli.model import Profile, Unit
from oneup_cli.programs import load_library, load_program
from oneup_cli.render import markdown, registry

from .conftest import PROGRAMS, REPO
from .conftest import ok as _ok

GOLDEN = Path(__file__).parent / "golden"
SCHEMA = REPO / "schema" / "plan.schema.json"
MON = dt.date(2026, 1, 5)
CLIENT = "Zoë Łukasiewicz"
NOTES = "Bring water & your glasses | see <you> on *Thursday*"
# The fixed plan of the golden files: weeks 3-4 planned on Tue 13 Jan (week 2), so week 3 is
# the next week (loads from the log) and week 4 is too far ahead (the prescription only).
PLAN_ARGS = ["--date", "2026-01-13", "--weeks", "3-4", "--client", CLIENT, "--notes", NOTES]


@pytest.fixture
def client(run):
    """A prevention profile from Mon 5 Jan 2026 and a week and a bit of log."""
    _ok(run("start", "prevention", "--start", "2026-01-05", "--days", "mon,thu"))
    for args in (
        ("goblet-squat", "2x12@10kg", "--date", "2026-01-05"),
        ("dumbbell-romanian-deadlift", "2x10@8kg", "--date", "2026-01-05"),
        ("one-leg-stand", "2x15s", "--support", "two-hands", "--date", "2026-01-06"),
        ("goblet-squat", "2x12@11kg", "--date", "2026-01-08"),
        ("one-arm-dumbbell-row", "2x12@6kg", "--pain", "--date", "2026-01-08"),
        ("goblet-squat", "2x12@12kg", "--date", "2026-01-12"),
        ("dumbbell-romanian-deadlift", "2x12@8kg", "--date", "2026-01-12"),
    ):
        _ok(run("log", *args))
    return run


# --- golden files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name"), [("text", "plan.txt"), ("md", "plan.md"), ("json", "plan.json")]
)
def test_golden_output_is_unchanged(client, monkeypatch, fmt, name):
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    result = _ok(client("plan", *PLAN_ARGS, "--format", fmt))
    path = GOLDEN / name
    if os.environ.get("ONEUP_REGEN_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(result.stdout_bytes)
    assert result.stdout_bytes == path.read_bytes(), f"{name} changed: see this file's docstring"
    assert result.stderr == ""


def test_plain_text_when_piped_has_no_escape_codes(client, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    result = _ok(client("plan", *PLAN_ARGS))
    assert "\x1b[" not in result.stdout
    assert "Weekly plan for Zoë Łukasiewicz" in result.stdout


# --- what the plan holds -----------------------------------------------------------------------


def _doc(run, *args):
    return json.loads(_ok(run("plan", *args, "--format", "json")).stdout)


def _items(week):
    return {i["exercise"]: i for s in week["sessions"] for b in s["blocks"] for i in b["items"]}


def test_json_plan_matches_its_schema_and_envelope(client):
    doc = _doc(client, *PLAN_ARGS)
    jsonschema.validate(doc, json.loads(SCHEMA.read_text()), cls=jsonschema.Draft202012Validator)
    assert (doc["schema_version"], doc["kind"]) == (1, "plan")
    assert [w["week"] for w in doc["weeks"]] == [3, 4]
    assert doc["client"] == CLIENT and doc["notes"] == NOTES


def test_next_week_has_the_engines_loads_from_the_log(client):
    week3 = _doc(client, *PLAN_ARGS)["weeks"][0]
    assert week3["loads"] == "log"
    items = _items(week3)
    assert items["goblet-squat"]["load"] == {"value": 13.0, "unit": "kg"}
    assert items["goblet-squat"]["load_blank"] is None
    row = items["one-arm-dumbbell-row"]
    assert row["load_text"] == "6 kg" and "pain" in row["reason"]  # never heavier after pain


def test_later_weeks_leave_loads_blank_and_show_the_prescription(client):
    week4 = _doc(client, *PLAN_ARGS)["weeks"][1]
    assert week4["loads"] == "prescription"
    squat = _items(week4)["goblet-squat"]
    assert squat["load"] is None and squat["load_text"] == ""
    assert squat["load_blank"] == "kg"
    assert squat["aim"] == "8-12 reps, effort 5-6"
    balance = next(c for c in week4["checklist"] if c["exercise"] == "one-leg-stand")
    assert balance["dose"] == "2 x 10-30 s each side"  # the whole range: no guessed level


def test_later_weeks_never_print_a_number_of_kilos_whatever_the_log():
    program, library = load_program("prevention"), load_library()
    person = Profile(
        name="t",
        program="prevention",
        start=MON,
        days=["mon", "thu"],
        units=Unit.kg,
        supervised=True,
        loads={},
    )
    plan = weekplan.build(
        program, library, person, {}, list(range(3, 25)), today=MON + dt.timedelta(days=1)
    )
    for week in plan.weeks:
        for session in week.sessions:
            for block in session.blocks:
                for row in block.rows:
                    if row.blank is not None:
                        assert row.planned.load is None and row.load == ""
                    assert "kg" not in row.load


def _balance_plan(weeks: list[int]) -> weekplan.WeekPlan:
    person = Profile(name="t", program="balance", start=MON, days=["mon", "wed", "fri"])
    program, library = load_program("balance"), load_library()
    return weekplan.build(program, library, person, {}, weeks, today=MON)


def test_the_checklist_merges_rows_by_their_values_not_their_words(monkeypatch):
    """Each day's rows are worded anew; rows with the same values are one row all the same."""
    expected = _balance_plan([1]).weeks[0].checklist
    assert expected and any(sum(c.days) > 1 for c in expected)
    calls = iter(range(10_000))
    title = weekplan.words.block_title
    monkeypatch.setattr(
        weekplan.words, "block_title", lambda k, n=None: f"{title(k, n)}{next(calls)}"
    )
    checklist = _balance_plan([1]).weeks[0].checklist
    assert [(c.exercise, c.days) for c in checklist] == [(c.exercise, c.days) for c in expected]


def test_the_target_column_is_chosen_by_values_not_words(monkeypatch):
    """Whether a block prints its Target column depends on loads and aims, not on their words."""
    blocks = [b for w in _balance_plan([1, 8]).weeks for s in w.sessions for b in s.blocks]
    worded = [b for b in blocks if b.has_targets and all(r.blank is None for r in b.rows)]
    assert worded and not all(b.has_targets for b in blocks)
    monkeypatch.setattr(weekplan.words, "aim", lambda a: "")
    monkeypatch.setattr(weekplan.words, "load", lambda spec: "")
    again = [b for w in _balance_plan([1, 8]).weeks for s in w.sessions for b in s.blocks]
    assert [b.has_targets for b in again] == [b.has_targets for b in blocks]


def test_high_intensity_weeks_show_percent_of_1rm_for_a_supervised_client(run):
    doc = _doc(
        run,
        "--program",
        "prevention",
        "--start",
        "2026-01-05",
        "--supervised",
        "--equipment",
        "gym",
        "--date",
        "2026-01-05",
        "--week",
        "13",
    )
    deadlift = _items(doc["weeks"][0])["barbell-deadlift"]
    assert deadlift["load_blank"] == "kg"
    assert "% of 1RM" in deadlift["aim"]


def test_checklist_ticks_daily_blocks_every_day_and_walks_on_other_days(client):
    week = _doc(client, *PLAN_ARGS)["weeks"][0]
    days = {c["exercise"]: c["days"] for c in week["checklist"]}
    assert len(days["heel-drop"]) == 7
    # prevention: walk_days_per_week 2, spread over the days without a session (mon, thu):
    # Tuesday and Saturday, not all five free days (issue 11)
    assert days["brisk-walk"] == ["2026-01-20", "2026-01-24"]
    assert [s["date"] for s in week["sessions"]] == ["2026-01-19", "2026-01-22"]


def test_every_session_in_text_and_markdown_carries_the_stop_rules(client):
    for fmt in ("text", "md"):
        out = _ok(client("plan", *PLAN_ARGS, "--format", fmt)).stdout
        sessions = out.count("session A") + out.count("session B")
        assert sessions == 4
        assert out.count("Stop and get help if") == sessions


def test_sources_are_cited_in_full(client):
    out = _ok(client("plan", *PLAN_ARGS, "--format", "md")).stdout
    assert "**LIFTMOR**: Watson SL, Weeks BK" in out
    assert weekplan.SOURCE_REFERENCES.keys() >= {
        s.value for s in load_program("prevention").sources
    }


def test_the_week_count_follows_the_program_calendar(client):
    doc = _doc(client, "--date", "2026-01-13")
    assert [w["week"] for w in doc["weeks"]] == [2]
    assert doc["weeks"][0]["start"] == "2026-01-12"
    assert [w["week"] for w in _doc(client, "--date", "2026-01-13", "--next")["weeks"]] == [3]


def test_before_the_start_the_plan_is_of_the_first_week(run):
    doc = _doc(
        run, "--program", "balance", "--start", "2026-03-02", "--date", "2026-02-20", "--next"
    )
    assert [w["week"] for w in doc["weeks"]] == [1]
    assert doc["weeks"][0]["sessions"][0]["date"] == "2026-03-02"


def test_after_the_program_ends_the_plan_carries_on_the_last_phase(client):
    doc = _doc(client, "--date", "2026-09-01")
    week = doc["weeks"][0]
    assert week["complete"] and week["week"] == 35
    text = _ok(client("plan", "--date", "2026-09-01", "--format", "md")).stdout
    assert "Week 35, after the 24-week program: Mon 31 Aug - Sun 6 Sep 2026" in text
    assert "of 24" not in text  # never "week 35 of 24"
    html = _ok(client("plan", "--date", "2026-09-01", "--format", "html")).stdout
    assert "week 35, after the 24-week program · High intensity phase, carried on" in html


def test_prospective_client_needs_no_profile(run, oneup_home):
    doc = _doc(
        run,
        "--program",
        "balance",
        "--start",
        "2026-03-02",
        "--days",
        "mon,wed,fri",
        "--units",
        "lb",
        "--client",
        "José Núñez",
        "--date",
        "2026-02-20",
    )
    assert doc["prospective"] and doc["profile"] is None
    assert doc["client"] == "José Núñez" and doc["units"] == "lb"
    assert [s["date"] for s in doc["weeks"][0]["sessions"]] == [
        "2026-03-02",
        "2026-03-04",
        "2026-03-06",
    ]
    assert not (oneup_home / "profiles").exists()  # nothing written


def test_prospective_vertebral_fracture_gets_lower_impact_only(run):
    doc = _doc(
        run,
        "--program",
        "diagnosed-osteoporosis",
        "--start",
        "2026-01-05",
        "--vertebral-fracture",
        "--date",
        "2026-01-05",
        "--week",
        "6",
    )
    impacts = [c["exercise"] for c in doc["weeks"][0]["checklist"] if c["block"] == "Impact"]
    assert impacts and "forceful-heel-drop" not in impacts


def test_key_cue_names_the_support_for_balance_work():
    lib = load_library().by_id()
    assert "counter" in weekplan.key_cue(lib["one-leg-stand"])
    assert "Do not round" in weekplan.key_cue(lib["hip-hinge-drill"])
    assert weekplan.key_cue(lib["barbell-deadlift"]).startswith("Only with a trainer")


def write_program(home: Path, program_id: str, name: str, phase: str, note: str) -> None:
    """A user's program file: the balance program under another id, with the names given."""
    data = yaml.safe_load((PROGRAMS / "balance.yaml").read_text())
    data["id"], data["name"] = program_id, name
    data["phases"][0]["name"] = phase
    data["phases"][0]["sessions"][0]["blocks"][0]["note"] = note
    folder = home / "programs"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{program_id}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))


def test_text_and_markdown_print_names_from_program_files_as_written(run, oneup_home):
    write_program(oneup_home, "mine", "[bold]Mine[/] | *x*", "[/oops] <b>", "[red]note[/red]")
    args = ("plan", "--program", "mine", "--start", "2026-03-02", "--date", "2026-03-02")
    text = _ok(run(*args)).stdout
    assert "[bold]Mine[/] | *x*" in text and "[/oops] <b> phase" in text
    assert "[red]note[/red]" in text
    md = _ok(run(*args, "--format", "md")).stdout
    assert "\\[bold\\]Mine\\[/\\] \\| \\*x\\*" in md
    assert "\\[/oops\\] \\<b\\> phase" in md


# --- files and streams ----------------------------------------------------------------------


def test_output_file_format_follows_the_extension(client, tmp_path):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "week.md"
    result = _ok(client("plan", *PLAN_ARGS, "-o", str(target)))
    assert result.stdout == ""
    assert result.stderr == f"Wrote the md plan (weeks 3-4, 4 sessions) to {target}\n"
    assert target.read_text(encoding="utf-8").startswith("# Weekly plan for Zoë Łukasiewicz")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["week.md"]  # no temp file left


def test_output_file_is_replaced_whole(client, tmp_path):
    target = tmp_path / "plan.json"
    target.write_text("old")
    _ok(client("plan", *PLAN_ARGS, "-o", str(target)))
    assert json.loads(target.read_text())["kind"] == "plan"


def test_format_option_wins_over_the_extension(client, tmp_path):
    target = tmp_path / "plan.txt"
    _ok(client("plan", *PLAN_ARGS, "--format", "json", "-o", str(target)))
    assert json.loads(target.read_text())["kind"] == "plan"


def test_dash_means_standard_output(client):
    assert _ok(client("plan", *PLAN_ARGS, "-f", "markdown", "-o", "-")).stdout.startswith("# ")


def test_pdf_to_a_terminal_says_to_use_o(tmp_path):
    """Run in a pseudo-terminal: a PDF never lands on a screen."""
    import pty

    env = {**os.environ, "ONEUP_HOME": str(tmp_path)}
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "oneup_cli", "plan", "--program", "prevention", "-f", "pdf"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        "Error: a PDF cannot be shown in the terminal: write it to a file, e.g. -o plan.pdf\n"
    )


# --- usage errors: one line, exit 2, nothing written ----------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "0"], "--week 0: weeks count from 1"),
        (["--weeks", "5-2"], "--weeks 5-2 runs backwards: write 2-5"),
        (["--weeks", "three"], "--weeks 'three' is not a range of weeks such as 3-5"),
        (
            ["--week", "25"],
            "week 25 is past the end of Strong bones - prevention, which has 24 "
            "weeks: choose weeks 1-24",
        ),
        (
            ["--weeks", "20-30"],
            "weeks 20-30 is past the end of Strong bones - prevention, which "
            "has 24 weeks: choose weeks 1-24",
        ),
        (["--week", "2", "--next"], "choose one of --week, --weeks and --next"),
        (
            ["--format", "docx"],
            "--format 'docx' is not a format: choose text, md, html, pdf, json, sheet, xlsx",
        ),
        (
            ["-o", "plan.docx"],
            "cannot tell the format of 'plan.docx' from its extension: add "
            "--format (text, md, html, pdf, json, sheet, xlsx)",
        ),
        (["--paper", "a5"], "--paper 'a5' is not a paper size: use a4 or letter"),
        (
            ["--start", "2026-01-05"],
            "--start describes a new client: use it with --program ID (a "
            "profile's own settings come from `oneup start`)",
        ),
        (
            ["--supervised"],
            "--supervised describes a new client: use it with --program ID (a "
            "profile's own settings come from `oneup start`)",
        ),
        (
            ["--date", "2026-02-30"],
            "--date '2026-02-30' is not a real date: use YYYY-MM-DD, e.g. 2026-03-02",
        ),
    ],
)
def test_bad_values_are_one_clear_line(client, args, message):
    result = client("plan", "--date", "2026-01-13", *args)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
    assert result.stdout == ""


def test_unknown_program_is_a_usage_error(run):
    result = run("plan", "--program", "prevent")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: no program called 'prevent'. Did you mean 'prevention'? "
        "`oneup programs list` shows them.\n"
    )


def test_no_profile_says_how_to_start(run):
    result = run("plan")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: no profile called 'me' yet: start one with `oneup start "
        "PROGRAM`, or plan for a new client with --program ID\n"
    )


def test_output_never_goes_to_a_missing_folder_or_onto_a_folder(client, tmp_path):
    missing = tmp_path / "nowhere" / "plan.pdf"
    result = client("plan", "-o", str(missing))
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: -o {missing}: the folder {missing.parent} does not exist\n",
    )
    result = client("plan", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: -o {tmp_path} is a folder")
    assert not missing.parent.exists()


# --- small parts ------------------------------------------------------------------------------


def test_format_help_lists_the_registrys_formats():
    assert FORMAT_HELP.startswith(
        "text, md, html, pdf, json, sheet (a results sheet, CSV) or xlsx;"
    )
    assert registry.names() == ["text", "md", "html", "pdf", "json", "sheet", "xlsx"]


@pytest.mark.parametrize(
    ("env", "paper"),
    [
        ({}, "a4"),
        ({"LANG": "en_US.UTF-8"}, "letter"),
        ({"LANG": "fr_CA.UTF-8"}, "letter"),
        ({"LANG": "es_MX"}, "letter"),
        ({"LANG": "en_GB.UTF-8"}, "a4"),
        ({"LANG": "C.UTF-8"}, "a4"),
        ({"LANG": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8"}, "a4"),
        ({"LC_PAPER": "de_DE.UTF-8", "LC_ALL": "en_US.UTF-8"}, "letter"),
    ],
)
def test_paper_follows_the_locale(env, paper):
    assert registry.default_paper(env) == paper


def test_markdown_escapes_text_that_would_break_a_table():
    assert markdown.esc("a|b <script>") == "a\\|b \\<script\\>"
    assert markdown.esc("1. not a list") == "1\\. not a list"
    assert markdown.esc("two\nlines") == "two lines"


def test_weeks_option_parses_a_single_week_and_spaces():
    assert weekplan.parse_weeks(" 3 - 5 ") == (3, 5)
    assert weekplan.parse_weeks("4") == (4, 4)


def test_a_week_that_is_not_a_number_is_one_line(run):
    result = run("plan", "--program", "balance", "--week", "abc")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: --week 'abc' is not a week number: weeks count from 1\n",
    )


def test_planning_speaks_in_fields_not_options(oneup_home):
    """The core's errors name fields; the command line's words are its own (cli/common)."""
    from oneup_cli import planning
    from oneup_cli.cli.common import message
    from oneup_cli.parse import FieldError, Mentions

    with pytest.raises(Mentions) as e:
        planning.plan(planning.Request("me", start="2026-03-02"))
    assert "--" not in str(e.value)
    assert message(e.value).startswith("--start describes a new client: use it with --program ID")
    with pytest.raises(Mentions) as e:
        planning.plan(
            planning.Request("me", program="balance", which=planning.Weeks(2, None, True))
        )
    assert str(e.value) == "choose one of week, weeks and next_week"
    assert message(e.value) == "choose one of --week, --weeks and --next"
    with pytest.raises(FieldError) as e:
        planning.plan(planning.Request("me", program="balance", which=planning.Weeks(week=0)))
    assert (e.value.field, str(e.value)) == ("week", "week=0: weeks count from 1")


def test_a_roster_row_and_plan_program_make_one_prospect_and_the_same_plan(oneup_home):
    import datetime as dt
    import io

    from oneup_cli import api, planning, roster
    from oneup_cli.model import Equipment, Unit

    library = api.load_library()
    text = "name,program,start,days,units,equipment\nAna,balance,2026-03-02,fri;mon;wed,lb,gym\n"
    lines = io.BytesIO(text.replace(";", ",").replace("fri,mon,wed", '"fri,mon,wed"').encode())
    _, rows = roster.read(lines, library, "roster.csv")
    client = roster.check(next(rows), library, dt.date(2026, 3, 2))
    assert client.who.days == ["mon", "wed", "fri"] and client.who.units == Unit.lb
    assert Equipment("barbell") in client.who.equipment
    program = api.load_program("balance")
    from_roster = planning.prospective(
        program, library, client.who, dt.date(2026, 3, 9), client="Ana"
    )
    from_plan = planning.plan(
        planning.Request(
            "me",
            date="2026-03-09",
            client="Ana",
            program="balance",
            start="2026-03-02",
            days="fri,mon,wed",
            units="lb",
            equipment="gym",
        )
    ).plan
    assert api.render(from_roster, "json") == api.render(from_plan, "json")
