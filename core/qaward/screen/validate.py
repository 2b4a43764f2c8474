"""The contract's checks on a whole frame at once (bad input never reaches the rules).

Types are already enforced by the frame's schema; here: required fields, enumerations, the
credit code's check character, the safety level, and each record against its class (an event's
fields must be those of its kind). Problems name the row (line of the file) and the field path.
"""

from __future__ import annotations

import enum
import typing
from typing import Any

import attrs
import numpy as np
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

from qaward import model
from qaward.creditcode import CHARSET, WEIGHTS, CreditCodeError, validate_credit_code
from qaward.io import InputError
from qaward.screen.frame import ROW

_MAX = 10  # problems shown


def _enum_of(tp) -> type[enum.Enum] | None:
    for t in (tp, *typing.get_args(tp)):
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return t
    return None


def _class_checks(cls: type, at: str) -> list[tuple[pl.Expr, str, str]]:
    """(fails, field path, message) for each field of an attrs class over unnested columns."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in attrs.fields(cls):
        if f.default is attrs.NOTHING:
            out.append((pl.col(f.name).is_null(), f"{at}{f.name}", "缺少必填字段"))
        tp = hints[f.name]
        e = _enum_of(tp)
        if e is not None:
            allowed = [m.value for m in e]
            if typing.get_origin(tp) is list:
                outside = pl.element().is_in(allowed).not_()
                bad = pl.col(f.name).list.eval(outside).list.any().fill_null(False)
            else:
                bad = pl.col(f.name).is_not_null() & ~pl.col(f.name).is_in(allowed)
            out.append((bad, f"{at}{f.name}", f"取值无效，应为 {' | '.join(allowed)}"))
    return out


_VALUE = np.full(256, -1, dtype=np.int64)  # byte -> value in the charset, -1 outside it
_VALUE[[ord(c) for c in CHARSET]] = np.arange(len(CHARSET))
_WEIGHTS = np.array(WEIGHTS, dtype=np.int64)


def _credit_codes_ok(codes: pl.Series) -> pl.Series:
    """Whether each code has 18 characters of the charset and the right check character
    (GB 32100-2015), for a whole column in one numpy pass over its bytes (null: false)."""
    eighteen = (codes.str.len_bytes() == 18).fill_null(False)
    out = np.zeros(len(codes), dtype=bool)
    arr = codes.filter(eighteen).cast(pl.Binary).to_arrow().cast(pa.large_binary())
    if len(arr):
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)
        first, last = offsets[arr.offset], offsets[arr.offset + len(arr)]
        chars = np.frombuffer(arr.buffers()[2], dtype=np.uint8)[first:last].reshape(-1, 18)
        values = _VALUE[chars]
        check = (31 - (values[:, :17] @ _WEIGHTS) % 31) % 31
        out[eighteen.to_numpy()] = (values >= 0).all(axis=1) & (values[:, 17] == check)
    return pl.Series(out)


def check(df: pl.DataFrame, where: str, line0: int = 1) -> None:
    """Raise :class:`InputError` listing the first problems; ``line0`` is the line of row 0."""
    level = pl.col("safety_standardization_level")
    bad_level = level.is_not_null() & ~level.is_in([1, 2, 3])
    groups = [
        (df.lazy(), _class_checks(model.Organization, "")),
        (df.lazy(), [(bad_level, "safety_standardization_level", "应为 1、2、3 或 null")]),
    ]
    for name, cls in (
        ("certifications", model.Certification),
        ("financials", model.Financial),
        ("awards", model.AwardRecord),
        ("sanctions", model.Sanction),
        ("recommendations", model.Recommendation),
    ):
        groups.append((_items(df, name), _class_checks(cls, f"{name}[…].")))
    groups.append(_event_checks(_items(df, "events")))
    # one query says which checks failed at all; only those are looked at for their rows
    hits = pl.collect_all(
        [
            lf.select(*[c.any().alias(f"_{i}") for i, (c, _, _) in enumerate(cs)])
            for lf, cs in groups
        ],
        engine="in-memory",
    )
    problems: list[str] = []
    for k, ((lf, checks), hit) in enumerate(zip(groups, hits, strict=True)):
        if k == 1:  # the credit code's problems come after the organisation's fields
            problems += _credit_code_problems(df, line0)
        for (c, path, message), failed in zip(checks, hit.row(0) if checks else (), strict=True):
            if failed:
                rows = lf.filter(c).select(ROW).head(3).collect().get_column(ROW).to_list()
                problems += [f"第{line0 + row}行 {path}: {message}" for row in rows]
    if problems:
        raise InputError(where, problems[:_MAX])


def _credit_code_problems(df: pl.DataFrame, line0: int) -> list[str]:
    ok = _credit_codes_ok(df.get_column("credit_code"))
    bad_code = df.filter(pl.col("credit_code").is_not_null() & ~pl.lit(ok))
    out = []
    for row, code in bad_code.select(ROW, "credit_code").head(3).iter_rows():
        try:
            validate_credit_code(code)
        except CreditCodeError as exc:
            out.append(f"第{line0 + row}行 credit_code: {exc}")
    return out


def _event_checks(events: pl.LazyFrame) -> tuple[pl.LazyFrame, list]:
    """Every kind's checks, each limited to its kind, for one pass over the events."""
    kinds: dict[str, Any] = {typing.cast(Any, t).kind: t for t in model.EVENT_TYPES}
    unknown = ~pl.col("kind").is_in(list(kinds))
    checks = [(unknown, "events[…].kind", f"未知的事件类型，应为 {' | '.join(kinds)}")]
    columns = events.collect_schema().names()
    for kind, event_cls in kinds.items():
        own = {f.name for f in attrs.fields(event_cls)}
        foreign = [
            (pl.col(c).is_not_null(), f"events[{kind}].{c}", f"{kind} 事件没有此字段")
            for c in columns
            if c not in own and c not in ("kind", ROW)
        ]
        of_kind = pl.col("kind") == kind
        checks += [
            (of_kind & bad, path, message)
            for bad, path, message in _class_checks(event_cls, f"events[{kind}].") + foreign
        ]
    return events, checks


def _items(df: pl.DataFrame, name: str) -> pl.LazyFrame:
    return df.lazy().select(ROW, name).explode(name).drop_nulls(name).unnest(name)
