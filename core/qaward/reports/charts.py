"""Charts for the printable cycle report, drawn by matplotlib as SVG and inlined in the page.

Text stays text in the SVG (``svg.fonttype = none``), so the browser draws the Chinese with its
own fonts and nothing is fetched. Each chart reads the cycle report's JSON only. matplotlib is
imported here, and this module only by the ``report`` command.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from typing import Any

from qaward import labels

CJK_FONTS = [
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "DejaVu Sans",
]
BLUE, GREEN, GREY, ORANGE, RED = "#1f5fa8", "#3a8f4b", "#9aa5b1", "#e08a1e", "#b03a2e"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # no display; before pyplot
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "svg.fonttype": "none",
            "font.family": "sans-serif",
            "font.sans-serif": CJK_FONTS,
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return plt


def _svg(fig, salt: str) -> str:
    """The figure as an inline <svg> element (ids salted per chart so several can share a
    page), without the XML prologue."""
    plt = _pyplot()
    buf = io.StringIO()
    with plt.rc_context({"svg.hashsalt": salt}), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # glyph metrics of a missing CJK font: the browser draws
        fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buf.getvalue()
    svg = text[text.index("<svg") :]
    return re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)


def _short(name: str, n: int = 14) -> str:
    return name if len(name) <= n else name[: n - 1] + "…"


def places_chart(data: dict[str, Any]) -> str | None:
    """Places per tier: awarded, held for the committee, vacant (stacked, the quota marked)."""
    if not data["places"]:
        return None
    plt = _pyplot()
    places = data["places"]
    fig, ax = plt.subplots(figsize=(7.2, 0.5 * len(places) + 1.0))
    tiers = [labels.TIER[p["tier"]] for p in places]
    left = [0] * len(places)
    for key, color, label in (
        ("awarded", BLUE, "授予"),
        ("held", ORANGE, "并列待评委会决定"),
        ("vacant", GREY, "空缺"),
    ):
        counts = [p[key] for p in places]
        ax.barh(tiers, counts, left=left, color=color, label=label, height=0.55)
        left = [a + b for a, b in zip(left, counts, strict=True)]
    for y, p in enumerate(places):
        ax.text(p["places"] + 0.1, y, f"名额{p['places']}（{p['clause']}）", va="center")
    ax.invert_yaxis()
    ax.set_xlim(0, max(p["places"] for p in places) * 1.6 + 1)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, fontsize=7, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.25))
    ax.set_title("名额使用")
    return _svg(fig, "places")


def category_chart(data: dict[str, Any]) -> str | None:
    """Winners per tier and category (the category caps of CITY-6, HC-6 apply to these)."""
    categories: dict[str, int] = {}
    for w in data["winners"]:
        cat = w["category"] or labels.SECTOR.get(w["sector"] or "", "") or "未分类"
        key = f"{labels.TIER[w['tier']]}·{cat}"
        categories[key] = categories.get(key, 0) + 1
    if not categories:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.2, 0.45 * len(categories) + 0.9))
    names = list(categories)
    ax.barh(names, [categories[n] for n in names], color=GREEN, height=0.55)
    for y, n in enumerate(names):
        ax.text(categories[n], y, f" {categories[n]}", va="center")
    ax.invert_yaxis()
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title("各奖项、类别的获奖组织数")
    return _svg(fig, "categories")


def money_chart(data: dict[str, Any]) -> str | None:
    """Money per winner, with the total."""
    rows = [m for m in data["rewards"] if m["yuan"] is not None]
    if not rows:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.2, 0.45 * len(rows) + 0.9))
    names = [_short(m["name"], 16) for m in rows]
    values = [m["yuan"] / 10_000 for m in rows]
    ax.barh(names, values, color=BLUE)
    ax.invert_yaxis()
    for y, v in enumerate(values):
        ax.text(v, y, f" {v:g}万元", va="center")
    ax.set_xlabel("万元")
    ax.set_xlim(0, max(values + [1]) * 1.25)
    ax.set_title(f"奖金（合计 {data['total_yuan'] / 10_000:g} 万元）")
    return _svg(fig, "money")


def _day(value: Any) -> dt.date:
    return dt.date.fromisoformat(str(value))


def timeline_chart(data: dict[str, Any]) -> str | None:
    """Validity of each winner's award with its obligations' due dates, and the publicity
    period, on one calendar."""
    import matplotlib.dates as mdates

    spans = [
        (v, _day(v["from"]), _day(v["last_day"]) if v.get("last_day") else None)
        for v in data["validity"]
        if v["from"]
    ]
    if not spans:
        return None
    plt = _pyplot()
    names = {a["credit_code"]: a["name"] for a in data["applications"]}
    fig, ax = plt.subplots(figsize=(7.2, 0.42 * len(spans) + 1.2))
    ends: list[dt.date] = []
    for y, (v, first, last) in enumerate(spans):
        end = last or (first + dt.timedelta(days=365))
        ends.append(end)
        style = {"color": BLUE} if last else {"color": GREY, "hatch": "//", "alpha": 0.5}
        ax.barh(y, (end - first).days, left=mdates.date2num(first), height=0.5, **style)
        ax.text(
            mdates.date2num(end),
            y,
            f" {last.isoformat()}" if last else " 未规定有效期",
            va="center",
        )
        for o in data["obligations"]:
            if o["credit_code"] == v["credit_code"]:
                due = [mdates.date2num(_day(d)) for d in o["due"]]
                ax.plot(due, [y] * len(due), "v", color=RED, markersize=6)
    ax.set_yticks(range(len(spans)))
    ax.set_yticklabels(
        [
            f"{_short(names.get(v['credit_code'], v['credit_code']), 12)}·{labels.TIER_SHORT[v['tier']]}"
            for v, _, _ in spans
        ]
    )
    ax.invert_yaxis()
    p = data.get("publicity")
    if p:
        ax.axvspan(
            mdates.date2num(_day(p["first_day"])),
            mdates.date2num(_day(p["last_day"]) + dt.timedelta(days=1)),
            color=ORANGE,
            alpha=0.35,
            label="公示期",
        )
    ax.plot([], [], "v", color=RED, label="义务期限")
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlim(right=mdates.date2num(max(ends)) + 200)
    ax.legend(frameon=False, fontsize=7, ncols=2, loc="upper center", bbox_to_anchor=(0.5, -0.12))
    ax.set_title("有效期与义务期限")
    return _svg(fig, "timeline")


def check_chart(data: dict[str, Any]) -> str | None:
    """A check: findings met, not met and undetermined per award."""
    if not data["results"]:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.2, 0.45 * len(data["results"]) + 0.9))
    names = [_short(r["award"], 14) for r in data["results"]]
    left = [0] * len(names)
    for passed, color, label in (
        (True, GREEN, "符合"),
        (False, RED, "不符合"),
        (None, GREY, "待定"),
    ):
        counts = [sum(f["passed"] is passed for f in r["findings"]) for r in data["results"]]
        ax.barh(names, counts, left=left, color=color, label=label)
        left = [a + b for a, b in zip(left, counts, strict=True)]
    ax.invert_yaxis()
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, fontsize=7, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.12))
    ax.set_title("各奖项条件的判断结果（条数）")
    return _svg(fig, "check")
