"""`oneup bulk`: many plans from a roster. (Being built: see issue 5.)"""

from __future__ import annotations

import typer


def bulk_command(ctx: typer.Context) -> None:
    """Generate plans for every client of a roster."""
    raise typer.Exit(2)
