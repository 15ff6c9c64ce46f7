"""Benchmark: `oneup today` and `oneup log` against a minimal Typer + Rich program.

Prints, from one run, the median wall time of each and the ratios the project targets:

- `oneup today` with an empty log         <= 1.00 x the minimal program (no slower)
- `oneup today` with a 100,000-record log <= 1.00 x the minimal program (no slower)
- `oneup log` appending to a 100,000-record log <= 1.20 x appending to an empty one
- `oneup progress` with a 100,000-record log <= 1.50 x the minimal program

Usage: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MINIMAL = """
import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def today() -> None:
    table = Table("Exercise", "Sets x reps", "Load")
    table.add_row("Goblet squat", "2 x 8-12", "10 kg")
    Console().print(table)


if __name__ == "__main__":
    app()
"""

EXERCISES = [
    "goblet-squat",
    "dumbbell-romanian-deadlift",
    "one-arm-dumbbell-row",
    "dumbbell-shoulder-press",
    "band-chest-press",
    "one-leg-stand",
    "heel-drop",
    "prone-back-extension",
    "calf-raise",
    "step-up",
]


def median_times(
    cases: dict[str, tuple[list[str], dict[str, str], object]], runs: int
) -> dict[str, float]:
    """Median wall time of each case. The cases take turns, run by run, so that a machine
    that speeds up or slows down during the bench affects them all alike."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (cmd, env, before) in cases.items():
            if callable(before):
                before()
            start = time.perf_counter()
            subprocess.run(
                cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
            )
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(ts) for name, ts in times.items()}


def write_big_log(path: Path, n: int, start: dt.date) -> None:
    """n records spread over the days before `start`, as `oneup log` writes them."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            day = start - dt.timedelta(days=(n - i) // 20 + 1)
            rec = {
                "v": 1,
                "id": f"{i:026d}",
                "at": f"{day}T10:00:00+00:00",
                "kind": "sets",
                "date": day.isoformat(),
                "exercise": EXERCISES[i % len(EXERCISES)],
                "sets": [{"reps": 10, "load": "10kg"}] * 2,
                "source": "log",
            }
            f.write(json.dumps(rec, separators=(",", ":")) + "\n")
    os.chmod(path, 0o600)


def precompile() -> None:
    """Byte-compile oneup as `pip install` does, so that an editable checkout (or a shell with
    PYTHONDONTWRITEBYTECODE set) is measured the way an installed copy runs."""
    import compileall

    import oneup_cli

    compileall.compile_dir(Path(oneup_cli.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    py = sys.executable
    precompile()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        minimal = root / "minimal.py"
        minimal.write_text(MINIMAL)
        env = {**os.environ, "ONEUP_HOME": str(root / "empty"), "COLUMNS": "100"}
        env.pop("ONEUP_PROFILE", None)
        oneup = [py, "-m", "oneup_cli"]
        subprocess.run([*oneup, "today"], env=env, capture_output=True, check=True)  # set up

        big_env = {**env, "ONEUP_HOME": str(root / "big")}
        subprocess.run(
            [*oneup, "start", "prevention", "--start", "2025-01-06"],
            env=big_env,
            capture_output=True,
            check=True,
        )
        big_log = root / "big" / "profiles" / "me" / "log.jsonl"
        write_big_log(big_log, 100_000, dt.date.today())
        subprocess.run([*oneup, "today"], env=big_env, capture_output=True, check=True)

        # Appending: one profile whose log is emptied before each run, one with 100,000 records.
        append_env = {**env, "ONEUP_HOME": str(root / "append")}
        full_env = {**env, "ONEUP_HOME": str(root / "append-full")}
        for home_env in (append_env, full_env):
            subprocess.run(
                [*oneup, "start", "prevention"], env=home_env, capture_output=True, check=True
            )
        append_log = root / "append" / "profiles" / "me" / "log.jsonl"
        write_big_log(
            root / "append-full" / "profiles" / "me" / "log.jsonl", 100_000, dt.date.today()
        )

        def empty_log() -> None:
            append_log.unlink(missing_ok=True)

        log_cmd = [*oneup, "log", "goblet-squat", "2x10@10kg"]

        medians = median_times(
            {
                "minimal": ([py, str(minimal)], env, None),
                "today": ([*oneup, "today"], env, None),
                "today-big": ([*oneup, "today"], big_env, None),
                "progress-big": ([*oneup, "progress"], big_env, None),
                "log-empty": (log_cmd, append_env, empty_log),
                "log-full": (log_cmd, full_env, None),
            },
            args.runs,
        )
        t_min, t_today, t_big = medians["minimal"], medians["today"], medians["today-big"]
        t_log_empty, t_log_full = medians["log-empty"], medians["log-full"]
        t_progress = medians["progress-big"]

    rows = [
        ("minimal Typer + Rich program", t_min, None, None),
        ("oneup today, empty log", t_today, t_today / t_min, 1.00),
        ("oneup today, 100,000-record log", t_big, t_big / t_min, 1.00),
        ("oneup log, empty log", t_log_empty, None, None),
        ("oneup log, 100,000-record log", t_log_full, t_log_full / t_log_empty, 1.20),
        ("oneup progress, 100,000-record log", t_progress, t_progress / t_min, 1.50),
    ]
    print(f"median of {args.runs} runs each")
    ok = True
    for name, t, ratio, target in rows:
        line = f"{name:<36} {t * 1000:7.1f} ms"
        if ratio is not None and target is not None:
            met = ratio <= target
            ok &= met
            line += f"   ratio {ratio:.2f} (target <= {target:.2f}) {'ok' if met else 'MISSED'}"
        print(line)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
