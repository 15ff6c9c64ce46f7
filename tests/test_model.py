"""One model, one decoder: round trips, the cache that is only data, schemas from the model."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re
from pathlib import Path

import pytest
import yaml

from oneup_cli import log, paths, programs
from oneup_cli import profile as profiles
from oneup_cli.model import (
    Equipment,
    LogRecord,
    Profile,
    Program,
    SetRecord,
    Support,
    Unit,
    Weight,
    decode_json,
    encode_json,
    from_plain,
    to_plain,
)
from oneup_cli.validation import check_file

from .conftest import PROGRAMS, REPO

BUILTINS = ["prevention", "diagnosed-osteoporosis", "balance"]


# --- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("program_id", BUILTINS)
def test_a_program_written_back_reads_back_equal(program_id):
    program = programs.load_program(program_id)
    assert from_plain(Program, to_plain(program)) == program
    assert decode_json(encode_json(program), Program) == program
    # The plain form is the file format itself: it passes the checker like the YAML does.
    assert from_plain(Program, yaml.safe_load(yaml.safe_dump(to_plain(program)))) == program


def test_a_profile_saved_and_loaded_keeps_weights_as_entered():
    person = Profile(
        name="zoe",
        program="balance",
        start=dt.date(2026, 1, 5),
        days=["mon", "wed", "fri"],
        units=Unit.lb,
        equipment=[Equipment.chair, Equipment.dumbbells],
        loads={"goblet-squat": Weight(22.5, Unit.lb), "step-up": Weight(2.2046226218, Unit.kg)},
        one_rm={"barbell-deadlift": Weight(100.0, Unit.kg)},
    )
    path = profiles.save(person)
    text = path.read_text()

    back = profiles.load("zoe")

    assert back == person
    assert back is not None and back.loads["goblet-squat"].unit == Unit.lb
    assert '"goblet-squat": "22.5lb"' in text and '"step-up": "2.2046226218kg"' in text


def test_a_profile_with_an_unknown_field_is_damaged(oneup_home):
    person = Profile(name="ana", program="balance", start=dt.date(2026, 1, 5), days=["mon"])
    path = profiles.save(person)
    doc = json.loads(path.read_text())
    doc["colour"] = "blue"
    path.write_text(json.dumps(doc))
    with pytest.raises(Exception, match="is damaged") as caught:
        profiles.load("ana")
    assert "colour" in str(caught.value)


_GOOD_PROFILE = {"name": "ana", "program": "balance", "start": "2026-01-05", "days": ["mon"]}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the file is empty"),
        ('{"name": "ana",', "it is cut short"),
        ('{"name": "ana", x}', "it is not valid JSON (at character 16)"),
        ("[]", "it is not a record"),
        ("{}", "the field 'name' is missing"),
        (json.dumps({**_GOOD_PROFILE, "x": 1}), "'x' is not a field oneup knows"),
        (json.dumps({**_GOOD_PROFILE, "days": 5}), "'days' should be a list"),
        (json.dumps({**_GOOD_PROFILE, "start": "soon"}), "'start' is not a date"),
        (
            json.dumps({**_GOOD_PROFILE, "schema_version": 99}),
            "'schema_version' is not one oneup knows",
        ),
    ],
    ids=lambda x: None,
)
def test_a_damaged_profile_is_named_in_plain_words(oneup_home, text: str, reason: str) -> None:
    path = profiles.save(
        Profile(name="ana", program="balance", start=dt.date(2026, 1, 5), days=["mon"])
    )
    path.write_text(text)
    with pytest.raises(Exception) as caught:
        profiles.load("ana")
    assert str(caught.value) == f"profile {path} is damaged: {reason}"


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("Object missing required field `id`", "the field 'id' is missing"),
        ("Object contains unknown field `x`", "'x' is not a field oneup knows"),
        ("Invalid RFC3339 encoded datetime - at `$.at`", "'at' is not a date and time"),
        ("Expected `str` of length >= 1 - at `$.id`", "'id' should not be empty"),
        ("Expected `array`, got `int` - at `$.days`", "'days' should be a list"),
        (
            "Invalid enum value 99 - at `$.schema_version`",
            "'schema_version' is not one oneup knows",
        ),
        ("Expected `object`, got `array`", "it is not a record"),
        ("start 9999-12-31 is too far away", "start 9999-12-31 is too far away"),
    ],
    ids=lambda x: None,
)
def test_msgspec_messages_in_plain_words(message: str, reason: str) -> None:
    from oneup_cli.model import ValidationError, plain_reason

    assert plain_reason(ValidationError(message)) == reason


@pytest.mark.parametrize(
    ("message", "data", "reason"),
    [
        (
            "JSON is malformed: invalid character (byte 309)",
            "x",
            "it is not valid JSON (at character 309)",
        ),
        ("Input data was truncated", "", "the file is empty"),
        ("Input data was truncated", "{", "it is cut short"),
    ],
    ids=lambda x: None,
)
def test_msgspec_decode_errors_in_plain_words(message: str, data: str, reason: str) -> None:
    from oneup_cli.model import DecodeError, plain_reason

    assert plain_reason(DecodeError(message), data) == reason


def test_a_log_record_encoded_and_decoded_is_equal():
    record = LogRecord(
        id=log.new_id(),
        at=dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        date=dt.date(2026, 1, 5),
        exercise="one-leg-stand",
        sets=[SetRecord(seconds=30.0, support=Support.one_hand, load=Weight(1.0, Unit.kg))],
        rpe=6.5,
        note="Zoë Łukasiewicz",
    )
    line = log.encode(record)
    assert line.startswith(b'{"v":1,"id":')
    assert b'"at":"2026-01-05T09:30:00+01:00"' in line  # isoformat, offset kept
    assert decode_json(line, LogRecord) == record
    assert from_plain(LogRecord, to_plain(record)) == record


# --- the cache is only data --------------------------------------------------------------------


class _Explodes:
    """Unpickling this would create a file: proof that a cache file was executed."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _cache_files() -> list[Path]:
    return sorted(paths.cache_dir().glob("program-*.json"))


