"""The contract's checks on a whole frame at once (bad input never reaches the rules).

Types are already enforced by the frame's schema; here: required fields, enumerations, the
credit code's check character, the safety level, and each record against its class (an event's
fields must be those of its kind). Problems name the row (line of the file) and the field path.
"""

from __future__ import annotations

import enum
import typing
from functools import cache
from typing import Any

import attrs
import numpy as np
import polars as pl

from qaward import model
from qaward.creditcode import CHARSET, WEIGHTS, CreditCodeError, validate_credit_code
from qaward.io import InputError
from qaward.screen import frame
from qaward.screen.frame import ROW

_MAX = 10  # problems shown
_FEW = 16  # an enumeration this small is checked by comparisons, not is_in


def _enum_of(tp) -> type[enum.Enum] | None:
    for t in (tp, *typing.get_args(tp)):
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return t
    return None


def _bad_value(name: str, tp: Any) -> tuple[pl.Expr, str] | None:
    """(fails, message) when a field's value is outside its enumeration."""
    e = _enum_of(tp)
    if e is None:
        return None
    allowed = [m.value for m in e]
    if typing.get_origin(tp) is list:
        outside = pl.element().is_in(allowed).not_()
        bad = pl.col(name).list.eval(outside).list.any().fill_null(False)
    else:  # a few comparisons cost half of is_in's hashing (a null value is not bad)
        value = pl.col(name)
        small = len(allowed) <= _FEW
        known = pl.any_horizontal(*[value == a for a in allowed]) if small else None
        bad = value.is_not_null() & ~(value.is_in(allowed) if known is None else known)
    return bad, f"取值无效，应为 {' | '.join(allowed)}"


