"""``qaward screen``: a whole population against every award (培育清单, 政策计算器)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from qaward import io
from qaward.faces.cli.common import DATE, encoding_option, handles_errors
from qaward.faces.cli.output import emit_json, output_options, table
from qaward.io import InputError

SCHEMA_VERSION = 1


@click.command()
@click.argument("input_file", metavar="INPUT", required=False, type=click.Path(dir_okay=False))
@click.option("--jurisdiction", "-j", "jurisdiction_ids", multiple=True, help="只筛查这些管辖区")
@click.option("--as-of", type=DATE, default=None, help="判断日期（默认今天）")
@click.option(
    "--output",
    "-o",
    "out_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="逐组织结果：.csv（UTF-8 BOM、中文表头）、.xlsx、.parquet 或 .jsonl",
)
@click.option(
    "--linked",
    "linked",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="附表文件（events.csv、certifications.csv …，以 credit_code 关联；可多次给出）",
)
@click.option(
    "--close-within",
    type=click.IntRange(min=0),
    default=365,
    show_default=True,
    help="仅因时间未到而不符合、且在该天数内即可符合者计为“接近符合”",
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    default=None,
    help="每块读入的组织数（默认按奖项数：每块约 125,000 条结果，最多 100,000 个组织；"
    "五个奖项为 25,000，一个奖项为 100,000）",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="在 Dask 集群上运行（如 tcp://10.0.0.5:8786）；输出为 Parquet 目录",
)
@click.option(
    "--template",
    type=click.Path(dir_okay=False),
    default=None,
    help="写出平铺列格式的模板（.csv 或 .xlsx）后退出",
)
@encoding_option
@output_options()
@handles_errors
def screen(
    input_file,
    jurisdiction_ids,
    as_of,
    out_file,
    linked,
    close_within,
    chunk_size,
    scheduler,
    template,
    fmt,
    table_style,
) -> None:
    """批量筛查：每个组织 × 每个奖项的结论、不符合与待定条款（附依据）及差距分析。"""
    if template:
        return _template(template)
    if not input_file:
        raise click.UsageError("缺少 INPUT（或用 --template 写出模板）")
    try:
        from qaward.screen import run
    except ImportError as exc:  # the screen extra is optional
        raise click.ClickException(f"批量筛查需要 pip install 'qaward[screen]'（{exc}）") from None

    output = out_file
    day = as_of or dt.date.today()
    ids = list(jurisdiction_ids) or None
    if scheduler:
        from qaward.screen.distributed import screen_on_cluster

        if not output:
            raise click.UsageError("--scheduler 需要 --output（Parquet 目录）")
        summary = screen_on_cluster(
            scheduler, input_file, output, day, ids, chunk_size=chunk_size, close_days=close_within
        )
    else:
        summary = _with_progress(
            lambda progress: run.screen_file(
                input_file,
                day,
                ids,
                output=output,
                linked=tuple(linked),
                chunk_size=chunk_size,
                close_days=close_within,
                progress=progress,
                encoding=io.declared_encoding.get(),  # read here: chunks are read in threads
            ),
            input_file,
        )
    if fmt == "json":
        return emit_json(
            {"schema_version": SCHEMA_VERSION, "as_of": day, "output": output} | summary.to_json()
        )
    click.echo(f"筛查 {summary.organizations} 个组织，判断日期 {day.isoformat()}")
    rows = [
        (
            r["jurisdiction"],
            r["award"],
            r["eligible"],
            r["close"],
            r["undetermined"],
            r["ineligible"],
        )
        for r in summary.jurisdictions()
    ]
    click.echo(table(rows, ["管辖区", "奖项", "符合", "接近符合", "待定", "不符合"], table_style))
    for w in summary.warnings:
        click.echo(f"⚠ {w}")
    top = summary.top_failing()
    if top:
        click.echo("\n最常见的不符合条款")
        failing = [
            (r["jurisdiction"], r["clause"], r["citation"], r["organizations"], f"{r['share']:.1%}")
            for r in top
        ]
        click.echo(table(failing, ["管辖区", "条款", "依据", "组织数", "占比"], table_style))
    if output:
        click.echo(f"\n逐组织结果已写入 {output}")


def _with_progress(job, input_file: str):
    """A progress bar on a terminal (stderr), nothing when piped."""
    if not sys.stderr.isatty():
        return job(None)
    from qaward.screen.read import count

    total = count(input_file)
    with click.progressbar(length=total or 0, label="筛查", file=sys.stderr) as bar:
        return job(bar.update)


def _template(path: str) -> None:
    import polars as pl

    from qaward.screen.flat import example_row, template_columns

    cols = template_columns()
    example = example_row()
    df = pl.DataFrame(
        [[example.get(c) for c in cols]], schema=dict.fromkeys(cols, pl.String), orient="row"
    )
    suffix = Path(path).suffix.lower()
    if not Path(path).parent.is_dir():
        raise InputError(path, [f"输出目录不存在：{Path(path).parent}"])
    if suffix == ".csv":
        df.write_csv(path, include_bom=True)
    elif suffix == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("organizations")
        sheet.append(cols)
        sheet.append([example.get(c) for c in cols])
        events = book.create_sheet("events")  # a second sheet, keyed by credit code
        events.append(["credit_code", "kind", "date", "category", "grade", "deaths", "liable"])
        book.save(path)
    else:
        raise InputError(path, ["模板应为 .csv 或 .xlsx"])
    click.echo(f"模板已写入 {path}（{len(cols)} 列）")
