"""Many plans at once: a plan for every client of a roster, one file each, and an index.

Used by `oneup bulk` and `api.bulk`. A row that names a saved profile (a `profile` column,
or every row of a run over saved profiles, `profiles=`) is planned from that profile and its
log exactly as `oneup --profile NAME plan` plans it; any other row as a new client. The work
runs in two passes over the roster. The first checks the header, gives every row its file
name and looks for files that would be replaced (and with `strict` checks every row), so that
nothing is written when the run cannot go through. The second makes the plans, in this
process or spread over worker processes that write each plan straight to disk (and read each
saved profile's log there); the parent only writes the index, one small entry per row as it
comes in. Nothing here prints: what happens row by row goes to a `Progress`.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import os
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from . import files, parse, paths
from .batchfiles import COMBINED, Entry, Index, Saved, Source, write_combined
from .errors import ExitCode, OneupError
from .parse import FieldError, Mentions, literal

if TYPE_CHECKING:
    from .model import Library, Program
    from .roster import Namer, Row
    from .weekplan import WeekPlan

INDEX_FILES = ("index.json", "index.csv")
QUICK_FORMATS = frozenset({"json", "md", "html"})
QUICK_ROWS = 50  # up to this many rows of a quick format, one process is quickest
# Plans per task sent to a worker: a PDF takes a while, the other formats a moment.
CHUNK = {"pdf": 2}
DEFAULT_CHUNK = 32
SHOWN_EXISTING = 3  # how many already existing files the refusal names
# The temp files of a plan or of the index (files.AtomicFile): ".NAME.EXT.oneup-RANDOM.tmp";
# a stopped worker may leave one behind.
_TEMP_FILE = (
    r"^\.(?:[a-z0-9-]+\.(?:pdf|html|md|json|txt|csv|xlsx)|index\.(?:json|csv))"
    r"\.oneup-[a-z0-9_]{8}\.tmp$"
)


@dc.dataclass(frozen=True)
class Result:
    """What a run made: plans written, rows that failed (see the index), and where."""

    written: int
    failed: int
    out: Path
    shown: str  # the folder as the caller gave it, for messages


class Interrupted(Exception):
    """Ctrl-C during the run: the workers are stopped, no index is written."""

    def __init__(self, written: int, shown: str) -> None:
        super().__init__(f"{written} plans written to {shown}")
        self.written = written
        self.shown = shown


class Progress(Protocol):
    """Told about the run as it goes (the command shows a bar and a line per problem)."""

    def start(self, total: int) -> None: ...
    def row(self, entry: Entry) -> None: ...
    def stop(self) -> None: ...


class Quiet:
    """A Progress that says nothing (the Python API's)."""

    def start(self, total: int) -> None:
        pass

    def row(self, entry: Entry) -> None:
        pass

    def stop(self) -> None:
        pass


# ---------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------


class Settings:
    """Everything a worker needs besides its rows (plain values, so spawned workers get a copy)."""

    __slots__ = (
        "extension",
        "fmt",
        "jobs",
        "out",
        "paper",
        "shown",
        "template",
        "today",
        "weeks",
    )

    def __init__(
        self,
        *,
        out: Path,  # absolute, symbolic links resolved
        shown: str,  # DIR as given, for messages
        fmt: str,
        extension: str,
        paper: str,
        weeks: str | None,
        today: dt.date,
        jobs: int | None,  # None: choose from the format and the number of rows
        template: Path | None = None,
    ) -> None:
        self.out, self.shown, self.fmt, self.extension = out, shown, fmt, extension
        self.paper, self.weeks, self.today, self.jobs = paper, weeks, today, jobs
        self.template = template


def settings(
    roster: str | None,
    out: Path | str,
    *,
    fmt: str = "pdf",
    weeks: str | None = None,
    jobs: int | None = None,
    paper: str | None = None,
    today: dt.date | None = None,
    template: Path | None = None,
) -> Settings:
    """The run's settings, checked: FieldError names the field of a bad value. `roster` is
    None for a run over saved profiles."""
    chosen = parse.plan_format(fmt)
    if jobs is not None and jobs < 1:
        raise FieldError("jobs", jobs, ": use 1 or more processes", quoted=False)
    if weeks is not None:
        parse.weeks(weeks)
    parse.template(template, chosen.name)
    if not str(out).strip():  # Path('') is '.': an empty value never means this folder
        raise FieldError("out", out, "is empty: give a folder for the plans")
    out = Path(out)
    if out.exists() and not out.is_dir():
        found = files.not_regular(out) or "a file"
        raise FieldError("out", out, f"is {found}: give a folder for the plans", quoted=False)
    if roster == "-" and (sys.stdin is None or sys.stdin.isatty()):
        what = "is closed" if sys.stdin is None else "is a terminal"
        raise Mentions(
            f"the roster is to come from standard input, but that {what}: "
            "give a file, or pipe one in: oneup bulk - {out:DIR} < roster.csv"
        )
    folder = Path(os.path.realpath(out))
    inside = paths.data_folder(folder)
    if inside is not None:
        raise FieldError(
            "out", out, f"is inside oneup's own folder {inside}: choose another", quoted=False
        )
    if roster not in (None, "-") and Path(os.path.realpath(roster)) in (
        *(folder / name for name in INDEX_FILES),
        *folder.glob(f"*{chosen.extensions[0]}"),
    ):
        raise Mentions(
            f"the roster {literal(roster)} is where oneup would write: choose another {{out}}"
        )
    return Settings(
        out=folder,
        shown=str(out),
        fmt=chosen.name,
        extension=chosen.extensions[0],
        paper=parse.paper(paper),
        weeks=weeks,
        today=today or dt.date.today(),
        jobs=jobs,
        template=template,
    )


def run(
    roster: str | None,
    chosen: Settings,
    *,
    profiles: Sequence[str] | None = None,
    force: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
) -> Result:
    """Make every row's plan and the index. OneupError when the run cannot go through (and
    then nothing is written); Interrupted on Ctrl-C. Rows that fail are in the result.
    With `profiles` (from `saved_profiles`) and no roster: a plan for each of them."""
    if (roster is None) == (profiles is None):
        raise Mentions("give a roster, or {profiles} for the saved profiles, but not both")
    source: Source | Saved = Source(roster) if roster is not None else Saved(profiles or ())
    try:
        first = _first_pass(source, chosen, strict=strict)
        _refuse_to_replace(first.existing, chosen, force=force)
        written, failed = _generate(source, chosen, first, progress or Quiet())
    finally:
        source.close()
    return Result(written, failed, chosen.out, chosen.shown)


def _default_jobs(fmt: str, rows: int) -> int:
    """All the CPUs this process may use; but one for a short roster in a quick format, where
    starting workers costs more than they save. Measured on 2 CPUs (bench/bulk.py): a PDF
    takes about 0.25 s and text 35 ms, and 2 processes nearly halve the time; JSON, Markdown
    and HTML take 3-4 ms, and 2 processes save a third from about 50 rows."""
    if fmt in QUICK_FORMATS and rows <= QUICK_ROWS:
        return 1
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


ALL_PROFILES = "*"  # `bulk --profiles` alone: every saved profile


def saved_profiles(text: str) -> list[str]:
    """The profiles `--profiles` names ('zoe,ana'; ALL_PROFILES: every saved one), each
    checked to be saved: a usage error names those that are not."""
    from . import profile

    there = profile.names()
    if text.strip() == ALL_PROFILES:
        if not there:
            raise Mentions(
                "there are no saved profiles yet: `oneup profiles import ROSTER.csv` makes one "
                "per client of a roster"
            )
        return there
    names: list[str] = []
    for piece in text.split(","):
        name = piece.strip()
        if not name:
            continue
        if not paths.valid_name(name):
            raise Mentions(
                f"{{profiles}}: '{literal(parse.clip(name))}' is not a profile name: "
                "`oneup profiles` lists them"
            )
        if name not in names:
            names.append(name)
    if not names:
        raise Mentions("{profiles} names no profile: give names like zoe,ana, or none for all")
    known = set(there)
    missing = [n for n in names if n not in known]
    if missing:
        listed = ", ".join(f"'{literal(n)}'" for n in missing)
        word = "profiles" if len(missing) > 1 else "profile"
        raise Mentions(f"{{profiles}}: no saved {word} {listed}: `oneup profiles` lists them")
    return names


# ---------------------------------------------------------------------------------------------
# The first pass
# ---------------------------------------------------------------------------------------------


class _FirstPass:
    __slots__ = ("existing", "library", "rows")

    def __init__(self, library: Library, rows: int, existing: list[str]) -> None:
        self.library = library
        self.rows = rows  # rows that are not blank
        self.existing = existing  # files in DIR that the run would replace


def _first_pass(source: Source | Saved, settings: Settings, *, strict: bool) -> _FirstPass:
    """Check the header, name every row's file, note files in the way; with strict, check
    every row as far as making its plan."""
    from . import roster
    from .programs import load_library

    library = load_library()
    own = (*INDEX_FILES, *([COMBINED[settings.fmt]] if settings.fmt in COMBINED else []))
    existing = [name for name in own if os.path.lexists(settings.out / name)]
    for name in existing:
        _refuse_special(settings, name)
    namer = roster.Namer()
    count = 0
    checker = _Maker(settings, library) if strict else None
    with source.rows(library) as rows:
        for row in rows:
            count += 1
            file = _file_name(namer, row, settings) if row.name else None
            if file is not None and os.path.lexists(settings.out / file):
                _refuse_special(settings, file)
                existing.append(file)
            if checker is not None:
                problem = checker.check(row)
                if problem is not None:
                    raise Mentions(
                        literal(f"{where(row.number, row.name)}: {problem}")
                        + " ({strict:on}: nothing was written)",
                        code=ExitCode.DATA,
                    )
    return _FirstPass(library, count, existing)


def _refuse_special(settings: Settings, name: str) -> None:
    """A device, a FIFO, a socket, a folder or a link where a plan or the index would go is
    never replaced, not even with force (files.AtomicFile would refuse it halfway)."""
    found = files.not_regular(settings.out / name)
    if found is not None:
        raise Mentions(
            literal(
                f"{os.path.join(settings.shown, name)} is {found}: oneup writes only "
                "regular files; move it away or choose another "
            )
            + "{out}",
            code=ExitCode.DATA,
        )


def _file_name(namer: Namer, row: Row, settings: Settings) -> str:
    """The row's file: a slug inside DIR, checked to stay there."""
    name = namer(row.name, row.number) + settings.extension
    target = settings.out / name
    if os.path.dirname(name) or target.parent != settings.out:
        raise AssertionError(f"{name!r} is not a plain file name")
    return name


def where(number: int, name: str) -> str:
    """'row 5 (Ana Ruiz)' for messages, control characters (Cc, Cf: U+202E...) shown as '?'."""
    shown = "".join("?" if unicodedata.category(c) in ("Cc", "Cf") else c for c in parse.clip(name))
    return f"row {number} ({shown})" if shown else f"row {number}"


def plans(n: int) -> str:
    return f"{n} plan{'s' if n != 1 else ''}"


def _refuse_to_replace(existing: list[str], settings: Settings, *, force: bool) -> None:
    if not existing or force:
        return
    shown = ", ".join(existing[:SHOWN_EXISTING])
    more = f" and {len(existing) - SHOWN_EXISTING} more" if len(existing) > SHOWN_EXISTING else ""
    raise WouldReplace(existing, literal(f"{settings.shown} would be replaced ({shown}{more})"))


class WouldReplace(Mentions):
    """Files in the folder that the run would replace (`files`); the run needs force."""

    def __init__(self, existing: list[str], what: str) -> None:
        self.files = existing
        n = len(existing)
        super().__init__(
            f"{n} file{'s' if n != 1 else ''} in {what}: "
            "add {force:on} to replace them, or choose another {out}",
            code=ExitCode.DATA,
        )


# ---------------------------------------------------------------------------------------------
# Making the plans
# ---------------------------------------------------------------------------------------------


class _WriteFailed(Exception):
    """A plan could not be written (a full disk, a read-only folder): the run stops."""


class _Maker:
    """Turns rows into plan files; one per process, programs loaded once each."""

    def __init__(self, settings: Settings, library: Library) -> None:
        self.settings = settings
        self.library = library
        self.programs: dict[str, Program | str] = {}
        self.saved_programs: dict[str, Program] = {}  # the saved profiles' programs, by id

    def _program(self, text: str) -> Program:
        from . import programs
        from .roster import RowError

        found = self.programs.get(text)
        if found is None:
            try:
                found = programs.load_program_arg(text.strip(), self.library)
            except OneupError as e:
                found = e.message
            self.programs[text] = found
        if isinstance(found, str):
            raise RowError(found)
        return found

    def _plan(self, row: Row) -> WeekPlan:
        from . import planning, roster

        client = roster.check(row, self.library, self.settings.today)
        saved = roster.profile_name(row) if row.profile else None
        if saved is not None and os.path.lexists(paths.profile_file(saved)):
            # As `oneup --profile NAME plan --client NAME --notes NOTES` plans it. The log's
            # warnings (a damaged line) are for `oneup plan` and `oneup history` to show.
            plan, _ = planning.week_plan(
                saved,
                self.settings.today,
                planning.Weeks(weeks=self.settings.weeks),
                client=client.name,
                notes=client.notes,
                programs=self.saved_programs,
            )
            return plan
        program = self._program(client.program)
        roster.check_days(client, program)
        return planning.prospective(
            program,
            self.library,
            client.who,
            self.settings.today,
            planning.Weeks(weeks=self.settings.weeks),
            client=client.name,
            notes=client.notes,
        )

    def check(self, row: Row) -> str | None:
        try:
            self._plan(row)
        except OneupError as e:
            return e.message
        return None

    def make(self, row: Row, file: str | None) -> Entry:
        from .render import registry

        try:
            plan = self._plan(row)
        except OneupError as e:
            return (row.number, row.name, None, None, None, e.message)
        chosen = registry.get(self.settings.fmt)
        assert chosen is not None
        options = registry.Options(paper=self.settings.paper, template=self.settings.template)
        data = chosen.render(plan, options)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        assert file is not None  # a row with a name has a file; without one, _plan failed
        try:  # the folder is fsynced once, when the index is in place
            files.write_atomic(self.settings.out / file, raw, sync_folder=False)
        except OneupError as e:
            raise _WriteFailed(e.message) from None
        first, last = plan.first.number, plan.last.number
        span = str(first) if first == last else f"{first}-{last}"
        return (row.number, row.name, file, plan.program.id, span, None)


def _tasks(
    source: Source | Saved, settings: Settings, library: Library
) -> Iterator[tuple[Row, str | None]]:
    """The second reading: every row with the same file name the first pass gave it."""
    from . import roster

    namer = roster.Namer()
    with source.rows(library) as rows:
        for row in rows:
            yield row, (_file_name(namer, row, settings) if row.name else None)


# The maker of a worker process (set by _start_worker).
_WORKER: _Maker | None = None


def _start_worker(settings: Settings) -> None:
    """A worker: Ctrl-C is the parent's to handle; on terminate, exit through the cleanups
    (a half-written temp file is removed)."""
    global _WORKER
    import signal

    from .programs import load_library

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_now)
    _WORKER = _Maker(settings, load_library())
    if settings.fmt == "pdf":
        _warm_pdf()


