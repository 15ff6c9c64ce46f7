"""Every path oneup uses, computed in one place. ONEUP_HOME relocates all of them."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import UsageError

APP = "oneup"
DEFAULT_PROFILE = "me"
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def home() -> Path:
    """The data folder: $ONEUP_HOME if set, else the platform's user data folder."""
    env = os.environ.get("ONEUP_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def cache_dir() -> Path:
    env = os.environ.get("ONEUP_HOME")
    if env:
        return Path(env).expanduser() / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def user_programs_dir() -> Path:
    return home() / "programs"


def profiles_dir() -> Path:
    return home() / "profiles"


def check_name(name: str, what: str = "profile") -> str:
    """A profile or program name that cannot reach outside its folder."""
    if not _NAME_RE.match(name) or ".." in name:
        raise UsageError(
            f"{what} name {name!r} is not allowed: use ASCII letters, digits, '-', '_' or '.' "
            "(at most 64, starting with a letter or digit)"
        )
    return name


def profile_dir(name: str) -> Path:
    return profiles_dir() / check_name(name)


def profile_file(name: str) -> Path:
    return profile_dir(name) / "profile.json"


def log_file(name: str) -> Path:
    return profile_dir(name) / "log.jsonl"


def ensure_private_dir(path: Path) -> Path:
    """Create a folder and any missing parents, each readable by its owner only (whatever the
    umask); folders that already exist are left as they are."""
    missing: list[Path] = []
    current = path
    while not current.is_dir():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made by a concurrent process: not ours to change
        os.chmod(folder, 0o700)
    return path
