"""Choosing the winners within the places, by the quota the plugin declared.

Candidates are the eligible, scored applications. In order:

1. the on-site cap (JD-5-3-2): the best N *organisations* enter on-site review, each ranked by
   its best application across the awards; all its applications enter (or none);
2. per tier, the ranking: score, then whether a review preference is met (met or not, see
   :mod:`qaward.cycle.scoring`);
   equal keys share a rank and are listed by credit code, never by input order;
3. walking down the ranking: the tier's minimum score, the committee vote (votes for >=
   numerator/denominator of the voters), then the places and the category caps;
4. a repeat winner whose terms say it "takes no quota place" is awarded if it ranks while places
   remain, without using one: the next in line gets that place (docs/interpretations.md);
5. equal keys competing for fewer places than they are: a tie for the committee, the contested
   places held for it, never decided here; a ``committee_decisions`` entry (the committee's
   decision with its minutes) fills a held place, or declines it, and is cited as such.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from itertools import groupby

from attrs import define, field, frozen

from qaward.cycle.scoring import rank_key, threshold
from qaward.labels import TIER as TIER_ZH
from qaward.model import CommitteeDecision, CommitteeVerdict, Organization, Sector, Tier
from qaward.rules import SECTOR_ZH
from qaward.terms import CategoryCap, Declarations, PreferenceRule, QuotaPolicy, TierPlaces


class Outcome(StrEnum):
    winner = "winner"
    not_selected = "not_selected"
    tied = "tied"  # an unbreakable tie at the last places: the committee decides


@define
class Candidate:
    """An eligible, scored application and what selection decided for it."""

    index: int  # position in the cycle's applications
    org: Organization
    tier: Tier
    score: int
    preferences: tuple[PreferenceRule, ...]
    repeat: bool = False  # has won this award's tier before
    repeat_no_place: bool = False  # a repeat winner whose win takes no quota place
    votes_for: int | None = None
    rank: int | None = None
    tie_break: tuple[str, ...] = ()  # preference clauses that set it apart from equal scores
    category: str | None = None  # the category cap it counts against
    outcome: Outcome | None = None
    reason: str = ""
    clause: str = ""
    counts_against_quota: bool | None = None
    minutes: str | None = None  # the committee decision that decided it, cited by its minutes

    @property
    def key(self) -> tuple[int, bool]:
        return rank_key(self.score, self.preferences)

    def decide(self, outcome: Outcome, reason: str, clause: str) -> None:
        if self.outcome is None:
            self.outcome, self.reason, self.clause = outcome, reason, clause


@frozen
class Tie:
    """Applicants the regulation cannot tell apart, competing for fewer places."""

    stage: str  # "onsite" or the tier
    rank: int | None
    score: int
    members: tuple[Candidate, ...]
    places: int
    clause: str
    message: str


@frozen
class TierSummary:
    tier: Tier
    places: int
    awarded: int  # places used (repeat winners that take none are not counted)
    held: int  # places held for a tie
    vacant: int


@define
class Selection:
    candidates: list[Candidate]
    ties: list[Tie] = field(factory=list)
    tiers: list[TierSummary] = field(factory=list)
    decisions: dict[tuple[str, Tier], CommitteeDecision] = field(factory=dict)
    used: set[tuple[str, Tier]] = field(factory=set)  # decisions that filled a held place
    problems: list[str] = field(factory=list)  # decisions that do not fit (an input error)

    @property
    def winners(self) -> list[Candidate]:
        return [c for c in self.candidates if c.outcome == Outcome.winner]


def ordered(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Best first; equal keys by credit code (stable, independent of input order)."""
    by_code = sorted(candidates, key=lambda c: c.org.credit_code)
    return sorted(by_code, key=lambda c: c.key, reverse=True)


def _groups(ranked: list[Candidate]) -> list[list[Candidate]]:
    return [list(g) for _, g in groupby(ranked, key=lambda c: c.key)]


