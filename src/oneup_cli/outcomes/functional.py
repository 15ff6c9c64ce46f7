"""Functional tests: what each test is, its published cut-off, and how a result reads against it.

Data and pure functions: no I/O, no clock (today is always given). The numbers are those of
`shared/SCIENCE.md`, "Functional tests and their cut-offs"; `tests/test_functional.py` holds
a copy of that table and checks this module against it, number by number.

The API that `oneup test`, `oneup today`, `oneup recommend` (and `progress` and `report`) use:

- `TESTS`: name -> `Test`, in the order they are listed (`TEST_NAMES` of the model): title,
  what to type, what to have ready, the steps, when to stop, the cut-off and its source.
  The cut-offs themselves: `CHAIR_STAND_BELOW` (first age of each band -> (men, women)),
  `TUG_AT_RISK`, `TANDEM_STAGE`/`TANDEM_HOLD`, `GRIP_BELOW_KG`; `chair_stand_cutoff(age, sex)`.
- `test_name(text)`, `measure(name, values) -> Measured`: what people typed after `oneup test`
  (`"grip"`, `["60lb"]`; `["3", "8.5"]` for four-stage), checked; a bad value raises
  `parse.FieldError` (fields "test" and "result"). A `Measured` (model/records.py) holds the
  result as entered: `count` (chair stand), `seconds` (tug; four-stage with `stage`), `grip`
  (a `Weight`, kg or lb as typed; `grip_kg(w)` for comparing).
- `test_results(records) -> list[TestResult]`: the effective test records of a log (every
  readable record, `log.read(...).all_records`: voids are applied here), by date then order.
- `latest(results) -> dict[name, TestResult]`: the most recent result of each test.
- `verdict(name, measured, born, sex, on_date) -> Verdict`: how one result reads against its
  cut-off. `Verdict.status` is `Status.below` (under the cut-off: at risk, or probable low
  strength), `Status.fine`, `Status.needs` (born or sex missing: `Verdict.missing` says
  which; show the result and the table, no verdict) or `Status.outside` (an age the table
  does not cover: under 60 or over 94). The timed up and go is a weak screen on its own:
  `Verdict.weak` is True for it, and its words must send the reader to the other tests.
- `verdicts(latest, born, sex) -> dict[name, Verdict]`, `at_risk_of_falling(verdicts)`: the
  tests (chair stand, 4-stage balance) whose results suggest a higher risk of falling; the
  timed up and go never counts alone.
- `next_due(results) -> dict[name, date]`, `retest_due(results, today) -> date | None`: a
  re-test every `RETEST_EVERY` (8 weeks, an engineering default, SCIENCE.md), per test from
  its latest result; `retest_due` is the earliest day a test fell due, if one is due today.

Age is the age reached in the year of the test (a profile holds the year of birth only:
`age_on(born, day)`). The words for a verdict (what it suggests, what to do) are in
`render/outcomes.py` (`meaning`, `result`); the log record is `LogRecord(kind="test",
date=..., test=Measured(...))`, written by `outcomes/service.record_test`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence

import msgspec

from ..model import TEST_NAMES, LogRecord, Measured, Sex, TestName, Unit, Weight
from ..model.values import LB_PER_KG

# The reading of typed values imports `parse` when it runs: `oneup today` needs only the dates
# of the results (its re-test line), and msgspec Structs, not dataclasses, for the same reason
# (quicker to define: `bench/startup.py`).

RETEST_EVERY = dt.timedelta(weeks=8)  # an engineering default (SCIENCE.md), not evidence

STEADI = "CDC STEADI"
# 30-second chair stand, below-average scores (SCIENCE.md; CDC STEADI 30-Second Chair Stand
# form, 2017, norms of Rikli and Jones): first age of each 5-year band -> (men, women); a
# count below the number is below average for that age and sex. Needing the arms scores 0.
CHAIR_STAND_BELOW: Mapping[int, tuple[int, int]] = {
    60: (14, 12),
    65: (12, 11),
    70: (12, 10),
    75: (11, 10),
    80: (10, 9),
    85: (8, 8),
    90: (7, 4),
}
CHAIR_STAND_AGES = (60, 94)  # the table's first and last age
TUG_AT_RISK = 12.0  # seconds or more: at risk of falling (CDC STEADI TUG form, 2017)
TANDEM_STAGE, TANDEM_HOLD = 3, 10.0  # tandem stance (stage 3) held under 10 s: at risk
GRIP_BELOW_KG: Mapping[str, float] = {"m": 27.0, "f": 16.0}  # EWGSOP2 (Cruz-Jentoft 2019)

# What people may type: generous, but no typo passes as a result.
MAX_COUNT = 60  # stands in 30 seconds
MAX_TUG = 300.0  # seconds
MAX_HOLD = 60.0  # seconds (each stage is 10 s)
MAX_GRIP = {Unit.kg: 150.0, Unit.lb: 330.0}


class Test(msgspec.Struct, frozen=True):
    name: TestName
    title: str
    usage: str  # what follows the name: "COUNT"
    example: str  # "oneup test chair-stand 11"
    ready: str
    steps: tuple[str, ...]
    stop: str
    cutoff: str
    source: str


TESTS: dict[str, Test] = {
    t.name: t
    for t in (
        Test(
            "chair-stand",
            "30-second chair stand",
            "COUNT",
            "oneup test chair-stand 11",
            "a sturdy chair without arms, seat about 43 cm (17 in) high, against a wall; "
            "a timer; someone to count if you can",
            (
                "Sit in the middle of the seat, feet flat, arms folded across your chest.",
                "On 'go', stand up fully, then sit fully down; repeat for 30 seconds.",
                "Count the full stands (more than halfway up at 30 s counts). "
                "If you must use your arms, stop: the score is 0.",
            ),
            "at once if you feel pain, dizziness or short of breath.",
            "below average for age and sex: at risk (table by age band, 60 to 94)",
            f"{STEADI}, 30-Second Chair Stand form, 2017 (norms of Rikli and Jones)",
        ),
        Test(
            "tug",
            "Timed up and go",
            "SECONDS",
            "oneup test tug 10.5",
            "a chair with arms, a mark on the floor 3 m (10 ft) away, a timer, your usual "
            "shoes and walking aid",
            (
                "Sit back in the chair. On 'go', stand up and walk at your usual pace to the mark.",
                "Turn, walk back and sit down again. The time runs from 'go' until you sit.",
            ),
            "if you feel unsteady or dizzy; walk at your usual pace, not fast, with someone "
            "beside you.",
            f"{TUG_AT_RISK:g} seconds or more: at risk of falling "
            "(a weak screen alone: read it with the other tests)",
            f"{STEADI}, Timed Up & Go (TUG) form, 2017",
        ),
        Test(
            "four-stage",
            "4-stage balance test",
            "STAGE SECONDS",
            "oneup test four-stage 3 10",
            "a kitchen counter or a sturdy chair within reach, a timer, someone beside you",
            (
                "Stand without support for 10 seconds in each position, in turn: feet side "
                "by side (1); one foot's instep against the other's big toe (2); one foot "
                "right in front of the other, heel to toe (3); on one leg (4).",
                "Go to the next stage only after holding one for 10 seconds.",
                "Record the last stage you reached and how many seconds you held it.",
            ),
            "end a stage as soon as you move your feet or reach for support.",
            f"tandem stance (stage {TANDEM_STAGE}) not held for {TANDEM_HOLD:g} seconds: "
            "at risk of falling",
            f"{STEADI}, 4-Stage Balance Test form, 2017",
        ),
        Test(
            "grip",
            "Grip strength",
            "KG",
            "oneup test grip 24 (or 53lb)",
            "a hand-grip dynamometer (a physiotherapist or pharmacy may have one)",
            (
                "Sit with your elbow bent at a right angle, wrist straight.",
                "Squeeze as hard as you can for 3 seconds; twice with each hand.",
                "Record the best result of the stronger hand (kg, or lb as in 53lb).",
            ),
            "if your hand, wrist or elbow hurts.",
            f"under {GRIP_BELOW_KG['m']:g} kg (men), under {GRIP_BELOW_KG['f']:g} kg (women): "
            "probable low muscle strength",
            "EWGSOP2: Cruz-Jentoft AJ et al. Age Ageing 2019;48:16-31",
        ),
    )
}
assert tuple(TESTS) == TEST_NAMES


# --- reading what people typed --------------------------------------------------------------


def test_name(text: str, field: str = "test") -> TestName:
    from ..parse import FieldError

    name = text.strip().lower()
    if name not in TESTS:
        raise FieldError(field, text, f"is not a test: use {', '.join(TESTS)} (oneup test)")
    return TESTS[name].name


def measure(name: TestName, values: Sequence[str], field: str = "result") -> Measured:
    """The result typed after the test's name, checked: one value, or two for four-stage."""
    from ..parse import FieldError, whole

    test = TESTS[name]
    wanted = 2 if name == "four-stage" else 1
    if name == "grip" and len(values) == 2 and values[1].strip().lower() in ("kg", "lb", "lbs"):
        values = ["".join(values)]  # oneup test grip 60 lb
    if not values:
        raise FieldError(
            "test", name, f"needs its result after it: {test.usage}, e.g. {test.example}"
        )
    if len(values) != wanted:
        raise FieldError(
            field,
            " ".join(values),
            f"is not a {test.title.lower()} result: write {test.usage}, e.g. {test.example}",
        )
    text = values[-1]
    if name == "chair-stand":
        count = whole(text)
        if count is None or count > MAX_COUNT:
            raise FieldError(
                field, text, f"is not a number of stands: a whole number from 0 to {MAX_COUNT}"
            )
        return Measured(name, count=count)
    if name == "grip":
        return Measured(name, grip=_grip(text, field))
    seconds = _seconds(text, field, MAX_TUG if name == "tug" else MAX_HOLD)
    if name == "tug":
        if seconds == 0:
            raise FieldError(field, text, "is not a time: the test takes more than 0 seconds")
        return Measured(name, seconds=seconds)
    stage = whole(values[0])
    if stage is None or not 1 <= stage <= 4:
        raise FieldError(field, values[0], "is not a stage: the stages are 1, 2, 3 and 4")
    return Measured(name, stage=stage, seconds=seconds)


