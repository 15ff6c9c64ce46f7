"""files.py and paths.py: only ours, only where they belong (issue 10, Files).

The atomic writer leaves no temp file when the disk is full and sweeps those an earlier crash
left; inputs are read only from regular files within a limit; oneup's folders are made
owner-only and refused when another user owns them or may write in them. The tests run as
root here, so they check oneup's own checks, not the kernel's.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from oneup_cli import files, paths
from oneup_cli.errors import OneupError

from .conftest import ok, oneup

NOBODY = 65534


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A read that waits on a FIFO fails the test instead of hanging it."""

    def fail(signum: int, frame: object) -> None:
        raise TimeoutError("hung")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.fixture(autouse=True)
def fresh_sweeps() -> Iterator[None]:
    files._swept.clear()
    yield
    files._swept.clear()


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _full(*args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


class _FullDisk:
    """A file whose disk is full: writes and flushes fail; closing fails too, but closes."""

    def __init__(self, real) -> None:
        self.real = real

    def write(self, data: object) -> int:
        _full()
        return 0

    def flush(self) -> None:
        _full()

    def fileno(self) -> int:
        return self.real.fileno()

    def close(self) -> None:
        self.real.close()
        _full()


# --- a full disk leaves nothing behind --------------------------------------------------------


@pytest.mark.parametrize("data", ["text", b"bytes", "x" * 1_000_000])
def test_a_full_disk_during_the_write_leaves_no_temp_file(tmp_path, monkeypatch, data):
    target = tmp_path / "plan.md"
    target.write_text("old")
    real_fdopen = os.fdopen
    monkeypatch.setattr(files.os, "fdopen", lambda *a, **k: _FullDisk(real_fdopen(*a, **k)))
    with pytest.raises(OneupError, match="No space left on device"):
        files.write_atomic(target, data)
    assert _temps(tmp_path) == []
    assert target.read_text() == "old"


def test_a_full_disk_at_fsync_leaves_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "profile.json"
    monkeypatch.setattr(files.os, "fsync", _full)
    with pytest.raises(OneupError, match=f"cannot write {target}: No space left on device"):
        files.write_atomic(target, "{}")
    assert _temps(tmp_path) == []
    assert not target.exists()


def test_a_full_disk_when_the_buffer_is_flushed_at_commit_leaves_no_temp_file(
    tmp_path, monkeypatch
):
    """An index is written entry by entry; the disk fills when the buffer goes out."""
    target = tmp_path / "index.json"
    af = files.AtomicFile(target)
    af.write("[")  # buffered: nothing fails yet
    af.file = _FullDisk(af.file)
    with pytest.raises(OneupError, match="No space left on device"):
        af.commit()
    assert _temps(tmp_path) == []
    af.discard()  # and again: harmless


def test_a_failed_step_write_drops_the_temp_file_and_says_so(tmp_path):
    af = files.AtomicFile(tmp_path / "index.csv")
    af.file = _FullDisk(af.file)
    with pytest.raises(OneupError, match=r"cannot write .*index\.csv: No space left on device"):
        af.write("row\n")
    assert _temps(tmp_path) == []


def test_a_full_disk_in_a_real_write_through_the_cli_leaves_no_temp(run, tmp_path, monkeypatch):
    ok(run("start", "prevention"))
    real_fdopen = os.fdopen
    monkeypatch.setattr(files.os, "fdopen", lambda *a, **k: _FullDisk(real_fdopen(*a, **k)))
    result = run("plan", "-f", "md", "-o", str(tmp_path / "plan.md"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot write ") and "No space" in result.stderr
    assert _temps(tmp_path) == []


# --- temp files an earlier crash left ---------------------------------------------------------


def _temp(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_text("half a file")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_stale_temp_files_are_swept_when_oneup_next_writes_there(tmp_path):
    stale = _temp(tmp_path, ".plan.md.oneup-abc_1234.tmp", 2 * 3600)
    stale_index = _temp(tmp_path, ".index.json.oneup-zzzzzzzz.tmp", 7200)
    fresh = _temp(tmp_path, ".plan.md.oneup-k2j3h4g5.tmp", 60)  # a write under way elsewhere
    not_ours = _temp(tmp_path, ".notes.txt.tmp", 7200)  # no random part: not our name
    foreign = _temp(tmp_path, ".other.md.oneup-a1b2c3d4.tmp", 7200)
    os.chown(foreign, NOBODY, NOBODY)
    fifo = tmp_path / ".fifo.md.oneup-q1w2e3r4.tmp"
    os.mkfifo(fifo)
    os.utime(fifo, (time.time() - 7200,) * 2)

    files.write_atomic(tmp_path / "ana.md", "plan")

    assert not stale.exists() and not stale_index.exists()
    assert fresh.exists() and not_ours.exists() and foreign.exists() and fifo.exists()
    assert (tmp_path / "ana.md").read_text() == "plan"


def test_other_programs_temp_files_are_never_swept(tmp_path):
    """`.NAME.XXXXXXXX.tmp` is how many programs name their temp files: only oneup's own
    `.NAME.oneup-XXXXXXXX.tmp` are removed."""
    others = [
        _temp(tmp_path, name, 7200)
        for name in (".report.docx.k3j2h1g0.tmp", ".plan.md.abcdefgh.tmp", ".x.oneup.tmp")
    ]
    ours = _temp(tmp_path, ".plan.md.oneup-abcdefgh.tmp", 7200)

    files.write_atomic(tmp_path / "plan.md", "plan")

    assert all(p.exists() for p in others) and not ours.exists()


def test_oneup_temp_files_carry_its_tag(tmp_path, monkeypatch):
    seen: list[str] = []
    real_replace = os.replace

    def replace(src, dst):
        seen.append(os.path.basename(src))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    files.write_atomic(tmp_path / "plan.md", "plan")
    assert len(seen) == 1 and files._TEMP.match(seen[0]) and ".plan.md.oneup-" in seen[0]


def test_a_folder_is_swept_once_per_process(tmp_path):
    files.write_atomic(tmp_path / "a.md", "a")
    stale = _temp(tmp_path, ".b.md.oneup-abcdefgh.tmp", 7200)
    files.write_atomic(tmp_path / "c.md", "c")
    assert stale.exists()  # a bulk run of 10,000 plans lists its folder once, not 10,000 times


def test_sweep_with_a_clock_removes_only_what_is_over_an_hour_old(tmp_path):
    old = _temp(tmp_path, ".x.json.oneup-abcdefgh.tmp", 0)
    now = time.time()
    assert files.sweep(tmp_path, now=now + 3500) == []
    assert files.sweep(tmp_path, now=now + 3700) == [old]


def test_a_bulk_run_sweeps_its_out_folder(run, tmp_path):
    out = tmp_path / "plans"
    out.mkdir()
    stale = _temp(out, ".ana.md.oneup-abcdefgh.tmp", 7200)
    roster = tmp_path / "roster.csv"
    roster.write_text("name,program\nAna,balance\n")
    ok(run("bulk", str(roster), "--out", str(out), "-f", "md"))
    assert not stale.exists()
    assert _temps(out) == []


# --- outputs: only regular files --------------------------------------------------------------


def _device(path: Path) -> None:
    os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))


@pytest.mark.parametrize(
    ("make", "found"),
    [
        (os.mkfifo, "a FIFO (named pipe)"),
        (_device, "a character device"),
        (lambda p: p.mkdir(), "a folder"),
        (lambda p: p.symlink_to("/etc/hostname"), "a symbolic link"),
        (lambda p: p.symlink_to("nowhere"), "a symbolic link"),
    ],
)
def test_the_writer_never_replaces_what_is_not_a_regular_file(tmp_path, make, found):
    target = tmp_path / "out.md"
    make(target)
    before = os.lstat(target)
    with pytest.raises(OneupError, match=re.escape(f"it is {found}; oneup replaces only regular")):
        files.write_atomic(target, "x")
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert _temps(tmp_path) == []


def test_a_fifo_put_in_place_during_the_write_is_not_replaced(tmp_path):
    target = tmp_path / "out.md"
    af = files.AtomicFile(target)
    af.write("x")
    os.mkfifo(target)
    with pytest.raises(OneupError, match="FIFO"):
        af.commit()
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert _temps(tmp_path) == []


def test_not_regular_says_nothing_of_a_missing_file_or_a_regular_one(tmp_path):
    assert files.not_regular(tmp_path / "missing") is None
    assert files.not_regular(tmp_path / "missing-folder" / "x") is None
    (tmp_path / "f").write_text("x")
    assert files.not_regular(tmp_path / "f") is None
    assert files.not_regular(Path("/dev/null")) == "a character device"


def test_plan_to_standard_output_still_works_and_dev_stdout_is_refused(run):
    ok(run("start", "prevention"))
    shown = ok(run("plan", "-f", "md", "-o", "-"))
    assert shown.stdout.startswith("#")
    refused = run("plan", "-f", "md", "-o", "/dev/stdout")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "Error: -o /dev/stdout is a symbolic link: oneup replaces only regular files; "
        "give the file itself, or - for standard output\n"
    )


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o444])
def test_plan_o_replaces_a_regular_file_keeping_its_mode(run, tmp_path, mode):
    """oneup never changes the mode of a file it did not create (issue 10)."""
    ok(run("start", "prevention"))
    target = tmp_path / "plan.md"
    target.write_text("old")
    target.chmod(mode)
    ok(run("plan", "-f", "md", "-o", str(target)))
    assert target.read_text().startswith("#")
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_plan_o_makes_a_new_file_owner_only(run, tmp_path):
    ok(run("start", "prevention"))
    target = tmp_path / "new.md"
    ok(run("plan", "-f", "md", "-o", str(target)))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_bulk_force_keeps_the_mode_of_the_files_it_replaces(run, tmp_path):
    out = tmp_path / "plans"
    out.mkdir()
    (out / "ana.md").write_text("old")
    (out / "ana.md").chmod(0o644)
    roster = tmp_path / "roster.csv"
    roster.write_text("name,program\nAna,balance\nBo,balance\n")
    ok(run("bulk", str(roster), "--out", str(out), "-f", "md", "--force"))
    assert stat.S_IMODE((out / "ana.md").stat().st_mode) == 0o644
    assert stat.S_IMODE((out / "bo.md").stat().st_mode) == 0o600


