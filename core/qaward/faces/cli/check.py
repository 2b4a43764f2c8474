"""``qaward check``: one organisation against every award (or ``-j``)."""

from __future__ import annotations

import datetime as dt

import click

from qaward import io
from qaward.catalog import default_catalog
from qaward.engine import STATUS_ZH, Status, evaluate_all
from qaward.faces.cli.common import DATE, encoding_option, handles_errors
from qaward.faces.cli.output import (
    MARK,
    echo,
    emit_json,
    emit_sheets,
    jsonable,
    output_options,
    settings,
    short_document,
    shorten,
    table,
)
from qaward.faces.cli.registry import reads_registry, registry_history
from qaward.model import Organization


def load_organization(path: str) -> Organization:
    org = io.load(path, Organization)
    if not default_catalog().is_region(org.region):
        known = "、".join(default_catalog().awards)
        raise io.InputError(
            path,
            [f"$.region: 未知的区域 {org.region!r}，应为管辖区 id（{known}）或6位行政区划代码"],
        )
    return org


def run_check(org_file: str, jurisdiction_ids, as_of, registry_url: str | None):
    """The organisation checked with the registry's history; its JSON includes the registry
    used. Shared by ``check`` and ``report``."""
    catalog = default_catalog()
    for jid in jurisdiction_ids:
        catalog.jurisdiction(jid)
    org = load_organization(org_file)
    day = as_of or dt.date.today()
    history, used = registry_history(registry_url, org.credit_code, catalog)
    results = evaluate_all(
        org, day, list(jurisdiction_ids) or None, history=history, catalog=catalog
    )
    data = {
        "as_of": day,
        "organization": org.name,
        "credit_code": org.credit_code,
        "results": [r.to_json() for r in results],
        "registry": used.to_json(),
    }
    return org, day, results, data, used


@click.command()
@click.argument("org_file", type=click.Path(dir_okay=False))
@click.option("--jurisdiction", "-j", "jurisdiction_ids", multiple=True, help="只检查这些管辖区")
@click.option("--as-of", type=DATE, default=None, help="判断日期（默认今天）")
@reads_registry  # merges its awards, sanctions and recommendations (read-only)
@encoding_option
@output_options(("table", "json", "csv", "xlsx"))
@handles_errors
def check(org_file, jurisdiction_ids, as_of, registry_url, fmt, table_style) -> None:
    """检查一个组织对各管辖区质量奖的申报资格。"""
    org, day, results, data, used = run_check(org_file, jurisdiction_ids, as_of, registry_url)
    if fmt == "json":
        return emit_json(data)
    if fmt in ("csv", "xlsx"):
        from qaward.reports.sheets import check_sheets

        return emit_sheets(check_sheets(jsonable(data), settings().lang), fmt, used.sentence())
    echo(f"{org.name}（{org.credit_code}）  判断日期 {day.isoformat()}")
    echo(used.sentence())
    for r in results:
        short = "" if short_document(r.document) == r.document else "（下称“本办法”）"
        echo(f"\n{r.award}  [{r.jurisdiction}]  {r.document}{short}：{STATUS_ZH[r.status]}")
        # the block's header names the document; cells cite it short (本办法 for a long title)
        rows = [
            (f.rule, MARK[f.passed], shorten(f.citation, r.document), f.message) for f in r.findings
        ]
        echo(table(rows, ["条款", "结果", "依据", "说明"], table_style))
        for w in r.warnings:
            echo(f"⚠ {w.replace(r.document, short_document(r.document))}")
    statuses = {r.status for r in results}
    summary = "、".join(
        f"{STATUS_ZH[s]} {sum(r.status == s for r in results)}" for s in Status if s in statuses
    )
    echo(f"\n合计：{summary}")
