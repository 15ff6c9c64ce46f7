"""Profiles (one file per person) and the records of the log."""

import datetime as dt
from typing import Annotated, Literal, get_args

import msgspec
from msgspec import Meta

from .base import Frozen
from .library import EQUIPMENT_SETS, Equipment
from .program import Support
from .values import Unit, Weekday, Weight

LOG_SCHEMA_VERSION: Literal[1] = 1
PROFILE_SCHEMA_VERSION: Literal[1] = 1
# The years a date may fall in (parse.date, for what people type, says the same): far enough
# from date.min and date.max that the calendar's arithmetic never overflows.
FIRST_YEAR = 1900
LAST_YEAR = 2199


Sex = Literal["f", "m"]
# The functional tests `oneup test` records (outcomes/functional.py defines them).
TestName = Literal["chair-stand", "tug", "four-stage", "grip"]
TEST_NAMES: tuple[str, ...] = get_args(TestName)


def home_equipment() -> list[Equipment]:
    return sorted(EQUIPMENT_SETS["home"], key=lambda e: e.value)


class Profile(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """One person: the program they follow and what they have. The one model class that may
    be changed in place (commands edit a profile, then save it)."""

    name: str
    program: str
    start: dt.date
    days: list[Weekday]
    units: Unit = Unit.kg
    equipment: list[Equipment] = msgspec.field(default_factory=home_equipment)
    supervised: bool = False
    vertebral_fracture: bool = False
    cleared: bool = False
    loads: Annotated[dict[str, Weight], Meta(description="Starting loads by exercise id.")] = (
        msgspec.field(default_factory=dict)
    )
    one_rm: Annotated[
        dict[str, Weight], Meta(description="Tested one-repetition maximums by exercise id.")
    ] = msgspec.field(default_factory=dict)
    # Optional: the functional tests' cut-offs depend on age and sex; without them oneup shows
    # a result with its table, not a verdict. A profile file without them still loads.
    born: Annotated[int, Meta(description="Year of birth.")] | None = None
    sex: Annotated[Sex, Meta(description="f or m: which cut-offs apply.")] | None = None
    schema_version: Literal[1] = PROFILE_SCHEMA_VERSION

    def __post_init__(self) -> None:
        if not self.days or len(set(self.days)) != len(self.days):
            raise ValueError("days must list one or more different weekdays")
        if not FIRST_YEAR <= self.start.year <= LAST_YEAR:
            raise ValueError(
                f"start {self.start.isoformat()} is too far away: "
                f"a program starts in a year from {FIRST_YEAR} to {LAST_YEAR}"
            )
        if self.born is not None and not FIRST_YEAR <= self.born <= LAST_YEAR:
            raise ValueError(f"born must be a year from {FIRST_YEAR} to {LAST_YEAR}")


# The most a record may hold of each measure: what `oneup log` accepts (spec.MAX_AMOUNT,
# spec.MAX_LOAD) with room to spare for older records and programs, and far below anything
# that could overflow a computation. A line beyond them is damaged: readers skip it with a
# warning, and a record beyond them is never written (log.encode reads each line back).
MAX_REPS = 1000
MAX_SECONDS = 86_400.0  # a day
MAX_MINUTES = 1_440.0  # a day
MAX_SETS = 100
# Records written together (one `oneup done`, the voids of one `undo`, one `oneup import`).
# An import is one batch so that `oneup undo` takes it back whole, and years of history from
# another app run to thousands of records (3 years of 4 sessions a week of 6 exercises: 3,744),
# so the bound is far above that: it only keeps a damaged line from claiming an absurd size.
MAX_BATCH = 100_000
MAX_LOAD = {Unit.kg: 500.0, Unit.lb: 1100.0}  # the same as spec.MAX_LOAD (a test checks)

Count = Annotated[int, Meta(ge=0, le=MAX_REPS)]
Seconds = Annotated[float, Meta(ge=0, le=MAX_SECONDS)]
Minutes = Annotated[float, Meta(ge=0, le=MAX_MINUTES)]


class SetRecord(Frozen):
    """One set as done: one of reps/seconds/impacts/minutes, and a load if any."""

    reps: Count | None = None
    seconds: Seconds | None = None
    impacts: Count | None = None
    minutes: Minutes | None = None
    load: Annotated[Weight | None, Meta(description="At most 500 kg or 1100 lb.")] = None
    support: Support | None = None
    # A warm-up set, kept as done but not a work set: the engine leaves it out. Left out of
    # the log's line when False (log.encode), so lines of work sets read as they always did.
    warmup: bool = False

    def __post_init__(self) -> None:
        # A Weight is one string in the file, so its bounds are checked here (a number out of
        # a float's range never gets this far: Weight refuses it).
        if self.load is not None and not 0 <= self.load.value <= MAX_LOAD[self.load.unit]:
            raise ValueError(
                f"load must be at most {MAX_LOAD[Unit.kg]:g} kg or {MAX_LOAD[Unit.lb]:g} lb"
            )

    @property
    def amount(self) -> float:
        for v in (self.reps, self.seconds, self.impacts, self.minutes):
            if v is not None:
                return float(v)
        return 0.0


class Measured(Frozen, omit_defaults=True):
    """A functional test's result, as entered: the test's name and its one or two numbers
    (the others are left out of the line)."""

    name: TestName
    count: Annotated[Count | None, Meta(description="chair-stand: full stands in 30 s.")] = None
    seconds: Annotated[
        Seconds | None, Meta(description="tug: its time; four-stage: how long the stage was held.")
    ] = None
    stage: Annotated[
        Annotated[int, Meta(ge=1, le=4)] | None,
        Meta(description="four-stage: the last stage reached, 1 to 4."),
    ] = None
    grip: Annotated[Weight | None, Meta(description="grip: the better hand, as entered.")] = None

    def __post_init__(self) -> None:
        wanted = {
            "chair-stand": {"count"},
            "tug": {"seconds"},
            "four-stage": {"stage", "seconds"},
            "grip": {"grip"},
        }[self.name]
        given = {f for f in ("count", "seconds", "stage", "grip") if getattr(self, f) is not None}
        if given != wanted:
            raise ValueError(f"a {self.name} test records {' and '.join(sorted(wanted))}")
        if self.grip is not None and not 0 < self.grip.value <= MAX_LOAD[self.grip.unit]:
            raise ValueError(f"grip must be more than 0 and at most {MAX_LOAD[Unit.kg]:g} kg")


class LogRecord(Frozen):
    """A line of the log. kind 'sets' records sets; kind 'test' a functional test (`test`);
    kind 'void' takes back record `voids`. Kind 'test' came later, in the same version 1:
    older records read as they always did."""

    id: Annotated[str, Meta(min_length=1)]
    at: dt.datetime
    kind: Literal["sets", "void", "test"] = "sets"
    date: dt.date | None = None
    exercise: str | None = None
    sets: Annotated[list[SetRecord], Meta(max_length=MAX_SETS)] = msgspec.field(
        default_factory=list
    )
    rpe: Annotated[float, Meta(ge=0, le=10)] | None = None
    pain: bool = False
    note: str | None = None
    source: Literal["log", "done", "import"] = "log"
    voids: str | None = None
    batch: Annotated[
        str | None,
        Meta(description="Records written together (one `oneup done`) share a batch id."),
    ] = None
    batch_size: (
        Annotated[
            int,
            Meta(
                ge=1,
                le=MAX_BATCH,
                description="How many records the batch holds: fewer in the log is a cut write.",
            ),
        ]
        | None
    ) = None
    test: Measured | None = None
    # An exercise another app named and oneup could not map (`oneup import`): its name as
    # given, with `exercise` None, so the engine never reads it until it is mapped.
    name: str | None = None
    v: Literal[1] = LOG_SCHEMA_VERSION

    def __post_init__(self) -> None:
        if (self.kind == "void") != (self.voids is not None):
            raise ValueError("a void record, and only a void record, names 'voids'")
        if (self.kind == "test") != (self.test is not None):
            raise ValueError("a test record, and only a test record, holds a 'test'")
        if self.test is not None and (self.date is None or self.sets or self.exercise):
            raise ValueError("a test record has a date, and no exercise or sets")
        if self.name is not None and (self.kind != "sets" or self.exercise is not None):
            raise ValueError("only a sets record without an exercise id keeps a name")
        if self.batch_size is not None and self.batch is None:
            raise ValueError("only a record of a batch says the batch's size")
