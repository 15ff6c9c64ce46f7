"""Writing files safely: the one way oneup replaces a file.

A temp file in the same folder, readable by its owner only (plans and profiles are health
data), flushed and fsynced, then moved over the target with `os.replace`: a reader sees the
old file or the new, never half of one. The folder is fsynced too, so that the new name
survives a power cut; a run that writes many files in one folder may do that once at the end.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO, Any

from .errors import OneupError


class AtomicFile:
    """A file written in steps and put in place at the end (`commit`), or never (`discard`).

    Its temp file is named `.NAME.RANDOM.tmp` beside the target."""

    def __init__(self, path: Path, *, binary: bool = False) -> None:
        self.path = path
        try:
            fd, self.temp = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
            )
        except OSError as e:
            raise OneupError(f"cannot write {path}: {e.strerror}") from None
        os.fchmod(fd, 0o600)
        self.file: IO[Any] = (
            os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        )

    def write(self, data: Any) -> None:
        self.file.write(data)

    def commit(self, *, sync_folder: bool = True) -> None:
        """fsync, replace the target, and (unless told otherwise) fsync the folder."""
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.replace(self.temp, self.path)
        except OSError as e:
            self.discard()
            raise OneupError(f"cannot write {self.path}: {e.strerror}") from None
        if sync_folder:
            sync(self.path.parent)

    def discard(self) -> None:
        self.file.close()
        Path(self.temp).unlink(missing_ok=True)


def write_atomic(path: Path, data: str | bytes, *, sync_folder: bool = True) -> None:
    """Replace `path` with `data` (see the module's docstring); OneupError if it cannot."""
    target = AtomicFile(path, binary=isinstance(data, bytes))
    try:
        target.write(data)
    except OSError as e:
        target.discard()
        raise OneupError(f"cannot write {path}: {e.strerror}") from None
    except BaseException:
        target.discard()
        raise
    target.commit(sync_folder=sync_folder)


def sync(folder: Path) -> None:
    """fsync a folder: the names of the files just put in it reach the disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
