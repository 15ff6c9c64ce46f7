"""`oneup export` as people meet it: files other apps and calendars read, read back here by
parsers that share nothing with the code that wrote them (issue 13)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys

import pytest

from oneup_cli import log, paths
from oneup_cli.interop import export as ex
from oneup_cli.model import LogRecord, SetRecord, Unit, Weight, from_plain

from .conftest import ok, oneup
from .test_contract import validate

STRONG_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE"
)
HEVY_HEADER = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
    "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe"
)
NOTE = 'Felt "ok", knees'  # a comma and quotes
FORMULA = '=HYPERLINK("http://evil.example","click")'
PROGRAM = "Strong bones - prevention"


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")


@pytest.fixture
def ann(run):
    """A kg profile: a load in kg and one in lb, a hold, a note with a comma and quotes, pain,
    a note that is a formula, and a whole `done` session."""
    ok(run("-p", "ann", "start", "prevention", "--start", "2026-01-05", "--days", "mon,thu"))
    for args in (
        ("goblet-squat", "2x12@10kg", "--date", "2026-01-05", "--note", NOTE, "--rpe", "7"),
        ("one-leg-stand", "2x15s", "--support", "two-hands", "--date", "2026-01-06", "--pain"),
        ("heel-drop", "2x10", "--date", "2026-01-08", "--note", FORMULA),
        ("goblet-squat", "8,8@25lb", "--date", "2026-01-08"),
        ("brisk-walk", "1x30min", "--date", "2026-01-09", "--note", "'quoted' walk"),
    ):
        ok(run("-p", "ann", "log", *args))
    ok(run("-p", "ann", "done", "--date", "2026-01-12"))
    return run


def out(result) -> str:
    """What the command printed, byte for byte (the runner's .stdout turns CRLF into LF)."""
    return ok(result).stdout_bytes.decode()


def _rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_strong_csv_has_strongs_header_and_values(ann):
    result = ok(ann("-p", "ann", "export", "-f", "strong", "--until", "2026-01-09"))
    header, rows = _rows(result.stdout_bytes.decode())
    assert ",".join(header) == STRONG_HEADER
    assert result.stdout_bytes.decode().startswith(STRONG_HEADER + "\r\n")
    squat = [r for r in rows if r["Date"].startswith("2026-01-05")]
    assert squat == [
        {
            "Date": "2026-01-05 00:00:00",  # saved on another day: the day, at midnight
            "Workout Name": f"{PROGRAM}: session A",
            "Duration": "0m",
            "Exercise Name": "Goblet squat to a chair",
            "Set Order": str(n),
            "Weight": "10",
            "Reps": "12",
            "Distance": "0",
            "Seconds": "0",
            "Notes": NOTE,
            "Workout Notes": "",
            "RPE": "7",
        }
        for n in (1, 2)
    ]
    hold = [r for r in rows if r["Exercise Name"] == "One-leg stand"]
    assert [(r["Seconds"], r["Reps"], r["Weight"], r["Notes"]) for r in hold] == [
        ("15", "0", "0", "pain reported")
    ] * 2
    thursday = [r for r in rows if r["Date"].startswith("2026-01-08")]
    assert [(r["Exercise Name"], r["Set Order"], r["Weight"]) for r in thursday] == [
        ("Gentle heel drop", "1", "0"),
        ("Gentle heel drop", "2", "0"),
        ("Goblet squat to a chair", "1", "11.34"),  # 25 lb in the profile's kg
        ("Goblet squat to a chair", "2", "11.34"),
    ]
    assert {r["Workout Name"] for r in thursday} == {f"{PROGRAM}: session B"}
    walk = next(r for r in rows if r["Exercise Name"] == "Brisk walk")
    assert (walk["Seconds"], walk["Workout Name"]) == ("1800", PROGRAM)  # not a training day


def test_hevy_csv_has_hevys_header_times_and_values(ann):
    result = ok(ann("-p", "ann", "export", "-f", "hevy", "--since", "2026-01-05"))
    header, rows = _rows(result.stdout_bytes.decode())
    assert ",".join(header) == HEVY_HEADER
    squat = [r for r in rows if r["start_time"] == "05 Jan 2026, 00:00"]
    assert [(r["set_index"], r["weight_kg"], r["reps"], r["rpe"]) for r in squat] == [
        ("0", "10", "12", "7"),
        ("1", "10", "12", "7"),
    ]
    assert {(r["title"], r["end_time"], r["set_type"], r["exercise_notes"]) for r in squat} == {
        (f"{PROGRAM}: session A", "05 Jan 2026, 00:00", "normal", NOTE)
    }
    hold = [
        r
        for r in rows
        if r["exercise_title"] == "One-leg stand" and "06 Jan" in r["title"] + r["start_time"]
    ]
    assert [
        (r["duration_seconds"], r["reps"], r["weight_kg"], r["exercise_notes"]) for r in hold
    ] == [("15", "", "", "pain reported")] * 2
    lb = [r for r in rows if r["start_time"].startswith("08 Jan") and r["weight_kg"]]
    assert [(r["set_index"], r["weight_kg"]) for r in lb] == [("0", "11.34"), ("1", "11.34")]


def test_a_profile_in_lb_exports_weight_lbs(run):
    ok(run("-p", "bo", "start", "prevention", "--start", "2026-01-05", "--units", "lb"))
    ok(run("-p", "bo", "log", "goblet-squat", "2x10@20lb", "--date", "2026-01-05"))
    ok(run("-p", "bo", "log", "goblet-squat", "1x10@10kg", "--date", "2026-01-08"))
    header, rows = _rows(out(run("-p", "bo", "export", "-f", "hevy")))
    assert "weight_lbs" in header and "weight_kg" not in header
    assert [r["weight_lbs"] for r in rows] == ["20", "20", "22.05"]
    _, strong = _rows(out(run("-p", "bo", "export", "-f", "strong")))
    assert [r["Weight"] for r in strong] == ["20", "20", "22.05"]


def test_every_csv_cell_that_looks_like_a_formula_is_neutralised(ann):
    for fmt, column in (("strong", "Notes"), ("hevy", "exercise_notes"), ("csv", "note")):
        _, rows = _rows(out(ann("-p", "ann", "export", "-f", fmt)))
        notes = {r[column] for r in rows}
        assert "'" + FORMULA in notes and FORMULA not in notes, fmt
    # names come from program and exercise files, which people may write themselves
    record = LogRecord(
        id="X1",
        at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
        date=dt.date(2026, 1, 5),
        exercise="-evil",
        sets=[SetRecord(reps=5, load=Weight(10.0, Unit.kg))],
        note="+2+3",
    )
    start = dt.datetime(2026, 1, 5)
    workout = ex.Workout(record.date, start, start, "=cmd|' /C calc'!A0", (record,))
    names = {"-evil": "@SUM(1+1)"}
    for text in (
        ex.strong_csv([workout], names, Unit.kg),
        ex.hevy_csv([workout], names, Unit.kg),
        ex.own_csv([workout.records[0]], names),
    ):
        for row in csv.reader(io.StringIO(text)):
            assert not any(c.startswith(("=", "+", "-", "@")) for c in row), row
        assert "'=cmd|' /C calc'!A0" in text or "'@SUM(1+1)" in text


def _from_own_csv(text: str) -> list[LogRecord]:
    """oneup's CSV read back into records, as `oneup import` will: one record per record_id,
    one leading apostrophe dropped from a text cell."""
    header, rows = _rows(text)
    assert tuple(header) == ex.CSV_COLUMNS
    records: dict[str, dict] = {}

    def text_of(cell: str) -> str:
        return cell[1:] if cell.startswith("'") else cell

    for row in rows:
        assert row["csv_version"] == "1"
        rec = records.setdefault(
            row["record_id"],
            {
                "v": int(row["record_v"]),
                "id": row["record_id"],
                "at": row["at"],
                "date": row["date"] or None,
                "exercise": text_of(row["exercise"]) or None,
                "sets": [],
                "rpe": float(row["rpe"]) if row["rpe"] else None,
                "pain": {"true": True, "false": False}[row["pain"]],
                "note": text_of(row["note"]) or None,
                "source": row["source"],
                "batch": row["batch"] or None,
                "batch_size": int(row["batch_size"]) if row["batch_size"] else None,
            },
        )
        if row["set"] != "0":
            one = {
                "reps": int(row["reps"]) if row["reps"] else None,
                "seconds": float(row["seconds"]) if row["seconds"] else None,
                "impacts": int(row["impacts"]) if row["impacts"] else None,
                "minutes": float(row["minutes"]) if row["minutes"] else None,
                "load": row["load"] + row["load_unit"] if row["load"] else None,
                "support": row["support"] or None,
            }
            rec["sets"].append(one)
            assert len(rec["sets"]) == int(row["set"]) and int(row["sets_in_record"]) >= 1
    return [from_plain(LogRecord, r) for r in records.values()]


def test_own_csv_holds_every_field_of_every_set_record(ann):
    ok(ann("-p", "ann", "log", "heel-drop", "1x10", "--date", "2026-01-13"))
    ok(ann("-p", "ann", "undo"))  # taken back: not in the export
    text = out(ann("-p", "ann", "export", "-f", "csv"))
    expected = log.read(paths.log_file("ann")).records
    assert _from_own_csv(text) == expected  # exact: ids, times, loads as entered, batches
    assert {r.source for r in expected} == {"log", "done"}
    _, rows = _rows(text)
    assert ("25", "lb") in {(r["load"], r["load_unit"]) for r in rows}
    assert "'" + "'quoted' walk" in {r["note"] for r in rows}


def test_since_and_until_choose_the_days(ann):
    _, rows = _rows(
        out(
            ann(
                "-p", "ann", "export", "-f", "csv", "--since", "2026-01-06", "--until", "2026-01-08"
            )
        )
    )
    assert {r["date"] for r in rows} == {"2026-01-06", "2026-01-08"}


def test_json_backup_holds_the_profile_and_every_line_of_the_log(ann, oneup_home):
    ok(ann("-p", "ann", "undo"))  # a void record (a batch of them: the whole `done`)
    result = ok(ann("-p", "ann", "export", "-f", "json"))
    doc = json.loads(result.stdout_bytes.decode())
    validate(doc, "backup")
    folder = oneup_home / "profiles" / "ann"
    assert doc["profile"] == json.loads((folder / "profile.json").read_text())
    lines = [json.loads(line) for line in (folder / "log.jsonl").read_text().splitlines()]
    assert doc["records"] == lines  # as the log holds them, voids included
    assert any(r.get("kind") == "void" for r in doc["records"])
    assert doc["backup_version"] == ex.BACKUP_VERSION and doc["log_schema_version"] == 1


def test_json_backup_skips_a_damaged_line_with_a_warning(ann, oneup_home):
    path = oneup_home / "profiles" / "ann" / "log.jsonl"
    count = len(path.read_text().splitlines())
    with path.open("a") as f:
        f.write("this is not a record\n")
    result = ok(ann("-p", "ann", "export", "-f", "json"))
    assert len(json.loads(result.stdout_bytes.decode())["records"]) == count
    assert "Warning:" in result.stderr and f"line {count + 1}" in result.stderr


def test_output_file_is_written_whole_and_owner_only(ann, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "ann.csv"
    result = ok(ann("-p", "ann", "export", "-o", str(target)))  # the format from .csv
    assert result.stdout_bytes.decode() == "" and f"Written: {target}" in result.stderr
    assert target.read_text().startswith(",".join(ex.CSV_COLUMNS))
    assert os.stat(target).st_mode & 0o777 == 0o600
    assert [p.name for p in folder.iterdir()] == ["ann.csv"]  # no temp file left


# --- the calendar -----------------------------------------------------------------------------


def unfold(text: str) -> list[str]:
    """RFC 5545 3.1: a line break followed by a space or a tab continues the line."""
    assert "\r\n" in text
    lines: list[str] = []
    for raw in text.split("\r\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def events(text: str) -> list[dict]:
    """VEVENTs as {NAME: (params, value)}, their VALARMs under 'alarms'; a minimal reader."""
    found: list[dict] = []
    stack: list[str] = []
    for line in unfold(text):
        name_params, _, value = line.partition(":")
        name, *params = name_params.split(";")
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                found.append({"alarms": []})
            elif value == "VALARM":
                found[-1]["alarms"].append({})
        elif name == "END":
            assert stack.pop() == value
        elif stack[-1] == "VEVENT":
            found[-1][name] = (dict(p.split("=", 1) for p in params), value)
        elif stack[-1] == "VALARM":
            found[-1]["alarms"][-1][name] = value
    assert not stack
    return found


DAY = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def expand(event: dict) -> list[dt.date]:
    """The days a weekly event falls on: DTSTART, RRULE's BYDAY and UNTIL, less EXDATEs."""
    start = dt.datetime.strptime(event["DTSTART"][1][:8], "%Y%m%d").date()
    rule = dict(part.split("=") for part in event["RRULE"][1].split(";"))
    assert rule["FREQ"] == "WEEKLY" and "COUNT" not in rule and "INTERVAL" not in rule
    until = dt.datetime.strptime(rule["UNTIL"][:8], "%Y%m%d").date()
    weekdays = {DAY[d] for d in rule["BYDAY"].split(",")}
    skipped = set()
    if "EXDATE" in event:
        skipped = {
            dt.datetime.strptime(v[:8], "%Y%m%d").date() for v in event["EXDATE"][1].split(",")
        }
    days, day = [], start
    while day <= until:
        if day.weekday() in weekdays and day not in skipped:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


START = dt.date(2026, 1, 5)
LAST = START + dt.timedelta(weeks=24, days=-1)  # prevention: 24 weeks


def test_calendar_has_one_weekly_event_per_session_on_the_profiles_days(ann):
    text = out(ann("-p", "ann", "export", "-f", "ics", "--since", "2026-01-05"))
    found = events(text)
    assert [e["SUMMARY"][1] for e in found] == [f"{PROGRAM}: session A", f"{PROGRAM}: session B"]
    a, b = found
    assert a["RRULE"][1] == "FREQ=WEEKLY;UNTIL=20260621;BYDAY=MO"
    assert b["RRULE"][1] == "FREQ=WEEKLY;UNTIL=20260621;BYDAY=TH"
    assert a["DTSTART"] == ({"VALUE": "DATE"}, "20260105")
    assert b["DTSTART"] == ({"VALUE": "DATE"}, "20260108")
    days = expand(a) + expand(b)
    assert {d.weekday() for d in days} == {0, 3}  # mon, thu
    assert len(days) == 48 and max(days) > LAST - dt.timedelta(days=7) and max(days) <= LAST
    # the exercises of the first session, as the engine plans them
    description = a["DESCRIPTION"][1].replace("\\n", "\n").replace("\\,", ",")
    assert "Goblet squat to a chair: 2 x 8-12" in description
    assert "One-leg stand" not in description.split("\n")[0]


def test_calendar_parses_with_icalendar(ann):
    from icalendar import Calendar

    text = out(ann("-p", "ann", "export", "-f", "ics", "--since", "2026-02-02"))
    cal = Calendar.from_ical(text)
    found = list(cal.walk("VEVENT"))
    assert len(found) == 2
    first = found[0]
    assert first.decoded("dtstart") == dt.date(2026, 2, 2)
    rule = first["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO"]
    assert rule["UNTIL"] == [LAST]
    assert "Goblet squat to a chair" in str(first["description"])


def test_sessions_that_rotate_across_weekdays_are_excluded_where_the_other_falls(run):
    ok(
        run(
            "-p",
            "cy",
            "start",
            "diagnosed-osteoporosis",
            "--start",
            "2026-01-05",
            "--days",
            "mon,wed,fri",
        )
    )
    text = out(run("-p", "cy", "export", "-f", "ics", "--since", "2026-01-05"))
    a, b = events(text)
    days_a, days_b = expand(a), expand(b)
    assert days_a[:4] == [
        dt.date(2026, 1, 5),
        dt.date(2026, 1, 9),
        dt.date(2026, 1, 14),
        dt.date(2026, 1, 19),
    ]  # A B A, B A B
    assert days_b[:3] == [dt.date(2026, 1, 7), dt.date(2026, 1, 12), dt.date(2026, 1, 16)]
    assert not set(days_a) & set(days_b)
    every = sorted(days_a + days_b)
    assert all(d.weekday() in (0, 2, 4) for d in every)
    assert every == [
        START + dt.timedelta(days=n)
        for n in range((every[-1] - START).days + 1)
        if (START + dt.timedelta(days=n)).weekday() in (0, 2, 4)
    ]


def test_calendar_uids_stay_the_same_across_exports(ann, run):
    first = events(out(ann("-p", "ann", "export", "-f", "ics", "--since", "2026-01-05")))
    again = events(
        out(ann("-p", "ann", "export", "-f", "ics", "--since", "2026-03-02", "--time", "18:00"))
    )
    uids = [e["UID"][1] for e in first]
    assert uids == [e["UID"][1] for e in again] and len(set(uids)) == 2
    ok(run("-p", "bo", "start", "prevention", "--start", "2026-01-05"))
    other = events(out(run("-p", "bo", "export", "-f", "ics", "--since", "2026-01-05")))
    assert not {e["UID"][1] for e in other} & set(uids)  # another person: other events


def test_timed_calendar_has_the_local_zone_and_a_reminder(ann, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Paris")
    text = out(
        ann(
            "-p",
            "ann",
            "export",
            "-f",
            "ics",
            "--since",
            "2026-01-05",
            "--time",
            "07:30",
            "--remind",
            "30m",
        )
    )
    a, b = events(text)
    assert a["DTSTART"] == ({"TZID": "Europe/Paris"}, "20260105T073000")
    assert b["DTSTART"] == ({"TZID": "Europe/Paris"}, "20260108T073000")
    # UNTIL in UTC (RFC 5545): the end of the program's last day in Paris
    assert a["RRULE"][1] == "FREQ=WEEKLY;UNTIL=20260621T215959Z;BYDAY=MO"
    assert a["alarms"] == [
        {"ACTION": "DISPLAY", "DESCRIPTION": f"{PROGRAM}: session A", "TRIGGER": "-PT30M"}
    ]
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n" in text
    from icalendar import Calendar

    start = next(iter(Calendar.from_ical(text).walk("VEVENT"))).decoded("dtstart")
    assert start.utcoffset() == dt.timedelta(hours=1) and start.hour == 7


def test_timed_calendar_without_a_named_zone_is_in_utc_and_says_so(ann, monkeypatch):
    monkeypatch.setenv("TZ", "Nowhere/Land")
    result = ok(ann("-p", "ann", "export", "-f", "ics", "--since", "2026-01-05", "--time", "07:30"))
    assert events(result.stdout_bytes.decode())[0]["DTSTART"] == ({}, "20260105T073000Z")
    assert result.stderr.startswith("Warning: times are in UTC: TZ 'Nowhere/Land'")


# --- the real program -------------------------------------------------------------------------


@pytest.mark.slow
def test_exports_from_the_console_script(tmp_path):
    home = tmp_path / "home"
    assert oneup(home, "start", "prevention", "--start", "2026-01-05").returncode == 0
    assert (
        oneup(
            home, "log", "goblet-squat", "2x12@10kg", "--date", "2026-01-05", "--note", NOTE
        ).returncode
        == 0
    )
    strong = oneup(home, "export", "-f", "strong")
    assert strong.returncode == 0, strong.stderr
    header, rows = _rows(strong.stdout)
    assert ",".join(header) == STRONG_HEADER and rows[0]["Notes"] == NOTE
    target = tmp_path / "me.ics"
    cal = oneup(
        home,
        "export",
        "-o",
        str(target),
        "--since",
        "2026-01-05",
        "--time",
        "07:30",
        "--remind",
        "2h",
    )
    assert cal.returncode == 0, cal.stderr
    assert events(target.read_bytes().decode())[0]["alarms"][0]["TRIGGER"] == "-PT2H"


@pytest.mark.slow
def test_today_never_loads_the_export_and_import_code_icalendar_or_openpyxl(tmp_path):
    code = """
        import sys
        sys.argv = ["oneup", "today", "--date", "2026-01-06"]
        from oneup_cli.cli import main
        try:
            main()
        except SystemExit as e:
            assert e.code == 0, e.code
        print(sorted(m for m in sys.modules
                     if m.split(".")[0] in ("icalendar", "openpyxl")
                     or m.startswith(("oneup_cli.interop", "oneup_cli.importing"))))
        """
    proc = subprocess.run(
        [sys.executable, "-c", __import__("textwrap").dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={"ONEUP_HOME": str(tmp_path), "PATH": ""},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_the_backup_schema_describes_the_profile_as_the_profile_schema_does():
    """Two hand-written schemas of one model: they must not drift apart."""
    from .conftest import REPO

    out = REPO / "schema" / "output"
    backup = json.loads((out / "backup.schema.json").read_text())["properties"]["profile"]
    profile = json.loads((out / "profile.schema.json").read_text())["properties"]["profile"]
    assert backup["properties"] == profile["properties"]
