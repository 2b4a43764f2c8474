"""What a screening shows: the result rows in words (citations, gaps), and the summary tables.

Messages are built when shown, column-wise from each plan's steps (clause, rule text,
citation), so the result frames stay small and both paths share one rendering.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs
import polars as pl

from qaward.engine import STATUS_ZH, Status
from qaward.screen.columnar import COMBO, Results, split
from qaward.screen.compile import ColumnarPlan
from qaward.screen.frame import ROW

# Output columns: English keys (JSON Lines, Parquet) and the Chinese headers (CSV, Excel).
HEADERS = {
    "credit_code": "统一社会信用代码",
    "name": "组织名称",
    "jurisdiction": "管辖区",
    "award": "奖项",
    "status": "结论",
    "close": "接近符合",
    "failing": "不符合条款",
    "undetermined": "待定条款",
    "citations": "条款依据",
    "qualifies_from": "最早符合日期",
    "gaps": "差距",
}


def _steps(plans: list[ColumnarPlan]) -> pl.DataFrame:
    """One row per (jurisdiction, step): the clause and the rule in words (a small table)."""
    rows = [
        (p.jurisdiction, str(k), s.clause, f"{s.clause} {s.text}")
        for p in plans
        for k, s in enumerate(p.steps)
    ]
    return pl.DataFrame(rows, schema=["jurisdiction", "k", "clause", "rule"], orient="row")


def _citations(plans: list[ColumnarPlan]) -> pl.DataFrame:
    rows = {(p.jurisdiction, s.clause): s.citation for p in plans for s in p.steps}
    return pl.DataFrame(
        [(j, c, f"{c} {cite}") for (j, c), cite in rows.items()],
        schema=["jurisdiction", "clause", "citation"],
        orient="row",
    )


def readable(results: Results, plans: list[ColumnarPlan]) -> pl.DataFrame:
    """Result rows with the award, the citations of every failing or undetermined clause and
    the gaps in words; lists kept (for JSON Lines and Parquet).

    Everything shown but the organisation derives from its combination: each of the chunk's
    combinations is rendered once and gathered per row by its index. Repeated texts are
    categorical, so a chunk holds each sentence once."""
    keyed = results.combos.lazy()
    # the clause lists and citations derive from the clause ids alone, which far fewer
    # combinations differ in (the rest differ in gap dates): rendered once per distinct ids
    ids = ["jurisdiction", "failing", "undetermined"]
    lists = (
        keyed.select(ids)
        .unique()
        .with_columns(split("failing").alias("_f"), split("undetermined").alias("_u"))
    )
    clauses = (
        lists.select(*ids, pl.concat_list("_f", "_u").alias("clause"))
        .explode("clause")
        .drop_nulls("clause")
        .unique([*ids, "clause"], keep="first", maintain_order=True)
        .join(
            _citations(plans).lazy(),
            on=["jurisdiction", "clause"],
            how="left",
            maintain_order="left",
        )
        .group_by(ids)
        .agg(pl.col("citation").fill_null("").cast(pl.Categorical).alias("citations"))
    )
    listed = keyed.join(
        lists.join(clauses, on=ids, how="left"), on=ids, how="left", maintain_order="left"
    )
    tokens = (
        keyed.select(COMBO, "jurisdiction", split("gaps").alias("t")).explode("t").drop_nulls("t")
    )
    words = (
        tokens.select("jurisdiction", "t")
        .unique()
        .with_columns(pl.col("t").str.split_exact(":", 2).struct.rename_fields(["k", "f", "d"]))
        .unnest("t", separator="_")
        .join(_steps(plans).lazy(), left_on=["jurisdiction", "t_k"], right_on=["jurisdiction", "k"])
        .with_columns(
            pl.when(pl.col("t_f") == "F").then(pl.lit(False)).alias("passed"),
            pl.col("t_d").replace("", None).str.to_date().alias("from"),
        )
        .select(
            "jurisdiction",
            pl.concat_str("t_k", pl.lit(":"), "t_f", pl.lit(":"), "t_d").alias("t"),
            pl.col("clause").cast(pl.Categorical),
            pl.col("rule").cast(pl.Categorical),
            "passed",
            "from",
            pl.when(pl.col("passed").is_null())
            .then(pl.concat_str("rule", pl.lit("：缺少判断所需的事实，待补充或确认")))
            .when(pl.col("from").is_not_null())
            .then(
                pl.concat_str(
                    "rule", pl.lit("：自"), pl.col("from").cast(pl.String), pl.lit("起满足")
                )
            )
            .otherwise(pl.concat_str("rule", pl.lit("：尚不满足（时间不能解决）")))
            .cast(pl.Categorical)
            .alias("text"),
        )
    )
    # materialised first: polars joins these two frames several times faster eagerly
    tokens_, words_ = pl.collect_all([tokens, words], engine="in-memory")
    gaps = (
        tokens_.join(words_, on=["jurisdiction", "t"], how="left", maintain_order="left")
        .lazy()
        .group_by(COMBO)
        .agg(pl.struct("clause", "rule", "passed", "from", "text").alias("gap_list"))
    )
    award = {p.jurisdiction: p.award for p in plans}
    listed_, gaps_ = pl.collect_all([listed, gaps], engine="in-memory")
    shown = (
        # combination k stays at row k (``keyed``'s order), to be gathered by index
        listed_.join(gaps_, on=COMBO, how="left", maintain_order="left").select(
            "jurisdiction",
            pl.col("jurisdiction").replace_strict(award, return_dtype=pl.String).alias("award"),
            "status",
            "close",
            pl.col("_f").alias("failing"),
            pl.col("_u").alias("undetermined"),
            pl.col("citations").fill_null(pl.lit([], pl.List(pl.Categorical))),
            "qualifies_from",
            pl.col("gap_list").fill_null(pl.lit([], dtype=pl.List(GAP))).alias("gaps"),
        )
    )
    picked = shown[results.rows.get_column(COMBO)]
    return results.rows.select(ROW, "credit_code", "name").hstack(picked.get_columns())


GAP = pl.Struct(
    {
        "clause": pl.Categorical,
        "rule": pl.Categorical,
        "passed": pl.Boolean,
        "from": pl.Date,
        "text": pl.Categorical,
    }
)


def for_people(readable_rows: pl.DataFrame) -> pl.DataFrame:
    """One text cell per column, Chinese headers and status words (CSV and Excel)."""
    status_zh = {s.value: STATUS_ZH[s] for s in Status}
    out = readable_rows.select(
        "credit_code",
        "name",
        "jurisdiction",
        "award",
        pl.col("status").replace_strict(status_zh, return_dtype=pl.String),
        pl.when(pl.col("close")).then(pl.lit("是")).otherwise(pl.lit("")).alias("close"),
        pl.col("failing").list.join("、"),
        pl.col("undetermined").list.join("、"),
        pl.col("citations").list.eval(pl.element().cast(pl.String)).list.join("；"),
        pl.col("qualifies_from").cast(pl.String),
        pl.col("gaps").list.eval(pl.element().struct.field("text").cast(pl.String)).list.join("；"),
    )
    return out.rename(HEADERS)


@attrs.define
class Summary:
    """Counts gathered chunk by chunk: per jurisdiction and status, and failing clauses."""

    organizations: int = 0
    by_status: Counter = attrs.field(factory=Counter)  # (jurisdiction, status) -> n
    close: Counter = attrs.field(factory=Counter)  # jurisdiction -> n
    failing: Counter = attrs.field(factory=Counter)  # (jurisdiction, clause) -> n
    citations: dict = attrs.field(factory=dict)  # (jurisdiction, clause) -> citation
    awards: dict = attrs.field(factory=dict)
    warnings: list = attrs.field(factory=list)  # lapsed or draft texts applied

    def add(self, results: Results, plans: list[ColumnarPlan], organizations: int) -> None:
        self.organizations += organizations
        for p in plans:
            self.awards[p.jurisdiction] = p.award
            self.warnings.extend(w for w in p.warnings if w not in self.warnings)
            for s in p.steps:
                self.citations.setdefault((p.jurisdiction, s.clause), s.citation)
        # rows per combination, summed per the little the counts read (a few hundred groups)
        counts = results.rows.lazy().group_by(COMBO).len("n")
        keys = ["jurisdiction", "status", "close", "failing"]
        combos = results.combos.lazy().join(counts, on=COMBO)
        grouped = combos.group_by(keys).agg(pl.col("n").sum()).collect(engine="in-memory")
        for j, status, close, failing, n in grouped.iter_rows():
            self.by_status[j, status] += n
            if close and status == "ineligible":
                self.close[j] += n
            for clause in failing.split(",") if failing else ():
                self.failing[j, clause] += n

    def merge(self, other: Summary) -> None:
        self.organizations += other.organizations
        self.by_status.update(other.by_status)
        self.close.update(other.close)
        self.failing.update(other.failing)
        self.citations.update(other.citations)
        self.awards.update(other.awards)
        self.warnings.extend(w for w in other.warnings if w not in self.warnings)

    def jurisdictions(self) -> list[dict[str, Any]]:
        """Per jurisdiction: eligible, close (ineligible only for reasons time will remove,
        soon enough), undetermined, ineligible (the rest)."""
        rows = []
        for j in sorted(self.awards):
            ineligible = self.by_status[j, "ineligible"]
            rows.append(
                {
                    "jurisdiction": j,
                    "award": self.awards[j],
                    "organizations": self.organizations,
                    "eligible": self.by_status[j, "eligible"],
                    "close": self.close[j],
                    "undetermined": self.by_status[j, "undetermined"],
                    "ineligible": ineligible - self.close[j],
                }
            )
        return rows

    def top_failing(self, per_jurisdiction: int = 5) -> list[dict[str, Any]]:
        rows = []
        for j in sorted(self.awards):
            ranked = sorted(
                ((n, c) for (jj, c), n in self.failing.items() if jj == j),
                key=lambda x: (-x[0], x[1]),
            )
            for n, clause in ranked[:per_jurisdiction]:
                rows.append(
                    {
                        "jurisdiction": j,
                        "clause": clause,
                        "citation": self.citations.get((j, clause), ""),
                        "organizations": n,
                        "share": round(n / self.organizations, 4) if self.organizations else 0.0,
                    }
                )
        return rows

    def to_json(self) -> dict[str, Any]:
        return {
            "organizations": self.organizations,
            "jurisdictions": self.jurisdictions(),
            "top_failing": self.top_failing(),
            "warnings": self.warnings,
        }
