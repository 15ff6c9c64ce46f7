"""Every command has help text and is shown in the README; the README's commands work."""

from __future__ import annotations

import re

import pytest
import typer.main

from oneup_cli.cli import app

from .conftest import REPO

README = (REPO / "README.md").read_text()


def _commands(group=None, prefix=()):
    group = group or typer.main.get_command(app)
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        yield path, command
        if hasattr(command, "commands"):
            yield from _commands(command, path)


COMMANDS = list(_commands())


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_and_is_in_the_readme(run, path, command):
    assert (command.help or "").strip(), f"oneup {' '.join(path)} has no help text"
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout
    assert "<bool>" not in result.stdout  # a flag takes no value: cli/params.py
    assert f"oneup {' '.join(path)}" in README, f"README never shows oneup {' '.join(path)}"


def test_readme_opens_with_the_install_and_test_commands():
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    assert "pip install . && .venv/bin/oneup today" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (REPO / ".ci" / "run").read_text()
    assert "python -m pytest -q" in ci and "'.[test]'" in blocks[1]


ARCHITECTURE = (REPO / "docs" / "ARCHITECTURE.md").read_text()
PACKAGE = REPO / "src" / "oneup_cli"


def test_the_architecture_page_names_every_module_and_only_modules_that_exist():
    rows = [line for line in ARCHITECTURE.splitlines() if line.startswith("| `")]
    named = {re.match(r"\| `([^`]+)`", row).group(1) for row in rows}
    tree = {
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.suffix in (".py", ".typ") and "__pycache__" not in p.parts
    }
    assert sorted(tree - named) == [], "modules missing from docs/ARCHITECTURE.md"
    assert sorted(named - tree) == [], "docs/ARCHITECTURE.md names modules that do not exist"
