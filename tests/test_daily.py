"""Daily use through the CLI: today, start, log, done, undo, history, profiles."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import stat
import subprocess
import sys

import pytest

from .conftest import ok, oneup

MON = "2026-01-05"


def today_json(run, date: str, *extra: str) -> dict:
    result = run(*extra, "today", "--date", date, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def planned(doc: dict, exercise: str) -> dict:
    for block in doc["blocks"]:
        for item in block["items"]:
            if item["exercise"] == exercise:
                return item
    raise AssertionError(f"{exercise} is not planned on {doc['date']}")


# --- zero set-up ------------------------------------------------------------------------------


def test_today_works_on_a_fresh_machine_and_says_what_it_did(run, oneup_home):
    result = run("today")
    ok(result)
    assert result.stderr.startswith("Started you on the 'prevention' program from today")
    assert "oneup start PROGRAM" in result.stderr
    assert "Strong bones - prevention" in result.stdout
    assert "Stop and get help if" in result.stdout
    assert "not medical advice" in result.stdout
    profile = oneup_home / "profiles" / "me" / "profile.json"
    assert stat.S_IMODE(profile.stat().st_mode) == 0o600
    again = run("today")
    assert again.stderr == ""  # only the first run creates the profile


def test_training_day_shows_phase_week_label_loads_reasons_and_cues(run):
    ok(run("start", "prevention", "--start", MON, "--load", "goblet-squat=10kg"))
    result = run("today", "--date", MON)
    ok(result)
    out = result.stdout
    for text in (
        "Monday 5 January 2026",
        "Foundation phase",
        "week 1 of",
        "session A",
        "Warm-up",
        "Strength",
        "Goblet squat",
        "10 kg",
        "first time: your starting load",
        "Cool-down",
    ):
        assert text in out, text


def test_rest_day_lists_daily_blocks_and_the_next_session(run):
    ok(run("start", "prevention", "--start", MON))
    doc = today_json(run, "2026-01-06")
    assert doc["training_day"] is False and doc["session"] is None
    kinds = {b["kind"] for b in doc["blocks"]}
    assert "strength" not in kinds and "balance" in kinds
    assert doc["next_session"] == {"date": "2026-01-08", "label": "B"}
    text = run("today", "--date", "2026-01-06").stdout
    assert "Rest day" in text and "Next session: B on Thursday 8 January 2026" in text


def test_after_the_last_week_it_says_complete_and_keeps_prescribing(run):
    ok(run("start", "balance", "--start", MON))
    doc = today_json(run, "2027-03-01")
    assert doc["complete"] is True
    assert any("finished all" in n for n in doc["notes"])
    assert doc["training_day"] and doc["blocks"]
    text = run("today", "--date", "2027-03-01").stdout
    assert "week 61, after the 24-week program" in " ".join(text.replace("┃", " ").split())


def test_equipment_the_profile_lacks_is_swapped_and_the_session_says_so(run):
    ok(run("start", "prevention", "--start", MON, "--equipment", "none"))
    doc = today_json(run, MON)
    exercises = [i["exercise"] for b in doc["blocks"] for i in b["items"]]
    assert "goblet-squat" not in exercises
    notes = [n for b in doc["blocks"] for i in b["items"] for n in i["notes"]]
    assert any("instead of Goblet squat" in n for n in notes), notes


def test_profiles_keep_clients_apart(run, monkeypatch):
    ok(run("--profile", "zoe", "start", "balance", "--start", MON))
    ok(run("-p", "jose", "start", "diagnosed-osteoporosis", "--start", MON))
    result = run("profiles")
    assert "zoe: balance" in result.stdout and "jose: diagnosed-osteoporosis" in result.stdout
    monkeypatch.setenv("ONEUP_PROFILE", "zoe")
    assert today_json(run, MON)["program"]["id"] == "balance"
    assert json.loads(run("profile", "--json").stdout)["profile"]["name"] == "zoe"


@pytest.mark.parametrize("name", ["../evil", "a/b", "..", ""])
def test_a_profile_name_cannot_reach_outside_its_folder(run, name, oneup_home):
    result = run("--profile", name, "today")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: profile name")
    assert not (oneup_home.parent / "evil").exists()


# --- recording --------------------------------------------------------------------------------


def test_log_matches_names_and_records_as_entered(run, oneup_home):
    ok(run("start", "prevention", "--start", MON, "--units", "lb"))
    result = run(
        "log",
        "GOBLET SQUAT TO A CHAIR",
        "8,8,6@22.5kg",
        "--date",
        MON,
        "--rpe",
        "7,5",  # a decimal comma is read as a point
        "--note",
        "felt good",
    )
    ok(result)
    year = "" if dt.date.today().year == 2026 else " 2026"  # the year shows in other years
    said = f"Logged Goblet squat to a chair: 8, 8, 6 @ 22.5 kg on Mon 5 Jan{year}.\n"
    assert result.stdout == said
    line = (oneup_home / "profiles" / "me" / "log.jsonl").read_text().splitlines()[0]
    rec = json.loads(line)
    assert rec["v"] == 1 and rec["exercise"] == "goblet-squat" and rec["rpe"] == 7.5
    assert [s["load"] for s in rec["sets"]] == ["22.5kg"] * 3  # kg kept although profile is lb
    assert run("log", "path").stdout.strip() == str(oneup_home / "profiles" / "me" / "log.jsonl")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["goblet-squat", "3x@kg"], "Error: a number is missing after '3x'"),
        (["goblet-squat", "--", "-2x8"], "Error: numbers cannot be negative"),
        (["goblet-squat", "3x8@20stone"], "Error: unknown unit 'stone': use kg or lb"),
        (["goblet-squat", "3x8@20kg", "--rpe", "11"], "Error: --rpe 11 is off the scale"),
        (["goblet-squat", "3x8@20kg", "--rpe", "hard"], "Error: --rpe 'hard' is not a number"),
        (["goblt-squat", "3x8"], "Error: no exercise called 'goblt-squat'. Did you mean"),
        (["goblet-squat", "3x8", "--date", "2026-02-30"], "Error: --date '2026-02-30' is not"),
        (["goblet-squat", "2x30s"], "Error: "),
    ],
)
def test_bad_log_input_is_one_line_exit_2_and_the_log_is_unchanged(run, oneup_home, args, message):
    ok(run("start", "prevention", "--start", MON))
    ok(run("log", "goblet-squat", "2x10@10kg", "--date", MON))
    log_file = oneup_home / "profiles" / "me" / "log.jsonl"
    before = log_file.read_bytes()
    result = run("log", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert log_file.read_bytes() == before


def test_done_records_the_session_and_keeps_what_was_logged_first(run, oneup_home):
    ok(run("start", "prevention", "--start", MON, "--load", "goblet-squat=10kg"))
    ok(run("log", "goblet-squat", "2x9@10kg", "--date", MON))
    result = run("done", "--date", MON, "--skip", "band-chest-press")
    ok(result)
    assert result.stdout.startswith("Recorded session A of Mon 5 Jan")
    history = json.loads(run("history", "--json").stdout)["records"]
    squats = [r for r in history if r["exercise"] == "goblet-squat"]
    assert len(squats) == 1 and squats[0]["sets"][0]["reps"] == 9
    assert not any(r["exercise"] == "band-chest-press" for r in history)
    again = run("done", "--date", MON, "--skip", "band chest press")
    assert "Nothing left to record" in again.stdout


def test_undo_voids_the_last_record_by_appending(run, oneup_home):
    ok(run("start", "prevention", "--start", MON))
    ok(run("log", "goblet-squat", "2x10@10kg", "--date", MON))
    ok(run("log", "calf-raise", "2x15", "--date", MON))
    log_file = oneup_home / "profiles" / "me" / "log.jsonl"
    before = log_file.read_bytes()
    result = run("undo")
    ok(result)
    assert result.stdout.startswith("Took back calf-raise")
    assert log_file.read_bytes().startswith(before)  # appended, nothing rewritten
    records = json.loads(run("history", "--json").stdout)["records"]
    assert [r["exercise"] for r in records] == ["goblet-squat"]
    ok(run("undo"))
    empty = run("undo")
    assert empty.exit_code == 1 and empty.stderr.startswith("Error: there is nothing to undo")


def test_history_filters_by_date_and_exercise(run):
    ok(run("start", "prevention", "--start", MON))
    ok(run("log", "goblet-squat", "2x10@10kg", "--date", MON))
    ok(run("log", "goblet-squat", "2x11@10kg", "--date", "2026-01-08"))
    ok(run("log", "calf-raise", "2x15", "--date", "2026-01-08"))
    since = json.loads(run("history", "--since", "2026-01-07", "--json").stdout)["records"]
    assert len(since) == 2
    squat = json.loads(run("history", "--exercise", "goblet squat to a chair", "--json").stdout)[
        "records"
    ]
    assert len(squat) == 2
    text = run("history").stdout
    assert "Thu 8 Jan 2026" in text and "2 x 11 @ 10 kg" in text


def test_log_file_is_owner_only(run, oneup_home):
    ok(run("log", "calf-raise", "2x15"))  # no profile yet: still logs, in kg
    log_file = oneup_home / "profiles" / "me" / "log.jsonl"
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700


# --- six weeks, stepped by date ----------------------------------------------------------------


def test_six_weeks_of_sessions_progress_hold_drop_respect_pain_and_breaks(run):
    ok(
        run(
            "start",
            "prevention",
            "--start",
            MON,
            "--days",
            "mon,thu",
            "--load",
            "goblet-squat=10kg",
        )
    )

    def session(date: str, squat: str | None, *flags: str) -> dict:
        doc = today_json(run, date)
        if squat is not None:
            ok(run("log", "goblet-squat", squat, "--date", date, *flags))
        ok(run("done", "--date", date))
        return doc

    loads, reasons, holds = [], [], []

    def note(doc: dict) -> None:
        squat = planned(doc, "goblet-squat")
        loads.append(squat["load"]["value"])
        reasons.append(squat["reason"])
        stand = planned(doc, "one-leg-stand")
        holds.append((stand["support"], float(stand["target"])))

    note(session("2026-01-05", "2x12@10kg"))  # first time: the starting load, target met
    note(session("2026-01-08", "2x10@11kg"))  # up one step; inside the range, not the top
    note(session("2026-01-12", "2x7@11kg"))  # holds; falls short of 8
    note(session("2026-01-15", "2x6@11kg"))  # holds after one short session; short again
    note(session("2026-01-19", "2x12@10kg", "--pain"))  # lowered; target met but painful
    note(session("2026-01-22", "2x12@10kg"))  # pain: not heavier
    note(session("2026-01-26", "2x12@11kg"))  # back up
    note(today_json(run, "2026-02-16"))  # three weeks off

    assert loads == [10, 11, 11, 11, 10, 10, 11, 10]
    assert reasons[0] == "first time: your starting load"
    assert reasons[1] == "+1 kg: you did 2 x 12 at 10 kg on Mon 5 Jan"
    assert reasons[2].startswith("hold: aim for 12 reps")
    assert reasons[3].startswith("hold: aim for 12 reps")
    assert reasons[4].startswith("-1 kg: fewer than 8 reps two sessions running")
    assert reasons[5].startswith("hold: you reported pain last time")
    assert reasons[6] == "+1 kg: you did 2 x 12 at 10 kg on Thu 22 Jan"
    assert "3 weeks off" in reasons[7]
    for before, after in itertools.pairwise(loads):
        assert abs(after - before) <= max(1, 0.10 * before)  # bounded steps

    # The one-leg stand climbs its ladder: longer holds, then less support.
    levels = ["two-hands", "one-hand", "no-support", "eyes-closed"]
    ranks = [(levels.index(s), t) for s, t in holds[:7]]
    assert ranks == sorted(ranks) and ranks[0] == (0, 10.0)
    assert ranks[-1][0] >= 1, holds  # reached one hand within the six weeks


# --- start-up ---------------------------------------------------------------------------------


def test_python_dash_m_runs_the_cli(tmp_path):
    result = oneup(tmp_path / "home", "--version")
    assert result.returncode == 0 and result.stdout.startswith("oneup ")


def test_usage_errors_from_the_parser_are_one_line(tmp_path):
    result = oneup(tmp_path / "home", "bulk", "-", "--out", str(tmp_path / "out"), "--jobs", "lots")
    assert result.returncode == 2
    assert result.stderr == "Error: --jobs 'lots' is not a number of processes: use 1 or more\n"
    assert len(result.stderr.strip().splitlines()) == 1


def test_start_rejects_bad_values_with_one_line(run):
    for args, message in (
        (["start", "prevention", "--days", "mon,funday"], "--days 'funday' is not a weekday"),
        (["start", "prevention", "--units", "stone"], "--units 'stone' is not a unit"),
        (
            ["start", "prevention", "--equipment", "rowboat"],
            "--equipment 'rowboat' is not equipment oneup knows",
        ),
        (
            ["start", "prevention", "--load", "goblet-squat"],
            "--load 'goblet-squat' should look like EXERCISE=WEIGHT",
        ),
        (["start", "prevention", "--start", "2026-13-01"], "--start '2026-13-01' is not"),
        (["start", "preventoin"], "no program called 'preventoin'. Did you mean 'prevention'?"),
    ):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)


def test_today_date_in_the_future_before_start_says_when_it_starts(run):
    start = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    ok(run("start", "balance", "--start", start))
    doc = today_json(run, dt.date.today().isoformat())
    assert doc["before_start"] is True and doc["blocks"] == []


def test_text_that_looks_like_markup_is_shown_as_written(run, oneup_home):
    ok(run("start", "prevention", "--start", MON))
    ok(run("log", "calf-raise", "2x15", "--date", MON, "--note", "[/oops] [bold]x"))
    result = run("history")
    ok(result)
    assert "[/oops] [bold]x" in result.stdout
    user_dir = oneup_home / "programs"
    user_dir.mkdir(parents=True)
    from .conftest import PROGRAMS

    text = (PROGRAMS / "balance.yaml").read_text()
    text = text.replace("id: balance", "id: mine", 1)
    text = text.replace("name: ", "name: '[/oops] Mine' #", 1)
    (user_dir / "mine.yaml").write_text(text)
    listing = run("programs", "list")
    ok(listing)
    assert "[/oops] Mine" in listing.stdout
    ok(run("programs", "show", "mine"))


def test_undo_after_done_takes_back_the_whole_session(run):
    ok(run("start", "prevention", "--start", MON))
    ok(run("log", "goblet-squat", "2x10@10kg", "--date", MON))
    ok(run("done", "--date", MON))
    before = json.loads(run("history", "--json").stdout)["records"]
    assert len(before) > 5 and len({r.get("batch") for r in before[1:]}) == 1
    result = run("undo")
    ok(result)
    assert "the session recorded with `oneup done`" in result.stdout
    after = json.loads(run("history", "--json").stdout)["records"]
    assert [r["exercise"] for r in after] == ["goblet-squat"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["today", "--date", "9999-12-31"], "Error: --date '9999-12-31' is too far away"),
        (["today", "--date", "20260201"], "Error: --date '20260201' is not a real date"),
        (["start", "prevention", "--start", "9999-12-31"], "Error: --start '9999-12-31' is too"),
        (["done", "--date", "2025-01-01"], "Error: your program starts on"),
    ],
)
def test_dates_out_of_range_are_usage_errors(run, args, message):
    ok(run("start", "prevention", "--start", MON))
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(message)


@pytest.mark.slow
def test_an_unwritable_data_folder_is_one_line_not_a_traceback(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = oneup(locked / "home", "today")
    if os.geteuid() == 0:  # root writes anyway; use a path that is not a folder instead
        (tmp_path / "file").write_text("")
        result = oneup(tmp_path / "file" / "home", "today")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_reader_that_goes_away_is_not_an_error(tmp_path):
    env = {**os.environ, "ONEUP_HOME": str(tmp_path / "home")}
    proc = subprocess.run(
        f"{sys.executable} -m oneup_cli today | head -1",
        shell=True,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in proc.stderr and "Exception" not in proc.stderr


def test_a_damaged_profile_does_not_hide_the_others(run, oneup_home):
    ok(run("-p", "good", "start", "balance", "--start", MON))
    bad = oneup_home / "profiles" / "bad"
    bad.mkdir(parents=True)
    (bad / "profile.json").write_text('{"name": "bad", "days": []}')
    result = run("profiles")
    assert result.exit_code == 0, result.output
    assert "good: balance" in result.stdout and "bad: damaged" in result.stdout
    doc = json.loads(run("profiles", "--json").stdout)
    assert [p["name"] for p in doc["profiles"]] == ["good"]


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["plan", "--profile", "x"], "(give --profile before the command"),
        (["log", "goblet-squat", "-2x8"], "(amounts cannot be negative"),
    ],
)
def test_common_usage_mistakes_get_a_pointer(tmp_path, args, hint):
    result = oneup(tmp_path / "home", *args)
    assert result.returncode == 2
    assert result.stderr.startswith("Error: No such option") and hint in result.stderr


def test_a_bad_profile_name_is_refused_even_by_commands_that_do_not_use_it(run):
    result = run("--profile", "../x", "profiles")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: profile name '../x' is not allowed")


# --- nothing lost, nothing doubled (issue 10) ---------------------------------------------------


def _records(home) -> list[dict]:
    log_file = home / "profiles" / "me" / "log.jsonl"
    return [json.loads(line) for line in log_file.read_bytes().splitlines() if line.strip()]


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [("log", "goblet-squat", "3x8@20kg", "--date", MON), ("done", "--date", MON), ("undo",)],
    ids=["log", "done", "undo"],
)
def test_a_saved_record_whose_confirmation_cannot_be_printed_is_a_warning_not_an_error(
    oneup_home, args
):
    ok_proc = oneup(oneup_home, "start", "prevention", "--start", MON)
    assert ok_proc.returncode == 0, ok_proc.stderr
    assert oneup(oneup_home, "log", "goblet-squat", "2x12@10kg", "--date", MON).returncode == 0
    before = _records(oneup_home)
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "oneup_cli", *args],
            env={**os.environ, "ONEUP_HOME": str(oneup_home)},
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == (
        "Warning: recorded, but the confirmation could not be printed: No space left on device\n"
    )
    after = _records(oneup_home)
    added = after[len(before) :]
    assert after[: len(before)] == before and added  # saved, once
    if args[0] == "undo":
        assert [r["voids"] for r in added] == [before[-1]["id"]]
    assert len({r["id"] for r in after}) == len(after)


def test_undo_over_a_damaged_line_takes_back_one_good_record_and_says_which_line(run, oneup_home):
    ok(run("start", "prevention", "--start", MON))
    ok(run("log", "goblet-squat", "2x12@10kg", "--date", MON))
    ok(run("log", "goblet-squat", "2x12@11kg", "--date", "2026-01-08"))
    log_file = oneup_home / "profiles" / "me" / "log.jsonl"
    first, second = log_file.read_bytes().splitlines()
    huge = first.replace(b'"reps":12', b'"reps":' + b"9" * 400, 1)
    log_file.write_bytes(b"\n".join([first, second, huge]) + b"\n")

    result = run("undo")
    ok(result)
    assert (
        result.stderr
        == f"Warning: {log_file} line 3: reps must be a whole number from 0 to 1000 (skipped)\n"
    )
    assert "Took back goblet-squat: 2 x 12 @ 11 kg" in result.stdout
    again = run("undo")
    ok(again)
    assert "2 x 12 @ 10 kg" in again.stdout
    third = run("undo")
    assert third.exit_code == 1 and "nothing to undo" in third.stderr
    voided = [r["voids"] for r in _records(oneup_home) if r.get("kind") == "void"]
    assert voided == [json.loads(second)["id"], json.loads(first)["id"]]


def test_today_never_shows_a_summary_that_disagrees_with_an_edited_log(run, oneup_home):
    ok(run("start", "prevention", "--start", MON, "--load", "goblet-squat=10kg"))
    ok(run("log", "goblet-squat", "2x12@10kg", "--date", MON))
    doc = today_json(run, "2026-01-08")
    assert planned(doc, "goblet-squat")["load"]["value"] == 11.0  # 2 x 12 earned more weight
    log_file = oneup_home / "profiles" / "me" / "log.jsonl"
    data = log_file.read_bytes()
    with log_file.open("r+b") as f:  # edited in place, the same length: 2 x 12 becomes 2 x 9
        f.write(data.replace(b'"reps":12,', b'"reps":9 ,'))

    doc = today_json(run, "2026-01-08")
    assert planned(doc, "goblet-squat")["load"]["value"] == 10.0
    assert "2 x 9" in run("history").stdout


# --- standard streams that are closed, full or gone (issue 10) ----------------------------------


def _with_streams(home, args, *, stdout=None, stderr=subprocess.PIPE, stdin=None, close=()):
    """The real entry point with its standard streams as given; `close`: fds closed at start."""
    keep = {0: stdin, 1: stdout, 2: stderr}

    def closing() -> None:
        for fd in close:
            os.close(fd)

    return subprocess.run(
        [sys.executable, "-m", "oneup_cli", *args],
        env={**os.environ, "ONEUP_HOME": str(home)},
        stdin=keep[0],
        stdout=keep[1] if keep[1] is not None else subprocess.DEVNULL,
        stderr=keep[2],
        preexec_fn=closing if close else None,
        text=True,
        check=False,
    )


def _started(home) -> list[dict]:
    assert oneup(home, "start", "prevention", "--start", MON).returncode == 0
    assert oneup(home, "log", "goblet-squat", "2x12@10kg", "--date", MON).returncode == 0
    return _records(home)


RECORDING = {
    "log": ("log", "goblet-squat", "3x8@20kg", "--date", MON),
    "done": ("done", "--date", MON),
    "undo": ("undo",),
}
READING = {
    "history": ("history",),
    "history-json": ("history", "--json"),
    "today": ("today", "--date", MON),
    "paths": ("paths",),
    "profiles": ("profiles",),
    "programs-list": ("programs", "list"),
    "plan": ("plan", "--week", "1"),
    "help": ("--help",),
}


@pytest.mark.slow
@pytest.mark.parametrize("command", list(RECORDING))
def test_a_closed_stdout_records_once_with_one_warning(oneup_home, command):
    before = _started(oneup_home)
    proc = _with_streams(oneup_home, RECORDING[command], close=(1,))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == (
        "Warning: recorded, but the confirmation could not be printed: standard output is closed\n"
    )
    after = _records(oneup_home)
    assert after[: len(before)] == before and len(after) > len(before)
    assert all(json.loads(json.dumps(r)) for r in after)  # the log took nothing meant for stdout


@pytest.mark.slow
@pytest.mark.parametrize("command", list(READING))
def test_a_closed_stdout_fails_a_read_in_one_line(oneup_home, command):
    before = _started(oneup_home)
    proc = _with_streams(oneup_home, READING[command], close=(1,))
    assert (proc.returncode, proc.stderr) == (1, "Error: standard output is closed\n")
    assert _records(oneup_home) == before


@pytest.mark.slow
@pytest.mark.parametrize("command", [*READING, "log", "undo"])
def test_a_reader_gone_before_the_output_is_not_an_error(oneup_home, command):
    """A pipe whose reader has gone (`oneup history | true`): a read ends quietly with exit 0,
    every time; a saved record is confirmed with one warning, exit 0."""
    before = _started(oneup_home)
    args = READING.get(command) or RECORDING[command]
    read, write = os.pipe()
    os.close(read)
    try:
        proc = _with_streams(oneup_home, args, stdout=write)
    finally:
        os.close(write)
    assert proc.returncode == 0, proc.stderr
    if command in READING:
        assert proc.stderr == ""
        assert _records(oneup_home) == before
    else:
        assert proc.stderr == (
            "Warning: recorded, but the confirmation could not be printed: "
            "the reader of the output went away\n"
        )


@pytest.mark.slow
@pytest.mark.parametrize("command", ["history", "today"])
def test_a_warning_that_cannot_be_printed_does_not_fail_a_read(oneup_home, command):
    _started(oneup_home)
    log_file = oneup_home / "profiles" / "me" / "log.jsonl"
    log_file.write_bytes(log_file.read_bytes() + b"not a record {\n")
    with open("/dev/full", "w") as full:
        proc = _with_streams(oneup_home, READING[command], stdout=subprocess.PIPE, stderr=full)
    assert proc.returncode == 0
    assert "goblet" in proc.stdout.lower()
    proc = _with_streams(oneup_home, READING[command], stdout=subprocess.PIPE, close=(2,))
    assert proc.returncode == 0


def test_done_shows_the_year_of_a_day_in_another_year(run):
    ok(run("start", "prevention", "--start", "2024-01-01", "--days", "mon,thu"))
    result = run("done", "--date", "2024-01-04")
    ok(result)
    assert result.stdout.startswith("Recorded session B of Thu 4 Jan 2024: ")


@pytest.mark.slow
def test_bulk_from_a_closed_stdin_is_one_line(oneup_home, tmp_path):
    proc = _with_streams(oneup_home, ("bulk", "-", "--out", str(tmp_path / "out")), close=(0,))
    assert proc.returncode == 2
    assert (
        proc.stderr.startswith(
            "Error: the roster is to come from standard input, but that is closed"
        )
        and proc.stderr.count("\n") == 1
    ), proc.stderr
