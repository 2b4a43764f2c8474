"""Evaluate compiled plans over a whole frame at once: one result row per organisation and
jurisdiction, with status, failing and undetermined clause ids and the gap of every failing rule.

Declarations the compiler left to the row engine are judged row by row here (the frame's rows
are structured into organisations once, only when some plan needs them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from qaward.catalog import Catalog
from qaward.screen import rowpath
from qaward.screen.compile import ColumnarPlan
from qaward.screen.frame import ROW

GAP = pl.Struct(
    {"clause": pl.String(), "step": pl.Int64(), "passed": pl.Boolean(), "from": pl.Date()}
)
RESULT_SCHEMA: dict[str, Any] = {
    ROW: pl.Int64(),
    "credit_code": pl.String(),
    "name": pl.String(),
    "jurisdiction": pl.String(),
    "status": pl.String(),
    "failing": pl.List(pl.String()),
    "undetermined": pl.List(pl.String()),
    "gaps": pl.List(GAP),
    "qualifies_from": pl.Date(),
    "close": pl.Boolean(),
}


def _clauses(plan: ColumnarPlan, cols: list[str], pick) -> pl.Expr:
    items = [
        pl.when(pick(pl.col(c))).then(pl.lit(s.clause))
        for c, s in zip(cols, plan.steps, strict=True)
    ]
    return pl.concat_list(items).list.drop_nulls().list.unique(maintain_order=True)


def evaluate_plan(
    df: pl.DataFrame, plan: ColumnarPlan, catalog: Catalog, close_days: int = 365, orgs=None
) -> pl.DataFrame:
    """The plan over every row of a conformed frame (see :data:`RESULT_SCHEMA`)."""
    cols = [f"v{k}" for k in range(len(plan.steps))]
    exprs, extra = [], {}
    for col, step in zip(cols, plan.steps, strict=True):
        if step.verdict is None:
            if orgs is None:
                orgs = rowpath.organizations(df)
            extra[col] = rowpath.verdicts(step, plan, orgs, catalog)
        else:
            exprs.append(step.verdict(df).cast(pl.Boolean).alias(col))
    gaps = [s.gap(df).alias(f"g{k}") for k, s in enumerate(plan.steps) if s.gap is not None]
    gap_items = [  # every rule not passed: failing (with the date time alone fixes it) or unknown
        pl.when(~pl.col(c).fill_null(False)).then(
            pl.struct(
                pl.lit(s.clause).alias("clause"),
                pl.lit(k, dtype=pl.Int64).alias("step"),
                pl.col(c).alias("passed"),
                (
                    pl.when(pl.col(c).is_not_null()).then(pl.col(f"g{k}"))
                    if s.gap is not None
                    else pl.lit(None, pl.Date)
                ).alias("from"),
            )
        )
        for k, (c, s) in enumerate(zip(cols, plan.steps, strict=True))
    ]
    base = df.select(ROW, "credit_code", "name", *exprs, *gaps).with_columns(**extra)
    failing = _clauses(plan, cols, lambda v: v == False)  # noqa: E712
    undetermined = _clauses(plan, cols, lambda v: v.is_null())
    out = base.select(
        ROW,
        "credit_code",
        "name",
        pl.lit(plan.jurisdiction).alias("jurisdiction"),
        failing.alias("failing"),
        undetermined.alias("undetermined"),
        pl.concat_list(gap_items).list.drop_nulls().alias("gaps"),
    )
    status = (
        pl.when(pl.col("failing").list.len() > 0)
        .then(pl.lit("ineligible"))
        .when(pl.col("undetermined").list.len() > 0)
        .then(pl.lit("undetermined"))
        .otherwise(pl.lit("eligible"))
    )
    failed = pl.element().struct.field("passed") == False  # noqa: E712
    dates = pl.col("gaps").list.eval(pl.element().filter(failed).struct.field("from"))
    timed = (status == "ineligible") & ~dates.list.eval(pl.element().is_null()).list.any()
    qualifies = pl.when(timed).then(dates.list.max())
    limit = plan.as_of + dt.timedelta(days=close_days)
    out = out.with_columns(status.alias("status"), qualifies.alias("qualifies_from"))
    out = out.with_columns(
        (pl.col("qualifies_from").is_not_null() & (pl.col("qualifies_from") <= limit)).alias(
            "close"
        )
    )
    return out.select(list(RESULT_SCHEMA)).cast(pl.Schema(RESULT_SCHEMA))


# ``History.of``: one record per key, the last one given wins (registry over inline copies).
_KEYS = {
    "awards": ("award", "tier", "year"),
    "sanctions": ("award", "reason", "decided_on"),
    "recommendations": ("award", "by"),
}


def merged_history(df: pl.DataFrame) -> pl.DataFrame:
    """The frame with each history list deduplicated like :meth:`History.of`."""
    e = pl.element()
    return df.with_columns(
        pl.col(name).list.eval(
            e.filter(
                pl.concat_str(
                    [e.struct.field(k).cast(pl.String).fill_null("") for k in keys],
                    separator="\x1f",
                ).is_last_distinct()
            )
        )
        for name, keys in _KEYS.items()
    )


def evaluate_plans(
    df: pl.DataFrame, plans: list[ColumnarPlan], catalog: Catalog, close_days: int = 365
) -> pl.DataFrame:
    """Every plan over the frame, rows in input order, jurisdictions in plan order."""
    df = merged_history(df)
    orgs = rowpath.organizations(df) if any(p.row_steps for p in plans) else None
    parts = [evaluate_plan(df, p, catalog, close_days, orgs) for p in plans]
    if not parts:
        return pl.DataFrame(schema=RESULT_SCHEMA)
    return pl.concat(parts).sort(ROW, maintain_order=True)
