"""The registry commands: ``qaward registry init|import|record|show|verify|log``, ``qaward
sanction`` and ``qaward recommend``. Registered in :mod:`qaward.faces.cli`.

SQLAlchemy and Alembic are imported inside the commands, so ``qaward check`` without a registry
starts as fast as before. A registry that cannot be used (missing, not initialised, unreachable)
exits 1 with a message; bad input exits 2 and changes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from qaward import io, ops
from qaward.catalog import default_catalog
from qaward.faces.cli.common import (
    DATE,
    encoding_option,
    handles_errors,
    refuse_overwriting_input,
)
from qaward.faces.cli.output import (
    emit_json,
    emit_sheets,
    jsonable,
    output_options,
    settings,
    table,
)
from qaward.faces.cli.registry_options import registry_errors, registry_option
from qaward.labels import AWARD_STATUS as STATUS_ZH
from qaward.labels import SANCTION_REASON as REASON_ZH
from qaward.labels import TIER as TIER_ZH

operator_option = click.option(
    "--operator",
    envvar="QAWARD_OPERATOR",
    default=None,
    metavar="NAME",
    help="经办人：记入每条审计记录（默认环境变量 QAWARD_OPERATOR，否则系统用户名）",
)


def _open(registry_url: str | None):
    from qaward.registry import Registry, resolve_url

    url, _ = resolve_url(registry_url)
    return Registry(url)


def _input(path: str) -> tuple[Any, str]:
    """A YAML/JSON document and the sha256 of its bytes (the audit's input digest)."""
    from qaward.registry.audit import digest

    data = io.read_document(path)
    return data, digest(Path(path).read_bytes())


def _emit_summary(data: dict[str, Any], fmt: str, style: str) -> None:
    if fmt == "json":
        return emit_json(data)
    rows = [
        (name, c.get("inserted", 0), c.get("updated", 0), c.get("unchanged", 0))
        for name, c in data["changes"].items()
    ]
    click.echo(f"登记簿 {data['registry']}")
    click.echo(table(rows, ["表", "新增", "更正", "未变"], style))
    click.echo(f"审计链头 {data['audit_head']}")


@click.group()
def registry() -> None:
    """登记簿：获奖、处理、禁止申报与推荐记录，每次写入均记入哈希链审计日志。"""


@registry.command("init")
@registry_option
@operator_option
@output_options()
@handles_errors
@registry_errors
def init(registry_url, operator, fmt, table_style) -> None:
    """创建登记簿，或将其结构升级到本程序的版本。"""
    data = ops.init(registry=registry_url, operator=operator)
    if fmt == "json":
        return emit_json(data)
    before, after, where = data["from"], data["to"], data["registry"]
    if before is None:
        click.echo(f"已创建登记簿 {where}（结构版本 {after}）")
    elif before != after:
        click.echo(f"已升级登记簿 {where}：结构版本 {before} → {after}")
    else:
        click.echo(f"登记簿 {where} 已是最新（结构版本 {after}）")


@registry.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--correct", is_flag=True, help="与登记簿不一致的记录按输入更正（记入审计）")
@encoding_option
@registry_option
@operator_option
@output_options()
@handles_errors
@registry_errors
def import_(file, correct, registry_url, operator, fmt, table_style) -> None:
    """导入获奖、处理与推荐记录（数据契约格式，每条带 credit_code）。"""
    data, digest = _input(file)
    changes = ops.import_records(
        data, correct=correct, registry=registry_url, operator=operator, digest=digest, where=file
    )
    _emit_summary(changes, fmt, table_style)


@registry.command("record")
@click.argument("evaluation_json", type=click.Path(dir_okay=False))
@click.option(
    "--granted-on",
    type=DATE,
    default=None,
    help="实际授奖日期：有效期与义务期限按此日重新计算（evaluate 的授奖日期为估计值时必填）",
)
@click.option("--correct", is_flag=True, help="与登记簿不一致的记录按输入更正（记入审计）")
@encoding_option
@registry_option
@operator_option
@output_options()
@handles_errors
@registry_errors
def record(evaluation_json, granted_on, correct, registry_url, operator, fmt, table_style) -> None:
    """记录一次 evaluate 的获奖单位：等次、奖金、有效期与义务。"""
    data, digest = _input(evaluation_json)
    changes = ops.record(
        data,
        granted_on=granted_on,
        correct=correct,
        registry=registry_url,
        operator=operator,
        digest=digest,
        where=evaluation_json,
    )
    _emit_summary(changes, fmt, table_style)


@registry.command("show")
@click.argument("credit_code")
@click.option("--as-of", type=DATE, default=None, help="查询日期（默认今天）")
@registry_option
@output_options(("table", "json", "csv", "xlsx"))
@handles_errors
@registry_errors
def show(credit_code, as_of, registry_url, fmt, table_style) -> None:
    """一个组织的获奖历史、有效的禁止申报、推荐记录与待履行义务。"""
    got = ops.show(credit_code, as_of, registry=registry_url)
    if fmt == "json":
        return emit_json(got)
    if fmt in ("csv", "xlsx"):
        from qaward.reports.sheets import registry_show_sheets

        return emit_sheets(registry_show_sheets(jsonable(got), settings().lang), fmt)
    _print_show(got, table_style)


def _print_show(got: dict[str, Any], style: str) -> None:
    click.echo(
        f"{got['name'] or '（名称未登记）'}（{got['credit_code']}）  查询日期 {got['as_of']}"
    )
    if not any(got[k] for k in ("awards", "sanctions", "recommendations")):
        click.echo("登记簿中没有该组织的记录")
        return
    sections: list[tuple[str, Any, list[str]]] = [
        (
            "获奖记录",
            [
                (
                    a["award_name"],
                    TIER_ZH.get(a["tier"], a["tier"]),
                    a["year"],
                    a["granted_on"],
                    a["last_day"] or "未规定",
                    STATUS_ZH[a["status"]]
                    + (f"（{a['revoked_clause']}）" if a["status"] == "revoked" else ""),
                    "" if a["yuan"] is None else a["yuan"],
                )
                for a in got["awards"]
            ],
            ["奖项", "等次", "年度", "授奖日", "有效期至", "状态", "奖金（元）"],
        ),
        (
            "处理记录",
            [
                (
                    s["award_name"],
                    REASON_ZH.get(s["reason"], s["reason"]),
                    s["decided_on"],
                    s["clause"] or "",
                )
                for s in got["sanctions"]
            ],
            ["奖项", "事由", "决定日", "条款"],
        ),
        (
            "禁止申报",
            [
                (
                    b["award_name"],
                    b["last_day"],
                    "有效" if b["in_force"] else "已满",
                    b["clause"] or "处理记录",
                )
                for b in got["bans"]
            ],
            ["禁止参加的奖项", "禁止至", "状态", "依据"],
        ),
        (
            "推荐记录",
            [
                (r["award_name"], r["by"], r["on"] or "", r["clause"] or "")
                for r in got["recommendations"]
            ],
            ["推荐申报", "推荐单位", "日期", "条款"],
        ),
        (
            "应履行义务（有效奖项）",
            [
                (
                    d["award_name"],
                    d["text"],
                    d["next_due"] or "无未到期限",
                    d["clause"] + ("（按规章推算）" if d["derived"] else ""),
                )
                for d in got["obligations"]
            ],
            ["奖项", "义务", "下一期限（不含）", "条款"],
        ),
    ]
    for title, rows, headers in sections:
        if rows:
            click.echo(f"\n{title}")
            click.echo(table(rows, headers, style))


@registry.command("verify")
@click.option(
    "--head",
    "known_head",
    default=None,
    metavar="HASH|FILE",
    help="此前记下的链头哈希，或 registry head --export 导出的链头声明文件：核对审计链未被截短或改写",
)
@registry_option
@output_options()
@handles_errors
@registry_errors
def verify(known_head, registry_url, fmt, table_style) -> None:
    """核对审计哈希链、密钥签名与每条数据记录（含存储类型）；发现问题时以 1 退出。"""
    statement = None
    if known_head and Path(known_head).is_file():
        statement = _statement(known_head)
        known_head = None
    data = ops.verify(known_head, statement, registry=registry_url)
    if fmt == "json":
        emit_json(data)
    else:
        click.echo(
            f"登记簿 {data['registry']}：审计记录 {data['audit_rows']} 条，"
            f"数据记录 {data['data_rows']} 条，链头 {data['head']}"
        )
        problems = data["problems"]
        for p in problems:
            click.echo(f"✗ {p}")
        click.echo("✓ 完整，未发现修改或删除" if not problems else f"发现 {len(problems)} 处问题")
        if not data["signed"]:
            click.echo(
                "⚠ 未配置审计密钥（QAWARD_AUDIT_KEY_FILE）：能直接写数据库者可重算整条链而不被发现；"
                "请配置密钥，并定期用 registry head --export 导出链头另行保存"
            )
    if not data["ok"]:
        sys.exit(1)


def _statement(path: str) -> dict:
    data = io.read_document(path)
    if not isinstance(data, dict):
        raise io.InputError(path, ["$: 应为 registry head --export 导出的链头声明（JSON 映射）"])
    return data


@registry.command("head")
@click.option(
    "--export",
    "export_file",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="将链头声明（有审计密钥时带签名）写入此文件，供评审办存档或公开",
)
@registry_option
@output_options(("json",))
@handles_errors
@registry_errors
def head(export_file, registry_url, fmt, table_style) -> None:
    """审计链头声明：末条审计记录的编号与哈希；日后用 registry verify --head FILE 核对。"""
    from qaward.registry import audit, shown
    from qaward.registry.keys import audit_key

    key = audit_key()
    reg = _open(registry_url)
    with reg.reading() as conn:
        statement = audit.head_statement(conn, shown(reg.url), key)
    if export_file:
        refuse_overwriting_input(export_file)
        Path(export_file).write_text(io.dumps(statement) + "\n", encoding="utf-8")
    emit_json(statement)


@registry.command("log")
@click.argument("credit_code", required=False)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@registry_option
@output_options(("table", "json", "csv"))
@handles_errors
@registry_errors
def log(credit_code, limit, registry_url, fmt, table_style) -> None:
    """审计日志（最新在前）：何时、由哪条命令、哪位经办人、依据哪个输入改了什么。"""
    data = ops.log(credit_code, limit, registry=registry_url)
    rows = data["entries"]
    if fmt == "json":
        return emit_json(data)
    if fmt == "csv":
        from qaward.reports.sheets import Sheet

        keys = ["id", "at", "command", "operator", "input_digest", "table_name", "row_key"]
        keys.append("action")
        sheet = Sheet("audit", keys, [[r[k] for k in keys] for r in jsonable(rows)])
        return emit_sheets([sheet], fmt)
    click.echo(
        table(
            [
                (
                    r["id"],
                    r["at"],
                    r["command"],
                    r["operator"] or "",
                    r["input_digest"][:12],
                    r["table_name"],
                    r["row_key"],
                    r["action"],
                )
                for r in rows
            ],
            ["#", "时间（UTC）", "命令", "经办人", "输入摘要", "表", "记录", "操作"],
            table_style,
        )
    )


# --- qaward sanction ---------------------------------------------------------------------------


@click.command("sanction")
@click.argument("case_file", type=click.Path(dir_okay=False))
@click.option("--record", "record_it", is_flag=True, help="将撤销与由此产生的禁止申报记入登记簿")
@encoding_option
@registry_option
@operator_option
@output_options()
@handles_errors
@registry_errors
def sanction(case_file, record_it, registry_url, operator, fmt, table_style) -> None:
    """按授奖管辖区的规定判断一个处理案件：撤销、追缴、公告、禁止申报及其条款。"""
    from qaward.sanction import VERDICT_ZH, Verdict

    data, digest = _input(case_file)
    out = ops.sanction(
        data,
        record=record_it,
        registry=registry_url,
        operator=operator,
        digest=digest,
        where=case_file,
    )
    if fmt == "json":
        return emit_json(out)
    case = out["case"]
    click.echo(
        f"{case['name'] or case['credit_code'] or ''} {case['award']} {case['year']}年"
        f"{TIER_ZH.get(case['tier'], case['tier'])}；事件：{case['event']['text']}"
        f"（{case['event']['date']}）；决定日 {case['decided_on']}"
    )
    cited = f"  {out['citation']}" if out["citation"] else ""
    click.echo(f"结论：{VERDICT_ZH[Verdict(out['verdict'])]}{cited}")
    click.echo(out["message"])
    if out["bans"]:
        rows = [(b["award_name"], b["last_day"]) for b in out["bans"]]
        click.echo(table(rows, ["禁止参加的奖项", "禁止至"], table_style))
    for w in out["warnings"]:
        click.echo(f"⚠ {w['text']}")
    if record_it:
        click.echo("已记入登记簿" if out["recorded"] is not None else "没有处理决定，未写入登记簿")


def _award_name(catalog, award_id: str) -> str:
    award = catalog.award(award_id)
    return award.name if award else award_id


# --- qaward recommend --------------------------------------------------------------------------


@click.command("recommend")
@click.option("--from", "from_award", required=True, help="推荐来源奖项（如 ganzhou_kfq）")
@click.option("--to", "to_award", required=True, help="推荐申报的奖项（如 ganzhou_city）")
@click.option("--as-of", type=DATE, default=None, help="推荐日期（默认今天）")
@click.option("--by", "by", default=None, help="推荐单位（默认来源管辖区名称）")
@click.option("--dry-run", is_flag=True, help="只列出候选，不写入登记簿")
@registry_option
@operator_option
@output_options()
@handles_errors
@registry_errors
def recommend(
    from_award, to_award, as_of, by, dry_run, registry_url, operator, fmt, table_style
) -> None:
    """将来源奖项仍在有效期内的获奖单位作为上级奖项的候选，并记为推荐（如 KFQ-21）。"""
    data = ops.recommend(
        from_award,
        to_award,
        as_of,
        by,
        dry_run=dry_run,
        registry=registry_url,
        operator=operator,
        where="recommend",
    )
    if fmt == "json":
        return emit_json(data)
    catalog = default_catalog()
    click.echo(
        f"{_award_name(catalog, from_award)} → {_award_name(catalog, to_award)}  "
        f"{data['as_of']}  推荐单位：{data['by']}"
    )
    rows = data["candidates"]
    click.echo(
        table(
            [
                (
                    r["credit_code"],
                    r["name"] or "",
                    r["year"],
                    r["last_day"] or "未规定",
                    {True: "有效", False: "已期满", None: "未知"}[r["valid"]],
                    r["citation"],
                )
                for r in rows
            ],
            ["统一社会信用代码", "名称", "获奖年度", "有效期至", "是否仍在有效期内", "依据"],
            table_style,
        )
    )
    if data["recorded"] is not None:
        new = data["recorded"].get("recommendations", {}).get("inserted", 0)
        click.echo(f"已记为推荐 {new} 条（已有 {len(rows) - new} 条）")
