"""``qaward template cycle.xlsx``: the Excel template a bureau fills with a cycle's
applications and organisations (read back by ``qaward evaluate cycle.xlsx``)."""

from __future__ import annotations

from pathlib import Path

import click

from qaward.faces.cli.common import handles_errors


@click.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="覆盖已有文件")
@handles_errors
def template(path: str, force: bool) -> None:
    """写出评审 Excel 模板（评审、申报、组织、财务、认证五张表），填好后用 qaward evaluate 读入。"""
    from qaward import workbook

    if not path.lower().endswith(".xlsx"):
        raise click.UsageError("模板文件名应以 .xlsx 结尾")
    if Path(path).exists() and not force:
        raise click.UsageError(f"{path} 已存在（加 --force 覆盖）")
    workbook.write_template(path)
    click.echo(f"已写入 {path}：填写后运行 qaward evaluate {path}")
