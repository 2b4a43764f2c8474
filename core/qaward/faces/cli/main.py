"""The ``qaward`` command line (click). Every command takes ``--format table|json``.

Bad input exits with code 2 and a message naming the file and the field, never a traceback.

A command's module is imported only when that command runs (click's lazy-group pattern), so
``qaward --help`` imports click alone and ``qaward check`` never loads the registry stack or the
cycle calendar. :data:`COMMANDS` lists each command with its module and the first line of its
help; a test keeps those lines equal to the commands' own docstrings.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from qaward import codecache

# qaward's own process caches the code attrs and cattrs generate (set before any class of ours is
# created); a program that imports qaward as a library keeps attrs untouched.
codecache.install()

import click  # noqa: E402

from qaward.faces.cli import startup  # noqa: E402

if TYPE_CHECKING:
    import logging

DISABLE_ENV = (
    "QAWARD_DISABLE_PLUGINS"  # = qaward.loading.DISABLE_ENV, not imported: --help stays light
)

# name -> ("module:attribute", first line of the command's help)
COMMANDS: dict[str, tuple[str, str]] = {
    "calendar": (
        "qaward.faces.cli.calendar:calendar",
        "节假日数据：某年的放假与调休安排由哪个来源提供。",
    ),
    "check": ("qaward.faces.cli.check:check", "检查一个组织对各管辖区质量奖的申报资格。"),
    "clauses": (
        "qaward.faces.cli.declarations:clauses",
        "每个条款编号 → 编码它的规则与测试，或标注 attested / out-of-scope / not yet 及理由。",
    ),
    "compare": (
        "qaward.faces.cli.declarations:compare",
        "并列比较各管辖区的条件、名额、奖金、有效期与处理（取自插件声明本身）。",
    ),
    "evaluate": (
        "qaward.faces.cli.cycle:evaluate",
        "评审一届质量奖：资格、评分排名、获奖名单、奖金、有效期与义务、公示期。",
    ),
    "jurisdictions": (
        "qaward.faces.cli.declarations:jurisdictions",
        "列出已安装的管辖区（插件）及其规章。",
    ),
    "new-plugin": (
        "qaward.faces.cli.kit:new_plugin",
        "生成一个可安装的管辖区插件：入口点、逐条书写的插件模块、条款清单、示例组织、用例与测试。",
    ),
    "plugins": (
        "qaward.faces.cli.plugins:plugins",
        "列出已安装的插件：分发包、版本、管辖区与状态（已加载 / 已停用 / 出错已隔离）。",
    ),
    "test": (
        "qaward.faces.cli.kit:test",
        "运行 YAML 用例（不给文件时运行已安装插件自带的用例）：每个用例的期望与实际逐行对照。",
    ),
    "recommend": (
        "qaward.faces.cli.registry:recommend",
        "将来源奖项仍在有效期内的获奖单位作为上级奖项的候选，并记为推荐（如 KFQ-21）。",
    ),
    "registry": (
        "qaward.faces.cli.registry:registry",
        "登记簿：获奖、处理、禁止申报与推荐记录，每次写入均记入哈希链审计日志。",
    ),
    "report": (
        "qaward.faces.cli.report:report",
        "一届评审（评审文件）或一次资格检查（组织文件）的可打印 HTML 报告，含图表。",
    ),
    "template": (
        "qaward.faces.cli.template:template",
        "写出评审 Excel 模板（评审、申报、组织、财务、认证五张表），填好后用 qaward evaluate 读入。",
    ),
    "sanction": (
        "qaward.faces.cli.registry:sanction",
        "按授奖管辖区的规定判断一个处理案件：撤销、追缴、公告、禁止申报及其条款。",
    ),
    "schema": (
        "qaward.faces.cli.declarations:schema",
        "打印输入文件或输出文档的 JSON Schema（数据契约）。",
    ),
    "serve": (
        "qaward.faces.cli.serve:serve",
        "启动 HTTP JSON 服务（OpenAPI 3.1 见 /openapi.json，文档页 /docs）。",
    ),
    "screen": (
        "qaward.faces.cli.screen:screen",
        "批量筛查：每个组织 × 每个奖项的结论、不符合与待定条款（附依据）及差距分析。",
    ),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use; ``--help`` lists them from the table."""

    def __init__(self, *args, lazy: dict[str, tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands or cmd_name not in self.lazy:
            return super().get_command(ctx, cmd_name)
        module, _, attr = self.lazy[cmd_name][0].partition(":")
        command = getattr(startup.load(module), attr)  # kept for the process's life
        self.add_command(command, cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names))
        rows = []
        for name in names:
            if name in self.lazy and name not in self.commands:
                stub = click.Command(name, help=self.lazy[name][1])  # shortened as click does
                rows.append((name, stub.get_short_help_str(limit)))
            elif not (command := self.commands[name]).hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="qaward")
@click.option(
    "--disable-plugin",
    "disabled",
    multiple=True,
    metavar="NAME",
    help="停用插件（入口点或分发包名称，可多次给出；亦可用环境变量 QAWARD_DISABLE_PLUGINS）",
)
def cli(disabled: tuple[str, ...]) -> None:
    """qaward：政府质量奖规则即代码。每个结论都注明所依据的条款。"""
    configure_plugins(disabled)


def configure_plugins(disabled: tuple[str, ...] = ()) -> None:
    """Plugins named by ``--disable-plugin`` are left out; a broken plugin is named on stderr
    (the ``qaward.plugins`` logger) and the command goes on with the others."""
    if disabled:
        current = os.environ.get(DISABLE_ENV, "")
        os.environ[DISABLE_ENV] = ",".join(filter(None, (current, *disabled)))
    from qaward import pluginlog  # logging itself is imported only when a plugin is broken

    pluginlog.setup = _warnings_on_stderr


def _warnings_on_stderr(log: logging.Logger) -> None:
    import logging

    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("警告：%(message)s"))
        log.addHandler(handler)
        log.propagate = False


def main() -> None:
    from qaward.faces.cli.console import console_safe

    console_safe()
    startup.own_process = True
    cli(prog_name="qaward")
