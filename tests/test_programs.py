"""The built-in programs, the exercise library, validation and the programs/exercises commands."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneup_cli.model import Audience, Equipment, LoadType, Range, SafetyTag, SourceKey
from oneup_cli.programs import load_library, load_program
from oneup_cli.safety import program_items
from oneup_cli.validation import check_file, check_program_data, load_yaml

from .conftest import PROGRAMS
from .hostile.programs import BAD, MINI, Bad

BUILTINS = ["prevention", "diagnosed-osteoporosis", "balance"]
SCIENCE_KEYS = {
    "LIFTMOR",
    "LIFTMOR-M",
    "TFTF",
    "SSS",
    "OTAGO",
    "ACSM-BONE",
    "ACSM-PROG",
    "BHOF",
    "OMNI",
}


# --- the data ---------------------------------------------------------------------------------


def test_library_has_forty_exercises_with_cues_and_cross_references():
    library = load_library()
    ids = library.by_id()
    assert len(ids) >= 40
    for ex in library.exercises:
        assert 3 <= len(ex.cues) <= 6, ex.id
        for ref in (ex.easier, ex.harder, ex.home_substitute):
            assert ref is None or ref in ids, (ex.id, ref)
        gym_only = set(ex.equipment) <= {
            Equipment.barbell,
            Equipment.machine,
            Equipment.cable,
            Equipment.bench,
            Equipment.pull_up_bar,
        }
        if gym_only:
            assert ex.home_substitute, f"{ex.id} needs a home substitute"
        if SafetyTag.fall_risk in ex.safety:
            assert ex.support, f"{ex.id} must name a stable support (rule 4)"


@pytest.mark.parametrize("program_id", BUILTINS)
def test_builtin_program_loads_and_cites_science_keys(program_id):
    program = load_program(program_id)
    assert program.id == program_id
    assert {s.value for s in program.sources} <= SCIENCE_KEYS
    library = load_library().by_id()
    for _, _, item in program_items(program):
        ex = library[item.exercise]
        assert SafetyTag.spinal_flexion not in ex.safety, ex.id  # rule 1
        assert SafetyTag.rotation not in ex.safety, ex.id


def test_prevention_offers_liftmor_lifts_only_to_supervised_profiles():
    program = load_program("prevention")
    heavy = [
        (phase, item)
        for _, phase, item in program_items(program)
        if item.load is not None and item.load.type == LoadType.percent_1rm
    ]
    assert heavy, "the high-intensity phase has 5 x 5 lifts at a percent of 1RM"
    for phase, item in heavy:
        assert item.sets == 5 and item.reps is not None and item.reps.low == 5
        assert item.load.percent.low >= 80
        supervised = (item.requires and item.requires.supervised) or (
            phase.requires and phase.requires.supervised
        )
        assert supervised, item.exercise


def test_diagnosed_program_is_spine_sparing():
    program = load_program("diagnosed-osteoporosis")
    assert program.audience == Audience.osteoporosis
    library = load_library().by_id()
    for _, _, item in program_items(program):
        ex = library[item.exercise]
        assert SafetyTag.floor_lift not in ex.safety, ex.id
        assert SafetyTag.maximal not in ex.safety, ex.id


def test_balance_program_is_otago_three_days_with_ankle_weights_from_1kg():
    program = load_program("balance")
    assert program.schedule.allowed == (3, 3)  # OTAGO: 3 times a week
    assert program.schedule.sources == (SourceKey.OTAGO,)
    fixed = [
        item
        for _, _, item in program_items(program)
        if item.load is not None and item.load.type == LoadType.fixed
    ]
    assert fixed and all(item.load.start.value == 1 for item in fixed)


# --- validation -------------------------------------------------------------------------------


def test_validate_passes_on_every_builtin_file(run):
    files = sorted(str(p) for p in PROGRAMS.glob("*.yaml") if p.name != "aliases.yaml")
    result = run("programs", "validate", *files)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def _broken_copy(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """The diagnosed program with three separate mistakes; returns their line numbers."""
    lines = (PROGRAMS / "diagnosed-osteoporosis.yaml").read_text().splitlines()
    where: dict[str, int] = {}
    for i, line in enumerate(lines):
        stripped = line.strip()
        if "sets" not in where and stripped.startswith("sets: 2"):
            lines[i] = line.replace("sets: 2", "sets: 0")
            where["sets"] = i + 1
        elif "reps" not in where and stripped.startswith("reps: 8-12"):
            lines[i] = line.replace("reps: 8-12", "reps: 12-8")
            where["reps"] = i + 1
        elif "exercise" not in where and stripped.startswith("- exercise: sit-to-stand"):
            lines[i] = line.replace("sit-to-stand", "sit-to-stnad")
            where["exercise"] = i + 1
    assert len(where) == 3, "the fixture needs three places to break"
    broken = tmp_path / "broken.yaml"
    broken.write_text("\n".join(lines) + "\n")
    return broken, where


def test_three_mistakes_give_three_located_errors(run, tmp_path):
    broken, where = _broken_copy(tmp_path)
    result = run("programs", "validate", str(broken))
    assert result.exit_code == 1
    errors = result.stdout.strip().splitlines()
    assert len(errors) == 3, result.stdout
    by_line = {int(e.split(":")[1]): e for e in errors}
    assert set(by_line) == set(where.values()), (errors, where)
    assert "at least 1" in by_line[where["sets"]]
    assert "runs backwards (write 8-12)" in by_line[where["reps"]]
    assert (
        "unknown exercise 'sit-to-stnad' (did you mean 'sit-to-stand'?)"
        in by_line[where["exercise"]]
    )
    assert "Traceback" not in result.output


def test_yaml_syntax_error_is_located(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nname: [unclosed\nversion: 1\n")
    result = run("programs", "validate", str(bad))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{bad}:")
    assert "YAML syntax" in result.stdout


def test_missing_and_unknown_fields_are_reported_with_a_suggestion(run, tmp_path):
    data = yaml.safe_load((PROGRAMS / "balance.yaml").read_text())
    del data["summary"]
    data["shedule"] = data.pop("schedule")
    bad = tmp_path / "fields.yaml"
    bad.write_text(yaml.safe_dump(data, sort_keys=False))
    result = run("programs", "validate", str(bad))
    assert result.exit_code == 1
    assert "missing required field 'summary'" in result.stdout
    assert "unknown field 'shedule' (did you mean 'schedule'?)" in result.stdout


@pytest.mark.parametrize(
    ("key_cue", "message"), [(9, "past the last cue"), (0, "must be at least 1")]
)
def test_a_key_cue_that_names_no_cue_is_rejected_with_its_line(run, tmp_path, key_cue, message):
    text = (PROGRAMS / "exercises.yaml").read_text()
    assert "    key_cue: 3\n" in text, "the fixture needs an exercise with a key cue"
    bad = tmp_path / "exercises.yaml"
    bad.write_text(text.replace("    key_cue: 3\n", f"    key_cue: {key_cue}\n", 1))
    before = text[: text.index("    key_cue: 3\n")]
    line = before.count("\n") + 1
    exercise = before[: before.rindex("  - id: ")].count("\n") + 1
    result = run("programs", "validate", str(bad))
    assert result.exit_code == 1
    errors = result.stdout.strip().splitlines()
    assert len(errors) == 1 and message in errors[0], result.stdout
    assert errors[0].startswith(f"{bad}:"), errors
    assert int(errors[0].split(":")[1]) in (line, exercise), errors  # the field, or its exercise


def test_the_key_cue_is_the_librarys_choice_not_a_reading_of_the_words():
    from oneup_cli import weekplan

    hinge = load_library().by_id()["hip-hinge-drill"]
    assert hinge.key_cue == 3
    assert weekplan.key_cue(hinge) == hinge.cues[2]
    assert weekplan.key_cue(hinge.replace(key_cue=1)) == hinge.cues[0]
    never = hinge.replace(cues=["Never do this.", *hinge.cues[1:]], key_cue=2)
    assert weekplan.key_cue(never) == hinge.cues[1]


def test_floor_lift_in_the_osteoporosis_program_names_exercise_rule_and_source(run, tmp_path):
    text = (PROGRAMS / "diagnosed-osteoporosis.yaml").read_text()
    hinge = next(
        line.split(":", 1)[1].strip()
        for line in text.splitlines()
        if "romanian-deadlift" in line and "exercise:" in line
    )
    bad = tmp_path / "floor.yaml"
    bad.write_text(text.replace(hinge, "barbell-deadlift", 1))
    result = run("programs", "validate", str(bad))
    assert result.exit_code == 1
    line = next(line for line in result.stdout.splitlines() if "floor" in line)
    assert "'barbell-deadlift'" in line and "rule 2" in line and "TFTF" in line


def test_heavy_percent_without_supervision_is_rejected(run, tmp_path):
    data = yaml.safe_load((PROGRAMS / "prevention.yaml").read_text())
    for phase in data["phases"]:
        for session in phase["sessions"]:
            for block in session["blocks"]:
                for item in block["items"]:
                    item.pop("requires", None)
    bad = tmp_path / "unsupervised.yaml"
    bad.write_text(yaml.safe_dump(data, sort_keys=False))
    result = run("programs", "validate", str(bad))
    assert result.exit_code == 1
    assert "must require a supervised profile" in result.stdout
    assert "LIFTMOR" in result.stdout


def test_what_a_progression_rule_needs_is_checked_with_the_same_words(run, tmp_path):
    lines = (PROGRAMS / "prevention.yaml").read_text().splitlines()
    first = lines.index("              - exercise: goblet-squat")
    second = lines.index("              - exercise: dumbbell-romanian-deadlift")
    assert lines[first + 2].strip() == "reps: 8-12" and lines[second + 2].strip() == "reps: 8-12"
    lines[first + 2] = "                reps: 10"  # double progression, no range
    lines[second] = "              - exercise: one-leg-stand"  # double progression, seconds
    load = lines.index("                load: {type: percent-1rm, percent: 80-85}")
    lines[load] = "                load: {type: effort}"  # percent progression
    item = max(i for i in range(load) if lines[i].startswith("              - exercise: "))
    bad = tmp_path / "rules.yaml"
    bad.write_text("\n".join(lines) + "\n")
    result = run("programs", "validate", str(bad))
    assert result.exit_code == 1
    found = {(int(e.split(":")[1]), e.split(": ", 2)[-1]) for e in result.stdout.splitlines()}
    assert (first + 1, "double progression needs a rep range such as 8-12") in found
    assert (
        second + 1,
        "'one-leg-stand': double progression needs an exercise counted in reps",
    ) in found
    assert (item + 1, "percent progression needs a percent-1rm load") in found


def test_every_rule_has_a_check_and_every_need_has_words():
    from oneup_cli.codes import Needs
    from oneup_cli.model import Exercise, Item
    from oneup_cli.progression.rules import RULES
    from oneup_cli.safety import needs_words

    hinge = load_library().by_id()["hip-hinge-drill"]
    for need in Needs:
        assert needs_words(need, Item(exercise="x", reps=Range(8, 12)), hinge)
    assert all(callable(r.check) for r in RULES.values())
    assert isinstance(hinge, Exercise)


def test_checking_a_program_does_not_load_the_engine_before_it_is_needed():
    """The model and safety load without progression/; safety imports the rules to check."""
    import subprocess
    import sys

    code = (
        "import sys, oneup_cli.model, oneup_cli.safety, oneup_cli.validation;"
        "print(any(m.startswith('oneup_cli.progression') for m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout == "False\n", run.stderr


def test_loading_an_invalid_program_fails_with_one_line_naming_the_first_problem(
    run, tmp_path, oneup_home
):
    broken, where = _broken_copy(tmp_path)
    user_dir = oneup_home / "programs"
    user_dir.mkdir(parents=True)
    mine = user_dir / "mine.yaml"
    mine.write_text(broken.read_text())
    result = run("programs", "show", "mine")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {mine}:{min(where.values())}:")
    assert len(result.stderr.splitlines()) == 1
    assert "(1 of 3 problems: `oneup programs validate" in result.stderr
    result = run("start", "mine")
    assert result.exit_code == 1


def test_program_id_cannot_reach_outside_its_folder(run):
    result = run("programs", "show", "..%2f..%2fetc")
    assert result.exit_code == 2
    assert "not allowed" in result.stderr
    result = run("start", "../../etc/passwd")
    assert result.exit_code == 2


def test_validate_reports_a_missing_file(run, tmp_path):
    result = run("programs", "validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert "no such file" in result.stdout


# --- commands ---------------------------------------------------------------------------------


def test_programs_list_shows_builtins_and_user_programs(run, oneup_home):
    user_dir = oneup_home / "programs"
    user_dir.mkdir(parents=True)
    mine = yaml.safe_load((PROGRAMS / "balance.yaml").read_text())
    mine["id"] = "my-balance"
    (user_dir / "my-balance.yaml").write_text(yaml.safe_dump(mine, sort_keys=False))
    result = run("programs", "list", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    ids = [p["id"] for p in doc["programs"]]
    assert ids[:3] == sorted(BUILTINS) and "my-balance" in ids
    result = run("programs", "list")
    for pid in BUILTINS:
        assert pid in result.stdout


def test_an_invalid_builtin_program_is_still_listed_as_builtin(run, tmp_path, monkeypatch):
    from oneup_cli import programs

    shipped = tmp_path / "programs"
    shipped.mkdir()
    (shipped / "exercises.yaml").write_text((PROGRAMS / "exercises.yaml").read_text())
    (shipped / "balance.yaml").write_text((PROGRAMS / "balance.yaml").read_text())
    (shipped / "broken.yaml").write_text("id: broken\n")
    monkeypatch.setattr(programs, "builtin_dir", lambda: shipped)
    result = run("programs", "list", "--json")
    assert result.exit_code == 0, result.output
    rows = {p["id"]: p for p in json.loads(result.stdout)["programs"]}
    assert rows["broken"]["builtin"] is True and rows["broken"]["path"] is None
    assert rows["broken"]["valid"] is False and rows["broken"]["error"].startswith("invalid: ")
    assert rows["balance"]["builtin"] is True and rows["balance"]["valid"] is True
    table = run("programs", "list").stdout
    assert table.count("built-in") == 2


def test_programs_show_prints_phases_sources_and_stop_rules(run):
    result = run("programs", "show", "prevention")
    assert result.exit_code == 0, result.output
    for text in (
        "Foundation",
        "Session A",
        "Sources:",
        "LIFTMOR",
        "Stop and get help if",
        "not medical advice",
        "double",
    ):
        assert text in result.stdout, text


def test_schema_is_valid_and_builtins_conform(run):
    result = run("programs", "schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    for pid in BUILTINS:
        data = yaml.safe_load((PROGRAMS / f"{pid}.yaml").read_text())
        jsonschema.validate(data, schema)
    library_schema = json.loads(run("programs", "schema", "--library").stdout)
    jsonschema.validate(yaml.safe_load((PROGRAMS / "exercises.yaml").read_text()), library_schema)


def test_builtin_files_point_editors_at_the_schema():
    for path in PROGRAMS.glob("*.yaml"):
        assert path.read_text().startswith("# yaml-language-server: $schema="), path.name


def test_exercises_list_and_show(run):
    result = run("exercises", "list", "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert len(doc["exercises"]) >= 40
    result = run("exercises", "show", "Goblet squat to a chair")
    assert result.exit_code == 0, result.output
    assert "How to do it" in result.stdout
    result = run("exercises", "show", "goblet-sqat")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: no exercise called 'goblet-sqat'. Did you mean "
        "'goblet-squat'? `oneup exercises list` shows them all.\n"
    )


def test_checked_in_schemas_match_the_model(run):
    """schema/*.json are what editors read; regenerate with `oneup programs schema`."""
    from .conftest import REPO

    program = json.loads((REPO / "schema" / "program.schema.json").read_text())
    library = json.loads((REPO / "schema" / "exercises.schema.json").read_text())
    assert program == json.loads(run("programs", "schema").stdout)
    assert library == json.loads(run("programs", "schema", "--library").stdout)


def test_program_and_exercise_names_complete_in_the_shell():
    from oneup_cli.completion import complete_exercise, complete_program

    assert complete_program("dia") == ["diagnosed-osteoporosis"]
    assert "one-leg-stand" in complete_exercise("one-")


def test_loaded_programs_cannot_be_changed_by_accident():
    import dataclasses

    program = load_program("balance")
    with pytest.raises(dataclasses.FrozenInstanceError):
        program.name = "changed"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del program.phases[0].sessions[0].label
    assert program == load_program("balance")
    dose = program.phases[0].sessions[0].blocks[0].items[0].dose
    assert hash(dose) == hash(type(dose)(dose.low, dose.high))


def test_source_parameters_are_pinned_in_the_program_data():
    """LIFTMOR: 5 x 5 at >= 80% of 1RM, twice a week, never for an unsupervised profile;
    no library exercise is loaded spinal flexion; OTAGO: the one-leg stand runs 10 to 30 s."""
    import datetime as dt

    from oneup_cli.model import Profile
    from oneup_cli.progression import plan_day

    library = load_library()
    assert not [e.id for e in library.exercises if SafetyTag.spinal_flexion in e.safety]

    prevention = load_program("prevention")
    assert prevention.schedule.allowed == (2, 2)  # LIFTMOR: twice a week
    liftmor = [i for _, _, i in program_items(prevention) if i.progression.value == "percent"]
    assert liftmor and all(i.sets == 5 and str(i.reps) == "5" for i in liftmor)
    assert all(i.load.percent.low >= 80 for i in liftmor)
    start = dt.date(2026, 1, 5)
    for supervised in (False, True):
        person = Profile(
            name="t",
            program="prevention",
            start=start,
            days=["mon", "thu"],
            supervised=supervised,
            equipment=list(Equipment),
        )
        heavy = set()
        for week in range(prevention.total_weeks):
            for day in (start + dt.timedelta(weeks=week), start + dt.timedelta(weeks=week, days=3)):
                plan = plan_day(prevention, library, person, {}, day)
                heavy |= {
                    p.exercise.id
                    for b in plan.blocks
                    for p in b.items
                    if p.item.load and p.item.load.type == LoadType.percent_1rm
                }
        assert bool(heavy) == supervised, (supervised, heavy)

    balance = load_program("balance")
    stands = [i for _, _, i in program_items(balance) if i.exercise == "one-leg-stand"]
    assert stands and all(i.seconds is not None and str(i.seconds) == "10-30" for i in stands)


def test_ids_are_never_cut_short_in_narrow_terminals(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    assert "diagnosed-osteoporosis" in run("programs", "list").stdout
    listing = run("exercises", "list").stdout
    for ex in load_library().exercises:
        assert ex.id in listing, ex.id


# --- hostile files (issue 10): every mistake located, nothing crashes ---------------------------


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_the_hostile_programs_start_from_a_valid_one(run, tmp_path):
    result = run("programs", "validate", str(_write(tmp_path / "mini.yaml", MINI)))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("bad", BAD, ids=[b.id for b in BAD])
def test_a_hostile_program_gets_located_problems_on_stdout(run, tmp_path, bad: Bad):
    path = _write(tmp_path / "bad.yaml", bad.content)
    result = run("programs", "validate", str(path))
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines and lines[0].startswith(f"{path}:{bad.where}"), lines
    assert bad.says in lines[0], lines[0]
    for line in lines:
        assert line.startswith(f"{path}:"), line
        assert not any(c in line for c in "\x00\x07\x1b\x9b\u202e"), repr(line)  # escaped
    assert len(lines) < 10, "one mistake, a few problems at most"


def test_a_key_given_twice_names_both_lines_and_is_reported_with_the_rest(tmp_path):
    text = MINI.replace("sets: 2", "sets: 2\n                sets: 3").replace(
        "weeks: 4", "weeks: 0"
    )
    _, problems = check_file(_write(tmp_path / "twice.yaml", text), load_library())
    assert [(p.line, p.col) for p in problems] == [(13, 12), (22, 17)]
    assert problems[0].message == "phases[0].weeks: must be at least 1"
    assert problems[1].message == "'sets' is given twice (first on line 21)"


def test_a_merge_key_is_not_a_key_given_twice(tmp_path):
    text = MINI + "notes: [a]\n"
    text = text.replace("    sessions:", "    <<: {weeks: 4}\n    <<: {purpose: x}\n    sessions:")
    text = text.replace("    weeks: 4\n", "")
    program, problems = check_file(_write(tmp_path / "merge.yaml", text), load_library())
    assert problems == [] and program is not None and program.phases[0].weeks == 4


def _user_folder(home: Path) -> Path:
    """A user's programs folder holding one good program and every kind of broken file."""
    folder = home / "programs"
    folder.mkdir(parents=True)
    _write(folder / "mini.yaml", MINI)
    for bad in BAD:
        _write(folder / f"{bad.id}.yaml", bad.content)
    _write(folder / "wrong-id.yaml", MINI)
    (folder / "folder.yaml").mkdir()
    (folder / "dangling.yaml").symlink_to(folder / "nowhere")
    (folder / os.fsdecode(b"name-\xff.yaml")).write_text(MINI)
    return folder


def test_broken_user_programs_never_stop_the_list(run, oneup_home):
    folder = _user_folder(oneup_home)
    result = run("programs", "list", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    rows = {row["id"]: row for row in doc["programs"]}
    for pid in [*BUILTINS, "mini"]:
        assert rows[pid]["valid"] is True and rows[pid]["error"] is None, rows[pid]
    for bad in BAD:
        row = rows[bad.id]
        assert row["valid"] is False, row
        assert row["error"].startswith(f"invalid: {bad.id}.yaml:{bad.where}"), row["error"]
        assert bad.says in row["error"]
    assert rows["wrong-id"]["error"] == "invalid: its id is 'mini', its file name says 'wrong-id'"
    assert rows["folder"]["valid"] is False and rows["dangling"]["valid"] is False
    assert rows["name-\\xff"]["valid"] is False
    assert rows["name-\\xff"]["path"] == str(folder / "name-\\xff.yaml")
    from .test_contract import validate

    validate(doc, "programs")

    table = run("programs", "list")
    assert table.exit_code == 0 and table.stderr == "", table.output
    assert table.stdout.count("invalid:") == len(BAD) + 4, table.stdout  # the table wraps
    for pid in [*BUILTINS, "mini", *(bad.id for bad in BAD)]:
        assert f"  {pid} " in table.stdout, pid
    assert "\x1b" not in table.stdout and "\x00" not in table.stdout


def test_other_programs_start_and_plan_with_broken_files_beside_them(run, oneup_home):
    _user_folder(oneup_home)
    assert run("start", "mini", "--start", "2026-01-05").exit_code == 0
    result = run("today", "--date", "2026-01-05")
    assert result.exit_code == 0, result.output
    assert "goblet" in result.stdout.lower()
    result = run("--profile", "two", "start", "balance", "--start", "2026-01-05")
    assert result.exit_code == 0, result.output
    assert run("--profile", "two", "today", "--date", "2026-01-05", "--json").exit_code == 0
    result = run("start", "duplicate-item-key")
    assert result.exit_code == 1 and "'sets' is given twice" in result.stderr


# Mutations of a valid program, as a careless or hostile author would make them.
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**18, max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.text(alphabet=st.characters(max_codepoint=0x30), max_size=6),
    st.sampled_from(["8-12", "12-8", "1e999", "10kg", "1e999kg", "-3", "\x1b[2J", "٣"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


def _paths(data, loc=()):
    yield loc
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, (*loc, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, (*loc, i))


@st.composite
def _mutated(draw) -> str:
    data = yaml.safe_load(MINI)
    for _ in range(draw(st.integers(1, 4))):
        places = [p for p in _paths(data) if p]
        loc = draw(st.sampled_from(places))
        parent = data
        for part in loc[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["delete", "replace", "replace", "add"]))
        if action == "delete":
            del parent[loc[-1]]
        elif action == "replace":
            parent[loc[-1]] = draw(_VALUES)
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["sets", "reps", "id", "x", "step", "notes"]))] = draw(
                _VALUES
            )
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    lines = text.splitlines(keepends=True)
    if draw(st.booleans()) and lines:  # a line given twice: a key given twice, or a bad indent
        i = draw(st.integers(0, len(lines) - 1))
        lines.insert(i, lines[i])
    if draw(st.booleans()):  # a raw character written anywhere, control characters included
        i = draw(st.integers(0, len(lines)))
        lines.insert(i, draw(st.text(st.characters(max_codepoint=0x2070), max_size=3)))
    return "".join(lines)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=_mutated())
def test_a_mutated_program_gives_located_problems_or_a_program_never_an_exception(text):
    """The program loader's property: whatever the file says, validation returns a program or
    located problems; nothing raises."""
    data, pos, problems = load_yaml(text, "p.yaml")
    if data is not None or not problems:
        program, more = check_program_data(data, pos, "p.yaml", _LIBRARY)
        problems = [*problems, *more]
        assert (program is None) == bool(more)
        if program is not None:  # what passes can be planned: no NaN, no overflow
            _plans_a_day(program)
    for p in problems:
        assert p.file == "p.yaml" and p.line >= 1 and p.col >= 1 and p.message
        assert str(p).startswith(f"p.yaml:{p.line}:{p.col}: ")
        assert not any(c in p.message for c in "\x00\x1b\x07")


_LIBRARY = load_library()


def _plans_a_day(program) -> None:
    import datetime as dt
    import math

    from oneup_cli.model import Profile
    from oneup_cli.progression import plan_day

    days = list(program.schedule.default_days)
    person = Profile(name="t", program=program.id, start=dt.date(2026, 1, 5), days=days)
    plan = plan_day(program, _LIBRARY, person, {}, dt.date(2026, 1, 5))
    for block in plan.blocks:
        for planned in block.items:
            assert all(math.isfinite(x) for x in (planned.item.dose.low, planned.item.dose.high))


@pytest.mark.slow
def test_the_pure_python_yaml_reader_locates_the_same_mistakes(monkeypatch):
    """Without libyaml (CSafeLoader), PyYAML's own reader checks characters earlier and its
    parser has no depth limit: still a located problem each, never an exception."""
    from oneup_cli import validation

    monkeypatch.setattr(validation, "_Loader", yaml.SafeLoader)
    for bad in BAD:
        if isinstance(bad.content, bytes):
            continue
        data, pos, problems = load_yaml(bad.content, "bad.yaml")
        if data is not None or not problems:
            _, more = check_program_data(data, pos, "bad.yaml", _LIBRARY)
            problems = sorted({*problems, *more})
        assert problems, bad.id
        if bad.id.startswith("nested-"):  # Python's recursion limit, not a place in the file
            assert problems[0].message == "nested too deeply"
        else:
            assert str(problems[0]).startswith(f"bad.yaml:{bad.where}"), (bad.id, problems[0])


def _dose(low: float, high: float) -> str:
    return f"{low:g}-{high:g}" if low != high else f"{low:g}"


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    sets=st.integers(-2, 12),
    reps=st.tuples(st.floats(0, 130), st.floats(0, 130)),
    rest=st.one_of(st.integers(0, 1000), st.floats(allow_nan=True)),
    weeks=st.integers(0, 110),
    effort=st.tuples(st.floats(0, 11), st.floats(0, 11)),
    version=st.integers(-1, 2**64),
)
def test_numbers_near_their_bounds_give_a_located_problem_or_a_plan(
    sets, reps, rest, weeks, effort, version
):
    """Every number a program gives is either refused where it stands or planned as written."""
    text = (
        MINI.replace("sets: 2", f"sets: {sets}")
        .replace("reps: 8-12", f"reps: {_dose(*reps)}")
        .replace("rest: 60-120", f"rest: {rest}")
        .replace("weeks: 4", f"weeks: {weeks}")
        .replace("effort: 5-6", f"effort: {_dose(*effort)}")
        .replace("version: 1", f"version: {version}")
    )
    data, pos, problems = load_yaml(text, "p.yaml")
    assert problems == []
    program, problems = check_program_data(data, pos, "p.yaml", _LIBRARY)
    for p in problems:
        assert p.line > 1, p  # at the number, not at the top of the file
    if program is not None:
        _plans_a_day(program)
        item = program.phases[0].sessions[0].blocks[0].items[0]
        assert 1 <= item.sets <= 10 and item.reps is not None and item.reps.high <= 100


def test_an_invalid_file_error_crosses_processes_whole(tmp_path):
    """bulk plans in a process pool: the error of a broken program must unpickle as it was."""
    import pickle

    from oneup_cli.programs import InvalidFile, load_program_file

    path = _write(tmp_path / "bad.yaml", MINI.replace("reps: 8-12", "reps: .nan"))
    with pytest.raises(InvalidFile) as caught:
        load_program_file(path)
    again = pickle.loads(pickle.dumps(caught.value))
    assert (
        again.message
        == caught.value.message
        == f"{path}:22:23: "
        + ("phases[0].sessions[0].blocks[0].items[0].reps: a dose cannot be .nan (not a number)")
    )
    assert again.first() == "bad.yaml:22:23: " + again.problems[0].message
