"""The stated doses are the generated doses: dose.py counts each generated week, and
`oneup programs validate` refuses a program whose content misses its own targets."""

from __future__ import annotations

import json

import pytest

from oneup_cli import dose
from oneup_cli.model import Audience, Range, SourceKey, Target
from oneup_cli.programs import load_library, load_program

from .conftest import PROGRAMS

BUILTIN = ["prevention", "diagnosed-osteoporosis", "balance"]
OSTEO = PROGRAMS / "diagnosed-osteoporosis.yaml"


def _within(target: Target, value: float) -> bool:
    high = float("inf") if target.at_least else target.value.high * 1.1
    return target.value.low * 0.9 - 1e-9 <= value <= high + 1e-9


@pytest.mark.parametrize("program_id", BUILTIN)
def test_every_builtin_program_states_its_targets_with_sources(program_id):
    program = load_program(program_id)
    targets = program.targets
    assert targets.strength_sessions is not None
    assert targets.walking_minutes_per_week is not None
    for key in targets.__struct_fields__:
        target = getattr(targets, key)
        if isinstance(target, Target):
            assert target.sources or target.default, key
            assert set(target.sources) <= set(program.sources), key


@pytest.mark.parametrize("program_id", BUILTIN)
def test_generated_dose_meets_the_stated_targets_for_every_audience_profile(program_id):
    """Each flag combination of the audience, default days, every phase: ladders at their
    bottom and at their top, builds at the dose they build to."""
    library = load_library()
    program = load_program(program_id, library)
    for flags in dose.audience_flags(program.audience):
        stated = [
            (k, t)
            for k in program.targets.__struct_fields__
            if isinstance(t := getattr(program.targets, k), Target)
        ]
        if flags.vertebral_fracture:  # the fracture rules' own back-extensor dose (TFTF)
            stated = [(k, t) for k, t in stated if not k.startswith("back_extensor")]
            stated += [
                ("back_extensor_days", Target(Range(7, 7), sources=[SourceKey.TFTF])),
                ("back_extensor_minutes", Target(Range(5, 10), sources=[SourceKey.TFTF])),
            ]
        profile = dose.default_profile(program, flags)
        for week in dose._weeks_to_check(program, profile):
            days = dose.week_days(program, library, profile, week)
            for at in ("bottom", "top"):
                got = dose.week_dose(days, program.targets.rep_seconds, at)
                for key, target in stated:
                    value = getattr(got, key)
                    assert _within(target, value), (program_id, flags, week, at, key, value)
    assert dose.check(program, library) == []


def test_osteoporosis_balance_and_back_extensor_minutes_are_what_tftf_says():
    """The audit: 'balance 15-20 minutes a day' came to about 3 to 7, and '5-10 minutes' of
    back-extensor work to 2 to 4. Now both are in range for a person with a spine fracture."""
    library = load_library()
    program = load_program("diagnosed-osteoporosis", library)
    profile = dose.default_profile(program, dose.Flags(vertebral_fracture=True))
    for week in (1, 5):
        days = dose.week_days(program, library, profile, week)
        low = dose.week_dose(days, 3.0, "bottom")
        high = dose.week_dose(days, 3.0, "top")
        assert 13.5 <= low.balance_minutes_per_day <= high.balance_minutes_per_day <= 22
        assert low.back_extensor_days == 7
        assert 4.5 <= low.back_extensor_minutes <= 11


def test_dose_counts_sets_reps_tempo_holds_rest_and_sides():
    library = load_library()
    program = load_program("diagnosed-osteoporosis", library)
    profile = dose.default_profile(program)
    day = dose.week_days(program, library, profile, 1)[0]
    balance = next(b for b in day.blocks if b.kind.value == "balance")
    stand = next(p for p in balance.items if p.exercise.id == "semi-tandem-stand")
    # 3 sets x 10 s x 2 sides + 2 rests of 45 s
    assert dose.seconds(stand, 3.0) == 3 * 10 * 2 + 2 * 45
    # at the top of its ladder: 3 x 30 s x 2 sides + rests
    assert dose.seconds(stand, 3.0, "top") == 3 * 30 * 2 + 2 * 45
    walk = next(p for p in balance.items if p.exercise.id == "sideways-walk")
    # 3 sets x 10 steps x 3 s a step x 2 ways + rests
    assert dose.seconds(walk, 3.0) == 3 * 10 * 3 * 2 + 2 * 45
    assert dose.seconds(walk, 2.0) == 3 * 10 * 2 * 2 + 2 * 45