def _seconds(text: str, field: str, most: float) -> float:
    from ..parse import FieldError, decimal

    value = decimal(text.strip().removesuffix("s"))
    if value is None or not 0 <= value <= most:
        raise FieldError(field, text, f"is not a number of seconds from 0 to {most:g}")
    return value + 0.0


def _grip(text: str, field: str) -> Weight:
    from ..parse import FieldError, decimal

    word = text.strip().lower().replace(" ", "")
    unit = Unit.kg
    for suffix, u in (("lbs", Unit.lb), ("lb", Unit.lb), ("kg", Unit.kg)):
        if word.endswith(suffix):
            word, unit = word.removesuffix(suffix), u
            break
    value = decimal(word) if "," not in word else None
    if value is None or not 0 < value <= MAX_GRIP[unit]:
        raise FieldError(
            field,
            text,
            f"is not a grip strength: a weight above 0 and up to {MAX_GRIP[Unit.kg]:g} kg, "
            "e.g. 24 or 53lb",
        )
    return Weight(value, unit)


# --- results from the log --------------------------------------------------------------------


class TestResult(msgspec.Struct, frozen=True):
    """One recorded test: the record's id, the day of the test, what was measured."""

    __test__ = False  # not a pytest class

    id: str
    date: dt.date
    measured: Measured

    @property
    def name(self) -> TestName:
        return self.measured.name


