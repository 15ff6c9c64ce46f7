"""The value parsers (parse.py): a bad value raises FieldError(field, value, hint), and each
front end names the field in its own words: --weeks on the command line, the column in a
roster, weeks= in the Python API."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneup_cli import api, parse
from oneup_cli.model import Unit
from oneup_cli.parse import FieldError

from .conftest import REPO

MON = dt.date(2026, 1, 5)


def test_a_field_error_carries_the_field_the_value_and_a_hint():
    with pytest.raises(FieldError) as e:
        parse.weeks("three")
    assert (e.value.field, e.value.value) == ("weeks", "three")
    assert e.value.hint == "is not a range of weeks such as 3-5"
    assert e.value.worded("--weeks") == "--weeks 'three' is not a range of weeks such as 3-5"
    assert e.value.worded("weeks") == "weeks 'three' is not a range of weeks such as 3-5"
    assert e.value.message == "weeks='three' is not a range of weeks such as 3-5"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: parse.date("2026-02-30", "start"), "start='2026-02-30' is not a real date"),
        (lambda: parse.date("1066-10-14"), "date='1066-10-14' is too far away"),
        (lambda: parse.units("stone"), "units='stone' is not a unit: use kg or lb"),
        (lambda: parse.days("mon,mon"), "days='mon,mon' lists 'mon' twice"),
        (lambda: parse.weeks("5-2"), "weeks=5-2 runs backwards: write 2-5"),
        (lambda: parse.weeks("0-2"), "weeks='0-2': weeks count from 1"),
        (lambda: parse.effort("hard"), "rpe='hard' is not a number"),
        (lambda: parse.effort("11"), "rpe=11 is off the scale"),
        (lambda: parse.support("wobbly"), "support='wobbly' is not a level"),
        (lambda: parse.paper("a5"), "paper='a5' is not a paper size: use a4 or letter"),
        (lambda: parse.plan_format("docx"), "format='docx' is not a format: choose text"),
        (lambda: parse.yes_no("maybe", "cleared"), "cleared='maybe' is not yes or no"),
    ],
)
def test_the_parsers_say_what_is_wrong_in_the_apis_words(call, message):
    with pytest.raises(FieldError) as e:
        call()
    assert e.value.message.startswith(message)


def test_the_api_names_its_keywords(oneup_home):
    program = api.load_program("balance")
    with pytest.raises(api.UsageError) as e:
        api.new_profile(program, units="stone")
    assert e.value.message == "units='stone' is not a unit: use kg or lb"
    person = api.new_profile(program, start=MON)
    with pytest.raises(api.UsageError) as e:
        api.plan_weeks(program, person, weeks="three", today=MON)
    assert e.value.message == "weeks='three' is not a range of weeks such as 3-5"
    with pytest.raises(api.UsageError) as e:
        api.bulk(oneup_home / "roster.csv", oneup_home / "out", fmt="docx")
    assert e.value.message.startswith("fmt='docx' is not a format")
    with pytest.raises(api.UsageError) as e:
        api.bulk(oneup_home / "roster.csv", oneup_home / "out", weeks="4-1")
    assert e.value.message == "weeks=4-1 runs backwards: write 1-4"


def test_the_command_line_names_its_options(run):
    assert run("start", "balance", "--start", "2026-01-05").exit_code == 0
    for args, message in [
        (["history", "--since", "yesterday"], "--since 'yesterday' is not a real date"),
        (["plan", "--weeks", "3-1"], "--weeks 3-1 runs backwards: write 1-3"),
        (["log", "one-leg-stand", "2x10s", "--support", "x"], "--support 'x' is not a level"),
        (["bulk", "-", "--out", "o", "--jobs", "0"], "--jobs 0: use 1 or more processes"),
        (["plan", "-f", "md", "--template", "t.typ"], "--template t.typ is a template for PDF"),
    ]:
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"Error: {message}"), result.stderr


def test_a_roster_names_its_columns(run, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(
        'name,units,days,start\nAna,stone,,\nBo,kg,"mon,funday",\nCy,kg,,2026-13-01\n'
    )
    result = run("bulk", str(roster), "--out", str(tmp_path / "out"), "-f", "md")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "row 2 (Ana): units 'stone' is not a unit: use kg or lb"
    assert lines[1].startswith("row 3 (Bo): days 'funday' is not a weekday")
    assert lines[2].startswith("row 4 (Cy): start '2026-13-01' is not a real date")
    assert "--" not in "\n".join(lines[:3])


def test_no_message_is_rewritten_by_a_regular_expression():
    """The words of a field come from the front end, never from editing a message."""
    for path in (REPO / "src" / "oneup_cli").rglob("*.py"):
        for call in re.findall(r"re\.sub\([^)]*--", path.read_text()):
            pytest.fail(f"{path.name}: {call}")


def test_every_bad_value_names_its_field_on_the_command_line(run):
    for args, message in [
        (["--days", "mon,funday"], "--days 'funday' is not a weekday: use mon, tue, wed,"),
        (["--equipment", "rocks"], "--equipment 'rocks' is not equipment oneup knows"),
        (["--load", "goblet-squat=ten"], "--load 'ten' is not a weight such as 10kg or 22lb"),
        (["--load", "goblt-squat=10"], "--load 'goblt-squat' is not in the exercise library."),
        (["--1rm", "barbell-deadlift=0"], "--1rm '0' for barbell-deadlift is not a sensible load"),
    ]:
        result = run("start", "prevention", *args)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"Error: {message}"), result.stderr
    assert run("start", "prevention").exit_code == 0
    result = run("done", "--skip", "goblt-squat")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(
        "Error: --skip 'goblt-squat' is not in the exercise library. Did you mean 'goblet-squat'?"
    )


def test_the_equipment_choices_name_each_kit_once():
    with pytest.raises(FieldError) as e:
        parse.equipment("rocks")
    choices = e.value.hint.partition("choose from ")[2].split(", ")
    assert choices[:3] == ["none", "home", "gym"]
    assert len(choices) == len(set(choices))


def test_a_missing_exercise_names_its_field_or_reads_as_a_sentence_alone(oneup_home):
    library = api.load_library()
    with pytest.raises(FieldError) as e:
        parse.exercise(library, "goblt-squat", "skip")
    assert str(e.value) == e.value.message
    assert e.value.message.startswith("skip='goblt-squat' is not in the exercise library.")
    assert e.value.worded("").startswith("no exercise called 'goblt-squat'. Did you mean")


# --- numbers people type: ASCII digits only (issue 10) ----------------------------------------

FULLWIDTH_SEVEN, ARABIC_INDIC_SEVEN = "\uff17", "\u0667"


@pytest.mark.parametrize(
    "text",
    [FULLWIDTH_SEVEN, ARABIC_INDIC_SEVEN, "\u00b2", "1_0", "1e1", "inf", "nan", "", " ", "7.5.1",
     "+7", "0x7", "7 .5", "\u0037\u0301"],
)  # fmt: skip
def test_an_effort_not_in_ascii_digits_is_not_a_number(text):
    with pytest.raises(FieldError) as e:
        parse.effort(text)
    assert e.value.hint.startswith("is not a number")


@pytest.mark.parametrize(
    ("text", "value"), [("7", 7.0), (" 7.5 ", 7.5), ("7,5", 7.5), ("0", 0.0), ("10", 10.0)]
)
def test_an_effort_in_ascii_digits_is_read(text, value):
    assert parse.effort(text) == value


@pytest.mark.parametrize(
    ("call", "text"),
    [
        (parse.weeks, "\uff13"),
        (parse.weeks, "\u0661-\u0662"),
        (parse.weeks, "1_0"),
        (parse.weeks, "3-1_0"),
        (parse.week_number, "\uff13"),
        (parse.week_number, "1e1"),
        (parse.week_number, "9" * 400),
        (parse.processes, "\uff14"),
        (parse.processes, "4.0"),
        (parse.date, "\uff12\uff10\uff12\uff16-01-05"),
        (parse.date, "2026-01-0\u0665"),
        (parse.date, ""),
        (parse.date, "2026-1-5"),
    ],
)
def test_weeks_jobs_and_dates_in_other_digits_are_refused(call, text):
    with pytest.raises(FieldError):
        call(text)


def test_a_load_in_other_digits_is_refused(oneup_home):
    library = api.load_library()
    for amount in ["\uff11\uff10kg", "1_0", "1e1kg", "nankg", "infkg", "\u0661\u0660"]:
        with pytest.raises(FieldError):
            parse.loads(library, [f"goblet-squat={amount}"], Unit.kg)
    assert parse.loads(library, ["goblet-squat=10"], Unit.kg)["goblet-squat"].value == 10


@given(st.text(max_size=20))
def test_any_effort_text_is_on_the_scale_or_a_field_error(text):
    try:
        value = parse.effort(text)
    except FieldError as e:  # the value shown, its control characters as escapes
        assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in e.value)
    else:
        assert 0 <= value <= 10 and text.strip().replace(",", "").replace(".", "").isascii()


def test_a_record_more_than_a_year_ahead_is_refused():
    today = dt.date(2026, 3, 2)
    assert parse.record_date(dt.date(2027, 3, 2), today) == dt.date(2027, 3, 2)
    with pytest.raises(FieldError) as e:
        parse.record_date(dt.date(2099, 1, 1), today)
    assert e.value.message == (
        "date='2099-01-01' is more than a year ahead: a record is of something done "
        "(today is 2026-03-02)"
    )


def test_a_note_of_more_than_a_thousand_characters_is_refused():
    assert parse.note("x" * 1000) == "x" * 1000
    with pytest.raises(FieldError) as e:
        parse.note("x" * 1001)
    assert e.value.message == (
        "note='xxxxxxxxxxxxxxxxxxxx...' is 1,001 characters long: keep a note to 1,000 or fewer"
    )


@pytest.mark.parametrize(
    ("name", "code"),
    [("Ana\u202eziuR", "202E"), ("Ana\u200b", "200B"), ("\u2066Ana\u2069", "2066"),
     ("Ana\x1b[31m", "001B"), ("Ana\tRuiz", "0009"), ("\ufeffAna", "FEFF")],
)  # fmt: skip
def test_a_name_with_an_invisible_control_character_is_refused(name, code):
    with pytest.raises(FieldError) as e:
        parse.name(name, "client")
    assert f"has an invisible control character in it (U+{code})" in e.value.message
    assert e.value.value.isprintable()  # the message shows the character, never sends it


def test_names_in_any_script_with_ordinary_spaces_are_kept():
    for name in ["Ana Ruiz", "Zoë Łukasiewicz", "محمد علي", "李 小龍", "O'Brien-Smith"]:
        assert parse.name(name) == name


@pytest.mark.parametrize("text", ["-0", "-0.0", "-0,0", "0"])
def test_an_effort_of_minus_zero_is_zero(text):
    value = parse.effort(text)
    assert value == 0 and math.copysign(1.0, value) == 1.0
    assert math.copysign(1.0, parse.check_effort(-0.0)) == 1.0