def test_every_program_is_checked_for_a_person_with_a_fracture_too():
    """The fracture rules apply to every program (issue 11), prevention included."""
    for audience in Audience:
        flags = dose.audience_flags(audience)
        assert len(flags) == 6 and sum(f.vertebral_fracture for f in flags) == 4


def _write(tmp_path, text):
    path = tmp_path / "diagnosed-osteoporosis.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_refuses_content_that_misses_its_targets_with_a_located_message(run, tmp_path):
    """Back to 2 sets of balance holds and no rest between posture holds: the file says
    15-20 and 5-10 minutes but prescribes far less."""
    text = OSTEO.read_text(encoding="utf-8")
    text = text.replace("            rest: 8\n", "\n").replace(
        "            rest: 8                   # default, not from a source: relax between holds\n",
        "\n",
    )
    text = text.replace("            rest: 45\n", "\n").replace(
        "            rest: 45                  # default, not from a source\n", "\n"
    )
    path = _write(tmp_path, text)
    result = run("programs", "validate", str(path))
    assert result.exit_code == 1
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith(str(path))]
    line_of = {
        key: 1
        + text.splitlines().index(
            next(ln for ln in text.splitlines() if ln.startswith(f"  {key}:"))
        )
        for key in ("balance_minutes_per_day", "back_extensor_minutes")
    }
    balance = next(ln for ln in lines if "targets.balance_minutes_per_day" in ln)
    assert balance.startswith(f"{path}:{line_of['balance_minutes_per_day']}:")
    assert "minutes of balance a day" in balance and "below the stated 15-20 (TFTF)" in balance
    back = next(ln for ln in lines if "targets.back_extensor_minutes" in ln)
    assert back.startswith(f"{path}:{line_of['back_extensor_minutes']}:")
    assert "5-10 (TFTF)" in back


def test_validate_refuses_a_target_above_what_the_content_gives(run, tmp_path):
    text = OSTEO.read_text(encoding="utf-8").replace(
        "impacts_per_day: {value: 50,", "impacts_per_day: {value: 100,"
    )
    result = run("programs", "validate", str(_write(tmp_path, text)))
    assert result.exit_code == 1
    assert "targets.impacts_per_day" in result.stdout
    assert "below the stated 100 (SSS)" in result.stdout


def test_validate_refuses_a_target_citing_a_source_the_program_does_not_list(run, tmp_path):
    text = OSTEO.read_text(encoding="utf-8").replace(
        "sources: [TFTF, SSS, BHOF, OMNI, ACSM-PROG, ACSM-BONE, OTAGO]",
        "sources: [TFTF, SSS, BHOF, OMNI, ACSM-PROG, OTAGO]",
    )
    result = run("programs", "validate", str(_write(tmp_path, text)))
    assert result.exit_code == 1
    assert "targets.walking_minutes_per_week.sources[0]: ACSM-BONE is not among" in result.stdout


def test_a_target_names_its_source_or_says_default(run, tmp_path):
    text = OSTEO.read_text(encoding="utf-8").replace(
        "impacts_per_day: {value: 50, sources: [SSS]}", "impacts_per_day: {value: 50}"
    )
    result = run("programs", "validate", str(_write(tmp_path, text)))
    assert result.exit_code == 1
    assert "names its sources, or says default: true" in result.stdout


# --- the dose in programs show --json and every week of a plan -------------------------------


