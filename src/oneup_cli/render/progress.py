"""`oneup progress` as a JSON document, in the terminal (Rich, braille charts) and as one
printable HTML page with inline SVG charts."""

from __future__ import annotations

from typing import Any

from ..outcomes import charts
from ..outcomes import progress as pr
from ..plain import num, visible

# The dose's keys in words: (heading, short heading, unit).
DOSE_WORDS = {
    "strength_sessions": ("Strength sessions a week", "Strength", "sessions"),
    "impacts_per_day": ("Impacts a day", "Impacts", "a day"),
    "balance_minutes_per_day": ("Balance minutes a day", "Balance", "min/day"),
    "back_extensor_days": ("Back-extensor days a week", "Back", "days"),
    "walking_minutes_per_week": ("Walking minutes a week", "Walking", "min/wk"),
}
TEST_NAMES = {
    "chair-stand": "30-second chair stand",
    "tug": "Timed up and go",
    "four-stage": "4-stage balance",
    "grip": "Grip strength",
}
MAX_CHART = 100  # the widest terminal chart, in characters


def day(d: Any) -> str:
    return f"{d.day} {d:%b %Y}"


def _share(x: float | None) -> str:
    return "-" if x is None else f"{round(x * 100)}%"


def target_words(t: pr.Stated) -> str:
    value = num(t.low) if t.low == t.high else f"{num(t.low)}-{num(t.high)}"
    return f"{value}{' or more' if t.at_least else ''}"


# --- JSON -------------------------------------------------------------------------------------


def document(p: pr.Progress) -> dict[str, Any]:
    return {
        "profile": p.profile.name,
        "program": {"id": p.program.id, "name": p.program.name},
        "since": p.since.isoformat(),
        "until": p.until.isoformat(),
        "weeks_shown": len(p.weeks),
        "exercise": p.only,
        "units": p.profile.units.value,
        "adherence": _round(p.adherence),
        "weeks": [
            {
                "week": w.number,
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
                "sessions_prescribed": w.prescribed_sessions,
                "sessions_done": w.done_sessions,
                "adherence": _round(w.adherence),
                "dose_achieved": w.achieved,
                "dose_prescribed": w.prescribed,
            }
            for w in p.weeks
        ],
        "targets": {k: t._asdict() for k, t in p.targets.items()},
        "exercises": [_exercise(x) for x in p.exercises],
        "pain": [
            {"date": x.date.isoformat(), "exercise": x.exercise, "name": x.name, "note": x.note}
            for x in p.pain
        ],
        "functional_tests": [{**t._asdict(), "date": t.date.isoformat()} for t in p.tests],
    }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def _exercise(x: pr.ExerciseProgress) -> dict[str, Any]:
    best = x.best
    return {
        "id": x.exercise.id,
        "name": x.exercise.name,
        "kind": x.kind,
        "unit": x.unit,
        "points": [
            {
                "date": pt.date.isoformat(),
                "value": pt.value,
                "e1rm": pt.e1rm,
                "support": pt.support.value if pt.support else None,
                "pain": pt.pain,
                "sets": pt.sets,
            }
            for pt in x.points
        ],
        "best_set": None
        if best is None
        else {
            "date": best.date.isoformat(),
            "load": best.load,
            "reps": best.reps,
            "e1rm": best.e1rm,
        },
        "e1rm_first": x.e1rm_first,
        "e1rm_last": x.e1rm_last,
    }


# --- the terminal -----------------------------------------------------------------------------


def heading(p: pr.Progress) -> list[str]:
    weeks = len(p.weeks)
    lines = [
        f"Progress of {visible(p.profile.name)}: {visible(p.program.name)}",
        f"{weeks} week{'s' * (weeks != 1)}, {day(p.since)} to {day(p.until)}",
    ]
    if p.only is None:
        done = sum(min(w.done_sessions, w.prescribed_sessions) for w in p.weeks)
        due = sum(w.prescribed_sessions for w in p.weeks)
        lines.append(
            f"Sessions done: {done} of {due} prescribed ({_share(p.adherence)})"
            if due
            else "No sessions prescribed yet in these weeks."
        )
    return lines


