"""The data model: exercises, programs, prescriptions, profiles and log records.

This module is the single source of truth for every file format. The classes are plain frozen
dataclasses so that `oneup today` can use them without importing pydantic (which costs more
start-up time than the whole command may take). Pydantic validates files against these same
classes, lazily, in `validation.py`; `oneup programs schema` prints the JSON Schema it derives.

Constraints are written once, as `Rule(...)` annotations that pydantic applies, and the
cross-field checks live in `__post_init__`, which pydantic reports with the field's location.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

LOG_SCHEMA_VERSION: Literal[1] = 1
PROFILE_SCHEMA_VERSION: Literal[1] = 1

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
_ID_RE = re.compile(ID_PATTERN)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

# Every file format rejects unknown keys: a typo is a mistake to point at, not to ignore.
FORBID_EXTRA: Any = {"extra": "forbid"}


class Rule:
    """Constraints and a description for one field, applied by pydantic when it validates a file.

    The keyword names are pydantic-core schema keys: ge, le, gt, min_length, max_length, pattern.
    """

    def __init__(self, description: str | None = None, **constraints: Any) -> None:
        self.description = description
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        target = schema
        while target.get("type") in ("nullable", "default"):
            target = target["schema"]
        target.update(self.constraints)
        return schema

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        json_schema = handler(core_schema)
        if self.description:
            json_schema["description"] = self.description
        return json_schema


Slug = Annotated[str, Rule(pattern=ID_PATTERN, max_length=64)]


class _Fields:
    """Immutability, repr, equality and hashing by field values, written once for every model
    class.

    dataclasses would generate these per class, compiling source for each at import time;
    with some twenty classes that is a noticeable part of `oneup today`'s start-up."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self.__dict__:  # each field is set once, by __init__
            raise dc.FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise dc.FrozenInstanceError(f"cannot delete field {name!r}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f.name) for f in dc.fields(self))  # type: ignore[arg-type]

    def __repr__(self) -> str:
        fields = dc.fields(self)  # type: ignore[arg-type]
        inner = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields)
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Fields) or type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


class _Parsed:
    """Mixin for small value types written as one string in files ("8-12", "10kg")."""

    json_schema: ClassVar[dict[str, Any]] = {}

    @classmethod
    def parse(cls, value: Any) -> Any:
        raise NotImplementedError

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        return dict(cls.json_schema)


_NUM = r"\d+(?:\.\d+)?"
_RANGE_RE = re.compile(rf"^\s*({_NUM})\s*(?:-\s*({_NUM})\s*)?$")


@dc.dataclass(repr=False, eq=False)  # frozen, repr, ==, hash: _Fields
class Range(_Fields, _Parsed):
    """A dose that is fixed (10) or a range (8-12), low <= high."""

    low: float
    high: float

    json_schema: ClassVar[dict[str, Any]] = {
        "anyOf": [
            {"type": "number", "minimum": 0},
            {"type": "string", "pattern": r"^\d+(\.\d+)?(-\d+(\.\d+)?)?$"},
        ],
        "description": "A number (10) or a range low-high (8-12).",
    }

    def __str__(self) -> str:
        lo, hi = _fmt(self.low), _fmt(self.high)
        return lo if lo == hi else f"{lo}-{hi}"

    @property
    def fixed(self) -> bool:
        return self.low == self.high

    @classmethod
    def parse(cls, value: Any) -> Range:
        if isinstance(value, Range):
            return value
        if isinstance(value, bool):
            raise ValueError("expected a number or a range such as 8-12")
        if isinstance(value, int | float):
            if value < 0:
                raise ValueError(f"{_fmt(value)} is negative")
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


@dc.dataclass(repr=False, eq=False)  # frozen, repr, ==, hash: _Fields
class Weight(_Fields, _Parsed):
    """A load as entered: a value and its unit. Stored as entered, never silently converted."""

    value: float
    unit: Unit

    json_schema: ClassVar[dict[str, Any]] = {
        "type": "string",
        "pattern": r"^\d+(\.\d+)?\s*(kg|lb|lbs)$",
        "description": "A weight with its unit, such as 10kg or 22lb.",
    }

    def __str__(self) -> str:
        return f"{_fmt(round(self.value, 2))} {self.unit.value}"

    def to(self, unit: Unit) -> float:
        if unit == self.unit:
            return self.value
        return self.value * LB_PER_KG if unit == Unit.lb else self.value / LB_PER_KG

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "unit": self.unit.value}

    @classmethod
    def parse(cls, value: Any) -> Weight:
        if isinstance(value, Weight):
            return value
        if isinstance(value, dict) and set(value) == {"value", "unit"}:
            return cls(float(value["value"]), Unit(value["unit"]))
        if isinstance(value, str):
            m = _WEIGHT_RE.match(value)
            if m:
                return cls(float(m.group(1)), Unit(m.group(2).lower().rstrip("s")))
        raise ValueError(f"{value!r} is not a weight such as 10kg or 22lb")


