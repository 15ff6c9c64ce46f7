"""Hostile cases: clients as profiles (issue 14). `oneup profiles import` refuses a roster with
a bad row, two rows giving one profile, or a profile name that could leave its folder, and then
saves nothing, not even the good rows' profiles (the prepared profile 'me' among them);
`oneup bulk --profiles` refuses a profile that is not saved, or a name that is not one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import Case


def _roster(text: str) -> Callable[[Path, Path], None]:
    def setup(home: Path, tmp: Path) -> None:
        (tmp / "roster.csv").write_text(text, encoding="utf-8")

    return setup


def _import(case: str, text: str, says: str) -> Case:
    return Case(
        f"profiles-import-{case}",
        ("profiles", "import", "{tmp}/roster.csv"),
        setup=_roster(text),
        code=2,
        says=says,
    )


CASES = [
    _import("bad-program", "name,program\nAna,nope\n", "row 2 (Ana): no program called 'nope'"),
    _import(
        "two-rows-one-profile",
        "name,program\nAna Ruiz,balance\nana  ruiz,balance\n",
        "row 3 (ana  ruiz): gives the profile 'ana-ruiz', as row 2 (Ana Ruiz) does",
    ),
    _import(
        "profile-column-a-path",
        "name,profile\nMe,../me\n",
        "row 2 (Me): profile '../me' is not a profile name",
    ),
    _import(
        "good-row-for-me-then-a-bad-row",  # me's days would change: nothing is saved
        'name,profile,days\nMe,me,"tue,fri"\nBo,,funday\n',
        "row 3 (Bo): days",
    ),
    _import(
        "name-without-latin-letters",
        "name\n日本\n",
        "row 2 (日本): the name has no letters or digits a profile name can use",
    ),
    _import("profile-column-twice", "name,profile,Profile\nA,a,b\n", "is there twice"),
    _import("no-name-column", "profile\nme\n", "there is no 'name' column"),
    _import("bad-date", "name,start\nAna,2026-02-30\n", "is not a real date"),
    Case(
        "profiles-import-dry-run-bad-row",
        ("profiles", "import", "{tmp}/roster.csv", "--dry-run"),
        setup=_roster("name,program\nAna,nope\n"),
        code=2,
        says="(nothing was written)",
    ),
    Case(
        "bulk-profiles-not-saved",
        ("bulk", "--profiles", "me,nobody", "--out", "{tmp}/plans"),
        code=2,
        says="no saved profile 'nobody'",
    ),
    Case(
        "bulk-profiles-a-path",
        ("bulk", "--profiles", "../me", "--out", "{tmp}/plans"),
        code=2,
        says="'../me' is not a profile name",
    ),
    Case(
        "bulk-profiles-and-a-roster",
        ("bulk", "{tmp}/roster.csv", "--profiles", "me", "--out", "{tmp}/plans"),
        setup=_roster("name\nAna\n"),
        code=2,
        says="but not both",
    ),
    Case(
        "bulk-neither-roster-nor-profiles",
        ("bulk", "--out", "{tmp}/plans"),
        code=2,
        says="give a roster",
    ),
]
