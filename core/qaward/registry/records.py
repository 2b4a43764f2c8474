"""What each registry command reads and writes: import files, evaluation results, sanction
outcomes and recommendations in; awards, sanctions, bans, recommendations and obligations out.

Inputs are structured strictly (:mod:`qaward.io`) and checked whole before anything is written,
so malformed input changes nothing. A record already in the registry is left as it is; one that
disagrees with the registry is a conflict (the whole write is refused) unless ``correct`` asks
for an audited update.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from attrs import evolve, field, frozen

from qaward.catalog import Catalog
from qaward.creditcode import CreditCodeError, validate_credit_code
from qaward.grant import obligations, validity_window
from qaward.io import InputError, unstructure
from qaward.model import (
    AwardRecord,
    Count,
    Recommendation,
    Sanction,
    SanctionCase,
    Tier,
    Year,
    Yuan,
)
from qaward.recommend import Candidate
from qaward.registry import schema
from qaward.registry.audit import canonical
from qaward.registry.store import Registry, Writer
from qaward.sanction import SanctionOutcome

# --- input shapes ------------------------------------------------------------------------------


@frozen
class ImportFile:
    """``qaward registry import``: records of the data contract, each with its credit_code."""

    awards: list[AwardRecord] = field(factory=list)
    sanctions: list[Sanction] = field(factory=list)
    recommendations: list[Recommendation] = field(factory=list)


@frozen
class Winner:
    credit_code: str
    name: str
    tier: Tier
    category: str | None = None
    sector: str | None = None
    rank: Count | None = None
    counts_against_quota: bool | None = None
    clause: str | None = None
    citation: str | None = None
    committee_minutes: str | None = None  # a held place filled by the committee's decision


@frozen
class Reward:
    credit_code: str
    tier: Tier
    yuan: Yuan
    name: str | None = None
    clause: str | None = None
    citation: str | None = None
    text: str | None = None


@frozen
class Validity:
    credit_code: str
    valid_from: dt.date  # "from" in the JSON
    last_day: dt.date | None  # inclusive
    tier: Tier | None = None
    clause: str | None = None
    citation: str | None = None
    note: str | None = None  # e.g. that the grant date is estimated


@frozen
class Duty:
    credit_code: str
    text: str
    due: list[dt.date]
    clause: str | None = None
    citation: str | None = None


@frozen
class Evaluation:
    """The part of ``qaward evaluate --format json`` that the registry records."""

    award: str
    year: Year
    granted_on: dt.date | None
    as_of: dt.date | None = None
    granted_on_estimated: bool = False
    winners: list[Winner] = field(factory=list)
    rewards: list[Reward] = field(factory=list)
    validity: list[Validity] = field(factory=list)
    obligations: list[Duty] = field(factory=list)


EVALUATION_KEYS = tuple(a.name for a in Evaluation.__attrs_attrs__)


# the rest of an ``evaluate`` document (qaward.ops.schemas.EVALUATE): read past, not recorded;
# any other key is refused like an unknown field, so a damaged document is not half-read
REPORT_ONLY_KEYS = (
    "schema_version",
    "award_name",
    "document",
    "as_of",
    "granted_on_estimated",
    "applications",
    "ranking",
    "ties",
    "places",
    "total_yuan",
    "may_apply_again",
    "publicity",
    "warnings",
    "registry",
)


def evaluation_data(data: Any) -> Any:
    """The evaluation document without the keys the registry does not record (ranking, ...)."""
    if not isinstance(data, dict):
        return data
    out = {k: v for k, v in data.items() if k in EVALUATION_KEYS or k not in REPORT_ONLY_KEYS}
    out["validity"] = [
        {("valid_from" if k == "from" else k): v for k, v in row.items()}
        if isinstance(row, dict) and "valid_from" not in row
        else row
        for row in data.get("validity") or []
    ]
    return out


def regrant(ev: Evaluation, granted_on: dt.date, catalog: Catalog) -> Evaluation:
    """The evaluation with the actual grant date (``record --granted-on``): validity and
    obligations recomputed from the award's terms for that date, as ``evaluate`` computes them."""
    decl, _ = catalog.declarations(ev.award, granted_on)
    window = validity_window(decl, granted_on)
    validity = [
        Validity(w.credit_code, granted_on, window.last_day, w.tier, window.clause, window.citation)
        for w in ev.winners
        if window is not None
    ]
    duties = [
        Duty(w.credit_code, d.text, d.due, d.clause, d.citation)
        for w in ev.winners
        for d in obligations(decl, granted_on)
    ]
    return evolve(
        ev,
        granted_on=granted_on,
        granted_on_estimated=False,
        validity=validity,
        obligations=duties,
    )


# --- checks on a whole input before writing -------------------------------------------------------


def _code_problem(path: str, code: str | None) -> str | None:
    if code is None:
        return f"{path}.credit_code: 缺少统一社会信用代码"
    try:
        validate_credit_code(code)
    except CreditCodeError as exc:
        return f"{path}.credit_code: {exc}"
    return None


