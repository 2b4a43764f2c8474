"""The plugin author's commands: ``qaward test`` (YAML cases, conformance) and
``qaward new-plugin`` (a package to start from)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from qaward.faces.cli.common import DATE, handles_errors
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


@click.command("new-plugin")
@click.argument("jurisdiction_id")
@click.option("--name", required=True, help="管辖区名称，如 信丰县")
@click.option("--award", "award_name", default="", help="奖项名称（默认：名称 + 质量奖）")
@click.option(
    "--level",
    type=click.Choice(["county", "municipal", "provincial", "national"]),
    default="county",
    show_default=True,
    help="奖项级别",
)
@click.option("--parent", default=None, help="上级管辖区或奖项 id，如 ganzhou_city")
@click.option("--code", "division_code", default=None, help="GB/T 2260 行政区划代码，如 360722")
@click.option("--document", default="", help="管理办法文号，如 信府办发〔2025〕3号")
@click.option("--title", default="", help="管理办法标题")
@click.option("--prefix", default="", help="条款编号前缀（默认取 id 前两个字母大写）")
@click.option("--effective-from", type=DATE, default=None, help="施行日期（默认今年1月1日）")
@click.option(
    "--directory",
    "-d",
    type=click.Path(file_okay=False),
    default=None,
    help="生成到此目录（默认 ./qaward-ID）",
)
@handles_errors
def new_plugin(jurisdiction_id, directory, **options) -> None:
    """生成一个可安装的管辖区插件：入口点、逐条书写的插件模块、条款清单、示例组织、用例与测试。"""
    from qaward.scaffold import ScaffoldError
    from qaward.scaffold import new_plugin as scaffold

    target = Path(directory or f"qaward-{jurisdiction_id}")
    try:
        written = scaffold(target, jurisdiction_id, **options)
    except ScaffoldError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(2)
    for path in written:
        click.echo(f"  {path}")
    click.echo(
        f"\n已生成 {target}。下一步：\n"
        f"  pip install -e {target}\n"
        f"  qaward test --conformance -j {jurisdiction_id}\n"
        f"  cd {target} && pytest"
    )
