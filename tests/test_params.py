"""oneup's typer classes (cli/params.py): help that reads well, values checked without
pydantic when there is nothing to check, and a loud failure when typer's internals that they
lean on change (pyproject.toml pins typer to the tested minor version)."""

from __future__ import annotations

import inspect
from typing import Annotated

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from oneup_cli.cli import app
from oneup_cli.cli.params import Command, QuickCheck


def test_typers_internals_that_the_quick_check_leans_on_are_still_there():
    """If this fails, typer changed: read cli/params.py again before moving the pin."""
    from typer import _coercion, core

    assert typer.__version__.startswith("0.29."), typer.__version__
    assert {f.name for f in __import__("dataclasses").fields(_coercion.RuntimeParam)} == {
        "parameter_info",
        "annotation",
    }
    assert list(inspect.signature(_coercion.RuntimeParam._coerce_value).parameters) == [
        "self",
        "value",
        "param",
        "ctx",
    ]
    assert list(inspect.signature(_coercion.build_runtime_param).parameters) == ["descriptor"]
    assert {"annotation", "parameter_info", "file_annotation"} <= set(
        _coercion.TypeDescriptor.__dataclass_fields__
    )
    process = inspect.getsource(core._TyperParameter.process_value)
    assert "self.get_runtime_param().coerce(" in process
    getter = inspect.getsource(core._TyperParameter.get_runtime_param)
    assert "self._runtime_param" in getter and "build_runtime_param" in getter
    assert "value is None" in inspect.getsource(_coercion.RuntimeParam.coerce)
    assert hasattr(core.TyperOption, "display_type_rich")
    assert hasattr(core.TyperArgument, "get_usage_pieces")


def _tiny() -> typer.Typer:
    tiny = typer.Typer()

    @tiny.command(cls=Command)
    def show(
        loud: Annotated[bool, typer.Option(envvar="LOUD")] = False,
        who: str = "me",
        times: int = 1,
    ) -> None:
        print(f"{who} {loud} {times}")

    return tiny


def test_plain_values_pass_and_others_still_go_to_typers_check():
    runner = CliRunner()
    tiny = _tiny()
    assert runner.invoke(tiny, ["--who", "ana"], env={"LOUD": "1"}).output == "ana True 1\n"
    assert runner.invoke(tiny, ["--times", "3"], env={"LOUD": "no"}).output == "me False 3\n"
    wrong = runner.invoke(tiny, [], env={"LOUD": "maybe", "COLUMNS": "200"})
    assert wrong.exit_code == 2 and "Invalid value for '--loud'" in wrong.output
    wrong = runner.invoke(tiny, ["--times", "lots"], env={"COLUMNS": "200"})
    assert wrong.exit_code == 2 and "Invalid value for '--times'" in wrong.output


def test_a_plain_value_builds_no_typer_check():
    command = typer.main.get_command(_tiny())
    params = {p.name: p for p in command.params}
    assert isinstance(params["who"].get_runtime_param(), QuickCheck)
    assert params["who"].get_runtime_param().passes is str
    assert params["times"].get_runtime_param().passes is None


def _all_commands(group=None, prefix=()):
    group = group or typer.main.get_command(app)
    yield prefix, group
    for name, command in sorted(getattr(group, "commands", {}).items()):
        yield from _all_commands(command, (*prefix, name))


COMMANDS = [path for path, _ in _all_commands()]


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) or "oneup" for p in COMMANDS])
def test_help_shows_what_each_argument_and_option_takes(run, path):
    """NAME, DATE, FILE, N, kg|lb...: never a Python type or braces."""
    result = run(*path, "-h")
    assert result.exit_code == 0, result.output
    for wrong in ("<str>", "<int>", "<bool>", "<path>", "{", "}", "list[", "True", "False"):
        assert wrong not in result.stdout, (wrong, result.stdout)


def test_bulk_help_has_whole_sentences_and_a_plain_usage_line(run):
    result = run("bulk", "--help")
    assert result.exit_code == 0, result.output
    assert "bulk [OPTIONS] [ROSTER]" in result.stdout  # or --profiles
    # Paragraphs are wrapped by Rich to the width, not where the docstring's lines end.
    assert "Columns (any case): name (required), program (default prevention)," in result.stdout
    for option, metavar in [
        ("--out", "DIR"),
        ("--format", "FORMAT"),
        ("--weeks", "A-B"),
        ("--jobs", "N"),
        ("--paper", "a4|letter"),
        ("--template", "FILE"),
        ("--date", "DATE"),
    ]:
        line = next(
            line
            for line in result.stdout.splitlines()
            if line.lstrip("│* ").startswith(f"{option} ")
        )
        assert metavar in line, line


def _plain_tiny() -> typer.Typer:
    """_tiny with typer's own classes."""
    tiny = typer.Typer()

    @tiny.command()
    def show(
        loud: Annotated[bool, typer.Option(envvar="LOUD")] = False,
        who: Annotated[str, typer.Option("--who", "-w", help="Who.")] = "me",
        times: int = 1,
        name: Annotated[str | None, typer.Argument()] = None,
    ) -> None:
        print(f"{who} {loud} {times} {name}")

    return tiny


def test_typers_parameters_keep_all_their_state_in_their_dict():
    """cli/params.py copies a parameter by its __dict__: a slot would be left behind."""
    from typer.core import TyperArgument, TyperOption

    for kind in (TyperArgument, TyperOption):
        slotted = [k.__name__ for k in kind.__mro__ if vars(k).get("__slots__")]
        assert slotted == [], (kind.__name__, slotted)


@pytest.mark.parametrize(
    "args", [[], ["--who", "ana", "-w", "bo", "--loud", "--times", "3", "x"], ["--no-loud"]]
)
def test_a_copied_parameter_behaves_as_typers_own(args):
    from oneup_cli.cli.params import Argument, Option, _ours

    theirs = typer.main.get_command(_plain_tiny())
    ours = typer.main.get_command(_plain_tiny())
    ours.params = [_ours(p) for p in ours.params]
    assert {type(p) for p in ours.params} == {Argument, Option}
    for a, b in zip(theirs.params, ours.params, strict=True):
        for attr in ("name", "opts", "secondary_opts", "default", "required", "envvar", "nargs"):
            assert getattr(a, attr) == getattr(b, attr), attr
        assert (a.metavar, a.help, a.hidden) == (b.metavar, b.help, b.hidden)
    expected = theirs.make_context("show", list(args)).params
    assert ours.make_context("show", list(args)).params == expected
    assert expected["who"] == ("bo" if args[:1] == ["--who"] else "me")


def test_typer_raises_the_usage_errors_the_command_line_checks_for():
    """cli/__init__.py tells these apart by type: typer 0.29 raises them from its copy of click."""
    from typer._click.exceptions import NoArgsIsHelpError, NoSuchOption

    plan = typer.main.get_command(app).commands["plan"]
    with pytest.raises(NoSuchOption) as e:
        plan.make_context("plan", ["--profile", "x"])
    assert e.value.option_name == "--profile"
    with pytest.raises(NoArgsIsHelpError):  # `oneup` alone
        typer.main.get_command(app).make_context("oneup", [])
