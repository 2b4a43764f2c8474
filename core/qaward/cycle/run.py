"""An award cycle from applications to winners, money and the publicity calendar.

``evaluate_cycle(cycle)`` carries a cycle document (the data contract, `qaward schema`) through every stage the
regulation defines, each decision with its clause id and citation:

1. eligibility of each application (:func:`qaward.engine.evaluate`, with the cycle year and any
   extra history from ``history_of``); an ineligible application is listed with its reasons;
2. scores (a total, or GB/T 19580's seven categories) and the ranking (:mod:`qaward.cycle.scoring`);
3. the winners within the places (:mod:`qaward.cycle.selection`);
4. the prize money per winner (:func:`qaward.grant.prize`) and the cycle's total;
5. validity, obligations with due dates, and the first cycle a winner may apply again;
6. the publicity period on the State Council calendar (:mod:`qaward.cycle.calendar`);
7. warnings: lapsed or draft regulations, vacancies, ties, undecided applications.

JSON (``qaward evaluate --format json``; ``qaward registry record`` reads ``winners``,
``rewards`` and ``validity``: keep these keys stable). Dates are ISO strings, money whole yuan.

- ``award`` (jurisdiction id), ``award_name``, ``document`` (文号 applied), ``year``, ``as_of``,
  ``granted_on`` (null when unknown), ``granted_on_estimated`` (true: the day after publicity);
- ``applications``: per application, in input order: ``index``, ``credit_code``, ``name``,
  ``tier``, ``score`` (total or null), ``status`` (eligible | ineligible | undetermined) and
  ``findings`` exactly as in ``qaward check``;
- ``ranking``: per tier, best first: ``tier``, ``rank`` (equal ranks are ties), ``credit_code``,
  ``name``, ``score``, ``preferences`` (preference clause ids met), ``tie_break`` (clause ids
  that set it apart from an equal score), ``outcome`` (winner | not_selected | tied),
  ``reason``, ``clause``;
- ``winners``, in rank order within each tier: ``credit_code``, ``name``, ``tier``, ``category``
  (the category cap it counts against, or null), ``sector``, ``rank``, ``counts_against_quota``,
  ``clause``, ``citation``, ``committee_minutes`` (the minutes of the committee decision that
  filled a held place, else null);
- ``ties``: ``stage`` (onsite or the tier), ``rank``, ``score``, ``credit_codes``, ``places``,
  ``clause``, ``message``, ``committee`` (``credit_code``, ``decision`` award | not_award,
  ``minutes``: the committee decisions that settled it); ``places``: per tier ``tier``, ``places``, ``awarded``, ``held``
  (for a tie), ``vacant``, ``clause``;
- ``rewards``: ``credit_code``, ``tier``, ``yuan``, ``clause``, ``citation``, ``text``;
  ``total_yuan``;
- ``validity``: ``credit_code``, ``tier``, ``from`` (the grant date), ``last_day`` (the last day
  valid, inclusive, 民法典第二百零二条; null when the regulation sets no term, ``note`` then says so),
  ``clause``, ``citation``;
- ``obligations``: ``credit_code``, ``text``, ``due`` (list of dates), ``clause``, ``citation``;
- ``may_apply_again``: ``credit_code``, ``year``, ``clause``, ``citation``, ``text``;
- ``publicity``: ``published_on``, ``first_day``, ``last_day`` (inclusive), ``days``,
  ``working_days``, ``required`` (as the text states it), ``moved_from``, ``makeup_days``,
  ``clause``, ``citation``, ``text``; null when ``publicity_starts`` is not given;
- ``warnings``: Chinese sentences, each naming its clause.

Award records in the extra history dated in the cycle's year or later are ignored, so running a
cycle again after its winners were recorded gives the same result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, overload

from attrs import frozen

from qaward.catalog import Catalog, clause_carriers, default_catalog
from qaward.cycle.calendar import ONE_DAY, Period, publicity_period
from qaward.cycle.input import check_cycle
from qaward.cycle.scoring import preferences_met, total_score
from qaward.cycle.selection import TIER_ZH, Candidate, Outcome, Selection, select
from qaward.engine import Result, Status, evaluate
from qaward.gcpause import gc_paused
from qaward.grant import may_apply_again, obligations, prize, validity_window
from qaward.history import History
from qaward.io import InputError
from qaward.labels import ENTITY_TYPE
from qaward.model import Cycle
from qaward.notices import Notice
from qaward.terms import Declarations

HistoryOf = Callable[[str], History | None]


@frozen
class CycleResult:
    cycle: Cycle
    decl: Declarations
    as_of: dt.date
    results: tuple[Result, ...]  # eligibility, one per application in input order
    histories: tuple[History, ...]  # what each application's history was before the cycle
    selection: Selection
    publicity: Period | None
    granted_on: dt.date | None
    granted_on_estimated: bool
    warnings: tuple[str, ...]

    @gc_paused()
    def to_json(self) -> dict[str, Any]:
        return report(self)


@gc_paused()
def evaluate_cycle(
    cycle: Cycle,
    *,
    catalog: Catalog | None = None,
    history_of: HistoryOf | None = None,
    as_of: dt.date | None = None,
    source: str = "<cycle>",
) -> CycleResult:
    """Evaluate a cycle. ``history_of(credit_code)`` may add award, sanction and recommendation
    records (e.g. from the registry); ``as_of`` defaults to the cycle's, else today.
    Raises :class:`qaward.io.InputError` (naming ``source`` and the field paths) for a cycle
    the award cannot take, and :class:`qaward.cycle.calendar.CalendarError` for a publicity date
    beyond the holiday data."""
    catalog = catalog or default_catalog()
    day = as_of or cycle.as_of or dt.date.today()
    check_cycle(cycle, catalog, source, day)
    decl, warnings = catalog.declarations(cycle.award, day)
    warnings = list(warnings)
    results, histories = [], []
    for app in cycle.applications:
        extra = _before(history_of(app.organization.credit_code) if history_of else None, cycle)
        results.append(
            evaluate(
                app.organization,
                cycle.award,
                day,
                history=extra,
                cycle_year=cycle.year,
                catalog=catalog,
            )
        )
        histories.append(_before(History.of(app.organization, *([extra] if extra else [])), cycle))
    candidates = _candidates(decl, cycle, results, histories, warnings)
    selection = select(decl, candidates, cycle.voters, cycle.committee_decisions)
    if selection.problems:
        raise InputError(source, [f"$.committee_decisions: {p}" for p in selection.problems])
    warnings.extend(Notice("tie", t.message) for t in selection.ties)
    warnings.extend(_vacancies(decl, selection))
    warnings.extend(_unpaid(decl, selection, histories))
    warnings.extend(_payees(decl, selection, histories))
    period = _publicity(decl, cycle, warnings)
    granted_on, estimated = cycle.granted_on, False
    if granted_on is None and period is not None:
        granted_on, estimated = period.last_day + ONE_DAY, True
        warnings.append(
            Notice(
                "granted_on_estimated",
                f"未给出授奖日期 granted_on，按公示期满次日{granted_on.isoformat()}估计；"
                "有效期与义务期限以实际授奖日期为准",
            )
        )
    elif granted_on is None and selection.winners:
        warnings.append(
            Notice(
                "no_grant_date", "未给出授奖日期 granted_on 与公示开始日，无法计算有效期与义务期限"
            )
        )
    return CycleResult(
        cycle=cycle,
        decl=decl,
        as_of=day,
        results=tuple(results),
        histories=tuple(histories),
        selection=selection,
        publicity=period,
        granted_on=granted_on,
        granted_on_estimated=estimated,
        warnings=tuple(warnings),
    )


@overload
def _before(history: History, cycle: Cycle) -> History: ...
@overload
def _before(history: History | None, cycle: Cycle) -> History | None: ...
def _before(history: History | None, cycle: Cycle) -> History | None:
    """The history as it stood before this cycle: award records of earlier years only."""
    if history is None:
        return None
    awards = tuple(r for r in history.awards if r.year < cycle.year)
    return History(awards, history.sanctions, history.recommendations)


def _is_repeat(decl: Declarations, cand_tier, history: History) -> bool:
    return any(r.award == decl.jurisdiction.id and r.tier is cand_tier for r in history.awards)


def _candidates(
    decl: Declarations,
    cycle: Cycle,
    results: list[Result],
    histories: list[History],
    warnings: list[str],
) -> list[Candidate]:
    rep = decl.validity.repeat if decl.validity else None
    out = []
    for i, (app, result) in enumerate(zip(cycle.applications, results, strict=True)):
        org, score = app.organization, total_score(app)
        if result.status is Status.undetermined:
            missing = "、".join(f.rule for f in result.findings if f.passed is None)
            warnings.append(
                Notice(
                    "undetermined_not_ranked",
                    f"{org.name}：资格待定（{missing}缺少所需事实），未参加排名",
                )
            )
            continue
        if result.status is Status.ineligible:
            continue
        if score is None:
            warnings.append(Notice("no_score", f"{org.name}：符合申报条件但未给出评分，未参加排名"))
            continue
        repeat = _is_repeat(decl, app.tier, histories[i])
        no_place = repeat and rep is not None and not rep.takes_place and app.tier in rep.tiers
        out.append(
            Candidate(
                index=i,
                org=org,
                tier=app.tier,
                score=score,
                preferences=preferences_met(decl.scoring, org),
                repeat=repeat,
                repeat_no_place=no_place,
                votes_for=app.votes_for,
            )
        )
    if (
        decl.quota
        and decl.quota.vote is None
        and any(a.votes_for is not None for a in cycle.applications)
    ):
        warnings.append(
            Notice("votes_unused", f"{decl.jurisdiction.award_name}不设投票表决，votes_for 未使用")
        )
    return out


def _unpaid(decl: Declarations, sel: Selection, histories: list[History]) -> list[str]:
    """Winners for whom the regulation declares no prize: said, never assumed to be zero."""
    if decl.reward is None:
        return (
            [Notice("no_reward_declared", f"{decl.jurisdiction.id} 未声明奖励，未计算奖金")]
            if sel.winners
            else []
        )
    cite = decl.citation(decl.reward.article)
    return [
        Notice(
            "no_reward_declared",
            f"{c.org.name}：{'再次' if c.repeat else ''}获{TIER_ZH[c.tier]}，"
            f"规章未规定此情形的奖金（{decl.reward.clause}，{cite}），未计入合计",
        )
        for c in sel.winners
        if prize(decl, c.tier, histories[c.index]) is None
    ]


def _payees(decl: Declarations, sel: Selection, histories: list[History]) -> list[str]:
    """A prize the text gives to "每家企业" paid to another kind of organisation: the same amount,
    with a warning that cites the word (KFQ-7; docs/interpretations.md)."""
    out: list[str] = []
    for c in sel.winners:
        money = prize(decl, c.tier, histories[c.index])
        if money is None or money.payee_types is None or not money.yuan:
            continue
        kind = c.org.entity_type
        if kind in money.payee_types or (kind is None and not c.org.nonprofit):
            continue
        what = ENTITY_TYPE[kind.value] if kind else "非营利性组织"
        out.append(
            Notice(
                "payee_type",
                f"{c.org.name}：{money.clause}（{money.citation}）按“{money.payee}”给予奖励，"
                f"该组织为{what}，规章未另作规定，按同一金额{money.yuan:,}元计发",
            )
        )
    return out


def _vacancies(decl: Declarations, sel: Selection) -> list[str]:
    quota = decl.quota
    if quota is None:
        return [Notice("no_quota_declared", f"{decl.jurisdiction.id} 未声明名额，未确定获奖名单")]
    out: list[str] = []
    allowed = "，按规定可以空缺" if quota.vacancy_allowed else "，但规章未规定可以空缺"
    for t in sel.tiers:
        if t.vacant:
            out.append(
                Notice(
                    "vacancy",
                    f"{TIER_ZH[t.tier]}名额{t.places}个，授予{t.awarded}个"
                    + (f"、{t.held}个待评委会决定" if t.held else "")
                    + f"，空缺{t.vacant}个{allowed}（{quota.clause}，{decl.citation(quota.article)}）",
                )
            )
    return out


def _publicity(decl: Declarations, cycle: Cycle, warnings: list[str]) -> Period | None:
    pub = decl.regulation.publicity
    if pub is None:
        warnings.append(Notice("no_publicity_term", f"{decl.regulation.document}未规定公示期"))
        return None
    if cycle.publicity_starts is None:
        warnings.append(
            Notice(
                "no_publicity_start",
                f"未给出公示开始日 publicity_starts，未计算公示期（{pub.clause}）",
            )
        )
        return None
    return publicity_period(cycle.publicity_starts, pub.days, pub.working_days)


# --- the JSON report -----------------------------------------------------------------------------


def report(r: CycleResult) -> dict[str, Any]:
    decl = r.decl
    winners = [c for c in _ranking(r) if c.outcome is Outcome.winner]  # rank order per tier
    money = _rewards(r, winners)
    return {
        "award": decl.jurisdiction.id,
        "award_name": decl.jurisdiction.award_name,
        "document": decl.regulation.document,
        "year": r.cycle.year,
        "as_of": r.as_of,
        "granted_on": r.granted_on,
        "granted_on_estimated": r.granted_on_estimated,
        "applications": [_application(i, r) for i in range(len(r.results))],
        "ranking": [_ranked(decl, c) for c in _ranking(r)],
        "winners": [_winner(decl, c) for c in winners],
        "ties": [
            {
                "stage": t.stage,
                "rank": t.rank,
                "score": t.score,
                "credit_codes": [c.org.credit_code for c in t.members],
                "places": t.places,
                "clause": t.clause,
                "message": t.message,
                "committee": [
                    {
                        "credit_code": c.org.credit_code,
                        "decision": "award" if c.outcome is Outcome.winner else "not_award",
                        "minutes": c.minutes,
                    }
                    for c in t.members
                    if c.minutes
                ],
            }
            for t in r.selection.ties
        ],
        "places": [
            {
                "tier": t.tier.value,
                "places": t.places,
                "awarded": t.awarded,
                "held": t.held,
                "vacant": t.vacant,
                "clause": decl.quota.clause if decl.quota else None,
            }
            for t in r.selection.tiers
        ],
        "rewards": money,
        "total_yuan": sum(m["yuan"] or 0 for m in money),
        **_terms(r, winners),
        "publicity": _publicity_json(decl, r.publicity),
        "warnings": list(r.warnings),
    }


def _application(i: int, r: CycleResult) -> dict[str, Any]:
    app, result = r.cycle.applications[i], r.results[i]
    return {
        "index": i,
        "credit_code": app.organization.credit_code,
        "name": app.organization.name,
        "tier": app.tier.value,
        "score": total_score(app),
        "status": result.status.value,
        "findings": [f.to_json() for f in result.findings],
    }


def _ranking(r: CycleResult) -> list[Candidate]:
    order = {tp.tier: n for n, tp in enumerate(r.decl.quota.tiers)} if r.decl.quota else {}
    ranked = [c for c in r.selection.candidates if c.rank is not None]
    return sorted(ranked, key=lambda c: (order.get(c.tier, 99), c.rank, c.org.credit_code))


def _ranked(decl: Declarations, c: Candidate) -> dict[str, Any]:
    return {
        "tier": c.tier.value,
        "rank": c.rank,
        "credit_code": c.org.credit_code,
        "name": c.org.name,
        "score": c.score,
        "preferences": [p.clause for p in c.preferences],
        "tie_break": list(c.tie_break),
        "outcome": c.outcome.value if c.outcome else None,
        "reason": c.reason,
        "clause": c.clause,
    }


def _winner(decl: Declarations, c: Candidate) -> dict[str, Any]:
    article = _article(decl, c.clause)
    return {
        "credit_code": c.org.credit_code,
        "name": c.org.name,
        "tier": c.tier.value,
        "category": c.category,
        "sector": c.org.sector.value if c.org.sector else None,
        "rank": c.rank,
        "counts_against_quota": c.counts_against_quota,
        "clause": c.clause,
        "citation": decl.citation(article) if article else "",
        "committee_minutes": c.minutes,  # a place filled by the committee's decision
    }


def _article(decl: Declarations, clause: str) -> str | None:
    """The article of a clause id, from the regulation's clause inventory or the declarations."""
    for cl in decl.regulation.clauses:
        if cl.id == clause:
            return cl.article
    return next((o.article for o in clause_carriers(decl) if o.clause == clause), None)


