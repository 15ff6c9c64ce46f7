"""The `oneup` command line: parse, call the core, render, exit.

One module per group of commands registers its commands on `app`. Every error is caught in
one place, where the program starts: `Oneup.main`, the root command's entry, which
`oneup` (`main()` below), `python -m oneup_cli` and typer's CliRunner all go through. There
an error becomes one clear line on stderr and its exit code, never a traceback.

The command modules do not postpone their annotations (no `from __future__ import
annotations`): typer reads every parameter's annotation each time it builds the command line,
and evaluating them as strings doubled that cost, in every run and every test.
"""

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any

import typer

# Typer 0.29 exposes neither class by name (only TyperException and BadParameter): they live in
# its vendored copy of click, pinned with typer in pyproject.toml; tests/test_params.py checks
# that typer still raises them from here.
from typer._click.exceptions import NoArgsIsHelpError, NoSuchOption

from .. import __version__, paths
from ..errors import ExitCode, OneupError
from . import bulk, daily, data, go, importing, library, outcomes, plan, review, setup
from .common import Unconfirmed, guard_streams, out, silence, to_stderr
from .common import message as in_our_words
from .params import Group


class Oneup(Group):
    """The root command: runs the command line and turns every error into one line."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        def invoke() -> Any:
            return super(Oneup, self).main(
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )

        code = run(invoke)
        if standalone_mode:
            sys.exit(code)
        return code

    # A broken pipe goes to run() as ReaderGone, from the parsing (`oneup --help | head -1`)
    # and from the command: click would exit 1 on it first, and so would rich, which prints
    # the help (Console.on_broken_pipe raises SystemExit while it handles the BrokenPipeError).
    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        with _reader_gone_raised():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        with _reader_gone_raised():
            return super().invoke(ctx)


@contextmanager
def _reader_gone_raised() -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:
        raise ReaderGone() from None
    except SystemExit as e:
        if isinstance(e.__context__, BrokenPipeError):
            raise ReaderGone() from None
        raise


class ReaderGone(Exception):
    """The reader of the output went away (`oneup history | head -1`)."""


def run(invoke: Callable[[], Any]) -> int:
    """Run the command line; the exit code. The one place where errors are caught."""
    guard_streams()
    try:
        result = invoke()
    except OneupError as e:
        _error(_message(e), e.details)
        return int(e.code)
    except Unconfirmed as e:  # saved: a warning, never an error (a retry would double it)
        to_stderr(f"Warning: recorded, but the confirmation could not be printed: {e}")
        silence(sys.stdout)
        return 0
    except (ReaderGone, BrokenPipeError):
        return _reader_gone()
    except OSError as e:  # an unwritable data folder, a full disk: say so, no traceback
        where = f": {e.filename}" if e.filename else ""
        _error(f"{e.strerror or e}{where}")
        _flush_or_silence()  # if it was stdout that failed, it must not fail again at exit
        return int(ExitCode.DATA)
    except typer.TyperException as e:  # typer's own usage errors: bad option values...
        if isinstance(e, NoArgsIsHelpError):  # `oneup` alone: the help, shown
            return 0
        _error(f"{e.format_message()}{_hint(e)}")
        return int(getattr(e, "exit_code", ExitCode.USAGE))
    except typer.Abort:
        to_stderr("Aborted.")
        return 1
    except KeyboardInterrupt:
        return 130
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return _reader_gone()
    except OSError as e:  # stdout itself failed, e.g. a full disk
        _error(f"could not write the output: {e.strerror or e}")
        silence(sys.stdout)
        return int(ExitCode.DATA)
    return result if isinstance(result, int) else 0


def _message(e: OneupError) -> str:
    """The error's line; a bad value's field called by its option (--weeks)."""
    return in_our_words(e)


def _error(message: str, details: Sequence[str] = ()) -> None:
    """The error on stderr, as far as it can take it: the exit code says it all the same."""
    for line in (f"Error: {message}", *(f"  {d}" for d in details)):
        if not to_stderr(line):
            return


def _flush_or_silence() -> None:
    """What a command printed before an error still goes out; a stdout that cannot take it is
    sent to /dev/null, so that Python does not fail again when it flushes at exit."""
    try:
        sys.stdout.flush()
    except Exception:
        silence(sys.stdout)


def _reader_gone() -> int:
    """The reader went away (oneup history | head -1): not an error, so exit 0 quietly, as
    the reader asked for no more. Python would complain again when it flushes at exit, so
    stdout now goes nowhere."""
    silence(sys.stdout)
    return 0


def _hint(e: Exception) -> str:
    """A pointer for the usage mistakes people make most."""
    if not isinstance(e, NoSuchOption):
        return ""
    name = e.option_name
    if name.startswith(("--profile", "-p")):  # `oneup plan --profile x`
        return " (give --profile before the command: oneup --profile NAME COMMAND)"
    if name.startswith("-") and name[1:2].isdigit():  # `oneup log squat -2x8`
        return " (amounts cannot be negative; write sets like 3x8@20kg)"
    return ""


app = typer.Typer(
    cls=Oneup,
    name="oneup",
    help="Strength, impact and balance training for bone health, one day at a time.\n\n"
    "Start with [bold]oneup today[/bold]: it shows today's session and needs no set-up.",
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        out.print(f"oneup {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            "-p",
            metavar="NAME",
            envvar="ONEUP_PROFILE",
            show_default=False,
            help="Whose plan: one profile per person (a trainer keeps one per client). "
            f"Default: {paths.DEFAULT_PROFILE}.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Strength, impact and balance training for bone health."""
    name = paths.DEFAULT_PROFILE if profile is None else profile
    paths.check_name(name)  # refused for every command, also those that never use it
    ctx.obj = {"profile": name}


for group in (daily, go, setup, library, plan, bulk, outcomes, review, data, importing):
    group.register(app)


def main() -> None:
    """The console script `oneup`."""
    app()
