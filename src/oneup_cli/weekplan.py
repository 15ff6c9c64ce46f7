"""Printable weekly plans: whole weeks of a program, ready for any renderer.

Pure functions: no I/O, no clock. A week is counted from the profile's start date, like the
progression engine counts it, so week N of a plan is week N of the program.

Target loads: the current week and the next one come from the progression engine and the
log. Later weeks are planned with an empty log and show the prescription ("8-12 reps, effort
7-8", "80-85% of 1RM") with the load left blank to fill in: a plan must not pretend to know
how training will go.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
from collections.abc import Sequence

from . import words
from .codes import NO_LOAD, Aim, LoadForm
from .dose import WeekDose, week_dose
from .errors import UsageError
from .model import (
    BlockKind,
    Exercise,
    Library,
    LoadKind,
    LoadType,
    Phase,
    Profile,
    Program,
    Range,
)
from .parse import weeks as parse_weeks
from .progression import BlockPlan, DayPlan, History, Note, Planned, plan_day, position
from .progression.rules import rule
from .safety import DISCLAIMER, STOP_RULES, STOP_RULES_SOURCES

# The words of printed plans live in words.py; render/pdf.py still finds these here.
from .words import EFFORT_SCALE as EFFORT_SCALE
from .words import LADDER_NOTE
from .words import day_long as day_long
from .words import facts as facts
from .words import loads_words as loads_words
from .words import phase_words as phase_words
from .words import title as title

# At most this many weeks in one plan: a year of sheets is already a thick folder.
MAX_WEEKS = 52

# The sources of shared/SCIENCE.md, cited in full at the end of every plan.
SOURCE_REFERENCES: dict[str, str] = {
    "LIFTMOR": "Watson SL, Weeks BK, Weis LJ, Harding AT, Horan SA, Beck BR. High-intensity "
    "resistance and impact training improves bone mineral density and physical function in "
    "postmenopausal women with osteopenia and osteoporosis: the LIFTMOR randomized controlled "
    "trial. J Bone Miner Res 2018;33(2):211-220.",
    "LIFTMOR-M": "Harding AT et al. Exploring the effects of HiRIT in men with low bone mass "
    "(LIFTMOR-M). J Bone Miner Res 2020.",
    "TFTF": "Giangregorio LM et al. Too Fit To Fracture: exercise recommendations for "
    "individuals with osteoporosis or osteoporotic vertebral fracture. Osteoporos Int "
    "2014;25:821-835; and the Delphi follow-up, Osteoporos Int 2015;26:891-910.",
    "SSS": "Brooke-Wavell K et al. Strong, steady and straight: UK consensus statement on "
    "physical activity and exercise for osteoporosis. Br J Sports Med 2022;56:837-846 (Royal "
    "Osteoporosis Society, 2019).",
    "OTAGO": "Campbell AJ et al. BMJ 1997;315:1065-1069; Robertson MC et al. J Am Geriatr Soc "
    "2002;50:905-911 (meta-analysis); the Otago Exercise Programme manual.",
    "ACSM-BONE": "Kohrt WM et al. ACSM position stand: physical activity and bone health. Med "
    "Sci Sports Exerc 2004;36:1985-1996.",
    "ACSM-PROG": "ACSM position stand: progression models in resistance training for healthy "
    "adults. Med Sci Sports Exerc 2009;41:687-708.",
    "BHOF": "Bone Health & Osteoporosis Foundation, guidance on safe movement and exercise.",
    "OMNI": "Robertson RJ et al. OMNI resistance-exercise scale of perceived exertion (0-10). "
    "Med Sci Sports Exerc 2003;35:333-341.",
}

# Load kinds whose weight goes up as training goes on: later weeks leave these blank.
_PROGRESSIVE = {
    LoadKind.dumbbell,
    LoadKind.kettlebell,
    LoadKind.barbell,
    LoadKind.machine,
    LoadKind.ankle_weight,
    LoadKind.band,
}


@dc.dataclass(frozen=True)
class Row:
    """One exercise of a session, as printed on the sheet."""

    planned: Planned
    load: str  # the target load, or "" when there is none or it is left blank
    blank: str | None  # when the load is left blank to fill in: the unit to write ("kg", "band")
    aim: str  # what to aim for: "effort 5-6", "8-12 reps, effort 7-8", "80-85% of 1RM"
    cue: str  # the most important cue, one line
    notes: tuple[str, ...]  # substitutions, pain and effort notes, the program's item note
    goal: Aim | None = None  # `aim` as values

    @property
    def has_load(self) -> bool:
        """A load, or a line to write one on."""
        return self.blank is not None or self.planned.load_spec.form != LoadForm.none

    @property
    def has_aim(self) -> bool:
        return self.goal is not None and not self.goal.empty

    @property
    def name(self) -> str:
        return self.planned.exercise.name

    @property
    def dose(self) -> str:
        return words.dose(self.planned)

    @property
    def sets(self) -> int:
        return self.planned.sets

    @property
    def rest(self) -> str:
        rest = self.planned.item.rest
        return words.rest(rest) if rest is not None else ""

    def target_lines(self) -> list[tuple[str, str]]:
        """The Target cell, a line each, as (kind, text): ("blank", unit), a line to write
        the weight on; or ("load", weight), the weight to lift; then ("aim", what to aim
        for). Every format prints these, each in its own way."""
        lines = []
        if self.blank is not None:
            lines.append(("blank", self.blank))
        elif self.load:
            lines.append(("load", self.load))
        if self.aim:
            lines.append(("aim", self.aim))
        return lines


@dc.dataclass(frozen=True)
class BlockRows:
    kind: BlockKind
    title: str
    note: str | None
    rows: tuple[Row, ...]
    named: str | None = None  # the program's title for the block, if it gives one

    @property
    def max_sets(self) -> int:
        return max(r.sets for r in self.rows)

    @property
    def has_targets(self) -> bool:
        """Whether any row has a load, a blank or an aim: a block of holds and stretches
        has none, and its sheet leaves the Target column out."""
        return any(r.has_load or r.has_aim for r in self.rows)


@dc.dataclass(frozen=True)
class SessionPlan:
    """One training day: the engine's plan of the day and its session blocks as rows."""

    day: DayPlan
    blocks: tuple[BlockRows, ...]

    @property
    def date(self) -> dt.date:
        return self.day.date

    @property
    def label(self) -> str:
        return self.day.label or ""

    @property
    def exercises(self) -> list[str]:
        return [r.name for b in self.blocks for r in b.rows]


