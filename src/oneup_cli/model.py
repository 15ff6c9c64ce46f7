"""The pydantic models: exercises, programs, prescriptions, profiles and log records.

This module is the single source of truth for the program format; `oneup programs schema`
prints the JSON Schema generated from `Program`.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
    model_validator,
)

PROGRAM_FORMAT_VERSION = 1
LOG_SCHEMA_VERSION = 1
PROFILE_SCHEMA_VERSION = 1

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Slug = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class Strict(BaseModel):
    """Base for file formats: unknown keys are mistakes, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------------------
# Small value types: ranges ("8-12") and weights ("10kg")
# ---------------------------------------------------------------------------

_NUM = r"\d+(?:\.\d+)?"
_RANGE_RE = re.compile(rf"^\s*({_NUM})\s*(?:-\s*({_NUM})\s*)?$")


class Range(BaseModel):
    """A dose that may be fixed (10) or a range (8-12); low <= high."""

    model_config = ConfigDict(frozen=True)

    low: float
    high: float

    def __str__(self) -> str:
        lo, hi = _fmt(self.low), _fmt(self.high)
        return lo if lo == hi else f"{lo}-{hi}"

    @property
    def fixed(self) -> bool:
        return self.low == self.high


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def parse_range(value: Any) -> Any:
    if isinstance(value, Range) or isinstance(value, dict):
        return value
    if isinstance(value, bool):
        raise ValueError("expected a number or a range such as 8-12")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError(f"{_fmt(value)} is negative")
        return {"low": value, "high": value}
    if isinstance(value, str):
        m = _RANGE_RE.match(value)
        if not m:
            raise ValueError(f"{value!r} is not a number or a range such as 8-12")
        low = float(m.group(1))
        high = float(m.group(2)) if m.group(2) is not None else low
        if low > high:
            raise ValueError(f"range {value} runs backwards (write {_fmt(high)}-{_fmt(low)})")
        return {"low": low, "high": high}
    raise ValueError("expected a number or a range such as 8-12")


RangeField = Annotated[
    Range,
    BeforeValidator(parse_range),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": r"^\d+(\.\d+)?(-\d+(\.\d+)?)?$"},
            ],
            "description": "A number (10) or a range low-high (8-12).",
        }
    ),
]


class Unit(str, Enum):
    kg = "kg"
    lb = "lb"


LB_PER_KG = 2.2046226218


class Weight(BaseModel):
    """A load as entered: a value and its unit. Never silently converted when stored."""

    model_config = ConfigDict(frozen=True)

    value: float = Field(ge=0)
    unit: Unit

    def __str__(self) -> str:
        return f"{_fmt(round(self.value, 2))} {self.unit.value}"

    def to(self, unit: Unit) -> float:
        if unit == self.unit:
            return self.value
        return self.value * LB_PER_KG if unit == Unit.lb else self.value / LB_PER_KG


_WEIGHT_RE = re.compile(rf"^\s*({_NUM})\s*(kg|lb|lbs)\s*$", re.IGNORECASE)


def parse_weight(value: Any) -> Any:
    if isinstance(value, Weight | dict):
        return value
    if isinstance(value, str):
        m = _WEIGHT_RE.match(value)
        if not m:
            raise ValueError(f"{value!r} is not a weight such as 10kg or 22lb")
        unit = m.group(2).lower().rstrip("s")
        return {"value": float(m.group(1)), "unit": unit}
    raise ValueError("expected a weight such as 10kg or 22lb")


WeightField = Annotated[
    Weight,
    BeforeValidator(parse_weight),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d+(\.\d+)?\s*(kg|lb|lbs)$",
            "description": "A weight with its unit, such as 10kg or 22lb.",
        }
    ),
]


# ---------------------------------------------------------------------------
# The exercise library
# ---------------------------------------------------------------------------


class Measure(str, Enum):
    reps = "reps"
    seconds = "seconds"
    impacts = "impacts"
    minutes = "minutes"


class Category(str, Enum):
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


class ImpactLevel(str, Enum):
    none = "none"
    lower = "lower"
    moderate = "moderate"
    high = "high"

    @property
    def rank(self) -> int:
        return ["none", "lower", "moderate", "high"].index(self.value)


