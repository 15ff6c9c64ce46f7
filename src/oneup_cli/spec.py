"""The SPEC of `oneup log EXERCISE SPEC`: `3x8@20kg`, `8,8,6@45lb`, `2x30s`, `5x10`, `1x20min`.

`parse_spec` turns it into sets, or raises a UsageError whose one line says what was wrong and
shows an example; `format_sets` gives the compact human form back ("3 x 8 @ 20 kg").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from .errors import UsageError
from .model import Measure, SetRecord, Unit, Weight
from .parse import clip

MAX_SETS = 20  # more than this at once is surely a typo
MAX_LOAD = {Unit.kg: 500.0, Unit.lb: 1100.0}  # beyond any lift oneup plans for
MAX_AMOUNT = {
    Measure.reps: 1000,
    Measure.impacts: 1000,
    Measure.seconds: 3600,
    Measure.minutes: 600,
}
MIN_SECONDS = 1  # a shorter hold is a typo (0.5s for 5s?), not a hold
MAX_LOAD_DECIMALS = 3

# Examples for messages, by measure: the spec, what it means, and a typical load.
_EXAMPLE = {
    Measure.reps: ("3x8", "3 sets of 8", {Unit.kg: "20", Unit.lb: "45"}),
    Measure.seconds: ("2x30s", "2 holds of 30 seconds", {Unit.kg: "5", Unit.lb: "10"}),
    Measure.impacts: ("5x10", "5 sets of 10", {Unit.kg: "5", Unit.lb: "10"}),
    Measure.minutes: ("1x20min", "20 minutes", {Unit.kg: "5", Unit.lb: "10"}),
}

# Words after an amount, and the measure each one names.
_SUFFIXES = {
    "": None,
    "rep": Measure.reps,
    "reps": Measure.reps,
    "impact": Measure.impacts,
    "impacts": Measure.impacts,
    "s": Measure.seconds,
    "sec": Measure.seconds,
    "secs": Measure.seconds,
    "second": Measure.seconds,
    "seconds": Measure.seconds,
    "min": Measure.minutes,
    "mins": Measure.minutes,
    "minute": Measure.minutes,
    "minutes": Measure.minutes,
}
_UNITS = {
    "kg": Unit.kg,
    "kgs": Unit.kg,
    "kilo": Unit.kg,
    "kilos": Unit.kg,
    "lb": Unit.lb,
    "lbs": Unit.lb,
    "pound": Unit.lb,
    "pounds": Unit.lb,
}
_BODY_WEIGHT = {"bw", "bodyweight"}
_WORDS = {  # how a count of each measure reads in a sentence
    Measure.reps: "reps",
    Measure.seconds: "seconds",
    Measure.impacts: "impacts",
    Measure.minutes: "minutes",
}
_SUFFIX_OUT = {
    Measure.reps: "",
    Measure.impacts: "",
    Measure.seconds: " s",
    Measure.minutes: " min",
}

_TIMES = "x\u00d7*"  # x, the multiplication sign, or *
# ASCII only: Python's \d would also take digits like "٣" or "²" that int() may refuse.
_AMOUNT_RE = re.compile(r"([0-9]+(?:\.[0-9]+)?)([a-z]*)")
_LOAD_RE = re.compile(r"([0-9]+(?:\.([0-9]+))?)?([a-z]*)")


def parse_spec(
    spec: str, measure: Measure, default_unit: Unit, name: str | None = None
) -> list[SetRecord]:
    """The sets a SPEC describes; a bare number counts `measure`, a bare weight `default_unit`.

    `name` (the exercise's) only makes error messages more specific. An `@0` or `@bw` load is
    body weight: no load.
    """
    return _Parser(spec, measure, default_unit, name).parse()


class _Parser:
    def __init__(self, spec: str, measure: Measure, default_unit: Unit, name: str | None) -> None:
        self.spec = spec.strip()
        self.measure = measure
        self.unit = default_unit
        self.name = name or "this exercise"
        base, meaning, loads = _EXAMPLE[measure]
        self.load_example = f"{base}@{loads[default_unit]}{default_unit.value}"
        self.decimal_example = f"{base}@{loads[default_unit]}.5{default_unit.value}"
        self.example = base if measure != Measure.reps else self.load_example
        meaning += (
            f" at {loads[default_unit]} {default_unit.value}" if measure == Measure.reps else ""
        )
        self.write_like = f"write it like {self.example} ({meaning})"
        self.weight_hint = f"write it like {self.load_example}, or {base}@bw for body weight"

    def parse(self) -> list[SetRecord]:
        text = self.spec.lower()
        if not text:
            raise UsageError(f"no sets given: {self.write_like}")
        # Spaces may surround x, commas and @, and part a number from its unit ("20 kg"); any
        # other space (as in "8 8 6") is a mistake, not something to guess about.
        text = re.sub(rf"\s*([{_TIMES},@])\s*", r"\1", text)
        text = re.sub(r"([0-9])\s+([a-z])", r"\1\2", text)
        if any(c.isspace() for c in text):
            raise UsageError(f"could not read the sets {clip(self.spec)!r}: {self.write_like}")
        if text.count("@") > 1:
            raise UsageError(f"use one @, just before the weight, as in {self.load_example}")
        counts, at, load_text = text.partition("@")
        amounts = self.counts(counts)
        load = self.load(load_text) if at else None
        return [self.set_record(amount, load) for amount in amounts]

    def counts(self, text: str) -> list[float]:
        if not text:
            raise UsageError(f"no sets given before the @: {self.write_like}")
        if "-" in text:
            raise UsageError(f"numbers cannot be negative: {self.write_like}")
        sets_text, times, amount_text = _split_times(text)
        if times:
            if not sets_text:
                raise UsageError(
                    f"the number of sets is missing before {clip(times)!r}: {self.write_like}"
                )
            if not (sets_text.isascii() and sets_text.isdigit()):
                raise UsageError(f"could not read the sets {clip(self.spec)!r}: {self.write_like}")
            self.check_set_count(int(sets_text) if len(sets_text) < 6 else None)
            if not amount_text:
                missing = f"a number is missing after {clip(sets_text + times)!r}"
                raise UsageError(f"{missing}: {self.write_like}")
            return [self.amount(amount_text)] * int(sets_text)
        parts = text.split(",")
        if "" in parts:
            raise UsageError(f"a number is missing between the commas: {self.write_like}")
        self.check_set_count(len(parts))
        return [self.amount(part) for part in parts]

    def check_set_count(self, n: int | None) -> None:
        """`n` is None when it is too long to be worth reading."""
        if n == 0:
            raise UsageError(f"the number of sets must be at least 1: {self.write_like}")
        if n is None or n > MAX_SETS:
            many = "so many" if n is None else str(n)
            raise UsageError(
                f"{many} sets looks like a typo (at most {MAX_SETS} can be logged at once): "
                f"{self.write_like}"
            )

    def amount(self, text: str) -> float:
        m = _AMOUNT_RE.fullmatch(text)
        if not m:
            raise UsageError(f"could not read the sets {clip(self.spec)!r}: {self.write_like}")
        number, suffix = m.groups()
        if suffix in _UNITS:
            raise UsageError(f"put an @ before the weight, as in {self.load_example}")
        if suffix not in _SUFFIXES:
            raise UsageError(
                f"unknown unit {clip(suffix)!r} after {clip(number)}: {self.write_like}"
            )
        named = _SUFFIXES[suffix]
        if named is not None and named != self.measure:
            raise UsageError(
                f"{self.name} is counted in {_WORDS[self.measure]}, not {_WORDS[named]}: "
                f"{self.write_like}"
            )
        words = _WORDS[self.measure]
        if self.measure in (Measure.reps, Measure.impacts) and "." in number:
            whole = number.split(".")[0]
            raise UsageError(f"{words} are whole numbers: write {clip(whole)}, not {clip(number)}")
        value = float(number)
        if value <= 0:
            raise UsageError(f"each set needs more than 0 {words}: {self.write_like}")
        seconds = value * 60 if self.measure == Measure.minutes else value
        if self.measure in (Measure.seconds, Measure.minutes) and seconds < MIN_SECONDS:
            raise UsageError(
                f"a hold of {number} {words} is shorter than {MIN_SECONDS} second: "
                f"{self.write_like}"
            )
        most = MAX_AMOUNT[self.measure]
        if value > most:
            many = number if len(number) <= 8 else "so many"
            raise UsageError(
                f"{many} {words} in one set looks like a typo (at most {most}): check the number"
            )
        return value

    def load(self, text: str) -> Weight | None:
        hint = self.weight_hint
        if not text:
            raise UsageError(f"the weight after @ is missing: {hint}")
        if text in _BODY_WEIGHT:
            return None
        if text.startswith("-"):
            raise UsageError(f"the weight cannot be negative: {hint}")
        if re.fullmatch(r"[0-9]+,[0-9]+[a-z]*", text):
            point = text.replace(",", ".")
            raise UsageError(f"write decimals with a point: @{point}, not @{text}")
        m = _LOAD_RE.fullmatch(text)
        if not m:
            raise UsageError(f"could not read the weight {clip(text)!r}: {hint}")
        number, decimals, unit_text = m.groups()
        if unit_text and unit_text not in _UNITS:
            raise UsageError(
                f"unknown unit {clip(unit_text)!r}: use kg or lb, as in {self.load_example}"
            )
        if number is None:
            raise UsageError(f"the weight after @ needs a number: {hint}")
        if decimals is not None and len(decimals) > MAX_LOAD_DECIMALS:
            raise UsageError(
                f"use at most {MAX_LOAD_DECIMALS} decimal places in the weight, "
                f"as in {self.decimal_example}"
            )
        unit = _UNITS[unit_text] if unit_text else self.unit
        value = float(number)
        if value == 0:
            return None  # no added load: body weight
        if value > MAX_LOAD[unit]:
            many = number if len(number) <= 8 else "so heavy a weight"
            raise UsageError(
                f"{many} {unit.value} looks like a typo "
                f"(at most {MAX_LOAD[Unit.kg]:g} kg or {MAX_LOAD[Unit.lb]:g} lb): check the weight"
            )
        return Weight(value, unit)

    def set_record(self, amount: float, load: Weight | None) -> SetRecord:
        if self.measure == Measure.reps:
            return SetRecord(reps=int(amount), load=load)
        if self.measure == Measure.impacts:
            return SetRecord(impacts=int(amount), load=load)
        if self.measure == Measure.seconds:
            return SetRecord(seconds=amount, load=load)
        return SetRecord(minutes=amount, load=load)


def _split_times(text: str) -> tuple[str, str, str]:
    """'3x8' -> ('3', 'x', '8'); text without a times sign -> (text, '', '')."""
    for i, c in enumerate(text):
        if c in _TIMES:
            return text[:i], c, text[i + 1 :]
    return text, "", ""


# ---------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------


def format_sets(sets: Sequence[SetRecord]) -> str:
    """The compact human form: '3 x 8 @ 20 kg', '8, 8, 6 @ 45 lb', '2 x 30 s'."""
    if not sets:
        return ""
    first = sets[0]
    if all(_shape(s) == _shape(first) for s in sets):
        amounts = [_num(s.amount) for s in sets]
        same = len(set(amounts)) == 1
        body = f"{len(sets)} x {amounts[0]}" if same else ", ".join(amounts)
        return body + _tail(first)
    return ", ".join(_num(s.amount) + _tail(s) for s in sets)


def _measure_of(s: SetRecord) -> Measure | None:
    for m in Measure:
        if getattr(s, m.value) is not None:
            return m
    return None


def _shape(s: SetRecord) -> tuple[Measure | None, Weight | None, object]:
    return (_measure_of(s), s.load, s.support)


def _tail(s: SetRecord) -> str:
    measure = _measure_of(s)
    out = _SUFFIX_OUT[measure] if measure is not None else ""
    if s.load is not None:
        out += f" @ {_num(s.load.value)} {s.load.unit.value}"
    if s.support is not None:
        out += f", {s.support.value.replace('-', ' ')}"
    return out


def _num(x: float) -> str:
    """A number as entered: '8', '22.5', '0.125'; exact, and never in exponent form."""
    x = float(x)
    if x.is_integer():
        return str(int(x))
    return format(Decimal(repr(x)), "f")
