"""Hostile cases: `oneup export` (issue 13). Each is one line, exit 2, and writes nothing."""

from __future__ import annotations

from . import Case

CASES: list[Case] = [
    Case("export-bad-format", ("export", "--format", "xls"), code=2, says="--format 'xls'"),
    Case("export-no-format", ("export",), code=2, says="--format"),
    Case(
        "export-no-format-from-extension",
        ("export", "-o", "{tmp}/log.xlsx"),
        code=2,
        says="--format",
    ),
    Case(
        "export-bad-time", ("export", "-f", "ics", "--time", "25:00"), code=2, says="--time '25:00'"
    ),
    Case("export-time-words", ("export", "-f", "ics", "--time", "7am"), code=2, says="--time"),
    Case(
        "export-bad-remind",
        ("export", "-f", "ics", "--remind", "soon"),
        code=2,
        says="--remind 'soon'",
    ),
    Case("export-remind-zero", ("export", "-f", "ics", "--remind", "0m"), code=2, says="--remind"),
    Case(
        "export-bad-since",
        ("export", "-f", "csv", "--since", "2026-02-30"),
        code=2,
        says="--since '2026-02-30'",
    ),
    Case("export-bad-until", ("export", "-f", "strong", "--until", "soon"), code=2, says="--until"),
    Case(
        "export-since-after-until",
        ("export", "-f", "hevy", "--since", "2026-03-01", "--until", "2026-02-01"),
        code=2,
        says="is after --until 2026-02-01",
    ),
    Case(
        "export-output-missing-folder",
        ("export", "-f", "csv", "-o", "{tmp}/missing/log.csv"),
        code=2,
        says="does not exist",
    ),
    Case("export-output-folder", ("export", "-f", "csv", "-o", "{tmp}"), code=2, says="-o"),
    Case(
        "export-time-not-calendar",
        ("export", "-f", "csv", "--time", "07:30"),
        code=2,
        says="--time is for calendars: add -f ics",
    ),
    Case(
        "export-backup-window",
        ("export", "-f", "json", "--since", "2026-01-01"),
        code=2,
        says="--since",
    ),
    Case("export-no-profile", ("-p", "nobody", "export", "-f", "csv"), code=2, says="nobody"),
    Case(
        "export-calendar-after-program",
        ("export", "-f", "ics", "--since", "2030-01-05"),
        code=2,
        says="no sessions",
    ),
]