def _class_checks(cls: type, at: str) -> list[tuple[pl.Expr, str, str]]:
    """(fails, field path, message) for each field of an attrs class over unnested columns."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in attrs.fields(cls):
        if f.default is attrs.NOTHING:
            out.append((pl.col(f.name).is_null(), f"{at}{f.name}", "缺少必填字段"))
        bad = _bad_value(f.name, hints[f.name])
        if bad is not None:
            out.append((bad[0], f"{at}{f.name}", bad[1]))
    return out


# byte -> value in the charset; a byte outside it is worth so much that any weighted sum with it
# exceeds every valid one (2**20 > 30 x the weights' sum, and 18 of them still fit an int32)
_OUTSIDE = 2**20
_VALUE = np.full(256, _OUTSIDE, dtype=np.int32)
_VALUE[[ord(c) for c in CHARSET]] = np.arange(len(CHARSET))
# the check character weighs 1: a code is right when its weighted sum is a multiple of 31 (the
# check character is (31 - the first 17's sum % 31) % 31, one of 0..30)
_WEIGHTS = np.array([*WEIGHTS, 1], dtype=np.int32)


def _credit_codes_ok(codes: pl.Series) -> pl.Series:
    """Whether each code has 18 characters of the charset and the right check character
    (GB 32100-2015), for a whole column in one numpy pass over its bytes (null: false)."""
    eighteen = (codes.str.len_bytes() == 18).fill_null(False)
    every = eighteen.all()
    if not every and not eighteen.any():
        return pl.Series(np.zeros(len(codes), dtype=bool))
    # the bytes as an (n, 18) array, without a copy per code
    raw = (codes if every else codes.filter(eighteen)).cast(pl.Binary).alias("code").to_frame()
    chars = raw.select(pl.col("code").bin.reinterpret(dtype=pl.Array(pl.UInt8, 18)))
    total = np.take(_VALUE, chars.to_series().to_numpy()) @ _WEIGHTS
    ok = (total < _OUTSIDE) & (total % 31 == 0)
    if every:
        return pl.Series(ok)
    out = np.zeros(len(codes), dtype=bool)
    out[eighteen.to_numpy()] = ok
    return pl.Series(out)


LISTS = {
    "certifications": model.Certification,
    "financials": model.Financial,
    "awards": model.AwardRecord,
    "sanctions": model.Sanction,
    "recommendations": model.Recommendation,
}
Check = tuple[pl.Expr, str, str]  # (fails, field path, message)


@cache
def _groups() -> list[tuple[str | None, list[Check]]]:
    """(list of records or None for the organisation, its checks), built once: they depend on
    the contract only."""
    level = pl.col("safety_standardization_level")
    bad_level = level.is_not_null() & ~level.is_in([1, 2, 3])
    groups: list[tuple[str | None, list[Check]]] = [
        (None, _class_checks(model.Organization, "")),
        (None, [(bad_level, "safety_standardization_level", "应为 1、2、3 或 null")]),
    ]
    groups += [(name, _class_checks(cls, f"{name}[…].")) for name, cls in LISTS.items()]
    return [*groups, ("events", _event_checks())]


@cache
def _screens() -> list[pl.Expr | None]:
    """Per group, whether any check fails, as one expression built once like the checks (the
    events: none, they are screened by their profile)."""
    return [None if name == "events" else _any_fails(c) for name, c in _groups()]


def check(df: pl.DataFrame, where: str, line0: int = 1) -> None:
    """Raise :class:`InputError` listing the first problems; ``line0`` is the line of row 0."""
    groups = _groups()
    frames = [df.lazy() if name is None else _items(df, name) for name, _ in groups]
    # one query says which groups hold a problem at all (valid input stops here); only those
    # are looked at check by check, and their rows found. The events, checked per kind (some
    # hundred expressions), are screened by their profile per kind instead; the other lists'
    # records are screened as they lie in the column (no row number repeated for each).
    screens = [
        _event_profile(lf)
        if screen is None
        else (df.lazy() if name is None else _records(df, name)).select(screen)
        for lf, (name, _), screen in zip(frames, groups, _screens(), strict=True)
    ]
    found = pl.collect_all(screens, engine="in-memory")
    problems: list[str] = []
    for k, (lf, (name, checks), got) in enumerate(zip(frames, groups, found, strict=True)):
        if k == 1:  # the credit code's problems come after the organisation's fields
            problems += _credit_code_problems(df, line0)
        if not _events_clean(got) if name == "events" else got.item() is not False:
            problems += _problems(lf, checks, line0)
    if problems:
        raise InputError(where, problems[:_MAX])


def _problems(lf: pl.LazyFrame, checks: list[Check], line0: int) -> list[str]:
    failed = lf.select(*[c.any().alias(f"_{i}") for i, (c, _, _) in enumerate(checks)]).collect()
    out = []
    for (c, path, message), hit in zip(checks, failed.row(0), strict=True):
        if hit:
            rows = lf.filter(c).select(ROW).head(3).collect().get_column(ROW).to_list()
            out += [f"第{line0 + row}行 {path}: {message}" for row in rows]
    return out


def _credit_code_problems(df: pl.DataFrame, line0: int) -> list[str]:
    codes = df.select(ROW, "credit_code")
    ok = _credit_codes_ok(codes.get_column("credit_code"))
    if ok.all():
        return []
    bad_code = codes.filter(pl.col("credit_code").is_not_null() & ~pl.lit(ok))
    out = []
    for row, code in bad_code.head(3).iter_rows():
        try:
            validate_credit_code(code)
        except CreditCodeError as exc:
            out.append(f"第{line0 + row}行 credit_code: {exc}")
    return out


_KINDS: dict[str, Any] = {typing.cast(Any, t).kind: t for t in model.EVENT_TYPES}


def _event_dtypes() -> dict[str, pl.DataType]:
    """The events' fields (every kind's, ``kind`` aside) and their types."""
    events = frame.schema()["events"]
    fields = events.inner.fields  # type: ignore[attr-defined]
    return {f.name: f.dtype for f in fields if f.name != "kind"}


def _event_columns() -> list[str]:
    return list(_event_dtypes())


def _event_checks() -> list[Check]:
    """Every kind's checks, each limited to its kind, for one pass over the events."""
    unknown = ~pl.col("kind").is_in(list(_KINDS)).fill_null(False)
    checks = [(unknown, "events[…].kind", f"未知的事件类型，应为 {' | '.join(_KINDS)}")]
    for kind, event_cls in _KINDS.items():
        own = {f.name for f in attrs.fields(event_cls)}
        foreign = [
            (pl.col(c).is_not_null(), f"events[{kind}].{c}", f"{kind} 事件没有此字段")
            for c in _event_columns()
            if c not in own
        ]
        of_kind = pl.col("kind") == kind
        checks += [
            (of_kind & bad, path, message)
            for bad, path, message in _class_checks(event_cls, f"events[{kind}].") + foreign
        ]
    return checks