def _rewards(r: CycleResult, winners: list[Candidate]) -> list[dict[str, Any]]:
    out = []
    for c in winners:
        money = prize(r.decl, c.tier, r.histories[c.index])
        if money is None:
            continue
        out.append(
            {
                "credit_code": c.org.credit_code,
                "name": c.org.name,
                "tier": c.tier.value,
                "yuan": money.yuan,
                "clause": money.clause,
                "citation": money.citation,
                "text": money.text,
            }
        )
    return out


def _terms(r: CycleResult, winners: list[Candidate]) -> dict[str, list]:
    decl, granted = r.decl, r.granted_on
    validity, duties, again = [], [], []
    rep = decl.validity.repeat if decl.validity else None
    for c in winners:
        code = c.org.credit_code
        window = validity_window(decl, granted) if granted else None
        if window is not None:
            validity.append(
                {
                    "credit_code": code,
                    "tier": c.tier.value,
                    "from": window.starts,
                    "last_day": window.last_day,
                    "note": decl.validity.not_stated
                    if decl.validity and window.last_day is None
                    else "",
                    "clause": window.clause,
                    "citation": window.citation,
                }
            )
        for d in obligations(decl, granted) if granted else []:
            duties.append(
                {
                    "credit_code": code,
                    "text": d.text,
                    "due": d.due,
                    "clause": d.clause,
                    "citation": d.citation,
                }
            )
        if rep is not None and c.tier in rep.tiers and (granted or not rep.after_validity):
            year = may_apply_again(decl, r.cycle.year, granted or dt.date(r.cycle.year, 12, 31))
            if year is not None:
                again.append(
                    {
                        "credit_code": code,
                        "year": year,
                        "clause": rep.clause,
                        "citation": decl.citation(rep.article),
                        "text": _again_text(rep, window),
                    }
                )
    return {"validity": validity, "obligations": duties, "may_apply_again": again}


def _again_text(rep, window) -> str:
    if rep.after_validity:
        end = f"有效期至{window.last_day.isoformat()}" if window and window.last_day else "有效期满"
        return f"{end}，期满后可再次申请"
    return f"间隔{rep.gap_cycles}届后可再次申报"


def _publicity_json(decl: Declarations, p: Period | None) -> dict[str, Any] | None:
    pub = decl.regulation.publicity
    if p is None or pub is None:
        return None
    unit = "个工作日" if pub.working_days else "天"
    return {
        "published_on": p.published_on,
        "first_day": p.first_day,
        "last_day": p.last_day,
        "days": p.days,
        "working_days": p.working_days,
        "required": f"{'不少于' if pub.at_least else ''}{pub.days}{unit}",
        "moved_from": p.moved_from,
        "makeup_days": list(p.makeup_days),
        "clause": pub.clause,
        "citation": decl.citation(pub.article),
        "text": p.explain(pub.days, pub.working_days, pub.at_least),
        "holiday_notices": list(p.notices),  # supplied notices that decided days (else the package)
    }