class SafetyTag(str, Enum):
    """What an exercise asks of the body; audience rules are written against these."""

    spinal_flexion = "spinal-flexion"  # loaded or end-range bending forward
    rotation = "rotation"  # weighted or end-range twisting
    floor_lift = "floor-lift"  # lifting a load to or from the floor
    fall_risk = "fall-risk"  # balance is challenged; needs a stable support nearby
    overhead_load = "overhead-load"  # a load held or pressed overhead
    maximal = "maximal"  # designed for near-maximal loads (above 80% of 1RM)


class Equipment(str, Enum):
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


# Named equipment sets a profile can ask for with --equipment home|gym.
EQUIPMENT_SETS: dict[str, frozenset[Equipment]] = {
    "none": frozenset({Equipment.none, Equipment.chair, Equipment.wall, Equipment.step}),
    "home": frozenset(
        {
            Equipment.none,
            Equipment.chair,
            Equipment.wall,
            Equipment.step,
            Equipment.dumbbells,
            Equipment.bands,
            Equipment.ankle_weights,
            Equipment.backpack,
        }
    ),
    "gym": frozenset(Equipment),
}


class LoadKind(str, Enum):
    """How load is added; decides the increment a load moves by."""

    bodyweight = "bodyweight"
    dumbbell = "dumbbell"
    kettlebell = "kettlebell"
    barbell = "barbell"
    machine = "machine"
    band = "band"
    ankle_weight = "ankle-weight"


class Exercise(Strict):
    id: Slug
    name: str = Field(min_length=2, max_length=60)
    category: Category
    measure: Measure
    equipment: list[Equipment] = Field(
        min_length=1, description="Equipment options; any one of them is enough."
    )
    load_kind: LoadKind = LoadKind.bodyweight
    cues: list[Annotated[str, Field(min_length=3, max_length=120)]] = Field(
        min_length=3, max_length=6
    )
    safety: list[SafetyTag] = Field(default_factory=list)
    impact: ImpactLevel = ImpactLevel.none
    support: str | None = Field(
        default=None,
        description="For balance work: the stable support to hold (never something that moves).",
    )
    each_side: bool = False
    easier: Slug | None = None
    harder: Slug | None = None
    home_substitute: Slug | None = Field(
        default=None, description="The exercise to do instead without this equipment."
    )

    @model_validator(mode="after")
    def _balance_names_support(self) -> Exercise:
        if SafetyTag.fall_risk in self.safety and not self.support:
            raise ValueError("a fall-risk exercise must name its stable support in 'support'")
        return self


class Library(Strict):
    format: Literal[1] = 1
    exercises: list[Exercise]

    def by_id(self) -> dict[str, Exercise]:
        return {e.id: e for e in self.exercises}


# ---------------------------------------------------------------------------
# Programs
# ---------------------------------------------------------------------------


class Audience(str, Enum):
    prevention = "prevention"  # bone health, osteopenia, no diagnosis
    osteoporosis = "osteoporosis"  # diagnosed osteoporosis, with or without vertebral fracture
    falls = "falls"  # older adults at risk of falls


class BlockKind(str, Enum):
    warm_up = "warm-up"
    strength = "strength"
    impact = "impact"
    balance = "balance"
    posture = "posture"
    walk = "walk"
    cool_down = "cool-down"


class Support(str, Enum):
    """Balance support levels, easiest first (OTAGO)."""

    two_hands = "two-hands"
    one_hand = "one-hand"
    no_support = "no-support"
    eyes_closed = "eyes-closed"

    def next(self) -> Support | None:
        order = list(Support)
        i = order.index(self)
        return order[i + 1] if i + 1 < len(order) else None


class LoadType(str, Enum):
    effort = "effort"  # choose a weight that gives the effort / rep range
    percent_1rm = "percent-1rm"
    bodyweight = "bodyweight"
    band = "band"
    fixed = "fixed"  # a fixed starting load, e.g. 1kg ankle weights


