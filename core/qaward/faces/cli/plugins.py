"""``qaward plugins``: the installed plugins, their versions, jurisdictions and state."""

from __future__ import annotations

import click

from qaward.catalog import default_catalog
from qaward.faces.cli.common import handles_errors
from qaward.faces.cli.output import emit_json, output_options, table
from qaward.loading import STATE_ZH


@click.command()
@output_options()
@handles_errors
def plugins(fmt: str, table_style: str) -> None:
    """列出已安装的插件：分发包、版本、管辖区与状态（已加载 / 已停用 / 出错已隔离）。"""
    infos = list(default_catalog().plugins.values())
    if fmt == "json":
        return emit_json([i.to_json() for i in infos])
    rows = [
        (
            i.name,
            i.distribution,
            i.version,
            "、".join(i.jurisdictions),
            STATE_ZH[i.state],
            i.error,
        )
        for i in infos
    ]
    click.echo(table(rows, ["插件", "分发包", "版本", "管辖区", "状态", "说明"], table_style))
