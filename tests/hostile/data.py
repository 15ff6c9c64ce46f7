"""Hostile cases: the log and what the commands that write it must never do (issue 10, Data)."""

from __future__ import annotations

from . import Case

CASES: list[Case] = [
    Case("log-unknown-exercise", ("log", "no-such-lift", "3x8@20kg"), code=2),
    Case("log-spec-without-reps", ("log", "goblet-squat", "3x"), code=2),
    Case("undo-with-nothing-to-undo", ("--profile", "nobody", "undo"), code=1),
]