# ---------------------------------------------------------------------------
# The exercise library
# ---------------------------------------------------------------------------


class Measure(StrEnum):
    reps = "reps"
    seconds = "seconds"
    impacts = "impacts"
    minutes = "minutes"


class Category(StrEnum):
    legs = "legs"
    hips = "hips"
    back = "back"
    chest = "chest"
    shoulders = "shoulders"
    arms = "arms"
    calves = "calves"
    posture = "posture"
    balance = "balance"
    impact = "impact"
    aerobic = "aerobic"
    mobility = "mobility"


class ImpactLevel(StrEnum):
    """SSS impact levels."""

    none = "none"
    lower = "lower"  # type: ignore[assignment]  # SSS's word; shadows str.lower on purpose
    moderate = "moderate"
    high = "high"

    @property
    def rank(self) -> int:
        return list(ImpactLevel).index(self)


class SafetyTag(StrEnum):
    """What an exercise asks of the body; the audience rules are written against these."""

    spinal_flexion = "spinal-flexion"  # loaded or end-range bending forward
    rotation = "rotation"  # weighted or end-range twisting
    floor_lift = "floor-lift"  # lifting a load to or from the floor
    fall_risk = "fall-risk"  # balance is challenged; needs a stable support nearby
    overhead_load = "overhead-load"  # a load held or pressed overhead
    maximal = "maximal"  # designed for near-maximal loads (above 80% of 1RM)


class Equipment(StrEnum):
    none = "none"
    chair = "chair"
    wall = "wall"
    step = "step"
    dumbbells = "dumbbells"
    kettlebell = "kettlebell"
    barbell = "barbell"
    bands = "bands"
    ankle_weights = "ankle-weights"
    machine = "machine"
    cable = "cable"
    bench = "bench"
    pull_up_bar = "pull-up-bar"
    backpack = "backpack"


_BASIC = (Equipment.none, Equipment.chair, Equipment.wall, Equipment.step)

# Named equipment sets a profile can ask for with --equipment none|home|gym.
EQUIPMENT_SETS: dict[str, frozenset[Equipment]] = {
    "none": frozenset(_BASIC),
    "home": frozenset(
        (
            *_BASIC,
            Equipment.dumbbells,
            Equipment.bands,
            Equipment.ankle_weights,
            Equipment.backpack,
        )
    ),
    "gym": frozenset(Equipment),
}


class LoadKind(StrEnum):
    """How load is added; decides the increment a load moves by."""

    bodyweight = "bodyweight"
    dumbbell = "dumbbell"
    kettlebell = "kettlebell"
    barbell = "barbell"
    machine = "machine"
    band = "band"
    ankle_weight = "ankle-weight"


Cue = Annotated[str, Rule(min_length=3, max_length=120)]


@dc.dataclass(repr=False, eq=False)  # frozen, repr, ==, hash: _Fields
class Exercise(_Fields):
    """One exercise of the library."""

    __pydantic_config__ = FORBID_EXTRA

    id: Slug
    name: Annotated[str, Rule(min_length=2, max_length=60)]
    category: Category
    measure: Measure
    equipment: Annotated[
        list[Equipment], Rule("Equipment options; any one of them is enough.", min_length=1)
    ]
    cues: Annotated[
        list[Cue], Rule("3 to 6 short cues in plain words.", min_length=3, max_length=6)
    ]
    load_kind: LoadKind = LoadKind.bodyweight
    safety: list[SafetyTag] = dc.field(default_factory=list)
    impact: ImpactLevel = ImpactLevel.none
    support: Annotated[
        str | None,
        Rule("For balance work: the stable support to hold, never something that can move."),
    ] = None
    each_side: bool = False
    easier: Slug | None = None
    harder: Slug | None = None
    home_substitute: Annotated[
        Slug | None, Rule("The exercise to do instead without this equipment.")
    ] = None

    def __post_init__(self) -> None:
        if SafetyTag.fall_risk in self.safety and not self.support:
            raise ValueError("a fall-risk exercise must name its stable support in 'support'")


