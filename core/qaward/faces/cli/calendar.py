"""``qaward calendar check YEAR`` and the ``--holidays FILE`` option: which source decides a
year's holidays and make-up working days (the chinese-calendar package, or a State Council
notice supplied as YAML for a year the package lacks)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps

import click

from qaward.cycle import calendar as cal
from qaward.faces.cli.common import handles_errors
from qaward.faces.cli.output import echo, emit_json, output_options


def holidays_option(fn: Callable) -> Callable:
    """``--holidays FILE`` (repeatable; or ``$QAWARD_HOLIDAYS``, paths separated by the system's
    path separator): notices used, cited, for the years the package lacks. Put it under
    ``handles_errors`` so a bad file exits 2."""

    @wraps(fn)
    def wrapper(*args, holiday_files: tuple[str, ...] = (), **kwargs):
        with cal.holiday_notices([cal.load_notice(p) for p in holiday_files]):
            return fn(*args, **kwargs)

    return click.option(
        "--holidays",
        "holiday_files",
        multiple=True,
        type=click.Path(dir_okay=False),
        envvar="QAWARD_HOLIDAYS",
        metavar="FILE",
        help="国务院办公厅放假通知（YAML：year、number、title、holidays、workdays），"
        "仅用于 chinese-calendar 未收录的年份；可多次给出",
    )(wrapper)


@click.group()
def calendar() -> None:
    """节假日数据：某年的放假与调休安排由哪个来源提供。"""


@calendar.command("check")
@click.argument("year", type=click.IntRange(1900, 2999))
@output_options()
@handles_errors
@holidays_option
def check(year: int, fmt: str, table_style: str) -> None:
    """某年的节假日由 chinese-calendar 还是所给通知文件提供；都没有时以 1 退出。"""
    notice = cal.notice_for(year)
    data = {
        "year": year,
        "source": "package" if cal.in_package(year) else ("notice" if notice else None),
        "text": cal.source(year),
        "package": cal.PACKAGE,
        "package_years": [cal.FIRST_YEAR, cal.LAST_YEAR],
        "notice": None
        if notice is None
        else {
            "number": notice.number,
            "title": notice.title,
            "file": notice.path,
            "holidays": len(notice.holidays),
            "workdays": len(notice.workdays),
        },
    }
    if fmt == "json":
        emit_json(data)
    elif data["source"] == "package":
        echo(f"{year}年：{data['text']}")
    elif notice is not None:
        echo(
            f"{year}年：{data['text']}（放假{len(notice.holidays)}天、"
            f"调休上班{len(notice.workdays)}天）"
        )
    else:
        echo(
            f"{year}年：没有节假日数据（{cal.PACKAGE} 收录{cal.FIRST_YEAR}–{cal.LAST_YEAR}年）；"
            f"以 --holidays 提供国务院办公厅{year}年放假通知的 YAML 文件"
        )
    if data["source"] is None:
        sys.exit(1)
