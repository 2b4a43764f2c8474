"""Output for people (tables a reviewer can print) and for programs (JSON, CSV, Excel).

Tables are measured in display columns (a Chinese character takes two: :mod:`qaward.textwidth`)
and wrapped to the terminal's width, ``--width`` or ``$COLUMNS``. The common styles are drawn by
:mod:`qaward.faces.cli.tables`; tabulate draws the others (``--fmt``).
"""

from __future__ import annotations

import contextvars
import os
import re
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any

import click
from attrs import define

from qaward.faces.cli import startup
from qaward.faces.cli.tables import SEPARATOR, draw
from qaward.io import dumps
from qaward.labels import MARK
from qaward.reports.cite import short_document, shorten
from qaward.textwidth import width as line_width

__all__ = [
    "MARK",
    "emit_json",
    "emit_sheets",
    "output_options",
    "settings",
    "short_document",
    "shorten",
    "table",
]

FORMATS = ("table", "json")
MIN_COLUMN = 6  # narrowest a wrapped column gets (display columns)


@define
class Settings:
    width: int | None = None  # None: do not wrap
    lang: str = "zh"
    output: str | None = None  # a file for csv / xlsx (else standard output)


_settings: contextvars.ContextVar[Settings] = contextvars.ContextVar("qaward_output")


def settings() -> Settings:
    return _settings.get(Settings())


def output_options(formats: Sequence[str] = FORMATS) -> Callable:
    """The output options every command shares (sqlite-utils style): ``--format``, tabulate's
    ``--fmt``, ``--width``; with csv or xlsx also ``--lang`` and ``--output``."""
    files = {"csv", "xlsx"} & set(formats)

    def decorator(fn: Callable) -> Callable:
        @wraps(fn)
        def wrapper(*args, width=None, lang="zh", output=None, **kwargs):
            token = _settings.set(Settings(_table_width(width), lang, output))
            try:
                return fn(*args, **kwargs)
            finally:
                _settings.reset(token)

        options = [
            click.option(
                "--format",
                "fmt",
                type=click.Choice(list(formats)),
                default=formats[0],
                show_default=True,
                help="输出格式",
            ),
            click.option(
                "--fmt",
                "table_style",
                default="simple",
                show_default=True,
                help="tabulate 表格样式（如 grid、github、plain）",
            ),
            click.option(
                "--width",
                type=click.IntRange(min=0),
                default=None,
                help="表格折行宽度（显示列数；默认终端宽度或 $COLUMNS；0 不折行）",
            ),
        ]
        if files:
            options += [
                click.option(
                    "--lang",
                    type=click.Choice(["zh", "en"]),
                    default="zh",
                    show_default=True,
                    help=f"{'/'.join(sorted(files))} 的表头与取值语言",
                ),
                click.option(
                    "--output",
                    "-o",
                    type=click.Path(dir_okay=False, writable=True),
                    default=None,
                    help=f"写入文件（{'/'.join(sorted(files))}；默认标准输出）",
                ),
            ]
        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper

    return decorator


def _table_width(width: int | None) -> int | None:
    """``--width``, else ``$COLUMNS``, else the terminal's width; output to a file or a pipe is
    not wrapped unless asked (``--width N``); 0 never wraps."""
    if width is None and (cols := os.environ.get("COLUMNS", "")).isdigit():
        width = int(cols)
    if width is None and sys.stdout.isatty():
        import shutil  # with bz2, lzma and zlib: only for a terminal

        width = shutil.get_terminal_size().columns
    return width or None


def display_width(text: str) -> int:
    return max(map(line_width, text.splitlines()), default=0)


def _render(rows: Sequence[Any], headers: Sequence[str], style: str) -> str:
    if (drawn := draw(rows, headers, style)) is not None:
        return drawn
    tabulate = startup.load("tabulate").tabulate  # with wcwidth; kept for the process's life
    return tabulate(rows, headers=headers, tablefmt=style, disable_numparse=True)


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str], style: str = "simple") -> str:
    """A table that fits the width: the widest columns are wrapped first, as little as needed."""
    rows = [r if r is SEPARATOR else ["" if c is None else str(c) for c in r] for r in rows]
    width = settings().width
    text = _render(rows, headers, style)
    if not width or display_width(text) <= width:
        return text
    natural = [
        max([display_width(str(h)), *(display_width(r[i]) for r in rows if r is not SEPARATOR)])
        for i, h in enumerate(headers)
    ]
    lo, hi, best = MIN_COLUMN, max(natural), None
    while lo <= hi:  # the largest cap on column widths that fits
        cap = (lo + hi) // 2
        candidate = _render(_capped(rows, natural, cap), headers, style)
        if display_width(candidate) <= width:
            best, lo = candidate, cap + 1
        else:
            hi = cap - 1
    return best or _render(_capped(rows, natural, MIN_COLUMN), headers, style)


