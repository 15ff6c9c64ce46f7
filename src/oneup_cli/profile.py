"""Profiles: one file per person, replaced atomically, readable by its owner only.

The profile is read and written only as a regular file in a folder of the user's own
(paths.check_private): a symbolic link in its place is refused, never followed."""

from __future__ import annotations

import os
from pathlib import Path

from . import files, paths
from .errors import OneupError
from .model import DecodeError, Profile, decode_json, encode_json, plain_reason

_ONLY_A_FILE = "oneup reads a profile only from a regular file"


def load(name: str) -> Profile | None:
    path = paths.profile_file(name)
    try:
        data = files.read_given(
            path, files.PROFILE_BYTES, "profile", nofollow=True, fix=_ONLY_A_FILE
        )
    except files.InputError as e:
        if not os.path.lexists(path):
            return None
        raise OneupError(e.message) from None
    try:
        return decode_json(data, Profile)
    except DecodeError as e:  # a ValidationError is one too
        raise OneupError(f"profile {path} is damaged: {plain_reason(e, data)}") from None


def save(profile: Profile) -> Path:
    path = paths.profile_file(profile.name)
    paths.ensure_private_dir(path.parent)
    files.write_atomic(path, encode_json(profile, indent=2).decode("utf-8") + "\n")
    return path


def names() -> list[str]:
    root = paths.check_private(paths.profiles_dir())
    if not root.is_dir():
        return []
    return sorted(p.parent.name for p in root.glob("*/profile.json"))