@dc.dataclass(repr=False, eq=False)  # frozen, repr, ==, hash: _Fields
class Library(_Fields):
    """The exercise library file."""

    __pydantic_config__ = FORBID_EXTRA

    exercises: list[Exercise]
    format: Literal[1] = 1

    def by_id(self) -> dict[str, Exercise]:
        return {e.id: e for e in self.exercises}


# ---------------------------------------------------------------------------
# Programs
# ---------------------------------------------------------------------------


class Audience(StrEnum):
    prevention = "prevention"  # bone health, osteopenia, no diagnosis
    osteoporosis = "osteoporosis"  # diagnosed osteoporosis, with or without vertebral fracture
    falls = "falls"  # older adults at risk of falls


class BlockKind(StrEnum):
    warm_up = "warm-up"
    strength = "strength"
    impact = "impact"
    balance = "balance"
    posture = "posture"
    walk = "walk"
    cool_down = "cool-down"


class Support(StrEnum):
    """Balance support levels, easiest first (OTAGO)."""

    two_hands = "two-hands"
    one_hand = "one-hand"
    no_support = "no-support"
    eyes_closed = "eyes-closed"

    def next(self) -> Support | None:
        order = list(Support)
        i = order.index(self)
        return order[i + 1] if i + 1 < len(order) else None


class LoadType(StrEnum):
    effort = "effort"  # choose a weight that gives the effort and rep range
    percent_1rm = "percent-1rm"
    bodyweight = "bodyweight"
    band = "band"
    fixed = "fixed"  # a fixed starting load, e.g. 1kg ankle weights


@dc.dataclass(repr=False, eq=False)  # frozen, repr, ==, hash: _Fields
class Load(_Fields):
    """How the load of an item is set."""

    __pydantic_config__ = FORBID_EXTRA

    type: LoadType
    percent: Annotated[
        Range | None, Rule("Percent of one-repetition maximum, with type percent-1rm.")
    ] = None
    start: Annotated[
        Weight | None, Rule("A fixed starting load (type fixed), or a suggested first load.")
    ] = None
    band: Literal["light", "medium", "heavy"] | None = None

    def __post_init__(self) -> None:
        if self.type == LoadType.percent_1rm:
            if self.percent is None:
                raise ValueError("a percent-1rm load needs 'percent', e.g. 80-85")
            if self.percent.high > 100:
                raise ValueError("percent of 1RM cannot be above 100")
        elif self.percent is not None:
            raise ValueError("'percent' belongs to a percent-1rm load")
        if self.type == LoadType.fixed and self.start is None:
            raise ValueError("a fixed load needs 'start', e.g. 1kg")


class ProgressionRule(StrEnum):
    double = "double"  # rep range: top of the range on every set -> heavier (ACSM-PROG)
    percent = "percent"  # percent of a tested or estimated 1RM
    ladder = "ladder"  # hold/reps climb to the top, then less support, then the harder version
    build = "build"  # impact count or minutes build week by week towards the target
    none = "none"


@dc.dataclass(repr=False, eq=False)  # frozen, repr, ==, hash: _Fields
class Requires(_Fields):
    """Conditions on the profile: an item or phase applies only when every given field matches."""

    __pydantic_config__ = FORBID_EXTRA

    supervised: bool | None = None
    vertebral_fracture: bool | None = None
    cleared: bool | None = None

    def met_by(self, supervised: bool, vertebral_fracture: bool, cleared: bool) -> bool:
        checks = (
            (self.supervised, supervised),
            (self.vertebral_fracture, vertebral_fracture),
            (self.cleared, cleared),
        )
        return all(want is None or want == have for want, have in checks)


Dose = Annotated[Range | None, Rule(gt=0)]