def _award_problem(catalog: Catalog, path: str, award: str) -> str | None:
    if catalog.award(award) is None:
        known = "、".join(sorted(catalog.awards))
        return f"{path}.award: 未知的奖项 {award!r}（已知：{known}）"
    return None


def check_import(data: ImportFile, catalog: Catalog, where: str) -> None:
    problems: list[str] = []
    for name in ("awards", "sanctions", "recommendations"):
        seen: dict[tuple, int] = {}
        for i, rec in enumerate(getattr(data, name)):
            path = f"$.{name}[{i}]"
            problems += filter(None, [_code_problem(path, rec.credit_code)])
            problems += filter(None, [_award_problem(catalog, path, rec.award)])
            for j, ban in enumerate(getattr(rec, "bans", None) or []):
                problems += filter(None, [_award_problem(catalog, f"{path}.bans[{j}]", ban.award)])
            key = _natural_key(rec)
            if key in seen:
                problems.append(f"{path}: 与 $.{name}[{seen[key]}] 是同一条记录")
            seen.setdefault(key, i)
    if problems:
        raise InputError(where, problems)


def _natural_key(rec) -> tuple:
    if isinstance(rec, AwardRecord):
        return (rec.award, rec.tier, rec.year, rec.credit_code)
    if isinstance(rec, Sanction):
        return (rec.award, rec.reason, rec.decided_on, rec.credit_code)
    return (rec.award, rec.by, rec.credit_code)


def check_evaluation(ev: Evaluation, catalog: Catalog, where: str) -> None:
    problems: list[str] = []
    if ev.award not in catalog.jurisdictions:
        problems.append(f"$.award: 未知的管辖区 {ev.award!r}")
    if ev.granted_on is None:
        problems.append("$.granted_on: 缺少授奖日期，无法记录有效期：请用 --granted-on 给出")
    elif ev.granted_on_estimated:
        problems.append(
            "$.granted_on_estimated: 授奖日期是按公示期推算的估计值，不能作为登记簿记录；"
            "请用 --granted-on 给出实际授奖日期（或在届次文件中给出 granted_on 后重新 evaluate）"
        )
    winners = {(w.credit_code, w.tier) for w in ev.winners}
    for i, w in enumerate(ev.winners):
        problems += filter(None, [_code_problem(f"$.winners[{i}]", w.credit_code)])
    codes = {c for c, _ in winners}
    for name in ("rewards", "validity", "obligations"):
        for i, row in enumerate(getattr(ev, name)):
            if row.credit_code not in codes:
                problems.append(f"$.{name}[{i}].credit_code: {row.credit_code} 不在 winners 中")
    if problems:
        raise InputError(where, problems)


# --- writes ------------------------------------------------------------------------------------


def _award_row(rec: AwardRecord) -> dict[str, Any]:
    return {
        "credit_code": rec.credit_code,
        "award": rec.award,
        "tier": rec.tier.value,
        "year": rec.year,
        "name": rec.name,
        "granted_on": rec.granted_on,
        "valid_until": rec.valid_until,
    }


def _sanction_row(s: Sanction, **more: Any) -> dict[str, Any]:
    return {
        "credit_code": s.credit_code,
        "award": s.award,
        "reason": s.reason.value,
        "decided_on": s.decided_on,
        "name": s.name,
        "bans_from_terms": s.bans is None,
        "repaired": s.repaired,
    } | more


def _ban_rows(s: Sanction, catalog: Catalog) -> list[dict[str, Any]]:
    """The bans a sanction creates, materialised: explicit ones, else by the award's terms."""
    return [
        {
            "credit_code": s.credit_code,
            "sanction_award": s.award,
            "reason": s.reason.value,
            "decided_on": s.decided_on,
            "award": ban.award,
            "until": ban.until,
            "clause": term.clause if term else None,
        }
        for ban, term in catalog.bans(s)
    ]


# Records per write transaction: about 1 s of write lock unloaded, 6 s on a loaded machine
# (benchmarks/bench_registry_batches.py), well inside store.BUSY_TIMEOUT (60 s).
BATCH = 1000


def batches(data: ImportFile, size: int | None = None) -> list[ImportFile]:
    """The import in pieces of at most ``size`` records (a sanction's bans go with it)."""
    items = [
        (name, rec)
        for name in ("awards", "sanctions", "recommendations")
        for rec in getattr(data, name)
    ]
    out, size = [], size or BATCH
    for start in range(0, len(items), size):
        chunk = items[start : start + size]
        out.append(
            ImportFile(
                **{
                    n: [r for k, r in chunk if k == n]
                    for n in ("awards", "sanctions", "recommendations")
                }
            )
        )
    return out or [data]


