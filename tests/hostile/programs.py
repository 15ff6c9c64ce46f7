"""Hostile cases: program files (issue 10, Programs: every mistake located, nothing crashes).

Each bad file is a small valid program (MINI) with one thing broken. `oneup programs validate`
prints every problem on stdout and one `Error:` line on stderr naming the first, so each case
checks that line for FILE:LINE:COL; tests/test_programs.py checks the same files' stdout.
"""

from __future__ import annotations

import dataclasses as dc
from collections.abc import Callable
from pathlib import Path

from . import Case

# A valid program: the line numbers below count from here (line 1: id).
MINI = """\
id: mini
name: Mini program
version: 1
audience: prevention
summary: A small program for tests.
sources: [ACSM-PROG]
schedule:
  days_per_week: 2
  default_days: [mon, thu]
phases:
  - id: base
    name: Base
    weeks: 4
    purpose: Learn the lifts.
    sessions:
      - label: A
        blocks:
          - kind: strength
            items:
              - exercise: goblet-squat
                sets: 2
                reps: 8-12
                effort: 5-6
                load: {type: effort}
                progression: double
                rest: 60-120
"""


def edit(old: str, new: str) -> str:
    """MINI with its first `old` replaced."""
    assert old in MINI, old
    return MINI.replace(old, new, 1)


@dc.dataclass(frozen=True)
class Bad:
    id: str
    content: str | bytes  # the whole file
    where: str  # "LINE:COL" of the first problem, or "LINE:" where the column is not the point
    says: str  # a piece of the first problem's message


ITEM = "                "  # the indent of an item's fields (lines 21-26)
HUGE = "9" * 400
LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n"
    for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)

BAD: list[Bad] = [
    # keys that are not names, keys given twice
    Bad(
        "complex-key-list",
        MINI + "? [a, b]\n: 1\n",
        "27:3",
        "a key must be a plain name, not a list",
    ),
    Bad("complex-key-mapping", MINI + "? {a: 1}\n: 2\n", "27:3", "not a mapping"),
    Bad("complex-key-flow", MINI + "[a, b]: 1\n", "27:1", "a key must be a plain name, not a list"),
    Bad(
        "complex-key-alias", edit("version: 1", "version: &v [1]\n? *v\n: 2"), "3:10", "not a list"
    ),
    Bad(
        "duplicate-top-key",
        edit("version: 1", "version: 1\nversion: 2"),
        "4:1",
        "'version' is given twice (first on line 3)",
    ),
    Bad(
        "duplicate-item-key",
        edit("sets: 2", f"sets: 2\n{ITEM}sets: 3"),
        "22:17",
        "'sets' is given twice (first on line 21)",
    ),
    Bad(
        "duplicate-quoted-key",
        edit("reps: 8-12", f'reps: 8-12\n{ITEM}"reps": 8-10'),
        "23:17",
        "'reps' is given twice (first on line 22)",
    ),
    Bad(
        "duplicate-key-escaped",
        MINI + '"\\e[2Jx": 1\n"\\e[2Jx": 2\n',
        "28:1",
        "'\\x1b[2Jx' is given twice (first on line 27)",
    ),
    # control characters: in the text itself, and written as escapes
    Bad("nul-byte", edit("name: Mini", "name: Mini\x00"), "2:11", "control character U+0000 (NUL)"),
    Bad("nul-first", "\x00" + MINI, "1:1", "U+0000 (NUL) is not allowed"),
    Bad("bell", edit("summary: A small", "summary: A small\x07"), "5:17", "U+0007"),
    Bad("escape-sequence", edit("name: Mini", "name: \x1b[31mMini"), "2:7", "U+001B (ESC)"),
    Bad("delete-char", edit("purpose: Learn", "purpose: Learn\x7f"), "14:19", "U+007F (DEL)"),
    Bad("c1-control", edit("name: Mini", "name: Mini\x9b"), "2:11", "control character U+009B"),
    Bad(
        "escaped-escape",
        edit("name: Mini program", 'name: "Mini \\e[2J program"'),
        "2:7",
        "control character (U+001B)",
    ),
    Bad(
        "escaped-nul",
        edit("purpose: Learn the lifts.", 'purpose: "Learn\\0"'),
        "14:14",
        "control character (U+0000)",
    ),
    Bad(
        "bidi-override",
        edit("name: Mini program", 'name: "Mini \\u202e program"'),
        "2:7",
        "(U+202E)",
    ),
    Bad(
        "key-with-escape",
        MINI + '"\\e]0;owned\\a": 1\n',
        "27:1",
        "unknown field '\\x1b]0;owned\\x07'",
    ),
    # NaN and infinity
    Bad("reps-nan", edit("reps: 8-12", "reps: .nan"), "22:23", "cannot be .nan"),
    Bad("reps-inf", edit("reps: 8-12", "reps: .inf"), "22:23", "far too large"),
    Bad("reps-minus-inf", edit("reps: 8-12", "reps: -.inf"), "22:23", "negative"),
    Bad("sets-nan", edit("sets: 2", "sets: .NaN"), "21:23", "not .nan"),
    Bad("weeks-inf", edit("weeks: 4", "weeks: .inf"), "13:12", "far too large"),
    Bad("effort-nan", edit("effort: 5-6", "effort: .nan"), "23:25", "cannot be .nan"),
    Bad("rest-inf", edit("rest: 60-120", "rest: .Inf"), "26:23", "far too large"),
    Bad("step-nan", MINI + f"{ITEM}step: .nan\n", "27:23", "not .nan"),
    Bad(
        "percent-inf",
        edit("load: {type: effort}", "load: {type: percent-1rm, percent: .inf}"),
        "24:52",
        "far too large",
    ),
    # numbers beyond what they measure
    Bad("sets-400-digits", edit("sets: 2", f"sets: {HUGE}"), "21:23", "far too large"),
    Bad(
        "version-5000-digits", edit("version: 1", f"version: {'9' * 5000}"), "3:10", "far too large"
    ),
    Bad("hex-5000-digits", edit("version: 1", f"version: 0x{'f' * 5000}"), "3:10", "far too large"),
    Bad("key-400-digits", MINI + f"{HUGE}: 1\n", "27:1", "far too large"),
    Bad(
        "version-beyond-64-bits",
        edit("version: 1", "version: 99999999999999999999"),
        "3:10",
        "far too large",
    ),
    Bad("version-too-high", edit("version: 1", "version: 123456"), "3:10", "at most 10000"),
    Bad("reps-400-digits", edit("reps: 8-12", f"reps: {HUGE}"), "22:23", "far too large"),
    Bad("reps-range-400-digits", edit("reps: 8-12", f"reps: 8-{HUGE}"), "22:23", "far too large"),
    Bad("reps-float-huge", edit("reps: 8-12", "reps: 1.0e+300"), "22:23", "far too large"),
    Bad("reps-over-bound", edit("reps: 8-12", "reps: 8-500"), "22:23", "at most 100"),
    Bad("rest-over-bound", edit("rest: 60-120", "rest: 86400"), "26:23", "at most 900"),
    Bad("step-huge", MINI + f"{ITEM}step: 1.0e+300\n", "27:23", "at most 60"),
    Bad(
        "deload-week-huge",
        edit("    weeks: 4", "    weeks: 4\n    deload_weeks: [99999999999999999999]"),
        "14:20",
        "far too large",
    ),
    Bad(
        "start-load-huge",
        edit("load: {type: effort}", f"load: {{type: fixed, start: {HUGE}kg}}"),
        "24:44",
        "far too large",
    ),
    Bad(
        "start-load-over-bound",
        edit("load: {type: effort}", "load: {type: fixed, start: 900kg}"),
        "24:44",
        "at most 500 kg",
    ),
    Bad(
        "reps-arabic-digits",
        edit("reps: 8-12", "reps: \u0668-\u0661\u0662"),
        "22:23",
        "not a number or a range",
    ),
    Bad("reps-fullwidth-digits", edit("reps: 8-12", "reps: \uff18"), "22:23", "not a number"),
    # aliases, depth, and files that are not a program at all
    Bad("billion-laughs", LAUGHS, "1:1", "too big"),
    Bad("alias-inside-itself", edit("sources: [ACSM-PROG]", "sources: &s [*s]"), "6:", "too deep"),
    Bad("nested-500-deep", MINI + "notes: " + "[" * 500 + "]" * 500 + "\n", "27:", "too deep"),
    Bad(
        "nested-5000-deep",
        MINI + "notes: " + "[" * 5000 + "]" * 5000 + "\n",
        "27:",
        "nesting depth",
    ),
    Bad(
        "python-tag",
        edit("version: 1", "version: !!python/object/apply:os.system [ls]"),
        "3:10",
        "could not determine a constructor",
    ),
    Bad("empty-file", "", "1:1", "must be a mapping"),
    Bad("yaml-list", "- 1\n- 2\n", "1:1", "must be a mapping"),
    Bad("binary", b"\x7fELF\x02\x01\x01\x00\x00\xff\xfe", "1:1", "not a UTF-8 text file"),
    Bad(
        "latin-1",
        edit("name: Mini program", "name: Mini programm\u00e9").encode("latin-1"),
        "1:1",
        "not a UTF-8 text file",
    ),
]


