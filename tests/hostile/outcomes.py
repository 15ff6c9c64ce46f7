"""Hostile cases: functional tests, the year of birth and sex, and recommend's answers (issue 12).

Each is refused in one line, exit 2, before anything is written: no test record, no profile
changed.
"""

from __future__ import annotations

from . import Case

GRIP = ("test", "grip")
TUG = ("test", "tug")
STAND = ("test", "chair-stand")
STAGES = ("test", "four-stage")


def _test(id: str, args: tuple[str, ...], says: str) -> Case:
    return Case(f"test-{id}", args, code=2, says=says)


CASES: list[Case] = [
    # --- results: ASCII digits, within bounds, as many values as the test takes ---
    _test("grip-negative", (*GRIP, "-3"), "'-3' is not a grip strength"),
    _test("grip-zero", (*GRIP, "0"), "'0' is not a grip strength"),
    _test("grip-huge", (*GRIP, "99999kg"), "'99999kg' is not a grip strength"),
    _test("grip-stone", (*GRIP, "4st"), "'4st' is not a grip strength"),
    _test("grip-comma", (*GRIP, "24,5"), "'24,5' is not a grip strength"),
    _test("grip-two-values", (*GRIP, "24", "25"), "is not a grip strength result: write KG"),
    _test("grip-no-value", GRIP, "'grip' needs its result after it"),
    _test("four-stage-stage-5", (*STAGES, "5", "10"), "'5' is not a stage"),
    _test("four-stage-stage-0", (*STAGES, "0", "10"), "'0' is not a stage"),
    _test("four-stage-one-value", (*STAGES, "3"), "write STAGE SECONDS"),
    _test("four-stage-long-hold", (*STAGES, "3", "600"), "'600' is not a number of seconds"),
    _test("tug-abc", (*TUG, "abc"), "'abc' is not a number of seconds from 0 to 300"),
    _test("tug-nan", (*TUG, "nan"), "'nan' is not a number of seconds"),
    _test("tug-inf", (*TUG, "inf"), "'inf' is not a number of seconds"),
    _test("tug-exponent", (*TUG, "1e1"), "'1e1' is not a number of seconds"),
    _test("tug-zero", (*TUG, "0"), "'0' is not a time"),
    _test("tug-negative", (*TUG, "-12"), "'-12' is not a number of seconds"),
    _test("chair-stand-fullwidth", (*STAND, "\uff11\uff11"), "is not a number of stands"),
    _test("chair-stand-decimal", (*STAND, "3.5"), "'3.5' is not a number of stands"),
    _test("chair-stand-huge", (*STAND, "9" * 400), "is not a number of stands"),
    _test("chair-stand-escape", (*STAND, "\x1b[31m9"), "is not a number of stands"),
    _test("unknown-name", ("test", "jump", "3"), "'jump' is not a test"),
    _test("empty-name", ("test", "", "3"), "'' is not a test"),
    _test("date-far", (*GRIP, "24", "--date", "9999-01-01"), "--date '9999-01-01' is too far"),
    _test("date-ahead", (*GRIP, "24", "--date", "2199-01-01"), "is more than a year ahead"),
    _test("json-with-a-result", (*GRIP, "24", "--json"), "--json goes with oneup test alone"),
    # --- the year of birth and sex ---
    Case("start-sex-x", ("start", "prevention", "--sex", "x"), code=2, says="--sex 'x' is not f"),
    Case(
        "start-born-1800", ("start", "prevention", "--born", "1800"), code=2, says="--born '1800'"
    ),
    Case(
        "start-born-fullwidth",
        ("start", "prevention", "--born", "\uff11\uff19\uff15\uff12"),
        code=2,
        says="is not a year of birth",
    ),
    Case("profile-born-future", ("profile", "--born", "2999"), code=2, says="--born '2999'"),
    Case("profile-sex-empty", ("profile", "--sex", ""), code=2, says="--sex '' is not f or m"),
    # --- recommend's answers ---
    Case(
        "recommend-osteoporosis-maybe",
        ("recommend", "--osteoporosis", "maybe"),
        code=2,
        says="--osteoporosis 'maybe' is not yes, no or unknown",
    ),
    Case("recommend-falls-negative", ("recommend", "--falls", "-1"), code=2, says="--falls '-1'"),
    Case(
        "recommend-falls-huge",
        ("recommend", "--falls", "9" * 400),
        code=2,
        says="is not a number of falls",
    ),
    Case("recommend-cleared-x", ("recommend", "--cleared", "x!"), code=2, says="is not yes or no"),
    # --- oneup start without a program, and no terminal: no questions ---
    Case("start-no-program", ("start",), code=2, says="say which program to start"),
]
