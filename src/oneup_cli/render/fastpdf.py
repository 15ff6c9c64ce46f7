"""fpdf2, made quick for many documents in one process, giving the very same bytes.

`oneup bulk` makes thousands of plans in one process, and most of their text recurs from
plan to plan: the same cues, doses and rules, in the same columns. fpdf2 does the same work
again for each, so the work that repeats is done once here (tests/test_bulk.py checks that
every byte is the same as without these speed-ups):

- the fonts are parsed once per process, and each document gets a fresh copy (add_fonts);
- where a text's lines break is remembered, by the text, its fonts and sizes and the width
  it is set in (fpdf2 breaks a table cell's text once to measure the row and again to draw
  it, and again for every plan);
- the font subset embedded in a document is remembered by the glyphs it holds: plans in
  the same program use much the same glyphs, and fontTools takes a while to make one
  (reading the whole font first); the layout tables fpdf2 leaves out of the subset are
  dropped before fontTools reads them.

Each of these leans on how fpdf2 works inside, so each is checked first: where this fpdf2
does not look as expected, it is left as it is (slower, the same).
"""

from __future__ import annotations

import atexit
import copy
import functools
from collections.abc import Sequence
from contextlib import ExitStack
from importlib import resources
from pathlib import Path
from typing import Any

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}

# Real files for the packaged fonts, even from a zipped install: fpdf2 reads glyphs from the
# file lazily, so they stay in place until the process ends.
_FILES = ExitStack()
atexit.register(_FILES.close)


@functools.cache
def font_paths() -> dict[str, Path]:
    base = resources.files("oneup_cli") / "fonts"
    return {
        style: _FILES.enter_context(resources.as_file(base / name))
        for style, name in FONT_FILES.items()
    }


@functools.cache
def parsed_fonts() -> dict[str, Any] | None:
    """The fonts as fpdf2 parses them (its character widths and glyph tables), once per
    process; None when this fpdf2 does not look as expected (then every document adds the
    font files itself, which is slower but the same)."""
    from fpdf import FPDF
    from fpdf.fonts import TTFFont

    scratch = FPDF()
    for style, path in font_paths().items():
        scratch.add_font(FONT, style, str(path))
    fonts = dict(scratch.fonts)
    needed = (
        *("i", "ttfont", "ttffile", "collection_font_number", "subset", "cw", "fontkey"),
        *("missing_glyphs", "biggest_size_pt", "_hbfont"),
    )
    if not all(type(f) is TTFFont and all(hasattr(f, a) for a in needed) for f in fonts.values()):
        return None
    # Marked as parsed here: the line breaks of text in these fonts can be remembered.
    parsed = type("ParsedFont", (TTFFont,), {"__slots__": ()})
    for font in fonts.values():
        font.__class__ = parsed
    _remember_line_breaks(parsed)
    _remember_subsets()
    return fonts


def add_fonts(pdf: Any) -> None:
    """Add the fonts to a document: as fresh copies of the fonts parsed once, with their own
    subset of used glyphs and their own font file object (fpdf2 subsets that in place when
    it writes the document): what add_font makes, without parsing the font file again."""
    parsed = parsed_fonts()
    if parsed is None:
        for style, path in font_paths().items():
            pdf.add_font(FONT, style, str(path))
        return
    for key, template in parsed.items():
        font = copy.copy(template)
        font.i = len(pdf.fonts) + 1
        font.ttfont = _subset_font_class()(
            font.ttffile, recalcTimestamp=False, fontNumber=font.collection_font_number, lazy=True
        )
        font.ttfont.source = (str(font.ttffile), font.collection_font_number)
        if "GPOS" in font.ttfont:
            for tag in _DROPPED_TABLES:
                if tag in font.ttfont:
                    del font.ttfont[tag]
        font.missing_glyphs = []
        font.biggest_size_pt = 0
        font._hbfont = None
        font.subset = type(template.subset)(font)
        pdf.fonts[key] = font


# fpdf2 drops these tables from the embedded subset (and 'kern' when there is a 'GPOS'), but
# fontTools reads them before it drops them: leaving them out of the font before it is
# subset gives the same file in less time.
_DROPPED_TABLES = ("GDEF", "GSUB", "GPOS", "kern")


# ---------------------------------------------------------------------------------------------
# Line breaks
# ---------------------------------------------------------------------------------------------