def best_words(x: pr.ExerciseProgress) -> list[str]:
    lines = []
    if x.best is not None:
        b = x.best
        est = f" (estimated 1RM {num(b.e1rm)} {x.unit})" if b.e1rm is not None else ""
        lines.append(f"Best set: {num(b.load)} {x.unit} x {b.reps} on {day(b.date)}{est}")
    first, last = x.e1rm_first, x.e1rm_last
    if first is not None and last is not None:
        change = round(last - first, 1)
        sign = "+" if change >= 0 else "-"
        lines.append(
            f"Estimated 1RM: {num(first)} -> {num(last)} {x.unit} ({sign}{num(abs(change))})"
        )
    if x.kind == "hold":
        changes = support_changes(x)
        if changes:
            steps = "; ".join(f"{level} from {day(d)}" for d, level in changes)
            lines.append(f"Support: {steps}")
    return lines


def support_changes(x: pr.ExerciseProgress) -> list[tuple[Any, str]]:
    """(first day, level) each time the support level changed, the first one included."""
    changes: list[tuple[Any, str]] = []
    for pt in x.points:
        if pt.support is not None and (not changes or changes[-1][1] != pt.support.value):
            changes.append((pt.date, pt.support.value))
    return changes


def exercise_lines(
    p: pr.Progress, x: pr.ExerciseProgress, width: int, ascii_only: bool = False
) -> list[str]:
    what = {"load": "working load", "hold": "hold", "amount": "amount"}[x.kind]
    days = len(x.points)
    lines = [f"{visible(x.exercise.name)}: {what} ({x.unit}), {days} day{'s' * (days != 1)} logged"]
    lines += ["  " + line for line in best_words(x)]
    pts = [(pt.date, pt.value) for pt in x.points]
    chart_width = min(width, MAX_CHART) - 2
    lines += [
        "  " + line
        for line in charts.line_chart(
            pts, first=p.since, last=p.until, width=chart_width, unit=x.unit, ascii_only=ascii_only
        )
    ]
    est = [(pt.date, pt.e1rm) for pt in x.points if pt.e1rm is not None]
    if p.only is not None and est:
        lines.append("  Estimated 1RM:")
        lines += [
            "  " + line
            for line in charts.line_chart(
                est,
                first=p.since,
                last=p.until,
                width=chart_width,
                unit=x.unit,
                ascii_only=ascii_only,
            )
        ]
    return lines


