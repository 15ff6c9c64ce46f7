"""What the outcome commands do, without the command line: `oneup test` (record a functional
test, read the results), `oneup recommend`, and the year of birth and sex of `oneup profile`.

Beside `service.py` (the everyday commands), in the same way: values in as people typed them,
read by `parse` and `functional`; what the front end will say is made (`describe`) before
anything is written.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
from collections.abc import Callable, Sequence

from .. import log, parse, paths, service
from .. import profile as profiles
from ..model import LogRecord, Profile
from . import recommend as rec
from .functional import TestResult, latest, measure, test_name, test_results, verdicts


@dc.dataclass(frozen=True)
class Tested:
    record: LogRecord
    profile: Profile | None
    message: list[str] = dc.field(default_factory=list)  # what `describe` made of it


def record_test(
    name: str,
    test: str,
    values: Sequence[str],
    *,
    day: dt.date,
    now: dt.datetime,
    describe: Callable[[Tested], list[str]] | None = None,
) -> Tested:
    """`oneup test NAME VALUE`: the result checked, recorded in the log like sets are."""
    measured = measure(test_name(test), values)
    parse.record(day, None, now.astimezone().date())  # not a year ahead
    record = LogRecord(id=log.new_id(), at=now, kind="test", date=day, test=measured)
    tested = Tested(record, profiles.load(name))
    if describe is not None:
        tested = dc.replace(tested, message=describe(tested))
    log.append(paths.log_file(name), record)
    return tested


@dc.dataclass(frozen=True)
class TestsSeen:
    """`oneup test` alone: the profile (if any) and every test result recorded."""

    __test__ = False
    profile: Profile | None
    results: list[TestResult]  # oldest first
    warnings: list[str]


def tests_seen(name: str) -> TestsSeen:
    found = log.read(paths.log_file(name))
    return TestsSeen(profiles.load(name), test_results(found.all_records), found.warnings)


def recommendation(
    name: str,
    *,
    osteoporosis: str | None = None,
    vertebral_fracture: str | None = None,
    falls: str | None = None,
    cleared: str | None = None,
    supervised: str | None = None,
    answers: rec.Answers | None = None,
) -> tuple[rec.Recommendation, rec.Answers, list[str]]:
    """`oneup recommend`: (Recommendation, Answers, the log's warnings), from the answers
    (as typed, or `answers` already read) and the profile's latest functional tests. An
    answer not given is the profile's (its flags; osteoporosis: yes on the
    diagnosed-osteoporosis program), else the safe default (no, 0, unknown)."""
    seen = tests_seen(name)
    person = seen.profile
    if answers is None:

        def flag(text: str | None, field: str, known: bool) -> bool:
            return parse.yes_no(text, field) if text is not None else known

        diagnosed = person is not None and person.program == "diagnosed-osteoporosis"
        answers = rec.Answers(
            rec.osteoporosis(osteoporosis)
            if osteoporosis is not None
            else ("yes" if diagnosed else "unknown"),
            flag(
                vertebral_fracture, "vertebral_fracture", bool(person and person.vertebral_fracture)
            ),
            rec.falls(falls) if falls is not None else 0,
            flag(cleared, "cleared", bool(person and person.cleared)),
            flag(supervised, "supervised", bool(person and person.supervised)),
        )
    born, sex = (person.born, person.sex) if person else (None, None)
    found = verdicts(latest(seen.results), born, sex)
    chosen = rec.recommend(answers, found, profile=name, default_profile=paths.DEFAULT_PROFILE)
    return chosen, answers, seen.warnings


def set_person(name: str, *, today: dt.date, born: str | None, sex: str | None) -> Profile:
    """`oneup profile --born --sex`: the year of birth and sex set, the profile saved."""
    person = service.profile(name)
    if born is not None:
        person.born = parse.birth_year(born, today)
    if sex is not None:
        person.sex = parse.sex(sex)
    profiles.save(person)
    return person