# A line as remembered: its pieces as (index of the text fragment it was cut from, its
# characters, its link), then the rest of fpdf2's TextLine as it was. Bounded by the count
# and the characters of the texts (each kept twice: in the key and in the lines); a text
# longer than _LONGEST is a client's own notes, unlikely to come again, so not kept.
_Line = tuple[tuple[tuple[int, str, Any], ...], tuple[Any, ...]]
_LINES: dict[tuple[Any, ...], tuple[_Line, ...]] = {}
_MAX_LINES = 20_000
_MAX_LINE_CHARACTERS = 2_000_000
_LONGEST = 500
_line_characters = 0


def _remember_line_breaks(font: type) -> None:
    """Have fpdf2's multi_cell remember where a text's lines break.

    fpdf2 breaks text into lines with its MultiLineBreak class, looked up in fpdf.fpdf. It is
    replaced there by a subclass that, for text set only in the fonts parsed here, keeps the
    lines it finds by everything that decides them: each fragment's characters, font, size,
    spacing and link, which fragments share a style, the width, margins, alignment and
    wrapping. Any other text, or a width that changes from line to line (write()), goes
    through fpdf2's own code as before.
    """
    import fpdf.fpdf
    from fpdf.line_break import Fragment, MultiLineBreak, TextLine

    base = getattr(fpdf.fpdf, "MultiLineBreak", None)
    if base is not MultiLineBreak:  # already replaced, or changed by someone else
        return
    probe = MultiLineBreak([], 10.0, ())
    needed = ("fragments", "margins", "align", "print_sh", "wrapmode", "line_height")
    if not all(hasattr(probe, name) for name in (*needed, "skip_leading_spaces")):
        return
    if TextLine._fields[0] != "fragments":
        return

    class RememberingLineBreak(base):  # type: ignore[misc, valid-type]
        def __init__(self, fragments: Sequence[Any], max_width: Any, *args: Any, **kwargs: Any):
            super().__init__(fragments, max_width, *args, **kwargs)
            self._key: tuple[Any, ...] | None = None
            if not callable(max_width):
                self._key = _line_key(self, fragments, max_width, Fragment, font)
            self._lines: list[Any] | None = None

        def get_line(self) -> Any:
            if self._key is None:
                return super().get_line()
            if self._lines is None:
                self._lines = self._all_lines()
            return self._lines.pop() if self._lines else None

        def _all_lines(self) -> list[Any]:
            """Every line, last first."""
            assert self._key is not None
            known = _LINES.get(self._key)
            if known is None:
                lines = []
                while (line := super().get_line()) is not None:
                    lines.append(line)
                _remember_lines(self._key, self.fragments, lines)
                return lines[::-1]
            return [_rebuilt(line, self.fragments, TextLine) for line in reversed(known)]

    setattr(fpdf.fpdf, "MultiLineBreak", RememberingLineBreak)  # noqa: B010 (not exported)


def _line_key(
    breaker: Any, fragments: Sequence[Any], max_width: float, fragment: Any, font: Any
) -> tuple[Any, ...] | None:
    """What decides where a text's lines break, or None when it cannot be known here."""
    pieces = []
    styles: list[Any] = []
    for f in fragments:
        state = f.graphics_state
        if type(f) is not fragment or type(state.current_font) is not font or state.text_shaping:
            return None
        # fragments of the same style next to each other are set as one piece
        for n, seen in enumerate(styles):
            if seen == state:
                style = n
                break
        else:
            style = len(styles)
            styles.append(state)
        pieces.append(
            (
                "".join(f.characters),
                state.current_font.fontkey,
                f.font_size_pt,
                state.font_size_pt,
                state.char_spacing,
                state.font_stretching,
                f.k,
                f.link,
                style,
            )
        )
    return (
        tuple(pieces),
        max_width,
        tuple(float(m) for m in breaker.margins),
        breaker.align,
        breaker.print_sh,
        breaker.wrapmode,
        breaker.line_height,
        breaker.skip_leading_spaces,
        getattr(breaker, "first_line_indent", 0),
    )


def _remember_lines(key: tuple[Any, ...], fragments: Sequence[Any], lines: list[Any]) -> None:
    global _line_characters
    characters = sum(len(f.characters) for f in fragments)
    if characters > _LONGEST:
        return
    if len(_LINES) >= _MAX_LINES or _line_characters + characters > _MAX_LINE_CHARACTERS:
        _LINES.clear()
        _line_characters = 0
    _LINES[key] = tuple(_remembered(line, fragments) for line in lines)
    _line_characters += characters


