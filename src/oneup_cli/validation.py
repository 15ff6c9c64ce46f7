"""Checking files people write (programs, the exercise library): every problem, located.

The structure is checked by the model's walker (model/check.py), the audience rules by
safety.py; every problem is reported as `FILE:LINE:COL: message`. Commands that read
already-checked data (from the cache) never import this module.
"""

from __future__ import annotations

import dataclasses as dc
import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .model import Library, Program
from .model import json_schema as model_json_schema
from .model.check import Loc, check, shown, where
from .safety import check_library, check_program

T = TypeVar("T")


@dc.dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


@dc.dataclass
class Positions:
    """Where each value (and each mapping key) of a YAML document stands, 1-based."""

    values: dict[Loc, tuple[int, int]] = dc.field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = dc.field(default_factory=dict)

    def of(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """The position of loc, or of its nearest located parent."""
        table = self.keys if key else self.values
        if loc in table:
            return table[loc]
        while loc:
            loc = loc[:-1]
            if loc in self.values:
                return self.values[loc]
        return (1, 1)


# A program is a few thousand values. Aliases can make a small file expand to billions
# ("billion laughs"), so the expanded size is counted before anything is built; a program
# nests about ten levels deep, so a deeper file (or an alias that contains itself) stops at
# MAX_DEPTH, long before Python's recursion limit.
MAX_VALUES = 200_000
MAX_DEPTH = 64
MAX_BYTES = 2_000_000


class _TooBig(Exception):
    pass


class _TooDeep(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _at(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


_KINDS = {yaml.SequenceNode: "a list", yaml.MappingNode: "a mapping"}
_MERGE = "tag:yaml.org,2002:merge"  # `<<: *defaults`, which may repeat: not a key given twice
_INT = "tag:yaml.org,2002:int"
# No field holds a number of more than a few digits; a longer one is refused before it is
# built (Python refuses to build one of more than 4,300 digits, with a ValueError).
MAX_DIGITS = 30


@dc.dataclass
class _Found:
    """What the walk over the YAML nodes finds wrong with keys, located."""

    problems: list[tuple[int, int, str]] = dc.field(default_factory=list)
    unbuildable: bool = False  # a list or a mapping as a key, a huge number: cannot be built

    def huge(self, node: yaml.Node) -> bool:
        if node.tag == _INT and len(node.value) > MAX_DIGITS:
            message = f"a whole number of {len(node.value):,} characters: far too large"
            self.problems.append((*_at(node), message))
            self.unbuildable = True
            return True
        return False


def _walk(node: yaml.Node, loc: Loc, pos: Positions, budget: list[int], found: _Found) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig
    if len(loc) > MAX_DEPTH:
        raise _TooDeep(node)
    pos.values[loc] = _at(node)
    if isinstance(node, yaml.MappingNode):
        seen: dict[tuple[str, str], int] = {}
        for key_node, value_node in node.value:
            here = _at(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                kind = _KINDS.get(type(key_node), "a value")
                found.problems.append((*here, f"a key must be a plain name, not {kind}"))
                found.unbuildable = True
                continue
            if found.huge(key_node):
                continue
            key = key_node.value
            if key_node.tag != _MERGE:
                first = seen.get((key_node.tag, key))
                if first is not None:
                    message = f"{shown(key)} is given twice (first on line {first})"
                    found.problems.append((*here, message))
                seen[(key_node.tag, key)] = here[0]  # YAML keeps the last: located from here
            pos.keys[(*loc, key)] = here
            _walk(value_node, (*loc, key), pos, budget, found)
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _walk(child, (*loc, i), pos, budget, found)
    else:
        found.huge(node)


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index of text."""
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _character(code: object) -> str:
    if not isinstance(code, int):
        return repr(code)
    names = {0: "NUL", 0x1B: "ESC", 0x7F: "DEL", 0xFEFF: "BOM"}
    return f"U+{code:04X}" + (f" ({names[code]})" if code in names else "")


def _unreadable(e: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    """A character YAML does not allow, located (the reader says where as an index)."""
    code = e.character
    control = isinstance(code, int) and (code < 0x20 or 0x7F <= code <= 0x9F)
    kind = "control character" if control else "character"
    message = f"{kind} {_character(code)} is not allowed in a YAML file"
    return Problem(file, *_line_col(text, e.position), message)


def load_yaml(text: str, file: str) -> tuple[Any, Positions, list[Problem]]:
    """Parse YAML safely, keeping positions. Each of these is a located Problem, never an
    exception: a syntax error, a control character, a key that is a list or a mapping, a key
    given twice (both lines named), a file that expands too far or nests too deep."""
    try:
        loader = _Loader(text)  # the pure-Python reader checks every character here
    except yaml.reader.ReaderError as e:
        return None, Positions(), [_unreadable(e, text, file)]
    pos = Positions()
    found = _Found()
    try:
        node = loader.get_single_node()
        if node is not None:
            _walk(node, (), pos, [MAX_VALUES], found)
        keys = [Problem(file, *p) for p in found.problems]
        if found.unbuildable:
            return None, Positions(), keys
        data = loader.construct_document(node) if node is not None else None
    except _TooBig:
        message = f"the file expands to more than {MAX_VALUES:,} values (aliases?): too big"
        return None, Positions(), [Problem(file, 1, 1, message)]
    except _TooDeep as e:
        message = f"nested more than {MAX_DEPTH} levels deep (an alias inside itself?): too deep"
        return None, Positions(), [Problem(file, *_at(e.node), message)]
    except RecursionError:  # the pure-Python parser, which has no depth limit of its own
        return None, Positions(), [Problem(file, 1, 1, "nested too deeply")]
    except yaml.reader.ReaderError as e:
        return None, Positions(), [_unreadable(e, text, file)]
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = e.problem or e.context or "not valid YAML"
        if e.context and problem.startswith("but "):  # "expected a single document ..., but"
            problem = f"{e.context}, {problem}"
        return None, Positions(), [Problem(file, line, col, f"YAML syntax: {problem}")]
    except yaml.YAMLError as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else "not valid YAML"
        return None, Positions(), [Problem(file, 1, 1, f"YAML syntax: {first}")]
    finally:
        loader.dispose()
    return data, pos, keys


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema of a file format, generated from the model (see model/codec.py)."""
    return model_json_schema(cls)


def validate(cls: type[T], data: Any, file: str, pos: Positions) -> tuple[T | None, list[Problem]]:
    """Check plain data against a model class; every mistake becomes a located Problem."""
    built, issues = check(cls, data)
    problems = [Problem(file, *pos.of(i.loc, key=i.key), i.message) for i in issues]
    return built, problems


def _exercise_refs(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every `exercise:` value inside program data, with its location."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k == "exercise":
                yield (*loc, k), v
            else:
                yield from _exercise_refs(v, (*loc, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _exercise_refs(v, (*loc, i))


def unknown_exercise(ref: str, known: dict[str, Any]) -> str:
    guess = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.5)
    tip = f" (did you mean '{guess[0]}'?)" if guess else ""
    return f"unknown exercise {shown(ref)}{tip}; `oneup exercises list` shows them all"


def check_program_data(
    data: Any, pos: Positions, file: str, library: Library, *, doses: bool = False
) -> tuple[Program | None, list[Problem]]:
    """All checks of one program: structure, exercise ids, doses, audience safety rules; with
    `doses`, also the generated doses against the program's stated targets (dose.py)."""
    if not isinstance(data, dict):
        return None, [Problem(file, 1, 1, "a program file must be a mapping of fields")]
    known = library.by_id()
    problems = [
        Problem(file, *pos.of(loc), f"{where(loc)}: {unknown_exercise(str(ref), known)}")
        for loc, ref in _exercise_refs(data)
        if isinstance(ref, str) and ref not in known
    ]
    program, errors = validate(Program, data, file, pos)
    problems += errors
    if program is not None:
        problems += [
            Problem(file, *pos.of(loc), f"{where(loc)}: {message}")
            for loc, message in check_program(program, library)
        ]
        problems += [
            Problem(file, *pos.of(loc), f"{where(loc)}: {message}")
            for loc, message in _target_sources(program)
        ]
        if doses and not problems:
            problems += [
                Problem(
                    file, *pos.of(("targets", m.key)), f"{where(('targets', m.key))}: {message}"
                )
                for m, message in _dose_misses(program, library)
            ]
    return (program if not problems else None), sorted(set(problems))


def _target_sources(program: Program) -> list[tuple[Loc, str]]:
    """A target may cite only the program's own sources: `sources:` names them all."""
    found: list[tuple[Loc, str]] = []
    for key in program.targets.__struct_fields__:
        target = getattr(program.targets, key)
        for i, source in enumerate(getattr(target, "sources", ()) or ()):
            if source not in program.sources:
                found.append(
                    (
                        ("targets", key, "sources", i),
                        f"{source.value} is not among the program's sources: add it to `sources`",
                    )
                )
    return found


# The words of the dose check: what each target counts, in its unit.
_DOSE_UNITS = {
    "strength_sessions": "strength sessions a week",
    "impacts_per_day": "impacts a day",
    "balance_minutes_per_day": "minutes of balance a day",
    "back_extensor_days": "days a week of back-extensor work",
    "back_extensor_minutes": "minutes of back-extensor work a day",
    "walking_minutes_per_week": "minutes of walking a week",
}


def _dose_misses(program: Program, library: Library) -> list[tuple[Any, str]]:
    from . import dose

    out = []
    for m in dose.check(program, library):
        flags = m.flags
        who = ", ".join(
            [
                "supervised" if flags.supervised else "unsupervised",
                *(["vertebral fracture"] if flags.vertebral_fracture else []),
                *(["cleared"] if flags.cleared else []),
            ]
        )
        side = "below" if m.value < m.target.value.low else "above"
        cited = ", ".join(s.value for s in m.target.sources) or "default"
        out.append(
            (
                m,
                f"the plan gives {m.value:.3g} {_DOSE_UNITS[m.key]} in week {m.week} "
                f"({who}; ladders at their {m.at}), more than 10% {side} the stated "
                f"{m.target.value} ({cited}): change the content or the target",
            )
        )
    return out


def check_library_data(
    data: Any, pos: Positions, file: str
) -> tuple[Library | None, list[Problem]]:
    library, problems = validate(Library, data, file, pos)
    if library is not None:
        problems += [
            Problem(file, *pos.of(loc), f"{where(loc)}: {message}")
            for loc, message in check_library(library)
        ]
    return (library if not problems else None), sorted(problems)


def check_file(
    path: Path, library: Library | None, *, doses: bool = False
) -> tuple[Any, list[Problem]]:
    """Read and check a program file, or the library when `library` is None; `doses`: also
    the generated doses against the program's stated targets (`oneup programs validate`)."""
    text, problems = read_text(path)
    if text is None:
        return None, problems
    data, pos, problems = load_yaml(text, str(path))
    if problems and data is None:
        return None, problems
    checked: Library | Program | None
    if library is None:
        checked, more = check_library_data(data, pos, str(path))
    else:
        checked, more = check_program_data(data, pos, str(path), library, doses=doses)
    problems = sorted(set(problems + more))  # a key given twice, with the rest
    return (checked if not problems else None), problems


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """A program or library file's text: only a regular file of at most 1 MB (files.py), or
    a pipe the shell opened (`validate <(command)`), so that /dev/zero or a FIFO is a located
    problem, not a hang."""
    from .files import PROGRAM_BYTES, InputError, read_given

    try:
        text = read_given(path, PROGRAM_BYTES, "program", pipes=True).decode("utf-8")
        return text.replace("\r\n", "\n").replace("\r", "\n"), []  # as text mode reads
    except InputError as e:
        reason = "no such file" if e.problem == "does not exist" else e.problem
        return None, [Problem(str(path), 1, 1, reason)]
    except UnicodeDecodeError:
        return None, [Problem(str(path), 1, 1, "not a UTF-8 text file")]