class Load(Strict):
    type: LoadType
    percent: RangeField | None = Field(
        default=None, description="Percent of one-repetition maximum, with type percent-1rm."
    )
    start: WeightField | None = Field(
        default=None, description="A starting load (fixed) or a suggested first load."
    )
    band: Literal["light", "medium", "heavy"] | None = None

    @model_validator(mode="after")
    def _fields_fit_type(self) -> Load:
        if self.type == LoadType.percent_1rm:
            if self.percent is None:
                raise ValueError("a percent-1rm load needs 'percent', e.g. 80-85")
            if self.percent.high > 100:
                raise ValueError("percent of 1RM cannot be above 100")
        elif self.percent is not None:
            raise ValueError("'percent' belongs to a percent-1rm load")
        if self.type == LoadType.fixed and self.start is None:
            raise ValueError("a fixed load needs 'start', e.g. 1kg")
        return self


class ProgressionRule(str, Enum):
    double = "double"  # rep range: top of range on every set -> heavier (ACSM-PROG)
    percent = "percent"  # percent of a tested or estimated 1RM
    ladder = "ladder"  # hold/reps climb to the top, then less support, then the harder version
    build = "build"  # impact count or minutes build week by week towards the target
    none = "none"


class Requires(Strict):
    """Conditions on the profile; an item or phase applies only when every set field matches."""

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


class Item(Strict):
    """One exercise prescription inside a block."""

    exercise: Slug
    sets: int = Field(default=1, ge=1, le=10)
    reps: RangeField | None = None
    seconds: RangeField | None = None
    impacts: RangeField | None = None
    minutes: RangeField | None = None
    support: Support | None = Field(default=None, description="Balance: the starting support level.")
    effort: RangeField | None = Field(default=None, description="Target effort, OMNI/RPE 0-10.")
    load: Load | None = None
    ankle_weight: bool = False
    progression: ProgressionRule = ProgressionRule.none
    step: float | None = Field(
        default=None,
        gt=0,
        description="Ladder/build step: seconds, reps or impacts added per step (default 5/1/5).",
    )
    rest: RangeField | None = Field(default=None, description="Rest between sets, seconds.")
    requires: Requires | None = None
    note: str | None = Field(default=None, max_length=200)

    @field_validator("effort")
    @classmethod
    def _effort_scale(cls, v: Range | None) -> Range | None:
        if v is not None and v.high > 10:
            raise ValueError("effort is on a 0-10 scale")
        return v

    @field_validator("reps", "seconds", "impacts", "minutes")
    @classmethod
    def _positive_dose(cls, v: Range | None) -> Range | None:
        if v is not None and v.low <= 0:
            raise ValueError("a dose must be above 0")
        return v

    @model_validator(mode="after")
    def _one_dose(self) -> Item:
        doses = [d for d in (self.reps, self.seconds, self.impacts, self.minutes) if d is not None]
        if len(doses) != 1:
            raise ValueError("give exactly one of reps, seconds, impacts or minutes")
        if self.progression == ProgressionRule.double and (
            self.reps is None or self.reps.fixed
        ):
            raise ValueError("double progression needs a rep range such as 8-12")
        if self.progression == ProgressionRule.percent and (
            self.load is None or self.load.type != LoadType.percent_1rm
        ):
            raise ValueError("percent progression needs a percent-1rm load")
        return self

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


class Block(Strict):
    kind: BlockKind
    title: str | None = None
    items: list[Item] = Field(min_length=1)
    note: str | None = Field(default=None, max_length=200)


class Session(Strict):
    label: str = Field(pattern=r"^[A-Z]$", description="Sessions rotate A, B, ... across training days.")
    blocks: list[Block] = Field(min_length=1)


class Phase(Strict):
    id: Slug
    name: str
    weeks: int = Field(ge=1, le=104)
    purpose: str
    requires: Requires | None = None
    sessions: list[Session] = Field(min_length=1)
    daily: list[Block] = Field(
        default_factory=list, description="Blocks meant for every day (balance, back extensors, impacts)."
    )
    other_days: list[Block] = Field(
        default_factory=list, description="Blocks for days without a session (walks)."
    )
    deload_weeks: list[int] = Field(
        default_factory=list, description="Weeks of this phase (1-based) that are deload weeks."
    )

    @model_validator(mode="after")
    def _labels_in_order(self) -> Phase:
        labels = [s.label for s in self.sessions]
        expected = [chr(ord("A") + i) for i in range(len(labels))]
        if labels != expected:
            raise ValueError(f"session labels must run {', '.join(expected)}")
        bad = [w for w in self.deload_weeks if not 1 <= w <= self.weeks]
        if bad:
            raise ValueError(f"deload week {bad[0]} is outside this {self.weeks}-week phase")
        return self


