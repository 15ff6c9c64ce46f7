"""A weekly plan as one self-contained HTML page, made to be printed.

No scripts, no external fonts, styles or images: the file opens the same anywhere, offline.
Printed, each week starts with an overview page and each session has a page of its own
(the same pages as the PDF). Black on white, at least 11 pt, and nothing that needs colour
to be read. Every piece of text is escaped: a client's name, the trainer's notes, and the
names in a user's program file are data, never markup.
"""

from __future__ import annotations

from html import escape

from .. import weekplan as wp
from .. import words
from .registry import Options

PAGE_SIZES = {"a4": "A4", "letter": "letter"}

CSS = """
@page { size: %(size)s; margin: 10mm 11mm; }
* { box-sizing: border-box; }
body { font-family: Arial, Helvetica, "Liberation Sans", "DejaVu Sans", sans-serif;
  font-size: 12pt; line-height: 1.15; color: #000; background: #fff;
  max-width: 190mm; margin: 1rem auto; padding: 0 1rem; }
h1 { font-size: 18pt; margin: 0 0 3pt; }
h2 { font-size: 14pt; margin: 8pt 0 3pt; }
h3 { font-size: 12pt; margin: 5pt 0 2pt; }
p { margin: 2pt 0; }
.facts { margin: 0 0 4pt; }
.facts div { margin: 0; }
.running { font-size: 11pt; border-bottom: 1px solid #000; padding-bottom: 2pt; margin: 0 0 4pt; }
table { border-collapse: collapse; width: 100%%; margin: 2pt 0 4pt; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 1.5pt 3pt; vertical-align: top; text-align: left;
  font-size: 11pt; overflow-wrap: break-word; }
th { background: #e8e8e8; font-weight: bold; }
tr { break-inside: avoid; page-break-inside: avoid; }
col.do { width: 28mm; }
col.target { width: 33mm; }
col.effort { width: 15mm; }
col.amount { width: 52mm; }
col.day { width: 11mm; }
td.box, td.effort { height: 9mm; }
td.unused { background: #eee; text-align: center; color: #555; vertical-align: middle; }
td.effort { text-align: right; vertical-align: bottom; color: #555; }
td.day, th.day { text-align: center; vertical-align: middle; padding: 2pt 0; }
.tick { display: inline-block; width: 5mm; height: 5mm; border: 1.5px solid #000; }
.cue { font-style: italic; }
.warn { font-weight: bold; }
.blank { display: inline-block; min-width: 16mm; height: 1.1em; border-bottom: 1px solid #000;
  vertical-align: bottom; margin-bottom: 3pt; }
tr.group td { background: #e8e8e8; font-weight: bold; }
.block-note { font-style: italic; }
.stop { border: 2px solid #000; padding: 2pt 6pt; margin: 6pt 0 3pt; break-inside: avoid;
  page-break-inside: avoid; }
.stop h3 span { font-weight: normal; font-size: 11pt; }
.stop h3 { margin: 1pt 0; }
.stop ul { margin: 1pt 0; padding-left: 14pt; }
.sources { break-inside: avoid; page-break-inside: avoid; }
.sources p { font-size: 11pt; margin: 1pt 0; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
.small { font-size: 11pt; }
section.page + section.page { break-before: page; page-break-before: always; }
@media screen { section.page + section.page { border-top: 3px double #000; margin-top: 16pt;
  padding-top: 8pt; } }
@media print { body { font-size: 11pt; max-width: none; margin: 0; padding: 0; }
  h1 { font-size: 16pt; } }
"""


def e(text: object) -> str:
    """Escaped for HTML; control characters shown as escapes (words.visible), line breaks kept."""
    return escape(words.visible(str(text), keep="\n\t"), quote=True)


def render(plan: wp.WeekPlan, options: Options) -> str:
    size = PAGE_SIZES.get(options.paper, "A4")
    pages: list[str] = []
    for week in plan.weeks:
        pages.append(_overview(plan, week))
        pages += [_session(plan, week, s) for s in week.sessions]
    title = f"{words.title(plan)}: {plan.program.name}"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(title)}</title>",
            f"<style>{CSS % {'size': size}}</style>",
            "</head>",
            "<body>",
            *pages,
            "</body>",
            "</html>",
            "",
        ]
    )