def assign_ranks(ranked: list[Candidate]) -> None:
    """Competition ranks (1, 2, 2, 4); note which preference clauses broke an equal score."""
    position = 1
    for group in _groups(ranked):
        for c in group:
            c.rank = position
        position += len(group)
    keys_by_score: dict[int, set] = {}
    for c in ranked:
        keys_by_score.setdefault(c.score, set()).add(c.key)
    for c in ranked:
        if len(keys_by_score[c.score]) > 1:  # an equal score, set apart by preferences
            c.tie_break = tuple(p.clause for p in c.preferences) or ("—",)


def select(
    decl: Declarations,
    candidates: list[Candidate],
    voters: int | None,
    decisions: Iterable[CommitteeDecision] = (),
) -> Selection:
    sel = Selection(candidates, decisions={(d.credit_code, d.tier): d for d in decisions})
    quota = _quota(decl)
    if quota is None:
        return sel
    if quota.onsite is not None:
        _onsite_cut(decl, ordered(candidates), sel)
    for tp in quota.tiers:
        ranked = ordered(c for c in candidates if c.tier is tp.tier)
        assign_ranks(ranked)
        for c in ranked:
            cap = _cap_of(tp.caps, c.org.sector)
            c.category = cap.label if cap else None
        _fill(decl, tp, ranked, voters, sel)
    for (code, tier), d in sel.decisions.items():
        if (code, tier) not in sel.used:
            sel.problems.append(
                f"评委会决定（{d.minutes}）所涉 {code} 的{TIER_ZH[tier]}申报不在待评委会决定的并列名额之列："
                "评委会决定只用于规章留给评委会的并列名额"
            )
    return sel


def _preference_clauses(decl: Declarations) -> list[str]:
    prefs = decl.scoring.preferences if decl.scoring else ()
    return list(dict.fromkeys(p.clause for p in prefs))


def _tie_clause(decl: Declarations, quota_clause: str) -> str:
    return "、".join(dict.fromkeys([*_preference_clauses(decl), quota_clause]))


def _tie_message(decl: Declarations, members: list[Candidate], places: int, what: str) -> str:
    names = "、".join(c.org.name for c in members)
    prefs = "、".join(_preference_clauses(decl))
    met = "同为符合" if members[0].preferences else "同为不符合"
    same = f"，且{met}评审倾斜条件（{prefs}）" if prefs else ""
    return (
        f"{names}得分相同（{members[0].score}分）{same}，争夺{what}最后{places}个名额："
        "规章无法区分，提请评委会决定"
    )


def _quota(decl: Declarations) -> QuotaPolicy:
    """A cycle is only run for an award that declares its quota (checked when it is read)."""
    assert decl.quota is not None, decl.jurisdiction.id
    return decl.quota


def _onsite_cut(decl: Declarations, ranked: list[Candidate], sel: Selection) -> None:
    cap = _quota(decl).onsite
    if cap is None:
        return
    room = cap.max
    cite = decl.citation(cap.article)
    # an organisation counts once, by its best application (one may apply for both awards)
    apps: dict[str, list[Candidate]] = {}
    for c in ranked:
        apps.setdefault(c.org.credit_code, []).append(c)
    best = [group[0] for group in apps.values()]  # ``ranked`` is best first
    position = 1
    for group in _groups(best):
        orgs = [apps[c.org.credit_code] for c in group]
        if len(group) <= room:
            room -= len(group)
        elif room == 0:
            for c in (a for org in orgs for a in org):
                c.decide(
                    Outcome.not_selected,
                    f"材料评审名次在前{cap.max}家组织之外，未进入现场评审（{cite}）",
                    cap.clause,
                )
        else:
            clause = _tie_clause(decl, cap.clause)
            msg = _tie_message(decl, group, room, f"现场评审（不超过{cap.max}家组织）")
            for c in (a for org in orgs for a in org):
                c.decide(Outcome.tied, msg, cap.clause)
            sel.ties.append(
                Tie("onsite", position, group[0].score, tuple(group), room, clause, msg)
            )
            room = 0
        position += len(group)