def _write(path: str, content: str | bytes) -> Callable[[Path, Path], None]:
    """A setup writing `content` to `path` ("{tmp}/..." or "{home}/...")."""

    def setup(home: Path, tmp: Path) -> None:
        target = Path(path.replace("{home}", str(home)).replace("{tmp}", str(tmp)))
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")

    return setup


# For the other commands: a key given twice (line 22), and a dose that is not a number.
BROKEN = edit("sets: 2", f"sets: 2\n{ITEM}sets: 3").replace("reps: 8-12", "reps: .nan")

CASES: list[Case] = [
    *(
        Case(
            f"programs-validate-{bad.id}",
            ("programs", "validate", "{tmp}/bad.yaml"),
            setup=_write("{tmp}/bad.yaml", bad.content),
            code=1,
            says=f"bad.yaml:{bad.where}",
        )
        for bad in BAD
    ),
    # The other commands that read a program file say the first problem, located, in one line.
    Case(
        "programs-show-file-with-a-key-given-twice",
        ("programs", "show", "{tmp}/bad.yaml"),
        setup=_write("{tmp}/bad.yaml", BROKEN),
        code=1,
        says="bad.yaml:22:17: 'sets' is given twice (first on line 21) (1 of 2 problems",
    ),
    Case(
        "start-a-user-program-with-a-nan-dose",
        ("start", "mini"),
        setup=_write("{home}/programs/mini.yaml", edit("reps: 8-12", "reps: .nan")),
        code=1,
        says="mini.yaml:22:23:",
    ),
    Case(
        "plan-with-a-program-file-holding-a-nul",
        ("plan", "--program", "{tmp}/bad.yaml", "--date", "2026-01-06"),
        setup=_write("{tmp}/bad.yaml", edit("name: Mini", "name: Mini\x00")),
        code=1,
        says="bad.yaml:2:11:",
    ),
    Case(
        "programs-validate-a-folder",
        ("programs", "validate", "{tmp}"),
        code=1,
    ),
]
