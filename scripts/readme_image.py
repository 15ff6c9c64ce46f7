#!/usr/bin/env python3
"""Regenerate docs/plan-page.png, the README's picture of a printed plan, from the real command.

    python scripts/readme_image.py [--page N] [--dpi D] [--paper a4|letter]

It makes a throwaway profile in a temporary ONEUP_HOME (a prevention program started on Mon
5 Jan 2026, with a few logged sets), runs `oneup plan ... -o plan.pdf`, and turns one page of
that PDF into a PNG with pdftoppm (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew
install poppler). Page 1 is the week's overview; page 2, the default, is the first session.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "docs" / "plan-page.png"
LOG = [
    ("goblet-squat", "2x12@10kg", "--date", "2026-01-05"),
    ("dumbbell-romanian-deadlift", "2x10@8kg", "--date", "2026-01-05"),
    ("one-leg-stand", "2x15s", "--support", "two-hands", "--date", "2026-01-06"),
    ("goblet-squat", "2x12@11kg", "--date", "2026-01-08"),
]
PLAN = [
    "plan",
    "--date",
    "2026-01-09",
    "--next",
    "--client",
    "Zoë Łukasiewicz",
    "--notes",
    "Bring water and your reading glasses. José covers the Thursday session.",
]


def oneup(*args: str, home: Path) -> None:
    env = {**os.environ, "ONEUP_HOME": str(home)}
    subprocess.run(
        [sys.executable, "-m", "oneup_cli", *args], check=True, env=env, stdout=subprocess.DEVNULL
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=int, default=2)
    parser.add_argument("--dpi", type=int, default=90)
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4")
    parser.add_argument("--output", type=Path, default=TARGET)
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        print(
            "pdftoppm not found: install poppler-utils (apt-get install poppler-utils)",
            file=sys.stderr,
        )
        return 1
    with tempfile.TemporaryDirectory(prefix="oneup-readme-") as tmp:
        home = Path(tmp) / "home"
        oneup("start", "prevention", "--start", "2026-01-05", "--days", "mon,thu", home=home)
        for entry in LOG:
            oneup("log", *entry, home=home)
        pdf = Path(tmp) / "plan.pdf"
        oneup(*PLAN, "--paper", args.paper, "-o", str(pdf), home=home)
        stem = Path(tmp) / "page"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(args.dpi),
                "-f",
                str(args.page),
                "-l",
                str(args.page),
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        args.output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(stem.with_suffix(".png"), args.output)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