@pytest.mark.parametrize("junk", ["pickle", "garbage", "empty", "wrong-type"])
def test_a_foreign_or_damaged_cache_file_is_ignored_and_rebuilt(tmp_path, junk):
    programs.forget_loaded()  # each load below as a new process would make it
    expected = programs.load_program("balance")
    (entry,) = _cache_files()
    key, _ = json.loads(entry.read_bytes())
    marker = tmp_path / "executed"
    entry.write_bytes(
        {
            "pickle": pickle.dumps((entry.name, _Explodes(marker))),
            "garbage": b"\x80\x04\x95 not json {[",
            "empty": b"",
            "wrong-type": json.dumps(["key", {"exercises": []}]).encode(),
        }[junk]
    )

    programs.forget_loaded()
    assert programs.load_program("balance") == expected
    assert not marker.exists()
    assert json.loads(entry.read_bytes())[0] == key  # rebuilt, as JSON


def test_a_cached_program_edited_to_break_the_rules_is_not_trusted():
    """The audience rules run on every load, the cached copy included."""
    programs.forget_loaded()  # each load below as a new process would make it
    expected = programs.load_program("diagnosed-osteoporosis")
    (entry,) = _cache_files()
    key, doc = json.loads(entry.read_bytes())
    text = json.dumps(doc)
    hinge = re.search(r'"exercise": "([a-z-]*romanian-deadlift)"', text)
    assert hinge, "the fixture needs a lift to swap"
    doc = json.loads(text.replace(hinge.group(0), '"exercise": "barbell-deadlift"', 1))
    entry.write_text(json.dumps([key, doc]))

    programs.forget_loaded()
    assert programs.load_program("diagnosed-osteoporosis") == expected


