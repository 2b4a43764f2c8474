"""Helpers for the cycle tests: organisations that meet each award's conditions, distinct
credit codes, and cycles built in code (structured exactly as a cycle file would be)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import org_data
from qaward.creditcode import check_character
from qaward.cycle import CycleResult, evaluate_cycle
from qaward.history import History
from qaward.io import structure
from qaward.model import Cycle

AS_OF = dt.date(2026, 9, 1)

# What each award needs beyond the Ganzhou baseline of conftest.BASE.
REGION = {
    "ganzhou_kfq": {"region": "ganzhou_kfq"},
    "ganzhou_city": {"region": "360702"},
    "huichang": {
        "region": "360733",
        "recommendations": [{"award": "huichang", "by": "筠门岭镇人民政府"}],
    },
    "hongqi": {"region": "410702"},
    "jindong": {
        "region": "330703",
        "recommendations": [{"award": "jindong", "by": "孝顺镇人民政府"}],
    },
}


def code(n: int, area: str = "360703") -> str:
    """A valid 统一社会信用代码 numbered ``n``."""
    first17 = f"91{area}MA35T{n:04d}"
    return first17 + check_character(first17)


def org(award: str, n: int, **changes: Any) -> dict[str, Any]:
    data = org_data(name=f"申报组织{n:02d}", credit_code=code(n), **REGION[award])
    data["preferences"] = []
    data["attestations"] = dict(data["attestations"], credit_commitment_signed=True)
    data.update(changes)
    return data


def app(award: str, n: int, score: int | None = None, tier: str = "quality", **extra: Any):
    org_changes = extra.pop("org", {})
    out: dict[str, Any] = {"organization": org(award, n, **org_changes), "tier": tier}
    if score is not None:
        out["score"] = score
    out.update(extra)
    return out


def make_cycle(award: str, applications: list[dict], **top: Any) -> Cycle:
    data = {"award": award, "year": 2026, "as_of": "2026-09-01", "applications": applications}
    data.update(top)
    return structure(data, Cycle, "<test>")


def run_cycle(award: str, applications: list[dict], history_of=None, **top: Any) -> CycleResult:
    return evaluate_cycle(make_cycle(award, applications, **top), history_of=history_of)


def report(award: str, applications: list[dict], **top: Any) -> dict[str, Any]:
    return run_cycle(award, applications, **top).to_json()


def names(rows: list[dict]) -> list[str]:
    return [r["name"] for r in rows]


def ranking_of(data: dict, name: str) -> dict:
    return next(r for r in data["ranking"] if r["name"] == name)


def won(award: str, tier: str, year: int, granted: str) -> dict[str, Any]:
    return {"award": award, "tier": tier, "year": year, "granted_on": granted}


def no_history(_code: str) -> History | None:
    return None
