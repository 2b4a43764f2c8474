"""``qaward report FILE --html``: the printable page of a cycle (a cycle file) or of a check (an
organisation file), charts included. matplotlib is imported only here."""

from __future__ import annotations

from pathlib import Path

import click

from qaward import io
from qaward.faces.cli.calendar import holidays_option
from qaward.faces.cli.check import run_check
from qaward.faces.cli.common import (
    DATE,
    encoding_option,
    handles_errors,
    refuse_overwriting_input,
)
from qaward.faces.cli.output import jsonable
from qaward.faces.cli.registry_options import reads_registry


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--html", "as_html", is_flag=True, default=True, help="HTML 页面（A4 打印样式）")
@click.option("--jurisdiction", "-j", "jurisdiction_ids", multiple=True, help="资格检查：只查这些")
@click.option("--as-of", type=DATE, default=None, help="资格检查的判断日期（默认今天）")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="写入文件")
@reads_registry
@encoding_option
@handles_errors
@holidays_option
def report(file, as_html, jurisdiction_ids, as_of, output, registry_url) -> None:
    """一届评审（评审文件）或一次资格检查（组织文件）的可打印 HTML 报告，含图表。"""
    refuse_overwriting_input(output)
    try:
        from qaward.reports import html
    except ImportError as exc:  # matplotlib: pip install 'qaward[report]'
        click.echo(f"错误：报告需要 {exc.name}：pip install 'qaward[report]'", err=True)
        raise SystemExit(1) from None
    is_cycle = file.lower().endswith(".xlsx")  # a workbook is a cycle (qaward template)
    if not is_cycle:
        data = io.read_document(file)
        is_cycle = isinstance(data, dict) and "applications" in data
    if is_cycle:
        from qaward.faces.cli.cycle import run_cycle

        page = html.cycle_page(jsonable(run_cycle(file, registry_url)))
    else:
        result = run_check(file, jurisdiction_ids, as_of, registry_url)
        page = html.check_page(jsonable(result))
    if output:
        Path(output).write_text(page, encoding="utf-8")
        click.echo(f"已写入 {output}", err=True)
    else:
        click.echo(page, nl=False)
