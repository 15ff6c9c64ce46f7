"""Hostile cases: the log and what the commands that write it must never do (issue 10, Data).

- A damaged line anywhere in the log (not JSON, a number out of range, NaN, a negative
  amount, a wrong type, an unknown kind, a record from a newer oneup, a torn last line): every
  command that reads the log skips it with one warning naming the file and the line, and goes
  on; the log is not changed by the commands that only read it.
- A recorded record whose confirmation cannot be printed (stdout is /dev/full): one warning,
  exit 0, the record saved once.
- A log that is a symbolic link: refused in one line, the file it points to untouched.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from . import LOG, Case

Setup = Callable[[Path, Path], None]


def _lines(home: Path) -> list[bytes]:
    return (home / LOG).read_bytes().splitlines()


def _damaged(change: Callable[[bytes], bytes], *, last: bool = False) -> Setup:
    """A copy of the first record, changed, put in the middle of the log (line 2), or at its
    end without a newline (a torn last line)."""

    def setup(home: Path, tmp: Path) -> None:
        lines = _lines(home)
        bad = change(lines[0])
        assert bad != lines[0]
        if last:
            data = b"\n".join([*lines, bad])  # no newline after it
        else:
            data = b"\n".join([lines[0], bad, *lines[1:]]) + b"\n"
        (home / LOG).write_bytes(data)

    return setup


def _sub(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    return lambda line: line.replace(old, new, 1)


DAMAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "not-json": (lambda line: b"this line is not JSON {", "not a JSON record"),
    "400-digit-reps": (_sub(b'"reps":12', b'"reps":' + b"9" * 400), "reps must be"),
    "load-1e999": (_sub(b'"load":"10kg"', b'"load":1e999'), "load must be"),
    "load-too-heavy": (_sub(b'"load":"10kg"', b'"load":"9000kg"'), "load must be"),
    "nan-reps": (_sub(b'"reps":12', b'"reps":NaN'), "not a JSON record"),
    "negative-reps": (_sub(b'"reps":12', b'"reps":-12'), "reps must be"),
    "wrong-type": (_sub(b'"reps":12', b'"reps":"12"'), "reps must be"),
    "unknown-kind": (_sub(b'{"v":1,', b'{"v":1,"kind":"delete",'), "kind must be"),
    "future-version": (_sub(b'{"v":1,', b'{"v":7,'), "written by a newer version of oneup"),
}

# Every command that reads the log, as it is run here. `done` and `undo` write, so their
# cases may change the log (test_daily.py checks what they wrote).
READERS: dict[str, tuple[tuple[str, ...], bool]] = {
    "today": (("today", "--date", "2026-01-12"), False),
    "history": (("history",), False),
    "plan": (("plan", "--week", "2"), False),
    "done": (("done", "--date", "2026-01-12"), True),
    "undo": (("undo",), True),
}


def _damaged_line_cases() -> list[Case]:
    cases = []
    for kind, (change, says) in DAMAGE.items():
        for command, (args, writes) in READERS.items():
            cases.append(
                Case(
                    f"{command}-damaged-line-{kind}",
                    args,
                    setup=_damaged(change),
                    warning=True,
                    writes=writes,
                    says=f"log.jsonl line 2: {says}",
                )
            )
    for command, (args, writes) in READERS.items():
        torn = _damaged(lambda line: line[: len(line) // 2], last=True)
        cases.append(
            Case(
                f"{command}-torn-last-line",
                args,
                setup=torn,
                warning=True,
                writes=writes,
                says="log.jsonl line 4: not a JSON record",
            )
        )
    return cases


def _symlinked_log(home: Path, tmp: Path) -> None:
    real = tmp / "real-log.jsonl"
    real.write_bytes((home / LOG).read_bytes())
    os.chmod(real, 0o644)
    (home / LOG).unlink()
    (home / LOG).symlink_to(real)


def _symlink_cases() -> list[Case]:
    commands = {
        "today": ("today", "--date", "2026-01-12"),
        "history": ("history",),
        "log": ("log", "goblet-squat", "3x8@20kg"),
        "done": ("done", "--date", "2026-01-12"),
        "undo": ("undo",),
        "plan": ("plan", "--week", "2"),
    }
    return [
        Case(
            f"{command}-log-is-a-symlink", args, setup=_symlinked_log, code=1, says="symbolic link"
        )
        for command, args in commands.items()
    ]


def _fifo_log(home: Path, tmp: Path) -> None:
    (home / LOG).unlink()
    os.mkfifo(home / LOG)


def _folder_log(home: Path, tmp: Path) -> None:
    (home / LOG).unlink()
    (home / LOG).mkdir()


FULL = "recorded, but the confirmation could not be printed"

CASES: list[Case] = [
    Case("log-unknown-exercise", ("log", "no-such-lift", "3x8@20kg"), code=2),
    Case("log-spec-without-reps", ("log", "goblet-squat", "3x"), code=2),
    Case("undo-with-nothing-to-undo", ("--profile", "nobody", "undo"), code=1),
    *_damaged_line_cases(),
    *_symlink_cases(),
    # The record is saved before the confirmation is printed: a full disk on stdout is a
    # warning, never an error that makes the user record it again.
    Case(
        "log-stdout-full",
        ("log", "goblet-squat", "3x8@20kg"),
        stdout="/dev/full",
        process=True,
        warning=True,
        writes=True,
        says=FULL,
    ),
    Case(
        "done-stdout-full",
        ("done", "--date", "2026-01-12"),
        stdout="/dev/full",
        process=True,
        warning=True,
        writes=True,
        says=FULL,
    ),
    Case(
        "undo-stdout-full",
        ("undo",),
        stdout="/dev/full",
        process=True,
        warning=True,
        writes=True,
        says=FULL,
    ),
    Case(
        "start-stdout-full",
        ("start", "balance"),
        stdout="/dev/full",
        process=True,
        warning=True,
        writes=True,
        says=FULL,
    ),
    # Nothing was saved, so a failed output is an error as before.
    Case("history-stdout-full", ("history",), stdout="/dev/full", process=True, code=1),
    Case("log-is-a-fifo", ("history",), setup=_fifo_log, code=1, says="could not read the log"),
    Case("log-is-a-folder", ("log", "goblet-squat", "3x8@20kg"), setup=_folder_log, code=1),
    Case(
        "log-over-a-bound-is-refused-unwritten",
        ("log", "goblet-squat", "3x1001"),
        code=2,
    ),
]