@pytest.mark.parametrize("program_id", BUILTIN)
def test_programs_show_json_carries_the_dose_and_whose_it_is(run, program_id):
    from .conftest import ok
    from .test_contract import validate

    doc = json.loads(ok(run("programs", "show", program_id, "--json")).stdout)
    validate(doc, "program")
    assert list(doc["dose"]) == list(dose.KEYS)
    who = doc["dose_profile"]
    assert who["supervised"] is False and who["vertebral_fracture"] is False
    assert who["log"] == "none" and who["week"] >= 1
    program = load_program(program_id)
    assert who["days"] == list(program.schedule.default_days)
    assert doc["dose"]["strength_sessions"] == len(program.schedule.default_days)


@pytest.mark.parametrize("program_id", BUILTIN)
def test_every_week_of_a_json_plan_carries_its_dose(run, program_id):
    import jsonschema

    from .conftest import REPO, ok

    out = ok(
        run(
            "plan",
            "--program",
            program_id,
            "--start",
            "2026-03-02",
            "--client",
            "A",
            "--weeks",
            "1-6",
            "--format",
            "json",
            "-o",
            "-",
        )
    ).stdout
    doc = json.loads(out)
    schema = json.loads((REPO / "schema" / "plan.schema.json").read_text())
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert len(doc["weeks"]) == 6
    for week in doc["weeks"]:
        assert list(week["dose"]) == list(dose.KEYS)
        assert week["dose_line"].startswith("This week: ")
    osteo = program_id == "diagnosed-osteoporosis"
    if osteo:
        assert all(13.5 <= w["dose"]["balance_minutes_per_day"] <= 22 for w in doc["weeks"])
        assert all(w["dose"]["back_extensor_days"] == 7 for w in doc["weeks"])


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_printed_plans_give_the_dose_line_once_a_week(run, fmt):
    from .conftest import ok

    out = ok(
        run(
            "plan",
            "--program",
            "diagnosed-osteoporosis",
            "--start",
            "2026-03-02",
            "--client",
            "A",
            "--weeks",
            "1-3",
            "--format",
            fmt,
            "-o",
            "-",
        )
    ).stdout
    flat = " ".join(out.split())
    assert flat.count("This week: 2 strength sessions, about") == 3
    assert "back-extensor work every day" in flat


# --- words ------------------------------------------------------------------------------------


def test_dose_line_words():
    from oneup_cli import words

    d = dose.WeekDose(2, 49.6, 15.2, 7, 60.0, 5.6)
    assert words.dose_line(d) == (
        "This week: 2 strength sessions, about 15 minutes of balance a day, about 50 impacts "
        "a day, back-extensor work every day, 60 minutes of walking."
    )
    d = dose.WeekDose(1, 0.0, 0.2, 2, 0.0, 1.0)
    assert words.dose_line(d) == (
        "This week: 1 strength session, about 1 minute of balance a day, "
        "back-extensor work on 2 days."
    )
    assert words.dose_line(dose.WeekDose(3, 0, 0, 1, 30, 1)) == (
        "This week: 3 strength sessions, back-extensor work on 1 day, 30 minutes of walking."
    )


# --- sources, and what walking does not do ----------------------------------------------------


@pytest.mark.parametrize("program_id", BUILTIN)
def test_sources_name_every_source_the_file_cites(program_id):
    """Every source key the file writes (in comments, notes, block notes) is in `sources`:
    prevention cites TFTF (3-5 s holds) and OTAGO (the balance ladder)."""
    import re

    from oneup_cli.model import SourceKey

    keys = sorted((k.value for k in SourceKey), key=len, reverse=True)
    cited = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, keys)) + r")(?![\w-])")
    text = (PROGRAMS / f"{program_id}.yaml").read_text(encoding="utf-8")
    program = load_program(program_id)
    assert set(cited.findall(text)) <= {s.value for s in program.sources}


@pytest.mark.parametrize("program_id", BUILTIN)
def test_programs_say_walking_alone_does_not_load_bone_enough(program_id):
    notes = " ".join(load_program(program_id).notes)
    assert "on its own, walking or other cardio does not load bone enough" in notes
    assert "lower-level impact (SSS)" in notes


def test_readme_says_walking_alone_does_not_load_bone_enough():
    from .conftest import REPO

    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "on its own, walking or other cardio does not load bone enough" in readme
