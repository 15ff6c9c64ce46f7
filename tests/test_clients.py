"""Clients as profiles (issue 14): `oneup profiles import ROSTER`, and `oneup bulk --profiles`
planning each saved profile from its own log exactly as `oneup --profile NAME plan` does."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from oneup_cli import batch

from .conftest import ok, oneup
from .test_contract import validate

DATE = "2026-03-04"
ROSTER = (
    "name,program,start,days,units,supervised\n"
    'Zoë Łukasiewicz,balance,2026-03-02,"mon,wed,fri",kg,no\n'
    'José Núñez,prevention,2026-02-02,"tue,fri",lb,yes\n'
    "Ana Ruiz,prevention,2026-03-02,,kg,no\n"
)
NAMES = ["ana-ruiz", "jose-nunez", "zoe-lukasiewicz"]


def _roster(tmp_path: Path, text: str = ROSTER, name: str = "clients.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _digest(home: Path) -> dict[str, str]:
    """Every file under the profiles folder, by its hash."""
    root = home / "profiles"
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _profile(home: Path, name: str) -> dict:
    return json.loads((home / "profiles" / name / "profile.json").read_text())


# --- profiles import ------------------------------------------------------------------------


def test_dry_run_writes_nothing_then_import_creates_a_profile_per_row(run, tmp_path, oneup_home):
    roster = _roster(tmp_path)
    dry = ok(run("profiles", "import", str(roster), "--dry-run"))
    assert dry.stdout.splitlines() == [
        "would create zoe-lukasiewicz (row 2, Zoë Łukasiewicz): balance from 2026-03-02, "
        "mon, wed, fri",
        "would create jose-nunez (row 3, José Núñez): prevention from 2026-02-02, tue, fri",
        "would create ana-ruiz (row 4, Ana Ruiz): prevention from 2026-03-02, mon, thu",
        f"Nothing written (--dry-run): of 3 profiles from {roster}, 3 to create, 0 to change, "
        "0 unchanged.",
    ]
    assert _digest(oneup_home) == {}

    made = ok(run("profiles", "import", str(roster)))
    assert made.stdout.splitlines()[-1] == (
        f"3 profiles from {roster}: 3 created, 0 changed, 0 unchanged."
    )
    listed = ok(run("profiles")).stdout.splitlines()
    assert [line.split(":")[0] for line in listed] == NAMES
    jose = _profile(oneup_home, "jose-nunez")
    assert (jose["program"], jose["units"], jose["supervised"]) == ("prevention", "lb", True)
    assert jose["days"] == ["tue", "fri"] and jose["start"] == "2026-02-02"


def test_import_again_updates_settings_field_by_field_and_never_touches_a_log(
    run, tmp_path, oneup_home
):
    ok(run("profiles", "import", str(_roster(tmp_path))))
    ok(run("-p", "ana-ruiz", "log", "goblet-squat", "2x12@10kg", "--date", "2026-03-02"))
    ok(run("-p", "jose-nunez", "log", "goblet-squat", "2x12@20lb", "--date", "2026-03-03"))
    logs = {n: (oneup_home / "profiles" / n / "log.jsonl").read_bytes() for n in NAMES[:2]}
    edited = ROSTER.replace('2026-02-02,"tue,fri"', '2026-02-02,"mon,thu"').replace(
        "Ana Ruiz,prevention", "Ana Ruiz,diagnosed-osteoporosis"
    )
    roster = _roster(tmp_path, edited)

    dry = ok(run("profiles", "import", str(roster), "--dry-run"))
    assert dry.stdout.splitlines()[:5] == [
        "unchanged zoe-lukasiewicz (row 2, Zoë Łukasiewicz)",
        "would change jose-nunez (row 3, José Núñez):",
        "  days: tue,fri -> mon,thu",
        "would change ana-ruiz (row 4, Ana Ruiz):",
        "  program: prevention -> diagnosed-osteoporosis",
    ]
    assert _profile(oneup_home, "jose-nunez")["days"] == ["tue", "fri"]

    result = ok(run("profiles", "import", str(roster), "--json"))
    doc = json.loads(result.stdout)
    validate(doc, "profiles-import")
    assert (doc["created"], doc["changed"], doc["unchanged"]) == (0, 2, 1)
    assert [p["action"] for p in doc["profiles"]] == ["unchanged", "changed", "changed"]
    assert doc["profiles"][2]["program_changed"] is True
    assert doc["profiles"][1]["changes"] == [
        {"field": "days", "before": "tue,fri", "after": "mon,thu"}
    ]
    assert _profile(oneup_home, "jose-nunez")["days"] == ["mon", "thu"]
    assert _profile(oneup_home, "ana-ruiz")["program"] == "diagnosed-osteoporosis"
    for name, data in logs.items():
        assert (oneup_home / "profiles" / name / "log.jsonl").read_bytes() == data


def test_a_program_change_says_the_log_is_kept(run, tmp_path):
    ok(run("profiles", "import", str(_roster(tmp_path))))
    edited = ROSTER.replace("Ana Ruiz,prevention", "Ana Ruiz,diagnosed-osteoporosis")
    result = ok(run("profiles", "import", str(_roster(tmp_path, edited))))
    assert result.stdout.splitlines()[-1].endswith(
        "0 created, 1 changed, 2 unchanged. ana-ruiz: program prevention -> "
        "diagnosed-osteoporosis; it keeps its log, and its loads go on from it."
    )


def test_a_blank_cell_keeps_what_is_saved(run, tmp_path, oneup_home):
    ok(run("profiles", "import", str(_roster(tmp_path))))
    blank = "name,program,start,days,units,supervised\nJosé Núñez,,,,,\n"
    result = ok(run("profiles", "import", str(_roster(tmp_path, blank, "blank.csv"))))
    assert result.stdout.splitlines()[0] == "unchanged jose-nunez (row 2, José Núñez)"
    assert _profile(oneup_home, "jose-nunez")["units"] == "lb"


def test_a_profile_column_names_the_profile(run, tmp_path, oneup_home):
    roster = "name,profile,program\nZoë Ł,zoe,balance\nAna Ruiz,,prevention\n"
    ok(run("profiles", "import", str(_roster(tmp_path, roster))))
    assert ok(run("profiles")).stdout.splitlines() == [
        f"ana-ruiz: prevention from {_today()}, mon, thu",
        f"zoe: balance from {_today()}, mon, wed, fri",
    ]


def _today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()


def test_two_rows_giving_one_profile_are_an_error_naming_both_and_nothing_is_written(
    run, tmp_path, oneup_home
):
    roster = _roster(tmp_path, ROSTER + "ana ruiz,balance,2026-03-02,,kg,no\n")
    result = run("profiles", "import", str(roster))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {roster}: row 5 (ana ruiz): gives the profile 'ana-ruiz', as row 4 (Ana Ruiz) "
        "does: one profile a row (a profile column can tell them apart) (nothing was written)\n"
    )
    assert _digest(oneup_home) == {}


def test_every_bad_row_is_listed_then_a_summary_and_nothing_is_written(run, tmp_path, oneup_home):
    ok(run("-p", "zoe-lukasiewicz", "start", "balance", "--start", "2026-03-02"))
    before = _digest(oneup_home)
    bad = (
        ROSTER.replace("2026-02-02", "2026-02-30").replace("Ana Ruiz,prevention", "Ana Ruiz,nope")
        + "Ana Ruiz,balance,,,kg,no\n"
    )
    result = run("profiles", "import", str(_roster(tmp_path, bad)))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "row 3 (José Núñez): start '2026-02-30' is not a real date: use YYYY-MM-DD, e.g. 2026-03-02"
    )
    assert lines[1].startswith("row 4 (Ana Ruiz): no program called 'nope'")
    assert lines[2].startswith("row 5 (Ana Ruiz): gives the profile 'ana-ruiz', as row 4")
    assert lines[3] == (
        f"Error: {tmp_path / 'clients.csv'}: 3 rows are wrong, listed above: nothing was written"
    )
    assert len(lines) == 4
    assert _digest(oneup_home) == before  # zoe's row was good, and is not saved either


def test_a_bad_header_is_one_line_exit_2(run, tmp_path):
    result = run("profiles", "import", str(_roster(tmp_path, "name,phone\nAna,1\n")))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "unknown column 'phone'" in result.stderr


def test_profiles_alone_still_lists_as_profiles_list_does(run, tmp_path):
    ok(run("profiles", "import", str(_roster(tmp_path))))
    assert ok(run("profiles")).stdout == ok(run("profiles", "list")).stdout
    assert ok(run("profiles", "--json")).stdout == ok(run("profiles", "list", "--json")).stdout
    validate(json.loads(ok(run("profiles", "--json")).stdout), "profiles")


# --- bulk --profiles -------------------------------------------------------------------------


def _plan_json(run, name: str, *args: str) -> bytes:
    result = ok(run("-p", name, "plan", "--format", "json", "--date", DATE, *args))
    return result.stdout_bytes


def test_bulk_profiles_plans_from_the_log_byte_for_byte_as_plan_does(run, tmp_path):
    """The issue's example: a logged seated-knee-extension on balance, which bulk from a
    roster plans as a first time."""
    ok(run("-p", "zoe", "start", "balance", "--start", "2026-03-02", "--days", "mon,wed,fri"))
    ok(run("-p", "zoe", "log", "seated-knee-extension", "2x10@1kg", "--date", "2026-03-02"))
    ok(run("profiles", "import", str(_roster(tmp_path))))
    out = tmp_path / "plans"
    ok(run("bulk", "--profiles", "--out", str(out), "-f", "json", "--date", DATE))

    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{n}.json" for n in [*NAMES, "zoe"]] + ["index.csv", "index.json"]
    )
    for name in [*NAMES, "zoe"]:
        assert (out / f"{name}.json").read_bytes() == _plan_json(run, name), name
    zoe = json.loads((out / "zoe.json").read_text())
    reasons = json.dumps(zoe)
    assert "seated-knee-extension" in reasons
    # From a roster, the same client is planned afresh: the logged load is not seen.
    roster = _roster(tmp_path, 'name,program,start,days\nzoe,balance,2026-03-02,"mon,wed,fri"\n')
    fresh = tmp_path / "fresh"
    ok(run("bulk", str(roster), "--out", str(fresh), "-f", "json", "--date", DATE))
    assert (fresh / "zoe.json").read_bytes() != (out / "zoe.json").read_bytes()

    index = json.loads((out / "index.json").read_text())
    validate(index, "bulk-index")
    assert index["roster"] == "saved profiles"
    assert [(r["row"], r["name"], r["file"]) for r in index["rows"]] == [
        (1, "ana-ruiz", "ana-ruiz.json"),
        (2, "jose-nunez", "jose-nunez.json"),
        (3, "zoe", "zoe.json"),
        (4, "zoe-lukasiewicz", "zoe-lukasiewicz.json"),
    ]


def test_bulk_profiles_names_some_and_weeks_and_jobs_work_as_for_a_roster(run, tmp_path):
    ok(run("profiles", "import", str(_roster(tmp_path))))
    one, two = tmp_path / "one", tmp_path / "two"
    args = ("-f", "json", "--date", DATE, "--weeks", "1-2")
    ok(run("bulk", "--profiles", "ana-ruiz,jose-nunez", "--out", str(one), *args, "-j", "1"))
    ok(run("bulk", "--profiles", "jose-nunez,ana-ruiz", "--out", str(two), *args, "-j", "2"))
    assert sorted(p.name for p in one.iterdir()) == [
        "ana-ruiz.json",
        "index.csv",
        "index.json",
        "jose-nunez.json",
    ]
    for name in ("ana-ruiz", "jose-nunez"):
        plan = (one / f"{name}.json").read_bytes()
        assert plan == (two / f"{name}.json").read_bytes()
        assert plan == _plan_json(run, name, "--weeks", "1-2")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--profiles", "ana-ruiz,nobody"),
            "Error: --profiles: no saved profile 'nobody': `oneup profiles` lists them\n",
        ),
        (
            ("--profiles", "x,../etc"),
            "Error: --profiles: '../etc' is not a profile name: `oneup profiles` lists them\n",
        ),
        (
            ("roster.csv", "--profiles"),
            "Error: give a roster (oneup bulk clients.csv --out DIR), or --profiles for the "
            "saved profiles, but not both\n",
        ),
    ],
)
def test_bulk_profiles_mistakes_are_one_line_exit_2_and_nothing_written(
    run, tmp_path, args, message
):
    ok(run("profiles", "import", str(_roster(tmp_path))))
    out = tmp_path / "plans"
    result = run("bulk", *args, "--out", str(out), "-f", "json")
    assert (result.exit_code, result.stderr) == (2, message)
    assert not out.exists()


def test_bulk_profiles_with_none_saved_says_how_to_make_them(run, tmp_path):
    result = run("bulk", "--profiles", "--out", str(tmp_path / "plans"))
    assert result.exit_code == 2
    assert "no saved profiles yet: `oneup profiles import ROSTER.csv`" in result.stderr


def test_a_roster_profile_column_mixes_saved_and_new_clients(run, tmp_path):
    ok(run("-p", "zoe", "start", "balance", "--start", "2026-03-02", "--days", "mon,wed,fri"))
    ok(run("-p", "zoe", "log", "seated-knee-extension", "2x10@1kg", "--date", "2026-03-02"))
    roster = _roster(
        tmp_path,
        "name,profile,program,start,notes\n"
        "Zoë Ł,zoe,prevention,2026-01-05,Hold the counter\n"  # saved: its settings win
        "Bo Lee,bo,balance,2026-03-02,\n"  # no saved profile: a new client
        "Cy,,balance,2026-03-02,\n",
    )
    out = tmp_path / "plans"
    ok(run("bulk", str(roster), "--out", str(out), "-f", "json", "--date", DATE))
    saved = _plan_json(run, "zoe", "--client", "Zoë Ł", "--notes", "Hold the counter")
    assert (out / "zoe-l.json").read_bytes() == saved
    new = ok(
        run(
            "plan",
            "--program",
            "balance",
            "--start",
            "2026-03-02",
            "--client",
            "Bo Lee",
            "--format",
            "json",
            "--date",
            DATE,
        )
    )
    assert (out / "bo-lee.json").read_bytes() == new.stdout_bytes
    index = json.loads((out / "index.json").read_text())
    assert [r["program"] for r in index["rows"]] == ["balance", "balance", "balance"]


def test_the_command_line_and_the_core_mean_the_same_by_all_profiles():
    from oneup_cli.cli import bulk

    assert bulk.ALL == batch.ALL_PROFILES


@pytest.mark.slow
def test_the_trainers_commands_from_the_real_entry_point(tmp_path):
    home = tmp_path / "home"
    roster = _roster(tmp_path)
    made = oneup(home, "profiles", "import", str(roster))
    assert made.returncode == 0, made.stderr
    out = tmp_path / "plans"
    # --profiles without names, before other options and at the end
    first = oneup(home, "bulk", "--profiles", "-o", str(out), "-f", "json", "--date", DATE)
    assert first.returncode == 0, first.stderr
    assert first.stderr == f"3 plans written to {out}\n"
    again = oneup(home, "bulk", "-o", str(out), "-f", "json", "--date", DATE, "--profiles")
    assert again.returncode == 1 and "add --force" in again.stderr
    single = oneup(home, "-p", "zoe-lukasiewicz", "plan", "-f", "json", "--date", DATE)
    assert (out / "zoe-lukasiewicz.json").read_text() == single.stdout


def test_a_plan_from_the_recent_records_is_the_plan_from_the_whole_log(oneup_home):
    """`plan` (and so `bulk --profiles`) reads only the records that can matter from the first
    day planned on (recent.py); on a long log, whose summary keeps only each exercise's last
    records, every plan is the very one the whole log gives."""
    import dataclasses as dc
    import datetime as dt
    import random

    from oneup_cli import log, paths, planning, service, weekplan
    from oneup_cli import profile as profiles
    from oneup_cli.model import SetRecord, Unit, Weight
    from oneup_cli.programs import load_library, load_program
    from oneup_cli.render import registry

    library = load_library()
    by_id = library.by_id()
    rng = random.Random(14)
    start = dt.date(2025, 6, 2)
    render = registry.get("json").render
    for program_id in ("prevention", "balance"):
        program = load_program(program_id, library)
        name = f"long-{program_id}"
        profiles.save(service.new_profile(name, program, start=start))
        now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        exercises = ["goblet-squat", "seated-knee-extension", "one-leg-stand"]
        records = []
        for day in range(240):  # about 150 records an exercise: far more than the summary keeps
            date = start + dt.timedelta(days=day)
            for ex in exercises:
                e = by_id[ex]
                if e.measure.value == "reps":
                    load = Weight(rng.choice([2, 4, 6, 8, 10]), Unit.kg)
                    sets = [SetRecord(reps=rng.randint(6, 14), load=load)] * 2
                else:
                    sets = [SetRecord(seconds=float(rng.randint(10, 40)))] * 2
                pain = rng.random() < 0.05
                records.append(service.make_record(e, sets, date=date, now=now, pain=pain))
        log.append_many(paths.log_file(name), records)
        for _ in range(12):
            today = start + dt.timedelta(days=rng.randint(0, 280))
            for which in (
                planning.Weeks(),
                planning.Weeks(weeks="1-2"),
                planning.Weeks(next_week=True),
            ):
                made, _ = planning.week_plan(name, today, which)
                context = service.open_context(name, today=today)
                weeks = weekplan.choose_weeks(
                    context.program, context.profile, today, **dc.asdict(which)
                )
                history, _ = service.read_history(name)  # the whole log
                whole = weekplan.build(
                    context.program,
                    library,
                    context.profile,
                    history,
                    weeks,
                    today=today,
                    client=name,
                )
                options = registry.Options()
                assert render(made, options) == render(whole, options), (program_id, today, which)


def test_the_python_api_plans_saved_profiles_as_the_command_does(run, tmp_path):
    from oneup_cli import api

    ok(run("profiles", "import", str(_roster(tmp_path))))
    import datetime as dt

    day = dt.date.fromisoformat(DATE)
    result = api.bulk(None, tmp_path / "api", profiles=True, fmt="json", today=day)
    assert (result.written, result.failed) == (3, 0)
    for name in NAMES:
        assert (tmp_path / "api" / f"{name}.json").read_bytes() == _plan_json(run, name)
    with pytest.raises(api.UsageError, match="profiles: no saved profile 'nobody'"):
        api.bulk(None, tmp_path / "x", profiles=["ana-ruiz", "nobody"])
    with pytest.raises(api.UsageError, match="not both"):
        api.bulk(_roster(tmp_path), tmp_path / "x", profiles=True)


def test_import_reads_the_roster_from_standard_input(run, oneup_home):
    result = ok(run("profiles", "import", "-", "--dry-run", input=ROSTER))
    assert result.stdout.splitlines()[-1] == (
        "Nothing written (--dry-run): of 3 profiles from standard input, 3 to create, "
        "0 to change, 0 unchanged."
    )
    assert _digest(oneup_home) == {}


def test_a_roster_row_whose_profile_is_no_name_fails_alone(run, tmp_path):
    roster = _roster(tmp_path, "name,profile,program\nAna,../x,balance\nBo,,balance\n")
    out = tmp_path / "plans"
    result = run("bulk", str(roster), "--out", str(out), "-f", "json", "--date", DATE)
    assert result.exit_code == 1
    assert result.stderr.startswith("row 2 (Ana): profile '../x' is not a profile name")
    assert sorted(p.name for p in out.iterdir()) == ["bo.json", "index.csv", "index.json"]
