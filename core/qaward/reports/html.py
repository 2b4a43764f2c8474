"""One self-contained, printable HTML page for a cycle (or a check): the decisions with their
clauses and citations, and the charts inlined as SVG. No script, no stylesheet, font or image
is fetched: the page prints the same on a machine without network.

Rendered from the JSON results (``evaluate`` / ``check`` with ``--format json``), never
recomputed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from qaward import labels
from qaward.reports import charts
from qaward.reports.cite import registry_sentence, short_document, shorten

CSS = """
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       "WenQuanYi Zen Hei", sans-serif; font-size: 10pt; color: #1b1f24; margin: 0 auto;
       max-width: 186mm; line-height: 1.45; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; border-bottom: 1.5pt solid #1f5fa8; margin: 6mm 0 2mm; padding-bottom: 1mm;
     break-after: avoid; }
.meta { color: #4a5561; margin: 0 0 1mm; }
.summary { display: flex; gap: 4mm; margin: 3mm 0; }
.summary div { border: 0.6pt solid #c7ced6; border-radius: 2mm; padding: 2mm 3mm; flex: 1; }
.summary b { display: block; font-size: 14pt; color: #1f5fa8; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; font-size: 9pt; }
thead { display: table-header-group; }
th, td { border: 0.5pt solid #c7ced6; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eef2f6; white-space: nowrap; }
td.nw { white-space: nowrap; }
tr { break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; }
.chart { break-inside: avoid; margin: 2mm 0 4mm; }
.chart svg { width: 100%; height: auto; }
.ok { color: #2d7a3e; } .no { color: #b03a2e; } .open { color: #8a6d00; }
.warn { background: #fff6e0; border-left: 2pt solid #e08a1e; padding: 1mm 2mm; margin: 1mm 0; }
footer { margin-top: 6mm; color: #6b7680; font-size: 8pt; }
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    numeric: frozenset[int] | set[int] = frozenset(),
    nowrap: frozenset[int] | set[int] = frozenset(),
) -> str:
    """A table; cells are HTML already escaped, except ``numeric`` ones (escaped here)."""
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)

    def cell(i: int, c: Any) -> str:
        if i in numeric:
            return f'<td class="num">{_e(c)}</td>'
        return f'<td class="nw">{c}</td>' if i in nowrap else f"<td>{c}</td>"

    body = "".join(
        "<tr>" + "".join(cell(i, c) for i, c in enumerate(row)) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _chart(svg: str | None, caption: str) -> str:
    if not svg:
        return ""
    return f'<figure class="chart" aria-label="{_e(caption)}">{svg}</figure>'


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head>"
        f"<body>{body}<footer>qaward 生成；每项结论注明所依据的条款。</footer></body></html>\n"
    )


def _yuan(n: int | None) -> str:
    return "—" if n is None else f"{n:,}"


def _status(status: str) -> str:
    cls = {"eligible": "ok", "ineligible": "no"}.get(status, "open")
    return f'<span class="{cls}">{_e(labels.CHECK_STATUS[status])}</span>'


def cycle_page(data: dict[str, Any]) -> str:
    """The committee's page for a cycle report (``evaluate --format json``)."""
    doc = data["document"]
    cite = lambda c: _e(shorten(c, doc))  # noqa: E731
    short = "" if short_document(doc) == doc else "（下称“本办法”）"
    names = {a["credit_code"]: a["name"] for a in data["applications"]}
    tier = labels.TIER
    out = [
        f"<h1>{_e(data['award_name'])} {_e(data['year'])}年度评审</h1>",
        f'<p class="meta">{_e(doc)}{short}　[{_e(data["award"])}]</p>',
        f'<p class="meta">判断日期 {_e(data["as_of"])}　授奖日期 {_e(data["granted_on"])}'
        f"{'（估计）' if data['granted_on_estimated'] else ''}</p>",
    ]
    if data.get("registry"):
        out.append(f'<p class="meta">{_e(registry_sentence(data["registry"]))}</p>')
    eligible = sum(a["status"] == "eligible" for a in data["applications"])
    out.append(
        '<div class="summary">'
        f"<div>申报<b>{len(data['applications'])}</b></div>"
        f"<div>符合条件<b>{eligible}</b></div>"
        f"<div>获奖<b>{len(data['winners'])}</b></div>"
        f"<div>奖金合计（元）<b>{_yuan(data['total_yuan'])}</b></div></div>"
    )

    out.append("<h2>图表</h2>")
    out.append(_chart(charts.places_chart(data), "名额使用"))
    out.append(_chart(charts.category_chart(data), "各类别获奖组织数"))
    out.append(_chart(charts.money_chart(data), "奖金"))
    out.append(_chart(charts.timeline_chart(data), "有效期与义务"))

    out.append("<h2>一、资格审查</h2>")
    rows = []
    for a in data["applications"]:
        shown = False if a["status"] == "ineligible" else None
        reasons = "<br>".join(
            f"{_e(f['rule'])} {_e(f['message'])}（{cite(f['citation'])}）"
            for f in a["findings"]
            if f["passed"] is shown
        )
        rows.append(
            (
                a["index"] + 1,
                _e(a["name"]),
                _e(a["credit_code"]),
                _e(tier[a["tier"]]),
                _status(a["status"]),
                reasons or "—",
            )
        )
    out.append(
        _table(
            ["序号", "申报组织", "统一社会信用代码", "奖项", "结论", "不符合/待定的条款"],
            rows,
            {0},
            {2, 3, 4},
        )
    )

    out.append("<h2>二、评分与排名</h2>")
    out.append(
        _table(
            ["奖项", "名次", "申报组织", "总分", "结果", "说明"],
            (
                (
                    _e(tier[r["tier"]]),
                    r["rank"],
                    _e(r["name"]),
                    r["score"],
                    _e(labels.OUTCOME.get(r["outcome"] or "", "")),
                    _e(r["reason"]),
                )
                for r in data["ranking"]
            ),
            {1, 3},
            {0, 4},
        )
        if data["ranking"]
        else "<p>（无进入排名的申报组织）</p>"
    )

    out.append("<h2>三、获奖名单</h2>")
    out.append(
        _table(
            ["奖项", "类别", "名次", "获奖组织", "占名额", "依据"],
            (
                (
                    _e(tier[w["tier"]]),
                    _e(w["category"] or labels.SECTOR.get(w["sector"] or "", "—")),
                    w["rank"],
                    _e(w["name"]),
                    "是" if w["counts_against_quota"] else "否（再次获奖不占名额）",
                    f"{_e(w['clause'])} {cite(w['citation'])}",
                )
                for w in data["winners"]
            ),
            {2},
            {0, 4},
        )
    )
    for p in data["places"]:
        held = f"，待评委会决定{p['held']}个" if p["held"] else ""
        out.append(
            f"<p>{_e(tier[p['tier']])}：名额{p['places']}个，授予{p['awarded']}个{held}，"
            f"空缺{p['vacant']}个（{_e(p['clause'])}）</p>"
        )

    out.append("<h2>四、奖金</h2>")
    out.append(
        _table(
            ["获奖组织", "奖项", "金额（元）", "依据", "说明"],
            (
                (
                    _e(m["name"]),
                    _e(tier[m["tier"]]),
                    _yuan(m["yuan"]),
                    f"{_e(m['clause'])} {cite(m['citation'])}",
                    _e(m["text"]),
                )
                for m in data["rewards"]
            ),
            {2},
            {1},
        )
    )
    out.append(f"<p>奖金合计：<b>{_yuan(data['total_yuan'])}</b> 元</p>")

    out.append("<h2>五、有效期与义务</h2>")
    out.append(
        _table(
            ["获奖组织", "奖项", "自", "有效期至（含）", "依据"],
            (
                (
                    _e(names.get(v["credit_code"], v["credit_code"])),
                    _e(tier[v["tier"]]),
                    _e(v["from"]),
                    _e(v.get("last_day") or v.get("note") or "未规定"),
                    f"{_e(v['clause'])} {cite(v['citation'])}",
                )
                for v in data["validity"]
            ),
            nowrap={1, 2},
        )
    )
    if data["obligations"]:
        out.append(
            _table(
                ["获奖组织", "义务", "期限", "依据"],
                (
                    (
                        _e(names.get(o["credit_code"], o["credit_code"])),
                        _e(o["text"]),
                        _e("、".join(o["due"]) or "—"),
                        f"{_e(o['clause'])} {cite(o['citation'])}",
                    )
                    for o in data["obligations"]
                ),
            )
        )

    out.append("<h2>六、公示</h2>")
    p = data["publicity"]
    if p is None:
        out.append("<p>未计算公示期（见提示）</p>")
    else:
        out.append(
            f"<p>公示期 <b>{_e(p['first_day'])} 至 {_e(p['last_day'])}</b>"
            f"（{_e(p['required'])}，{_e(p['clause'])} {cite(p['citation'])}）</p>"
            f"<p>{_e(p['text'])}</p>"
        )

    out.append("<h2>七、提示</h2>")
    out.extend(f'<p class="warn">{_e(w["text"])}</p>' for w in data["warnings"])
    if not data["warnings"]:
        out.append("<p>无</p>")
    return _page(f"{data['award_name']} {data['year']}年度评审", "".join(out))


def check_page(data: dict[str, Any]) -> str:
    """The page for one organisation checked against the awards (``check --format json``)."""
    out = [
        f"<h1>{_e(data['organization'])} 申报资格检查</h1>",
        f'<p class="meta">统一社会信用代码 {_e(data["credit_code"])}　判断日期 {_e(data["as_of"])}</p>',
    ]
    if data.get("registry"):
        out.append(f'<p class="meta">{_e(registry_sentence(data["registry"]))}</p>')
    out.append(_chart(charts.check_chart(data), "各奖项条件的判断结果"))
    for r in data["results"]:
        doc = r["document"]
        short = "" if short_document(doc) == doc else "（下称“本办法”）"
        out.append(f"<h2>{_e(r['award'])}：{_status(r['status'])}</h2>")
        out.append(f'<p class="meta">{_e(doc)}{short}　[{_e(r["jurisdiction"])}]</p>')
        out.append(
            _table(
                ["条款", "结果", "依据", "说明"],
                (
                    (
                        _e(f["rule"]),
                        _e(labels.MARK[f["passed"]]),
                        _e(shorten(f["citation"], doc)),
                        _e(f["message"]),
                    )
                    for f in r["findings"]
                ),
                nowrap={0, 1},
            )
        )
        out.extend(f'<p class="warn">{_e(w["text"])}</p>' for w in r.get("warnings", []))
    return _page(f"{data['organization']} 申报资格检查", "".join(out))