class Schedule(Strict):
    days_per_week: int = Field(ge=1, le=7, description="Strength (session) days per week.")
    default_days: list[Weekday]
    walk_days_per_week: int = Field(default=0, ge=0, le=7)

    @model_validator(mode="after")
    def _days_match(self) -> Schedule:
        if len(self.default_days) != self.days_per_week:
            raise ValueError(
                f"default_days lists {len(self.default_days)} days, "
                f"days_per_week says {self.days_per_week}"
            )
        if len(set(self.default_days)) != len(self.default_days):
            raise ValueError("default_days repeats a day")
        return self


class Deload(Strict):
    load_percent: int = Field(default=90, ge=50, le=100)
    sets_less: int = Field(default=1, ge=0, le=5)


class SourceKey(str, Enum):
    LIFTMOR = "LIFTMOR"
    LIFTMOR_M = "LIFTMOR-M"
    TFTF = "TFTF"
    SSS = "SSS"
    OTAGO = "OTAGO"
    ACSM_BONE = "ACSM-BONE"
    ACSM_PROG = "ACSM-PROG"
    BHOF = "BHOF"
    OMNI = "OMNI"


class Program(Strict):
    id: Slug
    name: str = Field(min_length=3, max_length=80)
    version: int = Field(ge=1)
    audience: Audience
    summary: str
    sources: list[SourceKey] = Field(min_length=1)
    schedule: Schedule
    deload: Deload = Deload()
    phases: list[Phase] = Field(min_length=1)
    notes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_phase_ids(self) -> Program:
        ids = [p.id for p in self.phases]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"phase id {sorted(dup)[0]} is used twice")
        return self

    @property
    def total_weeks(self) -> int:
        return sum(p.weeks for p in self.phases)


# ---------------------------------------------------------------------------
# Profiles and log records
# ---------------------------------------------------------------------------


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = PROFILE_SCHEMA_VERSION
    name: str
    program: str
    start: dt.date
    days: list[Weekday]
    units: Unit = Unit.kg
    equipment: list[Equipment] = Field(default_factory=lambda: sorted(EQUIPMENT_SETS["home"]))
    supervised: bool = False
    vertebral_fracture: bool = False
    cleared: bool = False
    loads: dict[str, WeightField] = Field(
        default_factory=dict, description="Starting loads by exercise id."
    )
    one_rm: dict[str, WeightField] = Field(
        default_factory=dict, description="Tested one-repetition maximums by exercise id."
    )


class SetRecord(BaseModel):
    """One set as done: exactly one of reps/seconds/impacts/minutes, and a load if any."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reps: int | None = Field(default=None, ge=0)
    seconds: float | None = Field(default=None, ge=0)
    impacts: int | None = Field(default=None, ge=0)
    minutes: float | None = Field(default=None, ge=0)
    load: Weight | None = None
    support: Support | None = None

    @property
    def amount(self) -> float:
        for v in (self.reps, self.seconds, self.impacts, self.minutes):
            if v is not None:
                return float(v)
        return 0.0


class LogRecord(BaseModel):
    """A line of the log. kind 'sets' records sets; kind 'void' takes back the record `voids`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    v: Literal[1] = LOG_SCHEMA_VERSION
    id: str
    at: dt.datetime
    kind: Literal["sets", "void"] = "sets"
    date: dt.date | None = None
    exercise: str | None = None
    sets: list[SetRecord] = Field(default_factory=list)
    rpe: float | None = Field(default=None, ge=0, le=10)
    pain: bool = False
    note: str | None = None
    source: Literal["log", "done"] = "log"
    voids: str | None = None
