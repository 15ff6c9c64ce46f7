"""Benchmark: the model's decoders (issue 9, point 6: one model, one decoder).

Prints, best of several runs:
- the import time of `oneup_cli.model` (and of msgspec within it), in a fresh interpreter;
- decoding a 100,000-record log (`log.read`), as `bench/startup.py` writes it;
- checking the exercise library and the built-in programs from their YAML (cold: the first
  time in a process, building the checker; and warm);
- loading the library and a program from the cache, in a fresh interpreter.

Usage: python bench/model.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import startup  # the log writer shared with bench/startup.py

BUILTINS = ["prevention", "diagnosed-osteoporosis", "balance"]


def best_ms(fn: object, runs: int) -> float:
    assert callable(fn)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def import_ms(stmt: str, runs: int) -> float:
    """Total import time (the sum of -X importtime's self column) of stmt, best of runs."""
    best = float("inf")
    for _ in range(runs):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", stmt], capture_output=True, text=True
        ).stderr
        total = sum(
            int(line.split("|")[0].split(":")[1])
            for line in err.splitlines()
            if line.startswith("import time:") and "self" not in line
        )
        best = min(best, total / 1000)
    return best


COLD_LOAD = """
import sys, time
t = time.perf_counter()
from oneup_cli import programs
library = programs.load_library()
programs.load_program("prevention", library)
print((time.perf_counter() - t) * 1000)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = args.runs
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ONEUP_HOME"] = tmp
        from oneup_cli import log, programs
        from oneup_cli.validation import check_file

        rows = [
            ("import msgspec", import_ms("import msgspec", runs)),
            ("import oneup_cli.model", import_ms("import oneup_cli.model", runs)),
        ]
        path = Path(tmp) / "log.jsonl"
        startup.write_big_log(path, 100_000, dt.date.today())
        rows.append(("read a 100,000-record log", best_ms(lambda: log.read(path), runs)))

        library_path = programs.library_path()
        files = [programs.builtin_dir() / f"{p}.yaml" for p in BUILTINS]

        def check_all() -> None:
            library, problems = check_file(library_path, None)
            assert library is not None, problems
            for file in files:
                assert check_file(file, library)[0] is not None

        rows.append(("check library + 3 programs, first", best_ms(check_all, 1)))
        rows.append(("check library + 3 programs, again", best_ms(check_all, runs)))

        programs.load_program("prevention")  # fills the cache
        cold = []
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, "-c", COLD_LOAD], capture_output=True, text=True, check=True
            ).stdout
            cold.append(float(out))
        rows.append(("import + load library and a program from cache", min(cold)))

    print(f"best of {runs} runs")
    for name, ms in rows:
        print(f"{name:<48} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
