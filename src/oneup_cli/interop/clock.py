"""The local time zone, by name, for calendars and for the times written in exports.

A calendar needs a real zone name (TZID=Europe/Paris), not an offset, so that a weekly event
stays at 07:30 across daylight-saving changes. The name comes from TZ when it is set, else
from /etc/localtime (a link into the zoneinfo folder), else from /etc/timezone; failing all
of them, UTC, and the caller says so.
"""

from __future__ import annotations

import contextlib
import dataclasses as dc
import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

LOCALTIME = Path("/etc/localtime")
TIMEZONE_FILE = Path("/etc/timezone")


@dc.dataclass(frozen=True)
class Zone:
    """A time zone and whether it was found (False: UTC for want of one, and `why`)."""

    tz: dt.tzinfo
    name: str
    found: bool = True
    why: str = ""


def _zone(key: str) -> ZoneInfo | None:
    key = key.strip().lstrip(":")
    if "zoneinfo/" in key:  # TZ=/usr/share/zoneinfo/Europe/Paris
        key = key.rsplit("zoneinfo/", 1)[1]
    if not key or key.startswith("/") or ".." in key:
        return None
    try:
        return ZoneInfo(key)
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return None


def _system_names() -> list[str]:
    names = []
    with contextlib.suppress(OSError):
        names.append(os.readlink(LOCALTIME))
    with contextlib.suppress(OSError):
        names.append(TIMEZONE_FILE.read_text(encoding="utf-8", errors="replace").strip())
    return names


def local_zone(env: Mapping[str, str] | None = None) -> Zone:
    """This computer's time zone by name; UTC when it has none we can name."""
    env = os.environ if env is None else env
    given = env.get("TZ")
    if given:
        found = _zone(given)
        if found is not None:
            return Zone(found, found.key)
        why = f"TZ '{given[:60]}' is not a time zone name such as Europe/London"
    else:
        for name in _system_names():
            found = _zone(name)
            if found is not None:
                return Zone(found, found.key)
        why = "this computer does not name its time zone (set TZ, e.g. TZ=Europe/London)"
    return Zone(dt.UTC, "UTC", found=False, why=why)
