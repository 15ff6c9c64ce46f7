"""Programs: phases of sessions of blocks of items, and the rules that move them on."""

from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from .base import Frozen
from .library import Measure
from .values import WEEKDAYS, FieldValueError, Range, Slug, Unit, Weekday, Weight


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

    def next(self) -> "Support | None":
        order = list(Support)
        i = order.index(self)
        return order[i + 1] if i + 1 < len(order) else None


class LoadType(StrEnum):
    effort = "effort"  # choose a weight that gives the effort and rep range
    percent_1rm = "percent-1rm"
    bodyweight = "bodyweight"
    band = "band"
    fixed = "fixed"  # a fixed starting load, e.g. 1kg ankle weights


# The largest values a program may give, beyond which it is a mistake (a 400-digit number, a
# dose in the wrong unit), not a program. Defaults, not from a source: each is far above every
# built-in program (at most 25 reps, 30 s holds, 25 impacts, 30 minutes, 120 s rest, 5 sets)
# and far below what could overflow the engine or a plan. `sets` (1-10) is a Meta bound.
MOST = {
    "reps": 100,  # repetitions (or steps, turns) per set
    "seconds": 3600,  # a hold or an interval: an hour
    "impacts": 500,  # impacts per set
    "minutes": 240,  # a walk: four hours
    "rest": 900,  # seconds between sets: a quarter of an hour
}
MOST_START_KG = 500  # a fixed or suggested first load (kg, or the same weight in lb)
MOST_STEP = 60  # what a ladder or build rule adds per step (seconds, reps, impacts, minutes)


class Load(Frozen):
    """How the load of an item is set."""

    type: LoadType
    percent: Annotated[
        Range | None, Meta(description="Percent of one-repetition maximum, with type percent-1rm.")
    ] = None
    start: Annotated[
        Weight | None,
        Meta(description="A fixed starting load (type fixed), or a suggested first load."),
    ] = None
    band: Literal["light", "medium", "heavy"] | None = None

    def __post_init__(self) -> None:
        if self.type == LoadType.percent_1rm:
            if self.percent is None:
                raise ValueError("a percent-1rm load needs 'percent', e.g. 80-85")
            if self.percent.high > 100:
                raise FieldValueError("percent", "percent of 1RM cannot be above 100")
        elif self.percent is not None:
            raise ValueError("'percent' belongs to a percent-1rm load")
        if self.type == LoadType.fixed and self.start is None:
            raise ValueError("a fixed load needs 'start', e.g. 1kg")
        if self.start is not None and self.start.to(Unit.kg) > MOST_START_KG:
            raise FieldValueError("start", f"must be at most {MOST_START_KG} kg (a default bound)")


class ProgressionRule(StrEnum):
    double = "double"  # rep range: top of the range on every set -> heavier (ACSM-PROG)
    percent = "percent"  # percent of a tested or estimated 1RM
    ladder = "ladder"  # hold/reps climb to the top, then less support, then the harder version
    build = "build"  # impact count or minutes build week by week towards the target
    none = "none"


class Requires(Frozen):
    """Conditions on the profile: an item or phase applies only when every given field matches."""

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


Note = Annotated[str, Meta(max_length=200)]


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


Sources = Annotated[list[SourceKey], Meta(min_length=1)]


class Cited(Frozen):
    """An exception to one of oneup's rules, allowed only with the source that gives it."""

    source: Sources
    note: Note | None = None


class Spacing(Frozen):
    """The least time between two load steps of an item, and where the number comes from."""

    days: Annotated[int, Meta(ge=1, le=90)]
    source: Annotated[
        Sources | Literal["default"],
        Meta(description="Source keys, or 'default' for a number no source gives."),
    ]


