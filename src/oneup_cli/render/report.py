"""`oneup report`: a Rich table, CSV (formulas neutralised), JSON and a printable HTML page.

Every format has the same columns, from `cells`; the reasons are worded here, once."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..outcomes import report as rp
from ..plain import num, visible

COLUMNS = (
    "Client",
    "Program",
    "Week",
    "Last session",
    "Adherence, 4 weeks",
    "Pain, 2 weeks",
    "Tests",
    "Needs review",
)


def reason_words(code: str) -> str:
    return {
        "no-profile": "no profile of that name",
        "unreadable": "profile cannot be read",
        "pain": "pain reported",
        "no-session": f"no session in {rp.NO_SESSION_DAYS}+ days",
        "low-adherence": f"adherence under {round(rp.LOW_ADHERENCE * 100)}%",
        "test-risk": "a functional test below its cut-off",
        "test-due": "a functional test is due",
    }.get(code, code)


def _clients(n: int) -> str:
    return f"{n} client{'s' * (n != 1)}"


def day(d: Any) -> str:
    return f"{d.day} {d:%b %Y}"


def cells(row: rp.Row) -> list[str]:
    """The row's cells, as text, in COLUMNS order."""
    if row.program is None:
        program = week = ""
    else:
        program = row.program
        week = "" if row.week is None else f"{row.week} of {row.total_weeks}"
    if row.last_session is not None:
        last = f"{day(row.last_session)} ({row.days_since} days ago)"
    elif row.program is not None:
        last = "none yet"
    else:
        last = ""
    adherence = (
        ""
        if row.adherence is None
        else f"{round(row.adherence * 100)}% ({row.sessions_done} of {row.sessions_prescribed})"
    )
    pain = ", ".join(f"{d.day} {d:%b}" for d in row.pain)
    tests = "; ".join(
        f"{t.test}: "
        + ", ".join(w for w, on in (("below cut-off", t.at_risk), ("due", t.due)) if on)
        for t in row.tests
    )
    review = "; ".join(reason_words(r) for r in row.reasons)
    if row.problem:
        review += f" ({row.problem})"
    return [row.name, program, week, last, adherence, pain, tests, review or "no"]


# --- text -------------------------------------------------------------------------------------


def terminal(report: rp.Report, console: Any) -> None:
    """A table on a wide terminal (WIDE columns or more); one block per client on a narrow
    one, so that nothing is cut into slivers."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if not report.rows:
        console.print("No profiles yet: oneup start PROGRAM makes one.", markup=False)
        return
    review = sum(r.needs_review for r in report.rows)
    console.print(
        f"{_clients(len(report.rows))} on {day(report.today)}; {review} need review.",
        markup=False,
        highlight=False,
    )
    if console.width < WIDE:
        for row in report.rows:
            texts = [visible(c) for c in cells(row)]
            console.print("")
            head = f"{texts[0]}: needs review: {texts[-1]}" if row.needs_review else texts[0]
            console.print(Text(head, style="bold" if row.needs_review else ""))
            for name, text in zip(COLUMNS[1:-1], texts[1:-1], strict=True):
                if text:
                    console.print(Text(f"  {name}: {text}"))
        return
    # Each column as wide as its cells (Rich's own sizing); only the free text wraps.
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for name in COLUMNS:
        table.add_column(name, overflow="fold", no_wrap=name in NO_WRAP)
    for row in report.rows:
        shown = [Text(visible(c)) for c in cells(row)]
        if row.needs_review:
            shown[-1].stylize("bold")
        table.add_row(*shown)
    console.print(table)


NO_WRAP = {"Week", "Program"}
WIDE = 110  # the narrowest terminal the table is shown on


# --- CSV --------------------------------------------------------------------------------------


def csv_text(report: rp.Report) -> str:
    """One row per client; a cell a spreadsheet would run as a formula starts with "'"."""
    from ..roster import csv_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in report.rows:
        writer.writerow([csv_cell(c) for c in cells(row)])
    return buffer.getvalue()


# --- JSON -------------------------------------------------------------------------------------


def document(report: rp.Report) -> dict[str, Any]:
    return {
        "date": report.today.isoformat(),
        "thresholds": {
            "no_session_days": rp.NO_SESSION_DAYS,
            "pain_days": rp.PAIN_DAYS,
            "adherence_weeks": rp.ADHERENCE_WEEKS,
            "low_adherence": rp.LOW_ADHERENCE,
        },
        "clients": [
            {
                "name": r.name,
                "program": r.program,
                "program_name": r.program_name,
                "week": r.week,
                "total_weeks": r.total_weeks,
                "last_session": r.last_session.isoformat() if r.last_session else None,
                "days_since_last_session": r.days_since,
                "adherence": None if r.adherence is None else round(r.adherence, 3),
                "sessions_done": r.sessions_done,
                "sessions_prescribed": r.sessions_prescribed,
                "pain": [d.isoformat() for d in r.pain],
                "functional_tests": [{**t._asdict(), "date": t.date.isoformat()} for t in r.tests],
                "needs_review": r.needs_review,
                "reasons": list(r.reasons),
                "reasons_words": [reason_words(x) for x in r.reasons],
                "problem": r.problem,
            }
            for r in report.rows
        ],
    }


# --- HTML -------------------------------------------------------------------------------------


def html(report: rp.Report, paper: str) -> str:
    from .svg import e, page

    review = sum(r.needs_review for r in report.rows)
    title = f"Clients on {day(report.today)}"
    body = [
        f"<h1>{e(title)}</h1>\n",
        f'<p class="facts">{_clients(len(report.rows))}; {review} need review. '
        f"Needs review: pain in the last {rp.PAIN_DAYS} days, no session in "
        f"{rp.NO_SESSION_DAYS}+ days, or under {num(rp.LOW_ADHERENCE * 100)}% of the "
        f"prescribed sessions done in the last {rp.ADHERENCE_WEEKS} weeks.</p>\n",
        "<table><thead><tr>",
        "".join(f"<th>{e(c)}</th>" for c in COLUMNS),
        "</tr></thead><tbody>\n",
    ]
    for row in report.rows:
        texts = cells(row)
        last = (
            f'<td class="review">{e(texts[-1])}</td>'
            if row.needs_review
            else f"<td>{e(texts[-1])}</td>"
        )
        body.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in texts[:-1]) + last + "</tr>\n")
    body.append("</tbody></table>\n")
    return page(title, "".join(body), paper)
