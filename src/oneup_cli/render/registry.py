"""The output formats of `oneup plan`: one renderer module per format, found by name here.

This module imports only the standard library: the command reads the format names from it
at start-up, and a renderer (Typst for PDF) is imported only when its format is asked for.
Every renderer module has `render(plan: WeekPlan, options: Options) -> str | bytes`.
"""

from __future__ import annotations

import dataclasses as dc
import importlib
from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..weekplan import WeekPlan

PAPERS = ("a4", "letter")
# typst is a dependency of oneup; this is for an install where it went missing.
PDF_MISSING = "PDF output needs typst, which is missing from this install: pip install typst"
XLSX_MISSING = (
    "xlsx output needs openpyxl, which is missing from this install: pip install openpyxl"
)


@dc.dataclass(frozen=True)
class Options:
    paper: str = "a4"
    width: int = 100  # text: columns
    color_system: str | None = None  # text: a Rich colour system for a terminal, None for plain
    template: Path | None = None  # pdf: a trainer's own Typst template instead of the built-in one


@dc.dataclass(frozen=True)
class Format:
    name: str
    module: str
    extensions: tuple[str, ...]
    binary: bool
    description: str

    def render(self, plan: WeekPlan, options: Options) -> str | bytes:
        renderer: Any = importlib.import_module(self.module, __package__)
        result: str | bytes = renderer.render(plan, options)
        return result


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", ".text", (".txt", ".text"), False, "plain text (Rich in a terminal)"),
        Format("md", ".markdown", (".md", ".markdown"), False, "Markdown tables"),
        Format("html", ".html", (".html", ".htm"), False, "one self-contained web page"),
        Format("pdf", ".pdf", (".pdf",), True, "PDF, one session per page"),
        Format("json", ".planjson", (".json",), False, "a versioned JSON document"),
        Format("sheet", ".sheet", (".csv",), False, "a results sheet to fill in (CSV)"),
        Format("xlsx", ".xlsx", (".xlsx",), True, "the results sheet as a spreadsheet"),
    )
}
ALIASES = {"txt": "text", "markdown": "md", "htm": "html"}


def names() -> list[str]:
    return list(FORMATS)


def get(name: str) -> Format | None:
    key = name.strip().lower()
    return FORMATS.get(ALIASES.get(key, key))


def from_extension(path: PurePath) -> Format | None:
    suffix = path.suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    return None


# glibc's LC_PAPER: these territories use US Letter, the rest of the world A4.
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "SV", "DO", "PR", "NI"}
)


def default_paper(environ: Mapping[str, str]) -> str:
    """Letter where the locale's territory uses it (en_US, fr_CA, es_MX...), else A4.

    The paper locale is LC_ALL, else LC_PAPER, else LANG, as POSIX orders them."""
    for var in ("LC_ALL", "LC_PAPER", "LANG"):
        value = environ.get(var, "")
        if value:
            territory = value.split(".")[0].split("@")[0].partition("_")[2].upper()
            return "letter" if territory in LETTER_TERRITORIES else "a4"
    return "a4"