class Item(Frozen):
    """One exercise prescription inside a block: exactly one of reps, seconds, impacts, minutes."""

    exercise: Slug
    sets: Annotated[int, Meta(ge=1, le=10)] = 1
    reps: Annotated[
        Range | None, Meta(description=f"Repetitions per set, at most {MOST['reps']}.")
    ] = None
    seconds: Annotated[
        Range | None, Meta(description=f"Seconds per set, at most {MOST['seconds']}.")
    ] = None
    impacts: Annotated[
        Range | None, Meta(description=f"Impacts per set, at most {MOST['impacts']}.")
    ] = None
    minutes: Annotated[
        Range | None, Meta(description=f"Minutes per set, at most {MOST['minutes']}.")
    ] = None
    support: Annotated[Support | None, Meta(description="Balance: the starting support level.")] = (
        None
    )
    effort: Annotated[
        Range | None, Meta(description="Target effort on the OMNI/RPE scale, 0-10.")
    ] = None
    load: Load | None = None
    ankle_weight: bool = False
    progression: ProgressionRule = ProgressionRule.none
    step: Annotated[
        Annotated[float, Meta(gt=0, le=MOST_STEP)] | None,
        Meta(description="Ladder/build step: seconds, reps or impacts added per step."),
    ] = None
    rest: Annotated[
        Range | None, Meta(description=f"Rest between sets, in seconds, at most {MOST['rest']}.")
    ] = None
    rep_ceiling: Annotated[
        Annotated[int, Meta(ge=1, le=30)] | None,
        Meta(
            description=(
                "When the next weight is more than a 10% step (ACSM-PROG), the reps go up to "
                "this many on every set first. Left out: 15 for a rep range (a default, not "
                "from a source), 2 over a fixed target for percent-of-1RM work (ACSM-PROG)."
            )
        ),
    ] = None
    min_days_between_steps: Annotated[
        Spacing | None,
        Meta(
            description=(
                "The least days between two load steps, e.g. {days: 14, source: default}: "
                "the load holds until then even when the reps say it could go up."
            )
        ),
    ] = None
    requires: Requires | None = None
    note: Note | None = None

    def __post_init__(self) -> None:
        for field, most in MOST.items():
            value = getattr(self, field)
            if value is not None and value.high > most:
                raise FieldValueError(field, f"must be at most {most} (a default bound)")
        doses = [d for d in (self.reps, self.seconds, self.impacts, self.minutes) if d]
        if len(doses) != 1:
            raise ValueError("give exactly one of reps, seconds, impacts or minutes")
        if doses[0].low <= 0:
            raise ValueError("a dose must be above 0")
        if self.effort is not None and self.effort.high > 10:
            raise FieldValueError("effort", "effort is on a 0-10 scale")
        if self.rep_ceiling is not None:
            if self.reps is None:
                raise ValueError("rep_ceiling belongs to an item counted in reps")
            if self.rep_ceiling < self.reps.high:
                raise ValueError(f"rep_ceiling {self.rep_ceiling} is below the reps {self.reps}")
        # What a progression rule needs of an item is the rule's own check
        # (progression/rules/), run by safety.check_program on every load.

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


class Block(Frozen):
    kind: BlockKind
    items: Annotated[list[Item], Meta(min_length=1)]
    title: str | None = None
    note: Note | None = None


class Session(Frozen):
    label: Annotated[
        str, Meta(description="Sessions rotate A, B, ... across training days.", pattern=r"^[A-Z]$")
    ]
    blocks: Annotated[list[Block], Meta(min_length=1)]


class Phase(Frozen):
    id: Slug
    name: str
    weeks: Annotated[int, Meta(ge=1, le=104)]
    purpose: str
    sessions: Annotated[list[Session], Meta(min_length=1)]
    requires: Requires | None = None
    daily: Annotated[
        list[Block], Meta(description="Blocks for every day: balance, back extensors, impacts.")
    ] = msgspec.field(default_factory=list)
    other_days: Annotated[
        list[Block], Meta(description="Blocks for days without a session: walks.")
    ] = msgspec.field(default_factory=list)
    deload_weeks: Annotated[
        list[Annotated[int, Meta(ge=1, le=104)]],
        Meta(description="Weeks of this phase (1-based) that are deload weeks."),
    ] = msgspec.field(default_factory=list)

    def __post_init__(self) -> None:
        labels = [s.label for s in self.sessions]
        expected = [chr(ord("A") + i) for i in range(len(labels))]
        if labels != expected:
            raise ValueError(f"session labels must run {', '.join(expected)}")
        bad = [w for w in self.deload_weeks if not 1 <= w <= self.weeks]
        if bad:
            raise ValueError(f"deload week {bad[0]} is outside this {self.weeks}-week phase")


class DaysPerWeek(Frozen):
    """The strength (session) days a week a program allows, and where the numbers come from."""

    min: Annotated[int, Meta(ge=1, le=7)]
    max: Annotated[int, Meta(ge=1, le=7)]
    source: Sources

    def __post_init__(self) -> None:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")


def in_a_row(days: Sequence[str]) -> tuple[str, str] | None:
    """The first two chosen weekdays that follow each other (sun and mon too), or None."""
    chosen = set(days)
    for i, day in enumerate(WEEKDAYS):
        after = WEEKDAYS[(i + 1) % 7]
        if day in chosen and after in chosen and day != after:
            return day, after
    return None


class Schedule(Frozen):
    days_per_week: Annotated[
        Annotated[int, Meta(ge=1, le=7)] | DaysPerWeek,
        Meta(
            description=(
                "Strength (session) days a week: {min, max, source} with the source keys that "
                "give the range, or one number (exactly that many, no source given)."
            )
        ),
    ]
    default_days: list[Weekday]
    walk_days_per_week: Annotated[
        Annotated[int, Meta(ge=0, le=7)] | None,
        Meta(
            description=(
                "Days a week with the other_days blocks (walks), spread over the days without "
                "a session; left out: every day without a session."
            ),
        ),
    ] = None
    consecutive_days: Annotated[
        Cited | None,
        Meta(
            description=(
                "Strength sessions on days in a row: allowed only with a cited source. Without "
                "it, sessions keep at least one rest day between them (sun and mon count)."
            )
        ),
    ] = None

    @property
    def allowed(self) -> tuple[int, int]:
        """The least and most strength days a week."""
        d = self.days_per_week
        return (d, d) if isinstance(d, int) else (d.min, d.max)

    @property
    def sources(self) -> tuple[SourceKey, ...]:
        d = self.days_per_week
        return () if isinstance(d, int) else tuple(d.source)

    def __post_init__(self) -> None:
        low, high = self.allowed
        if not low <= len(self.default_days) <= high:
            allowed = f"{low}" if low == high else f"{low}-{high}"
            raise ValueError(
                f"default_days lists {len(self.default_days)} days, days_per_week says {allowed}"
            )
        if len(set(self.default_days)) != len(self.default_days):
            raise ValueError("default_days repeats a day")
        pair = in_a_row(self.default_days)
        if pair is not None and self.consecutive_days is None:
            raise ValueError(
                f"default_days has sessions on {pair[0]} and {pair[1]}, days in a row: keep a "
                "rest day between them, or cite the source that allows it in consecutive_days"
            )


