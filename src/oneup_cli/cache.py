"""A disposable cache of checked data, so that everyday commands skip work already done.

Entries are JSON, written by oneup into the cache folder (created readable by its owner only,
and refused when another user may write in it: paths.check_private) from its own model
objects, and read back, only from regular files (never through a link), through the model's
decoder, which checks every field again: a file here is only ever data, never code. A
missing, stale, damaged or foreign entry is simply rebuilt.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import msgspec

from . import __version__, files, paths
from .model import dec_hook, enc_hook

FORMAT = 2  # 1 was a format that could run code when read; never again
CACHE_BYTES = 64_000_000  # far above any entry oneup writes; a FIFO or /dev/zero is no entry
T = TypeVar("T")


class Entry(NamedTuple):
    path: Path
    key: str  # stored with the object: a clash of file names never returns another's data


def entry(kind: str, key: object) -> Entry:
    # crc32 only names the file (hashlib costs start-up time); the full key is checked on load.
    full = repr((FORMAT, __version__, kind, key))
    return Entry(paths.cache_dir() / f"{kind}-{zlib.crc32(full.encode()):08x}.json", full)


_DECODERS: dict[type, msgspec.json.Decoder[Any]] = {}


def load(where: Entry, cls: type[T]) -> T | None:
    """The cached `cls` for this entry, or None if there is none that fits."""
    found = _DECODERS.get(cls)
    if found is None:
        found = _DECODERS[cls] = msgspec.json.Decoder(tuple[str, cls], dec_hook=dec_hook)  # type: ignore[valid-type]
    try:
        data = files.read_given(where.path, CACHE_BYTES, "cache entry", nofollow=True)
        key, obj = found.decode(data)
    except (files.InputError, msgspec.ValidationError):
        return None
    except msgspec.DecodeError:
        try:
            key, obj = _decode_escaped(data, cls)
        except (ValueError, RecursionError, msgspec.ValidationError):
            return None
    return obj if key == where.key and isinstance(obj, cls) else None


# msgspec neither writes nor reads JSON escapes of lone surrogates ("\udcff"), which a note
# typed in a terminal that is not UTF-8 holds. The standard library writes and tokenizes such
# an entry; the model's convert still checks every field of it.
def _encode_escaped(entry: object) -> bytes:
    import json

    return json.dumps(msgspec.to_builtins(entry, enc_hook=enc_hook)).encode("ascii")


def _decode_escaped(data: bytes, cls: type[T]) -> tuple[str, T]:
    import json

    plain = json.loads(data)
    return msgspec.convert(plain, tuple[str, cls], dec_hook=dec_hook)  # type: ignore[valid-type]


def store(where: Entry, obj: object) -> None:
    """Best effort: a cache that cannot be written only costs time next run. Written with
    files.write_atomic, so a reader never sees half an entry."""
    from .errors import OneupError

    try:
        data = msgspec.json.encode((where.key, obj), enc_hook=enc_hook)
    except UnicodeEncodeError:
        data = _encode_escaped((where.key, obj))
    try:
        paths.ensure_private_dir(where.path.parent)
        # No fsync: a cache is checked again on every load, and one spoilt by a power cut
        # only costs the time to make it again (1-2 ms a write saved, every `log`, every
        # client of `bulk --profiles`).
        files.write_atomic(where.path, data, sync_folder=False, durable=False)
    except (OSError, OneupError):
        pass