def _capped(rows: list, natural: list[int], cap: int) -> list:
    return [
        r
        if r is SEPARATOR
        else [wrap_cell(c, cap) if n > cap else c for c, n in zip(r, natural, strict=True)]
        for r in rows
    ]


_TOKEN = re.compile(r"[\x21-\x7e]+|\s+|.", re.S)  # an ASCII run (a clause id) stays whole
_OPENING = tuple("（“‘《〔【([")  # never the last character of a line
_CLOSING = tuple("）”’》〕】)]，。、；：！？,.;:")  # never the first


def wrap_cell(text: str, width: int) -> str:
    """A cell's text broken into lines of at most ``width`` display columns, the way Chinese is
    set: between characters, never inside a clause id or number, no closing punctuation at a
    line's start and no opening bracket at its end."""
    out: list[str] = []
    for para in text.split("\n"):
        line: list[str] = []
        for token in _TOKEN.findall(para):
            while _size(line) + _size([token]) > width:
                if not line and _size([token]) > width:  # a run longer than the column: cut it
                    head, token = _cut(token, width)
                    out.append(head)
                    continue
                carry: list[str] = []
                if token.startswith(_CLOSING):  # take what it closes along: "JD-6-1）"
                    while len(line) > 1 and line[-1].startswith(_CLOSING):
                        carry.insert(0, line.pop())
                    if len(line) > 1:
                        carry.insert(0, line.pop())
                while len(line) > 1 and line[-1].startswith(_OPENING):
                    carry.insert(0, line.pop())
                out.append("".join(line).rstrip())
                line = carry
                if token.isspace():
                    token = ""
                if not line:
                    break
            if token:
                line.append(token)
        out.append("".join(line))
    return "\n".join(out)


def _size(tokens: list[str]) -> int:
    return sum(map(line_width, tokens))


def _cut(token: str, room: int) -> tuple[str, str]:
    used = 0
    for i, ch in enumerate(token):
        used += line_width(ch)
        if used > room:
            return token[:i], token[i:]
    return token, ""


def wrap(text: str) -> str:
    """Lines longer than the width broken as table cells are (:func:`wrap_cell`), continued
    indented; lines that fit, tables included, are left as they are."""
    width = settings().width
    if not width:
        return text
    out = []
    for line in text.split("\n"):
        if line_width(line) <= width:
            out.append(line)
            continue
        first, *rest = wrap_cell(line, width).split("\n")  # the same line-breaking rules
        out.append(first)
        if rest:
            out += ["  " + part for part in wrap_cell(" ".join(rest), width - 2).split("\n")]
    return "\n".join(out)


def echo(text: str = "") -> None:
    """``click.echo`` of text wrapped to the table width."""
    click.echo(wrap(text))


def jsonable(data: Any) -> Any:
    """What ``--format json`` prints, as Python data (dates as ISO strings, enums as values)."""
    import json

    return json.loads(dumps(data))


def table_unwrapped(rows: Sequence[Sequence[Any]], headers: Sequence[str], style: str) -> str:
    return _render([["" if c is None else str(c) for c in r] for r in rows], headers, style)


def emit_json(data: Any) -> None:
    click.echo(dumps(data))


def emit_sheets(sheets, fmt: str, note: str = "") -> None:
    """Write sheets as CSV or .xlsx to ``--output`` or standard output; ``note`` (e.g. the
    registry consulted) goes in the workbook's 说明 sheet, or to standard error with CSV."""
    from qaward.reports.files import csv_bytes, xlsx_bytes

    s = settings()
    data = csv_bytes(sheets, s.lang) if fmt == "csv" else xlsx_bytes(sheets, s.lang, note)
    if note and fmt == "csv":  # a CSV has no place for it that a program would not misread
        click.echo(note, err=True)
    if s.output:
        from qaward.faces.cli.common import refuse_overwriting_input

        refuse_overwriting_input(s.output)
        with open(s.output, "wb") as f:
            f.write(data)
        click.echo(f"已写入 {s.output}", err=True)
        return
    sys.stdout.flush()
    stream = sys.stdout.buffer
    if fmt == "xlsx" and stream.isatty():
        raise click.UsageError("Excel 文件不能写到终端：请用 --output FILE 或重定向到文件")
    stream.write(data)
    stream.flush()