def test_no_module_mentions_pickle():
    """Issue 9: no file under src/ mentions pickle, in any form (pickled, picklable...)."""
    src = REPO / "src"
    files = [p for p in src.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert any(p.name == "batch.py" for p in files)  # the walk reads the sources
    assert [p.name for p in files if b"pickl" in p.read_bytes().lower()] == []


# --- files people write ------------------------------------------------------------------------


def test_every_cross_field_mistake_is_reported_not_just_the_first(tmp_path):
    data = yaml.safe_load((PROGRAMS / "balance.yaml").read_text())
    items = data["phases"][0]["sessions"][0]["blocks"][0]["items"]
    assert len(items) >= 2
    for item in items[:2]:
        item["impacts"] = 10  # a second dose: each item has two now
    data["schedule"]["days_per_week"] = 0
    data["version"] = "two"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, sort_keys=False))

    _, problems = check_file(bad, programs.load_library())

    messages = [p.message for p in problems]
    assert sum("give exactly one of reps, seconds, impacts or minutes" in m for m in messages) == 2
    assert "schedule.days_per_week: does not fit any of the allowed forms" in messages
    assert "version: should be a whole number" in messages
    assert all(p.line > 1 for p in problems), problems


def test_the_recent_summary_is_kept_even_when_a_note_holds_undecodable_bytes(tmp_path):
    """msgspec cannot write a lone surrogate; the cache falls back to escaping it."""
    from oneup_cli import cache, recent

    path = tmp_path / "log.jsonl"
    record = LogRecord(
        id=log.new_id(),
        at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC),
        date=dt.date(2026, 1, 5),
        exercise="goblet-squat",
        sets=[SetRecord(reps=8, load=Weight(10.0, Unit.kg))],
        note="caf\u00e9 \udcff",
    )
    log.append(path, record)

    records, _ = recent.recent_records(path, dt.date(2026, 1, 6))

    assert records == [record]
    summary = cache.load(cache.entry("recent", str(path.resolve())), recent.Summary)
    assert summary is not None and summary.records() == [record]


def test_numbers_written_as_text_and_yes_no_words_are_read_as_before(tmp_path):
    """The walker is as lenient as the pydantic checks it replaced, where that was sensible."""
    data = yaml.safe_load((PROGRAMS / "balance.yaml").read_text())
    data["version"] = "1"
    data["schedule"]["walk_days_per_week"] = 2.0
    item = data["phases"][0]["sessions"][0]["blocks"][0]["items"][0]
    item["sets"] = " 2 "
    item["requires"] = {"supervised": "no"}
    lenient = tmp_path / "lenient.yaml"
    lenient.write_text(yaml.safe_dump(data, sort_keys=False))

    program, problems = check_file(lenient, programs.load_library())

    assert problems == []
    assert program.version == 1 and program.schedule.walk_days_per_week == 2
    built = program.phases[0].sessions[0].blocks[0].items[0]
    assert built.sets == 2 and built.requires.supervised is False
    assert decode_json(encode_json(program), Program) == program  # the cache reads it back


def test_msgspec_still_names_the_bad_field_at_the_end_of_its_message():
    """model.error_path reads the path out of msgspec's message, the only place it is given."""
    import msgspec

    from oneup_cli.model import ValidationError, error_path

    sets = msgspec.defstruct("Set", [("reps", int)])
    record = msgspec.defstruct("Record", [("sets", list[sets])])  # type: ignore[valid-type]
    with pytest.raises(ValidationError) as e:
        msgspec.json.decode(b'{"sets": [{"reps": "x"}]}', type=record)
    assert str(e.value) == "Expected `int`, got `str` - at `$.sets[0].reps`"
    assert error_path(e.value) == "$.sets[0].reps"
    assert not any(a in vars(e.value) for a in ("path", "loc")), "msgspec now says it: use that"
    assert error_path(ValidationError("Object missing required field `id`")) is None


def test_a_program_loaded_again_in_one_process_is_checked_once_and_again_after_an_edit(
    tmp_path, monkeypatch
):
    from oneup_cli import validation

    checks = []
    real = validation.check_file
    monkeypatch.setattr(validation, "check_file", lambda *a: checks.append(a) or real(*a))
    mine = tmp_path / "mine.yaml"
    text = (PROGRAMS / "balance.yaml").read_text()
    mine.write_text(text)
    programs.forget_loaded()
    first = programs.load_program_file(mine)
    assert programs.load_program_file(mine) is first
    assert [a[0] for a in checks].count(mine) == 1

    mine.write_text(text.replace("name: ", "name: My ", 1))
    assert programs.load_program_file(mine).name.startswith("My ")


