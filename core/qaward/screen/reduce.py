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
    """The reductions of one list column: the per-record columns they read (a selection several
    share is computed and found once), then their results from those columns."""

    def __init__(self, wanted: dict[str, Reduction]):
        self.wanted = wanted
        self.selections: dict[str, str] = {}  # reduction -> the column of its selection
        self.inputs: dict[str, pl.Expr] = {}
        chosen: list[tuple[pl.Expr, str]] = []
        for name, r in wanted.items():
            where = r.selection()
            same = next((col for expr, col in chosen if expr.meta.eq(where)), None)
            if same is None:
                same = f"{name}|w"
                chosen.append((where, same))
                self.inputs[same] = where
            self.selections[name] = same
            if r.value is not None:
                self.inputs[f"{name}|v"] = r.value
            if r.key is not None:
                self.inputs[f"{name}|k"] = r.key

    def columns(self) -> list[pl.Expr]:
        return [e.alias(col) for col, e in self.inputs.items()]

    def __call__(self, records: pl.DataFrame, pos: np.ndarray, n: int) -> list[pl.Series]:
        """Each reduction for the ``n`` organisations, from the records' columns (``pos``: the
        organisation of each record, never decreasing)."""
        found: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        for col in set(self.selections.values()):
            picked = np.flatnonzero(records.get_column(col).to_numpy())
            orgs = pos[picked]
            found[col] = picked, orgs, _runs(orgs)
        has = np.zeros(n, dtype=bool)  # organisations with records at all
        has[pos] = True
        got = {
            name: reduce(r, name, records, found[self.selections[name]], has)
            for name, r in self.wanted.items()
        }
        return _series(got)


def _series(got: dict[str, Dense | pl.Series]) -> list[pl.Series]:
    """The results as series, those held in numpy made in one polars query (a query per
    reduction costs more than the reduction itself on a chunk)."""
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
    records: pl.DataFrame,
    found: tuple[np.ndarray, np.ndarray, np.ndarray],
    has: np.ndarray,
) -> Dense | pl.Series:
    """``r`` for each organisation: ``found`` are the selected records, their organisations and
    where each organisation's run begins among them; ``has`` whether one has records at all."""
    picked, orgs, first = found
    n = len(has)
    if r.how == "any":
        out = np.zeros(n, dtype=bool)
        out[orgs] = True
        return Dense(out, has, pl.Boolean())
    value = records.get_column(f"{name}|v")
    if r.how == "first":
        return _scatter(name, n, orgs[first], value.gather(picked[first]))
    if r.how == "first_of_max":
        key = _numbers(records.get_column(f"{name}|k"))[picked]
        top = np.maximum.reduceat(key, first) if len(first) else key[:0]
        best = key == np.repeat(top, np.diff(np.append(first, len(key))))
        picked, orgs = picked[best], orgs[best]
        first = _runs(orgs)
        return _scatter(name, n, orgs[first], value.gather(picked[first]))
    numbers = _numbers(value)[picked]
    ufunc = np.maximum if r.how == "max" else np.minimum
    got = ufunc.reduceat(numbers, first) if len(first) else numbers[:0]
    values = np.zeros(n, dtype=numbers.dtype)
    values[orgs[first]] = got
    valid = np.zeros(n, dtype=bool)
    valid[orgs[first]] = True
    return Dense(values, valid, value.dtype)


def _numbers(values: pl.Series) -> np.ndarray:
    """The values as numbers (dates as days): nulls as 0, never read (the selection excludes
    them)."""
    return values.to_physical().fill_null(0).to_numpy()


def _scatter(name: str, n: int, at: np.ndarray, values: pl.Series) -> Dense | pl.Series:
    """``values`` at positions ``at`` of ``n``, null elsewhere (and where a value is null)."""
    physical = values.to_physical()
    if (
        physical.dtype.is_numeric()
        and not physical.dtype.is_decimal()
        or values.dtype == pl.Boolean
    ):
        numbers = physical.fill_null(0).to_numpy()
        held = np.zeros(n, dtype=numbers.dtype)
        held[at] = numbers
        valid = np.zeros(n, dtype=bool)
        valid[at] = physical.is_not_null().to_numpy()
        return Dense(held, valid, values.dtype)
    out = pl.repeat(None, n, dtype=physical.dtype, eager=True).alias(name)  # text and the like
    if len(at):
        out = out.scatter(at, physical)
    return out.cast(values.dtype) if values.dtype != physical.dtype else out
