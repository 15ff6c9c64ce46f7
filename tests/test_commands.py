"""The command layer: errors caught once where the program starts, thin commands, and
`oneup profile` as a table for people and a document for scripts."""

from __future__ import annotations

import json

import typer.main

from oneup_cli.cli import app

from .conftest import REPO

CLI = REPO / "src" / "oneup_cli" / "cli"


def test_errors_are_caught_in_one_place():
    """Only the root command (cli/__init__.py) catches oneup's errors: no command and no
    decorator does."""
    for path in CLI.glob("*.py"):
        text = path.read_text()
        if path.name == "__init__.py":
            assert text.count("except OneupError") == 1
        else:
            assert "except OneupError" not in text, path.name
            assert "OneupError as" not in text, path.name


def test_the_root_command_turns_an_error_into_its_exit_code(capsys):
    """Also when called as a function: the error is a line on stderr and an exit code."""
    code = typer.main.get_command(app).main(["profile"], standalone_mode=False)
    assert code == 2
    assert capsys.readouterr().err == (
        "Error: no profile called 'me' yet: `oneup today` or `oneup start` makes one\n"
    )
    code = typer.main.get_command(app).main(["plan", "--bogus"], standalone_mode=False)
    assert code == 2
    assert capsys.readouterr().err == "Error: No such option: --bogus\n"


def test_an_error_from_the_callback_is_one_line_too(run):
    result = run("--profile", "a/b", "paths")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1


def test_the_profile_is_a_table_of_plain_words(run):
    started = run("start", "prevention", "--start", "2026-01-05", "--load", "goblet-squat=10kg")
    assert started.exit_code == 0, started.output
    result = run("profile")
    assert result.exit_code == 0, result.output
    for word in ("True", "False", "None", "[", "{", "schema_version"):
        assert word not in result.stdout, word
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert "Program prevention" in lines
    assert "Started Mon 5 Jan 2026" in lines
    assert "Training days mon, thu" in lines
    assert "With a coach no" in lines
    assert "Starting loads goblet-squat 10 kg" in lines


def test_the_profile_as_json_is_a_versioned_document(run):
    assert run("start", "balance", "--start", "2026-01-05", "--supervised").exit_code == 0
    doc = json.loads(run("profile", "--json").stdout)
    assert (doc["schema_version"], doc["kind"]) == (1, "profile")
    assert doc["profile"]["program"] == "balance" and doc["profile"]["supervised"] is True


def test_dash_h_is_help_everywhere(run):
    for args in ([], ["plan"], ["programs"], ["programs", "show"]):
        result = run(*args, "-h")
        assert result.exit_code == 0 and "Usage:" in result.stdout, args


def test_template_reaches_the_pdf_renderer_from_plan_and_bulk(run, tmp_path, monkeypatch):
    from oneup_cli.render import registry

    seen = []

    def render(self, plan, options):
        seen.append((self.name, options.template))
        return b"%PDF-1.7 stand-in"

    monkeypatch.setattr(registry.Format, "render", render)
    template = tmp_path / "clinic.typ"
    template.write_text("#sys.inputs.plan\n")
    out = tmp_path / "plan.pdf"
    result = run("plan", "--program", "balance", "--template", str(template), "-o", str(out))
    assert result.exit_code == 0, result.output
    roster = tmp_path / "roster.csv"
    roster.write_text("name,program\nAna,balance\n")
    result = run("bulk", str(roster), "--out", str(tmp_path / "plans"), "--template", str(template))
    assert result.exit_code == 0, result.output
    assert seen == [("pdf", template), ("pdf", template)]


def test_template_is_refused_when_it_cannot_be_used(run, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,program\nAna,balance\n")
    missing = tmp_path / "none.typ"
    result = run("bulk", str(roster), "--out", str(tmp_path / "p"), "--template", str(missing))
    assert result.exit_code == 2
    assert result.stderr == f"Error: --template {missing} does not exist\n"
    result = run("plan", "--program", "balance", "-f", "html", "--template", str(missing))
    assert result.stderr == (
        f"Error: --template {missing} is a template for PDF plans, not for html: add -f pdf\n"
    )
