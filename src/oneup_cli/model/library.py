"""The exercise library: what each exercise asks of the body and what it needs."""

from enum import StrEnum
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from .base import Frozen
from .values import Slug


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


Cue = Annotated[str, Meta(min_length=3, max_length=120)]


class Exercise(Frozen):
    """One exercise of the library."""

    id: Slug
    name: Annotated[str, Meta(min_length=2, max_length=60)]
    category: Category
    measure: Measure
    equipment: Annotated[
        list[Equipment],
        Meta(description="Equipment options; any one of them is enough.", min_length=1),
    ]
    cues: Annotated[
        list[Cue], Meta(description="3 to 6 short cues in plain words.", min_length=3, max_length=6)
    ]
    key_cue: Annotated[
        int,
        Meta(
            ge=1,
            description="The cue printed on plan sheets, which have room for one: its number in "
            "'cues', 1 for the first.",
        ),
    ] = 1
    load_kind: LoadKind = LoadKind.bodyweight
    safety: list[SafetyTag] = msgspec.field(default_factory=list)
    impact: ImpactLevel = ImpactLevel.none
    support: Annotated[
        str | None,
        Meta(
            description="For balance work: the stable support to hold, never something that "
            "can move."
        ),
    ] = None
    each_side: bool = False
    easier: Slug | None = None
    harder: Slug | None = None
    home_substitute: Annotated[
        Slug | None, Meta(description="The exercise to do instead without this equipment.")
    ] = None

    def __post_init__(self) -> None:
        if SafetyTag.fall_risk in self.safety and not self.support:
            raise ValueError("a fall-risk exercise must name its stable support in 'support'")
        if self.key_cue > len(self.cues):
            raise ValueError(
                f"key_cue {self.key_cue} is past the last cue: there are {len(self.cues)} cues"
            )


class Library(Frozen):
    """The exercise library file."""

    exercises: list[Exercise]
    format: Literal[1] = 1

    def by_id(self) -> dict[str, Exercise]:
        return {e.id: e for e in self.exercises}
