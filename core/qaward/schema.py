"""JSON Schema of the input documents, generated from the attrs model (``qaward schema``)."""

from __future__ import annotations

import datetime as dt
import types
import typing
from enum import Enum
from typing import Any

import attrs

from qaward.model import (
    MAX_TEXT,
    RANGES,
    CreditCode,
    Cycle,
    Organization,
    SafetyLevel,
    SanctionCase,
)

DOCUMENTS = {"organization": Organization, "cycle": Cycle, "sanction_case": SanctionCase}


def schema(cls: type) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _type(cls, defs)
    if "Application" in defs:
        _organization_file(defs["Application"])
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **root, "$defs": defs}


def _organization_file(app: dict[str, Any]) -> None:
    """An application may name its organisation's file instead (qaward.io.load_cycle)."""
    app["properties"]["organization_file"] = {
        "type": "string",
        "description": "组织文件路径，相对于届次文件",
    }
    app["required"] = [r for r in app["required"] if r != "organization"]
    app["oneOf"] = [{"required": ["organization"]}, {"required": ["organization_file"]}]


def _type(t: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(t)
    if t is CreditCode:
        return {
            "type": "string",
            "pattern": "^[0-9A-HJ-NPQRTUWXY]{18}$",
            "description": "统一社会信用代码（GB 32100-2015 校验）",
        }
    if t is SafetyLevel:
        return {"type": "integer", "enum": [1, 2, 3]}
    if origin in (typing.Union, types.UnionType):
        members = [_type(a, defs) for a in typing.get_args(t)]
        return {"anyOf": members}
    if origin is list:
        return {"type": "array", "items": _type(typing.get_args(t)[0], defs)}
    if t is type(None):
        return {"type": "null"}
    if t is bool:
        return {"type": "boolean"}
    if t in RANGES:  # int and the bounded NewTypes of int
        low, high = RANGES[t]
        return {"type": "integer", "minimum": low, "maximum": high}
    if t is str:
        return {"type": "string", "maxLength": MAX_TEXT, "pattern": "^[^\\u0000]*$"}
    if t is dt.date:
        return {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    if isinstance(t, type) and issubclass(t, Enum):
        return {"type": "string", "enum": [m.value for m in t]}
    if attrs.has(t):
        if t.__name__ not in defs:
            defs[t.__name__] = {}  # placeholder against recursion
            defs[t.__name__] = _object(t, defs)
        return {"$ref": f"#/$defs/{t.__name__}"}
    raise TypeError(f"no JSON Schema for {t!r}")


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props = {a.name: _type(hints[a.name], defs) for a in attrs.fields(cls)}
    kind = getattr(cls, "kind", None)
    if isinstance(kind, str):  # tagged event: the discriminator
        props = {"kind": {"const": kind}, **props}
    required = [a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING]
    if isinstance(kind, str):
        required.insert(0, "kind")
    return {
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }
