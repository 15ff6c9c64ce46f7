"""The base of every model class: a msgspec Struct that cannot be changed once built."""

import dataclasses as dc
from typing import Any, Self

import msgspec


class Frozen(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """Immutable, compared and hashed by value; unknown keys in a file are an error.

    Not msgspec's `frozen=True`: that raises a bare AttributeError, and oneup has always raised
    `dataclasses.FrozenInstanceError` (an AttributeError too) on assignment. Building and
    decoding set the fields directly and never pass through `__setattr__`.
    `gc=False`: model objects form trees, never cycles, so the collector need not track them
    (reading a large log builds hundreds of thousands of them).
    """

    def __setattr__(self, name: str, value: Any) -> None:
        raise dc.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dc.FrozenInstanceError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(msgspec.structs.astuple(self))

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed (the checks in `__post_init__` run again)."""
        return msgspec.structs.replace(self, **changes)
