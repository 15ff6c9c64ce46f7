"""What `oneup today` loads: nothing of the plan or PDF code, no pydantic once the programs
are checked (bench/startup.py measures the time itself)."""

from __future__ import annotations

import pytest

from .test_plan_pdf import _python


@pytest.mark.slow
def test_today_does_not_import_typst_or_the_plan_code(tmp_path):
    proc = _python(
        """
        import sys
        sys.argv = ["oneup", "today", "--date", "2026-01-06"]
        from oneup_cli.cli import main
        try:
            main()
        except SystemExit as e:
            assert e.code == 0, e.code
        heavy = [m for m in sys.modules if m.split(".")[0] == "typst" or m in (
            "oneup_cli.weekplan", "oneup_cli.render.pdf", "oneup_cli.render.registry")]
        print(heavy)
        """,
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.slow
def test_today_does_not_import_pydantic_once_the_programs_are_checked(tmp_path):
    """Typer would import pydantic for its option checks (see cli/params.py); oneup's own
    checks need it only to validate program files, which are cached once checked."""
    code = """
        import sys
        sys.argv = ["oneup", "--profile", "ana", "today", "--date", "2026-01-06"]
        from oneup_cli.cli import main
        try:
            main()
        except SystemExit as e:
            assert e.code == 0, e.code
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core")))
        """
    first = _python(code, tmp_path)  # makes the profile and checks the programs
    assert first.returncode == 0, first.stderr
    again = _python(code, tmp_path)
    assert again.returncode == 0, again.stderr
    assert "Tuesday 6 January 2026" in again.stdout
    assert again.stdout.strip().splitlines()[-1] == "[]"
