"""Hostile cases: values that are not meant (issue 10, Values).

Numbers in other digits than ASCII (full-width, Arabic-Indic), with underscores, in exponent
form, infinite or not a number; empty or far-away dates; notes too long; names with invisible
or right-to-left control characters; rosters with the same in their cells. Each is refused
in one line, before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from . import Case

SQUAT = ("log", "goblet-squat")
HOLD = ("log", "one-leg-stand")
RTL, ZWSP, LRI, PDI, ESC = "\u202e", "\u200b", "\u2066", "\u2069", "\x1b"
LONG_NOTE = "x" * 1001
ASCII = {"PYTHONIOENCODING": "ascii"}
C_LOCALE = {"LC_ALL": "C", "LANG": "C"}
NOT_A_NUMBER = "is not a number: effort is from 0 (rest) to 10 (max)"


def _rpe(id: str, value: str, says: str = NOT_A_NUMBER) -> Case:
    return Case(f"log-rpe-{id}", (*SQUAT, "2x12@10kg", "--rpe", value), code=2, says=says)


def _spec(id: str, spec: str, says: str, log: tuple[str, ...] = SQUAT) -> Case:
    return Case(f"log-spec-{id}", (*log, spec), code=2, says=says)


def _roster(*rows: str, raw: bytes | None = None):
    """A setup writing {tmp}/roster.csv: a header and rows, or the raw bytes given."""

    def setup(home: Path, tmp: Path) -> None:
        text = "name,program,start,notes,load:goblet-squat\n" + "".join(f"{r}\n" for r in rows)
        (tmp / "roster.csv").write_bytes(raw if raw is not None else text.encode("utf-8"))

    return setup


BULK = ("bulk", "{tmp}/roster.csv", "--out", "{tmp}/out", "--format", "md", "--strict")


def _bulk(id: str, *rows: str, says: str, raw: bytes | None = None, strict: bool = True) -> Case:
    args = BULK if strict else BULK[:-1]
    return Case(f"bulk-{id}", args, setup=_roster(*rows, raw=raw), says=says)


CASES: list[Case] = [
    # --- efforts: ASCII digits and one decimal point or comma, from 0 to 10 ---
    _rpe("fullwidth-digit", "\uff17", "--rpe '\uff17' is not a number"),
    _rpe("arabic-indic-digit", "\u0667"),
    _rpe("devanagari-digit", "\u096d"),
    _rpe("superscript-digit", "\u00b2"),
    _rpe("underscore", "1_0", "--rpe '1_0' is not a number"),
    _rpe("exponent", "1e1"),
    _rpe("inf", "inf"),
    _rpe("nan", "nan"),
    _rpe("two-points", "7.5.1"),
    _rpe("empty", ""),
    _rpe("negative", "-1", "--rpe -1 is off the scale"),
    _rpe("eleven", "11", "--rpe 11 is off the scale"),
    _rpe("huge", "9" * 400),
    # --- SPECs: amounts and loads in ASCII digits, within bounds; holds of a second or more ---
    _spec("fullwidth-reps", "3x\uff18", "could not read the sets"),
    _spec("arabic-indic-sets", "\u0663x8", "could not read the sets"),
    _spec("underscore-reps", "3x1_0", "could not read the sets"),
    _spec("exponent-load", "3x8@1e999kg", "could not read the weight '1e999kg'"),
    _spec("nan-load", "3x8@nan kg", "could not read the sets '3x8@nan kg'"),
    _spec("inf-load", "3x8@inf", "unknown unit 'inf'"),
    _spec("fullwidth-load", "3x8@\uff12\uff10kg", "could not read the weight"),
    _spec("zero-sets", "0x8", "the number of sets must be at least 1"),
    _spec("400-digit-reps", "3x" + "9" * 400, "so many reps in one set looks like a typo"),
    _spec("huge-load", "3x8@99999999999kg", "so heavy a weight"),
    _spec("half-second-hold", "3x0.5s", "a hold of 0.5 seconds is shorter than 1 second", HOLD),
    _spec("tiny-hold", "2x0.01", "is shorter than 1 second", HOLD),
    # --- dates: ASCII digits, never empty, a record at most a year ahead ---
    Case("log-date-empty", (*SQUAT, "3x8", "--date", ""), code=2, says="--date '' is not a"),
    Case(
        "log-date-2099",
        (*SQUAT, "3x8", "--date", "2099-01-01"),
        code=2,
        says="--date '2099-01-01' is more than a year ahead",
    ),
    Case("log-date-fullwidth", (*SQUAT, "3x8", "--date", "\uff12\uff10\uff12\uff16-01-05"), code=2),
    Case("log-date-arabic-indic", (*SQUAT, "3x8", "--date", "\u0662\u0660\u0662\u0666-01-05")),
    Case("done-date-2099", ("done", "--date", "2099-01-01"), code=2, says="more than a year"),
    Case("done-date-empty", ("done", "--date", ""), code=2, says="--date ''"),
    Case("today-date-empty", ("today", "--date", ""), code=2, says="--date ''"),
    Case("history-since-empty", ("history", "--since", ""), code=2, says="--since ''"),
    Case("start-date-empty", ("start", "prevention", "--start", ""), code=2, says="--start ''"),
    Case("plan-date-empty", ("plan", "--date", ""), code=2, says="--date ''"),
    Case(
        "plan-new-client-start-empty",
        ("plan", "--program", "prevention", "--start", ""),
        code=2,
        says="--start ''",
    ),
    # --- empty values are never the default, nor everything ---
    Case("start-days-empty", ("start", "prevention", "--days", ""), code=2, says="--days ''"),
    Case(
        "plan-new-client-days-empty",
        ("plan", "--program", "prevention", "--days", ""),
        code=2,
        says="--days ''",
    ),
    Case("history-exercise-empty", ("history", "--exercise", ""), code=2, says="--exercise ''"),
    Case("log-note-empty", (*SQUAT, "3x8", "--note", ""), code=2, says="--note '' is empty"),
    Case("log-note-blank", (*SQUAT, "3x8", "--note", "  "), code=2, says="is empty"),
    # --- notes: at most 1,000 characters ---
    Case("log-note-1001", (*SQUAT, "3x8", "--note", LONG_NOTE), code=2, says="1,001 characters"),
    Case("plan-notes-1001", ("plan", "--notes", LONG_NOTE), code=2, says="1,001 characters"),
    # --- notes: no control characters, no bytes that are not UTF-8 (no JSON can hold them) ---
    Case("log-note-not-utf8", (*SQUAT, "3x8", "--note", "n\udcff"), code=2, says="U+DCFF"),
    Case("log-note-escape", (*SQUAT, "3x8", "--note", f"{ESC}[2J"), code=2, says="U+001B"),
    Case("log-note-rtl", (*SQUAT, "3x8", "--note", f"a{RTL}b"), code=2, says="U+202E"),
    Case("plan-notes-not-utf8", ("plan", "-f", "json", "--notes", "Ana\udcff"), code=2),
    Case("plan-pdf-notes-bad", ("plan", "-f", "pdf", "-o", "{tmp}/p.pdf", "--notes", "\udcff")),
    _bulk("notes-escape", f'Ana,prevention,,"x{ESC}[2J",', says="notes has a control character"),
    _bulk("notes-zero-width", f"Ana,prevention,,x{ZWSP}y,", says="U+200B"),
    # --- names: no invisible or right-to-left control characters ---
    Case("start-profile-rtl", ("--profile", f"ana{RTL}", "start", "prevention"), code=2),
    Case("today-profile-zero-width", ("--profile", f"ana{ZWSP}", "today"), code=2),
    Case("log-profile-escape", ("--profile", f"{ESC}[31mana", *SQUAT, "3x8"), code=2),
    Case(
        "plan-client-rtl",
        ("plan", "--client", f"Ana{RTL}ziuR"),
        code=2,
        says="--client 'Ana\\u202eziuR' has an invisible control character in it (U+202E)",
    ),
    Case("plan-client-zero-width", ("plan", "--client", f"Ana{ZWSP}Ruiz"), code=2, says="U+200B"),
    Case("plan-client-isolates", ("plan", "--client", f"{LRI}Ana{PDI}"), code=2, says="U+2066"),
    Case(
        "plan-client-escape",
        ("plan", "--client", f"Ana{ESC}[31mRuiz"),
        code=2,
        says="'Ana\\x1b[31mRuiz'",
    ),
    Case("plan-client-newline", ("plan", "--client", "Ana\nRuiz"), code=2, says="U+000A"),
    # --- week numbers, jobs and starting loads ---
    Case("plan-week-fullwidth", ("plan", "--week", "\uff13"), code=2, says="not a week number"),
    Case("plan-weeks-underscore", ("plan", "--weeks", "1_0"), code=2, says="--weeks '1_0'"),
    Case("plan-weeks-arabic-indic", ("plan", "--weeks", "\u0661-\u0662"), code=2),
    Case(
        "bulk-jobs-fullwidth",
        ("bulk", "{tmp}/roster.csv", "--out", "{tmp}/out", "--jobs", "\uff14"),
        setup=_roster("Ana,prevention,,,"),
        code=2,
        says="--jobs",
    ),
    Case(
        "start-load-fullwidth",
        ("start", "prevention", "--load", "goblet-squat=\uff11\uff10kg"),
        code=2,
        says="--load",
    ),
    Case("start-load-nan", ("start", "prevention", "--load", "goblet-squat=nankg"), code=2),
    Case("start-1rm-inf", ("start", "prevention", "--1rm", "goblet-squat=inf"), code=2),
    Case("start-load-underscore", ("start", "prevention", "--load", "goblet-squat=1_0"), code=2),
    # --- roster cells: the same rules, the row named ---
    _bulk("name-rtl", f"Ana{RTL}ziuR,prevention,,,", says="row 2 (Ana?ziuR)"),
    _bulk("name-zero-width", f"Ana{ZWSP}Ruiz,prevention,,,", says="U+200B"),
    _bulk("name-isolates", f"{LRI}Ana{PDI},prevention,,,", says="U+2066"),
    _bulk("name-escape", f'"Ana{ESC}[31m",prevention,,,', says="name has a control character"),
    _bulk("notes-1001", f"Ana,prevention,,{LONG_NOTE},", says="1,001 characters"),
    _bulk("start-fullwidth", "Ana,prevention,\uff12\uff10\uff12\uff16-01-05,,", says="start"),
    _bulk("load-fullwidth", "Ana,prevention,,,\uff11\uff10kg", says="load:goblet-squat"),
    _bulk("load-nan", "Ana,prevention,,,nan", says="load:goblet-squat"),
    _bulk(
        "unclosed-quote",
        "Ana,prevention,,,",
        '"Bo,prevention,,,',
        "Cy,prevention,,,",
        says='row 3: a quote (") is opened and never closed',
        strict=False,
    ),
    _bulk(
        "unclosed-quote-old-mac-line-ends",
        raw=b'name,program\rAna,prevention\r"Bo,prevention\rCy,prevention\r',
        says='row 3: a quote (") is opened and never closed',
        strict=False,
    ),
    # --- the same mistakes where the terminal takes ASCII only: one line, no traceback ---
    Case("ascii-log-spec-fullwidth", (*SQUAT, "3x\uff18"), code=2, env=ASCII, process=True),
    Case("ascii-plan-client-rtl", ("plan", "--client", f"Zo\u00eb{RTL}"), env=ASCII, process=True),
    Case(
        "c-locale-log-rpe-fullwidth",
        (*SQUAT, "3x8", "--rpe", "\uff17"),
        env=C_LOCALE,
        process=True,
        code=2,
    ),
    # --- huge values: a message quotes their first 60 characters and '…' ---
    Case(
        "log-exercise-100000",
        ("log", "x" * 100_000, "3x8"),
        code=2,
        says="no exercise called '" + "x" * 60 + "…'.",
    ),
    _spec("5000-digit-unit", "3x8" + "z" * 5000, "unknown unit '" + "z" * 60 + "…'"),
    Case(
        "plan-client-5000",
        ("plan", "--client", "\u202e" + "A" * 5000),
        code=2,
        says="'\\u202e" + "A" * 54 + "…' has an invisible",
    ),
    _bulk("start-5000", "Ana,prevention," + "y" * 5000 + ",,", says="start '" + "y" * 60 + "…'"),
    Case(
        "bulk-10000-unknown-columns",
        BULK,
        setup=_roster(
            raw=("name," + ",".join(f"c{i}" for i in range(10_000)) + "\nAna\n").encode()
        ),
        says="unknown columns 'c0', 'c1', 'c2', 'c3', 'c4' and 9,995 more: use name",
    ),
    Case(
        "bulk-unknown-column-5000",
        BULK,
        setup=_roster(raw=("name," + "q" * 5000 + "\nAna,x\n").encode()),
        says="unknown column '" + "q" * 60 + "…': use",
    ),
    Case(
        "bulk-unknown-column-with-a-line-break",
        BULK,
        setup=_roster(raw=b'name,"a\nb"\nAna,x\n'),
        says="unknown column 'a\\nb'",
    ),
]
