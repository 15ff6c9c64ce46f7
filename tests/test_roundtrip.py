"""Issue 13's round trips, from the command line: a profile exported as oneup's JSON backup or
its own CSV and imported into an empty profile has the very same history (and, from the
backup, the same profile); importing again adds nothing, and one undo takes an import back."""

from __future__ import annotations

import json

import pytest

from .conftest import ok
from .test_contract import validate


@pytest.fixture
def logged(run):
    """A history with loads, a hold, pain, a note like a formula, a `done` session, a
    functional test and an undone record."""
    ok(run("start", "diagnosed-osteoporosis", "--start", "2026-01-05", "--born", "1950"))
    ok(
        run(
            "log",
            "dumbbell-biceps-curl",
            "2x12@4kg",
            "--rpe",
            "6",
            "--date",
            "2026-01-05",
            "--note",
            "=cmd 'x', \"quoted\"",
        )
    )
    ok(run("log", "one-leg-stand", "2x20s", "--pain", "--date", "2026-01-06"))
    ok(run("log", "goblet-squat", "10,9@22.5lb", "--date", "2026-01-07"))
    ok(run("done", "--date", "2026-01-08"))
    ok(run("test", "grip", "20", "--date", "2026-01-09"))
    ok(run("log", "heel-drop", "2x10", "--date", "2026-01-09"))
    ok(run("undo"))
    return run


def _history(run, profile):
    doc = json.loads(ok(run("-p", profile, "history", "--json")).stdout)
    for r in doc["records"]:
        r.pop("batch", None)
        r.pop("batch_size", None)
    return doc["records"]


def test_a_json_backup_restores_the_history_and_the_profile_exactly(logged, tmp_path):
    run = logged
    backup = tmp_path / "me.json"
    ok(run("export", "-f", "json", "-o", str(backup)))
    result = ok(run("-p", "copy", "import", str(backup)))
    assert "The profile was restored from the backup too." in result.stdout
    assert _history(run, "copy") == _history(run, "me")
    mine = json.loads(ok(run("profile", "--json")).stdout)["profile"]
    theirs = json.loads(ok(run("-p", "copy", "profile", "--json")).stdout)["profile"]
    assert {**mine, "name": "copy"} == theirs
    again = ok(run("-p", "copy", "import", str(backup), "--json"))
    doc = json.loads(again.stdout)
    validate(doc, "import")
    assert doc["added"] == 0 and doc["already_imported"] > 0
    ok(run("-p", "copy", "undo"))
    assert _history(run, "copy") == []


def test_oneup_csv_restores_the_history_exactly(logged, tmp_path):
    run = logged
    exported = tmp_path / "me.csv"
    ok(run("export", "-f", "csv", "-o", str(exported)))
    ok(run("-p", "copy", "import", str(exported)))
    sets = [r for r in _history(run, "me") if r["kind"] == "sets"]
    assert _history(run, "copy") == sets  # the CSV holds sets, not tests
    assert "Already imported" in ok(run("-p", "copy", "import", str(exported))).stdout


def test_a_damaged_backup_imports_nothing(logged, tmp_path):
    run = logged
    backup = tmp_path / "me.json"
    ok(run("export", "-f", "json", "-o", str(backup)))
    doc = json.loads(backup.read_text())
    doc["records"][1]["sets"] = "lots"
    backup.write_text(json.dumps(doc))
    result = run("-p", "copy", "import", str(backup))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "record 2:" in result.stderr and "nothing was imported" in result.stderr
    names = [p["name"] for p in json.loads(ok(run("profiles", "--json")).stdout)["profiles"]]
    assert "copy" not in names  # not even the profile was restored
