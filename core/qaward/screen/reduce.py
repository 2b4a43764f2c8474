"""Plain aggregations per organisation of its records, computed with numpy over the exploded
records instead of a ``group_by`` and a join.

A list column exploded in order leaves each organisation's records side by side, in the order
given, numbered by the organisation's position in the chunk (``pos``, never decreasing). An
aggregation of the vocabulary below reads only the records a condition selects (usually few), so
it costs a pass over those, and its result is already in the frame's row order.
"""

from __future__ import annotations

from typing import Literal

import attrs
import numpy as np
import polars as pl

How = Literal["any", "max", "min", "first", "first_of_max"]


@attrs.frozen
class Reduction:
    """``how`` over an organisation's records where ``where`` is true (null: not selected):

    - ``any``: whether there is one (null for an organisation without records at all, as a
      ``group_by`` joined back gives);
    - ``max``, ``min``: of ``value`` (nulls ignored; null when none);
    - ``first``: ``value`` of the first selected record (null when none);
    - ``first_of_max``: ``value`` of the first selected record with the largest ``key`` (nulls of
      ``key`` ignored), like ``value.filter(where).get(key.filter(where).arg_max())``.
    """

    how: How
    where: pl.Expr | None = None
    value: pl.Expr | None = None
    key: pl.Expr | None = None

    def expr(self) -> pl.Expr:
        """The same aggregation in polars, for a ``group_by``."""
        where = pl.lit(True) if self.where is None else self.where.fill_null(False)
        if self.how == "any":
            return where.any()
        value = self.value.filter(where)  # type: ignore[union-attr]
        if self.how == "max":
            return value.max()
        if self.how == "min":
            return value.min()
        if self.how == "first":
            return value.first()
        key = self.key.filter(where)  # type: ignore[union-attr]
        return value.get(key.arg_max(), null_on_oob=True)

    def selection(self) -> pl.Expr:
        """The records it reads, on each record (never null)."""
        where = pl.lit(True) if self.where is None else self.where.fill_null(False)
        if self.how in ("max", "min"):
            where = where & self.value.is_not_null()  # type: ignore[union-attr]
        if self.how == "first_of_max":
            where = where & self.key.is_not_null()  # type: ignore[union-attr]
        return where


class Reductions:
    """The reductions of one list column: the per-record columns they read (a selection, value
    or key several share is computed and found once), then their results from those columns."""

    def __init__(self, wanted: dict[str, Reduction]):
        self.wanted = wanted
        self.reads: dict[str, dict[str, str]] = {}  # reduction -> its part -> the column
        self.inputs: dict[str, pl.Expr] = {}
        for name, r in wanted.items():
            parts = {"w": r.selection(), "v": r.value, "k": r.key}
            self.reads[name] = {
                part: self._input(f"{name}|{part}", expr)
                for part, expr in parts.items()
                if expr is not None
            }
        self._columns = [e.alias(col) for col, e in self.inputs.items()]

    def _input(self, col: str, expr: pl.Expr) -> str:
        same = next((c for c, e in self.inputs.items() if e.meta.eq(expr)), None)
        if same is None:
            self.inputs[col] = expr
            same = col
        return same

    def columns(self) -> list[pl.Expr]:
        return self._columns

    def reduced(
        self, records: pl.DataFrame, pos: np.ndarray, n: int
    ) -> dict[str, Dense | pl.Series]:
        """Each reduction for the ``n`` organisations, from the records' columns (``pos``: the
        organisation of each record, never decreasing), held in numpy where it can be (made
        series by :func:`series`, for several lists at once)."""
        found: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        for col in {reads["w"] for reads in self.reads.values()}:
            picked = np.flatnonzero(records.get_column(col).to_numpy())
            orgs = pos[picked]
            found[col] = picked, orgs, _runs(orgs)
        has = np.zeros(n, dtype=bool)  # organisations with records at all
        has[pos] = True
        read = {col for reads in self.reads.values() for p, col in reads.items() if p != "w"}
        columns = _Columns(records, read)
        return {
            name: reduce(r, name, columns, self.reads[name], found[self.reads[name]["w"]], has)
            for name, r in self.wanted.items()
        }


