"""A disposable cache of checked data, so that everyday commands skip work already done.

Entries are pickles of oneup's own dataclasses, written by oneup into the cache folder, which
is created readable by its owner only. Nothing read from a program file or the network is ever
unpickled: a program file is parsed with a safe YAML loader and checked before it is cached.
A missing, stale or unreadable entry is simply rebuilt.
"""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path
from typing import Any, NamedTuple

from . import __version__, paths

FORMAT = 1


class Entry(NamedTuple):
    path: Path
    key: str  # stored with the object: a clash of file names never returns another's data


def entry(kind: str, key: object) -> Entry:
    # crc32 only names the file (hashlib costs start-up time); the full key is checked on load.
    full = repr((FORMAT, __version__, kind, key))
    return Entry(paths.cache_dir() / f"{kind}-{zlib.crc32(full.encode()):08x}.pickle", full)


def load(where: Entry) -> Any:
    try:
        with where.path.open("rb") as f:
            key, obj = pickle.load(f)
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
    return obj if key == where.key else None


def store(where: Entry, obj: object) -> None:
    """Best effort: a cache that cannot be written only costs time next run."""
    path = where.path
    try:
        paths.ensure_private_dir(path.parent)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            pickle.dump((where.key, obj), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
