"""What `oneup test`, `oneup recommend` and the re-test line of `oneup today` say.

Plain words for people who may be 75: a result, what it suggests, what to do. Never a
diagnosis: a result "suggests", and the timed up and go is always read with the other tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..model import Measured, Profile
from ..outcomes import functional as f
from ..plain import num, weight

if TYPE_CHECKING:
    from ..outcomes.recommend import Recommendation

TALK = "a talk with your doctor or physiotherapist"
WORTH_IT = f"{TALK} is worth it"
BOTH_WORTH_IT = f"the balance program (oneup recommend) and {TALK} are worth it"
SEX_WORDS = {"f": "women", "m": "men"}


def result(m: Measured) -> str:
    """'11 stands', '10.5 s', 'stage 3, held 8 s', '60 lb' (as entered)."""
    if m.count is not None:
        return f"{m.count} stand{'s' if m.count != 1 else ''}"
    if m.grip is not None:
        return weight(m.grip)
    assert m.seconds is not None
    if m.stage is not None:
        return f"stage {m.stage}, held {num(m.seconds)} s"
    return f"{num(m.seconds)} s"


def test_title(name: str) -> str:
    """'30-second chair stand', 'timed up and go'."""
    title = f.TESTS[name].title
    return title if title[0].isdigit() else title[0].lower() + title[1:]


def meaning(v: f.Verdict, sex: str | None = None) -> str:
    """What a result suggests, and what to do, in plain words."""
    who = SEX_WORDS.get(sex or "", "")
    if v.status == f.Status.needs:
        return (
            f"No verdict: the cut-off depends on your {' and '.join(_missing(v.missing))}, "
            "which you can add with oneup profile --born YEAR --sex f|m; the cut-offs are "
            "listed by oneup test."
        )
    if v.status == f.Status.outside:
        return (
            f"No verdict: the published table covers ages {f.CHAIR_STAND_AGES[0]} to "
            f"{f.CHAIR_STAND_AGES[1]}, and you are {v.age} this year."
        )
    below = v.status == f.Status.below
    if v.name == "chair-stand":
        assert v.cutoff is not None
        where = f"the average for {who} aged {v.band} ({num(v.cutoff)} stands or more)"
        if below:
            return (
                f"Below {where}: this suggests weaker legs and a higher risk of falling; "
                f"{BOTH_WORTH_IT}."
            )
        return f"At or above {where}: this test shows no sign of a higher risk of falling."
    if v.name == "four-stage":
        if below:
            return (
                "The tandem stance (stage 3, one foot in front of the other) was not held for "
                f"10 seconds: this suggests a higher risk of falling; {BOTH_WORTH_IT}."
            )
        return "The tandem stance was held for 10 seconds: no sign of a higher risk of falling."
    if v.name == "tug":
        alone = (
            "On its own this test is a weak screen: read it with the chair stand and the "
            "4-stage balance test."
        )
        if below:
            return (
                f"{num(f.TUG_AT_RISK)} seconds or more can suggest a higher risk of falling. "
                f"{alone} If those show a risk too, {WORTH_IT}."
            )
        return f"Under {num(f.TUG_AT_RISK)} seconds. {alone}"
    assert v.cutoff is not None
    if below:
        return (
            f"Under {num(v.cutoff)} kg for {who}: this suggests probable low muscle strength; "
            f"regular strength training helps, and {WORTH_IT}."
        )
    return f"{num(v.cutoff)} kg or more for {who}: no sign of low muscle strength."


def _missing(fields: Sequence[str]) -> list[str]:
    return ["year of birth" if x == "born" else x for x in fields]


def tested(record: Any, person: Profile | None) -> list[str]:
    """`oneup test NAME VALUE`: what was recorded, and what it suggests."""
    m: Measured = record.test
    test = f.TESTS[m.name]
    born, sex = (person.born, person.sex) if person else (None, None)
    v = f.verdict(m.name, m, born, sex, record.date)
    return [
        f"Recorded the {test_title(test.name)}: {result(m)} on {record.date:%a %-d %b %Y}.",
        meaning(v, sex),
        "Not a diagnosis. oneup undo takes it back; re-test in 8 weeks.",
    ]


def tests_screen(seen: Any, today: dt.date) -> RenderableType:
    """`oneup test` alone: each test, how to do it, its last result; then the cut-offs."""
    person: Profile | None = seen.profile
    born, sex = (person.born, person.sex) if person else (None, None)
    last = f.latest(seen.results)
    due = f.next_due(seen.results)
    parts: list[RenderableType] = []
    for name, test in f.TESTS.items():
        parts.append(Text(f"{test.title}: oneup test {name} {test.usage}", style="bold"))
        rows = Table.grid(padding=(0, 1))
        rows.add_column(no_wrap=True)
        rows.add_column()
        rows.add_row("Have ready:", f"{test.ready}.")
        for i, step in enumerate(test.steps, 1):
            rows.add_row(f"{i:>10}.", step)
        rows.add_row("Stop:", Text(test.stop, style="italic"))
        found = last.get(name)
        if found is None:
            rows.add_row("Last result:", Text("none yet.", style="dim"))
        else:
            v = f.verdict(found.name, found.measured, born, sex, found.date)
            again = due[name]
            note = "a re-test is due" if again <= today else f"re-test from {again:%-d %b %Y}"
            shown = f"{result(found.measured)} on {found.date:%a %-d %b %Y} ({note})"
            rows.add_row("Last result:", Text(shown, style="bold"))
            rows.add_row("", meaning(v, sex))
        parts += [rows, Text("")]
    parts.append(cutoff_table())
    parts.append(chair_stand_table(born, sex, today))
    parts.append(
        Text(
            "These are screening tests, not a diagnosis. Re-test every 8 weeks (a default, "
            "not evidence). Record a result with, e.g., oneup test chair-stand 11.",
            style="dim",
        )
    )
    return Group(*parts)


def cutoff_table() -> Table:
    table = Table(
        "Test",
        "Cut-off",
        "Source",
        title="Published cut-offs",
        title_justify="left",
        box=box.SIMPLE,
        show_lines=False,
    )
    for test in f.TESTS.values():
        table.add_row(test.title, test.cutoff, test.source)
    return table


def chair_stand_table(born: int | None, sex: str | None, today: dt.date) -> Group:
    """The 30-second chair stand's below-average scores by age band (CDC STEADI), the
    person's own band marked when their year of birth and sex are known."""
    table = Table("Ages", "Men", "Women", "", box=box.SIMPLE)
    mine = None
    if born is not None and sex is not None:
        found = f.chair_stand_cutoff(f.age_on(born, today), sex)  # type: ignore[arg-type]
        mine = found[1] if found else None
    for first, (men, women) in f.CHAIR_STAND_BELOW.items():
        band = f"{first}-{first + 4}"
        table.add_row(band, str(men), str(women), "<- your age" if band == mine else "")
    heading = Text(
        "30-second chair stand: below average with fewer stands than these (needing the "
        "arms scores 0).",
        style="bold",
    )
    return Group(heading, table)


