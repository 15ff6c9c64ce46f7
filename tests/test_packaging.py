"""The wheel carries every built-in program, the library and the fonts, and they load from it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import PROGRAMS, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("oneup-*.whl")
    return built


@pytest.mark.slow
def test_wheel_holds_every_program_file_and_the_library(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in PROGRAMS.glob("*.yaml"):
        assert f"oneup_cli/programs/{path.name}" in names, path.name
    assert {"oneup_cli/py.typed", "oneup_cli/cli/__init__.py"} <= names
    assert {"oneup_cli/render/templates/plan.typ", "oneup_cli/fonts/DejaVuSans.ttf"} <= names


@pytest.mark.slow
def test_installed_wheel_loads_its_own_programs_from_another_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-compile",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import oneup_cli, oneup_cli.programs as p\n"
        f"assert oneup_cli.__file__.startswith({str(target)!r}), oneup_cli.__file__\n"
        f"assert str(p.builtin_dir()).startswith({str(target)!r}), p.builtin_dir()\n"
        "lib = p.load_library()\n"
        "ids = sorted(r.id for r in p.program_files())\n"
        "[p.load_program(i, lib) for i in ids]\n"
        "from oneup_cli.importing import aliases\n"
        "assert aliases.load(lib).find('Squat (Goblet)') == 'goblet-squat'\n"
        "print(len(lib.exercises), *ids)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target), "ONEUP_HOME": str(tmp_path / "home")}

    def run_there(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args], cwd=elsewhere, env=env, capture_output=True, text=True
        )

    result = run_there("-c", script)
    assert result.returncode == 0, result.stderr
    count, *ids = result.stdout.split()
    assert int(count) >= 40
    data_files = ("exercises", "aliases")  # the library and oneup import's names: no programs
    assert ids == sorted(p.stem for p in PROGRAMS.glob("*.yaml") if p.stem not in data_files)
    listing = run_there("-m", "oneup_cli", "programs", "list")
    assert listing.returncode == 0, listing.stderr
    for program_id in ids:
        assert program_id in listing.stdout