def test_results(records: Iterable[LogRecord]) -> list[TestResult]:
    """The effective test records (voids applied) of every readable record, by date."""
    records = list(records)
    voided = {r.voids for r in records if r.kind == "void"}
    found = [
        TestResult(r.id, r.date, r.test)
        for r in records
        if r.kind == "test" and r.test is not None and r.date is not None and r.id not in voided
    ]
    return sorted(found, key=lambda t: t.date)  # stable: the same day keeps file order


def latest(results: Iterable[TestResult]) -> dict[str, TestResult]:
    """The most recent result of each test, in the order of TESTS."""
    last: dict[str, TestResult] = {}
    for r in sorted(results, key=lambda t: t.date):
        last[r.name] = r
    return {name: last[name] for name in TESTS if name in last}


# --- verdicts --------------------------------------------------------------------------------


class Status(enum.StrEnum):
    below = "below"  # under the cut-off: at risk of falling, or probable low strength
    fine = "fine"  # not under the cut-off
    needs = "needs"  # born or sex missing from the profile: no verdict
    outside = "outside"  # an age the table does not cover


class Verdict(msgspec.Struct, frozen=True):
    name: TestName
    status: Status
    cutoff: float | None = None  # the number the result was read against
    band: str | None = None  # chair stand: the age band, "75-79"
    age: int | None = None
    missing: tuple[str, ...] = ()  # "born", "sex"
    weak: bool = False  # a weak screen alone (the timed up and go)

    @property
    def falls(self) -> bool:
        """Suggests a higher risk of falling (grip says strength, not falls)."""
        return self.status == Status.below and self.name in ("chair-stand", "four-stage", "tug")