def retest_line(due: dt.date) -> str:
    return (
        f"Functional tests: a re-test is due (since {due:%a %-d %b}, every 8 weeks): "
        "oneup test shows how."
    )


FIRST_TEST = (
    "Tip: four short tests (chair stand, up and go, balance, grip) give you a baseline "
    "to see progress: oneup test shows how."
)


def recommendation(rec: Recommendation) -> list[str]:
    """`oneup recommend`: the program, each flag, the reasons, the line to run."""
    lines = [f"Program: {rec.program}", f"  why: {rec.program_why}"]
    for flag in rec.flags:
        lines.append(f"Flag: {flag.option}")
        lines.append(f"  why: {flag.why}")
    for note in rec.notes:
        lines.append(f"Note: {note}")
    lines.append("Not medical advice: check the plan with your doctor or physiotherapist.")
    lines.append(f"To start it: {rec.command}")
    return lines


def test_document(seen: Any, name: str, today: dt.date) -> dict[str, Any]:
    """`oneup test --json`: the tests, their cut-offs, each result and its verdict."""
    person: Profile | None = seen.profile
    born, sex = (person.born, person.sex) if person else (None, None)
    due = f.next_due(seen.results)
    return {
        "profile": name,
        "born": born,
        "sex": sex,
        "retest_every_days": f.RETEST_EVERY.days,
        "tests": [
            {
                "name": t.name,
                "title": t.title,
                "usage": f"oneup test {t.name} {t.usage}",
                "cutoff": t.cutoff,
                "source": t.source,
                "next_due": due[t.name].isoformat() if t.name in due else None,
            }
            for t in f.TESTS.values()
        ],
        "chair_stand_below": [
            {"ages": f"{a}-{a + 4}", "men": m, "women": w}
            for a, (m, w) in f.CHAIR_STAND_BELOW.items()
        ],
        "results": [_result_json(r, born, sex) for r in seen.results],
    }


def _result_json(r: f.TestResult, born: int | None, sex: str | None) -> dict[str, Any]:
    v = f.verdict(r.name, r.measured, born, sex, r.date)  # type: ignore[arg-type]
    m = r.measured
    return {
        "id": r.id,
        "date": r.date.isoformat(),
        "name": r.name,
        "count": m.count,
        "seconds": m.seconds,
        "stage": m.stage,
        "grip": m.grip.token() if m.grip is not None else None,
        "verdict": {
            "status": v.status.value,
            "cutoff": v.cutoff,
            "band": v.band,
            "missing": list(v.missing),
            "weak_alone": v.weak,
            "says": meaning(v, sex),
        },
    }


def recommend_document(rec: Recommendation, answers: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "answers": dict(answers),
        "program": rec.program,
        "reason": rec.program_why,
        "sources": list(rec.sources),
        "flags": [{"option": x.option, "reason": x.why} for x in rec.flags],
        "notes": list(rec.notes),
        "tests": [
            {"name": v.name, "status": v.status.value, "falls": v.falls and not v.weak}
            for v in rec.verdicts
        ],
        "command": rec.command,
    }