# --- inputs: regular files within a limit -----------------------------------------------------


def test_read_given_reads_a_regular_file(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(b"id: x\n")
    assert files.read_given(path, 100, "program") == b"id: x\n"


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (os.mkfifo, "is a FIFO (named pipe), not a file: give a program file"),
        (_device, "is a character device, not a file: give a program file"),
        (lambda p: p.mkdir(), "is a folder: give a program file"),
        (lambda p: p.write_bytes(b"x" * 101), "is 101 bytes: a program is at most 0.0001 MB"),
    ],
)
def test_read_given_refuses_what_is_not_a_small_regular_file(tmp_path, make, says):
    path = tmp_path / "p.yaml"
    make(path)
    with pytest.raises(files.InputError) as caught:
        files.read_given(path, 100, "program")
    assert caught.value.message == f"the program {path} {says}"


def test_read_given_refuses_dev_zero_and_a_missing_file(tmp_path):
    with pytest.raises(files.InputError, match="character device"):
        files.read_given("/dev/zero", files.PROGRAM_BYTES, "program")
    with pytest.raises(files.InputError, match="does not exist") as caught:
        files.read_given(tmp_path / "nope", files.PROGRAM_BYTES, "program")
    assert caught.value.code == 2


def test_read_given_with_nofollow_refuses_a_link(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert files.read_given(link, 100, "profile") == b"{}"
    with pytest.raises(files.InputError, match="is a symbolic link"):
        files.read_given(link, 100, "profile", nofollow=True)


def test_a_pipe_the_shell_opened_is_read_but_a_named_fifo_is_not(tmp_path):
    read_end, write_end = os.pipe()
    os.write(write_end, b"name\nAna\n")
    os.close(write_end)
    try:
        assert files.read_given(f"/dev/fd/{read_end}", 100, "roster", pipes=True) == (
            b"name\nAna\n"
        )
    finally:
        os.close(read_end)
    fifo = tmp_path / "roster.csv"
    os.mkfifo(fifo)
    with pytest.raises(files.InputError, match="FIFO"):
        files.read_given(fifo, 100, "roster", pipes=True)


def test_a_pipe_over_the_limit_is_refused(tmp_path):
    read_end, write_end = os.pipe()

    def feed() -> None:
        try:
            with open(write_end, "wb") as f:
                f.write(b"x" * 300_000)
        except BrokenPipeError:
            pass  # the reader stopped at the limit

    threading.Thread(target=feed, daemon=True).start()
    try:
        with pytest.raises(files.InputError, match=r"is over 0\.1 MB"):
            files.read_given(f"/dev/fd/{read_end}", 100_000, "roster", pipes=True)
    finally:
        os.close(read_end)


def test_a_roster_on_standard_input_has_the_same_limit(run, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "ROSTER_BYTES", 1_000)
    roster = "name,program\n" + "Ana,balance\n" * 200
    result = run("bulk", "-", "--out", str(tmp_path / "out"), "-f", "md", input=roster)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the roster on standard input is over 0.001 MB: a roster is at most that\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_program_file_that_is_a_fifo_is_a_located_problem(run, tmp_path):
    fifo = tmp_path / "mine.yaml"
    os.mkfifo(fifo)
    result = run("programs", "validate", str(fifo))
    assert result.exit_code == 1
    assert f"{fifo}:1:1: is a FIFO (named pipe), not a file: give a program file" in (result.stdout)


def test_a_program_from_a_pipe_the_shell_opened_is_validated(run):
    """`oneup programs validate <(command)`: a pipe, read within the limit."""
    read_end, write_end = os.pipe()

    def feed() -> None:
        with open(write_end, "w") as f:
            f.write("id: x\n")

    threading.Thread(target=feed, daemon=True).start()
    try:
        result = run("programs", "validate", f"/dev/fd/{read_end}")
    finally:
        os.close(read_end)
    assert result.exit_code == 1
    assert f"/dev/fd/{read_end}:1:1:" in result.stdout  # read: its problems are its own
    assert "FIFO" not in result.stdout


def test_a_program_file_with_crlf_line_ends_still_reads(tmp_path):
    from oneup_cli.validation import read_text

    path = tmp_path / "p.yaml"
    path.write_bytes(b"id: x\r\nname: y\r\n")
    assert read_text(path) == ("id: x\nname: y\n", [])


def test_a_cache_entry_that_is_a_fifo_is_rebuilt_not_waited_on(run, oneup_home):
    from oneup_cli import cache

    ok(run("start", "prevention"))
    entry = cache.entry("test", 1)
    paths.ensure_private_dir(entry.path.parent)
    os.mkfifo(entry.path)
    assert cache.load(entry, int) is None


# --- folders: made owner-only, refused when shared ----------------------------------------------


def test_oneup_makes_its_folders_owner_only_whatever_the_umask(oneup_home):
    old = os.umask(0)
    try:
        proc = oneup(oneup_home / "deep" / "home", "start", "prevention")  # a new process
    finally:
        os.umask(old)
    assert proc.returncode == 0, proc.stderr
    home = oneup_home / "deep" / "home"
    for folder in (
        oneup_home,
        oneup_home / "deep",
        home,
        home / "profiles",
        home / "profiles" / "me",
        home / "cache",
    ):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_a_bulk_out_folder_oneup_makes_is_owner_only(run, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,program\nAna,balance\n")
    out = tmp_path / "new" / "plans"
    ok(run("bulk", str(roster), "--out", str(out), "-f", "md"))
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert stat.S_IMODE(out.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize("mode", [0o720, 0o702, 0o777, 0o1777])
def test_a_folder_others_may_write_in_is_refused_with_the_fix(oneup_home, mode):
    folder = oneup_home / "profiles" / "me"
    folder.mkdir(parents=True)
    folder.chmod(mode)
    with pytest.raises(OneupError) as caught:
        paths.profile_file("me")
    assert caught.value.message == f"{folder} is writable by other users: run chmod go-w {folder}"


def test_a_folder_another_user_owns_is_refused_with_the_fix(oneup_home):
    oneup_home.mkdir()
    os.chown(oneup_home, NOBODY, NOBODY)
    with pytest.raises(OneupError, match=f"is owned by another user \\(uid {NOBODY}\\): run chown"):
        paths.log_file("me")


def test_folders_above_oneups_own_are_not_judged(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # like /tmp
    monkeypatch.setenv("ONEUP_HOME", str(shared / "oneup"))
    assert paths.profile_file("me") == shared / "oneup" / "profiles" / "me" / "profile.json"
    paths.ensure_private_dir(paths.profile_dir("me"))
    assert stat.S_IMODE((shared / "oneup").stat().st_mode) == 0o700


def test_a_folder_with_spaces_is_quoted_in_the_fix(tmp_path, monkeypatch):
    home = tmp_path / "my data"
    home.mkdir()
    home.chmod(0o775)
    monkeypatch.setenv("ONEUP_HOME", str(home))
    with pytest.raises(OneupError, match=f"run chmod go-w '{home}'$"):
        paths.cache_dir()


def test_the_platform_folders_are_checked_from_oneups_own_down(tmp_path, monkeypatch):
    monkeypatch.delenv("ONEUP_HOME")
    data, caches = tmp_path / "data", tmp_path / "caches"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("XDG_CACHE_HOME", str(caches))
    for folder in (data, caches):
        folder.mkdir()
        folder.chmod(0o777)  # above oneup's own: not judged
    assert paths.user_programs_dir() == data / "oneup" / "programs"
    assert paths.cache_dir() == caches / "oneup"
    (data / "oneup").mkdir(mode=0o700)
    (caches / "oneup").mkdir()
    (caches / "oneup").chmod(0o770)
    assert paths.log_file("me").parent == data / "oneup" / "profiles" / "me"
    with pytest.raises(OneupError, match="oneup is writable by other users"):
        paths.cache_dir()


def test_a_path_outside_oneups_folders_is_not_judged(tmp_path):
    folder = tmp_path / "team-plans"
    folder.mkdir()
    folder.chmod(0o775)  # a trainer's shared folder: --out is theirs to choose
    assert paths.check_private(folder) == folder
    assert paths.ensure_private_dir(folder / "week-1") == folder / "week-1"
    assert stat.S_IMODE((folder / "week-1").stat().st_mode) == 0o700


def test_nothing_is_written_when_the_profile_folder_is_shared(run, oneup_home):
    ok(run("start", "prevention"))
    folder = oneup_home / "profiles" / "me"
    folder.chmod(0o770)
    before = sorted(p.name for p in folder.iterdir())
    result = run("log", "goblet-squat", "3x8@20kg")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {folder} is writable by other users: run chmod go-w {folder}\n"
    assert sorted(p.name for p in folder.iterdir()) == before


def test_a_profile_link_is_refused_and_its_target_untouched(run, oneup_home, tmp_path):
    ok(run("start", "prevention"))
    profile = oneup_home / "profiles" / "me" / "profile.json"
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(profile.read_text())
    elsewhere.chmod(0o644)
    profile.unlink()
    profile.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    for args in (("today",), ("start", "balance"), ("log", "goblet-squat", "3x8@20kg")):
        result = run(*args)
        assert result.exit_code == 1, args
        assert "is a symbolic link" in result.stderr
    assert profile.is_symlink()
    assert elsewhere.read_bytes() == before
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o644  # never chmod what is not ours


@pytest.mark.parametrize("out", ["", " "])
def test_bulk_out_empty_is_refused_not_the_current_folder(run, tmp_path, monkeypatch, out):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "roster.csv").write_text("name,program\nAna,balance\n")
    result = run("bulk", "roster.csv", "--out", out, "-f", "md")
    assert result.exit_code == 2
    assert result.stderr == f"Error: --out '{out}' is empty: give a folder for the plans\n"
    assert not {"ana.md", "index.csv", "index.json"} & {p.name for p in tmp_path.iterdir()}


def test_api_bulk_out_dir_empty_is_refused(tmp_path, monkeypatch):
    from oneup_cli import api

    monkeypatch.chdir(tmp_path)
    (tmp_path / "roster.csv").write_text("name,program\nAna,balance\n")
    with pytest.raises(OneupError, match="out_dir='' is empty"):
        api.bulk("roster.csv", "", fmt="md")
    assert not (tmp_path / "ana.md").exists()
