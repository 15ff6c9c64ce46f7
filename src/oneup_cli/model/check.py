"""Checking plain data (a parsed YAML file) against a model class, reporting every mistake.

msgspec stops at the first error, which suits files oneup writes itself. A file a person wrote
deserves every mistake at once, each with its place, so this walker goes field by field over
the same type information msgspec decodes with (`msgspec.inspect`), collects every problem,
and builds the objects bottom-up through their constructors, so the cross-field checks in
`__post_init__` run, and are reported, for every object whose own fields are fine.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import difflib
import functools
import math
import re
import typing
from collections.abc import Callable
from typing import Any, TypeVar

import msgspec
import msgspec.inspect as mi

from .codec import dec_hook
from .values import shown as shown

T = TypeVar("T")
Loc = tuple[str | int, ...]


@dc.dataclass(frozen=True)
class Issue:
    loc: Loc  # where the mistake is
    message: str  # plain words, starting with the field's path
    key: bool = False  # point at the mapping key (an unknown field), not at its value


def where(loc: Loc) -> str:
    """phases[0].sessions[1].blocks[0]: a location readers can follow."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


# Characters no text in a program or the library may hold: the C0 and C1 controls (tab and
# new line are text), DEL, and the bidirectional overrides and isolates that make text read
# differently from what it says.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# The largest whole number any field may hold, whatever its own bounds: what msgspec (and
# JSON readers) can encode and decode, so a checked program can always be cached.
_INT_LIMIT = 2**63 - 1

_BAD: Any = object()  # a value that did not pass; its problems are already recorded

_info: Callable[[Any], mi.Type] = functools.cache(mi.type_info)


def check(cls: type[T], data: Any) -> tuple[T | None, list[Issue]]:
    """`cls` built from data, or None; and every problem found (the caller sorts them)."""
    walker = _Walker(_literal_orders(cls))
    value = walker.walk(_info(cls), data, ())
    return (None if value is _BAD or walker.issues else value), walker.issues


def _find_literal_orders(cls: Any) -> dict[frozenset[Any], tuple[Any, ...]]:
    """The values of each Literal in cls, in the order written (msgspec.inspect sorts them),
    so that a message lists mon, tue, wed... rather than fri, mon, sat..."""
    found: dict[frozenset[Any], tuple[Any, ...]] = {}
    seen: set[type] = set()

    def visit(tp: Any) -> None:
        if typing.get_origin(tp) is typing.Literal:
            found[frozenset(typing.get_args(tp))] = typing.get_args(tp)
        elif isinstance(tp, type) and issubclass(tp, msgspec.Struct):
            if tp not in seen:
                seen.add(tp)
                for hint in typing.get_type_hints(tp, include_extras=True).values():
                    visit(hint)
        else:
            for arg in typing.get_args(tp):
                visit(arg)

    visit(cls)
    return found


_literal_orders: Callable[[Any], dict[frozenset[Any], tuple[Any, ...]]] = functools.cache(
    _find_literal_orders
)


def _one_of(values: list[Any]) -> str:
    shown = [repr(v) if isinstance(v, str) else str(v) for v in values]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"


# As lenient as the pydantic checks this walker replaced, for files that passed them: numbers
# written as text ("3", "2.5") and yes/no words count; true or false where a number goes does
# not (pydantic read it as 1 or 0).
_BOOL_WORDS = {w: True for w in ("1", "on", "t", "true", "y", "yes")} | {
    w: False for w in ("0", "off", "f", "false", "n", "no")
}


def _number(x: Any) -> float | None:
    """x as a finite float, if it is a number or a number written as text; else None.
    Integers too large for a float (a 400-digit number) are None too: callers say so."""
    if isinstance(x, bool):
        return None
    if isinstance(x, str):
        try:
            x = float(x.strip())
        except ValueError:
            return None
    if isinstance(x, int) and abs(x) > _INT_LIMIT:
        return None
    if isinstance(x, int | float) and math.isfinite(x):
        return float(x)
    return None


