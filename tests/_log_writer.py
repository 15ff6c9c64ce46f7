"""A log writer for the crash and concurrency tests in test_log.py.

    _log_writer.py count PATH N   print "ready", wait for a line on stdin, then append N
                                  records, printing each id once `append` has returned
    _log_writer.py serve PATH     for each line on stdin, fork a child that appends records
                                  (printing each id once acknowledged) until it is killed;
                                  print "pid N" for the child and "dead N" once it is reaped
    _log_writer.py cli            the real command line, forked: for each line "run OUT ARGS..."
                                  (JSON) on stdin, fork a child that runs `oneup ARGS` through
                                  oneup_cli.cli.main() with stdout and stderr in the file OUT
                                  and print "pid N"; for each line "reap", wait for that child
                                  and print "dead N STATUS" (it stays a zombie until then, so the
                                  test never signals a process that is not its own)

`serve` and `cli` fork rather than start a new interpreter per writer, so a test can kill
hundreds of writers in a few seconds, and its kills land in the command itself, not in Python's
start-up. The test puts the oneup_cli it imported on PYTHONPATH.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import sys
from pathlib import Path

from oneup_cli import log
from oneup_cli.model import LogRecord, SetRecord, Unit, Weight


def say(line: str) -> None:
    # One write() per line: a line on a pipe is then all there or not there at all.
    os.write(1, f"{line}\n".encode())


def record(rng: random.Random) -> LogRecord:
    # Some notes span several pages, so that a kill can tear a write in the middle.
    size = rng.choice([0, 0, 0, 0, 0, 0, 20, 200, 9_000, 20_000])
    return LogRecord(
        id=log.new_id(),
        at=dt.datetime.now(dt.UTC),
        date=dt.date.today(),
        exercise="goblet-squat",
        sets=[SetRecord(reps=8, load=Weight(22.5, Unit.kg))] * 3,
        rpe=7.0,
        note="n" * size if size else None,
    )


def append_forever(path: Path) -> None:
    rng = random.Random()  # seeded afresh, not the parent's sequence
    while True:
        rec = record(rng)
        log.append(path, rec)
        say(rec.id)


def serve(path: Path) -> None:
    while sys.stdin.buffer.readline():
        pid = os.fork()
        if pid == 0:
            try:
                append_forever(path)
            finally:
                os._exit(1)
        say(f"pid {pid}")
        os.waitpid(pid, 0)
        say(f"dead {pid}")


def cli() -> None:
    import json

    from oneup_cli import service, spec  # noqa: F401  what every command imports, once
    from oneup_cli.cli import main
    from oneup_cli.render import records  # noqa: F401

    service.load_library()
    child = 0
    for raw in sys.stdin.buffer:
        request = json.loads(raw)
        if request[0] == "reap":
            _, status = os.waitpid(child, 0)
            say(f"dead {child} {status}")
            continue
        _, out, *args = request
        child = os.fork()
        if child == 0:
            code = 1
            try:
                fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                os.dup2(fd, 1)
                os.dup2(fd, 2)
                sys.argv = ["oneup", *args]
                main()
                code = 0
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else 1
            finally:
                with contextlib.suppress(Exception):
                    sys.stdout.flush()
                os._exit(code)
        say(f"pid {child}")


def count(path: Path, n: int) -> None:
    rng = random.Random()
    say("ready")
    sys.stdin.buffer.readline()
    for _ in range(n):
        rec = record(rng)
        log.append(path, rec)
        say(rec.id)


if __name__ == "__main__":
    if sys.argv[1] == "cli":
        cli()
        sys.exit(0)
    mode, target = sys.argv[1], Path(sys.argv[2])
    if mode == "serve":
        serve(target)
    else:
        count(target, int(sys.argv[3]))
