"""What every command shares: the consoles, today's date, the chosen profile, help text."""

import codecs
import datetime as dt
import errno
import io
import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

import typer
from rich.console import Console

from .. import paths

# The --json flag of the read commands.
JSON = typer.Option("--json", help="Print a JSON document.")

# --- streams that cannot show every character -------------------------------------------------

ASCII_FALLBACK = "oneup-ascii"  # the error handler of a stream that cannot encode our text
_ASCII = {
    "\u2022": "*",  # bullet
    "\u00b7": "-",  # middle dot
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u00d7": "x",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2192": "->",
    "\u2190": "<-",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u00b0": " deg",
    "\u00a0": " ",
}


def ascii_for(c: str) -> str:
    """What an ASCII stream shows for `c`. Decoration and the punctuation of prose get a
    stand-in: '*' for '•', '-', '|' or '+' for a box's lines, '...' for '…'. Anything else is
    data (a letter of a name or a path, a digit): an escape that keeps it exact, '\\u00eb' for
    'ë' (so /tmp/Zoë is never shown as /tmp/Zoe, a folder that does not exist), '\\xff' for a
    byte of a file name that is not UTF-8."""
    if c in _ASCII:
        return _ASCII[c]
    if "\u2500" <= c <= "\u257f":  # box drawing
        name = unicodedata.name(c, "")
        return "-" if "HORIZONTAL" in name else "|" if "VERTICAL" in name else "+"
    if unicodedata.category(c)[0] in "PSZ":  # punctuation, symbols, spaces: decoration
        plain = unicodedata.normalize("NFKD", c).encode("ascii", "ignore").decode("ascii")
        return plain if plain.isprintable() and plain else "?"
    return escape(c)


def escape(c: str) -> str:
    """'\\u00eb', '\\U0001f600'; '\\xff' for the lone surrogate Python reads a byte that is
    not UTF-8 as (os.fsdecode)."""
    code = ord(c)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def json_ascii(document: str) -> str:
    """A JSON document in ASCII: every other character as its JSON escape ('\\u00eb', a
    surrogate pair beyond U+FFFF), which can only stand inside a string, so the document
    decodes to the very same values."""
    if document.isascii():
        return document
    return "".join(c if c < "\x80" else _json_escape(c) for c in document)


def _json_escape(c: str) -> str:
    code = ord(c)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(ascii_for(c) for c in text), error.end


codecs.register_error(ASCII_FALLBACK, _fallback)


def _c_locale() -> bool:
    """The locale is C or POSIX (LC_ALL=C, LANG=C): Python then writes UTF-8 by itself (PEP 538,
    540), but a terminal in that locale may show only ASCII. An explicit PYTHONUTF8 or
    PYTHONIOENCODING is taken at its word."""
    if os.environ.get("PYTHONUTF8") or os.environ.get("PYTHONIOENCODING"):
        return False
    if "utf8" in sys._xoptions:
        return False
    chosen = next((os.environ[v] for v in ("LC_ALL", "LC_CTYPE", "LANG") if os.environ.get(v)), "")
    # With LANG=C, Python sets LC_CTYPE=C.UTF-8 and turns UTF-8 mode on (PEP 538).
    return chosen in ("C", "POSIX") or (
        bool(sys.flags.utf8_mode) and os.environ.get("LANG") in ("C", "POSIX")
    )


def _can_encode(encoding: str, sample: str = "\u2500\u2022\u00e9") -> bool:
    try:
        sample.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def degrade(stream: Any, c_locale: bool) -> None:
    """A stream that cannot encode our text (PYTHONIOENCODING=ascii, a C locale) writes ASCII
    stand-ins instead of failing: Rich then also draws its boxes in ASCII."""
    encoding = getattr(stream, "encoding", None)
    if not encoding or not hasattr(stream, "reconfigure"):
        return
    try:
        if c_locale and encoding.lower().replace("-", "") == "utf8":
            stream.reconfigure(encoding="ascii", errors=ASCII_FALLBACK)
        elif not _can_encode(encoding):
            stream.reconfigure(errors=ASCII_FALLBACK)
    except (ValueError, OSError):  # a stream that cannot be changed is left as it is
        pass


def encoded(text: str, *, json: bool = False) -> bytes:
    """Text for standard output's bytes, in its encoding; ASCII stand-ins where it has none.
    With json, a JSON document: escaped (`json_ascii`) where the encoding cannot hold it."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    if not _can_encode(encoding, "a"):
        encoding = "utf-8"
    if json and not _can_encode(encoding, text):
        text = json_ascii(text)
    return text.encode(encoding, errors=ASCII_FALLBACK)


_C_LOCALE = _c_locale()
for _stream in (sys.stdout, sys.stderr):
    degrade(_stream, _C_LOCALE)


# --- standard streams that are closed or go away ----------------------------------------------

STDOUT_CLOSED = "standard output is closed"


class _ClosedBytes(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        raise OSError(errno.EBADF, STDOUT_CLOSED)


class ClosedStdout(io.TextIOBase):
    """Standard output when it was closed before oneup started (`oneup history >&-`), where
    Python has none (sys.stdout is None): writing fails with one clear reason, which a read
    command reports as an error and a recording command as a warning. Flushing what was never
    written succeeds, so a command that prints nothing still succeeds."""

    encoding = "utf-8"
    buffer = _ClosedBytes()

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        raise OSError(errno.EBADF, STDOUT_CLOSED)


def guard_streams() -> None:
    """Before a command runs: a standard stream closed at start-up (`>&-`, `<&-`, `2>&-`) gets
    /dev/null in its place, so that no file oneup opens (the log) takes its number and receives
    what is meant for the stream; standard output then fails clearly (ClosedStdout)."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            except OSError:
                continue
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stdout is None:
        sys.stdout = ClosedStdout()


