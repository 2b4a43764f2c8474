"""``qaward compare``: the jurisdictions' terms side by side, read from the very declarations the
engine evaluates. Every cell names its clause; a term the regulation leaves open says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from qaward.catalog import Catalog
from qaward.events import LEVEL_ZH, AccidentTest, DishonestyTest, EventTest, SpotCheckTest
from qaward.labels import PRIZE_WHEN as _WHEN_ZH
from qaward.labels import TIER_SHORT as TIER_ZH
from qaward.model import SanctionReason, Tier
from qaward.rules import (
    AnyOf,
    Certified,
    ExcellenceModel,
    NoCumulativeLoss,
    NoEvents,
    OpenToAll,
    ProfitableYears,
    RecommendationRequired,
    SafetyStandardization,
    SectorIn,
    SteadyGrowth,
    TaxPerMu,
    YearsOfOperation,
)
from qaward.terms import STATUS_ZH, Declarations

OPEN = "未规定"


def _cite(text: str, clause: str) -> str:
    return f"{text}（{clause}）"


def _rules(decl: Declarations) -> Iterator:
    for rule in decl.eligibility:
        yield rule
        if isinstance(rule, AnyOf):
            yield from rule.rules


def _first(decl: Declarations, kind: type):
    return next((r for r in _rules(decl) if isinstance(r, kind)), None)


def _event_tests(decl: Declarations, kind: type) -> list[tuple[str, EventTest]]:
    return [
        (r.clause, t)
        for r in _rules(decl)
        if isinstance(r, NoEvents)
        for t in r.tests
        if isinstance(t, kind)
    ]


def _yuan(n: int) -> str:
    return f"{n // 10_000}万元" if n and n % 10_000 == 0 else f"{n}元"


def level(d: Declarations, catalog: Catalog) -> str:
    return LEVEL_ZH[d.jurisdiction.level] + (
        "（开发区）" if d.jurisdiction.division_code is None else ""
    )


def document(d: Declarations, catalog: Catalog) -> str:
    doc, status = d.regulation.document, f"（{STATUS_ZH[d.regulation.status]}）"
    return doc if doc.endswith(status) else doc + status  # an unnumbered draft's title says it


def in_force(d: Declarations, catalog: Catalog) -> str:
    r = d.regulation
    if r.effective_from is None:
        return _cite(r.note or "尚未施行", r.clause)
    until = f"至{r.effective_until.isoformat()}（试行期满失效）" if r.effective_until else "起"
    return _cite(f"{r.effective_from.isoformat()}{until}", r.clause)


def cycle(d: Declarations, catalog: Catalog) -> str:
    if d.quota is None:
        return OPEN
    every = "每年" if d.quota.cycle_years == 1 else f"每{d.quota.cycle_years}年"
    return _cite(f"{every}评审1次", d.quota.clause)


def places(d: Declarations, catalog: Catalog) -> str:
    if d.quota is None:
        return OPEN
    parts = [f"{TIER_ZH[t.tier]}≤{t.places}" for t in d.quota.tiers]
    vacancy = "，可空缺" if d.quota.vacancy_allowed else ""
    vote = ""
    if d.quota.vote:
        v = d.quota.vote
        vote = f"；得票≥投票人数{v.numerator}/{v.denominator}（{v.clause}）"
    return _cite("、".join(parts) + vacancy, d.quota.clause) + vote


def onsite(d: Declarations, catalog: Catalog) -> str:
    cap = d.quota.onsite if d.quota else None
    return _cite(f"进入现场评审≤{cap.max}家", cap.clause) if cap else OPEN


def standard(d: Declarations, catalog: Catalog) -> str:
    s = d.scoring
    if s is None:
        return OPEN
    years = f"，评价前{s.covers_years}年业绩" if s.covers_years else ""
    return _cite(f"{s.standard}，总分{s.total}分{years}", s.clause)


def thresholds(d: Declarations, catalog: Catalog) -> str:
    found = d.scoring.thresholds if d.scoring else ()
    if not found:
        return OPEN
    return "；".join(_cite(f"{TIER_ZH[t.tier]}≥{t.min_score}分", t.clause) for t in found)


def caps(d: Declarations, catalog: Catalog) -> str:
    if d.quota is None:
        return OPEN
    tiers = [t for t in d.quota.tiers if t.caps]
    if not tiers:
        return "不分类别"
    t = tiers[0]
    each = "每项" if len(d.quota.tiers) > 1 else ""
    return _cite(each + "，".join(f"{c.label}≤{c.max}" for c in t.caps), d.quota.clause)


def reward(d: Declarations, catalog: Catalog) -> str:
    if d.reward is None:
        return OPEN
    parts = []
    for p in d.reward.prizes:
        label = TIER_ZH[p.tier] + _WHEN_ZH.get(p.when, "")
        money = _yuan(p.yuan) if p.yuan else "无奖金"
        parts.append(f"{label}{money}（{p.clause}）")
    return "；".join(parts)


def bonuses(d: Declarations, catalog: Catalog) -> str:
    found = d.reward.bonuses if d.reward else ()
    if not found:
        return OPEN
    parts = []
    for b in found:
        award = a.name if (a := catalog.award(b.award)) else b.award
        tier = f"（{TIER_ZH[b.tier]}）" if b.tier and b.tier is not Tier.quality else ""
        money = _yuan(b.yuan) if b.yuan is not None else "，文本未定金额"
        parts.append(_cite(f"获{award}{tier}奖励{money}", b.clause))
    return "；".join(parts)


def repeat(d: Declarations, catalog: Catalog) -> str:
    r = d.validity.repeat if d.validity else None
    if r is None:
        v = d.validity
        if v and v.repeat_not_stated:
            return f"{OPEN}：{v.repeat_not_stated}"  # the note cites the clause it rests on
        return OPEN
    when = "有效期满后" if r.after_validity else f"间隔{r.gap_cycles}届后"
    money = "有奖金" if r.money else "无奖金"
    place = "占名额" if r.takes_place else "不占名额"
    return _cite(f"{when}可再申报；再获奖{money}、{place}", r.clause)


def validity(d: Declarations, catalog: Catalog) -> str:
    v = d.validity
    if v is None or v.years is None:
        note = v.not_stated if v and v.not_stated else "文本未规定有效期"
        return f"{OPEN}：{note}" + (f"（{v.clause}）" if v else "")
    return _cite(f"{v.years}年", v.clause)


def publicity(d: Declarations, catalog: Catalog) -> str:
    p = d.regulation.publicity
    if p is None:
        return OPEN
    unit = "个工作日" if p.working_days else "天"
    return _cite(f"{'不少于' if p.at_least else ''}{p.days}{unit}", p.clause)


def years_of_operation(d: Declarations, catalog: Catalog) -> str:
    r = _first(d, YearsOfOperation)
    return _cite(f"≥{r.min_years}年", r.clause) if r else OPEN


def sectors(d: Declarations, catalog: Catalog) -> str:
    r = _first(d, SectorIn)
    if r is None:
        everyone = _first(d, OpenToAll)
        return _cite(everyone.text, everyone.clause) if everyone else OPEN
    return _cite(r.text, r.clause)


def routes(d: Declarations, catalog: Catalog) -> str:
    found = d.validity.routes if d.validity else ()
    if not found:
        return OPEN
    parts = []
    for rt in found:
        target = catalog.award(rt.to_award)
        who = "有效期内的获奖单位" if rt.while_valid else "未被撤销的获奖单位（不以有效期为限）"
        parts.append(_cite(f"{who}可推荐申报{target.name if target else rt.to_award}", rt.clause))
    return "；".join(parts)


def recommendation(d: Declarations, catalog: Catalog) -> str:
    r = _first(d, RecommendationRequired)
    return _cite(f"须经{r.by}推荐", r.clause) if r else OPEN


def certificate(d: Declarations, catalog: Catalog) -> str:
    r = _first(d, Certified)
    if r is None:
        return OPEN
    return _cite(r.text, r.clause)


def excellence(d: Declarations, catalog: Catalog) -> str:
    r = _first(d, ExcellenceModel)
    return _cite(r.text, r.clause) if r else OPEN


def profit(d: Declarations, catalog: Catalog) -> str:
    any_of = _first(d, AnyOf)
    if any_of and any(isinstance(x, ProfitableYears | SteadyGrowth) for x in any_of.rules):
        return _cite(any_of.text, any_of.clause)
    for kind in (ProfitableYears, NoCumulativeLoss, SteadyGrowth):
        r = _first(d, kind)
        if r:
            return _cite(r.text, r.clause)
    return OPEN


def tax_per_mu(d: Declarations, catalog: Catalog) -> str:
    r = _first(d, TaxPerMu)
    return _cite(f"工业企业上年度亩均税收≥{_yuan(r.min_yuan)}", r.clause) if r else OPEN


def safety(d: Declarations, catalog: Catalog) -> str:
    r = _first(d, SafetyStandardization)
    return _cite(r.text, r.clause) if r else OPEN


def spot_checks(d: Declarations, catalog: Catalog) -> str:
    found = _event_tests(d, SpotCheckTest)
    if not found:
        return OPEN
    return "；".join(_cite(t.text, c) for c, t in found)


def accidents(d: Declarations, catalog: Catalog) -> str:
    found = _event_tests(d, AccidentTest)
    if not found:
        return OPEN
    return "；".join(_cite(t.text, c) for c, t in found)


def dishonesty(d: Declarations, catalog: Catalog) -> str:
    found = _event_tests(d, DishonestyTest)
    if not found:
        return OPEN
    return "；".join(_cite(t.text, c) for c, t in found)


def _ban(d: Declarations, catalog: Catalog, reason: SanctionReason) -> str:
    term = next((t for t in d.sanctions if t.reason == reason), None)
    if term is None:
        return OPEN
    if not term.ban_years:
        what = "撤销" if term.revoke else "处理"
        return _cite(
            f"{what}，无禁止申报期限" + (f"；{term.extra}" if term.extra else ""), term.clause
        )
    names = [a.name if (a := catalog.award(x)) else x for x in term.ban_awards]
    return _cite(f"{term.ban_years}年内不得申报" + "、".join(names), term.clause)


_WINDOW_ZH = {"validity": "有效期内", "any": "不限时间"}


def revocation_window(d: Declarations, catalog: Catalog) -> str:
    term = next((t for t in d.sanctions if t.reason == SanctionReason.revocation), None)
    if term is None:
        return OPEN
    if term.window == "years_after_grant":
        return _cite(f"获奖后{term.window_years}年内发生所列情形", term.clause)
    return _cite(f"{_WINDOW_ZH.get(term.window, term.window)}发生所列情形", term.clause)


ROWS: tuple[tuple[str, Callable[[Declarations, Catalog], str]], ...] = (
    ("级别", level),
    ("文件", document),
    ("施行", in_force),
    ("评审周期", cycle),
    ("名额", places),
    ("现场评审", onsite),
    ("类别限额", caps),
    ("评审标准", standard),
    ("评分门槛", thresholds),
    ("奖金", reward),
    ("上级奖项奖励", bonuses),
    ("再次申报", repeat),
    ("有效期", validity),
    ("公示", publicity),
    ("行业范围", sectors),
    ("推荐", recommendation),
    ("向上推荐", routes),
    ("经营年限", years_of_operation),
    ("管理体系认证", certificate),
    ("卓越绩效模式", excellence),
    ("盈利要求", profit),
    ("亩均税收", tax_per_mu),
    ("安全生产标准化", safety),
    ("监督抽查范围", spot_checks),
    ("事故范围", accidents),
    ("失信记录范围", dishonesty),
    ("弄虚作假处理", lambda d, c: _ban(d, c, SanctionReason.fraud)),
    ("撤销情形时限", revocation_window),
    ("撤销后禁止申报", lambda d, c: _ban(d, c, SanctionReason.revocation)),
)


def comparison(
    catalog: Catalog, jurisdictions: list[str] | None = None, as_of: dt.date | None = None
) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Column ids and rows (label, one cell per jurisdiction) for the regulations in force on
    ``as_of`` (default: today)."""
    ids = jurisdictions or list(catalog.jurisdictions)
    day = as_of or dt.date.today()
    decls = [catalog.declarations(j, day)[0] for j in ids]
    return ids, [(label, [fn(d, catalog) for d in decls]) for label, fn in ROWS]
