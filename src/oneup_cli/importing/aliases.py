"""Other apps' exercise names, mapped to library ids (programs/aliases.yaml, and --map)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from ..errors import OneupError
from ..model import Library
from ..parse import FieldError
from ..parse import exercise as find_exercise

_IGNORED = re.compile(r"[\s\-_]+")


def key(name: str) -> str:
    """A name as matched: case, spaces, '-' and '_' ignored ('Step-up' is 'step up')."""
    return _IGNORED.sub("", name.casefold())


class AliasFile(msgspec.Struct, forbid_unknown_fields=True):
    """programs/aliases.yaml: the names other apps give each library exercise (its JSON
    Schema is schema/aliases.schema.json, which a test keeps equal to this class)."""

    format: Literal[1]
    aliases: Annotated[
        dict[str, list[str]],
        Meta(description="Library id -> the names Strong, Hevy and FitNotes give it."),
    ]


def read_table(path: Path) -> dict[str, list[str]]:
    """The alias file as written: library id -> names (checked against the library by tests
    and by `load`)."""
    import yaml  # here: only `oneup import` needs it

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return msgspec.convert(data, AliasFile).aliases
    except (OSError, yaml.YAMLError, msgspec.ValidationError) as e:
        raise OneupError(f"the exercise name table {path} cannot be read: {e}") from None


class Aliases:
    """Names to library ids: the library's own ids and names, the alias table, then the
    person's --map entries, each later one winning."""

    def __init__(self, library: Library, table: dict[str, list[str]]) -> None:
        known = {ex.id for ex in library.exercises}
        self.ids: dict[str, str] = {}
        for ex in library.exercises:
            self.ids[key(ex.id)] = ex.id
            self.ids[key(ex.name)] = ex.id
        for exercise_id, names in table.items():
            if exercise_id not in known:
                raise OneupError(
                    f"the exercise name table names '{exercise_id}', not in the library"
                )
            for name in names:
                self.ids[key(name)] = exercise_id
        self.library = library

    def add_maps(self, maps: Iterable[str]) -> None:
        """--map "Cable Row=seated-cable-row": the name before the last '=', the library id or
        name after it; an unknown exercise is an error naming it."""
        for text in maps:
            name, sep, target = text.rpartition("=")
            if not sep or not name.strip() or not target.strip():
                raise FieldError("map", text, 'is not NAME=EXERCISE, e.g. "Cable Row=band-row"')
            # an unknown exercise: "--map 'x' is not in the exercise library. Did you mean..."
            self.ids[key(name)] = find_exercise(self.library, target.strip(), "map").id

    def find(self, name: str) -> str | None:
        """The library id of a name, or None: it is kept by name."""
        return self.ids.get(key(name))


def load(library: Library, maps: Iterable[str] = ()) -> Aliases:
    from ..programs import aliases_path

    aliases = Aliases(library, read_table(aliases_path()))
    aliases.add_maps(maps)
    return aliases
