"""What a cycle document must satisfy beyond its shape (which :mod:`qaward.io` checks).

Each problem names the field path, as structuring errors do, so the CLI exits 2 with a message
a clerk can act on: an unknown award or region, a tier the award does not have, a score out of
range or a category score above its GB/T 19580 maximum, votes without voters or more votes
than voters, the same organisation twice for one tier or in two tiers of one award, a committee
decision for an application the cycle does not have.
"""

from __future__ import annotations

import datetime as dt

from qaward.catalog import Catalog
from qaward.cycle.scoring import score_problems
from qaward.cycle.selection import TIER_ZH
from qaward.io import InputError
from qaward.model import Cycle


def check_cycle(cycle: Cycle, catalog: Catalog, where: str, as_of: dt.date) -> None:
    """Raise :class:`InputError` listing every problem, or return quietly."""
    if cycle.award not in catalog.jurisdictions:
        known = "、".join(catalog.jurisdictions)
        raise InputError(where, [f"$.award: 未知的奖项 {cycle.award!r}，应为 {known}"])
    decl, _ = catalog.declarations(cycle.award, as_of)
    problems: list[str] = []
    if cycle.voters is not None and cycle.voters < 1:
        problems.append(f"$.voters: 投票人数应为正整数，得到 {cycle.voters}")
    tiers = [t.tier for t in decl.quota.tiers] if decl.quota else []
    total = decl.scoring.total if decl.scoring else 1000
    separate = decl.quota.separate_awards if decl.quota else False
    seen: dict[tuple[str, str], int] = {}
    by_code: dict[str, int] = {}
    for i, app in enumerate(cycle.applications):
        at = f"$.applications[{i}]"
        org = app.organization
        if not catalog.is_region(org.region):
            problems.append(
                f"{at}.organization.region: 未知的区域 {org.region!r}，"
                "应为管辖区 id 或6位行政区划代码"
            )
        if tiers and app.tier not in tiers:
            allowed = " | ".join(t.value for t in tiers)
            problems.append(
                f"{at}.tier: {decl.jurisdiction.award_name}不设{TIER_ZH[app.tier]}，应为 {allowed}"
            )
        problems.extend(f"{at}.{path}: {msg}" for path, msg in score_problems(app, total))
        problems.extend(_vote_problems(cycle, app.votes_for, at))
        key = (org.credit_code, app.tier.value)
        if key in seen:
            problems.append(
                f"{at}.organization.credit_code: {org.credit_code} 已在 "
                f"$.applications[{seen[key]}] 申报同一奖项"
            )
        elif not separate and org.credit_code in by_code:
            j = by_code[org.credit_code]
            other = cycle.applications[j].tier
            problems.append(
                f"{at}.organization.credit_code: {org.credit_code} 已在 $.applications[{j}] "
                f"申报{TIER_ZH[other]}，本条又申报{TIER_ZH[app.tier]}：同一组织每届只能申报"
                f"{decl.jurisdiction.award_name}的一个等次"
            )
        seen.setdefault(key, i)
        by_code.setdefault(org.credit_code, i)
    applied = {(a.organization.credit_code, a.tier) for a in cycle.applications}
    for i, d in enumerate(cycle.committee_decisions):
        if (d.credit_code, d.tier) not in applied:
            problems.append(
                f"$.committee_decisions[{i}]: {d.credit_code} 未在本届申报{TIER_ZH[d.tier]}"
            )
        if not d.minutes.strip():
            problems.append(f"$.committee_decisions[{i}].minutes: 应注明评委会会议纪要")
    if problems:
        raise InputError(where, problems)


def _vote_problems(cycle: Cycle, votes: int | None, at: str) -> list[str]:
    if votes is None:
        return []
    if votes < 0:
        return [f"{at}.votes_for: 得票数不能为负，得到 {votes}"]
    if cycle.voters is None:
        return [f"{at}.votes_for: 给出了得票数，但缺少投票人数 $.voters"]
    if votes > cycle.voters:
        return [f"{at}.votes_for: 得票数{votes}超过投票人数{cycle.voters}"]
    return []
