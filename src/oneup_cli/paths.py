"""Every path oneup uses, computed in one place. ONEUP_HOME relocates all of them."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .errors import OneupError, UsageError

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
    """The cache folder, checked (`check_private`)."""
    return check_private(_cache_root())


def _cache_root() -> Path:
    env = os.environ.get("ONEUP_HOME")
    if env:
        return Path(env).expanduser() / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def user_programs_dir() -> Path:
    """The user's programs folder, checked (`check_private`)."""
    return check_private(home() / "programs")


def profiles_dir() -> Path:
    return home() / "profiles"


def data_folder(path: Path) -> Path | None:
    """The folder of oneup's own data that `path` is in or is (the profiles, the cache, the
    user's programs), else None: plans and bulk files never go there, where they could
    replace a log or a profile. Links are resolved on both sides."""
    real = Path(os.path.realpath(path))
    for folder in (profiles_dir(), _cache_root(), home() / "programs"):
        mine = Path(os.path.realpath(folder))
        if real == mine or mine in real.parents:
            return folder
    return None


def valid_name(name: str) -> bool:
    """Whether `name` may name a profile or a program (`check_name` without the error)."""
    return bool(_NAME_RE.match(name)) and ".." not in name


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
    """The profile's file, its folders checked (`check_private`)."""
    return check_private(profile_dir(name)) / "profile.json"


def log_file(name: str) -> Path:
    """The profile's log, its folders checked (`check_private`)."""
    return check_private(profile_dir(name)) / "log.jsonl"


def ensure_private_dir(path: Path) -> Path:
    """Create a folder and any missing parents, each readable by its owner only (whatever the
    umask); folders that already exist keep their mode. Inside oneup's own folders, the
    folders on the way are checked (`check_private`) before anything is created."""
    check_private(path)
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


def check_private(path: Path) -> Path:
    """`path`, after checking each existing folder from oneup's own (the data folder, or the
    cache folder) down to it: owned by this user (or root), writable by nobody else, as ssh
    wants its keys. Folders above oneup's own (the home folder, /tmp) are not ours to judge;
    a path outside oneup's folders (a bulk run's --out) is not checked. OneupError, one line
    with the fix, for a folder that fails."""
    for root in (home(), _cache_root()):
        if path == root or root in path.parents:
            folders = [root, *(root / p for p in _parts_below(path, root))]
            for folder in folders:
                if not _trusted(folder, top=folder == root):
                    break
            return path
    return path


def _parts_below(path: Path, root: Path) -> list[Path]:
    parts = path.relative_to(root).parts
    return [Path(*parts[: i + 1]) for i in range(len(parts))]


def _trusted(folder: Path, *, top: bool = False) -> bool:
    """False when the folder does not exist (nothing below it does either); OneupError when
    it is not a folder, or another user owns it or may write in it. `top`: the data folder
    or the cache folder itself (ONEUP_HOME moves it), which the fix may say to move."""
    try:
        st = os.stat(folder)
    except OSError:
        return False
    elsewhere = "set ONEUP_HOME to a folder of your own"
    if not stat.S_ISDIR(st.st_mode):
        fix = elsewhere if top else "move it away"
        raise OneupError(f"{folder} is not a folder, and oneup keeps its data there: {fix}")
    me = os.geteuid()
    if st.st_uid in (me, 0) and not st.st_mode & 0o022:
        return True
    if top and st.st_mode & stat.S_ISVTX and st.st_mode & 0o002:
        # /tmp as ONEUP_HOME: every user's by design; chmod go-w there would break the system
        raise OneupError(f"{folder} is shared by every user: {elsewhere}")
    import shlex

    shown = shlex.quote(str(folder))
    if st.st_uid not in (me, 0):
        try:
            import pwd

            user = pwd.getpwuid(me).pw_name
        except (ImportError, KeyError):
            user = str(me)
        raise OneupError(
            f"{folder} is owned by another user (uid {st.st_uid}): run chown {user} {shown} "
            "as root, or set ONEUP_HOME to a folder of yours"
        )
    raise OneupError(f"{folder} is writable by other users: run chmod go-w {shown}")