class _Columns:
    """The records' columns read as values or keys, turned into numbers (dates as days, nulls
    as 0) and where they are set, all in one polars query (a query per column costs more than
    the reductions on a chunk); ``None`` for values numpy does not hold (text and the like)."""

    def __init__(self, records: pl.DataFrame, read: set[str]):
        self.records = records
        held = [c for c in sorted(read) if _held(records.schema[c])]
        got = records.select(
            *[pl.col(c).to_physical().fill_null(0).alias(f"{c}|n") for c in held],
            *[pl.col(c).is_not_null().alias(f"{c}|s") for c in held],
        )
        self._numbers: dict[str, tuple[np.ndarray, np.ndarray] | None] = dict.fromkeys(read)
        for c in held:
            numbers, where = (got.get_column(f"{c}|{part}").to_numpy() for part in "ns")
            self._numbers[c] = numbers, where

    def series(self, col: str) -> pl.Series:
        return self.records.get_column(col)

    def numbers(self, col: str) -> tuple[np.ndarray, np.ndarray] | None:
        return self._numbers[col]


def _held(dtype: pl.DataType) -> bool:
    """Numbers, dates and flags: numpy holds them (their physical values)."""
    numeric = dtype.is_numeric() and not dtype.is_decimal()
    return numeric or dtype.is_temporal() or dtype == pl.Boolean


def series(got: dict[str, Dense | pl.Series]) -> list[pl.Series]:
    """The results as series, those held in numpy made in one polars query (a query per
    reduction costs more than the reduction itself on a chunk; give the results of several
    lists at once)."""
    dense = {name: d for name, d in got.items() if isinstance(d, Dense)}
    arrays = {name: d.values for name, d in dense.items()}
    arrays |= {f"{name}|set": d.valid for name, d in dense.items()}
    made = pl.DataFrame(arrays).select(
        pl.when(pl.col(f"{name}|set")).then(pl.col(name)).cast(d.dtype).alias(name)
        for name, d in dense.items()
    )
    return [s if isinstance(s, pl.Series) else made.get_column(name) for name, s in got.items()]


@attrs.frozen
class Dense:
    """A result held in numpy: its values (physical), where it is set (null elsewhere), and its
    type."""

    values: np.ndarray
    valid: np.ndarray
    dtype: pl.DataType


def _runs(orgs: np.ndarray) -> np.ndarray:
    """Where each organisation's run of records begins."""
    return np.flatnonzero(np.diff(orgs, prepend=-1))


def reduce(
    r: Reduction,
    name: str,
    columns: _Columns,
    reads: dict[str, str],
    found: tuple[np.ndarray, np.ndarray, np.ndarray],
    has: np.ndarray,
) -> Dense | pl.Series:
    """``r`` for each organisation: ``reads`` the columns of its parts, ``found`` the selected
    records, their organisations and where each organisation's run begins among them; ``has``
    whether one has records at all."""
    picked, orgs, first = found
    n = len(has)
    if r.how == "any":
        out = np.zeros(n, dtype=bool)
        out[orgs] = True
        return Dense(out, has, pl.Boolean())
    dtype = columns.series(reads["v"]).dtype
    if r.how == "first_of_max":
        key = columns.numbers(reads["k"])[0][picked]  # type: ignore[index]
        top = np.maximum.reduceat(key, first) if len(first) else key[:0]
        best = key == np.repeat(top, np.diff(np.append(first, len(key))))
        picked, orgs = picked[best], orgs[best]
        first = _runs(orgs)
    numbers = columns.numbers(reads["v"])
    if r.how in ("first", "first_of_max"):
        at, which = orgs[first], picked[first]
        if numbers is None:  # text and the like
            return _scatter(name, n, at, columns.series(reads["v"]).gather(which))
        values = np.zeros(n, dtype=numbers[0].dtype)
        values[at] = numbers[0][which]
        valid = np.zeros(n, dtype=bool)
        valid[at] = numbers[1][which]
        return Dense(values, valid, dtype)
    held = numbers[0][picked]  # type: ignore[index]
    ufunc = np.maximum if r.how == "max" else np.minimum
    got = ufunc.reduceat(held, first) if len(first) else held[:0]
    values = np.zeros(n, dtype=held.dtype)
    values[orgs[first]] = got
    valid = np.zeros(n, dtype=bool)
    valid[orgs[first]] = True
    return Dense(values, valid, dtype)


def _scatter(name: str, n: int, at: np.ndarray, values: pl.Series) -> pl.Series:
    """``values`` at positions ``at`` of ``n``, null elsewhere."""
    physical = values.to_physical()
    out = pl.repeat(None, n, dtype=physical.dtype, eager=True).alias(name)
    if len(at):
        out = out.scatter(at, physical)
    return out.cast(values.dtype) if values.dtype != physical.dtype else out
