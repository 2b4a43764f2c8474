"""Tabular views of the operations' JSON results: the rows CSV and Excel write.

Each builder takes a command's JSON result (what ``--format json`` prints) and returns sheets;
nothing is recomputed here. Headers and enumeration values come from :mod:`qaward.labels` in
Chinese, or in English with ``lang="en"``; numbering is 1-based, as a reviewer counts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import define

from qaward import labels


@define
class Sheet:
    title: str  # an Excel sheet name (≤ 31 characters) and the CSV's block title
    columns: list[str]  # keys of labels.COLUMNS, or literal headers
    rows: list[list[Any]]

    def headers(self, lang: str = "zh") -> list[str]:
        return [labels.header(c, lang) if c in labels.COLUMNS else c for c in self.columns]


def _lab(catalogue: dict[str, str], lang: str) -> Callable[[Any], str]:
    return lambda v: "" if v is None else (str(v) if lang == "en" else catalogue.get(v, str(v)))


def _yes(v: Any, lang: str) -> str:
    if v is None or v == "":
        return ""
    return ("yes" if v else "no") if lang == "en" else ("是" if v else "否")


def _mark(passed: bool | None, lang: str) -> str:
    if lang == "en":
        return {True: "pass", False: "fail", None: "undetermined"}[passed]
    return labels.MARK[passed]


def check_sheets(data: dict[str, Any], lang: str = "zh") -> list[Sheet]:
    """``qaward check``: one row per finding, every jurisdiction in one sheet."""
    status = _lab(labels.CHECK_STATUS, lang)
    rows: list[list[Any]] = []
    for r in data["results"]:
        for f in r["findings"]:
            rows.append(
                [
                    len(rows) + 1,
                    r["jurisdiction"],
                    r["award"],
                    status(r["status"]),
                    f["rule"],
                    _mark(f["passed"], lang),
                    f["citation"],
                    f["message"],
                ]
            )
    cols = ["no", "jurisdiction", "award", "status", "clause", "result", "citation", "message"]
    title = "资格检查" if lang == "zh" else "check"
    return [Sheet(title, cols, rows)]


def compare_sheets(data: dict[str, Any], lang: str = "zh") -> list[Sheet]:
    """``qaward compare``: terms down, jurisdictions across (as the JSON gives them)."""
    ids = data["jurisdictions"]
    rows = [[r["term"], *(r["values"][j] for j in ids)] for r in data["rows"]]
    return [Sheet("比较" if lang == "zh" else "compare", ["term", *ids], rows)]


def clauses_sheets(rows: list[dict[str, Any]], lang: str = "zh") -> list[Sheet]:
    disposition = _lab(labels.DISPOSITION, lang)
    out = [
        [
            i,
            r["clause"],
            r["jurisdiction"],
            r["document"],
            r["article"],
            disposition(r["status"]),
            ", ".join(r["encoded_by"]) or r["reason"],
            len(r["tests"]),
            r["summary"],
        ]
        for i, r in enumerate(rows, 1)
    ]
    cols = ["no", "clause", "jurisdiction", "document", "article", "status", "encoded_by"]
    return [Sheet("条款" if lang == "zh" else "clauses", [*cols, "tests", "summary"], out)]


def jurisdictions_sheets(rows: list[dict[str, Any]], lang: str = "zh") -> list[Sheet]:
    level, status = _lab(labels.LEVEL, lang), _lab(labels.REGULATION_STATUS, lang)
    out = [
        [
            i,
            r["id"],
            r["award"],
            level(r["level"]),
            r["parent"] or "",
            r["division_code"] or "",
            r["document"],
            status(r["status"]),
            r["effective_from"] or "",
            r["plugin"],
        ]
        for i, r in enumerate(rows, 1)
    ]
    cols = ["no", "jurisdiction", "award", "level", "parent", "division_code", "document"]
    title = "管辖区" if lang == "zh" else "jurisdictions"
    return [Sheet(title, [*cols, "status", "effective_from", "plugin"], out)]


def _by(items: list[dict], key: str = "tier") -> dict[tuple, dict]:
    return {(i["credit_code"], i[key]): i for i in items}


def evaluate_sheets(data: dict[str, Any], lang: str = "zh") -> list[Sheet]:
    """``qaward evaluate``: one row per application with its outcome, money and validity."""
    tier, status = _lab(labels.TIER, lang), _lab(labels.CHECK_STATUS, lang)
    outcome = _lab(labels.OUTCOME, lang)
    ranked, winners = _by(data["ranking"]), _by(data["winners"])
    money, valid = _by(data["rewards"]), _by(data["validity"])
    rows = []
    for a in data["applications"]:
        key = (a["credit_code"], a["tier"])
        r, w, m, v = ranked.get(key), winners.get(key), money.get(key), valid.get(key)
        failed = [f"{f['rule']} {f['message']}" for f in a["findings"] if f["passed"] is not True]
        rows.append(
            [
                a["index"] + 1,
                a["credit_code"],
                a["name"],
                tier(a["tier"]),
                status(a["status"]),
                a["score"],
                r["rank"] if r else "",
                outcome(r["outcome"]) if r else "",
                _yes(w["counts_against_quota"], lang) if w else "",
                m["yuan"] if m else "",
                v["from"] if v else "",
                _last_day(v) if v else "",
                (w or r or {}).get("clause", ""),
                "；".join(failed + ([r["reason"]] if r and r["reason"] else [])),
            ]
        )
    cols = ["no", "credit_code", "name", "tier", "status", "score", "rank", "outcome"]
    cols += ["counts_against_quota", "yuan", "valid_from", "valid_last_day", "clause", "reasons"]
    return [Sheet("评审结果" if lang == "zh" else "cycle", cols, rows)]


def _last_day(v: dict[str, Any]) -> str:
    """The validity's last day, inclusive (older results give ``until``, exclusive)."""
    if v.get("last_day"):
        return v["last_day"]
    if v.get("until"):
        import datetime as dt

        return (dt.date.fromisoformat(str(v["until"])) - dt.timedelta(days=1)).isoformat()
    return v.get("note") or ""