def import_in_batches(
    reg: Registry,
    data: ImportFile,
    catalog: Catalog,
    digest: str,
    where: str,
    correct: bool = False,
    operator: str | None = None,
) -> tuple[dict[str, dict[str, int]], str]:
    """``registry import``: conflicts are looked for first (a read, no lock), then the records
    are written in transactions of :data:`BATCH`, so other writers wait seconds, not minutes. A
    killed import leaves whole batches; running it again completes it (the rest are
    unchanged). Returns the summary and the audit head."""
    if not correct:
        with reg.reading() as conn:
            dry = Writer(conn, None, dry=True)
            import_records(dry, data, catalog)
        if dry.conflicts:
            raise InputError(where, dry.conflicts + ["（加 --correct 可按输入更正）"])
    totals: dict[str, Counter] = {}
    head = ""
    for i, batch in enumerate(batches(data)):
        with reg.writing("registry import", digest, operator) as w:
            import_records(w, batch, catalog, correct)
            if w.conflicts:  # another writer changed these records meanwhile
                done = f"（前 {i} 批已写入，每批 {BATCH} 条；加 --correct 可按输入更正）"
                raise InputError(where, w.conflicts + [done])
        for name, counts in w.summary().items():
            totals.setdefault(name, Counter()).update(counts)
        head = w.chain.last_hash if w.chain is not None else head
    return {name: dict(c) for name, c in sorted(totals.items())}, head


def import_records(w: Writer, data: ImportFile, catalog: Catalog, correct: bool = False) -> None:
    for rec in data.awards:
        w.put(schema.awards, _award_row(rec), correct=correct)
    for s in data.sanctions:
        w.put(schema.sanctions, _sanction_row(s), correct=correct)
        for row in _ban_rows(s, catalog):
            w.put(schema.bans, row, correct=correct)
    for r in data.recommendations:
        row = {
            "credit_code": r.credit_code,
            "award": r.award,
            "recommended_by": r.by,
            "name": r.name,
            "recommended_on": r.on,
        }
        w.put(schema.recommendations, row, correct=correct)


def record_evaluation(w: Writer, ev: Evaluation, correct: bool = False) -> None:
    money = {(r.credit_code, r.tier): r for r in ev.rewards}
    valid = {v.credit_code: v for v in ev.validity}
    tiers = {x.credit_code: x.tier for x in ev.winners}
    assert ev.granted_on is not None  # check_evaluation refused an evaluation without one
    for x in ev.winners:
        reward, window = money.get((x.credit_code, x.tier)), valid.get(x.credit_code)
        row = _award_row(
            AwardRecord(
                ev.award,
                x.tier,
                Year(ev.year),
                window.valid_from if window else ev.granted_on,
                window.last_day if window else None,
                x.credit_code,
                x.name,
            )
        )
        row |= {
            "yuan": reward.yuan if reward else None,
            "reward_clause": reward.clause if reward else None,
            "committee_minutes": x.committee_minutes,
        }
        w.put(schema.awards, row, correct=correct)
    for d in ev.obligations:
        row = {
            "credit_code": d.credit_code,
            "award": ev.award,
            "tier": tiers[d.credit_code].value,
            "year": ev.year,
            "text": d.text,
            "due": canonical([x.isoformat() for x in d.due]),
            "clause": d.clause,
        }
        w.put(schema.obligations, row, correct=correct)


def record_sanction(
    w: Writer, case: SanctionCase, outcome: SanctionOutcome, catalog: Catalog
) -> None:
    """The sanction, every ban it creates, and the revocation of the award record."""
    sanction = outcome.sanction(case)
    rec = case.record
    existing = w.conn.execute(
        schema.awards.select().where(
            schema.awards.c.credit_code == rec.credit_code,
            schema.awards.c.award == rec.award,
            schema.awards.c.tier == rec.tier.value,
            schema.awards.c.year == rec.year,
        )
    ).one_or_none()
    revocation = {"revoked_on": case.decided_on, "revoked_clause": outcome.clause}
    if existing is None:  # the case's record is the registry's first knowledge of this award
        w.put(schema.awards, _award_row(rec) | (revocation if outcome.revoke else {}))
    elif outcome.revoke and existing.revoked_on is None:  # an earlier revocation stands
        key = {k: getattr(existing, k) for k in ("credit_code", "award", "tier", "year")}
        w.put(schema.awards, key | revocation, correct=True)
    w.put(
        schema.sanctions,
        _sanction_row(
            sanction,
            clause=outcome.clause,
            revoke=outcome.revoke,
            clawback=outcome.clawback,
            notice=outcome.notice,
            record_tier=rec.tier.value,
            record_year=rec.year,
            event=canonical(unstructure(case.event) | {"kind": case.event.kind}),
            decision_minutes=outcome.minutes,
        ),
    )
    for row in _ban_rows(sanction, catalog):
        w.put(schema.bans, row)


def record_recommendations(
    w: Writer, found: list[Candidate], to_award: str, by: str, on: dt.date
) -> None:
    for c in found:
        row = {
            "credit_code": c.record.credit_code,
            "award": to_award,
            "recommended_by": by,
            "name": c.record.name,
            "recommended_on": on,
            "clause": c.route.clause,
            "source_award": c.record.award,
            "source_year": c.record.year,
        }
        # an earlier recommendation stands as it was made
        w.put(schema.recommendations, row, keep_existing=True)
