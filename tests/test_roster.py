"""The roster reader (roster.py) on any bytes: rows, or a OneupError that names the row."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneup_cli import roster
from oneup_cli.errors import OneupError, UsageError
from oneup_cli.programs import load_library

LIBRARY = load_library()
TODAY = dt.date(2026, 1, 5)
HEADER = b"name,program,start,days,units,notes,load:goblet-squat\n"


def _read(data: bytes) -> list[roster.Row]:
    _, rows = roster.read(io.BytesIO(data), LIBRARY, "roster.csv")
    return list(rows)


def test_old_mac_line_ends_are_read():
    rows = _read(b"name,program\rAna,balance\rBo,prevention\r")
    assert [(r.number, r.name, r.cells["program"]) for r in rows] == [
        (2, "Ana", "balance"),
        (3, "Bo", "prevention"),
    ]


def test_mixed_line_ends_and_a_line_break_inside_quotes_are_read():
    rows = _read(b'name,notes\r\nAna,"two\rlines"\rBo,x\n')
    assert [(r.number, r.name, r.cells["notes"]) for r in rows] == [
        (2, "Ana", "two\rlines"),
        (3, "Bo", "x"),
    ]


@pytest.mark.parametrize(
    ("data", "row"),
    [
        (b'name,notes\nAna,x\n"Bo,y\nCy,z\n', 3),
        (b'name,notes\rAna,"open\rCy,z\r', 2),
        (b'"name,notes\nAna,x\n', 1),
    ],
)
def test_an_unclosed_quote_is_reported_with_its_row(data, row):
    with pytest.raises(UsageError) as e:
        _read(data)
    assert e.value.message == (
        f'roster.csv: row {row}: a quote (") is opened and never closed: close it, '
        'or write a quote inside a cell as two ("")'
    )


@pytest.mark.parametrize(
    ("name", "code"),
    [("Ana\u202eRuiz", "U+202E"), ("Ana\u200bRuiz", "U+200B"), ("\u2066Ana\u2069", "U+2066")],
)
def test_a_name_with_an_invisible_control_character_is_refused(name, code):
    (row,) = _read(HEADER + f"{name},balance\n".encode())
    with pytest.raises(roster.RowError) as e:
        roster.check(row, LIBRARY, TODAY)
    assert f"has an invisible control character in it ({code})" in e.value.message


def test_notes_longer_than_a_thousand_characters_are_refused():
    (row,) = _read(HEADER + b"Ana,balance,,,," + b"x" * 1001 + b"\n")
    with pytest.raises(roster.RowError) as e:
        roster.check(row, LIBRARY, TODAY)
    assert "is 1,001 characters long" in e.value.message


@pytest.mark.parametrize(
    "cell",
    ["\uff12\uff10\uff12\uff16-01-05", "2026-01-0\u0665", "2099-13-01"],
)
def test_a_start_not_in_ascii_digits_is_refused(cell):
    (row,) = _read(HEADER + f"Ana,balance,{cell}\n".encode())
    with pytest.raises(roster.RowError) as e:
        roster.check(row, LIBRARY, TODAY)
    assert "is not a real date" in e.value.message


@pytest.mark.parametrize("load", ["\uff11\uff10kg", "1_0kg", "1e3kg", "nankg", "infkg", "-5kg"])
def test_a_load_not_in_ascii_digits_is_refused(load):
    (row,) = _read(HEADER + f"Ana,balance,,,,,{load}\n".encode())
    with pytest.raises(roster.RowError) as e:
        roster.check(row, LIBRARY, TODAY)
    assert "load:goblet-squat" in e.value.message


# Bytes that look like a roster more often than random bytes do.
_PIECES = st.sampled_from(
    [b",", b'"', b"\n", b"\r", b"\r\n", b"Ana", b"balance", b"2026-01-05", b"mon,thu", b"kg",
     b"yes", b"10kg", b"\xef\xbb\xbf", b"\xff", b"\x00", b"\x1b[31m", b"\xe2\x80\xae", b" "]
)  # fmt: skip
_BODY = st.binary(max_size=2000) | st.lists(_PIECES, max_size=200).map(b"".join)
_NAMED_ROW = re.compile(r"\b(row|line) [0-9]+\b")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.sampled_from([HEADER, b"name\n", b""]), body=_BODY)
def test_any_bytes_are_rows_or_an_error_that_names_the_row(header: bytes, body: bytes) -> None:
    """Never another exception; an error met among the rows says which row (or line)."""
    data = header + body
    try:
        _, rows = roster.read(io.BytesIO(data), LIBRARY, "roster.csv")
    except OneupError as e:  # the header: its problem is named, with the file
        assert e.message.startswith("roster.csv") and "\n" not in e.message
        return
    try:
        for row in rows:
            assert row.number >= 2
            try:
                client = roster.check(row, LIBRARY, TODAY)
            except roster.RowError as e:
                assert e.message and "\n" not in e.message
            else:
                assert client.name == row.name and client.number == row.number
    except OneupError as e:
        assert _NAMED_ROW.search(e.message), e.message


def test_a_cell_neutralised_for_a_spreadsheet_reads_back_as_it_was():
    from oneup_cli.roster import csv_cell, csv_uncell

    for text in ("=HYPERLINK(x)", "+1", "-3", "@a", "'", "'quoted", "plain", "", "\t1"):
        assert csv_uncell(csv_cell(text)) == text
