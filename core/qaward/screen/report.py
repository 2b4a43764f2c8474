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
from qaward.screen.columnar import lists, split
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


def _per_plan(plans: list[ColumnarPlan], key, value) -> dict[str, str]:
    return {key(p, s, k): value(p, s) for p in plans for k, s in enumerate(p.steps)}


def readable(results: pl.DataFrame, plans: list[ColumnarPlan]) -> pl.DataFrame:
    """Result rows with the award, the citations of every failing or undetermined clause and
    the gaps in words; lists kept (for JSON Lines and Parquet)."""
    label = _per_plan(
        plans, lambda p, s, k: f"{p.jurisdiction}\x1f{k}", lambda p, s: f"{s.clause} {s.text}"
    )
    clause_of = _per_plan(plans, lambda p, s, k: f"{p.jurisdiction}\x1f{k}", lambda p, s: s.clause)
    award = {p.jurisdiction: p.award for p in plans}
    j = pl.col("jurisdiction")
    listed = lists(results).with_columns(
        j.replace_strict(award, return_dtype=pl.String).alias("award")
    )
    clauses = pl.col("failing").list.concat(pl.col("undetermined")).list.unique(maintain_order=True)
    e = pl.element()
    citations = pl.concat(
        [
            listed.filter(j == p.jurisdiction).select(
                ROW,
                "jurisdiction",
                clauses.list.eval(
                    pl.concat_str(
                        e, pl.lit(" "), e.replace_strict(c, default="", return_dtype=pl.String)
                    )
                ).alias("citations"),
            )
            for p in plans
            if (c := {s.clause: s.citation for s in p.steps})
        ]
    )
    token = split("gaps")
    parts = (
        listed.select(ROW, "jurisdiction", token.alias("t"))
        .explode("t")
        .drop_nulls("t")
        .with_columns(pl.col("t").str.split_exact(":", 2).struct.rename_fields(["k", "f", "d"]))
        .unnest("t")
        .with_columns(
            pl.concat_str("jurisdiction", pl.lit("\x1f"), "k").alias("_key"),
            pl.when(pl.col("f") == "F").then(pl.lit(False)).alias("passed"),
            pl.col("d").replace("", None).str.to_date().alias("from"),
        )
        .with_columns(
            pl.col("_key").replace_strict(clause_of, return_dtype=pl.String).alias("clause"),
            pl.col("_key").replace_strict(label, return_dtype=pl.String).alias("rule"),
        )
        .with_columns(
            pl.when(pl.col("passed").is_null())
            .then(pl.concat_str("rule", pl.lit("：缺少判断所需的事实，待补充或确认")))
            .when(pl.col("from").is_not_null())
            .then(
                pl.concat_str(
                    "rule", pl.lit("：自"), pl.col("from").cast(pl.String), pl.lit("起满足")
                )
            )
            .otherwise(pl.concat_str("rule", pl.lit("：尚不满足（时间不能解决）")))
            .alias("text")
        )
        .group_by(ROW, "jurisdiction", maintain_order=True)
        .agg(pl.struct("clause", "rule", "passed", "from", "text").alias("gap_list"))
    )
    out = listed.join(citations, on=[ROW, "jurisdiction"], how="left", maintain_order="left")
    out = out.join(parts, on=[ROW, "jurisdiction"], how="left", maintain_order="left")
    return out.select(
        ROW,
        "credit_code",
        "name",
        "jurisdiction",
        "award",
        "status",
        "close",
        "failing",
        "undetermined",
        "citations",
        "qualifies_from",
        pl.col("gap_list").fill_null(pl.lit([], dtype=pl.List(GAP))).alias("gaps"),
    )


GAP = pl.Struct(
    {
        "clause": pl.String,
        "rule": pl.String,
        "passed": pl.Boolean,
        "from": pl.Date,
        "text": pl.String,
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
        pl.col("citations").list.join("；"),
        pl.col("qualifies_from").cast(pl.String),
        pl.col("gaps").list.eval(pl.element().struct.field("text")).list.join("；"),
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

    def add(self, results: pl.DataFrame, plans: list[ColumnarPlan], organizations: int) -> None:
        self.organizations += organizations
        for p in plans:
            self.awards[p.jurisdiction] = p.award
            self.warnings.extend(w for w in p.warnings if w not in self.warnings)
            for s in p.steps:
                self.citations.setdefault((p.jurisdiction, s.clause), s.citation)
        for j, status, close, n in (
            results.group_by("jurisdiction", "status", "close").len().iter_rows()
        ):
            self.by_status[j, status] += n
            if close and status == "ineligible":
                self.close[j] += n
        failing = results.select("jurisdiction", split("failing")).explode("failing").drop_nulls()
        for j, clause, n in failing.group_by("jurisdiction", "failing").len().iter_rows():
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