def terminal(p: pr.Progress, console: Any) -> None:
    from rich import box
    from rich.table import Table

    width = console.width
    # A stream that cannot show braille (PYTHONIOENCODING=ascii, a C locale) gets '*' charts.
    ascii_only = not (console.encoding or "").lower().replace("-", "").startswith("utf")
    lines: list[str] = []  # printed together: one print per line is slow

    def say(text: str = "") -> None:
        lines.append(text)

    def flush() -> None:
        if lines:
            console.print("\n".join(lines), markup=False, highlight=False)
            lines.clear()

    for line in heading(p):
        say(line)
    if not p.exercises:
        say("")
        say("Nothing logged in these weeks yet: oneup log EXERCISE SETS records what you did.")
    for kind, title in (("load", "Loads"), ("hold", "Holds and balance"), ("amount", "Other")):
        chosen = [x for x in p.exercises if x.kind == kind]
        if not chosen:
            continue
        say("")
        say(title.upper())
        for x in chosen:
            say("")
            for line in exercise_lines(p, x, width, ascii_only):
                say(line)
            if p.only is not None:
                flush()
                console.print(_days_table(x, box.SIMPLE, Table))
    if p.only is None and p.weeks:
        say("")
        say("WEEK BY WEEK: sessions and adherence")
        sessions = Table(box=box.SIMPLE, pad_edge=False)
        for name in ("Week", "From", "Done", "Adherence"):
            sessions.add_column(name, no_wrap=name != "From")
        for w in p.weeks:
            sessions.add_row(
                str(w.number),
                f"{w.start:%-d %b}",
                f"{w.done_sessions}/{w.prescribed_sessions}",
                charts.bar(w.adherence),
            )
        flush()
        console.print(sessions)
        say("DOSE: achieved / prescribed (target)")
        dose = Table(box=box.SIMPLE, pad_edge=False)
        dose.add_column("Week")
        for key in pr.KEYS:
            _, short, unit = DOSE_WORDS[key]
            dose.add_column(f"{short}\n{unit}", justify="right")
        for w in p.weeks:
            dose.add_row(
                str(w.number),
                *(f"{num(w.achieved[k])}/{num(w.prescribed[k])}" for k in pr.KEYS),
            )
        dose.add_row(
            "Target",
            *(target_words(p.targets[k]) if k in p.targets else "-" for k in pr.KEYS),
        )
        flush()
        console.print(dose)
    if p.only is None:
        say("")
        say("PAIN REPORTED")
        if not p.pain:
            say("  none in these weeks")
        for hurt in p.pain:
            note = f": {visible(hurt.note)}" if hurt.note else ""
            say(f"  {day(hurt.date)}  {visible(hurt.name)}{note}")
    if p.tests:
        say("")
        say("FUNCTIONAL TESTS")
        for t in p.tests:
            say("  " + test_words(t))
        chart_width = min(width, MAX_CHART) - 2
        for name, results in _by_test(p.tests).items():
            if len(results) < 2:  # one result: its line above says it all
                continue
            last = results[-1]
            say("")
            say(f"  {TEST_NAMES.get(name, name)} ({last.unit}):")
            for line in charts.line_chart(
                [(t.date, t.value) for t in results],
                first=p.since if p.since <= results[0].date else results[0].date,
                last=p.until,
                width=chart_width,
                unit=last.unit.split()[0],
                ascii_only=ascii_only,
                cutoff=last.cutoff,
            ):
                say("  " + line)
    flush()


# What a result below its cut-off suggests (SCIENCE.md): never a diagnosis.
BELOW = {
    "chair-stand": "which suggests a higher risk of falling",
    "four-stage": "which suggests a higher risk of falling",
    "tug": "which, with the other tests, may suggest a higher risk of falling",
    "grip": "which suggests low muscle strength",
}


def test_words(t: pr.TestResult) -> str:
    name = TEST_NAMES.get(t.test, t.test)
    line = f"{day(t.date)}  {name}: {num(t.value)} {t.unit}"
    if t.cutoff is not None:
        line += f" (cut-off {num(t.cutoff)} {t.unit})"
    if t.at_risk:
        line += ": below the cut-off, " + BELOW.get(t.test, "worth a talk with your doctor")
    elif t.at_risk is None:
        line += ": no verdict without your year of birth and sex (oneup profile --born --sex)"
    if t.due:
        line += "; a re-test is due"
    return line


def _days_table(x: pr.ExerciseProgress, style: Any, table: Any) -> Any:
    t = table(box=style, pad_edge=False)
    for name in ("Date", "Sets", x.unit, "e1RM", "Support", "Pain"):
        t.add_column(name)
    for pt in x.points:
        t.add_row(
            day(pt.date),
            str(pt.sets),
            num(pt.value),
            num(pt.e1rm) if pt.e1rm is not None else "-",
            pt.support.value if pt.support else "-",
            "pain" if pt.pain else "",
        )
    return t


# --- HTML -------------------------------------------------------------------------------------


