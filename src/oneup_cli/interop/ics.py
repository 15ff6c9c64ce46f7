"""The schedule as iCalendar (RFC 5545), written with the `icalendar` library.

One weekly recurring event per session label (`RRULE:FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=...`,
until the program's last week), with the session's exercises in its description, from the
engine's plan of its first occurrence. When sessions do not fall on the same weekdays every
week (three training days, two sessions: A B A, B A B), the event recurs on every weekday
the session ever falls on, and the days it does not (the other session's) are EXDATEs.

Each event's UID comes from the profile's name, the program and the session label, so that
exporting again updates the events a calendar already holds instead of adding copies.

Imported only by `oneup export --format ics`: `icalendar` is not loaded by anything else.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from .. import __version__, words
from ..errors import UsageError
from ..model import WEEKDAYS, Library, Profile, Program
from ..progression import History, is_training_day, plan_day, position, session_label
from .clock import Zone

SESSION = dt.timedelta(minutes=45)  # how long a timed event lasts: about one session
_BYDAY = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}


def uid(profile: Profile, label: str) -> str:
    """The same for the same profile name, program and session label, in every export."""
    key = "\x00".join((profile.name, profile.program, label)).encode("utf-8", "surrogatepass")
    return f"{hashlib.sha256(key).hexdigest()[:32]}@oneup"


def last_day(program: Program, profile: Profile) -> dt.date:
    """The last day of the program's last week."""
    weeks = position(program, profile, profile.start).total_weeks
    return profile.start + dt.timedelta(weeks=weeks, days=-1)


def occurrences(
    program: Program, profile: Profile, first: dt.date, last: dt.date
) -> dict[str, list[dt.date]]:
    """Each session label's days from `first` to `last`, labels in the order first met."""
    found: dict[str, list[dt.date]] = {}
    day = first
    while day <= last:
        if is_training_day(profile, day):
            found.setdefault(session_label(program, profile, day), []).append(day)
        day += dt.timedelta(days=1)
    return found


def description(
    program: Program, library: Library, profile: Profile, history: History, day: dt.date
) -> str:
    """The session's exercises as the engine plans them for `day`: one line each."""
    plan = plan_day(program, library, profile, history, day)
    lines = []
    for block in plan.blocks[: plan.session_blocks]:
        for p in block.items:
            load = words.load(p.load_spec)
            lines.append(f"{p.exercise.name}: {words.dose(p)}" + (f", {load}" if load else ""))
    return "\n".join(lines)


def calendar(
    program: Program,
    library: Library,
    profile: Profile,
    history: History,
    *,
    first: dt.date,
    last: dt.date | None,
    at: dt.time | None,
    remind: dt.timedelta | None,
    zone: Zone,
    now: dt.datetime,
) -> str:
    """The calendar of the sessions from `first` (or the program's start, if later) to
    `last` (or the program's last day, if sooner); all-day events, or at `at` in `zone`."""
    from icalendar import Alarm, Calendar, Event

    end = last_day(program, profile)
    start = max(first, profile.start)
    stop = min(last, end) if last is not None else end
    found = occurrences(program, profile, start, stop) if start <= stop else {}
    if not found:
        raise UsageError(
            f"no sessions to put in a calendar from {start.isoformat()} to {stop.isoformat()}: "
            f"the program runs from {profile.start.isoformat()} to {end.isoformat()}"
        )
    cal = Calendar()
    cal.add("prodid", f"-//oneup//oneup {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{program.name} ({profile.name})")
    for label, days in found.items():
        weekdays = sorted({d.weekday() for d in days})
        wanted = set(days)
        skipped = [
            days[0] + dt.timedelta(days=n)
            for n in range((stop - days[0]).days + 1)
            if (days[0] + dt.timedelta(days=n)).weekday() in weekdays
            and days[0] + dt.timedelta(days=n) not in wanted
        ]
        event = Event()
        event.add("uid", uid(profile, label))
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("summary", f"{program.name}: session {label}")
        event.add("description", description(program, library, profile, history, days[0]))
        rule: dict[str, object] = {
            "freq": "weekly",
            "byday": [_BYDAY[WEEKDAYS[d]] for d in weekdays],
        }
        if at is None:
            event.add("dtstart", days[0])
            event.add("dtend", days[0] + dt.timedelta(days=1))
            rule["until"] = stop
            exdates: list[object] = list(skipped)
        else:
            event.add("dtstart", dt.datetime.combine(days[0], at, zone.tz))
            event.add("duration", SESSION)
            # With a TZID, UNTIL is in UTC (RFC 5545 3.3.10): the end of the last day.
            rule["until"] = dt.datetime.combine(stop, dt.time(23, 59, 59), zone.tz).astimezone(
                dt.UTC
            )
            exdates = [dt.datetime.combine(d, at, zone.tz) for d in skipped]
        event.add("rrule", rule)
        if exdates:
            event.add("exdate", exdates)
        if remind is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{program.name}: session {label}")
            alarm.add("trigger", -remind)
            event.add_component(alarm)
        cal.add_component(event)
    if at is not None and zone.found:
        cal.add_missing_timezones()
    text: str = cal.to_ical().decode("utf-8")
    return text