@dc.dataclass(repr=False, eq=False)  # frozen, repr, ==, hash: _Fields
class Item(_Fields):
    """One exercise prescription inside a block: exactly one of reps, seconds, impacts, minutes."""

    __pydantic_config__ = FORBID_EXTRA

    exercise: Slug
    sets: Annotated[int, Rule(ge=1, le=10)] = 1
    reps: Range | None = None
    seconds: Range | None = None
    impacts: Range | None = None
    minutes: Range | None = None
    support: Annotated[Support | None, Rule("Balance: the starting support level.")] = None
    effort: Annotated[Range | None, Rule("Target effort on the OMNI/RPE scale, 0-10.")] = None
    load: Load | None = None
    ankle_weight: bool = False
    progression: ProgressionRule = ProgressionRule.none
    step: Annotated[
        float | None,
        Rule("Ladder/build step: seconds, reps or impacts added per step.", gt=0),
    ] = None
    rest: Annotated[Range | None, Rule("Rest between sets, in seconds.")] = None
    requires: Requires | None = None
    note: Annotated[str | None, Rule(max_length=200)] = None

    def __post_init__(self) -> None:
        doses = [d for d in (self.reps, self.seconds, self.impacts, self.minutes) if d]
        if len(doses) != 1:
            raise ValueError("give exactly one of reps, seconds, impacts or minutes")
        if doses[0].low <= 0:
            raise ValueError("a dose must be above 0")
        if self.effort is not None and self.effort.high > 10:
            raise ValueError("effort is on a 0-10 scale")
        if self.progression == ProgressionRule.double and (self.reps is None or self.reps.fixed):
            raise ValueError("double progression needs a rep range such as 8-12")
        if self.progression == ProgressionRule.percent and (
            self.load is None or self.load.type != LoadType.percent_1rm
        ):
            raise ValueError("percent progression needs a percent-1rm load")

    @property
    def measure(self) -> Measure:
        for m in Measure:
            if getattr(self, m.value) is not None:
                return m
        raise AssertionError("validated item without a dose")

    @property
    def dose(self) -> Range:
        value = getattr(self, self.measure.value)
        assert isinstance(value, Range)
        return value


@dc.dataclass(repr=False, eq=False)  # frozen, repr, ==, hash: _Fields
class Block(_Fields):
    __pydantic_config__ = FORBID_EXTRA

    kind: BlockKind
    items: Annotated[list[Item], Rule(min_length=1)]
    title: str | None = None
    note: Annotated[str | None, Rule(max_length=200)] = None


@dc.dataclass(repr=False, eq=False)  # frozen, repr, ==, hash: _Fields
class Session(_Fields):
    __pydantic_config__ = FORBID_EXTRA

    label: Annotated[
        str, Rule("Sessions rotate A, B, ... across training days.", pattern=r"^[A-Z]$")
    ]
    blocks: Annotated[list[Block], Rule(min_length=1)]


@dc.dataclass(repr=False, eq=False)  # frozen, repr, ==, hash: _Fields
class Phase(_Fields):
    __pydantic_config__ = FORBID_EXTRA

    id: Slug
    name: str
    weeks: Annotated[int, Rule(ge=1, le=104)]
    purpose: str
    sessions: Annotated[list[Session], Rule(min_length=1)]
    requires: Requires | None = None
    daily: Annotated[
        list[Block], Rule("Blocks for every day: balance, back extensors, impacts.")
    ] = dc.field(default_factory=list)
    other_days: Annotated[list[Block], Rule("Blocks for days without a session: walks.")] = (
        dc.field(default_factory=list)
    )
    deload_weeks: Annotated[
        list[int], Rule("Weeks of this phase (1-based) that are deload weeks.")
    ] = dc.field(default_factory=list)

    def __post_init__(self) -> None:
        labels = [s.label for s in self.sessions]
        expected = [chr(ord("A") + i) for i in range(len(labels))]
        if labels != expected:
            raise ValueError(f"session labels must run {', '.join(expected)}")
        bad = [w for w in self.deload_weeks if not 1 <= w <= self.weeks]
        if bad:
            raise ValueError(f"deload week {bad[0]} is outside this {self.weeks}-week phase")


@dc.dataclass(repr=False, eq=False)  # frozen, repr, ==, hash: _Fields
class Schedule(_Fields):
    __pydantic_config__ = FORBID_EXTRA

    days_per_week: Annotated[int, Rule("Strength (session) days per week.", ge=1, le=7)]
    default_days: list[Weekday]
    walk_days_per_week: Annotated[int, Rule(ge=0, le=7)] = 0

    def __post_init__(self) -> None:
        if len(self.default_days) != self.days_per_week:
            raise ValueError(
                f"default_days lists {len(self.default_days)} days, "
                f"days_per_week says {self.days_per_week}"
            )
        if len(set(self.default_days)) != len(self.default_days):
            raise ValueError("default_days repeats a day")