def html(p: pr.Progress, paper: str) -> str:
    from .svg import e, line_chart, page

    out: list[str] = []
    head = heading(p)
    out.append(f"<h1>{e(head[0])}</h1>\n")
    out.append("".join(f'<p class="facts">{e(line)}</p>\n' for line in head[1:]))
    for kind, title in (("load", "Loads"), ("hold", "Holds and balance"), ("amount", "Other")):
        chosen = [x for x in p.exercises if x.kind == kind]
        if not chosen:
            continue
        out.append(f"<h2>{e(title)}</h2>\n")
        for x in chosen:
            out.append(f"<h3>{e(x.exercise.name)}</h3>\n")
            out.append("".join(f"<p>{e(line)}</p>\n" for line in best_words(x)))
            series = [("working load" if kind == "load" else x.unit, _pts(x, "value"), "")]
            if kind == "load":
                series.append(("estimated 1RM", _pts(x, "e1rm"), "5 3"))
            out.append(
                line_chart(series, first=p.since, last=p.until, unit=x.unit, title=x.exercise.name)
            )
    if p.only is None and p.weeks:
        out.append("<h2>Week by week</h2>\n")
        out.append(
            '<p class="small">Each dose: achieved (from the log) / prescribed (the plan '
            "for those days); the program's target in the last row.</p>\n"
        )
        cols = "".join(f'<th class="n">{e(DOSE_WORDS[k][0])}</th>' for k in pr.KEYS)
        rows = [
            '<table><thead><tr><th class="nw">Week of</th><th class="n">Sessions</th>'
            f'<th class="n">Done</th>{cols}</tr></thead><tbody>'
        ]
        for w in p.weeks:
            cells = "".join(
                f'<td class="n">{e(num(w.achieved[k]))} / {e(num(w.prescribed[k]))}</td>'
                for k in pr.KEYS
            )
            rows.append(
                f'<tr><td class="nw">{e(f"{w.start:%-d %b}")}</td>'
                f'<td class="n">{w.done_sessions} / {w.prescribed_sessions}</td>'
                f'<td class="n">{e(_share(w.adherence))}</td>{cells}</tr>'
            )
        targets = "".join(
            f'<td class="n">{e(target_words(p.targets[k]) if k in p.targets else "-")}</td>'
            for k in pr.KEYS
        )
        rows.append(f'<tr><th colspan="3">Target</th>{targets}</tr></tbody></table>\n')
        out.append("".join(rows))
    if p.only is None:
        out.append("<h2>Pain reported</h2>\n")
        if not p.pain:
            out.append("<p>None in these weeks.</p>\n")
        else:
            out.append("<table><thead><tr><th>Date</th><th>Exercise</th><th>Note</th></tr>")
            out.append("</thead><tbody>")
            for hurt in p.pain:
                out.append(
                    f"<tr><td>{e(day(hurt.date))}</td><td>{e(hurt.name)}</td>"
                    f"<td>{e(hurt.note or '')}</td></tr>"
                )
            out.append("</tbody></table>\n")
    if p.tests:
        out.append("<h2>Functional tests</h2>\n")
        for name, results in _by_test(p.tests).items():
            out.append(f"<h3>{e(TEST_NAMES.get(name, name))}</h3>\n")
            out.append("".join(f"<p>{e(test_words(t))}</p>\n" for t in results))
            series = [("result", [(t.date, t.value) for t in results], "")]
            cutoff = results[-1].cutoff
            if cutoff is not None:
                series.append(("cut-off", [(p.since, cutoff), (p.until, cutoff)], "5 3"))
            out.append(
                line_chart(series, first=p.since, last=p.until, unit=results[-1].unit, title=name)
            )
    return page(head[0], "".join(out), paper)


def _by_test(tests: list[pr.TestResult]) -> dict[str, list[pr.TestResult]]:
    found: dict[str, list[pr.TestResult]] = {}
    for t in sorted(tests, key=lambda t: t.date):
        found.setdefault(t.test, []).append(t)
    return found


def _pts(x: pr.ExerciseProgress, field: str) -> list[tuple[Any, float]]:
    return [(pt.date, v) for pt in x.points if (v := getattr(pt, field)) is not None]
