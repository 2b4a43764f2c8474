"""The commands that read the declarations: ``qaward jurisdictions``, ``compare``, ``clauses``
and ``schema``."""

from __future__ import annotations

import click

from qaward import ops
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

INPUTS = ("organization", "cycle", "sanction_case")
# the output documents' names (qaward.ops.schemas.OUTPUTS; a test keeps them equal), listed
# here so that ``qaward schema --help`` does not import the operations
OUTPUTS = (
    "check",
    "check_batch",
    "screen",
    "trace",
    "evaluate",
    "sanction",
    "recommend",
    "compare",
    "clauses",
    "jurisdictions",
    "registry_show",
    "registry_changes",
    "registry_init",
    "registry_verify",
    "registry_log",
    "problem",
)


@click.command()
@output_options(("table", "json", "csv"))
@handles_errors
def jurisdictions(fmt: str, table_style: str) -> None:
    """列出已安装的管辖区（插件）及其规章。"""
    data = ops.jurisdictions()
    rows = data["jurisdictions"]
    if fmt == "json":
        return emit_json(data)
    if fmt == "csv":
        from qaward.reports.sheets import jurisdictions_sheets

        return emit_sheets(jurisdictions_sheets(rows, settings().lang), fmt)
    click.echo(
        table(
            [
                (
                    r["id"],
                    r["award"],
                    LEVEL_ZH[r["level"]],
                    r["parent"] or "",
                    r["division_code"] or "",
                    r["document"],
                    REG_STATUS_ZH[r["status"]],
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
    data = ops.compare(list(jurisdiction_ids), as_of)
    if fmt == "json":
        return emit_json(data)
    # tables and sheets show each cell's text, which names its clauses
    texts = {
        "jurisdictions": data["jurisdictions"],
        "rows": [
            {"term": r["term"], "values": {j: c["text"] for j, c in r["values"].items()}}
            for r in data["rows"]
        ],
    }
    if fmt in ("csv", "xlsx"):
        from qaward.reports.sheets import compare_sheets

        return emit_sheets(compare_sheets(texts, settings().lang), fmt)
    click.echo(compare_table(texts, layout, table_style))


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
    data = ops.clauses(list(jurisdiction_ids), list(statuses))
    rows = data["clauses"]
    if fmt == "json":
        return emit_json(data)
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
@click.argument("document", type=click.Choice([*INPUTS, *OUTPUTS]), default="organization")
@output_options(("json",))
@handles_errors
def schema(document, fmt, table_style) -> None:
    """打印输入文件或输出文档的 JSON Schema（数据契约）。"""
    emit_json(ops.schema(document))
