"""`oneup bulk`: a plan for every client of a roster, for trainers and scripts.

Only typer and the standard library are imported when the module loads: cli.py imports it
for every command. The work runs in two passes over the roster. The first checks the header,
gives every row its file name and looks for files that would be replaced (and with --strict
checks every row), so that nothing is written when the run cannot go through. The second
makes the plans, in this process or spread over worker processes that write each plan
straight to disk; the parent only writes the index, one small entry per row as it comes in.
"""

import datetime as dt
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from ..model import Library, Program
    from ..roster import Namer, Row

FORMAT_HELP = "pdf, html, md, json or text."
INDEX_FILES = ("index.json", "index.csv")
INDEX_COLUMNS = ("row", "name", "status", "file", "program", "weeks", "error")
QUICK_FORMATS = frozenset({"json", "md", "html"})
QUICK_ROWS = 50  # up to this many rows of a quick format, one process is quickest
# Plans per task sent to a worker: a PDF takes a while, the other formats a moment.
CHUNK = {"pdf": 2}
DEFAULT_CHUNK = 32
SHOWN_EXISTING = 3  # how many already existing files the refusal names
# The temp files of a plan or of the index: ".NAME.EXT.RANDOM.tmp" (a stopped worker may
# leave one behind).
_TEMP_FILE = r"^\.(?:[a-z0-9-]+\.(?:pdf|html|md|json|txt|csv)|index\.(?:json|csv))\..+\.tmp$"


def bulk_command(
    roster: Annotated[
        str,
        typer.Argument(
            metavar="ROSTER", help="The roster: a CSV file, or '-' to read it from standard input."
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="The folder for the plans and the index (made if missing).",
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)] = "pdf",
    weeks: Annotated[
        str | None,
        typer.Option(
            "--weeks",
            metavar="A-B",
            help="Plan these program weeks for everyone, e.g. 1-4; default each client's "
            "current week.",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            help="Processes to use; default all the CPUs (one for 50 rows or fewer in JSON, "
            "Markdown or HTML).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace plans and index files already in DIR.")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Check every row first; on a bad row stop and write nothing."
        ),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print a line for every row.")
    ] = False,
    paper: Annotated[
        str | None,
        typer.Option(help="a4 or letter, for PDF and HTML; default from your locale, else a4."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(help="Plan as if today were this day (YYYY-MM-DD); also the default start."),
    ] = None,
) -> None:
    """Make a plan for every client of a roster: one file each in DIR, and an index.

    The roster is CSV with a header row. Columns (any case): [bold]name[/bold] (required),
    program (default prevention), start (YYYY-MM-DD, default today), days (e.g. mon,thu),
    units (kg or lb), equipment (home, gym, none or a list), supervised, vertebral_fracture,
    cleared (yes or no), notes, and load:EXERCISE for starting loads (10kg, or 10 in the
    row's units). Other columns are an error.

    Files are named after the client (Zoë Łukasiewicz: zoe-lukasiewicz.pdf). DIR/index.csv
    and DIR/index.json list every row: its file or what was wrong. Rows are numbered as a
    spreadsheet shows them: the header is row 1. A bad row is reported and skipped; the
    command then exits with 1.

    oneup bulk clients.csv --out plans/ --weeks 1-4
    """
    from ..options import err

    try:
        settings = _settings(roster, out, fmt, weeks, jobs, paper, date)
        source = _Source(roster)
        try:
            first = _first_pass(source, settings, strict=strict)
            _refuse_to_replace(first.existing, settings, force=force)
            written, failed = _generate(source, settings, first, verbose=verbose)
        finally:
            source.close()
    except KeyboardInterrupt:  # before any plan was made: nothing to tidy up
        raise typer.Exit(130) from None
    if failed:
        err.print(
            f"{_plans(written)} written to {out}, {failed} row{'s' if failed != 1 else ''} "
            f"failed (see {out / 'index.csv'})",
            markup=False,
        )
        raise typer.Exit(1)
    err.print(f"{_plans(written)} written to {out}", markup=False)


def _plans(n: int) -> str:
    return f"{n} plan{'s' if n != 1 else ''}"


# ---------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------


class Settings:
    """Everything a worker needs besides its rows (picklable, for spawned workers). A plain
    class: a dataclass or NamedTuple would cost every command's start-up a little."""

    __slots__ = ("extension", "fmt", "jobs", "out", "paper", "shown", "today", "weeks")

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
    ) -> None:
        self.out, self.shown, self.fmt, self.extension = out, shown, fmt, extension
        self.paper, self.weeks, self.today, self.jobs = paper, weeks, today, jobs


