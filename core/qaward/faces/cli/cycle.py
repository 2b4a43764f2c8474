"""``qaward evaluate CYCLE_FILE``: a whole award cycle, printed for the committee.

The table is what a reviewer hands round: eligibility with reasons, the ranking, the winners by
tier and category, the money, validity and obligations, the publicity dates and the warnings.
``--format json`` is the report of :mod:`qaward.cycle`; ``--format csv`` one row per application.
Registered on the ``qaward`` group in :mod:`qaward.faces.cli`.
"""

from __future__ import annotations

from typing import Any

import click

from qaward import io, labels, ops
from qaward.cycle.selection import TIER_ZH
from qaward.engine import STATUS_ZH, Status
from qaward.faces.cli.calendar import holidays_option
from qaward.faces.cli.common import encoding_option, handles_errors
from qaward.faces.cli.output import (
    emit_json,
    emit_sheets,
    jsonable,
    output_options,
    settings,
    short_document,
    shorten,
    table,
    wrap,
)
from qaward.faces.cli.registry_options import reads_registry, registry_errors, registry_value
from qaward.model import Sector, Tier
from qaward.reports.cite import registry_sentence
from qaward.rules import SECTOR_ZH

OUTCOME_ZH: dict[Any, str] = {**labels.OUTCOME, None: ""}


@click.command()
@click.argument("cycle_file", type=click.Path(dir_okay=False))
@reads_registry  # the registry's history: bans, repeat gaps, earlier awards (cross-level)
@encoding_option
@output_options(("table", "json", "csv", "xlsx"))
@handles_errors
@holidays_option  # notices for years the holiday package lacks
@registry_errors
def evaluate(cycle_file: str, registry_url: str | None, fmt: str, table_style: str) -> None:
    """评审一届质量奖：资格、评分排名、获奖名单、奖金、有效期与义务、公示期。"""
    data = run_cycle(cycle_file, registry_url)
    if fmt == "json":
        return emit_json(data)
    used = registry_sentence(data["registry"])
    if fmt in ("csv", "xlsx"):
        from qaward.reports.sheets import evaluate_sheets

        return emit_sheets(evaluate_sheets(jsonable(data), settings().lang), fmt, used)
    click.echo(wrap(render(data, table_style, used)))


def run_cycle(cycle_file: str, registry_url: str | None) -> dict[str, Any]:
    """The ``evaluate`` document of a cycle file (the registry's history merged, and named).
    Shared by ``evaluate`` and ``report``."""
    return ops.evaluate(
        io.load_cycle(cycle_file),  # YAML, JSON or an .xlsx workbook; organization_file read here
        registry=registry_value(registry_url),
        where=cycle_file,
    )


def _grouped(items: list[dict], cells, names: dict[str, str], winners: list[str]) -> list[tuple]:
    """One row per distinct content, naming the organisations it applies to."""
    groups: dict[tuple, list[str]] = {}
    for item in items:
        groups.setdefault(cells(item), []).append(item["credit_code"])
    rows = []
    for content, codes in groups.items():
        codes = list(dict.fromkeys(codes))
        who = (
            f"全部{len(codes)}家获奖组织"
            if len(codes) > 1 and set(codes) == set(winners)
            else "、".join(names[c] for c in codes)
        )
        rows.append((who, *content))
    return rows


def _explain(r: dict[str, Any]) -> str:
    """The ranking's note: how an equal score was broken, then the decision."""
    reason = "并列，提请评委会决定（见提示）" if r["outcome"] == "tied" else r["reason"]
    if r["tie_break"] == ["—"]:
        return f"同分，不符合优先条件；{reason}"
    if r["tie_break"]:
        return f"同分，按{'、'.join(r['tie_break'])}优先；{reason}"
    return reason


def _yuan(n: int | None) -> str:
    return "" if n is None else f"{n:,}"


def _iso(d: Any) -> str:
    return d.isoformat() if d is not None else "—"


