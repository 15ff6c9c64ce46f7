"""Benchmark: `oneup bulk` against one `oneup plan` per client, PDF throughput, memory.

Prints, from one run, each figure with its target and ok or MISSED:

1. per-plan time of `oneup bulk --format json` on a 1,000-client roster against per-plan time
   of `oneup plan --format json --program ...` run once per client for 50 of those clients:
   bulk at least 100 x faster per plan;
2. plans per second for 1,000 one-week PDF plans with the default --jobs: at least 30;
3. peak memory (RSS) of `oneup bulk --format json` for 5,000 rows against 500 rows: at most
   1.5 x (plans go to disk as they are made; nothing grows with the roster);
4. per-plan time of `oneup bulk --profiles --format json` over 1,000 saved profiles (made by
   `oneup profiles import` from the 1,000-client roster) with 2,000 records each, against
   roster-only bulk of the same clients (run again beside it): at most 2 x (the CPU time of
   all processes is printed too: the saved profiles' plans use the CPUs better). Timed as a
   trainer's weekly run: each log has grown by a week of records since the run before (the
   first run over the saved profiles, which also makes each log's recent summary, is printed
   too, without a target).

The roster is made up but lifelike: the three programs, starts spread over the last five
months and the next month, several day patterns, kg and lb, some supervised clients, some
with a vertebral fracture, notes, starting loads, accented names.

Usage: python bench/bulk.py [--pdf-rows N] [--records N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from oneup_cli import roster

sys.path.insert(0, str(Path(__file__).parent))
from startup import write_big_log

AS_OF = dt.date(2026, 3, 2)
FIRST = ["Ana", "Zoë", "José", "Mary", "Łucja", "Søren", "Aiko", "Fatima", "Bob", "Chloé"]
LAST = ["Ruiz", "Łukasiewicz", "Núñez", "O'Brien", "Smith", "Ærø", "Tanaka", "Haddad", "Lee"]
PROGRAMS = ["prevention"] * 5 + ["diagnosed-osteoporosis"] * 3 + ["balance"] * 2
DAYS = {"prevention": ["mon,thu", "tue,fri", "wed,sat"], "balance": ["mon,wed,fri", "tue,thu,sat"]}
DAYS["diagnosed-osteoporosis"] = DAYS["prevention"]
# The roster's own columns (rows leave "cleared" blank), and one starting load.
COLUMNS = [*roster.COLUMNS, f"{roster.LOAD_PREFIX}goblet-squat"]

# Runs a command and prints the peak resident memory (KB) of it and its processes.
PEAK_RSS = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def clients(n: int, seed: int = 5) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        program = rng.choice(PROGRAMS)
        units = rng.choice(["kg", "kg", "lb"])
        start = AS_OF + dt.timedelta(days=rng.randrange(-150, 30))
        rows.append(
            {
                "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
                "program": program,
                "start": start.isoformat(),
                "days": rng.choice(DAYS[program]),
                "units": units,
                "equipment": rng.choice(["home", "home", "gym", "none"]),
                "supervised": "yes" if rng.random() < 0.2 else "no",
                "vertebral_fracture": "yes"
                if program == "diagnosed-osteoporosis" and rng.random() < 0.3
                else "no",
                "notes": rng.choice(["", "", "Bring water", "Knee replaced in 2019: go gently"]),
                "load:goblet-squat": rng.choice(["", "", "8", "10", "12"])
                if units == "kg"
                else rng.choice(["", "20", "25"]),
            }
        )
    return rows


def write_roster(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def oneup(*args: str) -> list[str]:
    return [sys.executable, "-m", "oneup_cli", *args]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd[:6])}... failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed


def plan_args(row: dict[str, str], target: Path) -> list[str]:
    args = [
        "plan",
        "--program",
        row["program"],
        "--start",
        row["start"],
        "--days",
        row["days"],
        "--units",
        row["units"],
        "--equipment",
        row["equipment"],
        "--client",
        row["name"],
        "--notes",
        row["notes"],
        "--date",
        AS_OF.isoformat(),
        "--format",
        "json",
        "-o",
        str(target),
    ]
    if row["supervised"] == "yes":
        args.append("--supervised")
    if row["vertebral_fracture"] == "yes":
        args.append("--vertebral-fracture")
    return args


def peak_rss_kb(cmd: list[str], env: dict[str, str]) -> int:
    proc = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, *cmd], env=env, capture_output=True, text=True
    )
    code, rss = proc.stdout.split()
    if code != "0":
        sys.exit(f"{' '.join(cmd[:6])}... failed ({code}):\n{proc.stderr[-2000:]}")
    return int(rss)


def precompile() -> None:
    """Byte-compile oneup as `pip install` does (an editable checkout, or a shell with
    PYTHONDONTWRITEBYTECODE set, would otherwise compile on every start)."""
    import compileall

    import oneup_cli

    compileall.compile_dir(Path(oneup_cli.__file__).parent, quiet=1)


def cpu_seconds() -> float:
    """CPU time of the finished child processes so far: unlike the clock, the same on a
    machine busy with other work."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def report(name: str, value: str, met: bool, target: str) -> bool:
    print(f"{name:<58} {value:>12}   target {target:<8} {'ok' if met else 'MISSED'}")
    return met