def _disqualified(decl: Declarations, c: Candidate, voters: int | None) -> bool:
    """Minimum score and committee vote; decides the candidate when it fails either."""
    th = threshold(decl.scoring, c.tier)
    if th is not None and c.score < th.min_score:
        c.decide(
            Outcome.not_selected,
            f"总分{c.score}分，低于{TIER_ZH[c.tier]}最低分{th.min_score}分（{decl.citation(th.article)}）",
            th.clause,
        )
        return True
    vote = _quota(decl).vote
    if vote is None:
        return False
    cite = decl.citation(vote.article)
    if c.votes_for is None or voters is None:
        c.decide(
            Outcome.not_selected, f"缺少得票数或投票人数，无法判断表决结果（{cite}）", vote.clause
        )
        return True
    need = f"{vote.numerator}/{vote.denominator}"
    if c.votes_for * vote.denominator < vote.numerator * voters:
        c.decide(
            Outcome.not_selected,
            f"得票{c.votes_for}/{voters}，未达投票人数的{need}（{cite}）",
            vote.clause,
        )
        return True
    c.reason = f"得票{c.votes_for}/{voters}，达到投票人数的{need}（{cite}）"
    return False


def _cap_of(caps: tuple[CategoryCap, ...], sector: Sector | None) -> CategoryCap | None:
    return next((cap for cap in caps if sector in cap.sectors), None)


def _fill(
    decl: Declarations,
    tp: TierPlaces,
    ranked: list[Candidate],
    voters: int | None,
    sel: Selection,
) -> None:
    quota = _quota(decl)
    cite = decl.citation(quota.article)
    rep = decl.validity.repeat if decl.validity else None
    left = tp.places
    cap_left = {cap.label: cap.max for cap in tp.caps}
    awarded = held = 0
    for group in _groups(ranked):
        live = [c for c in group if c.outcome is None and not _disqualified(decl, c, voters)]
        for c in [c for c in live if c.repeat_no_place]:
            if left > 0:
                assert rep is not None  # only a repeat rule makes a winner take no place
                c.counts_against_quota = False
                why = (
                    f"再次获奖：轮到其名次（第{c.rank}名）时{TIER_ZH[tp.tier]}尚有{left}个名额未授出，"
                    f"授予称号但不占名额，名额由其后的申报组织依次递补（{decl.citation(rep.article)}）"
                )
                c.decide(Outcome.winner, _join(c.reason, why), rep.clause)
            else:
                c.decide(
                    Outcome.not_selected,
                    f"轮到其名次（第{c.rank}名）时{tp.places}个名额已全部授出（{cite}）",
                    quota.clause,
                )
        regular = [c for c in live if not c.repeat_no_place]
        if not regular:
            continue
        if left == 0:
            for c in regular:
                c.decide(
                    Outcome.not_selected, f"名次在{tp.places}个名额之外（{cite}）", quota.clause
                )
            continue
        used, on_hold = _place_group(decl, tp, regular, left, cap_left, sel)
        left -= used + on_hold
        awarded += used
        held += on_hold
    sel.tiers.append(TierSummary(tp.tier, tp.places, awarded, held, left))