def registry_show_sheets(got: dict[str, Any], lang: str = "zh") -> list[Sheet]:
    """``qaward registry show``: awards, sanctions, bans, recommendations, obligations."""
    tier, status = _lab(labels.TIER, lang), _lab(labels.AWARD_STATUS, lang)
    reason = _lab(labels.SANCTION_REASON, lang)
    en = lang == "en"
    return [
        Sheet(
            "awards" if en else "获奖记录",
            ["award", "tier", "year", "granted_on", "valid_until", "status", "yuan"],
            [
                [
                    a["award_name"],
                    tier(a["tier"]),
                    a["year"],
                    a["granted_on"],
                    a["valid_until"] or "",
                    status(a["status"]),
                    a["yuan"] if a["yuan"] is not None else "",
                ]
                for a in got["awards"]
            ],
        ),
        Sheet(
            "sanctions" if en else "处理记录",
            ["award", "reasons", "date", "clause"],
            [
                [s["award_name"], reason(s["reason"]), s["decided_on"], s["clause"] or ""]
                for s in got["sanctions"]
            ],
        ),
        Sheet(
            "bans" if en else "禁止申报",
            ["award", "until", "status", "clause"],
            [
                [b["award_name"], b["until"], _yes(b["in_force"], lang), b["clause"] or ""]
                for b in got["bans"]
            ],
        ),
        Sheet(
            "recommendations" if en else "推荐记录",
            ["award", "detail", "date", "clause"],
            [
                [r["award_name"], r["by"], r["on"] or "", r["clause"] or ""]
                for r in got["recommendations"]
            ],
        ),
        Sheet(
            "obligations" if en else "应履行义务",
            ["award", "detail", "date", "clause"],
            [
                [d["award_name"], d["text"], d["next_due"] or "", d["clause"]]
                for d in got["obligations"]
            ],
        ),
    ]
