"""Plain data <-> model dataclasses, without pydantic.

Used for files oneup writes itself (profiles, the log, the validated-program cache), where a
strict type check is enough and start-up time matters. Files people write (programs, the
library) go through pydantic in `validation.py` first.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import functools
import types
import typing
from enum import Enum
from typing import Any, TypeVar, get_args, get_origin

from .model import Range, Weight, _fmt

T = TypeVar("T")


class ConversionError(ValueError):
    """Data that does not fit the model; the message names the field path."""


def to_plain(obj: Any, *, drop_defaults: bool = False) -> Any:
    """A JSON-ready form of a model object. Weights keep their exact value and unit."""
    if dc.is_dataclass(obj) and not isinstance(obj, type):
        if isinstance(obj, Weight):
            return weight_token(obj)
        if isinstance(obj, Range):
            return str(obj)
        out: dict[str, Any] = {}
        for f in dc.fields(obj):
            value = getattr(obj, f.name)
            if drop_defaults and _is_default(f, value):
                continue
            out[f.name] = to_plain(value, drop_defaults=drop_defaults)
        return out
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, list | tuple):
        return [to_plain(v, drop_defaults=drop_defaults) for v in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v, drop_defaults=drop_defaults) for k, v in obj.items()}
    if isinstance(obj, dt.date):  # datetime too
        return obj.isoformat()
    return obj


def weight_token(w: Weight) -> str:
    """'22.5kg': exact (repr of the float), unlike the display form '22.5 kg'."""
    value = _fmt(w.value) if float(w.value).is_integer() else repr(w.value)
    return f"{value}{w.unit.value}"


def _is_default(f: dc.Field[Any], value: Any) -> bool:
    if f.default is not dc.MISSING:
        return bool(value == f.default)
    if f.default_factory is not dc.MISSING:
        return bool(value == f.default_factory())
    return False


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_plain(cls: type[T], data: Any, path: str = "") -> T:
    """Build `cls` from plain data, checking every type; raises ConversionError naming the path."""
    return typing.cast(T, _convert(cls, data, path))


def _convert(tp: Any, data: Any, path: str) -> Any:
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = get_args(tp)
        if data is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            return _convert(inner[0], data, path)
        raise ConversionError(f"{path or 'value'}: unsupported union")
    if origin is typing.Literal:
        if data not in get_args(tp):
            raise ConversionError(f"{path or 'value'}: {data!r} is not one of {get_args(tp)}")
        return data
    if origin is list:
        if not isinstance(data, list):
            raise ConversionError(f"{path or 'value'}: expected a list")
        (item,) = get_args(tp)
        return [_convert(item, v, f"{path}[{i}]") for i, v in enumerate(data)]
    if origin is dict:
        if not isinstance(data, dict):
            raise ConversionError(f"{path or 'value'}: expected a mapping")
        _, val = get_args(tp)
        return {str(k): _convert(val, v, f"{path}.{k}") for k, v in data.items()}
    if isinstance(tp, type):
        if tp in (Range, Weight):
            try:
                return tp.parse(data)
            except ValueError as e:
                raise ConversionError(f"{path}: {e}") from None
        if dc.is_dataclass(tp):
            return _convert_dataclass(tp, data, path)
        if issubclass(tp, Enum):
            try:
                return tp(data)
            except ValueError:
                raise ConversionError(f"{path}: {data!r} is not a valid {tp.__name__}") from None
        if tp is dt.datetime or tp is dt.date:
            if isinstance(data, str):
                try:
                    return tp.fromisoformat(data)
                except ValueError:
                    pass
            raise ConversionError(f"{path}: {data!r} is not a {tp.__name__}")
        if tp is float and isinstance(data, int | float) and not isinstance(data, bool):
            return float(data)
        if tp is bool and isinstance(data, bool):
            return data
        if tp in (int, str) and isinstance(data, tp) and not isinstance(data, bool):
            return data
        raise ConversionError(f"{path or 'value'}: expected {tp.__name__}, got {data!r}")
    raise ConversionError(f"{path or 'value'}: unsupported type {tp!r}")


def _convert_dataclass(cls: type, data: Any, path: str) -> Any:
    if not isinstance(data, dict):
        raise ConversionError(f"{path or cls.__name__}: expected a mapping")
    hints = _hints(cls)
    names = {f.name for f in dc.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ConversionError(f"{path or cls.__name__}: unknown field {unknown[0]!r}")
    kwargs = {k: _convert(hints[k], v, f"{path}.{k}" if path else k) for k, v in data.items()}
    try:
        return cls(**kwargs)
    except TypeError as e:  # a required field is missing
        raise ConversionError(f"{path or cls.__name__}: {e}") from None
    except ValueError as e:  # __post_init__ checks
        raise ConversionError(f"{path or cls.__name__}: {e}") from None
