"""oneup's command, group and parameter classes: typer's own, subclassed (typer's `cls=`).

Nothing of typer is changed: these classes are used by oneup's commands only, never by
another program in the same process (one that imports `oneup_cli.api`, say).

Help. Typer (0.29) shows `<bool>` beside a flag (`--pain <bool>`, as if it took a value), a
type beside every argument (`ROSTER <str>`), and required arguments in braces in the usage
line (`{ROSTER}`). Here a flag is `--pain`, an argument `ROSTER`, and the usage line says
`oneup bulk [OPTIONS] ROSTER`.

Values. Typer checks each parameter's value with a pydantic TypeAdapter, built the first time
the parameter is processed, even when the value is absent (None) or a flag's True or False.
Building the first one imports pydantic: about 90 ms here, more than `oneup today` takes to
plan and print a session. Most of oneup's parameters are plain strings and flags: a value
that is already a str (or a bool for a flag) is what typer would give back, and an absent
value needs no check at all. So those values pass through unchanged, and any other value
(a number, a flag set from an environment variable as "1") goes to typer's own check, built
only then.

The values part leans on typer's internals (`typer._coercion.RuntimeParam`,
`build_runtime_param`, a parameter's `get_runtime_param`, `_runtime_param` and
`type_descriptor`): pyproject.toml pins typer to the minor version tested, and
tests/test_params.py fails loudly if those internals change.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from typing import Any

from typer._coercion import RuntimeParam, build_runtime_param
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

# The annotations whose values are passed through when they already have the type.
PLAIN = (str, bool)


@dataclasses.dataclass(frozen=True)
class QuickCheck(RuntimeParam):
    """Typer's check, built only for a value that needs it. An absent value never does
    (RuntimeParam.coerce returns None before it asks for a check), and neither does a
    value that already has the type in `passes`."""

    passes: type | None = None

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if self.passes is not None and type(value) is self.passes:
            return value
        typers = build_runtime_param(param.type_descriptor)
        param._runtime_param = typers
        return typers._coerce_value(value, param=param, ctx=ctx)


class _Quick:
    """A parameter whose value is checked by QuickCheck."""

    _runtime_param: Any
    type_descriptor: Any

    def get_runtime_param(self) -> Any:
        if self._runtime_param is None:
            descriptor = self.type_descriptor
            info = descriptor.parameter_info
            annotation = descriptor.annotation
            plain = (
                annotation in PLAIN and descriptor.file_annotation is None and info.parser is None
            )
            self._runtime_param = QuickCheck(
                parameter_info=info, annotation=annotation, passes=annotation if plain else None
            )
        return self._runtime_param


class Argument(_Quick, TyperArgument):
    """An argument shown by its metavar alone: `ROSTER`, `[SPEC]`, `FILE...`."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        name = self.metavar or (self.name or "").upper()
        if self.nargs != 1 and not name.endswith("..."):
            name += "..."
        return [name if self.required else f"[{name}]"]


class Option(_Quick, TyperOption):
    """An option; a flag is shown without a type (it takes no value)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        if self.is_flag and self.metavar is None:
            return None
        return super().display_type_rich(ctx)


def _ours(param: Any) -> Any:
    """The parameter as one of the classes above (the very same state), or as it is."""
    kinds: dict[type, type] = {TyperArgument: Argument, TyperOption: Option}
    kind = kinds.get(type(param))
    if kind is None:
        return param
    copy: Any = object.__new__(kind)
    copy.__dict__.update(param.__dict__)
    return copy


class _Ours:
    """What the command and group classes below share: their parameters are ours."""

    params: list[Any]
    _our_help: Any = None

    def _make_params_ours(self) -> None:
        self.params = [_ours(p) for p in self.params]

    def get_params(self, ctx: Any) -> list[Any]:
        self._make_params_ours()  # typer adds the completion options after __init__
        return super().get_params(ctx)  # type: ignore[misc, no-any-return]

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is None:
            return None
        if self._our_help is None or self._our_help[0] is not option:
            self._our_help = (option, _ours(option))
        return self._our_help[1]


class Command(_Ours, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._make_params_ours()


class Group(_Ours, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._make_params_ours()


def paragraphs(fn: Callable[..., Any]) -> str:
    """A command's docstring as Rich shows it well: each paragraph one line, for Rich to wrap
    to the terminal (typer keeps a docstring's own line breaks)."""
    text = inspect.cleandoc(fn.__doc__ or "")
    return "\n\n".join(" ".join(p.split("\n")) for p in text.split("\n\n"))


def add(app: Any, fn: Callable[..., Any], name: str) -> None:
    """Register `fn` as the command `name` of `app`, its docstring as paragraphs."""
    app.command(name, help=paragraphs(fn), cls=Command)(fn)
