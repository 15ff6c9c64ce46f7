"""Text at the edge: what people typed is shown, never obeyed, by the terminal (control
characters as escapes), and a stream that takes ASCII only gets ASCII, never a traceback."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from oneup_cli import words
from oneup_cli.cli.common import ASCII_FALLBACK, ascii_for, encoded, print_json

from .conftest import ok

MON = "2026-01-05"
RED = "\x1b[31m"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Ana Ruiz", "Ana Ruiz"),
        ("Zoë Łukasiewicz", "Zoë Łukasiewicz"),
        (f"{RED}red", "\\x1b[31mred"),
        ("Ana\u202eziuR", "Ana\\u202eziuR"),
        ("Ana\u200bRuiz", "Ana\\u200bRuiz"),
        ("\u2066Ana\u2069", "\\u2066Ana\\u2069"),
        ("bell\x07 nul\x00 del\x7f", "bell\\x07 nul\\x00 del\\x7f"),
        ("one\ntwo\ttab\r", "one\\ntwo\\ttab\\r"),
    ],
)
def test_control_characters_are_shown_as_escapes(typed, shown):
    assert words.visible(typed) == shown


def test_line_breaks_can_be_kept():
    assert words.visible(f"one\n{RED}two", keep="\n") == "one\n\\x1b[31mtwo"


def test_a_day_in_another_year_says_its_year():
    assert words.day_in(dt.date(2027, 3, 1), 2026) == "Mon 1 Mar 2027"
    assert words.day_in(dt.date(2026, 3, 2), 2026) == "Mon 2 Mar"


@pytest.mark.parametrize(
    ("char", "stand_in"),
    [("•", "*"), ("·", "-"), ("─", "-"), ("│", "|"), ("╭", "+"), ("━", "-"), ("…", "...")],
)
def test_ascii_stand_ins_for_decoration(char, stand_in):
    assert ascii_for(char) == stand_in


@pytest.mark.parametrize(
    ("char", "escape"),
    [
        ("é", "\\u00e9"),
        ("Ñ", "\\u00d1"),
        ("\u4e2d", "\\u4e2d"),
        ("\U00010400", "\\U00010400"),
        ("\udcff", "\\xff"),
    ],
)
def test_data_on_an_ascii_stream_is_escaped_not_changed(char, escape):
    """A letter of a name or a path is data: /tmp/Zoë shown as /tmp/Zoe is another folder."""
    assert ascii_for(char) == escape


def test_a_plan_on_an_ascii_stdout_is_ascii(monkeypatch):
    class Ascii:
        encoding = "ascii"

    monkeypatch.setattr(sys, "stdout", Ascii())
    assert encoded("Zoë • ─│") == b"Zo\\u00eb * -|"
    assert json.loads(encoded('{"client": "Zoë Ñandú 😀"}', json=True)) == {
        "client": "Zoë Ñandú 😀"
    }


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_json_document_on_a_stream_that_cannot_hold_it_is_escaped_exactly(monkeypatch, encoding):
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding=encoding, errors=ASCII_FALLBACK)
    monkeypatch.setattr(sys, "stdout", stream)
    document = '{"client": "Zoë Ñandú 😀 中", "path": "/tmp/Zoë"}\n'
    print_json(document)
    stream.flush()
    assert json.loads(buffer.getvalue().decode(encoding)) == json.loads(document)


def _note_in_the_log(home: Path, note: str) -> None:
    """A record's note replaced by hand in the log (oneup itself refuses such a note)."""
    log = home / "profiles" / "me" / "log.jsonl"
    text = log.read_text()
    assert '"note":"plain"' in text
    log.write_text(text.replace('"note":"plain"', f'"note":{json.dumps(note)}'))


def test_history_shows_an_escape_sequence_in_a_note_as_text(run, oneup_home):
    ok(run("start", "prevention", "--start", MON))
    ok(run("log", "goblet-squat", "3x8@10kg", "--date", MON, "--note", "plain"))
    _note_in_the_log(oneup_home, f"{RED}red\u202eoops")
    result = ok(run("history"))
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "\\x1b[31mred\\u202eoops" in result.stdout


@pytest.mark.parametrize(
    ("note", "code"),
    [(f"{RED}red", "U+001B"), ("a\u202eb", "U+202E"), ("n\udcff", "U+DCFF"), ("\x00", "U+0000")],
)
@pytest.mark.parametrize("where", ["log", "plan-text", "plan-json", "plan-pdf"])
def test_notes_with_control_characters_or_bytes_not_utf8_are_refused(run, where, note, code):
    ok(run("start", "prevention", "--start", MON))
    if where == "log":
        result = run("log", "goblet-squat", "3x8", "--date", MON, "--note", note)
    else:
        fmt = where.split("-")[1]
        result = run("plan", "--date", MON, "-f", fmt, "--notes", note, "-o", "-")
    assert result.exit_code == 2, result.output
    assert code in result.stderr and "Traceback" not in result.stderr


def test_a_note_keeps_its_line_breaks_and_tabs(run):
    ok(run("start", "prevention", "--start", MON))
    ok(run("log", "goblet-squat", "3x8", "--date", MON, "--note", "one\ntwo\tthree"))
    records = json.loads(ok(run("history", "--json")).stdout)["records"]
    assert records[-1]["note"] == "one\ntwo\tthree"


