"""Finding and loading programs (built-in and the user's) and the exercise library.

Every load runs the full validation (structure, exercise ids, safety rules). A program that
passed is cached (see cache.py), keyed by the size and modification time of the files and of
the code that checks them, so later commands only decode the checked copy (every field checked
again by the model's decoder) and run the audience rules on it.
"""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from . import cache, files, paths
from .errors import OneupError, UsageError
from .model import Library, Program
from .safety import check_library, check_program, program_items

LIBRARY_FILE = "exercises.yaml"
ALIASES_FILE = "aliases.yaml"  # other apps' exercise names, for `oneup import`
DATA_FILES = frozenset({LIBRARY_FILE, ALIASES_FILE})  # built-in files that are not programs
T = TypeVar("T")


def builtin_dir() -> Path:
    """The built-in programs: inside the installed package, or the repository's programs/."""
    packaged = Path(str(resources.files("oneup_cli"))) / "programs"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "programs"  # an editable install


def library_path() -> Path:
    return builtin_dir() / LIBRARY_FILE


def aliases_path() -> Path:
    return builtin_dir() / ALIASES_FILE


class ProgramRef(msgspec.Struct, frozen=True):
    id: str
    path: Path
    builtin: bool


def program_files() -> list[ProgramRef]:
    """Built-in programs first, then the user's; a user file never hides a built-in."""
    refs = [
        ProgramRef(p.stem, p, True)
        for p in sorted(builtin_dir().glob("*.yaml"))
        if p.name not in DATA_FILES
    ]
    builtin_ids = {r.id for r in refs}
    user_dir = paths.user_programs_dir()
    if user_dir.is_dir():
        refs += [
            ProgramRef(p.stem, p, False)
            for p in sorted(user_dir.glob("*.yaml"))
            if p.stem not in builtin_ids
        ]
    return refs


def find_program(program_id: str) -> ProgramRef:
    refs = {r.id: r for r in program_files()}
    if program_id in refs:
        return refs[program_id]
    paths.check_name(program_id, "program")
    import difflib

    guess = difflib.get_close_matches(program_id, list(refs), n=1)
    tip = f" Did you mean '{guess[0]}'?" if guess else ""
    raise UsageError(f"no program called '{program_id}'.{tip} `oneup programs list` shows them.")


class InvalidFile(OneupError):
    """A program (or library) file that did not pass. One line, as every error: the first
    problem, located, and how many there are (`oneup programs validate` lists them all)."""

    def __init__(self, path: Path, problems: list[Any]) -> None:
        n = len(problems)
        first = str(problems[0]) if problems else f"{path}: not a valid file"
        more = f" (1 of {n} problems: `oneup programs validate {path}` lists them all)"
        super().__init__(first + (more if n > 1 else ""))
        self.path = path
        self.problems = problems  # validation.Problem values, sorted

    def __reduce__(self) -> tuple[Any, ...]:  # across processes (bulk's pool), as it was made
        return (type(self), (self.path, self.problems))

    def first(self) -> str:
        """The first problem, with the file's name rather than its whole path."""
        if not self.problems:
            return self.message
        p = self.problems[0]
        return f"{Path(p.file).name}:{p.line}:{p.col}: {p.message}"


# --- the cache ------------------------------------------------------------------------------


def _stamp(path: Path) -> tuple[object, ...]:
    st = path.stat()
    files.check_stat(path, st, files.PROGRAM_BYTES, "program")  # a FIFO, /dev/zero: one line
    return (str(path.resolve()), st.st_mtime_ns, st.st_size)


# A change to the rules (say, in a development checkout) must not keep old verdicts.
_HERE = Path(__file__).parent
_CHECKERS = ("safety.py", "validation.py")


@functools.cache
def _code_stamp() -> tuple[object, ...]:
    model = _HERE / "model"
    files = [model / n for n in sorted(os.listdir(model)) if n.endswith(".py")]
    stamps = []
    for path in [*files, *(_HERE / n for n in _CHECKERS)]:
        st = path.stat()
        stamps += [path.name, st.st_mtime_ns, st.st_size]
    return tuple(stamps)


def _still_passes(checked: object, library: Library | None) -> bool:
    """The audience rules (and exercise ids) once more, on a copy read from the cache: they
    run on every load, and a cache file is only data that anyone could have written."""
    if isinstance(checked, Library):
        return not check_library(checked)
    if isinstance(checked, Program) and library is not None:
        known = library.by_id()
        if any(item.exercise not in known for _, _, item in program_items(checked)):
            return False
        return not check_program(checked, library)
    return False


# Checked objects already loaded in this process, by the same key as the cache's: the model
# is immutable, so a script or a test that loads the same program many times checks it once.
_LOADED: dict[tuple[object, ...], object] = {}


def forget_loaded() -> None:
    """Forget what this process loaded: the next load reads the cache, as a new process would."""
    _LOADED.clear()


def _checked(kind: str, path: Path, cls: type[T], library: Library | None) -> T:
    """The file checked (the library when `library` is None), from the cache when its key
    (the file, the library, the checking code) is unchanged; OneupError lists every problem."""
    try:
        key = (*_stamp(path), *(_stamp(library_path()) if library else ()), *_code_stamp())
    except OSError as e:
        raise OneupError(f"cannot read {path}: {e.strerror}") from None
    loaded = _LOADED.get((kind, *key))
    if isinstance(loaded, cls):
        return loaded
    checked = _check_or_cached(kind, path, cls, library, key)
    _LOADED[(kind, *key)] = checked
    return checked


def _check_or_cached(
    kind: str, path: Path, cls: type[T], library: Library | None, key: tuple[object, ...]
) -> T:
    where = cache.entry(kind, key)
    found = cache.load(where, cls)
    if found is not None and _still_passes(found, library):
        return found
    from .validation import check_file

    checked, problems = check_file(path, library)
    if not isinstance(checked, cls):
        raise InvalidFile(path, problems)
    cache.store(where, checked)
    return checked


def load_library() -> Library:
    return _checked("library", library_path(), Library, None)


def load_program_file(path: Path, library: Library | None = None) -> Program:
    """Load and check one program file; raises OneupError listing every problem."""
    return _checked("program", path, Program, library or load_library())


def load_program(program_id: str, library: Library | None = None) -> Program:
    ref = find_program(program_id)
    program = load_program_file(ref.path, library)
    if program.id != ref.id:
        raise OneupError(
            f"{ref.path} says its id is '{program.id}': rename the file to {program.id}.yaml "
            f"or change the id to '{ref.id}'"
        )
    return program


def load_program_arg(text: str, library: Library | None = None) -> Program:
    """A program id, or the path of a program file (it ends in .yaml or names a folder)."""
    if text.endswith((".yaml", ".yml")) or "/" in text:
        return load_program_file(Path(text), library)
    return load_program(text, library)
