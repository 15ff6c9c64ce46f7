"""A weekly plan as a PDF, with fpdf2 (imported here only, when a PDF is asked for).

Pages: for every week, an overview page (who, program, dates, the daily checklist, the stop
rules, the disclaimer, the sources), then one page per session (its blocks as tables with
boxes to write in, the stop rules, the disclaimer). So a plan has weeks + sessions pages.
A session too long for one page at the normal size is set a little smaller; only when even
the smallest size cannot hold it does it run on to a second page (never clipped).

The text is set in DejaVu Sans, shipped in oneup_cli/fonts with its licence and embedded
(subset) in the file, so any name prints: Zoë Łukasiewicz, José Núñez.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from .. import weekplan as wp
from ..errors import OneupError
from .registry import PDF_MISSING, Options

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
MARGIN = 12.0  # mm, all round
FOOTER = 8.0  # mm kept clear at the bottom for the page footer
# Type sizes in points at scale 1; a session that does not fit a page is set smaller.
SCALES = (1.0, 0.93, 0.86, 0.8)
GREY = 235
TICK = "☐"
UNUSED = "\u2013"  # an en dash: no set here


def _sheet(cls: Any, options: Options, fonts: dict[str, Path], *, page_breaks: bool) -> Any:
    pdf = cls(format="letter" if options.paper == "letter" else "A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(page_breaks, margin=MARGIN + FOOTER)
    for style, path in fonts.items():
        pdf.add_font(FONT, style, str(path))
    return pdf


@contextmanager
def _font_paths() -> Iterator[dict[str, Path]]:
    """Real files for the packaged fonts, even from a zipped install."""
    base = resources.files("oneup_cli") / "fonts"
    with ExitStack() as stack:
        yield {
            style: stack.enter_context(resources.as_file(base / name))
            for style, name in FONT_FILES.items()
        }


def render(plan: wp.WeekPlan, options: Options) -> bytes:
    try:
        from fpdf import FPDF
    except ImportError:
        raise OneupError(PDF_MISSING) from None

    class Sheet(FPDF):
        running = plan.disclaimer  # on every page, in the footer
        # Table cells use fpdf2's markdown for bold, always escaped (md()); links are off,
        # so text like "[x](y)" from a program file prints as it is.
        MARKDOWN_LINK_REGEX = re.compile(r"(?!)")

        def footer(self) -> None:
            self.set_y(-MARGIN - 1)
            self.set_font(FONT, "", 8)
            self.set_text_color(60)
            self.cell(0, 4, self.running, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 4, f"page {self.page_no()} of {{nb}}", align="R")
            self.set_text_color(0)

    # The font files stay open until the output is written: fpdf2 reads glyphs lazily.
    with _font_paths() as fonts:
        pdf = _sheet(Sheet, options, fonts, page_breaks=True)
        # A scratch document without page breaks: a page drawn on it shows its full height.
        probe = _sheet(Sheet, options, fonts, page_breaks=False)
        pdf.set_title(f"{wp.title(plan)}: {plan.program.name}")
        pdf.set_author("oneup")
        pdf.set_creator("oneup")
        for week in plan.weeks:
            pages = [functools.partial(_overview, plan=plan, week=week)]
            pages += [
                functools.partial(_session, plan=plan, week=week, session=s) for s in week.sessions
            ]
            for draw in pages:
                pdf.add_page()
                draw(pdf, _scale(probe, draw))
        return bytes(pdf.output())


# ---------------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------------


def _text(pdf: Any, text: str, size: float, style: str = "", gap: float = 0.0) -> None:
    """A paragraph across the page, wrapped at words."""
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(0, size * 0.45, text, align="L", new_x="LMARGIN", new_y="NEXT")
    if gap:
        pdf.ln(gap)


def _facts(pdf: Any, facts: Sequence[tuple[str, str]], size: float) -> None:
    """'Label: value' lines, the label bold, the value wrapped under itself."""
    pdf.set_font(FONT, "B", size)
    label_w = max(pdf.get_string_width(f"{k}: ") for k, _ in facts) + 2
    for label, value in facts:
        pdf.set_font(FONT, "B", size)
        y = pdf.get_y()
        pdf.cell(label_w, size * 0.45, f"{label}:")
        pdf.set_xy(pdf.l_margin + label_w, y)
        pdf.set_font(FONT, "", size)
        pdf.multi_cell(0, size * 0.45, value, align="L", new_x="LMARGIN", new_y="NEXT")


def _stop_rules(pdf: Any, plan: wp.WeekPlan, scale: float) -> None:
    """The stop rules in a box, kept whole: a box that would not fit starts a new page."""
    size = 10 * scale
    line = size * 0.45
    inner = pdf.epw - 4
    pdf.set_font(FONT, "", size)
    rules = [f"•  {rule}" for rule in plan.stop_rules]
    height = 2.5 + size * 0.5 + line + 1
    height += sum(pdf.multi_cell(inner, line, r, dry_run=True, output="HEIGHT") for r in rules)
    pdf.ln(1.5)
    if pdf.will_page_break(height):
        pdf.add_page()
    top = pdf.get_y()
    pdf.ln(1)
    pdf.set_x(pdf.l_margin + 2)
    pdf.set_font(FONT, "B", size + 1)
    pdf.cell(0, size * 0.5, "Stop and get help if", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", size)
    for rule in rules:
        pdf.set_x(pdf.l_margin + 2)
        pdf.multi_cell(inner, line, rule, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + 2)
    pdf.set_font(FONT, "", size - 1.5)
    pdf.cell(0, line, f"({plan.stop_rules_sources})", new_x="LMARGIN", new_y="NEXT")
    bottom = pdf.get_y() + 1
    pdf.set_line_width(0.5)
    pdf.rect(pdf.l_margin, top, pdf.epw, bottom - top)
    pdf.set_line_width(0.2)
    pdf.set_y(bottom + 1.5)


def md(text: str) -> str:
    """Text for a markdown table cell: fpdf2's markers and its escape character escaped."""
    text = text.replace("\\", "\\\\")
    for marker in ("**", "__", "--", "~~"):
        text = text.replace(marker, "\\" + marker)
    return text


