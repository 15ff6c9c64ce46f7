"""Finding and loading programs (built-in and the user's) and the exercise library.

Every load runs the full validation (structure, exercise ids, safety rules). A program that
passed is cached (see cache.py), keyed by the size and modification time of the files and of
the code that checks them, so later commands skip pydantic entirely.
"""

from __future__ import annotations

import dataclasses as dc
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from . import cache, paths
from .errors import OneupError, UsageError
from .model import Library, Program

LIBRARY_FILE = "exercises.yaml"
T = TypeVar("T")


def builtin_dir() -> Path:
    """The built-in programs: inside the installed package, or the repository's programs/."""
    packaged = Path(str(resources.files("oneup_cli"))) / "programs"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "programs"  # an editable install


def library_path() -> Path:
    return builtin_dir() / LIBRARY_FILE


@dc.dataclass(frozen=True)
class ProgramRef:
    id: str
    path: Path
    builtin: bool


def program_files() -> list[ProgramRef]:
    """Built-in programs first, then the user's; a user file never hides a built-in."""
    refs = [
        ProgramRef(p.stem, p, True)
        for p in sorted(builtin_dir().glob("*.yaml"))
        if p.name != LIBRARY_FILE
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


# --- the cache ------------------------------------------------------------------------------


def _stamp(path: Path) -> tuple[object, ...]:
    st = path.stat()
    return (str(path.resolve()), st.st_mtime_ns, st.st_size)


# A change to the rules (say, in a development checkout) must not keep old verdicts.
_CHECKERS = ("model.py", "safety.py", "validation.py")


def _code_stamp() -> tuple[object, ...]:
    here = Path(__file__).parent
    return tuple(part for name in _CHECKERS for part in _stamp(here / name))


def _cached(kind: str, key: tuple[object, ...], cls: type[T]) -> T | None:
    found = cache.load(cache.entry(kind, key))
    return found if isinstance(found, cls) else None


def _store(kind: str, key: tuple[object, ...], obj: object) -> None:
    cache.store(cache.entry(kind, key), obj)


# --- loading --------------------------------------------------------------------------------


def _invalid(path: Path, problems: list[Any]) -> OneupError:
    return OneupError(
        f"{path} has {len(problems)} problem{'s' if len(problems) != 1 else ''}; "
        f"run `oneup programs validate {path}`",
        details=[str(p) for p in problems],
    )


def load_library() -> Library:
    path = library_path()
    key = (*_stamp(path), *_code_stamp())
    library = _cached("library", key, Library)
    if library is None:
        from .validation import check_file

        library, problems = check_file(path, None)
        if library is None:
            raise _invalid(path, problems)
        _store("library", key, library)
    return library


def load_program_file(path: Path, library: Library | None = None) -> Program:
    """Load and check one program file; raises OneupError listing every problem."""
    library = library or load_library()
    try:
        key = (*_stamp(path), *_stamp(library_path()), *_code_stamp())
    except OSError as e:
        raise OneupError(f"cannot read {path}: {e.strerror}") from None
    program = _cached("program", key, Program)
    if program is None:
        from .validation import check_file

        program, problems = check_file(path, library)
        if program is None:
            raise _invalid(path, problems)
        _store("program", key, program)
    return program


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