@dc.dataclass(frozen=True)
class CheckRow:
    """A daily block's exercise (or a walk) and the days of the week it is for."""

    block: str
    exercise: str  # the exercise id
    name: str
    dose: str
    aim: str
    days: tuple[bool, ...]  # one per day of the week


@dc.dataclass(frozen=True)
class Week:
    number: int
    total_weeks: int
    dates: tuple[dt.date, ...]  # the seven days, from the weekday the program started on
    phase: Phase
    week_in_phase: int
    deload: bool
    complete: bool  # past the program's end: maintenance
    from_log: bool  # target loads from the log (True) or the prescription only
    sessions: tuple[SessionPlan, ...]
    checklist: tuple[CheckRow, ...]
    notes: tuple[str, ...]
    dose: WeekDose  # the week's dose as planned (dose.py): what the dose line prints

    @property
    def start(self) -> dt.date:
        return self.dates[0]

    @property
    def end(self) -> dt.date:
        return self.dates[-1]


@dc.dataclass(frozen=True)
class WeekPlan:
    client: str  # who the plan is for (the client, or the profile's name); "" leaves a line
    profile: Profile
    program: Program
    as_of: dt.date  # "today": the log counts up to this day
    prospective: bool  # no profile and no log: a plan for someone who has not started
    notes: str  # the trainer's notes for the header
    weeks: tuple[Week, ...]

    @property
    def stop_rules(self) -> tuple[str, ...]:
        return STOP_RULES

    @property
    def stop_rules_sources(self) -> str:
        return STOP_RULES_SOURCES

    @property
    def disclaimer(self) -> str:
        return DISCLAIMER

    @property
    def sources(self) -> tuple[tuple[str, str], ...]:
        return tuple(
            (s.value, SOURCE_REFERENCES.get(s.value, s.value)) for s in self.program.sources
        )

    @property
    def sessions(self) -> list[SessionPlan]:
        return [s for w in self.weeks for s in w.sessions]

    @property
    def first(self) -> Week:
        return self.weeks[0]

    @property
    def last(self) -> Week:
        return self.weeks[-1]


