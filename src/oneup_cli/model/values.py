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


def shown(text: str, most: int = 40) -> str:
    """Text from a file, quoted as a message shows it: control and invisible characters
    written as escapes (never sent raw to a terminal), and cut short when long."""
    cut = text if len(text) <= most else text[:most] + "..."
    return "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in cut) + "'"


class FieldValueError(ValueError):
    """A check of one field in a `__post_init__`: the checker points at that field's line."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _finite(value: int | float, most: float, what: str) -> float:
    """value as a float, if it is a number from 0 to `most`; else a ValueError saying why."""
    if isinstance(value, float) and math.isnan(value):
        raise ValueError(f"{what} cannot be .nan (not a number)")
    if value < 0:
        raise ValueError(f"{_fmt(value)} is negative" if value >= -most else f"{what} is negative")
    if value > most:  # also infinity, and integers too large for a float
        raise ValueError(f"{what} is far too large (at most {_fmt(most)})")
    return float(value)


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


_NUM = r"[0-9]+(?:\.[0-9]+)?"  # ASCII digits only: other scripts' digits are not numbers here
_RANGE_RE = re.compile(rf"^\s*({_NUM})\s*(?:-\s*({_NUM})\s*)?$")


class Range(_Value):
    """A dose that is fixed (10) or a range (8-12), low <= high."""

    # Default, not from a source: no dose, rest or percent comes near it (an hour is 3,600
    # seconds); each field of a program has its own, lower bound (model/program.py).
    MOST: ClassVar[float] = 100_000

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
            number = _finite(value, cls.MOST, "a dose")
            return cls(number, number)
        if isinstance(value, str):
            m = _RANGE_RE.match(value)
            if not m:
                raise ValueError(f"{shown(value)} is not a number or a range such as 8-12")
            low = _finite(float(m.group(1)), cls.MOST, "a dose")
            high = _finite(float(m.group(2)), cls.MOST, "a dose") if m.group(2) else low
            if low > high:
                raise ValueError(f"range {value} runs backwards (write {_fmt(high)}-{_fmt(low)})")
            return cls(low, high)
        raise ValueError("expected a number or a range such as 8-12")


class Unit(StrEnum):
    kg = "kg"
    lb = "lb"


LB_PER_KG = 2.2046226218
# Default, not from a source: twenty times the heaviest deadlift ever lifted (about 500 kg),
# so no real load is refused (what is sensible is for the caller to say, as parse.py does)
# and no absurd one (1e999kg, a 400-digit number) reaches the engine.
MOST_KG = 10_000.0
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
            number, unit = value["value"], value["unit"]
            if isinstance(number, str) and re.fullmatch(_NUM, number.strip()):
                number = float(number)
            is_number = isinstance(number, int | float) and not isinstance(number, bool)
            if is_number and isinstance(unit, str) and unit in Unit.__members__:
                return cls._checked(number, Unit(unit))
        elif isinstance(value, str):
            m = _WEIGHT_RE.match(value)
            if m:
                return cls._checked(float(m.group(1)), Unit(m.group(2).lower().rstrip("s")))
        raise ValueError(f"{shown(str(value))} is not a weight such as 10kg or 22lb")

    @classmethod
    def _checked(cls, number: int | float, unit: Unit) -> "Weight":
        most = MOST_KG if unit == Unit.kg else round(MOST_KG * LB_PER_KG)
        return cls(_finite(number, most, "a weight"), unit)
