"""The outcome of a sanction case (处理) under the awarding jurisdiction's declared terms.

A pure function: a case (the award record, the event, the decision date) and the catalogue in,
an outcome out. The regulation version is the one in force on the decision date, as
:meth:`Catalog.bans` reads it, so a recorded sanction and its bans always agree. Terms are tried
in article order; the first whose event tests match and whose window holds decides. A term whose
test lacks a fact (e.g. ``liable``) makes the outcome undetermined, never silently a sanction.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from attrs import evolve, frozen

from qaward import labels
from qaward.catalog import Catalog
from qaward.dates import last_day
from qaward.events import describe
from qaward.io import InputError
from qaward.model import Ban, Sanction, SanctionCase, SanctionReason
from qaward.terms import Declarations, SanctionTerm

VERDICT_ZH = labels.VERDICT  # the catalogue's (qaward.labels)


class Verdict(StrEnum):
    sanction = "sanction"
    no_sanction = "no_sanction"
    undetermined = "undetermined"
    may_propose = "may_propose"  # the text lets the bureau propose it; the decision is not ours


@frozen
class SanctionOutcome:
    """What the case leads to: revoke, clawback, notice, bans, each under one clause."""

    verdict: Verdict
    message: str
    clause: str | None = None
    citation: str | None = None
    reason: SanctionReason | None = None
    revoke: bool = False
    clawback: bool = False
    notice: bool = False
    bans: tuple[Ban, ...] = ()
    extra: str = ""
    window: tuple[dt.date, dt.date | None] | None = None  # the period the event had to fall in
    warnings: tuple[str, ...] = ()
    criticism: bool = False  # 通报批评
    duties: tuple[str, ...] = ()  # what the organisation must do after a revocation
    minutes: str | None = None  # the recorded decision this outcome executes (a proposal's)

    def sanction(self, case: SanctionCase) -> Sanction:
        """The registry record of this outcome (bans left to the terms, as the catalogue derives)."""
        assert self.verdict is Verdict.sanction and self.reason is not None
        rec = case.record
        return Sanction(rec.award, self.reason, case.decided_on, None, rec.credit_code, rec.name)


def judge_case(case: SanctionCase, catalog: Catalog, where: str = "<input>") -> SanctionOutcome:
    """Decide a sanction case by the terms of the award that granted ``case.record``."""
    _check_dates(case, where)
    decl, warnings = catalog.declarations(case.record.award, case.decided_on)
    found = _decide(case, decl, catalog)
    return evolve(found, warnings=tuple(warnings))


def _check_dates(case: SanctionCase, where: str) -> None:
    problems = []
    if case.event.date > case.decided_on:
        problems.append("$.decided_on: 处理决定日期早于事件日期")
    if case.record.granted_on > case.decided_on:
        problems.append("$.decided_on: 处理决定日期早于授奖日期")
    if problems:
        raise InputError(where, problems)


def _decide(case: SanctionCase, decl: Declarations, catalog: Catalog) -> SanctionOutcome:
    event, record = case.event, case.record
    what = f"{event.date.isoformat()} {describe(event)}"
    unknown: list[str] = []
    outside: list[str] = []
    for term in decl.sanctions:
        matched = _match(term, event)
        if matched is False:
            continue
        if matched is None:
            unknown.append(f"{term.clause}（{term.article}）")
            continue
        window = _window(term, record, catalog)
        if window is None:
            unknown.append(f"{term.clause}（{term.article}）所需的获奖有效期")
            continue
        starts, until = window
        if starts <= event.date and (until is None or event.date <= until):
            if unknown:  # an earlier term of the article order might apply: not decided here
                break
            return _sanction(case, decl, catalog, term, window, what)
        outside.append(f"{term.clause}（{term.article}）{_window_text(term, window)}")
    if unknown:
        return SanctionOutcome(
            Verdict.undetermined,
            f"{what}：缺少判断所需的事实（如是否负有责任），无法确定是否属于"
            + "、".join(unknown)
            + "所列情形",
        )
    if outside:
        return SanctionOutcome(
            Verdict.no_sanction, f"{what}发生在处理期间之外：" + "；".join(outside)
        )
    name = decl.jurisdiction.award_name
    return SanctionOutcome(
        Verdict.no_sanction, f"{what}不属于{name}（{decl.regulation.document}）所列处理情形"
    )


def _match(term: SanctionTerm, event) -> bool | None:
    results = [t.matches(event) for t in term.events]
    if any(r is True for r in results):
        return True
    return None if any(r is None for r in results) else False


def _window(term: SanctionTerm, record, catalog: Catalog) -> tuple[dt.date, dt.date | None] | None:
    """The period the event must fall in (last day inclusive); None when the end is unknown."""
    if term.window == "any":
        return (dt.date.min, None)
    if term.window == "years_after_grant":
        if term.window_years is None:
            return None
        return (record.granted_on, last_day(record.granted_on, term.window_years))
    until = catalog.valid_until(record)
    return (record.granted_on, until) if until is not None else None


def _window_text(term: SanctionTerm, window: tuple[dt.date, dt.date | None]) -> str:
    starts, until = window
    span = f"{starts.isoformat()}至{until.isoformat()}" if until else f"{starts.isoformat()}起"
    kind = "有效期" if term.window == "validity" else f"获奖后{term.window_years}年内"
    return f"仅适用于{kind}（{span}）"


def _sanction(case, decl, catalog, term: SanctionTerm, window, what: str) -> SanctionOutcome:
    bans = term.bans(case.decided_on)
    steps = [
        label
        for flag, label in (
            (term.criticism, "通报批评"),
            (term.revoke, "撤销荣誉称号"),
            (term.clawback, "追缴奖金"),
            (term.notice, "向社会公告"),
        )
        if flag
    ]
    if bans:
        names = "、".join(_award_name(catalog, b.award) for b in bans)
        steps.append(f"{term.ban_text(names)}（禁止至{bans[0].until.isoformat()}）")
    if term.extra:
        steps.append(term.extra)
    steps.extend(term.duties)
    found = f"{what}属于{term.clause}（{term.article}）所列情形"
    outcome = SanctionOutcome(
        Verdict.sanction,
        f"{found}：" + "；".join(steps),
        clause=term.clause,
        citation=decl.citation(term.article),
        reason=term.reason,
        revoke=term.revoke,
        clawback=term.clawback,
        notice=term.notice,
        bans=bans,
        extra=term.extra,
        window=window if term.window != "any" else None,
        criticism=term.criticism,
        duties=term.duties,
    )
    if not term.proposal:
        return outcome
    body = term.decided_by or "有权机关"
    decision = case.decision
    if decision is None:
        return evolve(
            outcome,
            verdict=Verdict.may_propose,
            message=f"{found}：可提请{body}批准{'、'.join(steps)}；是否处理由{body}决定，"
            f"决定作出后在处理案件中记录 decision（含会议纪要）方可执行",
            revoke=False,
            clawback=False,
            notice=False,
            bans=(),
            duties=(),
        )
    if not decision.revoke:
        return SanctionOutcome(
            Verdict.no_sanction,
            f"{found}，可提请{body}撤销；{body}决定不予撤销（{decision.minutes}）",
            clause=term.clause,
            citation=decl.citation(term.article),
            minutes=decision.minutes,
        )
    return evolve(
        outcome,
        message=f"{found}，经{body}决定（{decision.minutes}）：" + "；".join(steps),
        minutes=decision.minutes,
    )


def _award_name(catalog: Catalog, award_id: str) -> str:
    award = catalog.award(award_id)
    return award.name if award else award_id