def saved_profiles(root: Path, env: dict[str, str], roster_file: Path, records: int) -> bool:
    """Case 4: the roster's clients saved as profiles, a log of `records` each; bulk over
    them after a week of new records, per plan against roster-only bulk of the same clients.
    Compared by the clock, as case 1 is; CPU time (of every process) is printed too."""
    timed(oneup("profiles", "import", str(roster_file)), env)
    folders = sorted(p for p in (Path(env["ONEUP_HOME"]) / "profiles").iterdir() if p.is_dir())
    template = root / "log-template.jsonl"
    write_big_log(template, records, AS_OF - dt.timedelta(days=7))
    for folder in folders:
        shutil.copyfile(template, folder / "log.jsonl")
        os.chmod(folder / "log.jsonl", 0o600)
    date = ["--date", AS_OF.isoformat()]

    def run(*args: str, out: str) -> tuple[float, float]:
        """(seconds, CPU seconds) a plan."""
        cpu = cpu_seconds()
        wall = timed(oneup("bulk", *args, "--out", str(root / out), "-f", "json", *date), env)
        return wall / len(folders), (cpu_seconds() - cpu) / len(folders)

    roster_only = run(str(roster_file), out="roster-again")
    first = run("--profiles", out="saved-1")
    week = root / "week.jsonl"  # a week of records more: the trainer's next run
    write_big_log(week, 140, AS_OF)
    lines = [line.replace('"id":"0', '"id":"w', 1) for line in week.read_text().splitlines(True)]
    for folder in folders:
        with (folder / "log.jsonl").open("a", encoding="utf-8") as f:
            f.writelines(lines)
    weekly = run("--profiles", out="saved-2")
    print(f"oneup bulk -f json, {len(folders):,} clients, ms a plan (clock, CPU): ", end="")
    print(f"roster only {roster_only[0] * 1000:.2f}, {roster_only[1] * 1000:.2f}; ", end="")
    print(f"saved profiles of {records:,} records, first run {first[0] * 1000:.2f}, ", end="")
    print(f"{first[1] * 1000:.2f}; a week later {weekly[0] * 1000:.2f}, ", end="")
    print(f"{weekly[1] * 1000:.2f} (CPU {weekly[1] / roster_only[1]:.2f} x roster only)")
    ratio = weekly[0] / roster_only[0]
    return report(
        "4. bulk over saved profiles, time a plan against roster-only",
        f"{ratio:.2f} x",
        ratio <= 2,
        "<= 2 x",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf-rows", type=int, default=1000)
    parser.add_argument("--records", type=int, default=2000, help="records in each log (4.)")
    parser.add_argument("--keep", type=Path, help="leave the rosters and plans in this folder")
    args = parser.parse_args()
    precompile()
    root = Path(tempfile.mkdtemp(prefix="oneup-bench-")) if args.keep is None else args.keep
    root.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "ONEUP_HOME": str(root / "home")}
    env.pop("ONEUP_PROFILE", None)
    date = ["--date", AS_OF.isoformat()]
    ok = True
    try:
        rows = clients(5000)
        roster_1000 = write_roster(root / "roster-1000.csv", rows[:1000])
        subprocess.run(oneup("programs", "list"), env=env, capture_output=True, check=True)

        # 1. bulk JSON against one `oneup plan` per client
        bulk_s = timed(
            oneup("bulk", str(roster_1000), "--out", str(root / "json"), "-f", "json", *date), env
        )
        singles = root / "single"
        singles.mkdir(exist_ok=True)
        plan_s = sum(
            timed(oneup(*plan_args(row, singles / f"{i}.json")), env)
            for i, row in enumerate(rows[:50])
        )
        per_bulk, per_plan = bulk_s / 1000, plan_s / 50
        print(f"oneup bulk --format json, 1,000 clients: {bulk_s:.2f} s, ", end="")
        print(f"{per_bulk * 1000:.2f} ms a plan")
        print(f"oneup plan --format json, 50 clients:    {plan_s:.2f} s, ", end="")
        print(f"{per_plan * 1000:.1f} ms a plan")
        ok &= report(
            "1. bulk JSON per plan, times faster than one oneup plan each",
            f"{per_plan / per_bulk:.0f} x",
            per_plan / per_bulk >= 100,
            ">= 100 x",
        )

        # 2. PDF throughput with the default --jobs
        roster_pdf = write_roster(root / "roster-pdf.csv", rows[: args.pdf_rows])
        cpu_before = cpu_seconds()
        pdf_s = timed(oneup("bulk", str(roster_pdf), "--out", str(root / "pdf"), *date), env)
        pdf_cpu = cpu_seconds() - cpu_before
        made = len(list((root / "pdf").glob("*.pdf")))
        rate = made / pdf_s
        cpus = os.cpu_count()
        print(f"oneup bulk (PDF, default --jobs, {cpus} CPUs), {made:,} one-week plans: ", end="")
        print(f"{pdf_s:.1f} s")
        print(f"  {pdf_s / made * 1000:.1f} ms a plan; CPU time (all processes) ", end="")
        print(f"{pdf_cpu / made * 1000:.1f} ms a plan")
        ok &= report("2. PDF plans a second", f"{rate:.1f} /s", rate >= 30, ">= 30/s")

        # 3. peak memory, 5,000 rows against 500
        write_roster(root / "roster-500.csv", rows[:500])
        write_roster(root / "roster-5000.csv", rows)
        rss = {
            n: peak_rss_kb(
                oneup(
                    "bulk",
                    str(root / f"roster-{n}.csv"),
                    "--out",
                    str(root / f"mem-{n}"),
                    "-f",
                    "json",
                    *date,
                ),
                env,
            )
            for n in (500, 5000)
        }
        mb = {n: kb / 1024 for n, kb in rss.items()}
        print(f"peak RSS, bulk JSON: 500 rows {mb[500]:.1f} MB, 5,000 rows {mb[5000]:.1f} MB")
        ratio = rss[5000] / rss[500]
        ok &= report(
            "3. peak memory, 5,000 rows against 500", f"{ratio:.2f} x", ratio <= 1.5, "<= 1.5 x"
        )

        # 4. bulk over saved profiles, each from its own log, against roster-only bulk
        ok &= saved_profiles(root, env, roster_1000, args.records)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
