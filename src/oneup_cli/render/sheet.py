"""A results sheet: one row per prescribed set of the week's sessions, to fill in and import.

The rows come in the order of the printed plan (each session, each block, each exercise, each
set), so a trainer can copy the paper's boxes into a spreadsheet row by row. The first
columns say what was planned; the last four (`results.TO_FILL`) are left empty for what was
done: the reps, seconds, impacts or minutes (`done`, in the row's `measure`), the load used
(empty: the planned load), the effort (0-10) and pain (yes or no). `oneup import SHEET.csv`
reads them back (`results.py`); `render/xlsx.py` writes the same rows as a spreadsheet.

Every cell goes through `roster.csv_cell`: a name that starts like a formula is shown as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from .. import weekplan as wp
from ..plain import span_of
from ..results import COLUMNS, TO_FILL, load_cell
from ..roster import csv_cell
from .registry import Options


def rows(plan: wp.WeekPlan) -> Iterator[dict[str, str]]:
    """The sheet's rows, unescaped: one per planned set of every session of the plan."""
    profile = "" if plan.prospective else plan.profile.name
    for week in plan.weeks:
        for session in week.sessions:
            for block in session.blocks:
                for row in block.rows:
                    p = row.planned
                    for n in range(1, p.sets + 1):
                        yield {
                            "profile": profile,
                            "client": plan.client,
                            "date": session.date.isoformat(),
                            "session": session.label,
                            "exercise": p.exercise.id,
                            "name": p.exercise.name,
                            "set": str(n),
                            "measure": p.measure.value,
                            "target": span_of(p.target),
                            # a load left blank on paper (too far ahead) is blank here too
                            "load": "" if row.blank is not None else load_cell(p.load),
                            **dict.fromkeys(TO_FILL, ""),
                        }


def render(plan: wp.WeekPlan, options: Options) -> str:
    return text([plan])


def text(plans: list[wp.WeekPlan]) -> str:
    """The sheet of one plan or of many (a whole `bulk`), one header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for plan in plans:
        for row in rows(plan):
            writer.writerow([csv_cell(row[c]) for c in COLUMNS])
    return buffer.getvalue()