# ---------------------------------------------------------------------------------------------
# Choosing the weeks
# ---------------------------------------------------------------------------------------------


def current_week(program: Program, profile: Profile, today: dt.date) -> int:
    """The program week that holds today; before the start, the first week."""
    return position(program, profile, max(today, profile.start)).week


def last_week(program: Program, profile: Profile, today: dt.date) -> int:
    """The last week a plan may show: the program's end, or the week after today's when the
    program is already finished (the final phase goes on as maintenance)."""
    total = position(program, profile, profile.start).total_weeks
    return max(total, current_week(program, profile, today) + 1)


def choose_weeks(
    program: Program,
    profile: Profile,
    today: dt.date,
    *,
    week: int | None = None,
    weeks: str | None = None,
    next_week: bool = False,
) -> list[int]:
    """The weeks asked for: week N, weeks A-B, next week, or else the current week."""
    from .parse import FieldError, Mentions

    if sum((week is not None, weeks is not None, next_week)) > 1:
        raise Mentions("choose one of {week}, {weeks} and {next_week}")
    now = current_week(program, profile, today)
    if week is not None:
        if week < 1:
            raise FieldError("week", week, ": weeks count from 1", quoted=False)
        first = final = week
    elif weeks is not None:
        first, final = parse_weeks(weeks)
    elif next_week:
        first = final = now if today < profile.start else now + 1
    else:
        first = final = now
    limit = last_week(program, profile, today)
    if final > limit:
        total = position(program, profile, profile.start).total_weeks
        asked = f"week {final}" if first == final else f"weeks {first}-{final}"
        raise UsageError(
            f"{asked} is past the end of {program.name}, which has {total} weeks: "
            f"choose weeks 1-{limit}"
        )
    if final - first + 1 > MAX_WEEKS:
        raise UsageError(f"at most {MAX_WEEKS} weeks in one plan: split {first}-{final} up")
    return list(range(first, final + 1))


# ---------------------------------------------------------------------------------------------
# Building the plan
# ---------------------------------------------------------------------------------------------


def key_cue(ex: Exercise) -> str:
    """The one cue a printed sheet has room for: the one the library names (`key_cue`), the
    first unless it says otherwise (the support for balance work, the trainer-only warning,
    what never to do)."""
    return ex.cues[ex.key_cue - 1]


def _aim(
    p: Planned,
    *,
    reps: Range | None = None,
    deload_percent: int | None = None,
    build_up: bool = False,
) -> Aim:
    item = p.item
    percent = item.load.percent if item.load and item.load.type == LoadType.percent_1rm else None
    if p.load_spec.form == LoadForm.percent_1rm:  # already the load
        percent = None
    return Aim(
        p.measure,
        reps=reps,
        deload_percent=deload_percent,
        percent=percent,
        effort=p.effort,
        support=p.support,
        build_up=item.dose.high if build_up else None,
    )


def _row(p: Planned, *, prescription: bool, deload_percent: int | None, units: str) -> Row:
    item = p.item
    notes = (*(words.note(n) for n in p.notices), *((item.note,) if item.note else ()))
    if not prescription:
        goal = _aim(p)
        return Row(
            p, words.load(p.load_spec), None, words.aim(goal), key_cue(p.exercise), notes, goal
        )
    # Later weeks: the load and any ladder level are left open, never guessed.
    how = rule(item.progression)
    if how.climbs:
        p = p._replace(target=item.dose, support=None, why=None)
    blank = None
    without_weight = p.load_spec.form == LoadForm.body_weight  # no kit for a load
    if p.exercise.load_kind in _PROGRESSIVE and how.loads and not without_weight:
        p = p._replace(load=None, load_spec=NO_LOAD, why=None)
        blank = "band" if p.exercise.load_kind == LoadKind.band else units
    goal = _aim(
        p,
        reps=item.reps if how.rep_range else None,
        deload_percent=deload_percent if p.block == BlockKind.strength else None,
        build_up=how.climbs and not item.dose.fixed,
    )
    return Row(p, words.load(p.load_spec), blank, words.aim(goal), key_cue(p.exercise), notes, goal)


