"""PDF plans: pages, text, fonts and paper; and fpdf2 stays out of every other command.

Pages: for every week an overview page, then one page per session. So a plan of W weeks with
S sessions has W + S pages (a session too long for one page even at the smallest type size
would run on, but every session of the fixed profile here fits, in A4 and in Letter).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader

from oneup_cli.safety import STOP_RULES

from .test_plan import CLIENT, PLAN_ARGS, _ok, client  # noqa: F401  (the fixture)

POINTS = {"a4": (595, 842), "letter": (612, 792)}


def _flat(text: str) -> str:
    """Words in order, whatever the line breaks: a cell may wrap a name."""
    return " ".join(text.split())


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_pdf_has_a_page_per_week_and_per_session(client, tmp_path, paper):  # noqa: F811
    target = tmp_path / "plan.pdf"
    _ok(client("plan", *PLAN_ARGS, "--paper", paper, "-o", str(target)))
    reader = PdfReader(target)
    weeks = json.loads(_ok(client("plan", *PLAN_ARGS, "--format", "json")).stdout)["weeks"]
    sessions = [s for w in weeks for s in w["sessions"]]
    assert len(reader.pages) == len(weeks) + len(sessions) == 6
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == POINTS[paper]

    text = [_flat(page.extract_text()) for page in reader.pages]
    everything = " ".join(text)
    assert CLIENT in everything
    # Each session page: its own exercises, and the stop rules.
    session_pages = [t for t in text if ": session " in t]
    assert len(session_pages) == len(sessions)
    for page, session in zip(session_pages, sessions, strict=True):
        for block in session["blocks"]:
            for item in block["items"]:
                assert _flat(item["name"]) in page, item["name"]
        for rule in STOP_RULES:
            assert _flat(rule) in page
    # The packaged font, embedded (subset), not merely named.
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts == {"DejaVuSansBook", "DejaVuSansBold"}
    # The overview pages: the checklist's exercises and the stop rules too.
    for page, week in zip([t for t in text if "Every day" in t], weeks, strict=True):
        for check in week["checklist"]:
            assert _flat(check["name"]) in page
        for rule in STOP_RULES:
            assert _flat(rule) in page


def test_names_with_accents_and_markup_print_as_written(run, tmp_path):
    target = tmp_path / "new.pdf"
    result = run(
        "plan",
        "--program",
        "balance",
        "--start",
        "2026-03-02",
        "--date",
        "2026-03-02",
        "--client",
        "José Núñez **not bold** --x-- [a](b)",
        "--notes",
        "Zoë Łukasiewicz covers Fridays.",
        "-o",
        str(target),
    )
    assert result.exit_code == 0, result.stderr
    text = _flat(" ".join(p.extract_text() for p in PdfReader(target).pages))
    assert "José Núñez **not bold** --x-- [a](b)" in text
    assert "Zoë Łukasiewicz covers Fridays." in text


def test_markdown_markers_in_table_cells_are_escaped():
    from fpdf import FPDF

    from oneup_cli.render.pdf import md

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    with pdf.table(markdown=True) as table:
        table.row([md("a**b__c--d~~e\\f"), md("\\**")])
    text = PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0].extract_text()
    assert "a**b__c--d~~e\\f" in text and "\\**" in text


def test_pdf_goes_to_standard_output_when_it_is_not_a_terminal(client):  # noqa: F811
    result = _ok(client("plan", *PLAN_ARGS, "--format", "pdf"))
    assert result.stdout_bytes.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(result.stdout_bytes)).pages) == 6


def test_fonts_and_their_licence_ship_in_the_package():
    fonts = Path(__import__("oneup_cli").__file__).parent / "fonts"
    assert {p.name for p in fonts.iterdir()} >= {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"}
    assert "Bitstream Vera" in (fonts / "LICENSE").read_text()


def _python(code: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=home,
        env={"ONEUP_HOME": str(home), "PATH": ""},
    )


def test_missing_fpdf2_is_one_clear_line(tmp_path):
    proc = _python(
        """
        import sys
        sys.modules["fpdf"] = None  # as if fpdf2 were not installed
        sys.argv = ["oneup", "plan", "--program", "prevention", "-o", "plan.pdf"]
        from oneup_cli.cli import main
        main()
        """,
        tmp_path,
    )
    assert proc.returncode == 1
    assert proc.stderr == (
        "Error: PDF output needs fpdf2, which is missing from this install: pip install fpdf2\n"
    )
