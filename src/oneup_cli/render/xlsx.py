"""The results sheet (render/sheet.py) as a spreadsheet: the same rows and columns, the columns
to fill in highlighted and validated (numbers only; pain yes or no).

openpyxl is imported here only, when this format is asked for.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping

from .. import weekplan as wp
from ..results import COLUMNS, TO_FILL
from .registry import Options
from .sheet import rows

FILL = "FFF2CC"  # a pale yellow: the cells to write in
WIDTHS = {"client": 18, "name": 30, "exercise": 24, "date": 12}
MOST = {"done": 100_000, "load_used": 1100, "effort": 10}  # what a cell may hold


def render(plan: wp.WeekPlan, options: Options) -> bytes:
    return workbook_rows(rows(plan))


def workbook_rows(sheet_rows: Iterable[Mapping[str, str]]) -> bytes:
    """The spreadsheet of these rows (render/sheet.py's, or those read back from sheets)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "results"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = 0
    for row in sheet_rows:
        values = [_number(c, row.get(c, "")) for c in COLUMNS]
        sheet.append(values)
        count += 1
        # openpyxl takes a string that starts with '=' for a formula: such a name is kept as
        # text (shown as typed, never run).
        for col, value in enumerate(values, start=1):
            if isinstance(value, str) and value.startswith("="):
                cell = sheet.cell(row=count + 1, column=col)
                cell.data_type = "s"
                cell.quotePrefix = True
    last = count + 1
    fill = PatternFill("solid", fgColor=FILL)
    for name in TO_FILL:
        col = get_column_letter(COLUMNS.index(name) + 1)
        for r in range(2, last + 1):
            sheet[f"{col}{r}"].fill = fill
        if last < 2:
            continue
        where = f"{col}2:{col}{last}"
        if name == "pain":
            check = DataValidation(type="list", formula1='"yes,no"', allow_blank=True)
            check.error = "pain: yes or no"
        else:
            check = DataValidation(
                type="decimal",
                operator="between",
                formula1="0",
                formula2=str(MOST[name]),
                allow_blank=True,
            )
            check.error = f"{name}: a number from 0 to {MOST[name]}"
        check.showErrorMessage = True
        check.add(where)
        sheet.add_data_validation(check)
    for i, name in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = WIDTHS.get(name, 10)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number(column: str, text: str) -> str | int:
    """The set number as a number; everything else as the text the CSV sheet has."""
    return int(text) if column == "set" and text.isdigit() else text
