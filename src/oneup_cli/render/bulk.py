"""What `oneup bulk` shows while it works and when it ends (standard error)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console

from ..batch import Interrupted, Result, plans, where
from ..batchfiles import Entry


class Reporter:
    """A batch.Progress for a console: a bar when it is a terminal, a line for each row that
    failed, and with `verbose` for every row."""

    def __init__(self, console: Console, *, verbose: bool = False) -> None:
        self.console = console
        self.verbose = verbose
        self.bar: Any = None

    def start(self, total: int) -> None:
        if not self.console.is_terminal or total == 0:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.bar = Progress(
            "Making plans",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
        )
        self.bar.add_task("plans", total=total)
        self.bar.start()

    def row(self, entry: Entry) -> None:
        number, name, file, _, _, problem = entry
        if self.bar is not None:
            self.bar.advance(self.bar.task_ids[0])
        if problem is not None:
            self.console.print(f"{where(number, name)}: {problem}", markup=False)
        elif self.verbose:
            self.console.print(f"row {number}: {file}", markup=False)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def summary(result: Result) -> str:
    """'3 plans written to out/', and the failed rows if any."""
    if result.failed:
        rows = f"{result.failed} row{'s' if result.failed != 1 else ''}"
        index = Path(result.shown) / "index.csv"
        return f"{plans(result.written)} written to {result.shown}, {rows} failed (see {index})"
    return f"{plans(result.written)} written to {result.shown}"


def interrupted(stop: Interrupted) -> str:
    return f"Interrupted: {plans(stop.written)} written to {stop.shown}; no index written."