def age_on(born: int, day: dt.date) -> int:
    """The age reached in the year of `day` (a profile holds the year of birth only)."""
    return day.year - born


def chair_stand_cutoff(age: int, sex: Sex) -> tuple[int, str] | None:
    """The count below which a chair stand is below average, and its band; None outside."""
    first, last = CHAIR_STAND_AGES
    if not first <= age <= last:
        return None
    band = first + (age - first) // 5 * 5
    men, women = CHAIR_STAND_BELOW[band]
    return (men if sex == "m" else women), f"{band}-{band + 4}"


def grip_kg(w: Weight) -> float:
    return w.value if w.unit == Unit.kg else w.value / LB_PER_KG


def verdict(
    name: TestName, measured: Measured, born: int | None, sex: Sex | None, on_date: dt.date
) -> Verdict:
    """How a result reads against its published cut-off (see the module's docstring)."""
    if name == "tug":
        assert measured.seconds is not None
        below = measured.seconds >= TUG_AT_RISK
        return Verdict(name, Status.below if below else Status.fine, TUG_AT_RISK, weak=True)
    if name == "four-stage":
        assert measured.stage is not None and measured.seconds is not None
        held = measured.stage > TANDEM_STAGE or (
            measured.stage == TANDEM_STAGE and measured.seconds >= TANDEM_HOLD
        )
        return Verdict(name, Status.fine if held else Status.below, TANDEM_HOLD)
    if name == "grip":
        assert measured.grip is not None
        if sex is None:
            return Verdict(name, Status.needs, missing=("sex",))
        cut = GRIP_BELOW_KG[sex]
        return Verdict(name, Status.below if grip_kg(measured.grip) < cut else Status.fine, cut)
    assert measured.count is not None
    missing = tuple(f for f, v in (("born", born), ("sex", sex)) if v is None)
    if missing:
        return Verdict(name, Status.needs, missing=missing)
    assert born is not None and sex is not None
    age = age_on(born, on_date)
    found = chair_stand_cutoff(age, sex)
    if found is None:
        return Verdict(name, Status.outside, age=age)
    cut, band = found
    status = Status.below if measured.count < cut else Status.fine
    return Verdict(name, status, cut, band, age)


def verdicts(
    last: Mapping[str, TestResult], born: int | None, sex: Sex | None
) -> dict[str, Verdict]:
    return {n: verdict(r.name, r.measured, born, sex, r.date) for n, r in last.items()}


def at_risk_of_falling(found: Mapping[str, Verdict]) -> list[Verdict]:
    """The results that suggest a higher risk of falling: chair stand and 4-stage balance.
    A slow timed up and go alone is a weak screen and never counts by itself."""
    return [v for v in found.values() if v.falls and not v.weak]


# --- re-tests --------------------------------------------------------------------------------


def next_due(results: Iterable[TestResult]) -> dict[str, dt.date]:
    """The day each test tested so far is due again (RETEST_EVERY after its latest result)."""
    return {name: r.date + RETEST_EVERY for name, r in latest(results).items()}


def retest_due(results: Iterable[TestResult], today: dt.date) -> dt.date | None:
    """The earliest day a re-test fell due, if one is due on `today`; None if none is (or no
    test was ever recorded)."""
    due = [d for d in next_due(results).values() if d <= today]
    return min(due) if due else None