def _settings(
    roster: str,
    out: Path,
    fmt: str,
    weeks: str | None,
    jobs: int | None,
    paper: str | None,
    date: str | None,
) -> Settings:
    from ..errors import UsageError
    from ..options import parse_date_option
    from ..weekplan import parse_weeks
    from .plan import _format, _need_fpdf, _paper

    chosen = _format(fmt, None)
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs {jobs}: use 1 or more processes")
    if weeks is not None:
        parse_weeks(weeks)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file: give a folder for the plans")
    if roster == "-" and sys.stdin.isatty():
        raise UsageError(
            "the roster is to come from standard input, but that is a terminal: "
            "give a file, or pipe one in: oneup bulk - --out DIR < roster.csv"
        )
    folder = Path(os.path.realpath(out))
    if roster != "-" and Path(os.path.realpath(roster)) in (
        *(folder / name for name in INDEX_FILES),
        *folder.glob(f"*{chosen.extensions[0]}"),
    ):
        raise UsageError(f"the roster {roster} is where oneup would write: choose another --out")
    if chosen.name == "pdf":
        _need_fpdf()
    return Settings(
        out=folder,
        shown=str(out),
        fmt=chosen.name,
        extension=chosen.extensions[0],
        paper=_paper(paper),
        weeks=weeks,
        today=parse_date_option(date),
        jobs=jobs,
    )


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


# ---------------------------------------------------------------------------------------------
# The roster, read twice
# ---------------------------------------------------------------------------------------------


class _Source:
    """The roster file, or standard input kept in a temporary file to be read twice."""

    def __init__(self, roster: str) -> None:
        from ..errors import OneupError, UsageError

        self.label = "standard input" if roster == "-" else roster
        self.path: Path | None = None
        self.spool: IO[bytes] | None = None
        if roster == "-":
            self.spool = self._spooled(sys.stdin.buffer)
            return
        path = Path(roster)
        try:
            with path.open("rb") as f:
                if path.is_file():
                    self.path = path
                else:  # a pipe, e.g. <(command): it can be read only once
                    self.spool = self._spooled(f)
        except FileNotFoundError:
            raise UsageError(f"the roster {roster} does not exist") from None
        except IsADirectoryError:
            raise UsageError(f"the roster {roster} is a folder: give a CSV file") from None
        except OSError as e:
            raise OneupError(f"cannot read the roster {roster}: {e.strerror}") from None

    @staticmethod
    def _spooled(f: IO[bytes]) -> IO[bytes]:
        spool = tempfile.SpooledTemporaryFile(max_size=4 << 20)  # noqa: SIM115
        while chunk := f.read(1 << 16):
            spool.write(chunk)
        return spool

    def open(self) -> io.BufferedIOBase:
        """The roster's bytes from the start; roster.read decodes them line by line."""
        if self.spool is not None:
            self.spool.seek(0)
            return _Unclosed(self.spool)
        assert self.path is not None
        return self.path.open("rb")

    def close(self) -> None:
        if self.spool is not None:
            self.spool.close()


class _Unclosed(io.BufferedIOBase):
    """The spool, for a `with` block that must not close it (it is read twice)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.raw)

    def close(self) -> None:
        pass


class _FirstPass:
    __slots__ = ("existing", "library", "rows")

    def __init__(self, library: "Library", rows: int, existing: list[str]) -> None:
        self.library = library
        self.rows = rows  # rows that are not blank
        self.existing = existing  # files in DIR that the run would replace


def _first_pass(source: _Source, settings: Settings, *, strict: bool) -> _FirstPass:
    """Check the header, name every row's file, note files in the way; with strict, check
    every row as far as making its plan."""
    from .. import roster
    from ..errors import OneupError
    from ..programs import load_library

    library = load_library()
    existing = [name for name in INDEX_FILES if os.path.lexists(settings.out / name)]
    namer = roster.Namer()
    count = 0
    checker = _Maker(settings, library) if strict else None
    with source.open() as lines:
        _, rows = roster.read(lines, library, source.label)
        for row in rows:
            count += 1
            file = _file_name(namer, row, settings) if row.name else None
            if file is not None and os.path.lexists(settings.out / file):
                existing.append(file)
            if checker is not None:
                problem = checker.check(row)
                if problem is not None:
                    raise OneupError(
                        f"{_where(row.number, row.name)}: {problem} (--strict: nothing was written)"
                    )
    return _FirstPass(library, count, existing)


def _file_name(namer: "Namer", row: "Row", settings: Settings) -> str:
    """The row's file: a slug inside DIR, checked to stay there."""
    name = namer(row.name, row.number) + settings.extension
    target = settings.out / name
    if os.path.dirname(name) or target.parent != settings.out:
        raise AssertionError(f"{name!r} is not a plain file name")
    return name


def _where(number: int, name: str) -> str:
    """'row 5 (Ana Ruiz)' for messages, control characters shown as '?'."""
    shown = re.sub(r"[\x00-\x1f\x7f-\x9f]", "?", name)
    return f"row {number} ({shown})" if shown else f"row {number}"


