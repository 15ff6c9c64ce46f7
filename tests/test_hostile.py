"""Hostile input (issue 10): every case fails cleanly, in one line, and changes nothing recorded.

The cases live in tests/hostile/, one module per class of input; this module runs them all.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oneup_cli.cli import app

from .hostile import LOG, PROFILE, Case
from .hostile import clients as clients_cases
from .hostile import data as data_cases
from .hostile import export as export_cases
from .hostile import files as files_cases
from .hostile import importing as importing_cases
from .hostile import outcomes as outcomes_cases
from .hostile import programs as programs_cases
from .hostile import review as review_cases
from .hostile import values as values_cases

MODULES = [
    clients_cases,
    data_cases,
    export_cases,
    files_cases,
    importing_cases,
    outcomes_cases,
    programs_cases,
    review_cases,
    values_cases,
]
CASES: list[Case] = [case for module in MODULES for case in module.CASES]


@pytest.fixture(scope="session")
def prepared(tmp_path_factory) -> Path:
    """A data folder with a profile and three records, made once and copied for each case."""
    home = tmp_path_factory.mktemp("hostile") / "home"
    runner = CliRunner()
    env = {"ONEUP_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "120"}
    for args in (
        ["start", "prevention", "--start", "2026-01-05", "--days", "mon,thu"],
        ["log", "goblet-squat", "2x12@10kg", "--date", "2026-01-05"],
        ["log", "one-leg-stand", "2x15s", "--support", "two-hands", "--date", "2026-01-06"],
        ["log", "goblet-squat", "2x12@11kg", "--date", "2026-01-08"],
    ):
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 0, result.output
    return home


def _digest(home: Path) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for rel in (PROFILE, LOG):
        path = home / rel
        out[str(rel)] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    return out


def _run(case: Case, home: Path, tmp: Path) -> tuple[int, str]:
    args = [a.replace("{home}", str(home)).replace("{tmp}", str(tmp)) for a in case.args]
    env = {"ONEUP_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "120", **case.env}
    if case.process:
        with contextlib.ExitStack() as stack:
            out = (
                stack.enter_context(open(case.stdout, "w"))
                if case.stdout is not None
                else subprocess.PIPE
            )
            proc = subprocess.run(
                [sys.executable, "-m", "oneup_cli", *args],
                input=case.input,
                stdout=out,
                stderr=subprocess.PIPE,
                text=True,
                errors="replace",
                timeout=60,
                env={**os.environ, **env},
            )
        return proc.returncode, proc.stderr
    result = CliRunner().invoke(app, args, input=case.input, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


def test_the_cases_have_unique_ids():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


# A case that starts a process of its own (terminals, encodings, closed streams) is slow.
PARAMS = [
    pytest.param(case, id=case.id, marks=[pytest.mark.slow] if case.process else [])
    for case in CASES
]


@pytest.mark.parametrize("case", PARAMS)
def test_a_hostile_case_fails_cleanly_and_changes_nothing(case, prepared, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(prepared, home, symlinks=True)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    if case.setup is not None:
        case.setup(home, scratch)
    before = _digest(home)

    code, stderr = _run(case, home, scratch)

    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    if case.warning:
        assert code == 0, stderr
        assert len(lines) == 1 and lines[0].startswith("Warning:"), stderr
    else:
        assert code != 0 if case.code is None else code == case.code, (code, stderr)
        assert len(lines) == 1 and lines[0].startswith("Error:"), stderr
    if case.says is not None:
        assert case.says in stderr, stderr
    if not case.writes:
        assert _digest(home) == before, "a failed command changed what was recorded"
