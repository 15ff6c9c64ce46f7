"""A weekly plan as Markdown: headings and pipe tables that GitHub and most viewers render.

Every piece of text from a profile, a program file or the command line is escaped, so a name
cannot break a table or smuggle in HTML; `<br>` is the only markup inside cells.
"""

from __future__ import annotations

import re

from .. import weekplan as wp
from .. import words
from ..safety import STOP_RULES
from .registry import Options

TICK = "☐"
UNUSED = "—"
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
_LINE_START = re.compile(r"^([-+]|\d+[.)])")


def esc(text: str) -> str:
    """Backslash-escape the punctuation Markdown acts on, and a list marker at the start;
    newlines are folded into spaces, as they would end a table row; control characters are
    shown as escapes (words.visible), never passed to a terminal that prints the file."""
    escaped = _SPECIAL.sub(r"\\\1", words.visible(" ".join(text.split())))
    return _LINE_START.sub(lambda m: f"{m.group(1)[:-1]}\\{m.group(1)[-1]}", escaped)


def _table(head: list[str], rows: list[list[str]], align: list[str] | None = None) -> list[str]:
    marks = align or ["---"] * len(head)
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(marks) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render(plan: wp.WeekPlan, options: Options) -> str:
    lines = [f"# {esc(words.title(plan))}", ""]
    lines += [f"**{label}:** {esc(value)}  " for label, value in words.facts(plan)]
    lines[-1] = lines[-1].rstrip()
    lines += ["", f"> {esc(plan.disclaimer)}", "", esc(words.EFFORT_SCALE), ""]
    for week in plan.weeks:
        lines += _week(plan, week)
    lines += [
        "## Sources",
        "",
        *[f"- **{esc(key)}**: {esc(ref)}" for key, ref in plan.sources],
        f"- Stop rules: {esc(plan.stop_rules_sources)}",
        "",
    ]
    return "\n".join(lines)


def _week(plan: wp.WeekPlan, week: wp.Week) -> list[str]:
    lines = [
        f"## Week {week.number}: {esc(words.span(week.start, week.end))}",
        "",
        f"{esc(words.phase_words(week))}. {esc(words.loads_words(plan, week))}",
        "",
        esc(words.dose_line(week.dose)),
        "",
    ]
    for note in week.notes:
        lines += [f"**{esc(note)}**", ""]
    if week.checklist:
        lines += ["### Every day: tick when done", ""]
        head = ["Exercise", "Amount", *(f"{d:%a} {d:%-d}" for d in week.dates)]
        rows = [
            [
                f"{esc(c.block)}: **{esc(c.name)}**",
                esc(c.dose) + (f"<br>{esc(c.aim)}" if c.aim else ""),
                *(TICK if on else UNUSED for on in c.days),
            ]
            for c in week.checklist
        ]
        lines += _table(head, rows, ["---", "---", *([":-:"] * 7)])
        lines.append("")
    for session in week.sessions:
        lines += _session(session)
    return lines


_TARGET_LINE = {"blank": "\\_\\_\\_\\_ {}", "load": "**{}**", "aim": "{}"}


def _target(row: wp.Row) -> str:
    return "<br>".join(_TARGET_LINE[kind].format(esc(text)) for kind, text in row.target_lines())


def _session(session: wp.SessionPlan) -> list[str]:
    lines = [f"### {esc(words.day_long(session.date))}: session {esc(session.label)}", ""]
    for block in session.blocks:
        lines += [f"#### {esc(block.title)}", ""]
        if block.note:
            lines += [f"*{esc(block.note)}*", ""]
        sets = block.max_sets
        target = ["Target"] if block.has_targets else []
        head = ["Exercise", "Do", *target, *(f"Set {n}" for n in range(1, sets + 1)), "Effort"]
        rows = []
        for row in block.rows:
            name = f"**{esc(row.name)}**<br>*{esc(row.cue)}*"
            name += "".join(f"<br>⚠ {esc(note)}" for note in row.notes)
            dose = esc(row.dose) + (f"<br>{esc(row.rest)}" if row.rest else "")
            boxes = ["" if n < row.sets else UNUSED for n in range(sets)]
            target = [_target(row)] if block.has_targets else []
            rows.append([name, dose, *target, *boxes, "/10"])
        lines += _table(head, rows)
        lines.append("")
    lines += ["**Stop and get help if:**", ""]
    lines += [f"- {esc(rule)}" for rule in STOP_RULES]
    lines.append("")
    return lines