class Deload(Frozen):
    load_percent: Annotated[int, Meta(ge=50, le=100)] = 90
    sets_less: Annotated[int, Meta(ge=0, le=5)] = 1


class Retest(Frozen):
    """How often a tested one-rep maximum should be tested again, and where that comes from."""

    weeks: Annotated[Range, Meta(description="Weeks between tests: 12, or a range like 8-12.")]
    source: Annotated[
        Sources | Literal["default"],
        Meta(description="Source keys, or 'default' for a number no source gives."),
    ]


class Target(Frozen):
    """A weekly dose the program states, and where the number comes from."""

    value: Annotated[Range, Meta(description="The stated dose: a number (2) or a range (15-20).")]
    sources: Annotated[
        list[SourceKey], Meta(description="The shared/SCIENCE.md keys the number comes from.")
    ] = msgspec.field(default_factory=list)
    default: Annotated[
        bool, Meta(description="True: an engineering default, not from a source.")
    ] = False
    at_least: Annotated[
        bool, Meta(description="True: the source gives a least dose (more is fine).")
    ] = False

    def __post_init__(self) -> None:
        if not self.sources and not self.default:
            raise ValueError("a target names its sources, or says default: true")


class Targets(Frozen):
    """The weekly doses a program states; `oneup programs validate` checks that the generated
    doses meet them (within 10%) for every profile of the program's audience."""

    strength_sessions: Annotated[Target | None, Meta(description="Sessions a week.")] = None
    impacts_per_day: Annotated[
        Target | None, Meta(description="Impacts a day, averaged over the week.")
    ] = None
    balance_minutes_per_day: Annotated[
        Target | None, Meta(description="Minutes of balance work a day, averaged over the week.")
    ] = None
    back_extensor_days: Annotated[
        Target | None, Meta(description="Days a week with back-extensor (posture) work.")
    ] = None
    back_extensor_minutes: Annotated[
        Target | None, Meta(description="Minutes of back-extensor work on each of those days.")
    ] = None
    walking_minutes_per_week: Annotated[
        Target | None, Meta(description="Minutes of walking a week.")
    ] = None
    rep_seconds: Annotated[
        float,
        Meta(
            gt=0,
            le=20,
            description="Seconds a repetition takes, for counting minutes "
            "(3: default, not from a source).",
        ),
    ] = 3.0


class Program(Frozen):
    """A oneup program file."""

    id: Slug
    name: Annotated[str, Meta(min_length=3, max_length=80)]
    version: Annotated[int, Meta(ge=1, le=10_000)]  # le: a default bound
    audience: Audience
    summary: str
    sources: Annotated[list[SourceKey], Meta(min_length=1)]
    schedule: Schedule
    phases: Annotated[list[Phase], Meta(min_length=1)]
    deload: Deload = msgspec.field(default_factory=Deload)
    targets: Annotated[
        Targets, Meta(description="The weekly doses the program states, each with its source.")
    ] = msgspec.field(default_factory=Targets)
    retest_one_rm: Annotated[
        Retest | None,
        Meta(
            description=(
                "Percent-of-1RM items: suggest testing the 1RM again this often (logged "
                "sessions that show more raise it in between)."
            )
        ),
    ] = None
    notes: list[str] = msgspec.field(default_factory=list)

    def __post_init__(self) -> None:
        ids = [p.id for p in self.phases]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"phase id {dup[0]} is used twice")
        cited = [*self.schedule.sources]
        if self.schedule.consecutive_days is not None:
            cited += self.schedule.consecutive_days.source
        missing = [k.value for k in dict.fromkeys(cited) if k not in self.sources]
        if missing:
            raise ValueError(
                f"the schedule cites {', '.join(missing)}, missing from the program's sources"
            )
        for phase in self.phases:
            blocks = [b for s in phase.sessions for b in s.blocks]
            for item in (i for b in [*blocks, *phase.daily, *phase.other_days] for i in b.items):
                spacing = item.min_days_between_steps
                if spacing is None or spacing.source == "default":
                    continue
                missing = [k.value for k in spacing.source if k not in self.sources]
                if missing:
                    raise ValueError(
                        f"min_days_between_steps of {item.exercise} cites "
                        f"{', '.join(missing)}, missing from the program's sources"
                    )

    @property
    def total_weeks(self) -> int:
        return sum(p.weeks for p in self.phases)
