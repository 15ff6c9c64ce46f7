"""`oneup import` (issue 13), as a user meets it: files from Strong, Hevy and FitNotes.

The sample files in tests/data/ follow the published exports (see the comments beside each
format's constants in src/oneup_cli/importing/formats.py).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from oneup_cli import log
from oneup_cli.importing import aliases, formats
from oneup_cli.model import LogRecord, SetRecord, Unit, Weight
from oneup_cli.programs import aliases_path, load_library

from .conftest import REPO, ok, oneup
from .test_contract import validate

DATA = REPO / "tests" / "data"


@pytest.fixture
def me(run, oneup_home):
    """A prevention profile (kg) started Mon 5 Jan 2026, and the path of its log."""
    ok(run("start", "prevention", "--start", "2026-01-05", "--days", "mon,thu"))
    return oneup_home / "profiles" / "me" / "log.jsonl"


def records(path: Path) -> list[LogRecord]:
    return log.read(path).records


def by_key(path: Path) -> dict[tuple[str, str], LogRecord]:
    return {(r.exercise or r.name or "", str(r.date)): r for r in records(path)}


def loads(r: LogRecord) -> list[str]:
    return [s.load.token() if s.load else "-" for s in r.sets]


# --- each format --------------------------------------------------------------------------


def test_a_strong_file_imports_one_record_per_exercise_and_day(run, me):
    result = ok(run("import", str(DATA / "strong.csv")))
    assert result.stdout.startswith(
        "Imported 6 records from " + str(DATA / "strong.csv") + " (Strong): 9 sets on 2 days"
    )
    got = by_key(me)
    squat = got[("goblet-squat", "2026-01-05")]
    assert [s.reps for s in squat.sets] == [10, 10, 10]
    assert [s.warmup for s in squat.sets] == [True, False, False]
    assert loads(squat) == ["4kg", "12kg", "12kg"]  # Strong's comma form: the profile's kg
    assert squat.rpe == 8 and squat.note == "slow down" and squat.source == "import"
    assert [s.reps for s in got[("barbell-deadlift", "2026-01-05")].sets] == [8, 8]
    plank = got[("Plank", "2026-01-05")]  # a timed set: Strong's 0 reps are no reps
    assert plank.exercise is None and plank.sets == [SetRecord(seconds=45.0)]
    assert len({r.batch for r in records(me)}) == 1
    assert all(r.batch_size == 6 for r in records(me))


def test_the_semicolon_strong_form_reads_decimal_commas_and_each_rows_unit(run, me):
    ok(run("import", str(DATA / "strong-semicolon.csv")))
    got = by_key(me)
    rdl = got[("dumbbell-romanian-deadlift", "2019-01-11")]
    assert loads(rdl) == ["7.5kg", "12.5kg", "12.5kg"]
    assert [s.warmup for s in rdl.sets] == [True, False, False]
    assert rdl.rpe == 8.5 and rdl.note == "felt good"
    squat = got[("goblet-squat", "2019-01-14")]  # "Squat (Goblet)", in lbs: stays in lb
    assert loads(squat) == ["22.5lb", "22.5lb"]
    assert got[("dumbbell-bench-press", "2019-01-11")].sets[0].load == Weight(10.0, Unit.kg)


def test_a_hevy_file_in_lb_keeps_its_pounds_and_marks_its_warmups(run, me):
    result = ok(run("import", str(DATA / "hevy-lb.csv")))
    assert "(Hevy (lb))" in result.stdout
    got = by_key(me)
    squat = got[("goblet-squat", "2026-01-05")]
    assert loads(squat) == ["10lb", "25lb", "25lb"]
    assert [s.warmup for s in squat.sets] == [True, False, False]
    assert squat.rpe == 8  # the work sets' highest
    assert [s.reps for s in got[("one-arm-dumbbell-row", "2026-01-05")].sets] == [12, 12]
    assert got[("dumbbell-lateral-raise", "2026-01-08")].note == "slow"


def test_a_hevy_file_in_kg(run, me):
    ok(run("import", str(DATA / "hevy-kg.csv")))
    (squat,) = records(me)
    assert loads(squat) == ["4kg", "12kg", "12kg"] and squat.sets[0].warmup


def test_a_fitnotes_file_with_a_walk_in_minutes(run, me):
    result = ok(run("import", str(DATA / "fitnotes.csv")))
    assert "(FitNotes)" in result.stdout
    got = by_key(me)
    bench = got[("dumbbell-bench-press", "2026-01-05")]
    assert [s.reps for s in bench.sets] == [12, 11] and loads(bench) == ["10kg", "10kg"]
    assert bench.note == "last one hard"
    assert got[("walk", "2026-01-05")].sets == [SetRecord(minutes=20.0)]  # 0:20:00
    assert got[("seated-cable-row", "2026-01-07")].sets[0].reps == 12


def test_the_format_is_found_by_a_table_of_headers():
    first = {p.name: p.read_text().splitlines()[0] for p in DATA.glob("*.csv")}
    found = {name: getattr(formats.detect(line), "id", None) for name, line in first.items()}
    assert found == {
        "strong.csv": "strong",
        "strong-semicolon.csv": "strong-semicolon",
        "hevy-lb.csv": "hevy-lb",
        "hevy-kg.csv": "hevy-kg",
        "fitnotes.csv": "fitnotes",
    }
    assert formats.detect("name,program,start") is None


# --- warm-ups and the engine ----------------------------------------------------------------

WORK = 'Lower A,"5 Jan 2026, 09:30",,,Goblet Squat,,,{i},{kind},{kg},{reps},,,\n'
HEVY_HEAD = (DATA / "hevy-kg.csv").read_text().splitlines()[0] + "\n"


def _today_item(run, exercise: str, day: str = "2026-01-08") -> dict:
    doc = json.loads(ok(run("today", "--date", day, "--json")).stdout)
    items = [i for b in doc["blocks"] for i in b["items"] if i["exercise"] == exercise]
    return items[0]


def _hevy(tmp_path: Path, name: str, rows: list[tuple[str, int, int]]) -> Path:
    path = tmp_path / name
    body = "".join(
        WORK.format(i=i, kind=kind, kg=kg, reps=reps) for i, (kind, kg, reps) in enumerate(rows)
    )
    path.write_text(HEVY_HEAD + body)
    return path


def test_light_warmups_do_not_pull_the_working_load_down(run, me, tmp_path, oneup_home):
    with_warmups = _hevy(
        tmp_path,
        "warm.csv",
        [
            ("warmup", 4, 5),
            ("warmup", 4, 5),
            ("warmup", 4, 5),
            ("normal", 12, 12),
            ("normal", 12, 12),
        ],
    )
    only_work = _hevy(tmp_path, "work.csv", [("normal", 12, 12), ("normal", 12, 12)])
    ok(run("import", str(only_work)))
    expected = _today_item(run, "goblet-squat")
    ok(run("undo"))
    ok(run("import", str(with_warmups)))
    assert [s.warmup for s in records(me)[0].sets] == [True] * 3 + [False] * 2
    assert _today_item(run, "goblet-squat") == expected
    # 2 x 12 at 12 kg earned the next step; the 4 kg warm-ups of 5 reps count for nothing
    assert expected["load"] == {"value": 13.0, "unit": "kg"}


def test_years_of_old_history_imported_after_a_recent_record_do_not_hide_it(run, me, tmp_path):
    import datetime as dt

    ok(run("log", "goblet-squat", "2x10@20kg", "--date", "2026-03-02"))
    old = dt.date(2025, 1, 6)
    days = [(old + dt.timedelta(days=3 * i)).strftime("%-d %b %Y") for i in range(45)]
    body = "".join(
        WORK.replace("5 Jan 2026", day).format(i=k, kind="normal", kg=5, reps=10)
        for day in days
        for k in range(2)
    )
    given = tmp_path / "old.csv"
    given.write_text(HEVY_HEAD + body)
    assert ok(run("import", str(given))).stdout.startswith("Imported 45 records")
    item = _today_item(run, "goblet-squat", "2026-03-09")  # the summary keeps 40 per exercise
    assert item["load"] == {"value": 20.0, "unit": "kg"}, item["reason"]


def test_unknown_names_are_kept_shown_in_history_ignored_and_mapped_with_map(run, me):
    before = _today_item(run, "band-row")
    ok(run("import", str(DATA / "strong.csv")))
    history = ok(run("history")).stdout
    assert "Cable Row (not" in history and "mapped)" in history
    doc = json.loads(ok(run("history", "--json")).stdout)
    unmapped = [r for r in doc["records"] if r["name"] == "Cable Row"]
    assert len(unmapped) == 2 and all(r["exercise"] is None for r in unmapped)
    assert _today_item(run, "band-row") == before  # never read by the engine
    ok(run("undo"))
    result = ok(run("import", str(DATA / "strong.csv"), "--map", "cable  row=band-row"))
    assert "'Cable Row' (not mapped)" not in result.stdout
    assert "  Band row: 2 days, 2 sets\n" in result.stdout
    rows = [r for r in records(me) if r.exercise == "band-row"]
    assert [str(r.date) for r in rows] == ["2026-01-05", "2026-01-08"] and rows[0].name is None


def test_map_on_a_file_already_imported_says_how_to_map_it(run, me):
    ok(run("import", str(DATA / "strong.csv")))
    result = ok(run("import", str(DATA / "strong.csv"), "--map", "Cable Row=band-row"))
    assert "2 records of it are in the log under another exercise or by name" in result.stdout
    assert "oneup undo" in result.stdout


def test_an_unknown_exercise_in_map_is_an_error_naming_it(run, me):
    result = run("import", str(DATA / "strong.csv"), "--map", "Cable Row=seated-band-row")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --map 'seated-band-row' is not in the exercise library")
    assert not me.exists()


def test_the_summary_names_unknown_names_and_warmups(run, me):
    out = ok(run("import", str(DATA / "strong.csv"), "--dry-run")).stdout
    assert "  'Cable Row' (not mapped): 2 days, 2 sets" in out
    assert "  Goblet squat to a chair: 2 days, 4 sets and 1 warm-up set" in out
    assert (
        "Not mapped to an exercise, kept by name and not used to plan: 'Cable Row', 'Plank'" in out
    )
    assert out.endswith("Nothing was written (--dry-run).\n")


# --- nothing twice, nothing by accident --------------------------------------------------------


def test_dry_run_writes_nothing(run, me):
    ok(run("log", "goblet-squat", "2x12@10kg", "--date", "2026-01-05"))
    before = me.read_bytes()
    result = ok(run("import", str(DATA / "hevy-lb.csv"), "--dry-run"))
    assert result.stdout.startswith("Would import 3 records")
    assert me.read_bytes() == before


def test_dry_run_without_a_log_makes_none(run, me):
    ok(run("import", str(DATA / "fitnotes.csv"), "--dry-run"))
    assert not me.exists()


def test_importing_the_same_file_twice_adds_nothing(run, me):
    ok(run("import", str(DATA / "strong.csv")))
    before = me.read_bytes()
    result = ok(run("import", str(DATA / "strong.csv")))
    assert result.stdout.startswith("Nothing new in")
    assert "Already imported: 6 records (not added again)." in result.stdout
    assert me.read_bytes() == before
    dry = json.loads(ok(run("import", str(DATA / "strong.csv"), "--dry-run", "--json")).stdout)
    assert dry["added"] == 0 and dry["already_imported"] == 6


def test_ids_come_from_the_content_and_are_the_same_in_another_profile(run, me):
    ok(run("import", str(DATA / "hevy-lb.csv")))
    ok(run("-p", "other", "import", str(DATA / "hevy-lb.csv")))
    other = me.parent.parent / "other" / "log.jsonl"
    assert sorted(r.id for r in records(me)) == sorted(r.id for r in records(other))


def test_a_later_fitnotes_export_adds_only_its_new_days(run, me, tmp_path):
    ok(run("import", str(DATA / "fitnotes.csv")))
    later = tmp_path / "later.csv"
    lines = (DATA / "fitnotes.csv").read_text().splitlines()
    lines.insert(1, "2026-01-02,Seated Cable Row,Back,25.0,kgs,10,,,,")  # an earlier day too
    later.write_text("\n".join([*lines, "2026-01-09,Seated Cable Row,Back,30.0,kgs,12,,,,"]))
    result = ok(run("import", str(later)))
    assert result.stdout.startswith("Imported 2 records")
    assert "Already imported: 3 records (not added again)." in result.stdout


def test_undo_takes_the_whole_import_back_and_it_can_be_imported_again(run, me):
    ok(run("log", "goblet-squat", "2x12@10kg", "--date", "2026-01-04"))
    ok(run("import", str(DATA / "strong.csv")))
    result = ok(run("undo"))
    assert result.stdout == "Took back the import of 6 records (what `oneup import` added).\n"
    assert [r.source for r in records(me)] == ["log"]
    again = ok(run("import", str(DATA / "strong.csv")))
    assert again.stdout.startswith("Imported 6 records")
    assert len(records(me)) == 7


def test_a_bad_date_is_named_by_its_line_and_nothing_is_written(run, me, tmp_path):
    bad = tmp_path / "bad.csv"
    lines = (DATA / "strong.csv").read_text().splitlines()
    lines[3] = lines[3].replace("2026-01-05 09:30:12", "2026-13-01 09:30:12")
    bad.write_text("\n".join(lines) + "\n")
    result = run("import", str(bad))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {bad} line 4: the date '2026-13-01 09:30:12' is not a real date; nothing was "
        "imported (--skip-bad imports the other rows)\n"
    )
    assert not me.exists()
    skipped = ok(run("import", str(bad), "--skip-bad"))
    assert "Skipped 1 bad row:\n  line 4: the date '2026-13-01 09:30:12' is not a real date" in (
        skipped.stdout
    )
    squat = by_key(me)[("goblet-squat", "2026-01-05")]
    assert [s.reps for s in squat.sets] == [10, 10]  # the other sets of the day


def test_line_numbers_count_blank_lines_before_the_header_and_inside_quotes(run, me, tmp_path):
    bad = tmp_path / "bad.csv"
    lines = (DATA / "strong.csv").read_text().splitlines()
    lines[2] = lines[2].replace('"slow down"', '"slow\ndown"')  # one row on lines 4 and 5
    lines[5] = lines[5].replace(",8,0,0,", ",8,0,abc,")  # the first deadlift set
    bad.write_text("\r\n\n" + "\n".join(lines) + "\n")
    result = run("import", str(bad))
    assert result.exit_code == 2
    assert f"{bad} line 9: the seconds 'abc' is not a number" in result.stderr


def test_a_weight_that_is_not_a_number_is_a_bad_row(run, me, tmp_path):
    bad = tmp_path / "bad.csv"
    lines = (DATA / "fitnotes.csv").read_text().splitlines()
    lines[2] = lines[2].replace("10.0", "abc")
    lines[4] = lines[4].replace("30.0", "-5")
    bad.write_text("\n".join(lines) + "\n")
    result = run("import", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"Error: {bad} line 3: the weight 'abc' is not a number (1 more bad row)"
    )
    assert not me.exists()
    doc = json.loads(ok(run("import", str(bad), "--skip-bad", "--json")).stdout)
    validate(doc, "import")
    assert doc["skipped"] == [
        {"line": 3, "reason": "the weight 'abc' is not a number"},
        {"line": 5, "reason": "the weight '-5' is not a number"},
    ]
    assert doc["added"] == 2


def test_names_and_notes_with_escape_codes_are_kept_as_visible_text(run, me, tmp_path):
    given = tmp_path / "x.csv"
    lines = (DATA / "strong.csv").read_text().splitlines()[:3]
    lines[1] = lines[1].replace("Goblet Squat (Kettlebell)", "\x1b[31mRed Lift")
    lines[2] = lines[2].replace("slow down", "\x1b]0;owned\x07")
    given.write_text("\n".join(lines) + "\n")
    result = ok(run("import", str(given)))
    assert "\x1b" not in result.stdout and "'\\x1b[31mRed Lift' (not mapped)" in result.stdout
    names = {r.name for r in records(me)}
    assert "\\x1b[31mRed Lift" in names
    assert "\x1b" not in ok(run("history")).stdout


def test_the_json_summary_matches_its_schema(run, me):
    doc = json.loads(ok(run("import", str(DATA / "strong.csv"), "--json")).stdout)
    validate(doc, "import")
    assert doc["format"] == "strong" and doc["added"] == 6 and doc["warmup_sets"] == 1
    assert doc["unknown"] == ["Cable Row", "Plank"]
    assert (doc["first"], doc["last"]) == ("2026-01-05", "2026-01-08")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "is empty"),
        (b"name,program\nAna,balance\n", "is not an export oneup knows"),
        (b"\x89PNG\r\n\x1a\n\0\0\0IHDR", "is not a text file"),
        (b"Date,Exercise\n\xff\xfe\n", "is not UTF-8 text"),
    ],
)
def test_a_file_that_is_not_an_export_is_one_line(run, me, tmp_path, content, says):
    path = tmp_path / "given.csv"
    path.write_bytes(content)
    result = run("import", str(path))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and says in result.stderr
    assert not me.exists()


def test_a_missing_file(run, me, tmp_path):
    result = run("import", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2
    assert result.stderr == f"Error: the file {tmp_path / 'nope.csv'} does not exist\n"


# --- the name table and the log's lines --------------------------------------------------------


def test_every_alias_points_at_a_library_exercise_and_no_name_at_two():
    ids = {ex.id for ex in load_library().exercises}
    table = aliases.read_table(aliases_path())
    assert set(table) <= ids
    seen: dict[str, str] = {}
    for exercise_id, names in table.items():
        for name in names:
            assert seen.setdefault(aliases.key(name), exercise_id) == exercise_id, name


def test_names_match_whatever_their_case_and_spaces():
    found = aliases.load(load_library(), ["Cable Row=seated-cable-row"])
    for name, exercise_id in [
        ("Goblet Squat", "goblet-squat"),
        ("squat (goblet)", "goblet-squat"),
        ("  DEADLIFT   (Barbell) ", "barbell-deadlift"),
        ("Romanian Deadlift (Dumbbell)", "dumbbell-romanian-deadlift"),
        ("Bench Press (Dumbbell)", "dumbbell-bench-press"),
        ("goblet-squat", "goblet-squat"),
        ("Goblet squat to a chair", "goblet-squat"),
        ("cable row", "seated-cable-row"),
    ]:
        assert found.find(name) == exercise_id, name
    assert found.find("Underwater Basket Weaving") is None


def test_the_alias_schema_is_the_model():
    from oneup_cli.importing.aliases import AliasFile
    from oneup_cli.model.codec import json_schema

    assert json.loads((REPO / "schema" / "aliases.schema.json").read_text()) == json_schema(
        AliasFile
    )


def test_a_work_set_line_is_unchanged_and_a_warmup_says_so():
    plain = SetRecord(reps=8, load=Weight(10.0, Unit.kg))
    record = LogRecord(id="x", at=log.dt.datetime(2026, 1, 5, tzinfo=log.dt.UTC), sets=[plain])
    assert b'"warmup"' not in log.encode(record)
    warm = record.replace(sets=[plain.replace(warmup=True)])
    assert b'"warmup":true' in log.encode(warm)


# --- the real program --------------------------------------------------------------------------


@pytest.mark.slow
def test_import_and_undo_through_the_real_entry_point(tmp_path):
    home = tmp_path / "home"
    given = tmp_path / "semicolon.csv"
    shutil.copy(DATA / "strong-semicolon.csv", given)
    done = oneup(home, "import", str(given))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Imported 3 records")
    assert oneup(home, "import", str(given)).stdout.startswith("Nothing new in")
    undone = oneup(home, "undo")
    assert undone.returncode == 0 and "import of 3 records" in undone.stdout
    bad = oneup(home, "import", str(tmp_path / "missing.csv"))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
