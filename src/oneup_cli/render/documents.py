"""The JSON documents of the read commands (`--json`): one versioned envelope, stable field
names, each pinned by a schema under schema/output/ and tests/test_contract.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import OneupError
from ..model import Exercise, Library, LogRecord, Profile, Program, encode_json, to_plain

SCHEMA_VERSION = 1


def dumps(kind: str, payload: dict[str, Any]) -> str:
    """One document: {"schema_version": 1, "kind": kind, ...payload}, with a final newline."""
    doc = {"schema_version": SCHEMA_VERSION, "kind": kind, **payload}
    # msgspec writes the very same text as json.dumps(indent=2, ensure_ascii=False), 12 x faster
    return encode_json(doc, indent=2).decode("utf-8") + "\n"


def profile(person: Profile) -> dict[str, Any]:
    return {"profile": to_plain(person)}


def profiles(rows: Sequence[tuple[str, Profile | OneupError]]) -> dict[str, Any]:
    """The profiles that can be read (a damaged one is left out)."""
    return {"profiles": [to_plain(p) for _, p in rows if not isinstance(p, OneupError)]}


def profiles_import(result: Any) -> dict[str, Any]:
    """`oneup profiles import --json`; `result`: an enrol.Imported."""
    return {
        "roster": result.roster,
        "dry_run": result.dry_run,
        "profiles": [
            {
                "row": o.row,
                "client": o.client,
                "profile": o.name,
                "action": o.action,
                "changes": [
                    {"field": c.field, "before": c.before, "after": c.after} for c in o.changes
                ],
                "program_changed": o.program_changed is not None,
            }
            for o in result.outcomes
        ],
        "created": result.count("created"),
        "changed": result.count("changed"),
        "unchanged": result.count("unchanged"),
    }


def history(name: str, records: Sequence[LogRecord]) -> dict[str, Any]:
    return {"profile": name, "records": [to_plain(r) for r in records]}


def programs(rows: Sequence[Any]) -> dict[str, Any]:
    """`rows`: service.ProgramRow values."""
    return {
        "programs": [
            {
                "id": row.id,
                "builtin": row.builtin,
                "path": None if row.builtin else str(row.path),
                "valid": row.program is not None,
                "error": row.problem or None,
                **(_summary(row.program) if row.program is not None else {}),
            }
            for row in rows
        ]
    }


def _summary(p: Program) -> dict[str, Any]:
    return {
        "name": p.name,
        "audience": p.audience.value,
        "weeks": p.total_weeks,
        "summary": p.summary,
        "sources": [s.value for s in p.sources],
    }


def program(chosen: Program, dose: Any = None) -> dict[str, Any]:
    """`dose`: dose.program_dose's (WeekDose, Profile, week): the generated dose of one week
    for the default profile of the program's audience, and which profile and week."""
    doc: dict[str, Any] = {"program": to_plain(chosen)}
    if dose is not None:
        week_dose, person, week = dose
        doc["dose"] = week_dose.as_json()
        doc["dose_profile"] = {
            "supervised": person.supervised,
            "vertebral_fracture": person.vertebral_fracture,
            "cleared": person.cleared,
            "days": list(person.days),
            "equipment": list(person.equipment),
            "week": week,
            "log": "none",
        }
    return doc


def exercises(library: Library) -> dict[str, Any]:
    return {"exercises": [to_plain(e) for e in library.exercises]}


def exercise(ex: Exercise) -> dict[str, Any]:
    return {"exercise": to_plain(ex)}
