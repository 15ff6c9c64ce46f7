"""The program to start with, and why: `oneup recommend` and `oneup start` without a program.

Pure: answers and the latest functional test verdicts in, a `Recommendation` out. Each choice
is traceable to `shared/SCIENCE.md`:

- a fall in the last 12 months, or a chair stand or 4-stage balance result that suggests a
  higher risk of falling -> `balance` (SSS "Steady": people at risk of falls start with
  targeted strength and balance training; OTAGO). A slow timed up and go alone never decides
  (a weak screen, SCIENCE.md);
- else diagnosed osteoporosis or a vertebral fracture -> `diagnosed-osteoporosis` (TFTF);
- else -> `prevention` (LIFTMOR, SSS).

Flags: `--vertebral-fracture` whenever there was one (TFTF, SSS: gentler impact, moderate
effort); `--cleared` only with a vertebral fracture (it lifts the cap on effort, TFTF rule 2);
`--supervised` only for `prevention`, whose heavy lifts need supervision (LIFTMOR).

`QUESTIONS` are the same answers asked one by one (`oneup start` in a terminal): `interview`
asks them through a function given by the front end, and skips those that cannot matter.
"""

from __future__ import annotations

import dataclasses as dc
from collections.abc import Callable, Mapping, Sequence

from ..parse import FieldError, whole, yes_no
from .functional import Verdict, at_risk_of_falling

MAX_FALLS = 365


@dc.dataclass(frozen=True)
class Answers:
    osteoporosis: str = "unknown"  # yes | no | unknown
    vertebral_fracture: bool = False
    falls: int = 0  # in the last 12 months
    cleared: bool = False
    supervised: bool = False

    def as_json(self) -> dict[str, object]:
        return dc.asdict(self)


@dc.dataclass(frozen=True)
class Flag:
    option: str  # "--vertebral-fracture"
    why: str


@dc.dataclass(frozen=True)
class Recommendation:
    program: str
    program_why: str
    sources: tuple[str, ...]
    flags: tuple[Flag, ...]
    notes: tuple[str, ...]
    verdicts: tuple[Verdict, ...]  # the latest functional tests taken into account
    command: str  # the `oneup start` line to run


def osteoporosis(text: str, field: str = "osteoporosis") -> str:
    word = text.strip().lower()
    if word in ("unknown", "not sure", "?", "dont-know", "don't know"):
        return "unknown"
    try:
        return "yes" if yes_no(word, field) else "no"
    except FieldError:
        raise FieldError(field, text, "is not yes, no or unknown") from None


def falls(text: str, field: str = "falls") -> int:
    n = whole(text)
    if n is None or n > MAX_FALLS:
        raise FieldError(field, text, "is not a number of falls: 0, 1, 2...")
    return n


