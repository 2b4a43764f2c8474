"""Output for people (tables a reviewer can print) and for programs (JSON, CSV)."""

from __future__ import annotations

import csv
import io as _io
from collections.abc import Callable, Sequence
from typing import Any

import click
from tabulate import tabulate

from qaward.io import dumps

FORMATS = ("table", "json")
MARK = {True: "✓ 符合", False: "✗ 不符合", None: "? 待定"}


def output_options(formats: Sequence[str] = FORMATS) -> Callable:
    """The ``--format`` and ``--fmt`` options every command shares (sqlite-utils style)."""

    def decorator(fn: Callable) -> Callable:
        fn = click.option(
            "--fmt",
            "table_style",
            default="simple",
            show_default=True,
            help="tabulate 表格样式（如 grid、github、plain）",
        )(fn)
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(list(formats)),
            default=formats[0],
            show_default=True,
            help="输出格式",
        )(fn)

    return decorator


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str], style: str = "simple") -> str:
    return tabulate(rows, headers=headers, tablefmt=style, disable_numparse=True)


def csv_text(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> str:
    buf = _io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buf.getvalue()


def emit_json(data: Any) -> None:
    click.echo(dumps(data))
