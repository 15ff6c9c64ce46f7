"""Hostile cases: files only ours, only where they belong (issue 10, Files).

oneup's folders that another user owns or may write in, a profile that is a link or not a
file, outputs that are devices, FIFOs, sockets or links, and inputs that are devices, FIFOs,
folders or too big: each is refused in one line, before anything is written.
"""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable
from pathlib import Path

from . import PROFILE, Case

NOBODY = 65534
ROSTER = "name,program\nAna,balance\nBo,prevention\n"


# --- what a setup does ----------------------------------------------------------------------


def _chmod(rel: str, mode: int) -> Callable[[Path, Path], None]:
    def setup(home: Path, tmp: Path) -> None:
        folder = home / rel
        folder.mkdir(exist_ok=True)
        os.chmod(folder, mode)

    return setup


def _chown(rel: str) -> Callable[[Path, Path], None]:
    def setup(home: Path, tmp: Path) -> None:
        folder = home / rel
        folder.mkdir(exist_ok=True)
        os.chown(folder, NOBODY, NOBODY)

    return setup


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _device(path: Path) -> None:
    os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # another /dev/null


def _socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as f:
        f.truncate(size)


def _at(rel: str, make: Callable[[Path], None]) -> Callable[[Path, Path], None]:
    """Make something at tmp/rel (the scratch folder)."""

    def setup(home: Path, tmp: Path) -> None:
        (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
        make(tmp / rel)

    return setup


def _roster_and(rel: str, make: Callable[[Path], None]) -> Callable[[Path, Path], None]:
    """A good roster at tmp/roster.csv, and something made at tmp/rel (in the out folder)."""

    def setup(home: Path, tmp: Path) -> None:
        (tmp / "roster.csv").write_text(ROSTER)
        (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
        make(tmp / rel)

    return setup


def _profile_link(home: Path, tmp: Path) -> None:
    """The profile moved away and a link left in its place."""
    real = tmp / "elsewhere.json"
    (home / PROFILE).rename(real)
    (home / PROFILE).symlink_to(real)


def _profile_link_to_other(home: Path, tmp: Path) -> None:
    """A link in place of the profile, to someone else's file."""
    other = tmp / "other.json"
    other.write_bytes((home / PROFILE).read_bytes())
    os.chown(other, NOBODY, NOBODY)
    (home / PROFILE).unlink()
    (home / PROFILE).symlink_to(other)


def _profile_start(day: str) -> Callable[[Path, Path], None]:
    def setup(home: Path, tmp: Path) -> None:
        text = (home / PROFILE).read_text()
        start = text.index('"start"')
        end = text.index(",", start)
        (home / PROFILE).write_text(f'{text[:start]}"start": "{day}"{text[end:]}')

    return setup


def _profile_replaced(make: Callable[[Path], None]) -> Callable[[Path, Path], None]:
    def setup(home: Path, tmp: Path) -> None:
        (home / PROFILE).unlink()
        make(home / PROFILE)

    return setup


def _big_profile(path: Path) -> None:
    _sparse(path, 2_000_000)


def _make_folder(path: Path) -> None:
    path.mkdir()


def _user_program(make: Callable[[Path], None]) -> Callable[[Path, Path], None]:
    def setup(home: Path, tmp: Path) -> None:
        (home / "programs").mkdir(mode=0o700, exist_ok=True)
        make(home / "programs" / "mine.yaml")

    return setup


def _link(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.symlink_to(target)

    return make


WRITABLE = "is writable by other users: run chmod go-w"
SHARED = "is shared by every user: set ONEUP_HOME to a folder of your own"
OWNED = f"is owned by another user (uid {NOBODY})"
MD = ("-f", "md")
BULK = ("bulk", "{tmp}/roster.csv", "--out", "{tmp}/out", *MD)

CASES: list[Case] = [
    # --- folders of oneup's that another user may write in or owns ---------------------------
    Case("home-group-writable", ("today",), setup=_chmod(".", 0o770), says=WRITABLE),
    Case("home-other-writable", ("history",), setup=_chmod(".", 0o707), says=WRITABLE),
    Case("home-world-writable-sticky", ("undo",), setup=_chmod(".", 0o1777), says=SHARED),
    Case("cache-world-writable-sticky", ("today",), setup=_chmod("cache", 0o1777), process=True),
    Case("profile-dir-sticky", ("done",), setup=_chmod("profiles/me", 0o1777), says=WRITABLE),
    Case(
        "profiles-group-writable",
        ("log", "goblet-squat", "3x8@20kg"),
        setup=_chmod("profiles", 0o770),
        says=WRITABLE,
    ),
    Case(
        "profile-dir-other-writable", ("done",), setup=_chmod("profiles/me", 0o703), says=WRITABLE
    ),
    Case("profile-dir-group-writable-undo", ("undo",), setup=_chmod("profiles/me", 0o720)),
    Case(
        "profile-dir-writable-start",
        ("start", "balance"),
        setup=_chmod("profiles/me", 0o777),
        says=WRITABLE,
    ),
    # The cache is met in a new process: one that loaded a program keeps it in memory.
    Case(
        "cache-group-writable",
        ("today",),
        setup=_chmod("cache", 0o770),
        says=WRITABLE,
        process=True,
    ),
    Case(
        "cache-other-writable",
        ("programs", "list"),
        setup=_chmod("cache", 0o777),
        process=True,
    ),
    Case("programs-dir-writable", ("programs", "list"), setup=_chmod("programs", 0o775)),
    Case("home-owned-by-other", ("today",), setup=_chown("."), says=OWNED),
    Case("profiles-owned-by-other", ("history",), setup=_chown("profiles"), says=OWNED),
    Case("profile-dir-owned-by-other", ("done",), setup=_chown("profiles/me"), says=OWNED),
    Case(
        "profile-dir-owned-by-other-log",
        ("log", "goblet-squat", "3x8@20kg"),
        setup=_chown("profiles/me"),
        says=OWNED,
    ),
    Case(
        "cache-owned-by-other",
        ("plan", "-f", "text"),
        setup=_chown("cache"),
        says=OWNED,
        process=True,
    ),
    Case("programs-dir-owned-by-other", ("programs", "list"), setup=_chown("programs")),
    # --- the profile: a link, or not a file ----------------------------------------------------
    Case("profile-is-a-link", ("today",), setup=_profile_link, says="symbolic link"),
    Case(
        "profile-is-a-link-log",
        ("log", "goblet-squat", "3x8@20kg"),
        setup=_profile_link,
        says="symbolic link",
    ),
    Case("profile-is-a-link-start", ("start", "balance"), setup=_profile_link),
    Case("profile-link-to-another-user", ("plan", "-f", "text"), setup=_profile_link_to_other),
    Case("profile-is-a-fifo", ("today",), setup=_profile_replaced(_fifo), says="FIFO"),
    Case("profile-is-a-folder", ("today",), setup=_profile_replaced(_make_folder)),
    Case("profile-is-a-device", ("done",), setup=_profile_replaced(_device)),
    Case("profile-over-1-mb", ("today",), setup=_profile_replaced(_big_profile), says="1 MB"),
    # --- plan -o: only a regular file ----------------------------------------------------------
    Case("plan-o-fifo", ("plan", *MD, "-o", "{tmp}/p.md"), setup=_at("p.md", _fifo), says="FIFO"),
    Case(
        "plan-o-char-device",
        ("plan", *MD, "-o", "{tmp}/p.md"),
        setup=_at("p.md", _device),
        says="is a character device",
    ),
    Case("plan-o-socket", ("plan", *MD, "-o", "{tmp}/p.md"), setup=_at("p.md", _socket)),
    Case("plan-o-dev-null", ("plan", *MD, "-o", "/dev/null"), says="use - for standard output"),
    Case("plan-o-dev-stdout", ("plan", *MD, "-o", "/dev/stdout"), says="symbolic link"),
    Case(
        "plan-o-link-to-a-file",
        ("plan", *MD, "-o", "{tmp}/p.md"),
        setup=_at("p.md", _link("/etc/hostname")),
        says="symbolic link",
    ),
    Case(
        "plan-new-client-o-device",
        ("plan", "--program", "balance", "--start", "2026-03-02", "-f", "html", "-o", "{tmp}/x"),
        setup=_at("x", _device),
    ),
    # --- program files: only regular files of at most 1 MB --------------------------------------
    Case("program-dev-zero", ("programs", "show", "/dev/zero"), says="character device"),
    Case(
        "program-fifo",
        ("programs", "show", "{tmp}/p.yaml"),
        setup=_at("p.yaml", _fifo),
        says="FIFO",
    ),
    Case("program-folder", ("programs", "show", "{tmp}/p.yaml"), setup=_at("p.yaml", _make_folder)),
    Case(
        "program-over-1-mb",
        ("programs", "show", "{tmp}/p.yaml"),
        setup=_at("p.yaml", lambda p: _sparse(p, 1_000_001)),
        says="1 MB",
    ),
    Case(
        "plan-program-fifo",
        ("plan", "--program", "{tmp}/p.yaml", "--start", "2026-03-02", *MD),
        setup=_at("p.yaml", _fifo),
    ),
    Case(
        "plan-program-dev-zero",
        ("plan", "--program", "/dev/zero", "--start", "2026-03-02", *MD),
        says="character device",
    ),
    Case(
        "user-program-fifo-shown",
        ("programs", "show", "mine"),
        setup=_user_program(_fifo),
        says="FIFO",
    ),
    # --- rosters: only regular files (or a pipe) of at most 50 MB ------------------------------
    Case("roster-dev-zero", ("bulk", "/dev/zero", "--out", "{tmp}/out", *MD), says="device"),
    Case(
        "roster-fifo",
        ("bulk", "{tmp}/r.csv", "--out", "{tmp}/out", *MD),
        setup=_at("r.csv", _fifo),
        says="FIFO",
    ),
    Case(
        "roster-over-50-mb",
        ("bulk", "{tmp}/r.csv", "--out", "{tmp}/out", *MD),
        setup=_at("r.csv", lambda p: _sparse(p, 50_000_001)),
        says="50 MB",
    ),
    Case(
        "roster-socket",
        ("bulk", "{tmp}/r.csv", "--out", "{tmp}/out", *MD),
        setup=_at("r.csv", _socket),
    ),
    Case("roster-folder", ("bulk", "{tmp}", "--out", "{tmp}/out", *MD), code=2),
    # --- bulk outputs: never a device, a FIFO, a socket or a link -------------------------------
    Case(
        "bulk-out-is-a-device",
        ("bulk", "{tmp}/roster.csv", "--out", "{tmp}/out", *MD),
        setup=_roster_and("out", _device),
        says="is a character device: give a folder",
    ),
    Case("bulk-plan-is-a-fifo", (*BULK, "--force"), setup=_roster_and("out/ana.md", _fifo)),
    Case("bulk-plan-is-a-device", (*BULK, "--force"), setup=_roster_and("out/bo.md", _device)),
    Case(
        "bulk-index-is-a-socket",
        (*BULK, "--force"),
        setup=_roster_and("out/index.json", _socket),
        says="socket",
    ),
    Case(
        "bulk-index-is-a-link",
        (*BULK, "--force"),
        setup=_roster_and("out/index.csv", _link("/etc/hostname")),
        says="symbolic link",
    ),
    Case(
        "bulk-plan-is-a-fifo-no-force",
        BULK,
        setup=_roster_and("out/ana.md", _fifo),
        says="FIFO",
    ),
    # --- outputs never land in oneup's own folders (the log, the profile, the cache) ----------
    Case(
        "plan-o-the-log",
        ("plan", *MD, "-o", "{home}/profiles/me/log.jsonl"),
        code=2,
        says="inside oneup's own folder",
    ),
    Case("plan-o-the-profile", ("plan", *MD, "-o", "{home}/profiles/me/profile.json"), code=2),
    Case("plan-o-the-cache", ("plan", *MD, "-o", "{home}/cache/x.md"), code=2),
    Case(
        "bulk-out-the-profile-folder",
        ("bulk", "{tmp}/r.csv", "--out", "{home}/profiles/me", "-f", "json", "--force"),
        setup=_at("r.csv", lambda p: p.write_text("name\nprofile\nlog\n")),
        code=2,
        says="inside oneup's own folder",
    ),
    Case(
        "bulk-out-the-profiles",
        ("bulk", "{tmp}/r.csv", "--out", "{home}/profiles", *MD),
        setup=_at("r.csv", lambda p: p.write_text("name\nme\n")),
        code=2,
    ),
    # --- a profile whose start is beyond any calendar: one line, "damaged" --------------------
    *(
        Case(
            f"profile-start-{year}-{' '.join(args)}".replace(" ", "-"),
            args,
            setup=_profile_start(f"{year}-12-31"),
            code=1,
            says=f"is damaged: start {year}-12-31",
        )
        for year in ("9999", "0001", "1899", "2200")
        for args in (("today",), ("plan",), ("done",))
    ),
    # --- ONEUP_HOME where no data folder can be: never "run chmod go-w /tmp" -----------------
    Case("home-is-tmp", ("history",), env={"ONEUP_HOME": "/tmp"}, says=f"/tmp {SHARED}"),
    Case("home-is-dev-null", ("today",), env={"ONEUP_HOME": "/dev/null"}, says="is not a folder"),
    Case("home-is-a-file", ("today",), env={"ONEUP_HOME": "/etc/hostname"}, says="not a folder"),
]
