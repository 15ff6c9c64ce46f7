"""The one exception type the CLI catches, and the exit codes it maps to."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    DATA = 1  # a problem with data or a file: invalid program, unreadable log
    USAGE = 2  # a usage error: bad option value, unknown exercise, bad SPEC


class OneupError(Exception):
    """An error meant for the user: one clear line, plus optional located detail lines."""

    def __init__(
        self, message: str, *, code: ExitCode = ExitCode.DATA, details: list[str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = details or []


class UsageError(OneupError):
    def __init__(self, message: str, *, details: list[str] | None = None) -> None:
        super().__init__(message, code=ExitCode.USAGE, details=details)
