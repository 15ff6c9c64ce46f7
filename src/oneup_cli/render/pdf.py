"""A weekly plan as a PDF, set by Typst from a template (the `typst` package, imported here
only, when a PDF is asked for).

The built-in template is templates/plan.typ; a trainer may give their own (Options.template).
Either receives, as strings in `sys.inputs`:
- `plan`: the plan, the very JSON document `oneup plan --format json` prints
  (schema/plan.schema.json), read in Typst with `json(bytes(sys.inputs.plan))`;
- `words`: the sheet's sentences made from the plan by the words every renderer shares
  (title, header facts, the line and title of each session), so the template holds layout,
  not English;
- `paper`: "a4" or "us-letter", the name Typst gives the paper asked for.

The text is set in DejaVu Sans, shipped in oneup_cli/fonts with its licence: the only font
folder Typst is given, system fonts ignored, so a plan comes out the same on every machine
and any name prints (Zoë Łukasiewicz, José Núñez, Greek, Cyrillic).

Speed: one compiler per process, made once (warm()); Typst remembers the parsed template and
fonts from one plan to the next, so `oneup bulk` pays for them once per worker.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from pathlib import Path
from typing import Any

from .. import weekplan as wp
from ..errors import OneupError
from ..words import week_of
from .planjson import document
from .registry import PDF_MISSING, Options

TEMPLATE = Path(__file__).parent / "templates" / "plan.typ"
FONTS = Path(__file__).parent.parent / "fonts"
PAPER = {"a4": "a4", "letter": "us-letter"}  # oneup's paper names, and Typst's

# Where Typst's diagnostic says an error is: "┌─ my.typ:2:1", the file named from the
# working directory.
_WHERE = re.compile(r"┌─ (?P<file>.+?):(?P<line>\d+):(?P<col>\d+)")
_WARM_UP = '#set text(font: "DejaVu Sans")\nWarm-up: Zoë Łukasiewicz *Ελένη Жанна*'.encode()


# Typst compiles on threads of its own, and threads do not survive a fork: a process forked
# from one that has made a PDF would wait for them forever. Such a process is told so instead.
_FORKED = (
    "PDFs cannot be made in a process forked from one that has already made PDFs: "
    "start worker processes with 'spawn' or 'forkserver'"
)
_COMPILED_IN: int | None = None  # the process that has run Typst, once it has


def fork_safe() -> bool:
    """True while this process has not run Typst: a forked worker can make PDFs."""
    return _COMPILED_IN is None


def _compiler() -> tuple[Any, Path]:
    if _COMPILED_IN is not None and os.getpid() != _COMPILED_IN:
        raise OneupError(_FORKED)
    return _made_compiler()


@functools.cache
def _made_compiler() -> tuple[Any, Path]:
    """The process's Typst compiler (fonts loaded once, parsed files remembered), and the
    folder it names files from in its errors: the working directory when it was made."""
    try:
        import typst
    except ImportError:
        raise OneupError(PDF_MISSING) from None
    return typst.Compiler(font_paths=[str(FONTS)], ignore_system_fonts=True), Path.cwd()


def _compile(compiler: Any, **arguments: Any) -> Any:
    global _COMPILED_IN
    _COMPILED_IN = os.getpid()
    return compiler.compile(**arguments)


def warm() -> None:
    """Do the once-per-process work now (a worker of `oneup bulk` calls this at start): make
    the compiler and set a line in both fonts, so they are loaded before the first plan."""
    _compile(_compiler()[0], input=_WARM_UP, format="pdf")


def render(plan: wp.WeekPlan, options: Options) -> bytes:
    template = TEMPLATE if options.template is None else _readable(options.template)
    inputs = {
        "plan": json.dumps(document(plan), ensure_ascii=False),
        "words": json.dumps(words(plan), ensure_ascii=False),
        "paper": PAPER.get(options.paper, "a4"),
    }
    compiler, workdir = _compiler()
    import typst

    try:
        pdf = _compile(
            compiler,
            input=str(template),
            root=str(template.parent),
            format="pdf",
            sys_inputs=inputs,
            # the plan's own day, not the clock: the same plan gives the same bytes
            timestamp=dt.datetime.combine(plan.as_of, dt.time(), dt.UTC),
        )
    except typst.TypstError as e:
        raise OneupError(_located(e, template, workdir, shown=options.template)) from None
    except RuntimeError as e:  # the file went between the check and the compiling, say
        raise OneupError(f"{options.template or TEMPLATE}: {e}") from None
    assert isinstance(pdf, bytes)
    return pdf


def words(plan: wp.WeekPlan) -> dict[str, Any]:
    """The sentences of the sheet, from the words every renderer shares."""
    who = plan.client or "Name: ____________"
    return {
        "title": wp.title(plan),
        "document_title": f"{wp.title(plan)}: {plan.program.name}",
        "weeks": [
            {
                "facts": wp.facts(plan, week),
                "days": [(f"{d:%a}", f"{d:%-d}") for d in week.dates],
                "session_line": f"{who} · {plan.program.name} · "
                f"{week_of(week.number, week.total_weeks)} · {wp.phase_words(week)}",
                "sessions": [
                    {"title": f"{wp.day_long(s.date)}: session {s.label}"} for s in week.sessions
                ],
            }
            for week in plan.weeks
        ],
    }


def _readable(template: Path) -> Path:
    """A trainer's template, or one clear line on why it cannot be used."""
    try:
        with template.open("rb"):
            pass
    except FileNotFoundError:
        raise OneupError(f"the template {template} does not exist") from None
    except IsADirectoryError:
        raise OneupError(f"the template {template} is a folder: give a .typ file") from None
    except OSError as e:
        raise OneupError(f"cannot read the template {template}: {e.strerror}") from None
    return template.resolve()


def _located(error: Any, template: Path, workdir: Path, *, shown: Path | None) -> str:
    """Typst's error as one line: 'my.typ:2: unknown variable: foo'. The file is named as
    the user named the template: the template itself, or a file beside it that it includes."""
    message = str(error.message or "error").strip().splitlines()[0]
    label = str(shown) if shown is not None else f"oneup's template {TEMPLATE}"
    where = _WHERE.search(str(error.diagnostic or ""))
    if where is None:
        return f"{label}: {message}"
    file = (workdir / where["file"]).resolve()
    if shown is not None and file != template:
        label = os.path.normpath(shown.parent / os.path.relpath(file, template.parent))
    return f"{label}:{where['line']}: {message}"