def _overview(plan: wp.WeekPlan, week: wp.Week) -> str:
    facts = words.facts(plan, week)
    out = [
        '<section class="page week">',
        f"<h1>{e(words.title(plan))}</h1>",
        '<div class="facts">',
        *(f"<div><strong>{e(k)}:</strong> {e(v)}</div>" for k, v in facts),
        "</div>",
        f"<p>{e(words.loads_words(plan, week))}</p>",
        f'<p class="dose">{e(words.dose_line(week.dose))}</p>',
        *(f'<p class="warn">{e(n)}</p>' for n in week.notes),
    ]
    if week.checklist:
        out += ["<h2>Every day: tick when done</h2>", "<table>"]
        out += ['<colgroup><col><col class="amount">', '<col class="day">' * 7, "</colgroup>"]
        out.append("<thead><tr>")
        out += ["<th>Exercise</th><th>Amount</th>"]
        out += [f'<th class="day">{d:%a}<br>{d:%-d}</th>' for d in week.dates]
        out += ["</tr></thead>", "<tbody>"]
        block = None
        for c in week.checklist:
            if c.block != block:  # a row naming the block: Balance, Impact, Walk...
                block = c.block
                out.append(f'<tr class="group"><td colspan="9">{e(block)}</td></tr>')
            amount = e(c.dose) + (f"<br>{e(c.aim)}" if c.aim else "")
            days = "".join(
                '<td class="day"><span class="tick"></span></td>'
                if on
                else '<td class="day unused">—</td>'
                for on in c.days
            )
            out.append(f"<tr><td><strong>{e(c.name)}</strong></td><td>{amount}</td>{days}</tr>")
        out += ["</tbody>", "</table>"]
    out += [
        f"<p>{e(words.EFFORT_SCALE)}</p>",
        _stop_rules(plan),
        f'<p class="small"><strong>{e(plan.disclaimer)}</strong></p>',
        '<div class="sources">',
        "<h3>Sources</h3>",
        *(f"<p><strong>{e(k)}</strong>: {e(ref)}</p>" for k, ref in plan.sources),
        "</div>",
        "</section>",
    ]
    return "\n".join(out)


_TARGET_LINE = {
    "blank": '<span class="blank">&nbsp;</span> {}',
    "load": "<strong>{}</strong>",
    "aim": "{}",
}


def _target(row: wp.Row) -> str:
    return "<br>".join(_TARGET_LINE[kind].format(e(text)) for kind, text in row.target_lines())


def _session(plan: wp.WeekPlan, week: wp.Week, session: wp.SessionPlan) -> str:
    who = plan.client or "Name: ____________"
    out = [
        '<section class="page session">',
        f'<p class="running">{e(who)} · {e(plan.program.name)} · '
        f"{words.week_of(week.number, week.total_weeks)} · {e(words.phase_words(week))}</p>",
        f"<h1>{e(words.day_long(session.date))}: session {e(session.label)}</h1>",
    ]
    for block in session.blocks:
        sets = block.max_sets
        out.append(f"<h3>{e(block.title)}</h3>")
        if block.note:
            out.append(f'<p class="block-note">{e(block.note)}</p>')
        target = block.has_targets
        out += ["<table>", '<colgroup><col><col class="do">']
        out += ['<col class="target">' if target else ""]
        box = min(14.0, (188 - 28 - 33 * target - 15 - 60) / sets)  # mm; the exercise keeps 60+
        out += [f'<col style="width: {box:.1f}mm">' * sets, '<col class="effort">', "</colgroup>"]
        out += ["<thead><tr>", "<th>Exercise</th><th>Do</th>"]
        out += ["<th>Target</th>" if target else ""]
        out += [f"<th>Set {n}</th>" if sets <= 3 else f"<th>{n}</th>" for n in range(1, sets + 1)]
        out += ["<th>Effort</th>", "</tr></thead>", "<tbody>"]
        for row in block.rows:
            name = f'<strong>{e(row.name)}.</strong> <span class="cue">{e(row.cue)}</span>'
            name += "".join(f'<br><span class="warn">! {e(n)}</span>' for n in row.notes)
            dose = e(row.dose) + (f"<br>{e(row.rest)}" if row.rest else "")
            boxes = "".join(
                '<td class="box"></td>' if n < row.sets else '<td class="box unused">—</td>'
                for n in range(sets)
            )
            out.append(
                f'<tr><td class="name">{name}</td><td>{dose}</td>'
                + (f"<td>{_target(row)}</td>" if target else "")
                + f'{boxes}<td class="effort">/10</td></tr>'
            )
        out += ["</tbody>", "</table>"]
    out += [_stop_rules(plan, disclaimer=True), "</section>"]
    return "\n".join(out)


def _stop_rules(plan: wp.WeekPlan, *, disclaimer: bool = False) -> str:
    """The stop rules in a box that a page break never splits (with the disclaimer inside
    on session pages, so it cannot be left behind on a page of its own)."""
    items = "".join(f"<li>{e(rule)}</li>" for rule in plan.stop_rules)
    last = f'<p class="small">{e(plan.disclaimer)}</p>' if disclaimer else ""
    return (
        f'<div class="stop"><h3>Stop and get help if <span>({e(plan.stop_rules_sources)})'
        f"</span></h3><ul>{items}</ul>{last}</div>"
    )