def _refuse_to_replace(existing: list[str], settings: Settings, *, force: bool) -> None:
    from ..errors import OneupError

    if not existing or force:
        return
    shown = ", ".join(existing[:SHOWN_EXISTING])
    more = f" and {len(existing) - SHOWN_EXISTING} more" if len(existing) > SHOWN_EXISTING else ""
    n = len(existing)
    raise OneupError(
        f"{n} file{'s' if n != 1 else ''} in {settings.shown} would be replaced ({shown}{more}): "
        "add --force to replace them, or choose another --out"
    )


# ---------------------------------------------------------------------------------------------
# Making the plans
# ---------------------------------------------------------------------------------------------

# One row's outcome: (row, name, file, program, weeks, error). Small: it crosses processes.
Entry = tuple[int, str, str | None, str | None, str | None, str | None]


class _WriteFailed(Exception):
    """A plan could not be written (a full disk, a read-only folder): the run stops."""


class _Maker:
    """Turns rows into plan files; one per process, programs loaded once each."""

    def __init__(self, settings: Settings, library: "Library") -> None:
        self.settings = settings
        self.library = library
        self.programs: dict[str, Program | str] = {}

    def _program(self, text: str) -> "Program":
        from .. import api
        from ..errors import OneupError
        from ..roster import RowError

        found = self.programs.get(text)
        if found is None:
            try:
                found = api.load_program(text, self.library)
            except OneupError as e:
                found = e.message
            self.programs[text] = found
        if isinstance(found, str):
            raise RowError(found)
        return found

    def _plan(self, row: "Row") -> Any:
        from .. import api, roster

        client = roster.check(row, self.library, self.settings.today)
        program = self._program(client.program)
        person = api.new_profile(
            program,
            start=client.start,
            days=client.days,
            units=client.units,
            equipment=client.equipment,
            supervised=client.supervised,
            vertebral_fracture=client.vertebral_fracture,
            cleared=client.cleared,
            loads=client.loads,
            library=self.library,
        )
        return api.plan_weeks(
            program,
            person,
            weeks=self.settings.weeks,
            today=self.settings.today,
            client=client.name,
            notes=client.notes,
            library=self.library,
        )

    def check(self, row: "Row") -> str | None:
        from ..errors import OneupError

        try:
            self._plan(row)
        except OneupError as e:
            return e.message
        return None

    def make(self, row: "Row", file: str | None) -> Entry:
        from .. import api
        from ..errors import OneupError
        from .plan import _write_atomic

        try:
            plan = self._plan(row)
        except OneupError as e:
            return (row.number, row.name, None, None, None, e.message)
        data = api.render(plan, self.settings.fmt, paper=self.settings.paper)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        assert file is not None  # a row with a name has a file; without one, _plan failed
        try:
            _write_atomic(self.settings.out / file, raw)
        except OneupError as e:
            raise _WriteFailed(e.message) from None
        first, last = plan.first.number, plan.last.number
        span = str(first) if first == last else f"{first}-{last}"
        return (row.number, row.name, file, plan.program.id, span, None)


def _tasks(
    source: _Source, settings: Settings, library: "Library"
) -> Iterator[tuple["Row", str | None]]:
    """The second reading: every row with the same file name the first pass gave it."""
    from .. import roster

    namer = roster.Namer()
    with source.open() as lines:
        _, rows = roster.read(lines, library, source.label)
        for row in rows:
            yield row, (_file_name(namer, row, settings) if row.name else None)


# The maker of a worker process (set by _start_worker).
_WORKER: _Maker | None = None


def _start_worker(settings: Settings) -> None:
    """A worker: Ctrl-C is the parent's to handle; on terminate, exit through the cleanups
    (a half-written temp file is removed)."""
    global _WORKER
    import signal

    from ..programs import load_library

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_now)
    _WORKER = _Maker(settings, load_library())
    if settings.fmt == "pdf":
        _warm_pdf()


