"""sanction: a sanction case judged by the awarding jurisdiction's terms, optionally recorded."""

from __future__ import annotations

from typing import Any

from qaward import io
from qaward.catalog import Catalog
from qaward.creditcode import CreditCodeError, validate_credit_code
from qaward.events import describe
from qaward.model import SanctionCase
from qaward.notices import as_json
from qaward.ops.common import Doc, catalog_of, document, open_registry
from qaward.ops.writes import input_digest


def sanction(
    case: SanctionCase | dict,
    *,
    record: bool = False,
    registry: Any = None,
    operator: str | None = None,
    digest: str | None = None,
    catalog: Catalog | None = None,
    where: str = "<input>",
) -> Doc:
    """The outcome (revoke, clawback, notice, bans, the clause) or no sanction and why. With
    ``record`` a sanction and its bans are written to the registry, audited with ``operator``
    (经办人) and ``digest`` (sha256 of the input; default: of its canonical JSON)."""
    from qaward.sanction import judge_case

    catalog = catalog_of(catalog)
    raw = case
    case = _case(case, where)
    if case.record.award not in catalog.jurisdictions:
        known = "、".join(catalog.jurisdictions)
        raise io.InputError(
            where, [f"$.record.award: 未知的管辖区 {case.record.award!r}，应为 {known}"]
        )
    outcome = judge_case(case, catalog, where)
    recorded = None
    if record and outcome.verdict.value == "sanction":
        recorded = _record(
            case, outcome, catalog, where, digest or input_digest(raw), registry, operator
        )
    rec = case.record
    return document(
        case={
            "award": rec.award,
            "tier": rec.tier.value,
            "year": rec.year,
            "granted_on": rec.granted_on,
            "credit_code": rec.credit_code,
            "name": rec.name,
            "event": {
                "kind": case.event.kind,
                "date": case.event.date,
                "text": describe(case.event),
            },
            "decided_on": case.decided_on,
        },
        verdict=outcome.verdict.value,
        message=outcome.message,
        clause=outcome.clause,
        citation=outcome.citation,
        reason=outcome.reason.value if outcome.reason else None,
        revoke=outcome.revoke,
        clawback=outcome.clawback,
        notice=outcome.notice,
        criticism=outcome.criticism,
        bans=[
            {"award": b.award, "award_name": _award_name(catalog, b.award), "last_day": b.until}
            for b in outcome.bans
        ],
        duties=list(outcome.duties),
        minutes=outcome.minutes,
        extra=outcome.extra,
        warnings=as_json(outcome.warnings),
        recorded=recorded,
    )


def _case(data: Any, where: str) -> SanctionCase:
    if isinstance(data, SanctionCase):
        return data
    if not isinstance(data, dict):
        raise io.InputError(where, [f"$: 应为映射（键: 值），得到 {type(data).__name__}"])
    return io.structure(data, SanctionCase, where)


def _award_name(catalog: Catalog, award_id: str) -> str:
    award = catalog.award(award_id)
    return award.name if award else award_id


def _record(case, outcome, catalog, where, digest, registry, operator) -> dict[str, Any]:
    from qaward.registry import shown
    from qaward.registry.records import record_sanction

    code = case.record.credit_code
    if code is None:
        raise io.InputError(
            where, ["$.record.credit_code: 记入登记簿需要获奖组织的统一社会信用代码"]
        )
    try:
        validate_credit_code(code)
    except CreditCodeError as exc:
        raise io.InputError(where, [f"$.record.credit_code: {exc}"]) from None
    reg = open_registry(registry)
    with reg.writing("sanction --record", digest, operator) as w:
        record_sanction(w, case, outcome, catalog)
        if w.conflicts:
            raise io.InputError(where, w.conflicts)
    return {"registry": shown(reg.url), "changes": w.summary(), "audit_head": w.chain.last_hash}
