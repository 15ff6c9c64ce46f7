"""Model objects to and from JSON, plain data and JSON Schema: msgspec, with three hooks.

msgspec handles Structs, enums, dates and constraints itself; the hooks below only teach it
the two values written as one string (`Range` "8-12", `Weight` "22.5kg"). Every format oneup
reads or writes goes through here: profiles, log records, the cache of checked programs,
`--json` documents and the JSON Schemas of the program format.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeVar

import msgspec

from .values import Range, Weight

T = TypeVar("T")

DecodeError = msgspec.DecodeError  # not JSON at all
ValidationError = msgspec.ValidationError  # JSON, but not what the model asks for

# msgspec names the path to a bad value only in its message, "Expected `int`, got `str` - at
# `$.sets[0].reps`": a ValidationError has no attribute that holds it (msgspec 0.23). This is
# the one place that reads the message; tests/test_model.py pins its format.
_AT = " - at `"


def error_path(e: msgspec.ValidationError) -> str | None:
    """Where a ValidationError went wrong, as msgspec writes it ('$.rpe'); None if it says not."""
    _, at, path = str(e).rpartition(_AT)
    return path[:-1] if at and path.endswith("`") else None


# msgspec's messages, in the plain words oneup's users read: "Object missing required field
# `id`" becomes "the field 'id' is missing". The one place that turns them into words; a
# message it does not know (a check of oneup's own, "start 9999-12-31 ...") is kept as it is.
_TYPES = {
    "array": "a list",
    "object": "a record",
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
}
_MISSING = re.compile(r"Object missing required field `(.+)`$")
_UNKNOWN = re.compile(r"Object contains unknown field `(.+)`$")
_WHEN = re.compile(r"Invalid RFC3339 encoded (datetime|date|time)$")
_ENUM = re.compile(r"Invalid enum value ")
_EMPTY_TEXT = re.compile(r"Expected `str` of length >= 1$")
_EXPECTED = re.compile(r"Expected `([a-z]+)(?: \| null)?`(?:, got `[^`]*`)?$")
_MALFORMED = re.compile(r"JSON is malformed: .*\(byte (\d+)\)$")
_WHEN_WORDS = {"datetime": "a date and time", "date": "a date", "time": "a time"}


def plain_reason(e: msgspec.DecodeError, data: bytes | str | None = None) -> str:
    """What is wrong, in plain words, for a DecodeError or ValidationError of msgspec's.
    `data`: the text decoded, to tell an empty file from one cut short."""
    text = str(e)
    if not isinstance(e, msgspec.ValidationError):
        if text.startswith("Input data was truncated"):
            empty = data is not None and not data.strip()
            return "the file is empty" if empty else "it is cut short"
        found = _MALFORMED.match(text)
        if found:
            return f"it is not valid JSON (at character {found[1]})"
        return "it is not valid JSON"
    path = error_path(e)
    message = text.rpartition(_AT)[0] if path is not None else text
    name = f"'{path[2:]}'" if path and path.startswith("$.") else None
    if (found := _MISSING.match(message)) is not None:
        where = f" in {name}" if name else ""
        return f"the field '{found[1]}' is missing{where}"
    if (found := _UNKNOWN.match(message)) is not None:
        return f"'{found[1]}' is not a field oneup knows"
    if name is None:
        found = _EXPECTED.match(message)
        if found and found[1] == "object":
            return "it is not a record"
        return message
    if (found := _WHEN.match(message)) is not None:
        return f"{name} is not {_WHEN_WORDS[found[1]]}"
    if _ENUM.match(message):
        return f"{name} is not one oneup knows"
    if _EMPTY_TEXT.match(message):
        return f"{name} should not be empty"
    found = _EXPECTED.match(message)
    if found and found[1] in _TYPES:
        return f"{name} should be {_TYPES[found[1]]}"
    return f"{message} at {name}"


# The same few weights recur through a log ("10kg", "22.5lb"); they are immutable, so each
# distinct text is parsed once per process. Bounded, in case a log holds many distinct ones.
_WEIGHTS: dict[str, Weight] = {}
_MAX_WEIGHTS = 4096


def weight_token(w: Weight) -> str:
    """'22.5kg': exact (repr of the float), unlike the display form '22.5 kg'."""
    return w.token()


def enc_hook(obj: Any) -> Any:
    if isinstance(obj, Weight):
        return obj.token()
    if isinstance(obj, Range):
        return str(obj)
    raise NotImplementedError(f"cannot encode {type(obj).__name__}")


def dec_hook(tp: type, obj: Any) -> Any:
    if tp is Weight:
        if type(obj) is str:
            found = _WEIGHTS.get(obj)
            if found is None:
                if len(_WEIGHTS) >= _MAX_WEIGHTS:
                    _WEIGHTS.clear()
                found = _WEIGHTS[obj] = Weight.parse(obj)
            return found
        return Weight.parse(obj)
    if tp is Range:
        return Range.parse(obj)
    raise NotImplementedError(f"cannot decode {tp.__name__}")


def schema_hook(tp: type) -> dict[str, Any]:
    if tp is Range or tp is Weight:
        return dict(tp.json_schema)
    raise NotImplementedError(f"no schema for {tp.__name__}")


def encode_json(obj: Any, *, indent: int = 0) -> bytes:
    """JSON of any model object (UTF-8): compact, or indented for files people may read."""
    try:
        data = msgspec.json.encode(obj, enc_hook=enc_hook)
    except UnicodeEncodeError:  # a lone surrogate (a log's "\\udcff"): written as that escape
        return _escaped(obj, indent)
    return msgspec.json.format(data, indent=indent) if indent else data


def _escaped(obj: Any, indent: int) -> bytes:
    """JSON of `obj` whose strings hold lone surrogates, which UTF-8 cannot hold: each is
    written as its JSON escape ('\\udcff'), so the text read back is the text that was there."""
    import json

    plain = msgspec.to_builtins(obj, enc_hook=enc_hook)
    text = json.dumps(
        plain, ensure_ascii=False, indent=indent or None, separators=None if indent else (",", ":")
    )
    return text.encode("utf-8", "backslashreplace")


def decode_json(data: bytes | str, cls: type[T]) -> T:
    """`cls` from JSON; raises DecodeError (not JSON) or ValidationError (names the path)."""
    return msgspec.json.decode(data, type=cls, dec_hook=dec_hook)


def decoder(cls: type[T]) -> msgspec.json.Decoder[T]:
    """A reusable JSON decoder for `cls`: the fastest way to decode many documents."""
    return msgspec.json.Decoder(cls, dec_hook=dec_hook)


def from_plain(cls: type[T], data: Any) -> T:
    """`cls` from plain data (dicts, lists, strings...), every type and constraint checked."""
    return msgspec.convert(data, cls, dec_hook=dec_hook)


def to_plain(obj: Any) -> Any:
    """A JSON-ready form of a model object: dicts, lists, strings, numbers, None.

    Weights keep their exact value and unit ("22.5kg"); ranges read "8-12"; dates and times
    are written by `isoformat()`, as oneup always has.
    """
    plain = msgspec.to_builtins(obj, enc_hook=enc_hook, builtin_types=(dt.datetime,))
    return _iso(plain)


def _iso(x: Any) -> Any:
    if type(x) is dict:
        return {k: _iso(v) for k, v in x.items()}
    if type(x) is list:
        return [_iso(v) for v in x]
    if isinstance(x, dt.datetime):
        return x.isoformat()
    return x


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a model class, descriptions and constraints kept."""
    schema: dict[str, Any] = msgspec.json.schema(cls, schema_hook=schema_hook)
    defs: dict[str, Any] = schema.get("$defs", {})
    ref = f"#/$defs/{cls.__name__}"
    root: dict[str, Any] = schema
    if schema.get("$ref") == ref and ref not in msgspec.json.encode(defs).decode():
        root = defs.pop(cls.__name__)  # the file's own fields at the top, as editors expect
        if defs:
            root["$defs"] = defs
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **root}


def record_line(record: Any) -> Any:
    """The plain form of a log record as its line holds it: a set's `warmup` is left out when
    False, so that the lines of work sets are the same as before warm-ups were recorded."""
    plain = to_plain(record)
    for s in plain.get("sets") or ():
        if s.get("warmup") is False:
            del s["warmup"]
    return plain
