"""The row engine over a frame: the reference the columnar path is tested against, and the
fallback for declarations the compiler leaves to it (``Custom`` rules)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from qaward.catalog import Catalog
from qaward.engine import evaluate
from qaward.history import History
from qaward.io import structure
from qaward.model import Organization
from qaward.rules import Context
from qaward.screen.compile import ColumnarPlan, Step
from qaward.screen.frame import ROW, documents


def organizations(df: pl.DataFrame, where: str = "<input>") -> list[Organization]:
    """Each row as an :class:`Organization` (structured like any document)."""
    return [
        structure(doc, Organization, f"{where} 第{row + 1}行")
        for row, doc in zip(df.get_column(ROW).to_list(), documents(df), strict=True)
    ]


def context(org: Organization, jurisdiction: str, as_of: dt.date, catalog: Catalog) -> Context:
    """What ``engine.evaluate`` gives a rule, for one organisation."""
    decl = catalog.declarations(jurisdiction, as_of)[0]
    return Context(
        org=org,
        as_of=as_of,
        jurisdiction=decl.jurisdiction,
        history=History.of(org),
        catalog=catalog,
        cycle_year=as_of.year,
        cycle_years=decl.quota.cycle_years if decl.quota else 1,
    )


def verdicts(
    step: Step, plan: ColumnarPlan, orgs: list[Organization], catalog: Catalog
) -> pl.Series:
    """One declaration judged by the row engine for every organisation."""
    return pl.Series(
        [step.rule.check(context(o, plan.jurisdiction, plan.as_of, catalog)).passed for o in orgs],
        dtype=pl.Boolean,
    )


def screen_rows(
    df: pl.DataFrame, jurisdictions: list[str], as_of: dt.date, catalog: Catalog
) -> list[dict[str, Any]]:
    """Status, failing and undetermined clause ids of every row and jurisdiction, by
    ``engine.evaluate`` (clause ids in order of first appearance, duplicates dropped)."""
    out = []
    rows = df.get_column(ROW).to_list()
    for row, org in zip(rows, organizations(df), strict=True):
        for j in jurisdictions:
            res = evaluate(org, j, as_of, catalog=catalog)
            out.append(
                {
                    ROW: row,
                    "jurisdiction": j,
                    "status": res.status.value,
                    "failing": _unique(f.rule for f in res.findings if f.passed is False),
                    "undetermined": _unique(f.rule for f in res.findings if f.passed is None),
                }
            )
    return out


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))
