"""Hostile cases for tests/test_hostile.py, one module per class of input (issue 10).

Each module defines CASES: a list of `Case`. A case runs one command against a copy of a
prepared data folder (a prevention profile started Mon 5 Jan 2026 on mon,thu, with three log
records), and test_hostile.py checks what every case must show: a non-zero exit (or exit 0
with a warning where the issue says so), exactly one line on stderr starting with `Error:`
(or `Warning:`), no traceback, and the log and profile byte for byte as they were.
"""

from __future__ import annotations

import dataclasses as dc
from collections.abc import Callable, Mapping
from pathlib import Path

# The prepared folder's files, relative to ONEUP_HOME.
PROFILE = Path("profiles/me/profile.json")
LOG = Path("profiles/me/log.jsonl")


@dc.dataclass(frozen=True)
class Case:
    id: str  # unique, short, readable: "log-rpe-fullwidth-digit"
    args: tuple[str, ...]  # after `oneup`; "{home}" and "{tmp}" are replaced by the folders
    # Prepares the case in the copied data folder (home) and a scratch folder (tmp).
    setup: Callable[[Path, Path], None] | None = None
    code: int | None = None  # the exit code expected; None: any code but 0
    says: str | None = None  # a piece of the one stderr line
    warning: bool = False  # exit 0 with one "Warning:" line instead of an error
    writes: bool = False  # the command may record (a warning case that saved the record)
    input: str | None = None  # standard input
    env: Mapping[str, str] = dc.field(default_factory=dict)  # extra environment
    process: bool = False  # run the real entry point in a subprocess (terminals, encodings)
    stdout: str | None = None  # a file for standard output, e.g. /dev/full (with process)
