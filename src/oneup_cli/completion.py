"""Shell completion of program and exercise names."""

from __future__ import annotations

from .errors import OneupError


def complete_program(incomplete: str) -> list[str]:
    from .programs import program_files

    return [r.id for r in program_files() if r.id.startswith(incomplete)]


def complete_exercise(incomplete: str) -> list[str]:
    from .programs import load_library

    try:
        return [e.id for e in load_library().exercises if e.id.startswith(incomplete)]
    except OneupError:
        return []