def _remembered(line: Any, fragments: Sequence[Any]) -> _Line:
    """A line as plain values: each piece by the fragment it was cut from."""
    source = {id(f.graphics_state): n for n, f in enumerate(fragments)}
    pieces = tuple(
        (source[id(piece.graphics_state)], "".join(piece.characters), piece.link)
        for piece in line.fragments
    )
    return pieces, tuple(line[1:])


def _rebuilt(line: _Line, fragments: Sequence[Any], text_line: Any) -> Any:
    pieces, rest = line
    return text_line(
        [fragments[n].clone(characters=text, link=link) for n, text, link in pieces], *rest
    )


# ---------------------------------------------------------------------------------------------
# Font subsets
# ---------------------------------------------------------------------------------------------

# A subset as fontTools made it, by font file, glyphs and options: the font file's bytes and
# the subset's glyph ids by name. Bounded by their size.
_SUBSETS: dict[tuple[Any, ...], tuple[bytes, dict[str, int]]] = {}
_MAX_SUBSET_BYTES = 32 * 1024 * 1024
_subset_bytes = 0


@functools.cache
def _subset_font_class() -> Any:
    """fontTools' TTFont, able to stand for a subset made before: then it gives that
    subset's glyph ids and bytes without reading anything of the font file."""
    from fontTools.ttLib import TTFont

    class SubsetFont(TTFont):  # type: ignore[misc]
        source: tuple[str, int] = ("", 0)  # the font file and number in it
        # set by the remembering subsetter: the key of the subset being made, or the subset
        _making: tuple[Any, ...] | None = None
        _made: tuple[bytes, dict[str, int]] | None = None

        def getGlyphID(self, glyphName: str) -> int:
            if self._made is not None:
                return self._made[1][glyphName]
            glyph_id: int = super().getGlyphID(glyphName)
            return glyph_id

        def save(self, file: Any, *args: Any, **kwargs: Any) -> None:
            if self._made is None and self._making is not None and not args and not kwargs:
                import io

                buffer = io.BytesIO()
                super().save(buffer)
                ids = {name: n for n, name in enumerate(self.getGlyphOrder())}
                self._made = _remember_subset(self._making, buffer.getvalue(), ids)
            if self._made is not None and not args and not kwargs:
                file.write(self._made[0])
                return
            super().save(file, *args, **kwargs)

    return SubsetFont


def _remember_subset(
    key: tuple[Any, ...], data: bytes, ids: dict[str, int]
) -> tuple[bytes, dict[str, int]]:
    global _subset_bytes
    if _subset_bytes + len(data) > _MAX_SUBSET_BYTES:
        _SUBSETS.clear()
        _subset_bytes = 0
    _SUBSETS[key] = (data, ids)
    _subset_bytes += len(data)
    return data, ids


def _remember_subsets() -> None:
    """Have fpdf2 remember the font subsets it makes for the fonts added here.

    fpdf2 subsets a document's fonts with fontTools' Subsetter, found as fpdf.output.ftsubset;
    that name is given a copy of the module whose Subsetter, for a SubsetFont, takes a
    subset made before with the same font file, glyphs and options."""
    import types

    import fpdf.output

    subset: Any = vars(fpdf.output).get("ftsubset")
    if getattr(subset, "__name__", None) != "fontTools.subset":  # not as expected: leave it
        return
    base = subset.Subsetter
    font_class = _subset_font_class()

    class RememberingSubsetter(base):  # type: ignore[misc, valid-type]
        def subset(self, font: Any) -> None:
            if type(font) is not font_class or self.unicodes_requested or self.glyph_ids_requested:
                super().subset(font)
                return
            key = (
                font.source,
                frozenset(self.glyph_names_requested),
                repr(sorted(vars(self.options).items())),
            )
            made = _SUBSETS.get(key)
            if made is not None:
                font._made = made
                return
            super().subset(font)
            font._making = key

    shim = types.ModuleType(subset.__name__)
    shim.__dict__.update(subset.__dict__)
    shim.Subsetter = RememberingSubsetter  # type: ignore[attr-defined]
    fpdf.output.ftsubset = shim  # type: ignore[attr-defined]
