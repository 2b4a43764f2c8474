"""``qaward check``: one organisation against every award (or ``-j``)."""

from __future__ import annotations

import click

from qaward import io, ops
from qaward.engine import STATUS_ZH, Status
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
from qaward.faces.cli.registry_options import reads_registry, registry_errors, registry_value
from qaward.reports.cite import registry_sentence


def run_check(org_file: str, jurisdiction_ids, as_of, registry_url: str | None) -> dict:
    """The ``check`` document of an organisation file (the registry's history merged, and
    named). Shared by ``check`` and ``report``."""
    return ops.check(
        io.read_document(org_file),
        as_of,
        list(jurisdiction_ids),
        registry=registry_value(registry_url),
        where=org_file,
    )


@click.command()
@click.argument("org_file", type=click.Path(dir_okay=False))
@click.option("--jurisdiction", "-j", "jurisdiction_ids", multiple=True, help="只检查这些管辖区")
@click.option("--as-of", type=DATE, default=None, help="判断日期（默认今天）")
@reads_registry  # merges its awards, sanctions and recommendations (read-only)
@encoding_option
@output_options(("table", "json", "csv", "xlsx"))
@handles_errors
@registry_errors
def check(org_file, jurisdiction_ids, as_of, registry_url, fmt, table_style) -> None:
    """检查一个组织对各管辖区质量奖的申报资格。"""
    data = run_check(org_file, jurisdiction_ids, as_of, registry_url)
    if fmt == "json":
        return emit_json(data)
    used = registry_sentence(data["registry"])
    if fmt in ("csv", "xlsx"):
        from qaward.reports.sheets import check_sheets

        return emit_sheets(check_sheets(jsonable(data), settings().lang), fmt, used)
    echo(f"{data['organization']}（{data['credit_code']}）  判断日期 {data['as_of'].isoformat()}")
    echo(used)
    for r in data["results"]:
        doc = r["document"]
        short = "" if short_document(doc) == doc else "（下称“本办法”）"
        status = STATUS_ZH[Status(r["status"])]
        echo(f"\n{r['award']}  [{r['jurisdiction']}]  {doc}{short}：{status}")
        # the block's header names the document; cells cite it short (本办法 for a long title)
        rows = [
            (f["rule"], MARK[f["passed"]], shorten(f["citation"], doc), f["message"])
            for f in r["findings"]
        ]
        echo(table(rows, ["条款", "结果", "依据", "说明"], table_style))
        for w in r["warnings"]:
            echo(f"⚠ {w['text'].replace(doc, short_document(doc))}")
    statuses = [Status(r["status"]) for r in data["results"]]
    summary = "、".join(f"{STATUS_ZH[s]} {statuses.count(s)}" for s in Status if s in statuses)
    echo(f"\n合计：{summary}")
