"""Evaluate compiled plans over a whole frame at once: one result row per organisation and
jurisdiction, with status, failing and undetermined clause ids and the gap of every rule not met.

Per chunk, each list of records a plan reads (events, certificates, financial years) is exploded
once and aggregated per organisation for all plans (plain aggregations reduced with numpy, see
:mod:`qaward.screen.reduce`, others by a ``group_by``); verdicts are then plain column
expressions. Far fewer distinct results than rows exist (a few thousand per 100,000
organisations), so results are dictionary-encoded (:class:`Results`): each distinct combination
of verdicts and failing steps' dates in the chunk is assembled once, as text (``concat_str``,
which polars builds far faster than lists): ``failing`` and ``undetermined`` are comma-separated
clause ids, ``gaps`` tokens ``step:F:date`` (failing, cured on that date), ``step:F:`` (failing)
or ``step:U:`` (a fact missing); a row holds only its combination's index. Counting and
rendering work on the combinations; :meth:`Results.frame` gathers the text per row where a
caller needs it, and :func:`lists` turns it into lists. Declarations the compiler left to the
row engine are judged row by row (the rows are structured into organisations once, only when
needed).
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any

import attrs
import numpy as np
import polars as pl

from qaward.catalog import Catalog
from qaward.model import Organization
from qaward.screen import rowpath
from qaward.screen.compile import ColumnarPlan
from qaward.screen.frame import ROW
from qaward.screen.reduce import Dense, Reduction, Reductions, series

_POS = "_pos"  # an organisation's position in the chunk, on each of its records
_ROWS = "_rows"  # the rows (positions in the chunk) holding a combination

RESULT_SCHEMA: dict[str, Any] = {
    ROW: pl.Int64(),
    "credit_code": pl.String(),
    "name": pl.String(),
    "jurisdiction": pl.String(),
    "status": pl.String(),
    "failing": pl.String(),
    "undetermined": pl.String(),
    "gaps": pl.String(),
    "qualifies_from": pl.Date(),
    "close": pl.Boolean(),
}
COMBO = "combo"  # a result's index into its chunk's distinct combinations
ROW_SCHEMA: dict[str, Any] = {ROW: pl.Int64(), "credit_code": pl.String(), "name": pl.String()}
ROW_SCHEMA[COMBO] = pl.UInt32()
COMBO_SCHEMA: dict[str, Any] = {COMBO: pl.UInt32()}
COMBO_SCHEMA |= {k: v for k, v in RESULT_SCHEMA.items() if k not in ROW_SCHEMA}

# ``History.of``: one record per key, the last one given wins (registry over inline copies).
_KEYS = {
    "awards": ("award", "tier", "year"),
    "sanctions": ("award", "reason", "decided_on"),
    "recommendations": ("award", "by"),
}


def with_aggregates(df: pl.DataFrame, plans: list[ColumnarPlan]) -> pl.DataFrame:
    """The frame plus every per-organisation aggregation the plans' steps asked for (history
    records de-duplicated on the way, like :meth:`History.of`; the row engine does its own)."""
    return _with_aggregates(df, _aggregations(plans))


Aggregation = pl.Expr | Reduction
# per list column: its derived values in stages, and its aggregations (plain ones all prepared
# for numpy once per screening rather than per chunk)
Aggregations = dict[str, tuple[list[list[pl.Expr]], dict[str, Aggregation] | Reductions]]


def _aggregations(plans: list[ColumnarPlan]) -> Aggregations:
    """Per list column: the values derived on each record (in stages: a value reading another
    comes after it), then the aggregations per organisation (a name several steps or plans ask
    for is computed once)."""
    wanted: dict[str, dict[str, Aggregation]] = {}
    derived: dict[str, dict[str, pl.Expr]] = {}
    for plan in plans:
        for step in plan.steps:
            for column, name, expr in step.derived:
                derived.setdefault(column, {})[name] = expr.alias(name)
            for column, name, agg in step.aggs:
                wanted.setdefault(column, {})[name] = agg
    return {
        column: (_stages(derived.get(column, {})), _plain(aggs)) for column, aggs in wanted.items()
    }


def _plain(aggs: dict[str, Aggregation]) -> dict[str, Aggregation] | Reductions:
    if all(isinstance(a, Reduction) for a in aggs.values()):
        return Reductions(typing.cast(dict[str, Reduction], aggs))
    return aggs


def _stages(derived: dict[str, pl.Expr]) -> list[list[pl.Expr]]:
    """The derived values in stages, each reading only the record's fields and earlier stages."""
    stage: dict[str, int] = {}

    def of(name: str) -> int:
        if name not in stage:
            reads = [n for n in derived[name].meta.root_names() if n in derived and n != name]
            stage[name] = 1 + max(map(of, reads), default=-1)
        return stage[name]

    out: list[list[pl.Expr]] = [[] for _ in range(1 + max(map(of, derived), default=-1))]
    for name, expr in derived.items():
        out[of(name)].append(expr)
    return out


