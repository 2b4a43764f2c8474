"""The organisation as a columnar frame: one row per organisation, the contract's field names.

The polars schema is derived from the attrs classes of :mod:`qaward.model`, so a field added to
the contract (``entity_type``, an attestation ...) appears here without a second list. Lists of
records (certifications, financials, events, awards, sanctions, recommendations) are
``List(Struct)`` columns; events carry the union of every kind's attributes.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import json
import types
import typing
from functools import cache
from typing import Any

import attrs
import polars as pl

from qaward import model

ROW = "row"  # the row number in the input (0-based), kept through every path


def _dtype(tp: Any) -> pl.DataType:
    """The polars type of one annotation (``X | None`` is X, nullable anyway)."""
    if isinstance(tp, types.UnionType | typing._UnionGenericAlias):  # type: ignore[attr-defined]
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return _dtype(args[0])
        if all(attrs.has(a) for a in args):  # a tagged union: the events
            return _union_struct(tuple(args))
        raise TypeError(f"no columnar type for {tp}")
    if getattr(tp, "__supertype__", None) is not None:  # NewType
        return _dtype(tp.__supertype__)
    origin = typing.get_origin(tp)
    if origin is list:
        return pl.List(_dtype(typing.get_args(tp)[0]))
    if attrs.has(tp):
        return _struct(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return pl.String()
    return {bool: pl.Boolean(), int: pl.Int64(), str: pl.String(), dt.date: pl.Date()}[tp]


def _fields(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in attrs.fields(cls)}


def _struct(cls: type) -> pl.Struct:
    return pl.Struct({name: _dtype(tp) for name, tp in _fields(cls).items()})


def _union_struct(classes: tuple[type, ...]) -> pl.Struct:
    out: dict[str, pl.DataType] = {"kind": pl.String()}
    for cls in classes:
        for name, tp in _fields(cls).items():
            out.setdefault(name, _dtype(tp))
    return pl.Struct(out)


@cache
def schema() -> dict[str, pl.DataType]:
    """The columnar schema of :class:`~qaward.model.Organization`."""
    return {name: _dtype(tp) for name, tp in _fields(model.Organization).items()}


def required() -> list[str]:
    """Top-level fields without a default."""
    return [f.name for f in attrs.fields(model.Organization) if f.default is attrs.NOTHING]


def empty() -> pl.DataFrame:
    return pl.DataFrame(schema=schema())


def _kind(dtype: pl.DataType) -> str:
    """What a type holds, in words (types that differ only in width or encoding are alike)."""
    if dtype.is_integer():
        return "整数"
    if dtype.is_float() or dtype.is_decimal():  # not truncated into a whole number
        return "小数"
    if dtype in (pl.String, pl.Categorical) or isinstance(dtype, pl.Enum):
        return "文本"
    if dtype == pl.Date or isinstance(dtype, pl.Datetime):  # a date at midnight is a date
        return "日期"
    if dtype == pl.Boolean:
        return "是/否（true/false）"
    if isinstance(dtype, pl.List | pl.Array):
        return "列表"
    if isinstance(dtype, pl.Struct):
        return "记录"
    return str(dtype)


def type_problems(given: dict[str, Any], at: str = "") -> list[str]:
    """Where typed columns (a Parquet file's) do not hold what the contract says, by field
    path: a whole number where a date is due is not taken as days since 1970, nor a record with
    a field the contract does not know. Columns the contract lacks are left to the caller."""
    return _type_problems(given, schema(), at)


def _type_problems(given: dict[str, Any], want: dict[str, Any], at: str) -> list[str]:
    out = []
    for name, dtype in given.items():
        if name not in want:
            if at:  # a field of a record
                out.append(f"{at}{name}: 未知的字段")
            continue
        out += _type_problem(dtype, want[name], f"{at}{name}")
    return out


def _type_problem(dtype: Any, want: Any, path: str) -> list[str]:
    if dtype == pl.Null or dtype == want:
        return []
    if _kind(dtype) != _kind(want):
        return [f"{path}: 应为{_kind(want)}，文件中为{_kind(dtype)}（{dtype}）"]
    if isinstance(want, pl.List) and isinstance(dtype, pl.List | pl.Array):
        return _type_problem(dtype.inner, want.inner, f"{path}[]")
    if isinstance(want, pl.Struct) and isinstance(dtype, pl.Struct):
        fields = {f.name: f.dtype for f in dtype.fields}
        return _type_problems(fields, {f.name: f.dtype for f in want.fields}, f"{path}.")
    return []


def conform(df: pl.DataFrame) -> pl.DataFrame:
    """Give a frame every column of the schema, in order, with the schema's types; defaults for
    absent columns (empty lists, ``nonprofit`` false, an empty attestations record)."""
    cols, given = [], df.schema
    for name, dtype in schema().items():
        if name not in given:
            default = [] if isinstance(dtype, pl.List) else _default(name)
            cols.append(pl.lit(default, dtype=dtype).alias(name))
            continue
        col = pl.col(name)
        if given[name] != dtype:  # a column already of its type (Parquet) is taken as is
            col = col.cast(dtype, strict=True)
        if df.get_column(name).null_count() and (
            isinstance(dtype, pl.List) or name == "nonprofit"  # an absent list is empty
        ):
            col = col.fill_null(pl.lit([] if isinstance(dtype, pl.List) else False, dtype=dtype))
        cols.append(col)
    row = [pl.col(ROW)] if ROW in given else [pl.int_range(pl.len()).alias(ROW)]
    # lazily: an eager select would copy every column read in several pieces into one
    return df.lazy().select(*row, *cols).collect(engine="in-memory")


def _default(name: str) -> Any:
    f = attrs.fields_dict(model.Organization)[name]
    if f.default is attrs.NOTHING or isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
        return None
    return f.default


def documents(df: pl.DataFrame) -> list[dict[str, Any]]:
    """Rows back into contract documents (absent values dropped), for the row engine."""
    return [_prune(row) for row in df.drop(ROW, strict=False).iter_rows(named=True)]


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def from_documents(docs: list[dict[str, Any]], first_row: int = 0) -> pl.DataFrame:
    """Contract documents (dates as ISO text or ``date`` objects) as a conformed frame."""
    lines = "\n".join(json.dumps(d, default=_iso, ensure_ascii=False) for d in docs)
    df = pl.read_ndjson(io.BytesIO(lines.encode()), schema=schema()) if docs else empty()
    return conform(df.with_columns((pl.int_range(pl.len()) + first_row).alias(ROW)))


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")
