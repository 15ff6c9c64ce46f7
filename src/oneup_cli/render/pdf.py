"""A weekly plan as a PDF, with fpdf2 (imported here only, when a PDF is asked for).

Pages: for every week, an overview page (who, program, dates, the daily checklist, the stop
rules, the disclaimer, the sources), then one page per session (its blocks as tables with
boxes to write in, the stop rules, the disclaimer). So a plan has weeks + sessions pages.
A session too long for one page at the normal size is set a little smaller; only when even
the smallest size cannot hold it does it run on to a second page (never clipped).

The text is set in DejaVu Sans, shipped in oneup_cli/fonts with its licence and embedded
(subset) in the file, so any name prints: Zoë Łukasiewicz, José Núñez.

Speed: `oneup bulk` makes thousands of these in one process, so work that repeats from plan
to plan is done once, without changing a byte of the output (tests/test_bulk.py checks).
fastpdf.py makes fpdf2 itself quicker (fonts parsed once, line breaks and font subsets
remembered). Here, a page is made of parts (a block's table, the stop rules...), and the
height of each part at each type size is remembered (_height), so choosing a page's size
costs little once the first plans are made.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

from .. import weekplan as wp
from ..errors import OneupError
from ..words import week_of
from . import fastpdf
from .fastpdf import FONT
from .registry import PDF_MISSING, Options

MARGIN = 12.0  # mm, all round
FOOTER = 8.0  # mm kept clear at the bottom for the page footer
# Type sizes in points at scale 1; a session that does not fit a page is set smaller.
SCALES = (1.0, 0.93, 0.86, 0.8)
# Every document embeds these glyphs of each font, used or not: printable ASCII. Then
# most plans embed the very same subsets, which fastpdf makes once per process, for about
# 8 kB more a file.
EVERY_SUBSET = range(0x20, 0x7F)
GREY = 235
TICK = "☐"
UNUSED = "\u2013"  # an en dash: no set here


def _sheet(cls: Any, options: Options, *, page_breaks: bool) -> Any:
    pdf = cls(format="letter" if options.paper == "letter" else "A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(page_breaks, margin=MARGIN + FOOTER)
    fastpdf.add_fonts(pdf)
    return pdf


def warm() -> None:
    """Do the once-per-process work now (a worker of `oneup bulk` calls this at start)."""
    fastpdf.parsed_fonts()


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

    pdf = _sheet(Sheet, options, page_breaks=True)
    # A scratch document without page breaks: a page drawn on it shows its full height.
    probe = _sheet(Sheet, options, page_breaks=False)
    pdf.set_title(f"{wp.title(plan)}: {plan.program.name}")
    pdf.set_author("oneup")
    pdf.set_creator("oneup")
    for week in plan.weeks:
        pages = [_overview(plan, week)]
        pages += [_session(plan, week, s) for s in week.sessions]
        for parts in pages:
            pdf.add_page()
            scale = _scale(probe, parts)
            for part in parts:
                part(pdf, scale)
    for font in pdf.fonts.values():  # see EVERY_SUBSET
        for code in EVERY_SUBSET:
            font.subset.pick(code)
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


def _stop_rules(
    pdf: Any, scale: float, *, stop_rules: tuple[str, ...], stop_rules_sources: str
) -> None:
    """The stop rules in a box, kept whole: a box that would not fit starts a new page."""
    size = 10 * scale
    line = size * 0.45
    inner = pdf.epw - 4
    pdf.set_font(FONT, "", size)
    rules = [f"•  {rule}" for rule in stop_rules]
    height = 2.5 + size * 0.5 + line + 1
    key = ("rules", tuple(rules), size, inner)
    if key not in _HEIGHTS:
        _HEIGHTS[key] = sum(
            pdf.multi_cell(inner, line, r, dry_run=True, output="HEIGHT") for r in rules
        )
    height += _HEIGHTS[key]
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
    pdf.cell(0, line, f"({stop_rules_sources})", new_x="LMARGIN", new_y="NEXT")
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


Part = Callable[[Any, float], None]  # draws one part of a page at a scale


def _part(draw: Callable[..., None], **values: Any) -> Part:
    """A part of a page: a drawing function and the plain, hashable values it draws, so
    that its height at a scale can be remembered (see _scale)."""
    return functools.partial(draw, **values)


def _stops(plan: wp.WeekPlan) -> Part:
    return _part(
        _stop_rules, stop_rules=tuple(plan.stop_rules), stop_rules_sources=plan.stop_rules_sources
    )


def _overview(plan: wp.WeekPlan, week: wp.Week) -> list[Part]:
    facts = wp.facts(plan, week)
    parts = [
        _part(
            _overview_top,
            title=wp.title(plan),
            facts=tuple(facts),
            loads=wp.loads_words(plan, week),
            notes=tuple(week.notes),
        )
    ]
    if week.checklist:
        rows = tuple(
            (c.block, f"**{md(c.name)}**", md(c.dose) + (f"\n{md(c.aim)}" if c.aim else ""), c.days)
            for c in week.checklist
        )
        days = tuple(f"{d:%a}\n{d:%-d}" for d in week.dates)
        parts.append(_part(_checklist, days=days, rows=rows))
    parts.append(_part(_text_part, text=wp.EFFORT_SCALE, size=10.0, style="", gap=0.5))
    parts.append(_stops(plan))
    parts.append(_part(_overview_end, disclaimer=plan.disclaimer, sources=tuple(plan.sources)))
    return parts


def _text_part(pdf: Any, scale: float, *, text: str, size: float, style: str, gap: float) -> None:
    _text(pdf, text, size * scale, style, gap=gap)


def _overview_top(
    pdf: Any,
    scale: float,
    *,
    title: str,
    facts: tuple[tuple[str, str], ...],
    loads: str,
    notes: tuple[str, ...],
) -> None:
    _text(pdf, title, 18 * scale, "B", gap=1.5)
    _facts(pdf, facts, 11 * scale)
    pdf.ln(1.5)
    _text(pdf, loads, 10 * scale, gap=1)
    for note in notes:
        _text(pdf, note, 10 * scale, "B", gap=1)


def _checklist(
    pdf: Any,
    scale: float,
    *,
    days: tuple[str, ...],
    rows: tuple[tuple[str, str, str, tuple[bool, ...]], ...],
) -> None:
    """The daily work, a row per exercise, a box on each day it is for."""
    from fpdf.fonts import FontFace

    _text(pdf, "Every day: tick when done", 13 * scale, "B", gap=1)
    day_w = 11.5
    name_w = (pdf.epw - 7 * day_w) * 0.45
    widths = [name_w, pdf.epw - 7 * day_w - name_w, *([day_w] * 7)]
    unused = FontFace(fill_color=GREY)
    group = FontFace(emphasis="BOLD", fill_color=GREY)
    tick = FontFace(size_pt=15 * scale)
    block = None
    with _table(pdf, widths, ["LEFT", "LEFT", *(["CENTER"] * 7)], 10 * scale) as table:
        table.row(["Exercise", "Amount", *days])
        for title, name, amount, on_days in rows:
            if title != block:  # a row naming the block: Balance, Impact, Walk...
                block = title
                table.row().cell(md(block), colspan=len(widths), style=group)
            row = table.row(min_height=7 * scale)
            row.cell(name)
            row.cell(amount)
            for on in on_days:
                if on:
                    row.cell(TICK, style=tick, v_align="MIDDLE")
                else:
                    row.cell(UNUSED, style=unused, v_align="MIDDLE")
    pdf.ln(1)


def _overview_end(
    pdf: Any, scale: float, *, disclaimer: str, sources: tuple[tuple[str, str], ...]
) -> None:
    _text(pdf, disclaimer, 10 * scale, "B", gap=2)
    _text(pdf, "Sources", 10 * scale, "B", gap=0.5)
    pdf.set_font(FONT, "", 8 * scale)
    for key, ref in sources:
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


# The height of a part of a page by (part, scale, page size): a page's parts recur from plan
# to plan (a block of exercises, the stop rules), so after the first plans of a run most
# pages are sized without drawing anything twice. Bounded: a long run cannot fill memory.
_HEIGHTS: dict[tuple[Any, ...], float] = {}
_MAX_HEIGHTS = 20_000
# A page whose height is this close to a limit is measured whole, as one drawing, so that
# sums of parts rounded differently can never choose another size than drawing would.
_CLOSE = 1e-6


# Parts drawn at the same size whatever the page's scale.
_FIXED_SIZE = frozenset({"_session_line"})
_DIGITS = re.compile(r"[0-9]")


@functools.cache
def _digits_alike() -> bool:
    """Whether every digit is as wide as every other in both fonts (DejaVu's are): then a
    text's lines break in the same places whatever its digits, and dates and numbers can be
    left out of the key of a height."""
    fonts = fastpdf.parsed_fonts()
    return fonts is not None and all(
        len({font.cw[ord(d)] for d in "0123456789"}) == 1 for font in fonts.values()
    )


def _shape(value: Any) -> Any:
    """A part's value as far as its height goes: with digits alike, every digit is a 0."""
    if isinstance(value, str):
        return _DIGITS.sub("0", value)
    if isinstance(value, tuple):
        return tuple(_shape(v) for v in value)
    return value


def _height(probe: Any, part: Part, scale: float) -> float:
    assert isinstance(part, functools.partial)
    name = part.func.__name__
    values = tuple(sorted(part.keywords.items()))
    if _digits_alike():
        values = _shape(values)
    size = None if name in _FIXED_SIZE else scale
    key = (name, values, size, probe.w, probe.h)
    height = _HEIGHTS.get(key)
    if height is None:
        probe.add_page()
        part(probe, scale)
        height = probe.y - probe.t_margin
        if len(_HEIGHTS) >= _MAX_HEIGHTS:
            _HEIGHTS.clear()
        _HEIGHTS[key] = height
    return height


def _page_height(probe: Any, parts: Sequence[Part], scale: float, limits: Sequence[float]) -> float:
    height = sum(_height(probe, part, scale) for part in parts)
    if any(abs(height - limit) < _CLOSE for limit in limits):
        probe.add_page()
        for part in parts:
            part(probe, scale)
        height = probe.y - probe.t_margin
    return height


def _scale(probe: Any, parts: Sequence[Part]) -> float:
    """The largest scale at which a page's content fits one page. Content that even the
    smallest scale does not fit (the 18 to 28 exercises of an Otago session) runs on to a
    second page instead, at the largest scale that fills under two (rows never split and
    headings repeat, so two pages hold a little less than twice one)."""
    room = probe.page_break_trigger - probe.t_margin
    heights: dict[float, float] = {}
    for scale in SCALES:
        heights[scale] = _page_height(probe, parts, scale, (room, room * 1.8))
        if heights[scale] <= room:
            return scale
    for scale in SCALES:
        if heights[scale] <= room * 1.8:
            return scale
    return SCALES[-1]


def _session(plan: wp.WeekPlan, week: wp.Week, session: wp.SessionPlan) -> list[Part]:
    who = plan.client or "Name: ____________"
    line = _part(
        _session_line,
        line=f"{who} · {plan.program.name} · {week_of(week.number, week.total_weeks)} · "
        f"{wp.phase_words(week)}",
    )
    title = _part(_session_title, title=f"{wp.day_long(session.date)}: session {session.label}")
    blocks = [
        _part(
            _block,
            title=block.title,
            note=block.note,
            sets=block.max_sets,
            target=block.has_targets,
            rows=tuple(_cells(row, block.has_targets) for row in block.rows),
        )
        for block in session.blocks
    ]
    return [line, title, *blocks, _stops(plan)]


def _session_line(pdf: Any, scale: float, *, line: str) -> None:
    """Who, which program and week, small and grey, the same size at every scale."""
    pdf.set_text_color(60)
    _text(pdf, line, 9)
    pdf.set_text_color(0)
    pdf.ln(1)


def _session_title(pdf: Any, scale: float, *, title: str) -> None:
    _text(pdf, title, 16 * scale, "B", gap=1)


def _cells(row: wp.Row, target: bool) -> tuple[str, str, str | None, int]:
    """A row of a block's table as text: exercise, dose, target (None without the column)
    and the number of sets."""
    name = f"**{md(row.name)}**\n{md(row.cue)}"
    name += "".join(f"\n**!** {md(note)}" for note in row.notes)
    dose = md(row.dose) + (f"\n{md(row.rest)}" if row.rest else "")
    return name, dose, _target(row) if target else None, row.sets


def _block(
    pdf: Any,
    scale: float,
    *,
    title: str,
    note: str | None,
    sets: int,
    target: bool,
    rows: tuple[tuple[str, str, str | None, int], ...],
) -> None:
    from fpdf.fonts import FontFace

    size = 10.5 * scale
    pdf.ln(1)
    _text(pdf, title, 12.5 * scale, "B")
    if note:
        _text(pdf, note, 9 * scale)
    pdf.ln(0.5)
    # holds and stretches have no load: no Target column
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
        for name, dose, aim, row_sets in rows:
            cells = table.row(min_height=10 * scale)
            cells.cell(name)
            cells.cell(dose)
            if aim is not None:
                cells.cell(aim)
            for n in range(sets):
                if n < row_sets:
                    cells.cell("")
                else:
                    cells.cell(UNUSED, style=unused, v_align="MIDDLE")
            cells.cell("/10", style=hint, align="RIGHT", v_align="BOTTOM")


_TARGET_LINE = {"blank": "______ {}", "load": "**{}**", "aim": "{}"}


def _target(row: wp.Row) -> str:
    return "\n".join(_TARGET_LINE[kind].format(md(text)) for kind, text in row.target_lines())
