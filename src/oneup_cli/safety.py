"""The audience safety rules of shared/SCIENCE.md, run by the validator and on every load.

Each check yields (location, message); the message names the exercise, the rule and its source.
"""

from __future__ import annotations

from collections.abc import Iterator

from .codes import Needs

# The numbers of rule 2, applied by the engine too (limits.py); found here as well.
from .limits import MODERATE_EFFORT as MODERATE_EFFORT
from .limits import SUPERVISED_PERCENT as SUPERVISED_PERCENT
from .model import (
    Audience,
    Block,
    Category,
    Equipment,
    Exercise,
    ImpactLevel,
    Item,
    Library,
    LoadType,
    Phase,
    Program,
    Requires,
    SafetyTag,
)

Loc = tuple[str | int, ...]
Finding = tuple[Loc, str]

GYM_ONLY = {
    Equipment.barbell,
    Equipment.machine,
    Equipment.cable,
    Equipment.bench,
    Equipment.pull_up_bar,
}

STOP_RULES = (
    "Chest pain, dizziness, or so out of breath you cannot talk: stop and contact a doctor.",
    "Sharp pain in a joint or muscle: stop, check your position, and get advice if it goes on.",
    "New or sudden back pain: stop and see a doctor.",
    "Mild muscle soreness a day or two later is normal.",
)
STOP_RULES_SOURCES = "OTAGO, BHOF, SSS"
DISCLAIMER = (
    "oneup is not medical advice. Check with your doctor or physiotherapist before starting."
)


def _merged(phase: Phase, item: Item) -> Requires:
    """The conditions an item carries, its phase's included."""
    p, i = phase.requires or Requires(), item.requires or Requires()
    return Requires(
        supervised=i.supervised if i.supervised is not None else p.supervised,
        vertebral_fracture=(
            i.vertebral_fracture if i.vertebral_fracture is not None else p.vertebral_fracture
        ),
        cleared=i.cleared if i.cleared is not None else p.cleared,
    )


def phase_blocks(phase: Phase) -> Iterator[tuple[Loc, Block]]:
    for s, session in enumerate(phase.sessions):
        for b, block in enumerate(session.blocks):
            yield ("sessions", s, "blocks", b), block
    for b, block in enumerate(phase.daily):
        yield ("daily", b), block
    for b, block in enumerate(phase.other_days):
        yield ("other_days", b), block


def program_items(program: Program) -> Iterator[tuple[Loc, Phase, Item]]:
    for p, phase in enumerate(program.phases):
        for loc, block in phase_blocks(phase):
            for i, item in enumerate(block.items):
                yield ("phases", p, *loc, "items", i), phase, item


_NEEDS = {
    Needs.rep_range: "{rule} progression needs a rep range such as 8-12",
    Needs.reps_exercise: "'{exercise}': {rule} progression needs an exercise counted in reps",
    Needs.percent_load: "{rule} progression needs a percent-1rm load",
}


def needs_words(need: Needs, item: Item, ex: Exercise | None) -> str:
    """What an item lacks for its progression rule, in a sentence for the program's author."""
    return _NEEDS[need].format(rule=item.progression.value, exercise=ex.id if ex else "")


def check_program(program: Program, library: Library) -> list[Finding]:
    # Here, not at the top: the model and this module load without the engine.
    from .progression.rules import rule

    exercises = library.by_id()
    findings: list[Finding] = []
    osteo = program.audience == Audience.osteoporosis
    for loc, phase, item in program_items(program):
        ex = exercises.get(item.exercise)
        findings += [
            (loc, needs_words(need, item, ex)) for need in rule(item.progression).check(item, ex)
        ]
        if ex is None:  # reported by the id check
            continue
        req = _merged(phase, item)
        name = f"'{ex.id}'"
        if SafetyTag.spinal_flexion in ex.safety:
            findings.append(
                (
                    loc,
                    f"{name} bends the spine forward under load or to end range: "
                    "no program may include it (rule 1; BHOF, TFTF, SSS)",
                )
            )
        if SafetyTag.rotation in ex.safety:
            findings.append(
                (
                    loc,
                    f"{name} twists the spine under load or to end range: "
                    "no program may include it (rule 1; BHOF, TFTF, SSS)",
                )
            )
        percent = (
            item.load.percent if item.load and item.load.type == LoadType.percent_1rm else None
        )
        heavy = SafetyTag.maximal in ex.safety or (
            percent is not None and percent.high > SUPERVISED_PERCENT
        )
        if heavy and req.supervised is not True:
            findings.append(
                (
                    loc,
                    f"{name} at high intensity (maximal lift or above "
                    f"{SUPERVISED_PERCENT:g}% of 1RM) must require a supervised profile "
                    "(requires: {supervised: true}) (rule 2; LIFTMOR, TFTF)",
                )
            )
        if item.measure.value != ex.measure.value:
            findings.append(
                (
                    loc,
                    f"{name} is measured in {ex.measure.value}, "
                    f"but this item gives {item.measure.value}",
                )
            )
        if not osteo:
            continue
        if SafetyTag.floor_lift in ex.safety:
            findings.append(
                (
                    loc,
                    f"{name} lifts a load to or from the floor: not in a program for "
                    "diagnosed osteoporosis; hinge from waist height instead "
                    "(rule 2; TFTF, SSS)",
                )
            )
        if ex.impact.rank > ImpactLevel.lower.rank and req.vertebral_fracture is not False:
            findings.append(
                (
                    loc,
                    f"{name} is a {ex.impact.value}-level impact: with a vertebral "
                    "fracture only lower-level impact is allowed, so it must carry "
                    "requires: {vertebral_fracture: false} (rule 2; SSS)",
                )
            )
        if (
            item.effort is not None
            and item.effort.high > MODERATE_EFFORT
            and req.vertebral_fracture is not False
            and req.cleared is not True
        ):
            findings.append(
                (
                    loc,
                    f"{name} at effort {item.effort}: with a vertebral fracture "
                    f"effort is capped at moderate ({MODERATE_EFFORT:g}) until cleared, "
                    "so it must carry requires: {vertebral_fracture: false} or "
                    "{cleared: true} (rule 2; TFTF, SSS)",
                )
            )
    return findings


def check_library(library: Library) -> list[Finding]:
    """Cross-references and completeness of the exercise library (rule 3)."""
    findings: list[Finding] = []
    ids = library.by_id()
    seen: set[str] = set()
    for i, ex in enumerate(library.exercises):
        loc: Loc = ("exercises", i)
        if ex.id in seen:
            findings.append(((*loc, "id"), f"exercise id '{ex.id}' is used twice"))
        seen.add(ex.id)
        for field in ("easier", "harder", "home_substitute"):
            ref = getattr(ex, field)
            if ref is not None and ref not in ids:
                findings.append(((*loc, field), f"'{ex.id}' names unknown exercise '{ref}'"))
            if ref == ex.id:
                findings.append(((*loc, field), f"'{ex.id}' names itself as {field}"))
        if set(ex.equipment) <= GYM_ONLY and ex.home_substitute is None:
            findings.append(
                (loc, f"'{ex.id}' needs gym equipment only, so it needs a home_substitute")
            )
        if ex.category == Category.impact and ex.impact == ImpactLevel.none:
            findings.append(
                (
                    (*loc, "impact"),
                    f"'{ex.id}' is an impact exercise: give its "
                    "impact level (lower, moderate or high; SSS)",
                )
            )
    return findings