def _too_big(x: Any) -> bool:
    """A number no field can hold: infinite, or a whole number beyond 64 bits."""
    if isinstance(x, float):
        return math.isinf(x)
    return isinstance(x, int) and not isinstance(x, bool) and abs(x) > _INT_LIMIT


class _Walker:
    def __init__(self, literal_orders: dict[frozenset[Any], tuple[Any, ...]]) -> None:
        self.issues: list[Issue] = []
        self.literal_orders = literal_orders

    def fail(self, loc: Loc, message: str, *, about: Loc | None = None, key: bool = False) -> Any:
        """Record a problem at loc; the message names `about` (default: loc itself)."""
        name = where(loc if about is None else about) or "the file"
        self.issues.append(Issue(loc, f"{name}: {message}", key))
        return _BAD

    def walk(self, t: mi.Type, data: Any, loc: Loc) -> Any:
        if isinstance(t, mi.Metadata):
            return self.walk(t.type, data, loc)
        if isinstance(t, mi.StructType):
            return self.struct(t, data, loc)
        if isinstance(t, mi.UnionType):
            if data is None and any(isinstance(u, mi.NoneType) for u in t.types):
                return None
            options = [u for u in t.types if not isinstance(u, mi.NoneType)]
            if len(options) == 1:
                return self.walk(options[0], data, loc)
            for option in options:  # several: the first that fits, quietly
                if (value := _Walker(self.literal_orders).walk(option, data, loc)) is not _BAD:
                    return value
            return self.fail(loc, "does not fit any of the allowed forms")
        if isinstance(t, mi.ListType):
            return self.list(t, data, loc)
        if isinstance(t, mi.DictType):
            if not isinstance(data, dict):
                return self.fail(loc, "should be a mapping")
            out = {str(k): self.walk(t.value_type, v, (*loc, str(k))) for k, v in data.items()}
            return _BAD if _BAD in out.values() else out
        return self.scalar(t, data, loc)

    def struct(self, t: mi.StructType, data: Any, loc: Loc) -> Any:
        if not isinstance(data, dict):
            return self.fail(loc, "should be a mapping of fields")
        fields = {f.encode_name: f for f in t.fields}
        ok = True
        if t.forbid_unknown_fields:
            for name in data:
                if name not in fields:
                    hint = difflib.get_close_matches(str(name), list(fields), n=1)
                    tip = f" (did you mean '{hint[0]}'?)" if hint else ""
                    message = f"unknown field {shown(str(name))}{tip}"
                    self.fail((*loc, name), message, about=loc, key=True)
                    ok = False
        kwargs: dict[str, Any] = {}
        for name, f in fields.items():
            if name in data:
                value = self.walk(f.type, data[name], (*loc, name))
                ok = ok and value is not _BAD
                kwargs[f.name] = value
            elif f.required:
                self.fail((*loc, name), f"missing required field '{name}'", about=loc)
                ok = False
        if not ok:
            return _BAD
        try:
            return t.cls(**kwargs)
        except ValueError as e:  # a check in __post_init__, about one field or several
            field = getattr(e, "field", None)
            return self.fail(loc if field is None else (*loc, field), str(e))

    def list(self, t: mi.ListType, data: Any, loc: Loc) -> Any:
        if not isinstance(data, list):
            return self.fail(loc, "should be a list")
        out = [self.walk(t.item_type, v, (*loc, i)) for i, v in enumerate(data)]
        if t.min_length is not None and len(data) < t.min_length:
            return self.fail(loc, f"needs at least {t.min_length}")
        if t.max_length is not None and len(data) > t.max_length:
            return self.fail(loc, f"allows at most {t.max_length}")
        return _BAD if any(v is _BAD for v in out) else out

    def scalar(self, t: mi.Type, data: Any, loc: Loc) -> Any:
        if isinstance(t, mi.StrType):
            if not isinstance(data, str):
                return self.fail(loc, "should be text")
            if bad := _CONTROL.search(data):
                code = f"U+{ord(bad.group()):04X}"
                return self.fail(loc, f"holds a control character ({code}): not allowed in text")
            if t.min_length is not None and len(data) < t.min_length:
                return self.fail(loc, f"must be at least {t.min_length} characters")
            if t.max_length is not None and len(data) > t.max_length:
                return self.fail(loc, f"must be at most {t.max_length} characters")
            if t.pattern is not None and not re.search(t.pattern, data):
                if "a-z0-9" in t.pattern:
                    return self.fail(loc, "must use lowercase letters, digits and '-'")
                return self.fail(loc, f"must match {t.pattern}")
            return data
        if isinstance(t, mi.BoolType):
            value = _BOOL_WORDS.get(data.strip().lower()) if isinstance(data, str) else data
            if isinstance(data, int) and not isinstance(data, bool) and data in (0, 1):
                value = bool(data)
            return value if isinstance(value, bool) else self.fail(loc, "should be true or false")
        if isinstance(t, mi.IntType | mi.FloatType):
            return self.number(t, data, loc)
        if isinstance(t, mi.EnumType):
            try:
                return t.cls(data)
            except (ValueError, TypeError):
                return self.fail(loc, f"must be one of: {_one_of([e.value for e in t.cls])}")
        if isinstance(t, mi.LiteralType):
            for v in t.values:
                if type(v) is type(data) and v == data:
                    return data
            values = self.literal_orders.get(frozenset(t.values), t.values)
            return self.fail(loc, f"must be one of: {_one_of(list(values))}")
        if isinstance(t, mi.CustomType):
            try:
                return dec_hook(t.cls, data)
            except (ValueError, TypeError) as e:
                return self.fail(loc, str(e))
        if isinstance(t, mi.DateType | mi.DateTimeType):
            return self.when(t, data, loc)
        if isinstance(t, mi.NoneType):
            return None if data is None else self.fail(loc, "should be empty (null)")
        if isinstance(t, mi.AnyType):
            return data
        raise TypeError(f"the checker does not know {t!r}")  # a model class uses a new type

    def number(self, t: mi.IntType | mi.FloatType, data: Any, loc: Loc) -> Any:
        if _too_big(data):
            return self.fail(loc, f"is far too large{self.range_of(t)}")
        if isinstance(data, float) and math.isnan(data):
            return self.fail(loc, "should be a number, not .nan")
        number = _number(data)
        if isinstance(t, mi.IntType):
            if number is None or not number.is_integer():
                return self.fail(loc, "should be a whole number")
            value: float = data if type(data) is int else int(number)
        else:
            if number is None:
                return self.fail(loc, "should be a number")
            value = number
        if t.ge is not None and value < t.ge:
            return self.fail(loc, f"must be at least {t.ge}")
        if t.gt is not None and value <= t.gt:
            return self.fail(loc, f"must be more than {t.gt}")
        if t.le is not None and value > t.le:
            return self.fail(loc, f"must be at most {t.le}")
        if t.lt is not None and value >= t.lt:
            return self.fail(loc, f"must be less than {t.lt}")
        return value

    @staticmethod
    def range_of(t: mi.IntType | mi.FloatType) -> str:
        low = t.ge if t.ge is not None else t.gt
        high = t.le if t.le is not None else t.lt
        if low is not None and high is not None:
            return f" (from {low} to {high})"
        return f" (at most {high})" if high is not None else ""

    def when(self, t: mi.DateType | mi.DateTimeType, data: Any, loc: Loc) -> Any:
        kind = dt.datetime if isinstance(t, mi.DateTimeType) else dt.date
        if isinstance(data, kind) and (kind is dt.datetime or not isinstance(data, dt.datetime)):
            return data
        if isinstance(data, str):
            try:
                return kind.fromisoformat(data)
            except ValueError:
                pass
        return self.fail(loc, f"should be a {'date and time' if kind is dt.datetime else 'date'}")
