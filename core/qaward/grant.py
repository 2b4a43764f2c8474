"""What a win brings, by the jurisdiction's declared terms: the prize money, the validity window,
the obligations with due dates and the first cycle in which the winner may apply again."""

from __future__ import annotations

import datetime as dt

from attrs import frozen

from qaward.dates import ONE_DAY, add_years, last_day
from qaward.history import History
from qaward.model import AwardRecord, EntityType, Tier
from qaward.terms import Declarations, Due, Prize, PrizeWhen


@frozen
class Money:
    yuan: int | None  # None: the text fixes no amount (e.g. "按现行财政体制给予奖励")
    clause: str
    citation: str
    text: str
    payee: str = ""  # the text's word for who is paid ("每家企业")
    payee_types: frozenset[EntityType] | None = None


def prize(decl: Declarations, tier: Tier, history: History) -> Money | None:
    """The first declared prize whose condition the winner's history meets (article order)."""
    if decl.reward is None:
        return None
    own = [r for r in history.awards if r.award == decl.jurisdiction.id]
    for p in decl.reward.prizes:
        if p.tier is tier and _meets(p, tier, own):
            return Money(p.yuan, p.clause, decl.citation(p.article), p.text, p.payee, p.payee_types)
    return None


def _meets(p: Prize, tier: Tier, own: list) -> bool:
    won_tier = any(r.tier is tier for r in own)
    return {
        PrizeWhen.any: True,
        PrizeWhen.first_time: not won_tier,
        PrizeWhen.repeat: won_tier,
        PrizeWhen.holder_of_innovation: not won_tier
        and any(r.tier is Tier.innovation for r in own),
    }[p.when]


def higher_award_bonus(decl: Declarations, record: AwardRecord) -> Money | None:
    """What this jurisdiction adds when its organisation wins a higher award (JD-6-2, HQ-20)."""
    bonuses = decl.reward.bonuses if decl.reward else ()
    for b in bonuses:
        if b.award == record.award and b.tier in (None, record.tier):
            return Money(b.yuan, b.clause, decl.citation(b.article), b.text)
    return None


@frozen
class Window:
    starts: dt.date
    last_day: dt.date | None  # inclusive (民法典第二百零二条); None: the text sets no term
    clause: str
    citation: str


def validity_window(decl: Declarations, granted_on: dt.date) -> Window | None:
    """ "有效期N年" from the grant: valid through the corresponding day N years later."""
    v = decl.validity
    if v is None:
        return None
    end = last_day(granted_on, v.years) if v.years is not None else None
    return Window(granted_on, end, v.clause, decl.citation(v.article))


@frozen
class Duty:
    text: str
    due: list[dt.date]  # deadlines, each the last day of its period (inclusive); empty: none
    clause: str
    citation: str


def obligations(decl: Declarations, granted_on: dt.date) -> list[Duty]:
    """Each obligation with its deadlines: within N years -> one date; yearly -> one per year of
    validity; during validity -> the end of validity; grant year -> 31 December of that year."""
    if decl.validity is None:
        return []
    window = validity_window(decl, granted_on)
    out = []
    for ob in decl.validity.obligations:
        years = decl.validity.years
        if ob.due is Due.within_years and ob.years is not None:
            due = [add_years(granted_on, ob.years)]
        elif ob.due is Due.yearly and window and window.last_day and years is not None:
            due = [add_years(granted_on, n) for n in range(1, years + 1)]
        elif ob.due is Due.during_validity and window and window.last_day:
            due = [window.last_day]
        elif ob.due is Due.grant_year:
            due = [dt.date(granted_on.year, 12, 31)]
        else:
            due = []
        out.append(Duty(ob.text, due, ob.clause, decl.citation(ob.article)))
    return out


def may_apply_again(decl: Declarations, year: int, granted_on: dt.date) -> int | None:
    """The first cycle year in which a winner of ``year`` may apply again (None: no term)."""
    rep = decl.validity.repeat if decl.validity else None
    if rep is None:
        return None
    if rep.after_validity:
        window = validity_window(decl, granted_on)
        return (window.last_day + ONE_DAY).year if window and window.last_day else None
    cycle = decl.quota.cycle_years if decl.quota else 1
    return year + (rep.gap + 1) * cycle