# --- values that are not numbers, numbers that are not sane (issue 10) --------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (float("nan"), "cannot be .nan"),
        (float("inf"), "far too large"),
        (float("-inf"), "negative"),
        (10**400, "far too large"),
        (-(10**400), "negative"),
        (1e300, "far too large"),
        ("8-" + "9" * 400, "far too large"),
        ("1e999", "is not a number or a range"),
        ("\u0668-\u0661\u0662", "is not a number or a range"),  # Arabic-Indic digits
        ("\uff18", "is not a number or a range"),  # a fullwidth 8
        (True, "expected a number"),
        ("\x1b[2J", "'\\x1b[2J' is not a number"),  # shown escaped, never raw
    ],
)
def test_a_range_refuses_nan_infinity_and_absurd_magnitudes(value, message):
    from oneup_cli.model import Range

    with pytest.raises(ValueError, match=re.escape(message)):
        Range.parse(value)


def test_a_range_still_reads_what_programs_write():
    from oneup_cli.model import Range

    assert Range.parse("8-12") == Range(8.0, 12.0)
    assert Range.parse(" 30 ") == Range(30.0, 30.0)
    assert Range.parse(100_000) == Range(100_000.0, 100_000.0)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e999kg", "is not a weight"),
        ("9" * 400 + "kg", "far too large"),
        ("10001kg", "far too large"),
        ("22047lb", "far too large"),
        ({"value": float("nan"), "unit": "kg"}, "cannot be .nan"),
        ({"value": float("inf"), "unit": "kg"}, "far too large"),
        ({"value": 10**400, "unit": "lb"}, "far too large"),
        ({"value": -5, "unit": "kg"}, "negative"),
        ({"value": True, "unit": "kg"}, "is not a weight"),
        ({"value": 5, "unit": "stone"}, "is not a weight"),
        ("\uff11\uff10kg", "is not a weight"),  # fullwidth digits
    ],
)
def test_a_weight_refuses_nan_infinity_and_absurd_magnitudes(value, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        Weight.parse(value)


def test_a_weight_still_reads_what_files_and_logs_write():
    assert Weight.parse("22.5kg") == Weight(22.5, Unit.kg)
    assert Weight.parse("45 LBS") == Weight(45.0, Unit.lb)
    assert Weight.parse({"value": 10, "unit": "kg"}) == Weight(10.0, Unit.kg)
    assert Weight.parse({"value": "2.5", "unit": "lb"}) == Weight(2.5, Unit.lb)


def test_a_cached_program_cannot_smuggle_a_dose_beyond_its_bound():
    """The bounds of an item are checked by its __post_init__, so msgspec's decoder (the cache)
    refuses what the file checker refuses."""
    import msgspec

    program = programs.load_program("balance")
    doc = json.loads(encode_json(program))
    item = doc["phases"][0]["sessions"][0]["blocks"][1]["items"][0]
    assert decode_json(json.dumps(doc), Program) == program
    item["reps"] = "8-5000"
    with pytest.raises(msgspec.ValidationError, match="must be at most 100"):
        decode_json(json.dumps(doc), Program)
    item["reps"] = "8-10"
    doc["version"] = 10**30
    with pytest.raises(msgspec.ValidationError):
        decode_json(json.dumps(doc), Program)


def test_a_bound_checked_after_the_fields_points_at_its_own_field(tmp_path):
    text = (PROGRAMS / "balance.yaml").read_text()
    assert "                rest: 60 " in text
    bad = tmp_path / "rest.yaml"
    bad.write_text(text.replace("                rest: 60 ", "                rest: 6000", 1))
    line = text[: text.index("                rest: 60 ")].count("\n") + 1
    _, problems = check_file(bad, programs.load_library())
    assert [(p.line, p.col) for p in problems] == [(line, 23)], problems
    assert problems[0].message.endswith(".rest: must be at most 900 (a default bound)")
