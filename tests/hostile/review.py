"""Hostile cases: `oneup progress` and `oneup report` (issue 12). Each is one line, exit 2."""

from __future__ import annotations

from . import Case

CASES: list[Case] = [
    Case("progress-weeks-zero", ("progress", "--weeks", "0"), code=2, says="--weeks '0'"),
    Case("progress-weeks-text", ("progress", "--weeks", "abc"), code=2, says="--weeks 'abc'"),
    Case("progress-weeks-negative", ("progress", "--weeks", "-3"), code=2),
    Case("progress-weeks-huge", ("progress", "--weeks", "99999999999"), code=2),
    Case("progress-unknown-exercise", ("progress", "no-such-lift"), code=2, says="no-such-lift"),
    Case("progress-bad-format", ("progress", "--format", "pdf"), code=2, says="--format"),
    Case("progress-bad-paper", ("progress", "--paper", "a3"), code=2, says="--paper"),
    Case("progress-bad-date", ("progress", "--date", "2026-02-30"), code=2),
    Case("progress-no-profile", ("-p", "nobody", "progress"), code=2, says="nobody"),
    Case(
        "report-missing-roster",
        ("report", "--roster", "{tmp}/missing.csv"),
        code=2,
        says="does not exist",
    ),
    Case("report-bad-format", ("report", "--format", "xlsx"), code=2, says="--format"),
    Case("report-output-folder", ("report", "-o", "{tmp}"), code=2),
]
