"""Small values written as one string in files: a dose range ("8-12"), a weight ("10kg").

They are plain immutable classes rather than Structs, because files write them as one string;
`codec.py` turns them into strings and back for every format, and describes them in the schema.
"""

import dataclasses as dc
import math
import re
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

import msgspec

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Slug = Annotated[str, msgspec.Meta(pattern=ID_PATTERN, max_length=64)]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


class _Value:
    """Immutability, equality and hashing by value for the small value classes."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    json_schema: ClassVar[dict[str, Any]] = {}

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise dc.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dc.FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _Value)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({inner})"

    def __reduce__(self) -> tuple[Any, ...]:  # copy.copy and copy.deepcopy
        return (type(self), self._values())


_NUM = r"\d+(?:\.\d+)?"
_RANGE_RE = re.compile(rf"^\s*({_NUM})\s*(?:-\s*({_NUM})\s*)?$")


class Range(_Value):
    """A dose that is fixed (10) or a range (8-12), low <= high."""

    __slots__ = ("high", "low")
    _fields = ("low", "high")
    low: float
    high: float

    json_schema: ClassVar[dict[str, Any]] = {
        "anyOf": [
            {"type": "number", "minimum": 0},
            {"type": "string", "pattern": r"^\d+(\.\d+)?(-\d+(\.\d+)?)?$"},
        ],
        "description": "A number (10) or a range low-high (8-12).",
    }

    def __init__(self, low: float, high: float) -> None:
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)

    def __str__(self) -> str:
        lo, hi = _fmt(self.low), _fmt(self.high)
        return lo if lo == hi else f"{lo}-{hi}"

    @property
    def fixed(self) -> bool:
        return self.low == self.high

    @classmethod
    def parse(cls, value: Any) -> "Range":
        if isinstance(value, Range):
            return value
        if isinstance(value, bool):
            raise ValueError("expected a number or a range such as 8-12")
        if isinstance(value, int | float):
            if value < 0:
                raise ValueError(f"{_fmt(value)} is negative")
            if not math.isfinite(value):
                raise ValueError("expected a number or a range such as 8-12")
            return cls(float(value), float(value))
        if isinstance(value, str):
            m = _RANGE_RE.match(value)
            if not m:
                raise ValueError(f"{value!r} is not a number or a range such as 8-12")
            low = float(m.group(1))
            high = float(m.group(2)) if m.group(2) is not None else low
            if low > high:
                raise ValueError(f"range {value} runs backwards (write {_fmt(high)}-{_fmt(low)})")
            return cls(low, high)
        raise ValueError("expected a number or a range such as 8-12")


class Unit(StrEnum):
    kg = "kg"
    lb = "lb"


LB_PER_KG = 2.2046226218
_WEIGHT_RE = re.compile(rf"^\s*({_NUM})\s*(kg|kgs|lb|lbs)\s*$", re.IGNORECASE)


class Weight(_Value):
    """A load as entered: a value and its unit. Stored as entered, never silently converted."""

    __slots__ = ("unit", "value")
    _fields = ("value", "unit")
    value: float
    unit: Unit

    json_schema: ClassVar[dict[str, Any]] = {
        "type": "string",
        "pattern": r"^\d+(\.\d+)?\s*(kg|lb|lbs)$",
        "description": "A weight with its unit, such as 10kg or 22lb.",
    }

    def __init__(self, value: float, unit: Unit) -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "unit", unit)

    def __str__(self) -> str:
        return f"{_fmt(round(self.value, 2))} {self.unit.value}"

    def to(self, unit: Unit) -> float:
        if unit == self.unit:
            return self.value
        return self.value * LB_PER_KG if unit == Unit.lb else self.value / LB_PER_KG

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "unit": self.unit.value}

    def token(self) -> str:
        """'22.5kg': exact (repr of the float), unlike the display form '22.5 kg'."""
        value = _fmt(self.value) if float(self.value).is_integer() else repr(self.value)
        return f"{value}{self.unit.value}"

    @classmethod
    def parse(cls, value: Any) -> "Weight":
        if isinstance(value, Weight):
            return value
        if isinstance(value, dict) and set(value) == {"value", "unit"}:
            return cls(float(value["value"]), Unit(value["unit"]))
        if isinstance(value, str):
            m = _WEIGHT_RE.match(value)
            if m and math.isfinite(number := float(m.group(1))):
                return cls(number, Unit(m.group(2).lower().rstrip("s")))
        raise ValueError(f"{value!r} is not a weight such as 10kg or 22lb")
