"""Every test gets its own empty ONEUP_HOME: no test can touch a real user's data."""

from __future__ import annotations

import os
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