@dc.dataclass(repr=False, eq=False)  # frozen, repr, ==, hash: _Fields
class Deload(_Fields):
    __pydantic_config__ = FORBID_EXTRA

    load_percent: Annotated[int, Rule(ge=50, le=100)] = 90
    sets_less: Annotated[int, Rule(ge=0, le=5)] = 1


class SourceKey(StrEnum):
    """The source keys of shared/SCIENCE.md."""

    LIFTMOR = "LIFTMOR"
    LIFTMOR_M = "LIFTMOR-M"
    TFTF = "TFTF"
    SSS = "SSS"
    OTAGO = "OTAGO"
    ACSM_BONE = "ACSM-BONE"
    ACSM_PROG = "ACSM-PROG"
    BHOF = "BHOF"
    OMNI = "OMNI"


@dc.dataclass(repr=False, eq=False)  # frozen, repr, ==, hash: _Fields
class Program(_Fields):
    """A oneup program file."""

    __pydantic_config__ = FORBID_EXTRA

    id: Slug
    name: Annotated[str, Rule(min_length=3, max_length=80)]
    version: Annotated[int, Rule(ge=1)]
    audience: Audience
    summary: str
    sources: Annotated[list[SourceKey], Rule(min_length=1)]
    schedule: Schedule
    phases: Annotated[list[Phase], Rule(min_length=1)]
    deload: Deload = dc.field(default_factory=Deload)
    notes: list[str] = dc.field(default_factory=list)

    def __post_init__(self) -> None:
        ids = [p.id for p in self.phases]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"phase id {dup[0]} is used twice")

    @property
    def total_weeks(self) -> int:
        return sum(p.weeks for p in self.phases)


# ---------------------------------------------------------------------------
# Profiles and log records
# ---------------------------------------------------------------------------


def home_equipment() -> list[Equipment]:
    return sorted(EQUIPMENT_SETS["home"], key=lambda e: e.value)


@dc.dataclass
class Profile:
    """One person: the program they follow and what they have."""

    __pydantic_config__ = FORBID_EXTRA

    name: str
    program: str
    start: dt.date
    days: list[Weekday]
    units: Unit = Unit.kg
    equipment: list[Equipment] = dc.field(default_factory=home_equipment)
    supervised: bool = False
    vertebral_fracture: bool = False
    cleared: bool = False
    loads: Annotated[dict[str, Weight], Rule("Starting loads by exercise id.")] = dc.field(
        default_factory=dict
    )
    one_rm: Annotated[dict[str, Weight], Rule("Tested one-repetition maximums by exercise id.")] = (
        dc.field(default_factory=dict)
    )
    schema_version: Literal[1] = PROFILE_SCHEMA_VERSION

    def __post_init__(self) -> None:
        if not self.days or len(set(self.days)) != len(self.days):
            raise ValueError("days must list one or more different weekdays")


@dc.dataclass(repr=False, eq=False)  # frozen, repr, ==, hash: _Fields
class SetRecord(_Fields):
    """One set as done: one of reps/seconds/impacts/minutes, and a load if any."""

    __pydantic_config__ = FORBID_EXTRA

    reps: int | None = None
    seconds: float | None = None
    impacts: int | None = None
    minutes: float | None = None
    load: Weight | None = None
    support: Support | None = None

    @property
    def amount(self) -> float:
        for v in (self.reps, self.seconds, self.impacts, self.minutes):
            if v is not None:
                return float(v)
        return 0.0


@dc.dataclass(repr=False, eq=False)  # frozen, repr, ==, hash: _Fields
class LogRecord(_Fields):
    """A line of the log. kind 'sets' records sets; kind 'void' takes back record `voids`."""

    __pydantic_config__ = FORBID_EXTRA

    id: str
    at: dt.datetime
    kind: Literal["sets", "void"] = "sets"
    date: dt.date | None = None
    exercise: str | None = None
    sets: list[SetRecord] = dc.field(default_factory=list)
    rpe: Annotated[float | None, Rule(ge=0, le=10)] = None
    pain: bool = False
    note: str | None = None
    source: Literal["log", "done"] = "log"
    voids: str | None = None
    batch: Annotated[
        str | None, Rule("Records written together (one `oneup done`) share a batch id.")
    ] = None
    v: Literal[1] = LOG_SCHEMA_VERSION