def _with_aggregates(df: pl.DataFrame, aggregations: Aggregations) -> pl.DataFrame:
    """Per list column, its records exploded once (each organisation's side by side, numbered
    by its position ``_POS``) and de-duplicated, the derived values added; then a list whose
    aggregations are all :class:`Reduction` is reduced with numpy, any other grouped by row
    number and joined back. The results are set beside the frame: its lists are not copied."""
    lf = df.lazy()
    # rows numbered in ascending order (as every reader numbers them) stay so when exploded and
    # grouped in order: told so, polars groups records and joins them back by slicing and
    # merging instead of hashing (two to three times faster)
    in_order = df.get_column(ROW).is_sorted()
    row = pl.col(ROW).set_sorted() if in_order else pl.col(ROW)
    keys = lf.select(row)
    reduced: list[tuple[Reductions, pl.LazyFrame]] = []
    for column, (derived, aggs) in aggregations.items():
        items = lf.select(pl.int_range(pl.len()).alias(_POS), ROW, column)
        items = items.explode(column).drop_nulls(column).unnest(column).with_columns(row)
        if column in _KEYS:  # ``History.of``: one record per key, the last one given wins
            items = items.filter(pl.struct(_POS, *_KEYS[column]).is_last_distinct())
        for stage in derived:
            items = items.with_columns(*stage)
        if isinstance(aggs, Reductions):
            reduced.append((aggs, items.select(_POS, *aggs.columns())))
            continue
        exprs = [(a.expr() if isinstance(a, Reduction) else a).alias(n) for n, a in aggs.items()]
        got = items.group_by(ROW, maintain_order=in_order).agg(*exprs)
        keys = keys.join(got.with_columns(row), on=ROW, how="left", maintain_order="left")
    # one run for every query: polars spreads them over the cores
    joined, *records = pl.collect_all([keys, *[q for _, q in reduced]], engine="in-memory")
    results: dict[str, Dense | pl.Series] = {}
    for (plain, _), recs in zip(reduced, records, strict=True):
        results |= plain.reduced(recs, recs.get_column(_POS).to_numpy(), df.height)
    return df.hstack([*joined.drop(ROW).get_columns(), *series(results)])


