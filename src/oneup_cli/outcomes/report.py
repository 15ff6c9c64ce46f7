"""`oneup report` without the command line: one row per client for a trainer, those needing
review first.

The thresholds that put a client up for review are stated here, once, as defaults (none of
them comes from a source: they are what a trainer would look at first on a Monday).
Reasons are codes; `render/report.py` words them.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
from collections.abc import Sequence

from .. import log, paths
from ..errors import OneupError
from ..model import Library, LogRecord, Profile, Program
from ..progression import position
from . import progress as pr

# --- the thresholds (defaults, not from a source) ---------------------------------------------
NO_SESSION_DAYS = 10  # no session for this many days or more: needs review
PAIN_DAYS = 14  # pain reported in this many last days: needs review
ADHERENCE_WEEKS = 4  # adherence is measured over this many last weeks
LOW_ADHERENCE = 0.5  # under this share of prescribed sessions done: needs review

# The reasons, in the order they are shown.
REASONS = (
    "no-profile",  # a roster name with no profile
    "unreadable",  # the profile or its program cannot be read
    "pain",
    "no-session",
    "low-adherence",
    "test-risk",
    "test-due",
)


@dc.dataclass(frozen=True)
class Row:
    name: str
    program: str | None = None  # the program's id
    program_name: str | None = None
    week: int | None = None
    total_weeks: int | None = None
    last_session: dt.date | None = None
    days_since: int | None = None  # since the last session (or the start, without one)
    adherence: float | None = None
    sessions_done: int = 0
    sessions_prescribed: int = 0
    pain: tuple[dt.date, ...] = ()  # days with pain reported in the last PAIN_DAYS days
    tests: tuple[pr.TestResult, ...] = ()  # due or showing risk
    reasons: tuple[str, ...] = ()
    problem: str | None = None  # why the profile could not be read

    @property
    def needs_review(self) -> bool:
        return bool(self.reasons)


@dc.dataclass(frozen=True)
class Report:
    today: dt.date
    rows: list[Row]
    warnings: list[str]


def client_row(
    profile: Profile,
    program: Program,
    library: Library,
    records: Sequence[LogRecord],
    today: dt.date,
    *,
    session_ids: frozenset[str] | None = None,
    last_before: dt.date | None = None,
    results: Sequence[pr.TestResult] = (),
) -> Row:
    """One client's row from the effective records of the last weeks (`records`);
    `last_before`: the last session found outside them, if they hold none; `results`: the
    functional test results (`progress.functional_results`)."""
    ids = session_ids if session_ids is not None else pr.session_exercises(program, library)
    done = {d for d in pr.sessions_done(records, ids) if d <= today}
    start = max(profile.start, today - dt.timedelta(days=7 * ADHERENCE_WEEKS - 1))
    due = pr.sessions_prescribed(profile, start, today) if start <= today else 0
    done_in = min(due, sum(1 for d in done if d >= start)) if due else 0
    adherence = done_in / due if due else None
    last = max(done, default=last_before)
    days_since = (today - (last or profile.start)).days
    pain_from = today - dt.timedelta(days=PAIN_DAYS - 1)
    pain = tuple(
        sorted({r.date for r in records if r.pain and r.date and pain_from <= r.date <= today})
    )
    latest: dict[str, pr.TestResult] = {}  # each test's last result
    for t in sorted(results, key=lambda t: t.date):
        latest[t.test] = t
    tests = tuple(t for t in latest.values() if t.due or t.at_risk)
    reasons = []
    if pain:
        reasons.append("pain")
    if days_since >= NO_SESSION_DAYS and today >= profile.start:
        reasons.append("no-session")
    if adherence is not None and adherence < LOW_ADHERENCE:
        reasons.append("low-adherence")
    if any(t.at_risk for t in tests):
        reasons.append("test-risk")
    if any(t.due for t in tests):
        reasons.append("test-due")
    pos = position(program, profile, max(today, profile.start))
    return Row(
        name=profile.name,
        program=program.id,
        program_name=program.name,
        week=pos.week if today >= profile.start else None,
        total_weeks=pos.total_weeks,
        last_session=last,
        days_since=days_since if today >= profile.start else None,
        adherence=adherence,
        sessions_done=done_in,
        sessions_prescribed=due,
        pain=pain,
        tests=tests,
        reasons=tuple(reasons),
    )


def window_days() -> int:
    """The days of log a row reads: enough for every threshold."""
    return max(7 * ADHERENCE_WEEKS, PAIN_DAYS, NO_SESSION_DAYS) + 1


def profile_row(name: str, today: dt.date, library: Library) -> tuple[Row, list[str]]:
    """The row of the profile called `name`, and the warnings of its log."""
    from .. import profile as profiles
    from ..programs import load_program

    try:
        person = profiles.load(name)
        if person is None:
            return Row(name, reasons=("no-profile",)), []
        program = load_program(person.program, library)
    except OneupError as e:
        return Row(name, reasons=("unreadable",), problem=e.message), []
    path = paths.log_file(name)
    since = today - dt.timedelta(days=window_days())
    ids = pr.session_exercises(program, library)
    last_before = None
    try:
        found = pr.read_since(path, since, today)
        records = found.records
        if not pr.sessions_done(records, ids):  # stopped long ago: the whole log says when
            whole = log.read(path)
            days = [d for d in pr.sessions_done(whole.records, ids) if d <= today]
            last_before = max(days, default=None)
    except OneupError as e:  # one log that cannot be read never hides the other clients
        return Row(name, reasons=("unreadable",), problem=e.message), []
    # Every record read, not only sets: the functional tests are records of their own.
    results = pr.functional_results(person, found.all_records, today)
    row = client_row(
        person,
        program,
        library,
        records,
        today,
        session_ids=ids,
        last_before=last_before,
        results=results,
    )
    return row, [f"{name}: {w}" for w in found.warnings]


def sort_rows(rows: Sequence[Row]) -> list[Row]:
    """Those needing review first (the most reasons first), then by name."""
    return sorted(rows, key=lambda r: (-len(r.reasons), r.name.casefold(), r.name))


def report(names: Sequence[str], known: Sequence[str], today: dt.date, library: Library) -> Report:
    """`oneup report` for the profiles called `names` (a roster's, or every profile); `known`:
    the profiles there are (a name among none of them is reported as such)."""
    there = set(known)
    rows: list[Row] = []
    warnings: list[str] = []
    for name in names:
        if name not in there:
            rows.append(Row(name, reasons=("no-profile",)))
            continue
        row, said = profile_row(name, today, library)
        rows.append(row)
        warnings += said
    return Report(today, sort_rows(rows), warnings)


def roster_names(path: str, library: Library, known: Sequence[str]) -> list[str]:
    """The profiles a roster names, in its order: a row's name matches a profile called the
    same (letter case aside) or its file-name form ('Ana Ruiz' -> ana-ruiz); a name without
    a profile stays as written, to be reported as such."""
    from .. import files, roster

    data = files.read_given(path, files.ROSTER_BYTES, "roster", pipes=True, fix="give a CSV file")
    _, rows = roster.read(data.splitlines(keepends=True), library, path)
    by_key = {k.casefold(): k for k in known}
    names: list[str] = []
    for row in rows:
        wanted = row.name.strip()
        if not wanted:
            continue
        match = by_key.get(wanted.casefold()) or by_key.get(roster.slug(wanted))
        chosen = match or wanted
        if chosen not in names:
            names.append(chosen)
    return names