def _exit_now(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def _warm_pdf() -> None:
    """Load the PDF writer (and what it caches) once per worker, not once per plan."""
    from .render import pdf

    warm = getattr(pdf, "warm", None)
    if warm is not None:
        warm()


def _work(task: tuple[Row, str | None]) -> Entry:
    assert _WORKER is not None
    return _WORKER.make(*task)


def _generate(
    source: Source | Saved, settings: Settings, first: _FirstPass, progress: Progress
) -> tuple[int, int]:
    """Make every plan, write the index, report each row; (plans written, rows failed)."""
    from .paths import ensure_private_dir

    try:
        ensure_private_dir(settings.out)
    except OSError as e:
        raise OneupError(f"cannot make the folder {settings.shown}: {e.strerror}") from None
    index = Index(settings, source.label)
    jobs = settings.jobs or _default_jobs(settings.fmt, first.rows)
    jobs = min(jobs, max(1, first.rows))
    pool = None
    written = failed = 0
    try:
        tasks = _tasks(source, settings, first.library)
        if jobs > 1:
            pool = _pool(jobs, settings)  # before any thread starts: workers may be forked
            chunk = CHUNK.get(settings.fmt, DEFAULT_CHUNK)
            entries: Iterator[Entry] = pool.imap(_work, tasks, chunksize=chunk)
        else:
            maker = _Maker(settings, first.library)
            entries = (maker.make(row, file) for row, file in tasks)
        progress.start(first.rows)
        made: list[str] = []  # the files written, in the index's order
        for entry in entries:
            index.add(entry)
            progress.row(entry)
            if entry[5] is not None:
                failed += 1
            else:
                written += 1
                if entry[2] is not None:
                    made.append(entry[2])
        progress.stop()
        write_combined(settings.out, settings.fmt, made)
        index.finish(written, failed)
    except KeyboardInterrupt:
        _stop(pool, progress, index, settings)
        raise Interrupted(written, settings.shown) from None
    except _WriteFailed as e:
        _stop(pool, progress, index, settings)
        raise OneupError(f"{e} (stopped after {plans(written)}; no index written)") from None
    except BaseException:
        _stop(pool, progress, index, settings)
        raise
    if pool is not None:
        pool.close()
        pool.join()
    return written, failed


def _pool(jobs: int, settings: Settings) -> Any:
    import multiprocessing

    from .render import pdf

    # fork shares the loaded library and fonts; elsewhere the platform's default is safer.
    # A process that has run Typst (a script that made a PDF before calling api.bulk) starts
    # its workers from a fresh server process: Typst's threads do not survive a fork.
    method = "fork" if sys.platform.startswith("linux") else None
    if method == "fork" and settings.fmt == "pdf" and not pdf.fork_safe():
        method = "forkserver"
    context = multiprocessing.get_context(method)
    return context.Pool(jobs, initializer=_start_worker, initargs=(settings,))


def _stop(pool: Any, progress: Progress, index: Index, settings: Settings) -> None:
    """After Ctrl-C or a failed write: stop the workers, drop the unfinished index and any
    temp file a stopped worker left behind."""
    if pool is not None:
        pool.terminate()
        pool.join()
    progress.stop()
    index.discard()
    try:
        leftovers = [p for p in settings.out.iterdir() if re.match(_TEMP_FILE, p.name)]
    except OSError:
        return
    for path in leftovers:
        path.unlink(missing_ok=True)
