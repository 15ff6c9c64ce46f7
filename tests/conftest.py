"""Every test gets its own empty ONEUP_HOME: no test can touch a real user's data."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oneup_cli.cli import app

# Module-level loads during collection must not touch a real data folder either.
os.environ["ONEUP_HOME"] = tempfile.mkdtemp(prefix="oneup-tests-")

REPO = Path(__file__).resolve().parents[1]
PROGRAMS = REPO / "programs"


@pytest.fixture(autouse=True)
def oneup_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "oneup-home"
    monkeypatch.setenv("ONEUP_HOME", str(home))
    monkeypatch.delenv("ONEUP_PROFILE", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    yield home


@pytest.fixture
def run():
    """Invoke the CLI in-process; returns the click Result (stdout and stderr apart)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input)

    return invoke


def ok(result):
    """The command succeeded; on failure, show what the user saw."""
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def oneup(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point (main(), not the test runner) with ONEUP_HOME=home."""
    env = {**os.environ, "ONEUP_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "oneup_cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
