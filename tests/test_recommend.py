"""`oneup recommend` and `oneup start` without a program (issue 12), as a user meets them."""

from __future__ import annotations

import json

import pytest

from oneup_cli.cli import setup as setup_commands

from .conftest import ok


def recommend(run, *args: str) -> dict:
    return json.loads(ok(run("recommend", *args, "--json")).stdout)


@pytest.mark.parametrize(
    ("args", "program", "flags", "command"),
    [
        ((), "prevention", [], "oneup start prevention"),
        (
            ("--supervised", "yes"),
            "prevention",
            ["--supervised"],
            "oneup start prevention --supervised",
        ),
        (("--falls", "1"), "balance", [], "oneup start balance"),
        (
            ("--osteoporosis", "yes"),
            "diagnosed-osteoporosis",
            [],
            "oneup start diagnosed-osteoporosis",
        ),
        (
            ("--vertebral-fracture", "yes", "--cleared", "yes"),
            "diagnosed-osteoporosis",
            ["--vertebral-fracture", "--cleared"],
            "oneup start diagnosed-osteoporosis --vertebral-fracture --cleared",
        ),
        (
            ("--vertebral-fracture", "yes", "--falls", "2", "--osteoporosis", "yes"),
            "balance",
            ["--vertebral-fracture"],
            "oneup start balance --vertebral-fracture",
        ),
        (("--osteoporosis", "no", "--cleared", "yes"), "prevention", [], "oneup start prevention"),
        (
            ("--osteoporosis", "yes", "--supervised", "yes"),
            "diagnosed-osteoporosis",
            [],
            "oneup start diagnosed-osteoporosis",
        ),
    ],
)
def test_recommend_chooses_the_program_and_flags_with_reasons(run, args, program, flags, command):
    doc = recommend(run, *args)
    assert doc["program"] == program
    assert [f["option"] for f in doc["flags"]] == flags
    assert all(f["reason"] for f in doc["flags"]) and doc["reason"]
    assert doc["command"] == command


def test_recommend_says_why_and_ends_with_the_line_to_run(run):
    text = ok(run("recommend", "--falls", "1", "--vertebral-fracture", "yes")).stdout
    lines = text.splitlines()
    assert lines[0] == "Program: balance"
    assert "SSS 'Steady'" in lines[1] and "OTAGO" in lines[1]
    assert "Flag: --vertebral-fracture" in lines and "TFTF" in text
    assert lines[-1] == "To start it: oneup start balance --vertebral-fracture"


def test_notes_say_why_an_answer_was_left_out(run):
    doc = recommend(run, "--cleared", "yes", "--osteoporosis", "unknown")
    assert any("only changes the plan after a vertebral fracture" in n for n in doc["notes"])
    assert any("bone density scan" in n for n in doc["notes"])
    doc = recommend(run, "--falls", "1", "--supervised", "yes")
    assert any("Supervision only unlocks the heavy lifts" in n for n in doc["notes"])


def test_balance_tests_at_risk_recommend_the_balance_program(run):
    ok(run("-p", "bo", "start", "prevention", "--start", "2026-01-05"))
    ok(run("-p", "bo", "test", "four-stage", "3", "4", "--date", "2026-01-06"))
    doc = json.loads(ok(run("-p", "bo", "recommend", "--json")).stdout)
    assert doc["program"] == "balance"
    assert "tandem stance not held for 10 seconds" in doc["reason"].lower()
    assert doc["tests"] == [{"name": "four-stage", "status": "below", "falls": True}]
    assert doc["command"] == "oneup --profile bo start balance"
    ok(run("-p", "bo", "test", "four-stage", "4", "5", "--date", "2026-03-06"))  # steadier now
    doc = json.loads(ok(run("-p", "bo", "recommend", "--json")).stdout)
    assert doc["program"] == "prevention"


