"""A weekly plan as a versioned JSON document; schema/plan.schema.json describes it.

Exercises use the same fields as `oneup today --json` (render/jsondoc.py), plus what the
printed sheet adds: the load left blank, the aim, the key cue.
"""

from __future__ import annotations

from typing import Any

from .. import weekplan as wp
from .. import words
from ..model import encode_json
from .jsondoc import planned
from .registry import Options

SCHEMA_VERSION = 1  # the envelope every oneup JSON document carries (cli.emit_json)


def render(plan: wp.WeekPlan, options: Options) -> str:
    # msgspec writes the very same text as json.dumps(indent=2, ensure_ascii=False), 12 x faster
    return encode_json(document(plan), indent=2).decode("utf-8") + "\n"


def document(plan: wp.WeekPlan) -> dict[str, Any]:
    program = plan.program
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "plan",
        "client": plan.client,
        "profile": None if plan.prospective else plan.profile.name,
        "prospective": plan.prospective,
        "as_of": plan.as_of.isoformat(),
        "program": {
            "id": program.id,
            "name": program.name,
            "version": program.version,
            "audience": program.audience.value,
        },
        "start": plan.profile.start.isoformat(),
        "training_days": list(plan.profile.days),
        "units": plan.profile.units.value,
        "supervised": plan.profile.supervised,
        "vertebral_fracture": plan.profile.vertebral_fracture,
        "notes": plan.notes,
        "weeks": [week(plan, w) for w in plan.weeks],
        "stop_rules": list(plan.stop_rules),
        "stop_rules_sources": plan.stop_rules_sources,
        "disclaimer": plan.disclaimer,
        "effort_scale": words.EFFORT_SCALE,
        "sources": [{"key": key, "reference": ref} for key, ref in plan.sources],
    }


def week(plan: wp.WeekPlan, w: wp.Week) -> dict[str, Any]:
    return {
        "week": w.number,
        "total_weeks": w.total_weeks,
        "start": w.start.isoformat(),
        "end": w.end.isoformat(),
        "phase": {
            "id": w.phase.id,
            "name": w.phase.name,
            "week": w.week_in_phase,
            "weeks": w.phase.weeks,
        },
        "deload": w.deload,
        "complete": w.complete,
        "loads": "log" if w.from_log else "prescription",
        "loads_note": words.loads_words(plan, w),
        "notes": list(w.notes),
        "dose": w.dose.as_json(),
        "dose_line": words.dose_line(w.dose),
        "days": [d.isoformat() for d in w.dates],
        "checklist": [
            {
                "block": c.block,
                "exercise": c.exercise,
                "name": c.name,
                "dose": c.dose,
                "aim": c.aim,
                "days": [d.isoformat() for d, on in zip(w.dates, c.days, strict=True) if on],
            }
            for c in w.checklist
        ],
        "sessions": [session(s) for s in w.sessions],
    }


def session(s: wp.SessionPlan) -> dict[str, Any]:
    return {
        "date": s.date.isoformat(),
        "label": s.label,
        "blocks": [
            {
                "kind": b.kind.value,
                "title": b.title,
                "note": b.note,
                "items": [row(r) for r in b.rows],
            }
            for b in s.blocks
        ],
    }


def row(r: wp.Row) -> dict[str, Any]:
    return {
        **planned(r.planned),
        "dose": r.dose,
        "load_blank": r.blank,
        "aim": r.aim,
        "cue": r.cue,
        "notes": list(r.notes),
    }