@attrs.frozen
class Assembly:
    """One plan's result columns as expressions, built once: the verdict (``v<k>``) and gap
    (``g<k>``) of each step, then per distinct combination of them the status, clause ids,
    gap tokens, earliest qualifying date and whether it is close."""

    plan: ColumnarPlan
    catalog: Catalog  # for the steps the row engine judges
    columns: list[pl.Expr]  # the compiled steps' verdicts and gaps
    masked: list[pl.Expr]  # a gap date kept only where its step fails
    verdicts: list[str]  # v<k>: a result derives from these and its gap dates
    dated: list[str]  # g<k>, each kept only where its step fails
    state: pl.Expr  # the verdicts as one number: rows are matched on fewer columns
    fails: list[pl.Expr]  # f<k>: whether step k fails (null: undetermined), read thrice
    results: list[pl.Expr]  # failing, undetermined, gaps, and what the next stage reads
    then: list[pl.Expr]  # status, qualifies_from
    close: pl.Expr

    @classmethod
    def of(cls, plan: ColumnarPlan, catalog: Catalog, close_days: int = 365) -> Assembly:
        cols = [f"v{k}" for k in range(len(plan.steps))]
        columns = [
            step.verdict.cast(pl.Boolean).alias(col)
            for col, step in zip(cols, plan.steps, strict=True)
            if step.verdict is not None
        ]
        columns += [s.gap.alias(f"g{k}") for k, s in enumerate(plan.steps) if s.gap is not None]
        # a result reads a gap date only where its step fails: keep those, then assemble the
        # text once per distinct combination of verdicts and dates
        dated = [k for k, s in enumerate(plan.steps) if s.gap is not None]
        masked = [
            pl.when(pl.col(f"v{k}") == False).then(pl.col(f"g{k}")).alias(f"g{k}")  # noqa: E712
            for k in dated
        ]
        by_clause: dict[str, list[str]] = {}
        for col, step in zip(cols, plan.steps, strict=True):
            by_clause.setdefault(step.clause, []).append(col)

        def clauses(pick) -> pl.Expr:
            # a null condition is not met: no fill_null needed (nor any_horizontal for one step)
            conds = [[pick(c) for c in cs] for cs in by_clause.values()]
            parts = [
                pl.when(c[0] if len(c) == 1 else pl.any_horizontal(c)).then(pl.lit(k))
                for k, c in zip(by_clause, conds, strict=True)
            ]
            return pl.concat_str(parts, separator=",", ignore_nulls=True)

        fails = [pl.col(col).not_().alias(f"f{k}") for k, col in enumerate(cols)]
        failed = {col: pl.col(f"f{k}") for k, col in enumerate(cols)}
        tokens, timed = [], []
        for k, (col, step) in enumerate(zip(cols, plan.steps, strict=True)):
            f = failed[col]
            token: pl.Expr = pl.lit(f"{k}:F:")
            if step.gap is not None:  # its gap date, kept only where the step fails
                date = pl.col(f"g{k}")
                token = pl.concat_str(token, date.cast(pl.String).fill_null(""))
                timed.append(f.not_() | date.is_not_null())
            else:
                timed.append(f.not_())
            undetermined = pl.col(col).is_null()
            tokens.append(pl.when(f).then(token).when(undetermined).then(pl.lit(f"{k}:U:")))
        gap_dates = [pl.col(f"g{k}") for k in dated]
        # in stages, so that no expression is computed twice (without polars' search for
        # common subexpressions, which costs more than it saves on a chunk)
        results = [
            clauses(lambda c: failed[c]).alias("failing"),
            clauses(lambda c: pl.col(c).is_null()).alias("undetermined"),
            pl.concat_str(tokens, separator=",", ignore_nulls=True).alias("gaps"),
            # an undetermined step (null) does not hold the date back
            pl.all_horizontal(*timed).fill_null(True).alias("_timed"),
            (pl.max_horizontal(*gap_dates) if gap_dates else pl.lit(None, pl.Date)).alias("_date"),
        ]
        failing, undetermined = pl.col("failing") != "", pl.col("undetermined") != ""
        then = [
            pl.when(failing)
            .then(pl.lit("ineligible"))
            .when(undetermined)
            .then(pl.lit("undetermined"))
            .otherwise(pl.lit("eligible"))
            .alias("status"),
            pl.when(failing & pl.col("_timed")).then(pl.col("_date")).alias("qualifies_from"),
        ]
        limit = plan.as_of + dt.timedelta(days=close_days)
        close = (pl.col("qualifies_from") <= limit).fill_null(False).alias("close")
        dated_cols = [f"g{k}" for k in dated]
        # true 1, false 0, null 2 per step, in base 3 (exact in an Int64 up to 39 steps)
        digits = [pl.col(c).cast(pl.Int64).fill_null(2) * 3**k for k, c in enumerate(cols)]
        state = pl.sum_horizontal(digits) if len(cols) <= 39 else pl.struct(cols)
        state = state.alias("_state")
        return cls(
            plan, catalog, columns, masked, cols, dated_cols, state, fails, results, then, close
        )

    def keys(self, df: pl.DataFrame, orgs: list[Organization] | None = None) -> pl.LazyFrame:
        """Per row of a frame with its aggregates, what its result derives from: the verdicts as
        one number, the failing steps' gap dates and the verdicts (``orgs``: its rows
        structured, for the steps the row engine judges)."""
        plan = self.plan
        base = df.lazy().select(*self.columns)
        by_rows = [(k, step) for k, step in enumerate(plan.steps) if step.verdict is None]
        structured = orgs if orgs is not None or not by_rows else rowpath.organizations(df)
        judged = [
            rowpath.verdicts(step, plan, structured or [], self.catalog).alias(f"v{k}")
            for k, step in by_rows
        ]
        base = base.with_columns(*judged, *self.masked)
        return base.select(self.state, *self.dated, *self.verdicts)

    @property
    def on(self) -> list[str]:
        return ["_state", *self.dated]

    def combos(self, keys: pl.LazyFrame) -> pl.LazyFrame:
        """The distinct combinations among a chunk's keys, numbered 0, 1, ... (``combo``), each
        with its result (:data:`COMBO_SCHEMA`, assembled once) and the rows that hold it
        (``_ROWS``): the rows are grouped once, never matched back by a join."""
        firsts = [pl.col(v).first() for v in self.verdicts]
        grouped = keys.with_row_index(_ROWS).group_by(self.on).agg(_ROWS, *firsts)
        return (
            grouped.with_row_index(COMBO)
            .with_columns(self.fails)
            .with_columns(self.results)
            .with_columns(self.then)
            .select(
                COMBO,
                pl.lit(self.plan.jurisdiction).alias("jurisdiction"),
                "status",
                "failing",
                "undetermined",
                "gaps",
                "qualifies_from",
                self.close,
                _ROWS,
            )
            .cast(pl.Schema(COMBO_SCHEMA))
        )