def render(data: dict[str, Any], style: str = "simple", registry: str = "") -> str:
    """The committee's printout of a cycle report."""
    out: list[str] = []
    say = out.append
    names = {a["credit_code"]: a["name"] for a in data["applications"]}
    granted = _iso(data["granted_on"]) + ("（估计）" if data["granted_on_estimated"] else "")
    doc = data["document"]
    short = "" if short_document(doc) == doc else "（下称“本办法”）"
    say(f"{data['award_name']} {data['year']}年度评审  [{data['award']}]  {doc}{short}")
    say(f"判断日期 {_iso(data['as_of'])}  授奖日期 {granted}")
    if registry:
        say(registry)

    say("\n一、资格审查")
    rows: list[tuple[Any, ...]] = []
    for a in data["applications"]:
        status = Status(a["status"])
        reasons = [
            f"{f['rule']} {f['message']}"
            for f in a["findings"]
            if f["passed"] is (False if status is Status.ineligible else None)
        ]
        rows.append(
            (
                a["index"] + 1,
                a["name"],
                a["credit_code"],
                TIER_ZH[Tier(a["tier"])],
                STATUS_ZH[status],
                "\n".join(reasons) or "—",
            )
        )
    say(
        table(
            rows,
            ["序号", "申报组织", "统一社会信用代码", "奖项", "结论", "不符合/待定的条款与理由"],
            style,
        )
    )

    say("\n二、评分与排名")
    rows = [
        (
            TIER_ZH[Tier(r["tier"])],
            r["rank"],
            r["name"],
            r["score"],
            "、".join(r["preferences"]) or "—",
            OUTCOME_ZH[r["outcome"]],
            _explain(r),
        )
        for r in data["ranking"]
    ]
    say(
        table(rows, ["奖项", "名次", "申报组织", "总分", "优先条件", "结果", "说明"], style)
        if rows
        else "（无进入排名的申报组织）"
    )

    say("\n三、获奖名单")
    rows = [
        (
            TIER_ZH[Tier(w["tier"])],
            w["category"] or (SECTOR_ZH[Sector(w["sector"])] if w["sector"] else "—"),
            w["rank"],
            w["name"],
            "是" if w["counts_against_quota"] else "否（再次获奖不占名额）",
            f"{w['clause']} {shorten(w['citation'], doc)}",
        )
        for w in data["winners"]
    ]
    say(
        table(rows, ["奖项", "类别", "名次", "获奖组织", "占名额", "依据"], style)
        if rows
        else "（无获奖组织）"
    )
    for p in data["places"]:
        held = f"，待评委会决定{p['held']}个" if p["held"] else ""
        say(
            f"{TIER_ZH[Tier(p['tier'])]}：名额{p['places']}个，授予{p['awarded']}个{held}，空缺{p['vacant']}个（{p['clause']}）"
        )

    say("\n四、奖金")
    rows = [
        (
            m["name"],
            TIER_ZH[Tier(m["tier"])],
            _yuan(m["yuan"]),
            f"{m['clause']} {shorten(m['citation'], doc)}",
            m["text"],
        )
        for m in data["rewards"]
    ]
    if rows:
        say(table(rows, ["获奖组织", "奖项", "金额（元）", "依据", "说明"], style))
    say(f"奖金合计：{_yuan(data['total_yuan'])} 元")

    say("\n五、有效期、义务与再次申报（同样内容的获奖组织合并为一行）")
    winners = [w["credit_code"] for w in data["winners"]]
    sections = (
        (
            "validity",
            ["获奖组织", "自", "有效期至", "依据"],
            lambda v: (
                _iso(v["from"]),
                _iso(v["last_day"]) if v["last_day"] else (v["note"] or "未规定"),
                f"{v['clause']} {shorten(v['citation'], doc)}",
            ),
        ),
        (
            "obligations",
            ["获奖组织", "义务", "期限（至此日，含）", "条款"],
            lambda o: (o["text"], "、".join(_iso(d) for d in o["due"]) or "—", o["clause"]),
        ),
        (
            "may_apply_again",
            ["获奖组织", "最早可再次申报的届次", "说明", "条款"],
            lambda a: (a["year"], a["text"], a["clause"]),
        ),
    )
    for key, headers, cells in sections:
        rows = _grouped(data[key], cells, names, winners)
        if rows:
            say(table(rows, headers, style))
    if not (data["validity"] or data["obligations"] or data["may_apply_again"]):
        say("—")

    say("\n六、公示")
    p = data["publicity"]
    if p is None:
        say("未计算公示期（见提示）")
    else:
        say(
            f"公示期 {_iso(p['first_day'])} 至 {_iso(p['last_day'])}（{p['required']}，{p['clause']} {p['citation']}）"
        )
        say(p["text"])

    say("\n七、提示")
    say("\n".join(f"⚠ {w['text']}" for w in data["warnings"]) or "无")
    return "\n".join(out)