def silence(stream: Any) -> None:
    """Send a standard stream that failed to /dev/null, so that Python does not fail again when
    it flushes the stream at exit."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(null, fd)
    except OSError:
        pass
    finally:
        os.close(null)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader went away (`oneup history | head -1`). Rich's own answer exits with 1 on
        the spot; this raises, so that the one place that handles errors decides (cli/__init__:
        a reader that goes away is not an error; a saved record is confirmed with a warning)."""
        raise BrokenPipeError(errno.EPIPE, "the reader of the output went away")


# Results on stdout; errors, warnings and progress on stderr. Rich drops colour and
# decoration when a stream is not a terminal, and honours NO_COLOR.
out = _Console(highlight=False)
err = _Console(stderr=True, highlight=False, soft_wrap=True)

# The options that are not simply "--" and the field's name (parse.FieldError.field); ""
# for a command's argument, which a message does not name (EXERCISE of `oneup log`).
OPTIONS = {
    "one_rm": "--1rm",
    "output": "-o",
    "next_week": "--next",
    "exercise": "",
    "only": "--exercise",  # `oneup history --exercise`
    "test": "",  # NAME and VALUE of `oneup test`
    "result": "",
}
# How a message gives an option a value: '-f pdf', '-o plan.pdf'.
SHORT = {"format": "-f", "output": "-o"}

# `--template` of `oneup plan` and `oneup bulk`: one text, so the two never drift apart.
TEMPLATE_HELP = (
    "Print PDFs with your own Typst template (.typ) instead of the built-in one; "
    "it receives the plan as sys.inputs.plan (schema/plan.schema.json)."
)


def option(field: str) -> str:
    """How the command line calls a field: 'weeks' -> '--weeks'."""
    return OPTIONS.get(field, "--" + field.replace("_", "-"))


def words(field: str, value: str | None) -> str:
    """A field that a message mentions, in the command line's words: '--out', '--force'
    (a flag turned on), '-f pdf' (given a value). See parse.Mentions."""
    from ..parse import ON

    if value is None or value == ON:
        return option(field)
    return f"{SHORT.get(field, option(field))} {value}"


def message(e: Exception) -> str:
    """An error's line in the command line's words: a field called by its option (--weeks)."""
    from ..errors import OneupError
    from ..parse import FieldError, Mentions
    from ..words import visible

    if isinstance(e, FieldError):
        return visible(e.worded(option(e.field), words))
    if isinstance(e, Mentions):
        return visible(e.worded(words))
    return visible(e.message if isinstance(e, OneupError) else str(e))


def say(text: str) -> None:
    """One plain line on stdout, never wrapped or read as markup (scripts parse these)."""
    out.print(text, markup=False, soft_wrap=True)


def warn(warnings: Sequence[str]) -> None:
    """Warnings on stderr, as far as it can take them: a warning that cannot be printed (stderr
    full, closed or gone) never turns a command that worked into a failure."""
    for w in warnings:
        if not to_stderr(f"Warning: {w}"):
            return


def to_stderr(line: str) -> bool:
    """One line on stderr, never read as markup; False if it could not be printed."""
    try:
        err.print(line, markup=False)
    except Exception:  # a full disk, a closed pipe, an encoding: stderr is for what it can take
        silence(sys.stderr)
        return False
    return True


def fit(lines: Sequence[str]) -> list[str]:
    """Long lines of prose wrapped between words to a terminal's width (a line that goes on
    indented keeps its indent); one line each for a pipe, where scripts read them."""
    if not out.is_terminal:
        return list(lines)
    import textwrap

    width = max(out.width, 40)
    fitted: list[str] = []
    for line in lines:
        indent = " " * (len(line) - len(line.lstrip(" ")))
        if line.lstrip().startswith("why: "):
            indent += "     "
        fitted += textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False)
        fitted += [] if line.strip() else [""]
    return fitted


class Unconfirmed(Exception):
    """The record is saved, but its confirmation could not be printed; the reason."""


def confirm(warnings: Sequence[str], lines: Sequence[str]) -> None:
    """Print the warnings and the confirmation of a record that is already saved. Whatever
    goes wrong here is `Unconfirmed`: the record stays, and the exit code says so (a warning,
    exit 0: an error would make people record it again)."""
    warn(warnings)
    try:
        for line in lines:
            say(line)
        sys.stdout.flush()
    except BrokenPipeError:
        raise Unconfirmed("the reader of the output went away") from None
    except OSError as e:
        raise Unconfirmed(e.strerror or str(e)) from None
    except Exception as e:  # e.g. an encoding that cannot show a character: still saved
        raise Unconfirmed(str(e) or type(e).__name__) from None


def print_json(document: str) -> None:
    """A --json document on stdout, nothing else; in ASCII with JSON escapes where stdout
    cannot encode it (PYTHONIOENCODING=ascii, a C locale), so its values stay exact."""
    if not _can_encode(getattr(sys.stdout, "encoding", None) or "utf-8", document):
        document = json_ascii(document)
    sys.stdout.write(document)


def today_date() -> dt.date:
    return dt.date.today()


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def day_option(value: str | None, field: str = "date") -> dt.date:
    """--date and its kin: the day given, or today."""
    if value is None:
        return today_date()
    from .. import parse

    return parse.date(value, field)


def profile_name(ctx: Any) -> str:
    """The profile chosen with --profile or ONEUP_PROFILE; never a path."""
    name = (ctx.obj or {}).get("profile", paths.DEFAULT_PROFILE)
    return paths.check_name(str(name))