_ENUMERATED = {  # an event field -> its enumeration's values, per kind that has it
    (kind, f.name): [m.value for m in e]
    for kind, event_cls in _KINDS.items()
    for f in attrs.fields(event_cls)
    if (e := _enum_of(typing.get_type_hints(event_cls)[f.name])) is not None
}


def _event_profile(events: pl.LazyFrame) -> pl.LazyFrame:
    """Per kind: how many events, each field's nulls, and each enumerated field's values."""
    return events.group_by("kind").agg(_event_aggs())


@cache
def _event_aggs() -> list[pl.Expr]:
    """The aggregations of :func:`_event_profile`, built once."""
    enumerated = sorted({name for _, name in _ENUMERATED})
    listed = {c for c, dtype in _event_dtypes().items() if isinstance(dtype, pl.List)}
    values = {c: pl.col(c).explode() if c in listed else pl.col(c) for c in enumerated}
    return [
        pl.len().alias("_n"),
        *[pl.col(c).null_count() for c in _event_columns()],
        *[v.drop_nulls().unique().alias(f"{c}[]") for c, v in values.items()],
    ]


@cache
def _event_rules() -> dict[str, tuple[list[str], list[str], dict[str, set[str]]]]:
    """Per kind: the other kinds' fields, its required fields, its enumerated fields' values."""
    out = {}
    for kind, event_cls in _KINDS.items():
        fields = {f.name: f for f in attrs.fields(event_cls)}
        foreign = [c for c in _event_columns() if c not in fields]
        required = [c for c in _event_columns() if c in fields]
        required = [c for c in required if fields[c].default is attrs.NOTHING]
        allowed = {c: set(v) for (k, c), v in _ENUMERATED.items() if k == kind}
        out[kind] = (foreign, required, allowed)
    return out


def _events_clean(profile: pl.DataFrame) -> bool:
    """Whether no event fails a check of :func:`_event_checks`, read from its profile."""
    rules = _event_rules()
    for got in profile.iter_rows(named=True):
        if got["kind"] not in rules:
            return False
        foreign, required, allowed = rules[got["kind"]]
        if any(got[c] < got["_n"] for c in foreign):  # a field of another kind
            return False
        if any(got[c] for c in required):  # missing
            return False
        if any(not set(got[f"{c}[]"]) <= values for c, values in allowed.items()):
            return False
    return True


def _any_fails(checks: list[Check]) -> pl.Expr:
    return pl.any_horizontal(False, *[c.any() for c, _, _ in checks])


def _records(df: pl.DataFrame, name: str) -> pl.LazyFrame:
    """A list column's records (none for an empty list, nor a null record), fields as columns."""
    records = df.get_column(name).explode(empty_as_null=False, keep_nulls=False)
    if records.has_nulls():  # a null record in a list
        records = records.filter(records.is_not_null())
    return records.struct.unnest().lazy()


def _items(df: pl.DataFrame, name: str) -> pl.LazyFrame:
    return df.lazy().select(ROW, name).explode(name).drop_nulls(name).unnest(name)
