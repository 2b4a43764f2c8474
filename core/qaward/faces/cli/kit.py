"""The plugin author's commands: ``qaward test`` (YAML cases, conformance) and
``qaward new-plugin`` (a package to start from)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from qaward.faces.cli.common import handles_errors
from qaward.faces.cli.output import emit_json, output_options, table


@click.command("test")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option(
    "--jurisdiction", "-j", "jurisdiction_ids", multiple=True, help="只看这些管辖区的插件"
)
@click.option(
    "--conformance",
    is_flag=True,
    help="另列出条款清单中已编码、却缺少通过或不通过用例的条款（有则退出码 1）",
)
@output_options()
@handles_errors
def test(files, jurisdiction_ids, conformance, fmt, table_style) -> None:
    """运行 YAML 用例（不给文件时运行已安装插件自带的用例）：每个用例的期望与实际逐行对照。"""
    from qaward.cases import conformance as gaps_of
    from qaward.cases import load, plugin_case_files, run
    from qaward.catalog import default_catalog

    catalog = default_catalog()
    for jid in jurisdiction_ids:
        catalog.jurisdiction(jid)
    if files:
        paths = [Path(f) for f in files]
    else:
        shipped = plugin_case_files(catalog)
        wanted = set(jurisdiction_ids)
        paths = [
            p
            for name, found in shipped.items()
            if not wanted or wanted & set(catalog.plugins[name].jurisdictions)
            for p in found
        ]
    cases = [case for path in paths for case in load(path)]
    results = [(case, run(case, catalog)) for case in cases]
    failed = [(c, p) for c, p in results if p]
    scope = list(jurisdiction_ids) or _jurisdictions_of(cases, catalog)
    gaps = gaps_of(catalog, cases, scope) if conformance else []
    if fmt == "json":
        emit_json(
            {
                "cases": [
                    {
                        "file": str(c.file),
                        "name": c.name,
                        "clauses": list(c.clauses),
                        "passed": not p,
                        "differences": p,
                    }
                    for c, p in results
                ],
                "conformance": gaps if conformance else None,
            }
        )
    else:
        for case, problems in results:
            click.echo(f"{'✗' if problems else '✓'} {case.name}  [{', '.join(case.clauses)}]")
            if problems:
                click.echo(f"  {case.file}: cases[{case.index}]")
                for line in problems:
                    click.echo(f"    {line}")
        click.echo(
            f"\n用例 {len(results)} 个：通过 {len(results) - len(failed)}，未通过 {len(failed)}"
        )
        if conformance:
            _show_gaps(gaps, table_style)
    if failed or gaps:
        sys.exit(1)


def _jurisdictions_of(cases, catalog) -> list[str]:
    """The jurisdictions whose clauses the cases name (for --conformance without -j)."""
    named = {c for case in cases for c in case.clauses}
    from qaward.coverage import coverage

    return sorted({r["jurisdiction"] for r in coverage(catalog) if r["clause"] in named})


def _show_gaps(gaps: list[dict], style: str) -> None:
    if not gaps:
        click.echo("一致性检查：每个已编码条款都有通过与不通过的用例")
        return
    lacks = {"passing": "通过用例", "failing": "不通过用例", "case": "用例"}
    rows = [
        (g["clause"], g["jurisdiction"], "、".join(lacks[x] for x in g["lacks"]), g["summary"])
        for g in gaps
    ]
    click.echo(f"\n一致性检查：{len(gaps)} 个已编码条款缺少用例")
    click.echo(table(rows, ["条款", "管辖区", "缺少", "内容"], style))