def _index(combos: pl.DataFrame, n: int) -> tuple[pl.Series, pl.DataFrame]:
    """Each of ``n`` rows' combination, from the rows each combination holds; the texts."""
    rows = combos.get_column(_ROWS)
    index = np.empty(n, dtype=np.uint32)
    counts = rows.list.len().to_numpy()
    index[rows.explode().to_numpy()] = np.repeat(np.arange(len(counts), dtype=np.uint32), counts)
    return pl.Series(COMBO, index), combos.drop(_ROWS)


@attrs.frozen
class Results:
    """One chunk's results, dictionary-encoded: far fewer distinct results than rows exist, so
    each distinct one is assembled once, and a row holds only its index."""

    rows: pl.DataFrame  # ROW_SCHEMA: one per organisation and jurisdiction, in input order
    combos: pl.DataFrame  # COMBO_SCHEMA: row k is combination k

    @classmethod
    def empty(cls) -> Results:
        return cls(pl.DataFrame(schema=ROW_SCHEMA), pl.DataFrame(schema=COMBO_SCHEMA))

    def frame(self) -> pl.DataFrame:
        """One row per organisation and jurisdiction with its result (:data:`RESULT_SCHEMA`)."""
        picked = self.combos.drop(COMBO)[self.rows.get_column(COMBO)]
        return self.rows.drop(COMBO).hstack(picked.get_columns()).select(list(RESULT_SCHEMA))


class Evaluator:
    """Every plan over chunk after chunk: the queries are built once (only the data changes)."""

    def __init__(self, plans: list[ColumnarPlan], catalog: Catalog, close_days: int = 365):
        self.plans, self.catalog = plans, catalog
        self.aggregations = _aggregations(plans)
        self.assemblies = [Assembly.of(p, catalog, close_days) for p in plans]

    def __call__(self, df: pl.DataFrame) -> Results:
        """Rows in input order, jurisdictions in plan order."""
        if not self.plans:
            return Results.empty()
        orgs = rowpath.organizations(df) if any(p.row_steps for p in self.plans) else None
        aggregated = _with_aggregates(df, self.aggregations)
        # one query per chunk for all plans (polars runs each one's plans side by side)
        got = _collect([a.combos(a.keys(aggregated, orgs)) for a in self.assemblies])
        indexes, combos, offset = [], [], 0
        for index, texts in (_index(c, df.height) for c in got):
            indexes.append(index + offset)  # numbered across the plans
            combos.append(texts.with_columns(pl.col(COMBO) + offset))
            offset += texts.height
        rows = df.select(pl.col(ROW).cast(pl.Int64), "credit_code", "name")
        if len(indexes) == 1:
            return Results(rows.with_columns(indexes[0]), combos[0])
        # row by row, the plans in order: result k is plan k % plans of row k // plans
        plans, n = len(indexes), df.height
        k = pl.int_range(plans * n)
        combo = (
            pl.concat(indexes)
            .to_frame(COMBO)
            .select(pl.col(COMBO).gather(k % plans * n + k // plans))
        )
        rows = rows.select(pl.all().gather(k // plans)).hstack(combo.get_columns())
        return Results(rows, pl.concat(combos))


def _collect(queries: list[pl.LazyFrame]) -> list[pl.DataFrame]:
    return pl.collect_all(queries, engine="in-memory")


def evaluate_plans(
    df: pl.DataFrame, plans: list[ColumnarPlan], catalog: Catalog, close_days: int = 365
) -> pl.DataFrame:
    """Every plan over one frame, one row per organisation and jurisdiction (for many chunks,
    build an :class:`Evaluator` once)."""
    return Evaluator(plans, catalog, close_days)(df).frame()


def split(column: str) -> pl.Expr:
    """A comma-separated column as a list (empty text: an empty list)."""
    text = pl.col(column)
    empty = pl.lit([], pl.List(pl.String))
    return pl.when(text == "").then(empty).otherwise(text.str.split(",")).alias(column)


def lists(results: pl.DataFrame) -> pl.DataFrame:
    """``failing`` and ``undetermined`` as lists of clause ids."""
    return results.with_columns(split("failing"), split("undetermined"))
