"""What every command shares: error handling (exit 2 for bad input, never a traceback) and the
date parameter type."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import NoReturn

import click

from qaward import io
from qaward.catalog import PluginError
from qaward.errors import PluginUnavailable


def fail(message: str, code: int = 2) -> NoReturn:
    # a lone surrogate from the input (JSON "\\ud800") must not crash the message that names it
    message = message.encode("utf-8", "backslashreplace").decode("utf-8")
    click.echo(f"错误：{message}", err=True)
    sys.exit(code)


def handles_errors(fn: Callable) -> Callable:
    """Turn input and plugin errors into a message and an exit code, not a traceback."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except io.InputError as exc:
            fail("\n".join(f"{exc.where}: {p}" for p in exc.problems))
        except PluginUnavailable as exc:
            fail(str(exc), 3)
        except PluginError as exc:
            fail(f"插件声明有误：{exc}", 3)
        except KeyError as exc:
            fail(str(exc.args[0]) if exc.args else str(exc))
        except (
            OSError
        ) as exc:  # a file written or read: a missing folder, no permission, a full disk
            reason = exc.strerror or str(exc)
            fail(f"{exc.filename}: 无法读写文件：{reason}" if exc.filename else reason)

    return wrapper


OUTPUT_PARAMS = {"output", "out_file", "export_file", "template"}  # files a command writes


def refuse_overwriting_input(output: str | Path | None) -> None:
    """:func:`io.refuse_overwriting` against the command's own inputs: its other parameters
    that name existing files."""
    ctx = click.get_current_context(silent=True)
    if ctx is None or not output:
        return
    named = [v for k, v in ctx.params.items() if k not in OUTPUT_PARAMS]
    values = [x for v in named for x in (v if isinstance(v, tuple | list) else (v,))]
    io.refuse_overwriting(output, [v for v in values if isinstance(v, str | Path)])


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"应为日期 YYYY-MM-DD，得到 {value!r}", param, ctx)


DATE = IsoDate()


def _declare_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    io.declared_encoding.set(value)  # read by io.read_document for this command's files


encoding_option = click.option(
    "--encoding",
    type=click.Choice(["utf-8", "gb18030", "gbk"], case_sensitive=False),
    default=None,
    expose_value=False,
    is_eager=True,
    callback=_declare_encoding,
    help="输入文件的编码（默认自动识别 UTF-8，含 BOM，或 GB18030/GBK）",
)
