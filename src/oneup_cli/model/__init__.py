"""The data model: exercises, programs, profiles and log records, as one set of classes.

Every file format is decoded, checked, written back and described (JSON Schema) from these
definitions, by msgspec: `codec.py` for JSON and plain data, `check.py` (imported only when a
file people wrote must be checked) for every mistake in it, located. The classes are msgspec
Structs: constraints and descriptions are `msgspec.Meta` annotations, cross-field checks live
in `__post_init__`.

Chosen by measuring here (2 shared cores, Python 3.11, msgspec 0.23, pydantic 2.14; best of
several runs, `bench/model.py` and `bench/startup.py`; pydantic and dataclass figures from
prototypes of the same classes):

- decoding 100,000 log lines: msgspec Structs ~130-220 ms; the hand-written decoder this
  replaced ~630 ms; msgspec into dataclasses ~830 ms; pydantic (TypeAdapter) ~2,000 ms.
- import, on top of typer + rich: msgspec ~2-5 ms, pydantic's TypeAdapter ~38 ms. Checking
  the library and the three programs the first time in a process (import and set-up
  included): ~30-45 ms with the walker in check.py, ~105-125 ms with pydantic.
- `oneup today`, `oneup log` end to end (`bench/startup.py`, old and new code in turns):
  ratios to the minimal Typer + Rich program unchanged (0.74-0.77 before, 0.76-0.77 after),
  but 2-4 ms (1-3%) slower in absolute time: importing msgspec costs ~4 ms, half of it the
  typing_extensions module it imports when installed (typer installs it), against ~2 ms
  saved by Structs over dataclasses.
- `oneup today` when it must read a whole 100,000-record log (no usable summary): ~1.6 s
  before, ~0.75 s now.
- loading the library and a program from the cache: ~1 ms more than before (JSON decoded and
  checked again, and the audience rules run) instead of a format that runs code when read.
"""

from .base import Frozen
from .codec import (
    DecodeError,
    ValidationError,
    dec_hook,
    decode_json,
    decoder,
    enc_hook,
    encode_json,
    error_path,
    from_plain,
    json_schema,
    plain_reason,
    schema_hook,
    to_plain,
    weight_token,
)
from .library import (
    EQUIPMENT_SETS,
    Category,
    Cue,
    Equipment,
    Exercise,
    ImpactLevel,
    Library,
    LoadKind,
    Measure,
    SafetyTag,
)
from .program import (
    Audience,
    Block,
    BlockKind,
    Deload,
    Item,
    Load,
    LoadType,
    Phase,
    Program,
    ProgressionRule,
    Requires,
    Schedule,
    Session,
    SourceKey,
    Support,
    Target,
    Targets,
)
from .records import (
    LOG_SCHEMA_VERSION,
    PROFILE_SCHEMA_VERSION,
    TEST_NAMES,
    LogRecord,
    Measured,
    Profile,
    SetRecord,
    Sex,
    TestName,
    home_equipment,
)
from .values import (
    ID_PATTERN,
    LB_PER_KG,
    WEEKDAYS,
    Range,
    Slug,
    Unit,
    Weekday,
    Weight,
    _fmt,
)

__all__ = [
    "EQUIPMENT_SETS",
    "ID_PATTERN",
    "LB_PER_KG",
    "LOG_SCHEMA_VERSION",
    "PROFILE_SCHEMA_VERSION",
    "TEST_NAMES",
    "WEEKDAYS",
    "Audience",
    "Block",
    "BlockKind",
    "Category",
    "Cue",
    "DecodeError",
    "Deload",
    "Equipment",
    "Exercise",
    "Frozen",
    "ImpactLevel",
    "Item",
    "Library",
    "Load",
    "LoadKind",
    "LoadType",
    "LogRecord",
    "Measure",
    "Measured",
    "Phase",
    "Profile",
    "Program",
    "ProgressionRule",
    "Range",
    "Requires",
    "SafetyTag",
    "Schedule",
    "Session",
    "SetRecord",
    "Sex",
    "Slug",
    "SourceKey",
    "Support",
    "Target",
    "Targets",
    "TestName",
    "Unit",
    "ValidationError",
    "Weekday",
    "Weight",
    "_fmt",
    "dec_hook",
    "decode_json",
    "decoder",
    "enc_hook",
    "encode_json",
    "error_path",
    "from_plain",
    "home_equipment",
    "json_schema",
    "plain_reason",
    "schema_hook",
    "to_plain",
    "weight_token",
]