def _place_group(
    decl: Declarations,
    tp: TierPlaces,
    group: list[Candidate],
    left: int,
    cap_left: dict[str, int],
    sel: Selection,
) -> tuple[int, int]:
    """Place one group of equal rank; returns (places used, places held for a tie)."""
    quota = _quota(decl)
    cite = decl.citation(quota.article)
    fit: list[Candidate] = []
    contested: dict[str, list[Candidate]] = {}
    for label, members in _by_category(tp, group, quota.clause).items():
        if label is None:
            fit.extend(members)
            continue
        cap = next(c for c in tp.caps if c.label == label)
        room = cap_left[label]
        if room == 0:
            for c in members:
                c.decide(
                    Outcome.not_selected,
                    f"{label}获奖组织已达上限{cap.max}个（{cite}）",
                    quota.clause,
                )
        elif len(members) <= room:
            fit.extend(members)
        else:
            contested[label] = members
    held_by_cap = {label: cap_left[label] for label in contested}
    if len(fit) + sum(held_by_cap.values()) > left:
        # more equals than places: the whole group is tied for what is left
        members = fit + [c for ms in contested.values() for c in ms]
        return _tie(decl, tp, members, left, sel, cap_left=cap_left)
    for c in fit:
        c.counts_against_quota = True
        if c.category is not None:
            cap_left[c.category] -= 1
        inside = f"名次在{tp.places}个名额之内（{cite}）"
        if c.repeat:
            inside += "；再次获奖，规章未规定不占名额，占用名额"
        c.decide(Outcome.winner, _join(c.reason, inside), quota.clause)
    used, held = len(fit), 0
    for label, members in contested.items():
        by_committee, on_hold = _tie(decl, tp, members, held_by_cap[label], sel, f"（{label}）")
        cap_left[label] = 0
        used, held = used + by_committee, held + on_hold
    return used, held


def _by_category(
    tp: TierPlaces, group: list[Candidate], clause: str
) -> dict[str | None, list[Candidate]]:
    out: dict[str | None, list[Candidate]] = {}
    for c in group:
        if not tp.caps:
            out.setdefault(None, []).append(c)
            continue
        if c.category is None:
            sector = SECTOR_ZH[c.org.sector] if c.org.sector else "未填写"
            c.decide(Outcome.not_selected, f"所属行业{sector}，无法确定计入哪类名额", clause)
            continue
        out.setdefault(c.category, []).append(c)
    return out


def _tie(
    decl: Declarations,
    tp: TierPlaces,
    members: list[Candidate],
    places: int,
    sel: Selection,
    what: str = "",
    cap_left: dict[str, int] | None = None,
) -> tuple[int, int]:
    """Hold ``places`` for the committee; its recorded decisions fill them. Returns (places the
    committee awarded, places still held)."""
    quota = _quota(decl)
    clause = _tie_clause(decl, quota.clause)
    msg = _tie_message(decl, members, places, TIER_ZH[tp.tier] + what)
    sel.ties.append(
        Tie(tp.tier.value, members[0].rank, members[0].score, tuple(members), places, clause, msg)
    )
    decided = {c.org.credit_code: sel.decisions.get((c.org.credit_code, tp.tier)) for c in members}
    awards = [c for c in members if (d := decided[c.org.credit_code]) and d.decision is AWARD]
    if len(awards) > places:
        names = "、".join(c.org.name for c in awards)
        sel.problems.append(
            f"评委会决定授予{names}，超过并列争夺的{places}个名额（{TIER_ZH[tp.tier]}{what}）"
        )
        awards = []
    cite = decl.citation(quota.article)
    for c in members:
        d = decided[c.org.credit_code]
        if d is None or (d.decision is AWARD and not awards):
            c.decide(Outcome.tied, msg, quota.clause)
            continue
        sel.used.add((c.org.credit_code, tp.tier))
        c.minutes = d.minutes
        if d.decision is AWARD:
            c.counts_against_quota = True
            if cap_left is not None and c.category is not None:
                cap_left[c.category] -= 1
            why = f"并列争夺{places}个名额，评委会决定授予（{d.minutes}；{cite}）"
            c.decide(Outcome.winner, _join(c.reason, why), quota.clause)
        else:
            why = f"并列争夺{places}个名额，评委会决定不授予（{d.minutes}；{cite}）"
            c.decide(Outcome.not_selected, why, quota.clause)
    undecided = any(decided[c.org.credit_code] is None for c in members)
    return len(awards), (places - len(awards)) if undecided else 0


AWARD = CommitteeVerdict.award


def _join(*parts: str) -> str:
    return "；".join(p for p in parts if p)
