"""Profiles: one file per person, replaced atomically, readable by its owner only."""

from __future__ import annotations

import json
from pathlib import Path

from . import files, paths
from .convert import ConversionError, from_plain, to_plain
from .errors import OneupError
from .model import Profile


def load(name: str) -> Profile | None:
    path = paths.profile_file(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise OneupError(f"cannot read profile {path}: {e}") from None
    try:
        return from_plain(Profile, data)
    except ConversionError as e:
        raise OneupError(f"profile {path} is damaged: {e}") from None


def save(profile: Profile) -> Path:
    path = paths.profile_file(profile.name)
    paths.ensure_private_dir(path.parent)
    files.write_atomic(path, json.dumps(to_plain(profile), indent=2) + "\n")
    return path


def names() -> list[str]:
    root = paths.profiles_dir()
    if not root.is_dir():
        return []
    return sorted(p.parent.name for p in root.glob("*/profile.json"))