def recommend(
    answers: Answers,
    verdicts: Mapping[str, Verdict] | None = None,
    *,
    profile: str | None = None,
    default_profile: str = "me",
) -> Recommendation:
    """The program and flags for these answers and test results (see the module)."""
    found = dict(verdicts or {})
    risky = at_risk_of_falling(found)
    notes: list[str] = []
    diagnosed = answers.osteoporosis == "yes" or answers.vertebral_fracture
    if answers.falls or risky:
        why = []
        if answers.falls:
            why.append(f"{answers.falls} fall{'s' if answers.falls != 1 else ''} in the last year")
        why += [_test_words(v) for v in risky]
        program = "balance"
        reason = (
            f"{' and '.join(why).capitalize()}: people at risk of falling start with targeted "
            "strength and balance training (SSS 'Steady'; OTAGO)."
        )
        sources: tuple[str, ...] = ("SSS", "OTAGO")
        if diagnosed:
            notes.append(
                "With osteoporosis, balance comes first; once steadier (re-test in 8 weeks), "
                "ask oneup recommend again for the osteoporosis program."
            )
    elif diagnosed:
        program = "diagnosed-osteoporosis"
        what = "a vertebral fracture" if answers.vertebral_fracture else "diagnosed osteoporosis"
        reason = (
            f"With {what}: strength 2 days a week, daily balance, spine-sparing moves and no "
            "lifts from the floor (TFTF)."
        )
        sources = ("TFTF", "SSS")
    else:
        program = "prevention"
        reason = (
            "No fall and no diagnosis of osteoporosis: progressive strength and impact "
            "training to build bone (LIFTMOR, SSS)."
        )
        sources = ("LIFTMOR", "SSS")
        if answers.osteoporosis == "unknown":
            notes.append(
                "Not sure about osteoporosis? Ask your doctor whether a bone density scan "
                "(DXA) is right for you."
            )
    slow = found.get("tug")
    if slow is not None and slow.falls and not risky:
        notes.append(
            "Your timed up and go was 12 seconds or more; on its own it is a weak screen: "
            "take the chair stand and 4-stage balance tests too (oneup test)."
        )
    grip = found.get("grip")
    if grip is not None and grip.status.value == "below":
        notes.append(
            "Your grip suggests probable low muscle strength: every program builds strength; "
            "a talk with your doctor or physiotherapist is worth it."
        )
    flags: list[Flag] = []
    if answers.vertebral_fracture:
        flags.append(
            Flag(
                "--vertebral-fracture",
                "After a vertebral fracture: impact no higher than brisk walking, effort "
                "moderate until a clinician clears you (TFTF, SSS).",
            )
        )
        if answers.cleared:
            flags.append(
                Flag(
                    "--cleared",
                    "A clinician cleared you for more than moderate effort (TFTF).",
                )
            )
    elif answers.cleared:
        notes.append("Clearance only changes the plan after a vertebral fracture: left out.")
    if answers.supervised:
        if program == "prevention":
            flags.append(
                Flag(
                    "--supervised",
                    "A coach or physio is present: the heavy lifts of high-intensity training "
                    "(over 80% of 1RM) were tested only under supervision (LIFTMOR).",
                )
            )
        else:
            notes.append(
                f"Supervision only unlocks the heavy lifts of prevention; {program} does not "
                "use it: left out."
            )
    prefix = "oneup" if profile in (None, default_profile) else f"oneup --profile {profile}"
    command = " ".join([prefix, "start", program, *(x.option for x in flags)])
    return Recommendation(
        program, reason, sources, tuple(flags), tuple(notes), tuple(found.values()), command
    )


def _test_words(v: Verdict) -> str:
    return {
        "chair-stand": "a chair stand below average",
        "four-stage": "a tandem stance not held for 10 seconds",
    }.get(v.name, v.name)


# --- the questions, asked one by one ---------------------------------------------------------


@dc.dataclass(frozen=True)
class Question:
    field: str
    text: str
    explain: str
    default: str
    read: Callable[[str], object]
    when: Callable[[dict[str, object]], bool] = lambda _: True


QUESTIONS: Sequence[Question] = (
    Question(
        "osteoporosis",
        "Has a doctor told you that you have osteoporosis? (yes/no/unknown)",
        "Diagnosed osteoporosis calls for spine-sparing strength training (TFTF).",
        "unknown",
        osteoporosis,
    ),
    Question(
        "vertebral_fracture",
        "Have you ever had a vertebral (spine) fracture? (yes/no)",
        "After a spine fracture, impact and effort stay gentler until a clinician says otherwise.",
        "no",
        lambda t: yes_no(t, "vertebral_fracture"),
    ),
    Question(
        "cleared",
        "Has a clinician cleared you for more than moderate effort? (yes/no)",
        "Without clearance, effort stays moderate after a spine fracture.",
        "no",
        lambda t: yes_no(t, "cleared"),
        lambda got: bool(got.get("vertebral_fracture")),
    ),
    Question(
        "falls",
        "How many times have you fallen in the last 12 months?",
        "A fall in the last year means starting with strength and balance (SSS, OTAGO).",
        "0",
        falls,
    ),
    Question(
        "supervised",
        "Will a coach or physiotherapist be with you when you train? (yes/no)",
        "Only with supervision does the prevention program use heavy lifts (LIFTMOR).",
        "no",
        lambda t: yes_no(t, "supervised"),
        lambda got: (
            not got.get("falls")
            and got.get("osteoporosis") != "yes"
            and not got.get("vertebral_fracture")
        ),
    ),
)


def interview(ask: Callable[[Question], str], tell: Callable[[str], None]) -> Answers:
    """The answers, asked one by one: `ask` shows a question and returns what was typed (the
    default for nothing); a bad answer is told (`tell`) and asked again. Questions that cannot
    change the program or flags are skipped."""
    got: dict[str, object] = {}
    for q in QUESTIONS:
        if not q.when(got):
            continue
        while True:
            text = ask(q)
            try:
                got[q.field] = q.read(text if text.strip() else q.default)
                break
            except FieldError as e:
                tell(e.worded(""))
    return Answers(**got)  # type: ignore[arg-type]
