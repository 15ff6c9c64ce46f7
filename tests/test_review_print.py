"""The HTML report and progress page printed by headless Chromium, read back with pdftotext.

`.ci/run` installs chromium and poppler-utils, so CI runs these rather than skipping them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .test_review import TODAY, UNTIL, _write_scenario

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("pdftotext") is None,
    reason="chromium and poppler-utils are installed by .ci/run",
)


def _print(page: Path, tmp_path: Path) -> tuple[str, str]:
    """The page printed to PDF: its text and pdfinfo's report."""
    pdf = tmp_path / (page.stem + ".pdf")
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'chromium'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return text, info.stdout


@pytest.mark.slow
@needs_chromium
def test_the_html_report_prints_from_headless_chromium(run, tmp_path):
    for name in ("annabel", "bo"):
        assert run("-p", name, "start", "prevention", "--start", "2026-01-05").exit_code == 0
    log = ["-p", "bo", "log", "goblet-squat", "2x10@8kg", "--pain", "--date", "2026-02-26"]
    assert run(*log).exit_code == 0
    page = tmp_path / "report.html"
    result = run("report", "--date", TODAY, "-o", str(page), "--paper", "letter")
    assert result.exit_code == 0, result.output
    text, info = _print(page, tmp_path)
    assert "annabel" in text and "Needs review" in text and "pain reported" in text
    assert "letter" in info


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize(("paper", "size"), [("a4", "A4"), ("letter", "letter")])
def test_the_progress_page_prints_on_a4_and_letter(oneup_home, run, tmp_path, paper, size):
    _write_scenario(oneup_home)
    page = tmp_path / "progress.html"
    result = run("-p", "ann", "progress", "--date", UNTIL, "-o", str(page), "--paper", paper)
    assert result.exit_code == 0, result.output
    text, info = _print(page, tmp_path)
    assert "Goblet squat to a chair" in text and "Week by week" in text
    assert "Best set: 17 kg x 12" in text
    assert size in info
