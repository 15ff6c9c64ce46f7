"""Two things typer does that oneup changes: pydantic for values with nothing to convert,
and a type shown for flags in --help.

Values. Typer (0.29) checks each option's value with a pydantic TypeAdapter, built the first
time the option is processed, even when the value is a flag's True or False or is absent
(every command has --help). Building the first one imports pydantic: about 60 ms, which is
more than `oneup today` takes to plan and print a session. Most of oneup's options are plain
strings and flags: a value that is already a str (or a bool for a flag) is what typer would
give back, and an absent value (None) needs no check at all. So every option gets a check
that passes those values through unchanged, and hands any other value (a number, a flag set
from an environment variable as "1") to typer's own check, built only then.

Flags. Typer's --help shows "<bool>" beside a flag such as --pain, which reads as if it
took a value (--pain true); a flag's line shows no type here.

Both lean on typer's internals (its parameter classes' get_runtime_param, type_descriptor,
_runtime_param and display_type_rich, and typer._coercion), so each is used only when they
look as expected; otherwise typer is left as it is. cli.py applies them when it is
imported; tests/test_startup.py checks that `oneup today` does not import pydantic, and
tests/test_docs.py that no help shows "<bool>".
"""

from __future__ import annotations

import dataclasses
from typing import Any

# The annotations whose values are passed through when they already have the type.
PLAIN = (str, bool)


def apply() -> None:
    """Make both changes, from now on in this process (again: no change)."""
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
        from typer.core import TyperOption, _TyperParameter
    except ImportError:
        return
    _replace(_TyperParameter, "get_runtime_param", _quick_checks(RuntimeParam, build_runtime_param))
    _replace(TyperOption, "display_type_rich", _no_type_on_flags)


def _replace(cls: Any, name: str, tweak: Any) -> None:
    """cls.name becomes tweak(typer's own method), unless it is missing or tweaked already."""
    typers_own = getattr(cls, name, None)
    if typers_own is None or getattr(typers_own, "tweaked", False):
        return
    tweaked = tweak(typers_own)
    tweaked.tweaked = True
    setattr(cls, name, tweaked)


def _no_type_on_flags(typers_own: Any) -> Any:
    def display_type_rich(self: Any, ctx: Any) -> Any:
        if getattr(self, "is_flag", False) and getattr(self, "metavar", None) is None:
            return None
        return typers_own(self, ctx)

    return display_type_rich


def _quick_checks(base: Any, build: Any) -> Any:
    """Every option and argument gets the quick check (see the module's docstring)."""
    quick = _quick_class(base, build)

    def tweak(typers_own: Any) -> Any:
        def get_runtime_param(self: Any) -> Any:
            descriptor: Any = getattr(self, "type_descriptor", None)
            info = getattr(descriptor, "parameter_info", None)
            if getattr(self, "_runtime_param", False) is None and info is not None:
                annotation = getattr(descriptor, "annotation", None)
                plain = (
                    annotation in PLAIN
                    and getattr(descriptor, "file_annotation", None) is None
                    and getattr(info, "parser", True) is None
                )
                self._runtime_param = quick(
                    parameter_info=info, annotation=annotation, passes=annotation if plain else None
                )
            return typers_own(self)

        return get_runtime_param

    return tweak


def _quick_class(base: Any, build: Any) -> Any:
    @dataclasses.dataclass(frozen=True)
    class QuickCheck(base):  # type: ignore[misc]
        """Typer's check, built only for a value that needs it. An absent value never does
        (typer's coerce() deals with None before it asks for a check), and neither does a
        value that already has the type in `passes`."""

        passes: type | None = None

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.passes is not None and type(value) is self.passes:
                return value
            typers = build(param.type_descriptor)
            param._runtime_param = typers
            return typers._coerce_value(value, param=param, ctx=ctx)

    return QuickCheck
