"""Issue 11, "Frequency": each program's strength days a week, a rest day between sessions, and
walks on as many days as the program says; from the command line, a roster and the API."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from oneup_cli import api
from oneup_cli.parse import FieldError

from .conftest import PROGRAMS, ok

ALL_WEEK = "mon,tue,wed,thu,fri,sat,sun"


def _refused(result) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("program", "days", "allowed"),
    [
        ("diagnosed-osteoporosis", ALL_WEEK, "2 to 3 (TFTF, SSS)"),
        ("diagnosed-osteoporosis", "wed", "2 to 3 (TFTF, SSS)"),
        ("prevention", ALL_WEEK, "exactly 2 (LIFTMOR, LIFTMOR-M)"),
        ("prevention", "mon,wed,fri", "exactly 2 (LIFTMOR, LIFTMOR-M)"),
        ("balance", "mon,thu", "exactly 3 (OTAGO)"),
    ],
)
def test_start_refuses_days_outside_the_programs_range_naming_it_and_its_source(
    run, oneup_home, program, days, allowed
):
    line = _refused(run("start", program, "--days", days))
    assert line.startswith(f"Error: --days '{days}'")
    assert f"this program allows {allowed}" in line
    assert not (oneup_home / "profiles" / "me" / "profile.json").exists()


@pytest.mark.parametrize(
    ("program", "days", "pair"),
    [
        ("diagnosed-osteoporosis", "mon,tue", "mon and tue"),
        ("prevention", "mon,tue", "mon and tue"),
        ("diagnosed-osteoporosis", "mon,wed,sun", "sun and mon"),  # around the week's end
        ("balance", "mon,wed,sun", "sun and mon"),
        ("balance", "tue,thu,fri", "thu and fri"),
    ],
)
def test_start_refuses_strength_days_in_a_row_with_the_rule(run, oneup_home, program, days, pair):
    line = _refused(run("start", program, "--days", days))
    assert f"puts strength sessions on {pair}, days in a row" in line
    assert "keep at least one rest day between them" in line


@pytest.mark.parametrize(
    ("program", "days"),
    [
        ("diagnosed-osteoporosis", "mon,thu"),
        ("diagnosed-osteoporosis", "mon,wed,fri"),
        ("prevention", "tue,fri"),
        ("balance", "tue,thu,sat"),
    ],
)
def test_start_takes_days_the_program_allows(run, oneup_home, program, days):
    ok(run("start", program, "--days", days))


def test_a_roster_row_names_the_days_column(run, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "name,program,start,days\n"
        'Ana,diagnosed-osteoporosis,2026-02-02,"mon,tue,wed,thu,fri,sat,sun"\n'
        'Bo,balance,2026-02-02,"mon,wed,fri"\n',
        encoding="utf-8",
    )
    result = run("bulk", str(roster), "--out", str(tmp_path / "out"), "--date", "2026-02-02")
    assert result.exit_code == 1
    assert (
        "row 2 (Ana): days 'mon,tue,wed,thu,fri,sat,sun' gives 7 strength days a week: this "
        "program allows 2 to 3 (TFTF, SSS)" in result.stderr
    )
    assert "1 plan written" in result.stderr


def test_the_api_names_its_keyword():
    program = api.load_program("diagnosed-osteoporosis")
    with pytest.raises(FieldError) as e:
        api.new_profile(program, start=dt.date(2026, 2, 2), days=["sun", "mon"])
    assert str(e.value).startswith("days='mon,sun' puts strength sessions on sun and mon")
    with pytest.raises(FieldError, match=r"^days='mon,tue,wed,thu' gives 4 strength days"):
        api.new_profile(program, start=dt.date(2026, 2, 2), days="mon,tue,wed,thu")


def _kinds(run, date: str) -> list[str]:
    doc = json.loads(ok(run("today", "--date", date, "--json")).stdout)
    return [b["kind"] for b in doc["blocks"]]


@pytest.mark.parametrize(
    ("program", "days", "walks"),
    [
        ("prevention", "mon,thu", 2),
        ("diagnosed-osteoporosis", "mon,thu", 3),
        ("balance", "mon,wed,fri", 2),
    ],
)
def test_walks_land_on_walk_days_per_week_days_spread_out(run, oneup_home, program, days, walks):
    ok(run("start", program, "--start", "2026-01-05", "--days", days))
    week = [(dt.date(2026, 1, 12) + dt.timedelta(days=i)).isoformat() for i in range(7)]
    walked = [i for i, d in enumerate(week) if "walk" in _kinds(run, d)]
    assert len(walked) == walks  # not every day without a session (5 or 4 of them)
    gaps = [(b - a) % 7 for a, b in zip(walked, walked[1:] + walked[:1], strict=True)]
    assert min(gaps) >= 2  # spread out: never two walks on days in a row


def _program_file(tmp_path: Path, *, drop_source: str | None = None, **schedule: object) -> Path:
    data = yaml.safe_load((PROGRAMS / "prevention.yaml").read_text(encoding="utf-8"))
    data["id"] = "my-program"
    if drop_source is not None:  # prevention cites every source: take one out
        data["sources"] = [key for key in data["sources"] if key != drop_source]
    data["schedule"] = {**data["schedule"], **schedule}
    path = tmp_path / "my-program.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_a_program_may_allow_days_in_a_row_only_with_a_cited_source(run, tmp_path):
    days = {"days_per_week": {"min": 2, "max": 2, "source": ["LIFTMOR"]}}
    bad = _program_file(tmp_path, default_days=["mon", "tue"], **days)
    result = run("programs", "validate", str(bad))
    assert result.exit_code == 1
    assert "days in a row" in result.stdout + result.stderr
    no_source = _program_file(
        tmp_path, default_days=["mon", "tue"], consecutive_days={"note": "x"}, **days
    )
    assert run("programs", "validate", str(no_source)).exit_code == 1
    unlisted = _program_file(
        tmp_path,
        drop_source="OTAGO",
        default_days=["mon", "tue"],
        consecutive_days={"source": ["OTAGO"]},
        **days,
    )
    result = run("programs", "validate", str(unlisted))
    assert result.exit_code == 1
    assert "OTAGO, missing from the program's sources" in result.stdout + result.stderr
    cited = _program_file(
        tmp_path, default_days=["mon", "tue"], consecutive_days={"source": ["LIFTMOR"]}, **days
    )
    ok(run("programs", "validate", str(cited)))
    program = api.load_program(cited)
    assert api.new_profile(program, start=dt.date(2026, 2, 2), days="sat,sun").days == [
        "sat",
        "sun",
    ]


def test_an_old_program_with_one_number_of_days_is_still_valid(run, tmp_path):
    old = _program_file(tmp_path, days_per_week=2)
    ok(run("programs", "validate", str(old)))
    with pytest.raises(FieldError, match=r"this program allows exactly 2 \(the program's sch"):
        api.new_profile(api.load_program(old), start=dt.date(2026, 2, 2), days="mon,wed,fri")


def test_programs_show_names_the_days_a_week_and_their_source(run):
    out = ok(run("programs", "show", "diagnosed-osteoporosis")).stdout
    assert "2-3 strength days a week (TFTF, SSS), usually mon, thu" in " ".join(out.split())
    out = ok(run("programs", "show", "balance")).stdout
    assert "3 strength days a week (OTAGO)" in " ".join(out.split())
