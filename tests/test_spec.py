"""The SPEC of `oneup log EXERCISE SPEC`: what each form means, and the one-line errors."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneup_cli.errors import ExitCode, UsageError
from oneup_cli.model import Measure, SetRecord, Unit, Weight
from oneup_cli.spec import MAX_AMOUNT, MAX_LOAD, MAX_SETS, MIN_SECONDS, format_sets, parse_spec

KG, LB = Unit.kg, Unit.lb
REPS, SECONDS, IMPACTS, MINUTES = Measure.reps, Measure.seconds, Measure.impacts, Measure.minutes


def reps(n: int, value: float | None = None, unit: Unit = KG) -> SetRecord:
    return SetRecord(reps=n, load=None if value is None else Weight(value, unit))


@pytest.mark.parametrize(
    ("spec", "measure", "expected"),
    [
        ("3x8@20kg", REPS, [reps(8, 20.0)] * 3),
        ("8,8,6@45lb", REPS, [reps(8, 45.0, LB), reps(8, 45.0, LB), reps(6, 45.0, LB)]),
        ("2x30s", SECONDS, [SetRecord(seconds=30.0)] * 2),
        ("5x10", REPS, [reps(10)] * 5),
        ("5x10", IMPACTS, [SetRecord(impacts=10)] * 5),
        ("1x20min", MINUTES, [SetRecord(minutes=20.0)]),
        ("3x8@20", REPS, [reps(8, 20.0)] * 3),
        ("10", REPS, [reps(10)]),
        ("3x8@22.5kg", REPS, [reps(8, 22.5)] * 3),
        ("3x10@bw", REPS, [reps(10)] * 3),
        ("3x10@0", REPS, [reps(10)] * 3),
        ("3X8@20KG", REPS, [reps(8, 20.0)] * 3),
        ("3x8@20lbs", REPS, [reps(8, 20.0, LB)] * 3),
        ("3 x 8 @ 20 kg", REPS, [reps(8, 20.0)] * 3),
        ("8, 8, 6 @ 45 lb", REPS, [reps(8, 45.0, LB), reps(8, 45.0, LB), reps(6, 45.0, LB)]),
        ("3\u00d78@20kg", REPS, [reps(8, 20.0)] * 3),
        ("30,30,20sec", SECONDS, [SetRecord(seconds=s) for s in (30.0, 30.0, 20.0)]),
        ("2x30", SECONDS, [SetRecord(seconds=30.0)] * 2),
        ("1x20", MINUTES, [SetRecord(minutes=20.0)]),
        ("2x45s@5kg", SECONDS, [SetRecord(seconds=45.0, load=Weight(5.0, KG))] * 2),
        ("3x8reps", REPS, [reps(8)] * 3),
    ],
)
def test_spec_means_what_it_says(spec: str, measure: Measure, expected: list[SetRecord]) -> None:
    assert parse_spec(spec, measure, KG) == expected


def test_a_weight_without_a_unit_takes_the_profiles_unit() -> None:
    assert parse_spec("3x8@45", REPS, LB) == [reps(8, 45.0, LB)] * 3
    assert parse_spec("3x8@20kg", REPS, LB) == [reps(8, 20.0, KG)] * 3


def test_weights_are_kept_as_entered_not_converted() -> None:
    (first, *_) = parse_spec("3x8@22.5lb", REPS, KG)

    assert first.load == Weight(22.5, LB)


EX_REPS = "write it like 3x8@20kg (3 sets of 8 at 20 kg)"
WEIGHT_HINT = "write it like 3x8@20kg, or 3x8@bw for body weight"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("3x@kg", f"a number is missing after '3x': {EX_REPS}"),
        ("-2x8", f"numbers cannot be negative: {EX_REPS}"),
        ("3x8@20stone", "unknown unit 'stone': use kg or lb, as in 3x8@20kg"),
        ("0x8", f"the number of sets must be at least 1: {EX_REPS}"),
        ("3x0", f"each set needs more than 0 reps: {EX_REPS}"),
        ("100x8", f"100 sets looks like a typo (at most 20 can be logged at once): {EX_REPS}"),
        ("", f"no sets given: {EX_REPS}"),
        ("   ", f"no sets given: {EX_REPS}"),
        ("3x8@-5kg", f"the weight cannot be negative: {WEIGHT_HINT}"),
        ("3x8@501kg", "501 kg looks like a typo (at most 500 kg or 1100 lb): check the weight"),
        ("3x8@1101lb", "1101 lb looks like a typo (at most 500 kg or 1100 lb): check the weight"),
        ("8 8 6", f"could not read the sets '8 8 6': {EX_REPS}"),
        ("3x8kg", "put an @ before the weight, as in 3x8@20kg"),
        ("3x8.5", "reps are whole numbers: write 8, not 8.5"),
        ("x8", f"the number of sets is missing before 'x': {EX_REPS}"),
        ("3x8@22,5kg", "write decimals with a point: @22.5kg, not @22,5kg"),
        ("3x8@20@kg", "use one @, just before the weight, as in 3x8@20kg"),
        ("8,,6", f"a number is missing between the commas: {EX_REPS}"),
        ("3x8@", f"the weight after @ is missing: {WEIGHT_HINT}"),
        ("3x8@kg", f"the weight after @ needs a number: {WEIGHT_HINT}"),
        ("@20kg", f"no sets given before the @: {EX_REPS}"),
        ("3x5000", "5000 reps in one set looks like a typo (at most 1000): check the number"),
        ("3x8@1.2345kg", "use at most 3 decimal places in the weight, as in 3x8@20.5kg"),
        ("3x8x2", f"could not read the sets '3x8x2': {EX_REPS}"),
        ("3x8,8", f"could not read the sets '3x8,8': {EX_REPS}"),
        ("lots", f"could not read the sets 'lots': {EX_REPS}"),
        ("3x8zz", f"unknown unit 'zz' after 8: {EX_REPS}"),
        ("3x8@20kg!", f"could not read the weight '20kg!': {WEIGHT_HINT}"),
        (
            "9" * 30 + "x8",
            f"so many sets looks like a typo (at most 20 can be logged at once): {EX_REPS}",
        ),
        ("1" * 5000, "so many reps in one set looks like a typo (at most 1000): check the number"),
    ],
)
def test_bad_spec_is_one_clear_line_with_an_example(spec: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_spec(spec, REPS, KG)

    assert caught.value.message == message
    assert caught.value.code == ExitCode.USAGE
    assert "\n" not in caught.value.message


EX_HOLD = "write it like 2x30s (2 holds of 30 seconds)"


@pytest.mark.parametrize(
    ("spec", "measure", "message"),
    [
        ("3x0.5s", SECONDS, f"a hold of 0.5 seconds is shorter than 1 second: {EX_HOLD}"),
        ("2x0.9", SECONDS, f"a hold of 0.9 seconds is shorter than 1 second: {EX_HOLD}"),
        ("1x0.01min", MINUTES, "a hold of 0.01 minutes is shorter than 1 second"),
        ("3x\uff18", REPS, "could not read the sets"),
        ("3x\u0668", REPS, "could not read the sets"),
        ("3x8@1e999kg", REPS, "could not read the weight '1e999kg'"),
        ("3x8@nan kg", REPS, "could not read the sets '3x8@nan kg'"),
        ("3x8@inf", REPS, "unknown unit 'inf'"),
        ("3x1_0", REPS, "could not read the sets '3x1_0'"),
    ],
)
def test_holds_under_a_second_and_numbers_not_in_ascii_digits_are_refused(
    spec: str, measure: Measure, message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        parse_spec(spec, measure, KG)
    assert caught.value.message.startswith(message)


def test_a_suffix_that_contradicts_the_exercise_names_it() -> None:
    with pytest.raises(UsageError) as caught:
        parse_spec("2x30s", REPS, KG, name="squat")
    assert caught.value.message == (
        "squat is counted in reps, not seconds: write it like 3x8@20kg (3 sets of 8 at 20 kg)"
    )

    with pytest.raises(UsageError) as caught:
        parse_spec("1x2min", SECONDS, KG)
    assert caught.value.message == (
        "this exercise is counted in seconds, not minutes: "
        "write it like 2x30s (2 holds of 30 seconds)"
    )


@pytest.mark.parametrize(
    ("measure", "unit", "example"),
    [
        (REPS, LB, "write it like 3x8@45lb (3 sets of 8 at 45 lb)"),
        (SECONDS, KG, "write it like 2x30s (2 holds of 30 seconds)"),
        (IMPACTS, KG, "write it like 5x10 (5 sets of 10)"),
        (MINUTES, KG, "write it like 1x20min (20 minutes)"),
    ],
)
def test_examples_in_messages_fit_the_exercise_and_unit(
    measure: Measure, unit: Unit, example: str
) -> None:
    with pytest.raises(UsageError) as caught:
        parse_spec("0x8", measure, unit)

    assert caught.value.message == f"the number of sets must be at least 1: {example}"


@pytest.mark.parametrize(
    ("sets", "text"),
    [
        ([reps(8, 20.0)] * 3, "3 x 8 @ 20 kg"),
        ([reps(8, 45.0, LB), reps(8, 45.0, LB), reps(6, 45.0, LB)], "8, 8, 6 @ 45 lb"),
        ([SetRecord(seconds=30.0)] * 2, "2 x 30 s"),
        ([SetRecord(minutes=20.0)], "1 x 20 min"),
        ([SetRecord(impacts=10)] * 5, "5 x 10"),
        ([reps(8, 22.5)] * 3, "3 x 8 @ 22.5 kg"),
        ([reps(8, 20.0), reps(8, 22.5)], "8 @ 20 kg, 8 @ 22.5 kg"),
        ([reps(10)], "1 x 10"),
        ([], ""),
    ],
)
def test_sets_format_back_to_the_compact_form(sets: list[SetRecord], text: str) -> None:
    assert format_sets(sets) == text


def _spec_sets(measure: Measure) -> st.SearchStrategy[list[SetRecord]]:
    """Any sets `parse_spec` can produce for `measure`."""
    most = MAX_AMOUNT[measure]
    if measure in (REPS, IMPACTS):
        amount: st.SearchStrategy[float] = st.integers(1, int(most))
    else:  # up to two decimals, as people write them; a hold of at least a second
        least = MIN_SECONDS * 100 if measure == SECONDS else 2  # 0.02 min is 1.2 s
        amount = st.integers(least, int(most) * 100).map(lambda c: c / 100)
    load = st.none() | st.sampled_from(Unit).flatmap(
        lambda unit: st.integers(1, int(MAX_LOAD[unit]) * 1000).map(
            lambda grams: Weight(grams / 1000, unit)
        )
    )
    amounts = st.tuples(st.integers(1, MAX_SETS), amount).map(lambda t: [t[1]] * t[0]) | st.lists(
        amount, min_size=1, max_size=MAX_SETS
    )

    def one(v: float, weight: Weight | None) -> SetRecord:
        if measure == REPS:
            return SetRecord(reps=int(v), load=weight)
        if measure == IMPACTS:
            return SetRecord(impacts=int(v), load=weight)
        if measure == SECONDS:
            return SetRecord(seconds=v, load=weight)
        return SetRecord(minutes=v, load=weight)

    def build(values: list[float], weight: Weight | None) -> list[SetRecord]:
        return [one(v, weight) for v in values]

    return st.builds(build, amounts, load)


@given(data=st.data(), measure=st.sampled_from(Measure), unit=st.sampled_from(Unit))
def test_formatted_sets_parse_back_to_the_same_sets(
    data: st.DataObject, measure: Measure, unit: Unit
) -> None:
    sets = data.draw(_spec_sets(measure))

    assert parse_spec(format_sets(sets), measure, unit) == sets


# Text that looks like a SPEC more often than any text does: digits (ASCII and others), the
# times signs, @, units, decimals, signs and words Python's float() would take.
_SPEC_LIKE = st.lists(
    st.sampled_from(
        [
            *"0123456789",
            "x",
            "\u00d7",
            "*",
            "@",
            ",",
            ".",
            "-",
            "+",
            " ",
            "_",
            "e",
            "s",
            "kg",
            "lb",
            "min",
            "bw",
            "nan",
            "inf",
            "1e999",
            "\uff18",
            "\u0663",
            "\u00b2",
            "\x1b",
            "\n",
        ]
    ),
    max_size=20,
).map("".join)


def _within_bounds(sets: list[SetRecord], measure: Measure) -> None:
    assert 1 <= len(sets) <= MAX_SETS
    for s in sets:
        amount = getattr(s, measure.value)
        assert amount is not None and math.isfinite(amount) and 0 < amount <= MAX_AMOUNT[measure]
        if measure == SECONDS:
            assert amount >= MIN_SECONDS
        if measure == MINUTES:
            assert amount * 60 >= MIN_SECONDS
        if s.load is not None:
            assert math.isfinite(s.load.value) and 0 < s.load.value <= MAX_LOAD[s.load.unit]


@given(
    spec=st.text(max_size=40) | _SPEC_LIKE,
    measure=st.sampled_from(Measure),
    unit=st.sampled_from(Unit),
)
def test_any_text_either_parses_within_bounds_or_is_a_usage_error(
    spec: str, measure: Measure, unit: Unit
) -> None:
    """Never another exception: no ValueError, OverflowError, no NaN or infinity let in."""
    try:
        sets = parse_spec(spec, measure, unit)
    except UsageError as e:
        assert e.message and "\n" not in e.message
    else:
        _within_bounds(sets, measure)
        assert parse_spec(format_sets(sets), measure, unit) == sets
