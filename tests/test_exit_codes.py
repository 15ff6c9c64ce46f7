"""Exit codes, per command: 0 success, 1 a problem with data or a file, 2 a usage error
(README, "Exit codes"). And no command prompts or sends colour down a pipe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import typer.main

from oneup_cli.cli import app

from .conftest import PROGRAMS, REPO

OK, DATA, USAGE = 0, 1, 2


def _leaf_commands(group=None, prefix=()):
    group = group or typer.main.get_command(app)
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            yield from _leaf_commands(command, (*prefix, name))
        else:
            yield (*prefix, name)


# --- what each case needs in place ------------------------------------------------------------


def _profile(run, home: Path) -> None:
    assert run("start", "prevention", "--start", "2026-01-05").exit_code == 0


def _damaged_profile(run, home: Path) -> None:
    _profile(run, home)
    (home / "profiles" / "me" / "profile.json").write_text("{not json")


def _logged(run, home: Path) -> None:
    _profile(run, home)
    assert run("log", "goblet-squat", "2x10@5kg", "--date", "2026-01-05").exit_code == 0


def _log_is_a_folder(run, home: Path) -> None:
    _profile(run, home)
    (home / "profiles" / "me" / "log.jsonl").mkdir()


def _broken_program(run, home: Path) -> None:
    (home / "programs").mkdir(parents=True)
    (home / "programs" / "broken.yaml").write_text("id: broken\nname: x\n")


def _rosters(run, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "good.csv").write_text("name,program\nAna,balance\n")
    (home / "bad-row.csv").write_text("name,program\nAna,balance\nBo,nope\n")
    (home / "bad-column.csv").write_text("name,phone\nAna,1\n")


def _damaged_me(run, home: Path) -> None:
    """A roster row naming the profile 'me', whose file is damaged."""
    _damaged_profile(run, home)
    (home / "me.csv").write_text("name,profile\nMe,me\n")


def _nothing(run, home: Path) -> None:
    pass


# (command, what it needs, arguments, exit code); {home} is ONEUP_HOME.
CASES = [
    ("today", _nothing, ["today", "--date", "2026-01-06"], OK),
    ("today", _nothing, ["today", "--date", "soon"], USAGE),
    ("today", _damaged_profile, ["today"], DATA),
    ("start", _nothing, ["start", "balance", "--start", "2026-01-05"], OK),
    ("start", _nothing, ["start", "nope"], USAGE),
    ("start", _broken_program, ["start", "broken"], DATA),
    ("profiles list", _profile, ["profiles", "--json"], OK),  # `profiles` alone: the list
    ("profiles list", _profile, ["profiles", "list"], OK),
    ("profiles list", _nothing, ["profiles", "--bogus"], USAGE),
    ("profiles list", _nothing, ["profiles", "list", "--bogus"], USAGE),
    ("profiles import", _rosters, ["profiles", "import", "{home}/good.csv"], OK),
    ("profiles import", _rosters, ["profiles", "import", "{home}/bad-row.csv"], USAGE),
    ("profiles import", _rosters, ["profiles", "import", "{home}/bad-column.csv"], USAGE),
    ("profiles import", _damaged_me, ["profiles", "import", "{home}/me.csv"], DATA),
    ("profile", _profile, ["profile"], OK),
    ("profile", _nothing, ["profile"], USAGE),
    ("profile", _damaged_profile, ["profile", "--json"], DATA),
    ("paths", _nothing, ["paths"], OK),
    ("paths", _nothing, ["-p", "../x", "paths"], USAGE),
    ("log", _profile, ["log", "goblet-squat", "2x10@5kg", "--date", "2026-01-06"], OK),
    ("log", _profile, ["log", "goblet-squat", "lots"], USAGE),
    ("log", _damaged_profile, ["log", "goblet-squat", "2x10@5kg"], DATA),
    ("done", _profile, ["done", "--date", "2026-01-08"], OK),
    ("done", _nothing, ["done"], USAGE),
    ("done", _damaged_profile, ["done"], DATA),
    ("undo", _logged, ["undo"], OK),
    ("undo", _logged, ["undo", "extra"], USAGE),
    ("undo", _profile, ["undo"], DATA),
    ("history", _logged, ["history", "--json"], OK),
    ("history", _logged, ["history", "--since", "yesterday"], USAGE),
    ("history", _log_is_a_folder, ["history"], DATA),
    ("go", _profile, ["go", "--date", "2026-01-05"], OK),  # no input: it stops at once
    ("go", _profile, ["go", "--date", "5/1/2026"], USAGE),
    ("go", _damaged_profile, ["go"], DATA),
    ("plan", _profile, ["plan", "--date", "2026-01-06"], OK),
    ("plan", _profile, ["plan", "--weeks", "x"], USAGE),
    ("plan", _broken_program, ["plan", "--program", "{home}/programs/broken.yaml"], DATA),
    ("bulk", _rosters, ["bulk", "{home}/good.csv", "--out", "{home}/a", "-f", "md"], OK),
    ("bulk", _rosters, ["bulk", "{home}/bad-column.csv", "--out", "{home}/b"], USAGE),
    ("bulk", _rosters, ["bulk", "{home}/bad-row.csv", "--out", "{home}/c", "-f", "md"], DATA),
    ("progress", _logged, ["progress", "--date", "2026-01-08"], OK),
    ("progress", _logged, ["progress", "--weeks", "0"], USAGE),
    ("progress", _damaged_profile, ["progress"], DATA),
    ("report", _logged, ["report", "--date", "2026-01-08", "-f", "csv"], OK),
    ("report", _nothing, ["report", "--roster", "{home}/missing.csv"], USAGE),
    ("report", _nothing, ["report", "--roster", "/dev/null"], DATA),
    ("export", _logged, ["export", "-f", "strong"], OK),
    ("export", _logged, ["export", "-f", "xls"], USAGE),
    ("export", _log_is_a_folder, ["export", "-f", "csv"], DATA),
    ("export", _damaged_profile, ["export", "-f", "json"], DATA),
    ("programs list", _nothing, ["programs", "list", "--json"], OK),
    ("programs list", _nothing, ["programs", "list", "--bogus"], USAGE),
    ("programs show", _nothing, ["programs", "show", "balance"], OK),
    ("programs show", _nothing, ["programs", "show", "nope"], USAGE),
    ("programs show", _broken_program, ["programs", "show", "{home}/programs/broken.yaml"], DATA),
    ("programs validate", _nothing, ["programs", "validate", str(PROGRAMS / "balance.yaml")], OK),
    ("programs validate", _nothing, ["programs", "validate"], USAGE),
    (
        "programs validate",
        _broken_program,
        ["programs", "validate", "{home}/programs/broken.yaml"],
        DATA,
    ),
    ("programs schema", _nothing, ["programs", "schema"], OK),
    ("programs schema", _nothing, ["programs", "schema", "--bogus"], USAGE),
    ("exercises list", _nothing, ["exercises", "list"], OK),
    ("exercises list", _nothing, ["exercises", "list", "--bogus"], USAGE),
    ("exercises show", _nothing, ["exercises", "show", "one-leg-stand"], OK),
    ("exercises show", _nothing, ["exercises", "show", "nope"], USAGE),
    ("test", _profile, ["test", "grip", "24", "--date", "2026-01-06"], OK),
    ("test", _profile, ["test", "grip", "-3"], USAGE),
    ("test", _damaged_profile, ["test", "grip", "24"], DATA),
    ("recommend", _profile, ["recommend", "--falls", "1", "--json"], OK),
    ("recommend", _profile, ["recommend", "--falls", "often"], USAGE),
    ("recommend", _log_is_a_folder, ["recommend"], DATA),
    ("start", _nothing, ["start"], USAGE),  # no terminal: no questions, which options to pass
    ("import", _profile, ["import", str(REPO / "tests" / "data" / "hevy-kg.csv")], OK),
    ("import", _rosters, ["import", "{home}/good.csv"], USAGE),  # a roster is not an export
    ("import", _log_is_a_folder, ["import", str(REPO / "tests" / "data" / "hevy-kg.csv")], DATA),
]
# Commands that read nothing a user can damage: they cannot fail with a data problem.
NO_DATA_PROBLEM = {
    "profiles list",
    "paths",
    "programs list",
    "programs schema",
    "exercises list",
    "exercises show",
}


def test_every_command_has_its_exit_codes_tested():
    commands = {" ".join(path) for path in _leaf_commands()}
    tested: dict[str, set[int]] = {}
    for command, _, _, code in CASES:
        tested.setdefault(command, set()).add(code)
    assert set(tested) == commands
    for command, codes in tested.items():
        expected = {OK, USAGE} if command in NO_DATA_PROBLEM else {OK, DATA, USAGE}
        assert codes == expected, command


@pytest.mark.parametrize(
    ("command", "setup", "args", "code"),
    CASES,
    ids=[f"{c[0]}-{c[3]}-{i}" for i, c in enumerate(CASES)],
)
def test_exit_code(run, oneup_home, command, setup, args, code):
    setup(run, oneup_home)
    result = run(*[a.replace("{home}", str(oneup_home)) for a in args])
    assert result.exit_code == code, (result.stdout, result.stderr)
    if code == OK:
        assert "Error" not in result.stderr
    else:
        assert result.stderr.strip(), "a failure says why on stderr"


def test_the_readme_documents_the_exit_codes():
    readme = (REPO / "README.md").read_text()
    table = readme.split("## Exit codes", 1)[1]
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in table


# --- pipes and scripts ------------------------------------------------------------------------

DRIVER = """
import json, sys
from oneup_cli.cli import main

