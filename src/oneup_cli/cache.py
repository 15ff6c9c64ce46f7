"""A disposable cache of checked data, so that everyday commands skip work already done.

Entries are pickles of oneup's own dataclasses, written by oneup into the cache folder, which
is created readable by its owner only. Nothing read from a program file or the network is ever
unpickled: a program file is parsed with a safe YAML loader and checked before it is cached.
A missing, stale or unreadable entry is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from . import __version__, paths

FORMAT = 1


def entry(kind: str, key: object) -> Path:
    digest = hashlib.sha256(repr((FORMAT, __version__, kind, key)).encode()).hexdigest()[:24]
    return paths.cache_dir() / f"{kind}-{digest}.pickle"


def load(path: Path) -> Any:
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (
        OSError,
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        TypeError,
        ValueError,
    ):
        return None


def store(path: Path, obj: object) -> None:
    """Best effort: a cache that cannot be written only costs time next run."""
    try:
        paths.ensure_private_dir(path.parent)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
