"""Files: the one way oneup replaces a file, and the one way it reads a file people give it.

Writing: a temp file in the same folder, readable by its owner only (plans and profiles are
health data) or with the permission bits of the file it replaces, flushed and fsynced, then
moved over the target with `os.replace`: a reader sees the old file or the new, never half of
one. The folder is fsynced too, so that the new
name survives a power cut; a run that writes many files in one folder may do that once at the
end. Only regular files are replaced: a device, a FIFO, a socket, a folder or a symbolic link
where the file should go is refused. A write that fails (a full disk) removes its temp file;
temp files an earlier crash left behind (`.NAME.oneup-RANDOM.tmp`, over an hour old, this
user's) are removed the first time a process replaces a file in their folder; other programs'
temp files, whatever their names, are never touched.

Reading: `read_given` and `open_given` read only a regular file (or, where the caller allows
it, a pipe the shell already opened, `<(command)`) within a size limit, so that `/dev/zero`
or a FIFO gets an error, not a hang or a crash.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import IO, Any

from .errors import ExitCode, OneupError

# The most oneup reads of each kind of file people give it.
PROGRAM_BYTES = 1_000_000
ROSTER_BYTES = 50_000_000
PROFILE_BYTES = 1_000_000

# Temp files: `.NAME.oneup-RANDOM.tmp` (RANDOM: tempfile's 8 characters), a name no other
# program uses (`.report.docx.k3j2h1g0.tmp` is someone else's); older than this, a temp file
# is a crash's leftover, not a write under way.
STALE_SECONDS = 3600
TEMP_TAG = "oneup-"
_TEMP = re.compile(r"^\..+\.oneup-[a-z0-9_]{8}\.tmp$")
_swept: set[str] = set()  # folders this process has cleaned

# Paths to a pipe the shell opened for us: `<(command)`, or standard input by name.
_OPEN_PIPE = re.compile(r"^/(?:dev/fd|proc/self/fd|proc/\d+/fd)/\d+$|^/dev/stdin$")


def kind(mode: int) -> str:
    """What a file that is not a regular file is, for messages: 'a FIFO (named pipe)'."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_regular(path: Path) -> str | None:
    """None if `path` is free for a regular file (missing, or a regular file itself); else
    what is there instead ('a character device', 'a symbolic link'...). Links are not
    followed: a link is never replaced, nor written through."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None  # the folder is missing: writing says so
    return None if stat.S_ISREG(mode) else kind(mode)


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


class AtomicFile:
    """A file written in steps and put in place at the end (`commit`), or never (`discard`).

    Its temp file is named `.NAME.oneup-RANDOM.tmp` beside the target. OneupError if the target is
    not a regular file, or when writing fails (and then the temp file is gone)."""

    def __init__(self, path: Path, *, binary: bool = False) -> None:
        import tempfile  # here: `oneup today` never writes a whole file

        self.path = path
        self.closed = False
        found = not_regular(path)
        if found is not None:
            raise OneupError(
                f"cannot write {path}: it is {found}; oneup replaces only regular files"
            )
        sweep(path.parent)
        try:
            fd, self.temp = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}.{TEMP_TAG}", suffix=".tmp"
            )
        except OSError as e:
            raise OneupError(f"cannot write {path}: {e.strerror}") from None
        try:
            os.fchmod(fd, _mode_of(path))
            self.file: IO[Any] = (
                os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
            )
        except BaseException:
            os.close(fd)
            Path(self.temp).unlink(missing_ok=True)
            raise

    def write(self, data: Any) -> None:
        try:
            self.file.write(data)
        except OSError as e:
            self.discard()
            raise OneupError(f"cannot write {self.path}: {e.strerror}") from None

    def commit(self, *, sync_folder: bool = True, durable: bool = True) -> None:
        """fsync, replace the target, and (unless told otherwise) fsync the folder. Not
        `durable` (the disposable cache only, which is checked again on every load): no fsync
        at all, as a cache that a power cut spoils only costs time."""
        try:
            self.file.flush()
            if durable:
                os.fsync(self.file.fileno())
            self.file.close()
            self.closed = True
            found = not_regular(self.path)  # something else put there since we began
            if found is not None:
                raise OneupError(
                    f"cannot write {self.path}: it is {found}; oneup replaces only regular files"
                )
            os.replace(self.temp, self.path)
        except OSError as e:
            self.discard()
            raise OneupError(f"cannot write {self.path}: {e.strerror}") from None
        except BaseException:
            self.discard()
            raise
        if sync_folder:
            sync(self.path.parent)

    def discard(self) -> None:
        """Drop the temp file; safe to call twice, and after a failed write (a full disk:
        closing cannot flush what is buffered, and the file goes all the same)."""
        try:
            if not self.closed:
                self.closed = True
                self.file.close()
        except OSError:
            pass
        finally:
            Path(self.temp).unlink(missing_ok=True)


def _mode_of(path: Path) -> int:
    """The permission bits for the new file: those of the file it replaces (a plan people
    made readable by others stays so: oneup never changes the mode of a file it did not
    create), else owner-only."""
    try:
        return os.lstat(path).st_mode & 0o777
    except OSError:
        return 0o600


def write_atomic(
    path: Path, data: str | bytes, *, sync_folder: bool = True, durable: bool = True
) -> None:
    """Replace `path` with `data` (see the module's docstring); OneupError if it cannot."""
    target = AtomicFile(path, binary=isinstance(data, bytes))
    try:
        target.write(data)
    except BaseException:
        target.discard()
        raise
    target.commit(sync_folder=sync_folder and durable, durable=durable)


def sync(folder: Path) -> None:
    """fsync a folder: the names of the files just put in it reach the disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sweep(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove the temp files an earlier crash left in `folder`: `.NAME.oneup-RANDOM.tmp`, regular
    files of this user, untouched for over an hour (a write under way is never that old).
    Once per folder and process; best effort. Returns what was removed."""
    import time

    key = os.path.abspath(folder)
    if now is None:
        if key in _swept:
            return []
        _swept.add(key)
        now = time.time()
    removed: list[Path] = []
    try:
        names = [n for n in os.listdir(folder) if _TEMP.match(n)]
    except OSError:
        return removed
    me = os.geteuid()
    for name in names:
        path = Path(folder) / name
        try:
            st = os.lstat(path)
            if stat.S_ISREG(st.st_mode) and st.st_uid == me and now - st.st_mtime > STALE_SECONDS:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


class InputError(OneupError):
    """A file that cannot be read as input: `problem` says why, after the file's name."""

    def __init__(
        self, path: object, what: str, reason: str, *, code: ExitCode = ExitCode.DATA
    ) -> None:
        self.path = str(path)
        self.what = what
        self.problem = reason
        super().__init__(f"the {what} {path} {reason}", code=code)


def megabytes(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB"


def too_big(path: object, what: str, limit: int) -> InputError:
    """The error for a stream that goes on past the limit."""
    return InputError(path, what, f"is over {megabytes(limit)}: a {what} is at most that")


def open_given(
    path: Path | str,
    limit: int,
    what: str,
    *,
    nofollow: bool = False,
    pipes: bool = False,
    fix: str | None = None,
) -> int:
    """An open file descriptor on `path`, checked: a regular file of at most `limit` bytes
    (or, with pipes, a pipe the shell opened: /dev/fd/N, /dev/stdin, in blocking mode). With
    nofollow, a symbolic link is refused. InputError otherwise; `what` names the file in it
    ('program', 'roster'), `fix` what to do instead ('give a CSV file')."""
    fix = fix or f"give a {what} file"
    flags = os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK  # a FIFO's open never waits
    if nofollow:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(path, what, "does not exist", code=ExitCode.USAGE) from None
    except OSError as e:
        if nofollow and os.path.islink(path):
            raise InputError(
                path,
                what,
                "is a symbolic link: oneup does not follow links to health data; "
                "put the file itself there",
            ) from None
        try:
            st = os.stat(path)
        except OSError:
            st = None
        if st is not None:  # a socket cannot be opened: say what it is
            check_stat(path, st, limit, what, fix=fix)
        raise InputError(path, what, f"cannot be read: {e.strerror}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISFIFO(st.st_mode) and pipes and _OPEN_PIPE.match(str(path)):
            os.set_blocking(fd, True)  # the shell's pipe: read as it comes, like stdin
            return fd
        check_stat(path, st, limit, what, fix=fix)
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_stat(
    path: Path | str, st: os.stat_result, limit: int, what: str, *, fix: str | None = None
) -> None:
    """InputError unless `st` (of `path`) is a regular file of at most `limit` bytes."""
    fix = fix or f"give a {what} file"
    if stat.S_ISDIR(st.st_mode):
        raise InputError(path, what, f"is a folder: {fix}", code=ExitCode.USAGE)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(path, what, f"is {kind(st.st_mode)}, not a file: {fix}")
    if st.st_size > limit:
        raise InputError(
            path, what, f"is {st.st_size:,} bytes: a {what} is at most {megabytes(limit)}"
        )


def read_limited(f: IO[bytes] | int, limit: int, path: object, what: str) -> bytes:
    """All of a stream (an open file descriptor or file), InputError past `limit` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = os.read(f, 1 << 16) if isinstance(f, int) else f.read(1 << 16)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise too_big(path, what, limit)
        chunks.append(chunk)


def read_given(
    path: Path | str,
    limit: int,
    what: str,
    *,
    nofollow: bool = False,
    pipes: bool = False,
    fix: str | None = None,
) -> bytes:
    """The bytes of the file people gave (see `open_given`); InputError if it cannot be."""
    fd = open_given(path, limit, what, nofollow=nofollow, pipes=pipes, fix=fix)
    try:
        return read_limited(fd, limit, path, what)
    except OSError as e:
        raise InputError(path, what, f"cannot be read: {e.strerror}") from None
    finally:
        os.close(fd)
