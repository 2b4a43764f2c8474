"""The commands that read the declarations: ``qaward jurisdictions``, ``compare``, ``clauses``
and ``schema``."""

from __future__ import annotations

from typing import Any

import click

from qaward.catalog import default_catalog
from qaward.compare import comparison
from qaward.coverage import coverage
from qaward.events import LEVEL_ZH
from qaward.faces.cli.common import DATE, handles_errors
from qaward.faces.cli.output import (
    SEPARATOR,
    display_width,
    emit_json,
    emit_sheets,
    output_options,
    settings,
    table,
    table_unwrapped,
)
from qaward.terms import STATUS_ZH as REG_STATUS_ZH


@click.command()
@output_options(("table", "json", "csv"))
@handles_errors
def jurisdictions(fmt: str, table_style: str) -> None:
    """列出已安装的管辖区（插件）及其规章。"""
    catalog = default_catalog()
    rows: list[dict[str, Any]] = []
    for j in catalog.jurisdictions.values():
        for r in j.regulations:
            rows.append(
                {
                    "id": j.id,
                    "name": j.name,
                    "award": j.award_name,
                    "level": j.level.value,
                    "parent": j.parent,
                    "division_code": j.division_code,
                    "province": j.province,
                    "document": r.document,
                    "title": r.title,
                    "status": r.status.value,
                    "effective_from": r.effective_from,
                    "effective_until": r.effective_until,
                    "plugin": j.plugin,
                }
            )
    if fmt == "json":
        return emit_json(rows)
    if fmt == "csv":
        from qaward.reports.sheets import jurisdictions_sheets

        return emit_sheets(jurisdictions_sheets(rows, settings().lang), fmt)
    click.echo(
        table(
            [
                (
                    r["id"],
                    r["award"],
                    LEVEL_ZH[catalog.jurisdictions[r["id"]].level],
                    r["parent"] or "",
                    r["division_code"] or "",
                    r["document"],
                    REG_STATUS_ZH[catalog.jurisdictions[r["id"]].regulations[0].status],
                    r["effective_from"] or "未定",
                    r["plugin"],
                )
                for r in rows
            ],
            ["id", "奖项", "级别", "上级", "区划代码", "文件", "状态", "施行", "插件"],
            table_style,
        )
    )


@click.command()
@click.option("--jurisdiction", "-j", "jurisdiction_ids", multiple=True, help="只比较这些管辖区")
@click.option("--as-of", type=DATE, default=None, help="比较该日适用的规章版本（默认今天）")
@click.option(
    "--layout",
    type=click.Choice(["auto", "wide", "topic", "jurisdiction"]),
    default="auto",
    show_default=True,
    help="wide：管辖区并列成列；topic：每个事项一组；jurisdiction：每个管辖区一组；"
    "auto：放得下时 wide，否则 topic",
)
@output_options(("table", "json", "csv", "xlsx"))
@handles_errors
def compare(jurisdiction_ids, as_of, layout, fmt, table_style) -> None:
    """并列比较各管辖区的条件、名额、奖金、有效期与处理（取自插件声明本身）。"""
    catalog = default_catalog()
    ids, rows = comparison(catalog, list(jurisdiction_ids) or None, as_of)
    data = {
        "jurisdictions": ids,
        "rows": [{"term": k, "values": dict(zip(ids, v, strict=True))} for k, v in rows],
    }
    if fmt == "json":
        return emit_json(data)
    if fmt in ("csv", "xlsx"):
        from qaward.reports.sheets import compare_sheets

        return emit_sheets(compare_sheets(data, settings().lang), fmt)
    click.echo(compare_table(data, layout, table_style))


def compare_table(data: dict, layout: str, style: str) -> str:
    """The wide table when it fits (or is asked for); else one block per topic or jurisdiction,
    its name on the block's first row and a blank row between blocks."""
    ids = data["jurisdictions"]
    wide_rows = [(r["term"], *r["values"].values()) for r in data["rows"]]
    width = settings().width
    if layout == "wide" or (
        layout == "auto"
        and (not width or display_width(table_unwrapped(wide_rows, ["", *ids], style)) <= width)
    ):
        return table(wide_rows, ["", *ids], style)
    blocks: list[tuple[str, list[tuple[str, str]]]]
    if layout == "jurisdiction":
        blocks = [(j, [(r["term"], r["values"][j]) for r in data["rows"]]) for j in ids]
        headers = ["管辖区", "事项", "规定（条款）"]
    else:
        blocks = [(r["term"], list(r["values"].items())) for r in data["rows"]]
        headers = ["事项", "管辖区", "规定（条款）"]
    rows: list = []
    for name, pairs in blocks:
        if rows:
            rows.append(SEPARATOR if style == "simple" else ("", "", ""))
        rows += [(name if i == 0 else "", k, v) for i, (k, v) in enumerate(pairs)]
    return table(rows, headers, style)


@click.command()
@click.option("--jurisdiction", "-j", "jurisdiction_ids", multiple=True, help="只列这些管辖区")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    help="只列这些状态（encoded、attested、out-of-scope、not yet）",
)
@output_options(("table", "json", "csv", "xlsx"))
@handles_errors
def clauses(jurisdiction_ids, statuses, fmt, table_style) -> None:
    """每个条款编号 → 编码它的规则与测试，或标注 attested / out-of-scope / not yet 及理由。"""
    rows = coverage(default_catalog())
    rows = [
        r
        for r in rows
        if (not jurisdiction_ids or r["jurisdiction"] in jurisdiction_ids)
        and (not statuses or r["status"] in statuses)
    ]
    if fmt == "json":
        return emit_json(rows)
    if fmt in ("csv", "xlsx"):
        from qaward.reports.sheets import clauses_sheets

        return emit_sheets(clauses_sheets(rows, settings().lang), fmt)
    click.echo(
        table(
            [
                (
                    r["clause"],
                    r["article"],
                    r["status"],
                    ", ".join(r["encoded_by"]) or r["reason"],
                    len(r["tests"]),
                    r["summary"],
                )
                for r in rows
            ],
            ["条款", "条文", "状态", "编码 / 理由", "测试数", "内容"],
            table_style,
        )
    )


@click.command()
@click.argument(
    "document",
    type=click.Choice(["organization", "cycle", "sanction_case"]),
    default="organization",
)
@output_options(("json",))
def schema(document, fmt, table_style) -> None:
    """打印输入文件的 JSON Schema（数据契约）。"""
    from qaward.schema import DOCUMENTS
    from qaward.schema import schema as make_schema

    emit_json(make_schema(DOCUMENTS[document]))
