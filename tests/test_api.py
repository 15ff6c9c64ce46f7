"""The Python API: programs, in-memory profiles, days, weeks and every output format."""

from __future__ import annotations

import datetime as dt
import json
import textwrap

import jsonschema
import pytest

from oneup_cli import api
from oneup_cli.model import LogRecord, SetRecord, Unit, Weight

from .conftest import PROGRAMS, REPO

MON = dt.date(2026, 3, 2)


@pytest.fixture(scope="module")
def prevention():
    return api.load_program("prevention")


def test_the_module_docstring_example_runs(oneup_home, capsys):
    """The example the README shows (it is the module's docstring) works as written."""
    lines = [line for line in api.__doc__.splitlines() if line.startswith("    ") or not line]
    example = textwrap.dedent("\n".join(lines))
    exec(compile(example, "api-example", "exec"), {})
    assert capsys.readouterr().out.startswith("# Weekly plan for Ana Ruiz")


def test_load_program_by_id_by_path_and_by_text_path(tmp_path):
    by_id = api.load_program("balance")
    assert by_id.id == "balance"
    assert api.load_program(PROGRAMS / "balance.yaml") == by_id
    assert api.load_program(str(PROGRAMS / "balance.yaml")) == by_id


def test_unknown_program_is_a_usage_error_with_the_cli_message():
    with pytest.raises(api.UsageError) as e:
        api.load_program("prevent")
    assert e.value.message == (
        "no program called 'prevent'. Did you mean 'prevention'? `oneup programs list` shows them."
    )


def test_new_profile_is_in_memory_only(prevention, oneup_home):
    person = api.new_profile(
        prevention,
        start=MON,
        days="thu,mon",
        units="lb",
        equipment=["dumbbells", "bands"],
        supervised=True,
        loads={"Goblet squat": "20", "one-arm-dumbbell-row": Weight(15, Unit.lb)},
        one_rm={"barbell-deadlift": "60kg"},
    )
    assert (person.start, person.days, person.units) == (MON, ["mon", "thu"], Unit.lb)
    assert person.supervised and not person.vertebral_fracture
    assert person.loads == {
        "goblet-squat": Weight(20.0, Unit.lb),
        "one-arm-dumbbell-row": Weight(15.0, Unit.lb),
    }
    assert person.one_rm == {"barbell-deadlift": Weight(60.0, Unit.kg)}
    assert {e.value for e in person.equipment} >= {"dumbbells", "bands", "chair"}
    assert not (oneup_home / "profiles").exists()


def test_new_profile_defaults_to_the_programs_days_and_today(prevention):
    person = api.new_profile(prevention)
    assert person.start == dt.date.today()
    assert person.days == list(prevention.schedule.default_days)
    assert person.units == Unit.kg


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"days": "mon,funday"},
            "days='funday' is not a weekday: use mon, tue, wed, thu, fri, sat, sun",
        ),
        ({"units": "stone"}, "units='stone' is not a unit: use kg or lb"),
        (
            {"loads": {"goblet-squat": "heavy"}},
            "loads='heavy' is not a weight such as 10kg or 22lb",
        ),
        ({"loads": {"goblet-squat": 0}}, "loads='0' for goblet-squat is not a sensible load"),
    ],
)
def test_bad_profile_values_raise_usage_errors(prevention, options, message):
    with pytest.raises(api.UsageError) as e:
        api.new_profile(prevention, start=MON, **options)
    assert e.value.message == message


def test_plan_day_on_a_training_day_and_a_rest_day(prevention):
    person = api.new_profile(prevention, start=MON, days="mon,thu")
    monday = api.plan_day(prevention, person, MON)
    assert monday.training and monday.label == "A"
    tuesday = api.plan_day(prevention, person, MON + dt.timedelta(days=1))
    assert not tuesday.training and tuesday.next_label == "B"


@pytest.mark.parametrize(
    ("weeks", "numbers"),
    [(None, [3]), ("2-4", [2, 3, 4]), (5, [5]), ([1, 3], [1, 3]), (range(6, 8), [6, 7])],
)
def test_plan_weeks_takes_a_range_a_number_or_a_list(prevention, weeks, numbers):
    person = api.new_profile(prevention, start=MON)
    plan = api.plan_weeks(prevention, person, weeks=weeks, today=MON + dt.timedelta(weeks=2))
    assert [w.number for w in plan.weeks] == numbers
    assert plan.prospective


def test_plan_weeks_next_week(prevention):
    person = api.new_profile(prevention, start=MON)
    plan = api.plan_weeks(prevention, person, next_week=True, today=MON + dt.timedelta(weeks=2))
    assert [w.number for w in plan.weeks] == [4]
    with pytest.raises(api.UsageError):
        api.plan_weeks(prevention, person, weeks=2, next_week=True, today=MON)