def test_a_chair_stand_below_average_needs_born_and_sex_to_count(run):
    ok(run("start", "prevention", "--start", "2026-01-05"))
    ok(run("test", "chair-stand", "5", "--date", "2026-01-06"))
    assert recommend(run)["program"] == "prevention"  # no verdict without age and sex
    ok(run("profile", "--born", "1950", "--sex", "m"))
    assert recommend(run)["program"] == "balance"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--osteoporosis", "maybe"), "Error: --osteoporosis 'maybe' is not yes, no or unknown"),
        (("--falls", "-1"), "Error: --falls '-1' is not a number of falls"),
        (("--falls", "lots"), "Error: --falls 'lots' is not a number of falls"),
        (("--supervised", "perhaps"), "Error: --supervised 'perhaps' is not yes or no"),
        (("--vertebral-fracture", "?"), "Error: --vertebral-fracture '?' is not yes or no"),
    ],
)
def test_recommend_refuses_a_bad_answer_in_one_line(run, args, says):
    result = run("recommend", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(says) and result.stderr.count("\n") == 1, result.stderr


# --- oneup start without a program -----------------------------------------------------------


def test_start_without_a_program_and_no_terminal_asks_nothing(run, oneup_home):
    result = run("start", input="yes\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: say which program to start (oneup start prevention")
    assert "oneup recommend --osteoporosis yes|no|unknown" in result.stderr
    assert not (oneup_home / "profiles").exists()


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr(setup_commands, "_interactive", lambda: True)


def test_start_in_a_terminal_asks_and_starts_what_it_recommends(run, terminal):
    # osteoporosis, vertebral fracture, cleared (asked after a fracture), falls; confirm
    result = run("start", "--start", "2026-01-05", input="yes\nyes\n\n0\n\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Has a doctor told you that you have osteoporosis? (yes/no/unknown) [unknown]:" in out
    assert "Diagnosed osteoporosis calls for spine-sparing strength training (TFTF)." in out
    assert "Has a clinician cleared you" in out
    assert "Will a coach" not in out  # cannot matter with osteoporosis
    assert "Program: diagnosed-osteoporosis" in out and "Flag: --vertebral-fracture" in out
    assert "Start diagnosed-osteoporosis now? [Y/n]:" in out
    assert "now follows Strong bones - living with osteoporosis" in out
    doc = json.loads(ok(run("profile", "--json")).stdout)["profile"]
    assert doc["program"] == "diagnosed-osteoporosis"
    assert (doc["vertebral_fracture"], doc["cleared"], doc["supervised"]) == (True, False, False)


def test_start_in_a_terminal_takes_the_defaults_and_asks_again_after_a_bad_answer(run, terminal):
    result = run("start", input="\n\nmany\n0\nyes\ny\n")
    assert result.exit_code == 0, result.output
    assert "Sorry: 'many' is not a number of falls" in result.stdout
    doc = json.loads(ok(run("profile", "--json")).stdout)["profile"]
    assert (doc["program"], doc["supervised"]) == ("prevention", True)


def test_start_in_a_terminal_saves_nothing_when_not_confirmed(run, terminal, oneup_home):
    result = run("start", input="no\nno\n1\nn\n")
    assert "Program: balance" in result.stdout
    assert result.exit_code == 1 and result.stderr == "Aborted.\n"
    assert not (oneup_home / "profiles" / "me" / "profile.json").exists()


def test_answers_left_out_come_from_the_profile(run):
    ok(run("start", "diagnosed-osteoporosis", "--vertebral-fracture", "--start", "2026-01-05"))
    doc = recommend(run, "--falls", "1")
    assert doc["answers"]["osteoporosis"] == "yes" and doc["answers"]["vertebral_fracture"]
    assert doc["command"] == "oneup start balance --vertebral-fracture"  # the flag is kept
    doc = recommend(run, "--vertebral-fracture", "no", "--osteoporosis", "no")
    assert doc["command"] == "oneup start prevention"  # what is given wins


@pytest.mark.slow
def test_start_asks_in_a_real_terminal(tmp_path):
    """The real entry point on a pseudo-terminal: the questions, the recommendation, the
    confirmation, the profile saved (the CliRunner tests above stand in for the tty check)."""
    import os
    import subprocess
    import sys

    home = tmp_path / "home"
    master, slave = os.openpty()
    env = {**os.environ, "ONEUP_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "oneup_cli", "start", "--start", "2026-01-05"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    os.write(master, b"no\nno\n2\ny\n")  # no osteoporosis, no fracture, 2 falls; confirm
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the other end closed: the process is done
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=60) == 0, seen.decode()
    os.close(master)
    text = seen.decode().replace("\r\n", "\n")
    assert "How many times have you fallen in the last 12 months? [0]:" in text
    assert "Program: balance" in text and "Start balance now? [Y/n]:" in text
    saved = json.loads((home / "profiles" / "me" / "profile.json").read_text())
    assert saved["program"] == "balance"
