"""JSON documents of plans: plain dicts, stable field names (see schema/)."""

from __future__ import annotations

from typing import Any

from .. import words
from ..model import to_plain
from ..progression import BlockPlan, DayPlan, Planned
from ..safety import DISCLAIMER, STOP_RULES


def planned(p: Planned) -> dict[str, Any]:
    return {
        "exercise": p.exercise.id,
        "name": p.exercise.name,
        "block": p.block.value,
        "sets": p.sets,
        "measure": p.measure.value,
        "target": words.span_of(p.target),
        "each_side": p.exercise.each_side,
        "support": p.support.value if p.support else None,
        "effort": words.span_of(p.effort) if p.effort else None,
        "load": to_plain(p.load.as_dict()) if p.load else None,
        "load_text": words.load(p.load_spec),
        "reason": words.reason(p.why),
        "rest_seconds": str(p.item.rest) if p.item.rest else None,
        "cues": list(p.exercise.cues),
        "notes": [words.note(n) for n in p.notices],
    }


def block(b: BlockPlan) -> dict[str, Any]:
    return {
        "kind": b.kind.value,
        "title": words.block_title(b.kind, b.named),
        "note": b.note,
        "items": [planned(p) for p in b.items],
    }


def day_document(plan: DayPlan) -> dict[str, Any]:
    pos = plan.position
    return {
        "date": plan.date.isoformat(),
        "profile": plan.profile.name,
        "program": {
            "id": plan.program.id,
            "name": plan.program.name,
            "version": plan.program.version,
        },
        "phase": {
            "id": pos.phase.id,
            "name": pos.phase.name,
            "week": pos.week_in_phase,
            "weeks": pos.phase.weeks,
        },
        "week": pos.week,
        "total_weeks": pos.total_weeks,
        "complete": pos.complete,
        "deload": pos.deload,
        "before_start": plan.before_start,
        "training_day": plan.training,
        "session": plan.label,
        "blocks": [block(b) for b in plan.blocks],
        "next_session": {"date": plan.next_date.isoformat(), "label": plan.next_label},
        "notes": [words.note(n) for n in plan.notices],
        "units": plan.profile.units.value,
        "stop_rules": list(STOP_RULES),
        "disclaimer": DISCLAIMER,
    }