def test_a_log_with_a_lone_surrogate_still_gives_a_json_document(run, oneup_home):
    """A line written by an older oneup (or by hand) with "\\udcff": --json writes the very
    escape back, so the document matches the log and never crashes."""
    ok(run("start", "prevention", "--start", MON))
    ok(run("log", "goblet-squat", "3x8", "--date", MON, "--note", "plain"))
    _note_in_the_log(oneup_home, "n\udcff")
    result = ok(run("history", "--json"))
    assert '"note": "n\\udcff"' in result.stdout
    assert json.loads(result.stdout)["records"][-1]["note"] == "n\udcff"
    assert "n\\udcff" in ok(run("history")).stdout


def test_a_record_in_another_year_is_confirmed_with_its_year(run):
    ok(run("start", "prevention", "--start", MON))
    last_year = dt.date.today().year - 1
    result = ok(run("log", "goblet-squat", "3x8@10kg", "--date", f"{last_year}-06-01"))
    assert result.stdout.rstrip().endswith(f"1 Jun {last_year}.")


# --- streams that take ASCII only ---------------------------------------------------------------

ASCII = {"PYTHONIOENCODING": "ascii"}
C_ALL = {"LC_ALL": "C"}
C_LANG = {"LANG": "C"}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Path:
    """A profile with a record whose note holds an accent, a bullet and an escape sequence."""
    home = tmp_path_factory.mktemp("text") / "home"
    for args in (
        ("start", "prevention", "--start", MON),
        ("log", "goblet-squat", "2x12@10kg", "--date", MON, "--note", "plain"),
    ):
        assert _oneup(home, {}, *args).returncode == 0
    _note_in_the_log(home, f"Zoë • {RED}red")  # an older oneup's record: shown, not obeyed
    return home


def _oneup(home: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("LC_") and k not in ("LANG", "PYTHONIOENCODING", "PYTHONUTF8")
    }
    return subprocess.run(
        [sys.executable, "-m", "oneup_cli", *args],
        env={**base, "ONEUP_HOME": str(home), "COLUMNS": "100", "NO_COLOR": "1", **env},
        capture_output=True,
        check=False,
        timeout=60,
    )


@pytest.mark.slow  # a process each
@pytest.mark.parametrize(
    ("env", "args"),
    [
        (ASCII, ("today", "--date", MON)),
        (ASCII, ("history",)),
        (ASCII, ("plan", "--date", MON, "--client", "Zoë")),
        (ASCII, ("plan", "--date", MON, "-f", "md")),
        (ASCII, ("programs", "list")),
        (ASCII, ("--help",)),
        (ASCII, ("log", "--help")),
        (C_ALL, ("today", "--date", MON)),
        (C_ALL, ("history",)),
        (C_ALL, ("plan", "--date", MON)),
        (C_ALL, ("--help",)),
        (C_LANG, ("today", "--date", MON)),
        (C_LANG, ("programs", "list")),
    ],
    ids=lambda v: (
        "-".join(v) if isinstance(v, tuple) else "-".join(f"{k}={x}" for k, x in v.items())
    ),
)
def test_an_ascii_only_stream_gets_ascii_and_no_traceback(prepared, env, args):
    result = _oneup(prepared, env, *args)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stderr == b""
    assert result.stdout.isascii()
    assert b"\x1b" not in result.stdout
    assert len(result.stdout) > 100


def test_accents_are_escaped_and_boxes_ascii(prepared):
    history = _oneup(prepared, ASCII, "history").stdout.decode("ascii")
    assert "Zo\\u00eb * \\x1b[31mred" in history
    assert "+-" in history or "|" in history


@pytest.mark.slow  # a process each
@pytest.mark.parametrize("env", [ASCII, C_ALL], ids=["ascii", "c-locale"])
def test_json_and_paths_on_an_ascii_stream_stay_exact(prepared, tmp_path, env):
    """The fallback is for decoration: JSON documents keep every value (JSON escapes), a
    path is shown with escapes, never as another path."""
    history = _oneup(prepared, env, "history", "--json")
    assert history.returncode == 0 and history.stdout.isascii()
    assert json.loads(history.stdout)["records"][0]["note"] == f"Zoë • {RED}red"
    plan = _oneup(prepared, env, "plan", "-f", "json", "--date", MON, "--client", "Zoë Ñandú")
    assert plan.returncode == 0 and plan.stdout.isascii()
    assert "Zoë Ñandú" in json.loads(plan.stdout).values()
    home = tmp_path / "Zoë"
    shutil.copytree(prepared, home)
    shown = _oneup(home, env, "paths").stdout.decode("ascii")
    assert f"{tmp_path}/Zo\\u00eb/profiles/me/log.jsonl" in shown
    assert "Zoe" not in shown


def test_a_utf8_terminal_keeps_its_characters(prepared):
    result = _oneup(prepared, {"LANG": "C.UTF-8"}, "history")
    assert result.returncode == 0
    assert "Zoë •" in result.stdout.decode("utf-8")


def test_a_roster_header_cell_with_a_line_break_is_one_line_in_the_core_message():
    """The core's message (api.bulk raises it as is), not only the command line's, is one line."""
    from oneup_cli import roster
    from oneup_cli.errors import OneupError
    from oneup_cli.programs import load_library

    with pytest.raises(OneupError) as caught:
        roster.read(io.BytesIO(b'"\x00\n"\x00'), load_library(), "roster.csv")
    assert "\n" not in caught.value.message and "\\x00\\n\\x00" in caught.value.message