def test_plan_weeks_past_the_end_is_a_usage_error(prevention):
    person = api.new_profile(prevention, start=MON)
    with pytest.raises(api.UsageError) as e:
        api.plan_weeks(prevention, person, weeks="23-26", today=MON)
    assert "past the end of" in e.value.message


def test_a_history_gives_loads_from_the_log(prevention):
    person = api.new_profile(prevention, start=MON, days="mon,thu")
    sets = [SetRecord(reps=12, load=Weight(10.0, Unit.kg))] * 2
    record = LogRecord(
        id="01J0000000000000000000000A",
        at=dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC),
        date=MON,
        exercise="goblet-squat",
        sets=sets,
    )
    history = api.history_from([record])
    plan = api.plan_weeks(prevention, person, today=MON + dt.timedelta(days=1), history=history)
    assert not plan.prospective
    thursday = plan.weeks[0].sessions[1]
    squat = next(
        r for b in thursday.blocks for r in b.rows if r.planned.exercise.id == "goblet-squat"
    )
    assert squat.planned.load is not None and squat.planned.load.value > 10.0
    day = api.plan_day(prevention, person, MON + dt.timedelta(days=3), history=history)
    assert any(p.load == squat.planned.load for b in day.blocks for p in b.items)


def test_render_gives_text_for_text_formats_and_bytes_for_pdf(prevention):
    person = api.new_profile(prevention, start=MON)
    plan = api.plan_weeks(prevention, person, today=MON, client="Zoë Łukasiewicz")
    assert api.formats() == ["text", "md", "html", "pdf", "json", "sheet", "xlsx"]
    for fmt in ("text", "md", "html", "json", "sheet"):
        out = api.render(plan, fmt)
        assert isinstance(out, str) and "Zoë Łukasiewicz" in out and "\x1b[" not in out
    pdf = api.render(plan, "pdf", paper="letter")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-")
    assert api.render(plan, "markdown") == api.render(plan, "md")


def test_plan_document_is_the_json_rendering_and_matches_the_schema(prevention):
    person = api.new_profile(prevention, start=MON)
    plan = api.plan_weeks(prevention, person, weeks="1-2", today=MON, notes="Bring water")
    doc = api.plan_document(plan)
    assert doc == json.loads(api.render(plan, "json"))
    schema = json.loads((REPO / "schema" / "plan.schema.json").read_text())
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(
    ("fmt", "paper", "message"),
    [
        ("docx", "a4", "'docx' is not a format: choose text, md, html, pdf, json, sheet, xlsx"),
        ("pdf", "a5", "paper 'a5' is not a paper size: use a4 or letter"),
    ],
)
def test_render_rejects_unknown_formats_and_papers(prevention, fmt, paper, message):
    plan = api.plan_weeks(prevention, api.new_profile(prevention, start=MON), today=MON)
    with pytest.raises(api.UsageError) as e:
        api.render(plan, fmt, paper=paper)
    assert e.value.message == message


@pytest.mark.parametrize(
    ("weeks", "message"),
    [
        ([0], "weeks=[0]: weeks count from 1"),
        ([0, 2], "weeks=[0, 2]: weeks count from 1"),
        (0, "weeks=0: weeks count from 1"),
        ("0", "weeks='0': weeks count from 1"),
    ],
)
def test_plan_weeks_reports_the_weeks_as_the_caller_gave_them(prevention, weeks, message):
    person = api.new_profile(prevention, start=MON)
    with pytest.raises(api.UsageError) as e:
        api.plan_weeks(prevention, person, weeks=weeks, today=MON)
    assert (e.value.message, str(e.value)) == (message, message)


def test_bulk_errors_say_the_same_in_str_and_message_and_name_keywords(oneup_home, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,program\nAna,balance\n")
    with pytest.raises(api.UsageError) as e:
        api.bulk(roster, tmp_path / "out", fmt="docx")
    assert str(e.value) == e.value.message
    assert e.value.message.startswith("fmt='docx' is not a format")
    with pytest.raises(api.UsageError) as e:
        api.bulk(roster, tmp_path / "out", fmt="md", template=tmp_path / "t.typ")
    assert (
        str(e.value)
        == e.value.message
        == (f"template={tmp_path / 't.typ'} is a template for PDF plans, not for md: add fmt='pdf'")
    )
    api.bulk(roster, tmp_path / "out", fmt="md")
    with pytest.raises(api.OneupError) as e:
        api.bulk(roster, tmp_path / "out", fmt="md")
    assert str(e.value) == e.value.message
    assert e.value.message.endswith(
        "would be replaced (index.json, index.csv, ana.md): add force=True to replace them, "
        "or choose another out_dir"
    )
    assert e.value.files == ["index.json", "index.csv", "ana.md"]
    assert "--" not in e.value.message