def _table(pdf: Any, widths: Sequence[float], align: Sequence[str], size: float) -> Any:
    from fpdf.fonts import FontFace

    pdf.set_font(FONT, "", size)
    return pdf.table(
        col_widths=tuple(widths),
        width=min(sum(widths), pdf.epw),
        align="LEFT",
        text_align=tuple(align),
        v_align="TOP",
        line_height=size * 0.42,
        padding=(1.0, 1.2),
        headings_style=FontFace(family=FONT, emphasis="BOLD", fill_color=GREY, size_pt=size),
        repeat_headings=1,
        markdown=True,
    )


# ---------------------------------------------------------------------------------------------
# The overview page of a week
# ---------------------------------------------------------------------------------------------


def _overview(pdf: Any, scale: float, *, plan: wp.WeekPlan, week: wp.Week) -> None:
    from fpdf.fonts import FontFace

    _text(pdf, wp.title(plan), 18 * scale, "B", gap=1.5)
    facts = [
        ("Program", plan.program.name),
        ("When", f"Week {week.number} of {week.total_weeks}, {wp.span(week.start, week.end)}"),
        ("Phase", wp.phase_words(week)),
        ("Training days", ", ".join(d.capitalize() for d in plan.profile.days)),
    ]
    if plan.notes:
        facts.append(("Notes", plan.notes))
    _facts(pdf, facts, 11 * scale)
    pdf.ln(1.5)
    _text(pdf, wp.loads_words(plan, week), 10 * scale, gap=1)
    for note in week.notes:
        _text(pdf, note, 10 * scale, "B", gap=1)
    if week.checklist:
        _text(pdf, "Every day: tick when done", 13 * scale, "B", gap=1)
        day_w = 11.5
        name_w = (pdf.epw - 7 * day_w) * 0.45
        widths = [name_w, pdf.epw - 7 * day_w - name_w, *([day_w] * 7)]
        unused = FontFace(fill_color=GREY)
        group = FontFace(emphasis="BOLD", fill_color=GREY)
        tick = FontFace(size_pt=15 * scale)
        block = None
        with _table(pdf, widths, ["LEFT", "LEFT", *(["CENTER"] * 7)], 10 * scale) as table:
            table.row(["Exercise", "Amount", *(f"{d:%a}\n{d:%-d}" for d in week.dates)])
            for c in week.checklist:
                if c.block != block:  # a row naming the block: Balance, Impact, Walk...
                    block = c.block
                    table.row().cell(md(block), colspan=len(widths), style=group)
                row = table.row(min_height=7 * scale)
                row.cell(f"**{md(c.name)}**")
                row.cell(md(c.dose) + (f"\n{md(c.aim)}" if c.aim else ""))
                for on in c.days:
                    if on:
                        row.cell(TICK, style=tick, v_align="MIDDLE")
                    else:
                        row.cell(UNUSED, style=unused, v_align="MIDDLE")
        pdf.ln(1)
    _text(pdf, wp.EFFORT_SCALE, 10 * scale, gap=0.5)
    _stop_rules(pdf, plan, scale)
    _text(pdf, plan.disclaimer, 10 * scale, "B", gap=2)
    _text(pdf, "Sources", 10 * scale, "B", gap=0.5)
    pdf.set_font(FONT, "", 8 * scale)
    for key, ref in plan.sources:
        pdf.multi_cell(
            0,
            8 * scale * 0.45,
            f"**{md(key)}:** {md(ref)}",
            align="L",
            markdown=True,
            new_x="LMARGIN",
            new_y="NEXT",
        )


