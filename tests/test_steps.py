"""Issue 11, "Steps", as a user meets them from the command line: no load step over 10%
(reps first), the least time between steps, deloads, breaks, and a tested 1RM that can rise."""

from __future__ import annotations

import json

from .conftest import ok


def _item(run, date: str, exercise: str) -> dict:
    doc = json.loads(ok(run("today", "--date", date, "--json")).stdout)
    for block in doc["blocks"]:
        for item in block["items"]:
            if item["exercise"] == exercise:
                return item
    raise AssertionError(f"{exercise} is not planned on {date}")


# --- no step over 10%: reps first -------------------------------------------------------------


def test_a_4kg_dumbbell_is_not_raised_to_5kg_the_reps_go_up_first(run):
    ok(run("start", "diagnosed-osteoporosis", "--start", "2026-01-05"))
    ok(run("log", "dumbbell-biceps-curl", "2x12@4kg", "--date", "2026-01-05"))
    curl = _item(run, "2026-01-12", "dumbbell-biceps-curl")
    assert curl["load_text"] == "4 kg" and curl["target"] == "13-15"
    assert "5 kg, is 25% heavier, more than the 10% a step should be" in curl["reason"]
    assert "build up to 15 reps (oneup's default) on every set" in curl["reason"]
    ok(run("log", "dumbbell-biceps-curl", "14,15@4kg", "--date", "2026-01-12"))
    curl = _item(run, "2026-01-19", "dumbbell-biceps-curl")
    assert curl["load_text"] == "4 kg" and curl["target"] == "15"
    ok(run("log", "dumbbell-biceps-curl", "2x15@4kg", "--date", "2026-01-19"))
    curl = _item(run, "2026-01-26", "dumbbell-biceps-curl")
    assert curl["load_text"] == "5 kg" and curl["target"] == "8-12"
    assert curl["reason"].startswith("+1 kg (25% heavier): you did 2 x 15 at 4 kg on Mon 19 Jan")
    assert "the reps start again at 8" in curl["reason"]


def test_a_step_within_10_percent_is_taken_at_once(run):
    ok(run("start", "diagnosed-osteoporosis", "--start", "2026-01-05"))
    ok(run("log", "dumbbell-biceps-curl", "2x12@12kg", "--date", "2026-01-05"))
    curl = _item(run, "2026-01-12", "dumbbell-biceps-curl")
    assert curl["load_text"] == "13 kg" and curl["target"] == "8-12"  # +8%


def test_1kg_ankle_weights_do_not_become_1_5kg_after_one_session(run):
    ok(run("start", "balance", "--start", "2026-01-05"))
    ok(run("log", "seated-knee-extension", "2x10@1kg", "--date", "2026-01-05"))
    knee = _item(run, "2026-01-07", "seated-knee-extension")
    assert knee["load_text"] == "1 kg" and knee["target"] == "11-15"
    assert "1.5 kg, is 50% heavier" in knee["reason"]
