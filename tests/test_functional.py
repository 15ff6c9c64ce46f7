"""Functional tests (issue 12): `oneup test` as a user meets it, and the cut-offs of SCIENCE.md."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from oneup_cli.model import LogRecord, Measured
from oneup_cli.outcomes import functional as f

from .conftest import ok

LOG = ("profiles", "me", "log.jsonl")


def log_lines(home) -> list[dict]:
    path = home.joinpath(*LOG)
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.fixture
def ana(run):
    """A woman born in 1950 (76 in 2026), on the prevention program."""
    ok(run("start", "prevention", "--start", "2026-01-05", "--born", "1950", "--sex", "f"))
    return run


# --- the cut-offs, copied from shared/SCIENCE.md ----------------------------------------------

# SCIENCE.md, "Functional tests and their cut-offs", 30-second chair stand: "Below-average
# scores, men / women: 60-64 <14 / <12; 65-69 <12 / <11; 70-74 <12 / <10; 75-79 <11 / <10;
# 80-84 <10 / <9; 85-89 <8 / <8; 90-94 <7 / <4. Needing the arms scores 0" (CDC STEADI,
# 30-Second Chair Stand form, 2017, norms of Rikli and Jones). Copied here so that the repository
# stands alone; the module's data must match it number by number.
SCIENCE_CHAIR_STAND = {
    (60, 64): (14, 12),
    (65, 69): (12, 11),
    (70, 74): (12, 10),
    (75, 79): (11, 10),
    (80, 84): (10, 9),
    (85, 89): (8, 8),
    (90, 94): (7, 4),
}
SCIENCE_TUG = 12  # "12 s or more: at risk of falling" (CDC STEADI TUG form, 2017)
SCIENCE_TANDEM = 10  # "cannot hold the tandem stance for 10 s: at risk of falling"
SCIENCE_GRIP = {"m": 27, "f": 16}  # "under 27 kg (men), under 16 kg (women)" (EWGSOP2)


def test_the_chair_stand_table_is_science_md_number_by_number():
    assert {(a, a + 4): v for a, v in f.CHAIR_STAND_BELOW.items()} == SCIENCE_CHAIR_STAND
    for (first, last), (men, women) in SCIENCE_CHAIR_STAND.items():
        for age in range(first, last + 1):
            for sex, cut in (("m", men), ("f", women)):
                day = dt.date(2026, 6, 1)
                born = day.year - age
                below = f.verdict(
                    "chair-stand", Measured("chair-stand", count=cut - 1), born, sex, day
                )
                at = f.verdict("chair-stand", Measured("chair-stand", count=cut), born, sex, day)
                assert (below.status, at.status) == (f.Status.below, f.Status.fine), (age, sex)
                assert below.band == f"{first}-{last}" and below.cutoff == cut


def test_the_other_cut_offs_are_science_md():
    assert f.TUG_AT_RISK == SCIENCE_TUG
    assert (f.TANDEM_STAGE, f.TANDEM_HOLD) == (3, SCIENCE_TANDEM)
    assert f.GRIP_BELOW_KG == SCIENCE_GRIP
    assert dt.timedelta(weeks=8) == f.RETEST_EVERY
    sources = {name: t.source for name, t in f.TESTS.items()}
    assert sources["grip"].startswith("EWGSOP2: Cruz-Jentoft AJ et al. Age Ageing 2019;48:16-31")
    assert all(sources[n].startswith("CDC STEADI") for n in ("chair-stand", "tug", "four-stage"))


def test_ages_outside_the_chair_stand_table_get_no_verdict():
    day = dt.date(2026, 6, 1)
    for age in (59, 95):
        v = f.verdict("chair-stand", Measured("chair-stand", count=3), 2026 - age, "m", day)
        assert v.status == f.Status.outside and v.age == age


@pytest.mark.parametrize(
    ("stage", "seconds", "status"),
    [(3, 9.9, "below"), (3, 10, "fine"), (2, 10, "below"), (1, 10, "below"), (4, 1, "fine")],
)
def test_four_stage_is_at_risk_when_the_tandem_stance_is_not_held_10_seconds(
    stage, seconds, status
):
    m = Measured("four-stage", stage=stage, seconds=seconds)
    assert f.verdict("four-stage", m, None, None, dt.date(2026, 1, 1)).status == status


def test_grip_reads_pounds_against_the_kilogram_cut_off():
    day = dt.date(2026, 1, 1)
    m = f.measure("grip", ["35lb"])  # 15.9 kg
    assert f.verdict("grip", m, None, "f", day).status == f.Status.below
    assert f.verdict("grip", f.measure("grip", ["16"]), None, "f", day).status == f.Status.fine
    assert f.verdict("grip", f.measure("grip", ["26.9kg"]), None, "m", day).status == "below"
    assert f.verdict("grip", m, None, None, day).missing == ("sex",)


# --- recording --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "stored", "said"),
    [
        (("chair-stand", "11"), {"name": "chair-stand", "count": 11}, "11 stands"),
        (("tug", "10.5"), {"name": "tug", "seconds": 10.5}, "10.5 s"),
        (("four-stage", "3", "8"), {"name": "four-stage", "stage": 3, "seconds": 8.0}, "stage 3"),
        (("grip", "24"), {"name": "grip", "grip": "24kg"}, "24 kg"),
        (("grip", "60lb"), {"name": "grip", "grip": "60lb"}, "60 lb"),
        (("grip", "60", "lb"), {"name": "grip", "grip": "60lb"}, "60 lb"),
        (("grip", "22.5LB"), {"name": "grip", "grip": "22.5lb"}, "22.5 lb"),
        (("chair-stand", "0"), {"name": "chair-stand", "count": 0}, "0 stands"),
    ],
)
def test_each_test_is_recorded_in_the_log_as_entered(ana, oneup_home, args, stored, said):
    result = ok(ana("test", *args, "--date", "2026-01-07"))
    assert said in result.stdout and "Wed 7 Jan 2026" in result.stdout
    (line,) = log_lines(oneup_home)
    assert line["v"] == 1 and line["kind"] == "test" and line["date"] == "2026-01-07"
    assert line["test"] == stored and "sets" not in line and "exercise" not in line


def test_grip_in_pounds_stays_in_pounds_everywhere(ana, oneup_home):
    ok(ana("test", "grip", "60lb", "--date", "2026-01-07"))
    assert log_lines(oneup_home)[0]["test"]["grip"] == "60lb"
    assert "60 lb" in ok(ana("history")).stdout
    doc = json.loads(ok(ana("test", "--json")).stdout)
    assert doc["results"][0]["grip"] == "60lb"
    history = json.loads(ok(ana("history", "--json")).stdout)
    assert history["records"][0]["test"] == {"name": "grip", "grip": "60lb"}


def test_a_verdict_needs_born_and_sex_and_says_suggests(run):
    ok(run("start", "prevention", "--start", "2026-01-05"))
    result = ok(run("test", "chair-stand", "9", "--date", "2026-01-07"))
    assert "No verdict: the cut-off depends on your year of birth and sex" in result.stdout
    assert "oneup profile --born YEAR --sex f|m" in result.stdout
    ok(run("profile", "--born", "1950", "--sex", "f"))
    result = ok(run("test", "chair-stand", "9", "--date", "2026-01-08"))
    assert "Below the average for women aged 75-79 (10 stands or more)" in result.stdout
    assert "suggests" in result.stdout and "diagnos" in result.stdout  # "Not a diagnosis."
    assert "the balance program (oneup recommend) and a talk with your doctor" in result.stdout
    fine = ok(run("test", "chair-stand", "10", "--date", "2026-01-09")).stdout
    assert "At or above the average for women aged 75-79" in fine


def test_a_slow_timed_up_and_go_is_never_a_verdict_on_its_own(ana):
    fast = ok(ana("test", "tug", "11.9", "--date", "2026-01-06"))
    assert "Under 12 seconds. On its own this test is a weak screen" in fast.stdout
    result = ok(ana("test", "tug", "12", "--date", "2026-01-07"))
    assert "can suggest a higher risk of falling" in result.stdout
    assert "On its own this test is a weak screen" in result.stdout
    rec = json.loads(ok(ana("recommend", "--json")).stdout)
    assert rec["program"] == "prevention"  # TUG alone does not send anyone to balance
    assert any("weak screen" in n for n in rec["notes"])


def test_undo_takes_a_test_back(ana, oneup_home):
    ok(ana("log", "goblet-squat", "2x12@10kg", "--date", "2026-01-05"))
    ok(ana("test", "grip", "24", "--date", "2026-01-07"))
    result = ok(ana("undo"))
    assert result.stdout == "Took back the grip strength test: 24 kg on Wed 7 Jan 2026.\n"
    lines = log_lines(oneup_home)
    assert lines[-1]["kind"] == "void" and lines[-1]["voids"] == lines[1]["id"]
    assert "none yet" in ok(ana("test")).stdout.split("Grip strength")[1]
    assert "goblet-squat" in ok(ana("history")).stdout  # the sets stay
    ok(ana("undo"))  # then the sets
    assert "Nothing recorded yet" in ok(ana("history")).stdout


def test_history_lists_tests_with_sets(ana):
    ok(ana("log", "goblet-squat", "2x12@10kg", "--date", "2026-01-05"))
    ok(ana("test", "four-stage", "3", "8", "--date", "2026-01-06"))
    text = ok(ana("history")).stdout
    assert "test: 4-stage balance test" in text and "stage 3, held 8 s" in text
    doc = json.loads(ok(ana("history", "--json")).stdout)
    assert [r["kind"] for r in doc["records"]] == ["sets", "test"]


def test_test_alone_lists_how_to_do_each_and_the_last_results(ana):
    ok(ana("test", "four-stage", "2", "10", "--date", "2026-01-06"))
    ok(ana("test", "four-stage", "4", "3", "--date", "2026-01-08"))
    text = ok(ana("test")).stdout
    for title in ("30-second chair stand", "Timed up and go", "4-stage balance test", "Grip"):
        assert title in text
    assert text.count("Have ready:") == 4 and text.count("Stop:") == 4
    flat = " ".join(text.split())
    assert "Last result: stage 4, held 3 s on Thu 8 Jan 2026 (a re-test is due)" in flat
    assert "Published cut-offs" in text and "Cruz-Jentoft" in text
    bands = [line.split() for line in text.splitlines() if "<- your age" in line]
    _, band = f.chair_stand_cutoff(dt.date.today().year - 1950, "f")  # 75-79 in 2026
    first = int(band[:2])
    men, women = SCIENCE_CHAIR_STAND[first, first + 4]
    assert bands == [[band, str(men), str(women), "<-", "your", "age"]]
    doc = json.loads(ok(ana("test", "--json")).stdout)
    assert [r["verdict"]["status"] for r in doc["results"]] == ["below", "fine"]
    assert doc["tests"][2]["next_due"] == "2026-03-05"


def test_an_old_profile_without_born_and_sex_still_loads(run, oneup_home):
    ok(run("start", "balance", "--start", "2026-01-05"))
    path = oneup_home / "profiles" / "me" / "profile.json"
    doc = json.loads(path.read_text())
    del doc["born"], doc["sex"]
    path.write_text(json.dumps(doc))
    ok(run("test", "grip", "20", "--date", "2026-01-06"))
    assert "Year of birth" in ok(run("profile")).stdout


def test_start_keeps_born_and_sex_and_profile_shows_them(ana):
    ok(ana("start", "balance", "--start", "2026-02-02"))
    doc = json.loads(ok(ana("profile", "--json")).stdout)["profile"]
    assert (doc["born"], doc["sex"], doc["program"]) == (1950, "f", "balance")
    text = ok(ana("profile")).stdout
    assert "1950" in text and "female" in text


def test_test_results_apply_voids_and_sort_by_date():
    at = dt.datetime(2026, 1, 9, tzinfo=dt.UTC)

    def rec(i: str, day: int, grip: str) -> LogRecord:
        m = f.measure("grip", [grip])
        return LogRecord(id=i, at=at, kind="test", date=dt.date(2026, 1, day), test=m)

    records = [rec("a", 8, "20"), rec("b", 3, "18"), rec("c", 9, "22")]
    records.append(LogRecord(id="d", at=at, kind="void", voids="c"))
    results = f.test_results(records)
    assert [r.id for r in results] == ["b", "a"]
    assert f.latest(results)["grip"].id == "a"
    assert f.next_due(results) == {"grip": dt.date(2026, 3, 5)}
    assert f.retest_due(results, dt.date(2026, 3, 4)) is None
    assert f.retest_due(results, dt.date(2026, 3, 5)) == dt.date(2026, 3, 5)


# --- today: the re-test line, and a first test suggested --------------------------------------


def test_today_says_when_a_re_test_is_due(ana):
    ok(ana("test", "chair-stand", "12", "--date", "2026-01-07"))
    not_yet = ok(ana("today", "--date", "2026-03-03")).stdout  # 55 days
    assert "re-test" not in not_yet
    due = ok(ana("today", "--date", "2026-03-04")).stdout  # 8 weeks
    assert due.rstrip().splitlines()[-1] == (
        "Functional tests: a re-test is due (since Wed 4 Mar, every 8 weeks): oneup test shows how."
    )
    ok(ana("test", "chair-stand", "13", "--date", "2026-03-04"))
    assert "re-test" not in ok(ana("today", "--date", "2026-03-05")).stdout
    ok(ana("undo"))  # the summary beside the log sees the void
    assert "re-test is due" in ok(ana("today", "--date", "2026-03-05")).stdout


def test_today_suggests_a_first_test_only_early_and_only_without_one(ana):
    assert "Tip: four short tests" in ok(ana("today", "--date", "2026-01-06")).stdout
    assert "Tip:" not in ok(ana("today", "--date", "2026-01-19")).stdout  # day 14
    ok(ana("test", "grip", "20", "--date", "2026-01-06"))
    assert "Tip:" not in ok(ana("today", "--date", "2026-01-07")).stdout


def test_today_json_is_unchanged_by_tests(ana):
    ok(ana("test", "grip", "20", "--date", "2026-01-06"))
    doc = json.loads(ok(ana("today", "--date", "2026-05-06", "--json")).stdout)
    assert "retest" not in json.dumps(doc)


# --- bad values: one line, exit 2, nothing recorded ---------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("test", "grip", "-3"), "Error: '-3' is not a grip strength: a weight above 0"),
        (("test", "four-stage", "5", "10"), "Error: '5' is not a stage: the stages are 1, 2, 3"),
        (("test", "tug", "abc"), "Error: 'abc' is not a number of seconds from 0 to 300"),
        (("test", "jump", "3"), "Error: 'jump' is not a test: use chair-stand, tug, four-stage"),
        (("test", "grip"), "Error: 'grip' needs its result after it: KG, e.g. oneup test grip"),
        (("test", "chair-stand", "3.5"), "Error: '3.5' is not a number of stands"),
        (
            ("test", "four-stage", "3"),
            "Error: '3' is not a 4-stage balance test result: write STAGE SECONDS",
        ),
        (("start", "prevention", "--sex", "x"), "Error: --sex 'x' is not f or m"),
        (("start", "prevention", "--born", "1800"), "Error: --born '1800' is not a year of birth"),
        (("profile", "--born", "3000"), "Error: --born '3000' is not a year of birth"),
    ],
)
def test_a_bad_value_is_one_line_exit_2_and_changes_nothing(ana, oneup_home, args, says):
    before = [p.read_bytes() for p in sorted((oneup_home / "profiles").rglob("*.json*"))]
    result = ana(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(says) and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output
    assert [p.read_bytes() for p in sorted((oneup_home / "profiles").rglob("*.json*"))] == before