# ---------------------------------------------------------------------------------------------
# A session page
# ---------------------------------------------------------------------------------------------


def _scale(probe: Any, draw: Callable[[Any, float], None]) -> float:
    """The largest scale at which a page's content fits one page. Content that even the
    smallest scale does not fit (the 18 to 28 exercises of an Otago session) runs on to a
    second page instead, at the largest scale that fills under two (rows never split and
    headings repeat, so two pages hold a little less than twice one)."""
    room = probe.page_break_trigger - probe.t_margin
    heights: dict[float, float] = {}
    for scale in SCALES:
        probe.add_page()
        draw(probe, scale)
        heights[scale] = probe.y - probe.t_margin
        if heights[scale] <= room:
            return scale
    for scale in SCALES:
        if heights[scale] <= room * 1.8:
            return scale
    return SCALES[-1]


def _session(
    pdf: Any, scale: float, *, plan: wp.WeekPlan, week: wp.Week, session: wp.SessionPlan
) -> None:
    pdf.set_text_color(60)
    who = plan.client or "Name: ____________"
    _text(
        pdf,
        f"{who} · {plan.program.name} · week {week.number} of {week.total_weeks} · "
        f"{wp.phase_words(week)}",
        9,
    )
    pdf.set_text_color(0)
    pdf.ln(1)
    _text(pdf, f"{wp.day_long(session.date)}: session {session.label}", 16 * scale, "B", gap=1)
    for block in session.blocks:
        _block(pdf, block, scale)
    _stop_rules(pdf, plan, scale)


def _block(pdf: Any, block: wp.BlockRows, scale: float) -> None:
    from fpdf.fonts import FontFace

    size = 10.5 * scale
    pdf.ln(1)
    _text(pdf, block.title, 12.5 * scale, "B")
    if block.note:
        _text(pdf, block.note, 9 * scale)
    pdf.ln(0.5)
    sets = block.max_sets
    target = block.has_targets  # holds and stretches have no load: no Target column
    do_w, target_w, effort_w = 27.0, 34.0 if target else 0.0, 15.0
    box_w = min(15.0 if sets <= 3 else 12.0, (pdf.epw - do_w - target_w - effort_w - 55.0) / sets)
    name_w = pdf.epw - do_w - target_w - effort_w - box_w * sets
    widths = [name_w, do_w, *([target_w] if target else []), *([box_w] * sets), effort_w]
    aligns = ["LEFT", "LEFT", *(["LEFT"] if target else []), *(["CENTER"] * sets), "CENTER"]
    unused = FontFace(fill_color=GREY)
    hint = FontFace(color=110, size_pt=size - 2)
    with _table(pdf, widths, aligns, size) as table:
        heads = [f"Set {n}" if box_w >= 13 else str(n) for n in range(1, sets + 1)]
        table.row(["Exercise", "Do", *(["Target"] if target else []), *heads, "Effort"])
        for row in block.rows:
            cells = table.row(min_height=10 * scale)
            name = f"**{md(row.name)}**\n{md(row.cue)}"
            name += "".join(f"\n**!** {md(note)}" for note in row.notes)
            cells.cell(name)
            cells.cell(md(row.dose) + (f"\n{md(row.rest)}" if row.rest else ""))
            if target:
                cells.cell(_target(row))
            for n in range(sets):
                if n < row.sets:
                    cells.cell("")
                else:
                    cells.cell(UNUSED, style=unused, v_align="MIDDLE")
            cells.cell("/10", style=hint, align="RIGHT", v_align="BOTTOM")


def _target(row: wp.Row) -> str:
    lines = []
    if row.blank is not None:
        lines.append(f"______ {md(row.blank)}")
    elif row.load:
        lines.append(f"**{md(row.load)}**")
    if row.aim:
        lines.append(md(row.aim))
    return "\n".join(lines)