codes = []
for args in json.loads(sys.argv[1]):
    sys.argv = ["oneup", *args]
    try:
        main()
    except SystemExit as e:
        codes.append(e.code)
    else:
        codes.append(0)
with open({codes_file!r}, "w") as f:
    json.dump(codes, f)
"""


@pytest.mark.slow
def test_no_prompt_and_no_colour_reach_a_pipe(tmp_path):
    """Every command runs to the end with nothing on standard input (a prompt would stop at
    end of file: 'Aborted.'), and no escape code reaches a pipe, in a terminal-like
    environment without NO_COLOR."""
    home = tmp_path / "home"
    roster_file = tmp_path / "roster.csv"
    roster_file.write_text("name,program\nAna,balance\nBo,nope\n")
    commands = [
        ["today", "--date", "2026-01-06"],
        ["start", "prevention", "--start", "2026-01-05"],
        ["log", "goblet-squat", "2x10@5kg", "--date", "2026-01-05", "--pain"],
        ["done", "--date", "2026-01-08"],
        ["today", "--date", "2026-01-12"],
        ["go", "--date", "2026-01-12"],
        ["history"],
        ["undo"],
        ["profile"],
        ["profiles"],
        ["programs", "list"],
        ["programs", "show", "balance"],
        ["exercises", "list"],
        ["exercises", "show", "one-leg-stand"],
        ["plan", "--date", "2026-01-06"],
        ["plan", "--program", "balance", "-o", str(tmp_path / "plan.pdf")],
        ["bulk", str(roster_file), "--out", str(tmp_path / "plans"), "-f", "md", "-v"],
        ["test", "grip", "24"],
        ["recommend", "--falls", "1"],
        ["log", "goblet-squat", "lots"],
        ["programs", "show", "nope"],
        ["start"],  # asks nothing without a terminal
    ]
    codes_file = tmp_path / "codes.json"
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    env.update(ONEUP_HOME=str(home), TERM="xterm-256color", COLORTERM="truecolor")
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(DRIVER).format(codes_file=str(codes_file)),
            json.dumps(commands),
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    codes = json.loads(codes_file.read_text())
    assert codes == [0] * 16 + [1, 0, 0, 2, 2, 2], proc.stderr.decode()
    assert b"Goblet squat" in proc.stdout and b"Weekly plan for me" in proc.stdout
    assert b"\x1b[" not in proc.stdout
    assert b"\x1b[" not in proc.stderr
    assert b"Aborted" not in proc.stderr
    assert b"Traceback" not in proc.stderr


def test_no_command_asks_for_input():
    """Nothing in the code can prompt (no typer prompt options, no confirm or input()) but
    `oneup start` without a program, and that only in a terminal (issue 12; the pipe test
    above runs it with nothing on standard input)."""
    setup = REPO / "src" / "oneup_cli" / "cli" / "setup.py"
    for path in (REPO / "src" / "oneup_cli").rglob("*.py"):
        text = path.read_text()
        if path == setup:
            asking = text.split("def _ask_for_program", 1)[1].split("\ndef ", 1)[0]
            assert "if not _interactive():" in asking.split("typer.prompt", 1)[0]
            text = text.replace(asking, "")
        for word in ("prompt=", "typer.confirm", "typer.prompt", "input(", "Prompt.ask"):
            assert word not in text, (path, word)
        assert "Confirm.ask" not in text, path