def _rows(
    blocks: Sequence[BlockPlan], *, prescription: bool, deload_percent: int | None, units: str
) -> tuple[BlockRows, ...]:
    return tuple(
        BlockRows(
            b.kind,
            words.block_title(b.kind, b.named),
            b.note,
            tuple(
                _row(p, prescription=prescription, deload_percent=deload_percent, units=units)
                for p in b.items
            ),
            b.named,
        )
        for b in blocks
    )


def week_dates(profile: Profile, number: int) -> tuple[dt.date, ...]:
    start = profile.start + dt.timedelta(weeks=number - 1)
    return tuple(start + dt.timedelta(days=i) for i in range(7))


def build_week(
    program: Program,
    library: Library,
    profile: Profile,
    history: History,
    number: int,
    *,
    today: dt.date,
) -> Week:
    from_log = number <= current_week(program, profile, today) + 1
    log = history if from_log else {}
    dates = week_dates(profile, number)
    pos = position(program, profile, dates[0])
    deload_percent = program.deload.load_percent if pos.deload else None
    sessions: list[SessionPlan] = []
    daily: list[tuple[int, BlockRows]] = []
    notes: list[Note] = []
    days: list[DayPlan] = []
    for i, date in enumerate(dates):
        day = plan_day(program, library, profile, log, date, as_of=today)
        days.append(day)
        split = day.session_blocks
        if day.training:
            sessions.append(
                SessionPlan(
                    day,
                    _rows(
                        day.blocks[:split],
                        prescription=not from_log,
                        deload_percent=deload_percent,
                        units=profile.units.value,
                    ),
                )
            )
        daily += [
            (i, b)
            for b in _rows(
                day.blocks[split:],
                prescription=not from_log,
                deload_percent=deload_percent,
                units=profile.units.value,
            )
        ]
        notes += [n for n in day.notices if n not in notes]
    texts = [words.note(n) for n in notes]
    held = [r for _, b in daily for r in b.rows] + [
        r for s in sessions for b in s.blocks for r in b.rows
    ]
    if not from_log and any(
        rule(r.planned.item.progression).climbs and r.planned.item.support is not None for r in held
    ):
        texts.append(LADDER_NOTE)
    return Week(
        number=number,
        total_weeks=pos.total_weeks,
        dates=dates,
        phase=pos.phase,
        week_in_phase=pos.week_in_phase,
        deload=pos.deload,
        complete=pos.complete,
        from_log=from_log,
        sessions=tuple(sessions),
        checklist=_checklist(daily),
        notes=tuple(texts),
        # Weeks planned from the log count each hold as planned; weeks too far ahead count
        # each ladder at the middle of the range the sheet asks to build up.
        dose=week_dose(days, program.targets.rep_seconds, "planned" if from_log else "middle"),
    )


def _checklist(daily: Sequence[tuple[int, BlockRows]]) -> tuple[CheckRow, ...]:
    """One row per exercise and dose, ticked on the days it is for, in order of appearance.
    Rows are the same when their values are: block, exercise, sets, amount, aim."""
    rows: dict[tuple[object, ...], CheckRow] = {}
    days: dict[tuple[object, ...], set[int]] = {}
    for i, block in daily:
        for row in block.rows:
            p = row.planned
            key = (block.kind, block.named, p.exercise.id, p.sets, p.target, p.measure, row.goal)
            if key not in rows:
                dose = row.dose + (f", {row.rest}" if row.rest else "")
                rows[key] = CheckRow(block.title, p.exercise.id, row.name, dose, row.aim, ())
            days.setdefault(key, set()).add(i)
    return tuple(
        dc.replace(row, days=tuple(d in days[key] for d in range(7))) for key, row in rows.items()
    )


def build(
    program: Program,
    library: Library,
    profile: Profile,
    history: History,
    weeks: Sequence[int],
    *,
    today: dt.date,
    client: str = "",
    notes: str = "",
    prospective: bool = False,
) -> WeekPlan:
    """The plan of the given program weeks for one person."""
    return WeekPlan(
        client=client,
        profile=profile,
        program=program,
        as_of=today,
        prospective=prospective,
        notes=notes,
        weeks=tuple(build_week(program, library, profile, history, n, today=today) for n in weeks),
    )
