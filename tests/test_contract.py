"""The JSON every read command prints matches the schemas checked in under schema/."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .conftest import REPO

SCHEMAS = REPO / "schema"
BASE = "https://oneup.invalid/"


def _registry() -> Registry:
    resources = []
    for name in ("program", "exercises"):
        contents = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
        resources.append(
            (
                f"{BASE}{name}.schema.json",
                Resource.from_contents(contents, default_specification=DRAFT202012),
            )
        )
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validate(doc: dict, kind: str) -> None:
    assert doc["schema_version"] == 1 and doc["kind"] == kind
    schema = json.loads((SCHEMAS / "output" / f"{kind}.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema, registry=REGISTRY).iter_errors(doc))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


@pytest.fixture
def with_data(run):
    assert (
        run(
            "-p",
            "ann",
            "start",
            "prevention",
            "--start",
            "2026-01-05",
            "--supervised",
            "--load",
            "goblet-squat=10kg",
            "--1rm",
            "barbell-deadlift=60kg",
        ).exit_code
        == 0
    )
    for args in (
        ("goblet-squat", "2x12@10kg"),
        ("one-leg-stand", "2x15s"),
        ("heel-drop", "2x10"),
        ("brisk-walk", "1x30min"),
    ):
        assert run("-p", "ann", "log", *args, "--date", "2026-01-05").exit_code == 0
    assert run("-p", "ann", "done", "--date", "2026-01-08").exit_code == 0
    for args in (("grip", "60lb"), ("four-stage", "3", "8"), ("chair-stand", "9"), ("tug", "13")):
        assert run("-p", "ann", "test", *args, "--date", "2026-01-09").exit_code == 0
    assert run("-p", "ann", "profile", "--born", "1950", "--sex", "f").exit_code == 0
    return run


@pytest.mark.parametrize(
    ("args", "kind"),
    [
        (["today", "--date", "2026-01-08"], "today"),
        (["today", "--date", "2026-01-09"], "today"),
        (["today", "--date", "2026-04-06"], "today"),
        (["today", "--date", "2027-06-07"], "today"),
        (["history"], "history"),
        (["programs", "list"], "programs"),
        (["programs", "show", "balance"], "program"),
        (["exercises", "list"], "exercises"),
        (["exercises", "show", "one-leg-stand"], "exercise"),
        (["profile"], "profile"),
        (["profiles"], "profiles"),
        (["progress", "--date", "2026-01-08"], "progress"),
        (["progress", "goblet-squat", "--date", "2026-01-08"], "progress"),
        (["report", "--date", "2026-01-08"], "report"),
        (["test"], "tests"),
        (["recommend"], "recommend"),
        (["recommend", "--osteoporosis", "yes", "--vertebral-fracture", "yes"], "recommend"),
    ],
)
def test_read_command_json_matches_its_schema(with_data, args, kind):
    result = with_data("-p", "ann", *args, "--json")
    assert result.exit_code == 0, result.output
    validate(json.loads(result.stdout), kind)
