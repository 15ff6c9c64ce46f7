"""Benchmark: `oneup report` over 500 profiles of 2,000 records each.

Prints the median wall time of one `oneup report` (text, to a pipe) and the target: under
3 s on the project's machine (2 cores). Each log spans the 100 days before today, 20
records a day, as `bench/startup.py` writes them.

Usage: python bench/report.py [--profiles N] [--records N] [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from startup import precompile, write_big_log

TARGET_S = 3.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=500)
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    precompile()
    oneup = [sys.executable, "-m", "oneup_cli"]
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        env = {**os.environ, "ONEUP_HOME": str(home), "COLUMNS": "120"}
        env.pop("ONEUP_PROFILE", None)
        start = dt.date.today() - dt.timedelta(days=120)
        subprocess.run(
            [*oneup, "-p", "client-0", "start", "prevention", "--start", start.isoformat()],
            env=env,
            capture_output=True,
            check=True,
        )
        first = home / "profiles" / "client-0"
        write_big_log(first / "log.jsonl", args.records, dt.date.today())
        profile = json.loads((first / "profile.json").read_text())
        for i in range(1, args.profiles):
            folder = home / "profiles" / f"client-{i}"
            folder.mkdir(mode=0o700)
            (folder / "profile.json").write_text(json.dumps({**profile, "name": f"client-{i}"}))
            os.chmod(folder / "profile.json", 0o600)
            shutil.copyfile(first / "log.jsonl", folder / "log.jsonl")
            os.chmod(folder / "log.jsonl", 0o600)
        subprocess.run([*oneup, "report"], env=env, capture_output=True, check=True)  # warm-up
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            subprocess.run([*oneup, "report"], env=env, stdout=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - t0)
    t = statistics.median(times)
    met = t < TARGET_S
    print(f"median of {args.runs} runs")
    print(
        f"oneup report, {args.profiles} profiles x {args.records:,} records  {t:6.2f} s"
        f"   (target < {TARGET_S:.1f} s) {'ok' if met else 'MISSED'}"
    )
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