def _exit_now(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def _warm_pdf() -> None:
    """Load the PDF writer (and what it caches) once per worker, not once per plan."""
    from ..render import pdf

    warm = getattr(pdf, "warm", None)
    if warm is not None:
        warm()


def _work(task: tuple["Row", str | None]) -> Entry:
    assert _WORKER is not None
    return _WORKER.make(*task)


def _generate(
    source: _Source, settings: Settings, first: _FirstPass, *, verbose: bool
) -> tuple[int, int]:
    """Make every plan, write the index, report each row; (plans written, rows failed)."""
    from ..errors import OneupError
    from ..options import err
    from ..paths import ensure_private_dir

    try:
        ensure_private_dir(settings.out)
    except OSError as e:
        raise OneupError(f"cannot make the folder {settings.shown}: {e.strerror}") from None
    index = _Index(settings, source.label)
    jobs = settings.jobs or _default_jobs(settings.fmt, first.rows)
    jobs = min(jobs, max(1, first.rows))
    pool = progress = None
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
        progress = _progress(first.rows, err)
        console = progress.console if progress is not None else err
        for entry in entries:
            number, name, file, _, _, problem = entry
            index.add(entry)
            if progress is not None:
                progress.advance(progress.task_ids[0])
            if problem is not None:
                failed += 1
                console.print(f"{_where(number, name)}: {problem}", markup=False)
            else:
                written += 1
                if verbose:
                    console.print(f"row {number}: {file}", markup=False)
        if progress is not None:
            progress.stop()
            progress = None
        index.finish(written, failed)
    except KeyboardInterrupt:
        _stop(pool, progress, index, settings)
        err.print(
            f"Interrupted: {_plans(written)} written to {settings.shown}; no index written.",
            markup=False,
        )
        raise typer.Exit(130) from None
    except _WriteFailed as e:
        _stop(pool, progress, index, settings)
        raise OneupError(f"{e} (stopped after {_plans(written)}; no index written)") from None
    except BaseException:
        _stop(pool, progress, index, settings)
        raise
    if pool is not None:
        pool.close()
        pool.join()
    return written, failed


def _pool(jobs: int, settings: Settings) -> Any:
    import multiprocessing

    # fork shares the loaded library and fonts; elsewhere the platform's default is safer.
    method = "fork" if sys.platform.startswith("linux") else None
    context = multiprocessing.get_context(method)
    return context.Pool(jobs, initializer=_start_worker, initargs=(settings,))


def _progress(total: int, console: Any) -> Any:
    """A progress bar on standard error when it is a terminal; None otherwise."""
    if not console.is_terminal or total == 0:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    progress = Progress(
        "Making plans",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    progress.add_task("plans", total=total)
    progress.start()
    return progress


def _stop(pool: Any, progress: Any, index: "_Index", settings: Settings) -> None:
    """After Ctrl-C or a failed write: stop the workers, drop the unfinished index and any
    temp file a stopped worker left behind."""
    if pool is not None:
        pool.terminate()
        pool.join()
    if progress is not None:
        progress.stop()
    index.discard()
    try:
        leftovers = [p for p in settings.out.iterdir() if re.match(_TEMP_FILE, p.name)]
    except OSError:
        return
    for path in leftovers:
        path.unlink(missing_ok=True)


class _Index:
    """index.json and index.csv, written entry by entry to temp files in DIR and moved into
    place at the end (owner-only, like the plans)."""

    def __init__(self, settings: Settings, source: str) -> None:
        import csv

        from ..roster import csv_cell

        self.csv_cell = csv_cell
        self.folder = settings.out
        self.paths: list[tuple[str, Path]] = []
        self.json = self._temp(settings.out, "index.json")
        self.csv = self._temp(settings.out, "index.csv")
        self.writer = csv.writer(self.csv, lineterminator="\n")
        self.writer.writerow(INDEX_COLUMNS)
        head = {
            "schema_version": 1,
            "kind": "bulk-index",
            "roster": source,
            "out": str(settings.out),
            "format": settings.fmt,
            "weeks": settings.weeks,
            "as_of": settings.today.isoformat(),
        }
        self.json.write(json.dumps(head, indent=2, ensure_ascii=False)[:-2] + ',\n  "rows": [')
        self.first = True

    def _temp(self, folder: Path, name: str) -> IO[str]:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        self.paths.append((tmp, folder / name))
        return os.fdopen(fd, "w", encoding="utf-8", newline="")

    def add(self, entry: Entry) -> None:
        number, name, file, program, weeks, problem = entry
        status = "error" if problem is not None else "ok"
        item = {
            "row": number,
            "name": name,
            "status": status,
            "file": file,
            "program": program,
            "weeks": weeks,
            "error": problem,
        }
        self.json.write(
            ("\n    " if self.first else ",\n    ") + json.dumps(item, ensure_ascii=False)
        )
        self.first = False
        self.writer.writerow(
            [self.csv_cell(v) for v in (number, name, status, file, program, weeks, problem)]
        )

    def finish(self, written: int, failed: int) -> None:
        self.json.write(
            ("\n  ],\n" if not self.first else "],\n")
            + f'  "written": {written},\n  "failed": {failed}\n}}\n'
        )
        for f in (self.json, self.csv):
            f.flush()
            os.fsync(f.fileno())
            f.close()
        for tmp, final in self.paths:
            os.replace(tmp, final)
        self.paths = []
        # Once for the whole run: the folder's entries (every plan's rename) reach the disk.
        folder = os.open(self.folder, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)

    def discard(self) -> None:
        for f in (self.json, self.csv):
            f.close()
        for tmp, _ in self.paths:
            Path(tmp).unlink(missing_ok=True)
        self.paths = []
