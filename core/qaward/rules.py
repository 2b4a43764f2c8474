"""The rule vocabulary: conditions that recur across the regulations, as declarable objects.

A plugin lists rule objects in article order, each with its clause id and article. ``check``
returns an :class:`Outcome`: passed True / False / None (a fact is missing: never silently a pass
or a fail), a Chinese message and the facts used. Citation and plugin are added by the engine.
A rule the vocabulary does not cover is a :class:`Custom` rule: a plain function with a citation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from qaward.dates import (
    full_years_reached,
    last_complete_years,
    window_start,
    within_years,
    years_between,
)
from qaward.declare import declaration
from qaward.events import EventTest, describe
from qaward.labels import ENTITY_TYPE
from qaward.labels import SECTOR as SECTOR_ZH
from qaward.model import (
    Dishonesty,
    EntityType,
    Level,
    Organization,
    SanctionReason,
    Sector,
    Severity,
    Tier,
)
from qaward.standards import INTERNATIONAL, StandardScope

if TYPE_CHECKING:
    from qaward.catalog import Catalog
    from qaward.history import History
    from qaward.terms import Jurisdiction, RepeatTerms


@frozen
class Context:
    """What one evaluation sees: the organisation, the date, the jurisdiction and the history."""

    org: Organization
    as_of: dt.date
    jurisdiction: Jurisdiction
    history: History
    catalog: Catalog
    cycle_year: int
    cycle_years: int = 1  # the awarding jurisdiction's cycle length


@frozen
class Outcome:
    passed: bool | None
    message: str
    facts: dict[str, Any] = field(factory=dict)


def missing(field_name: str, what: str) -> Outcome:
    return Outcome(None, f"缺少{what}（{field_name}），无法判断", {"missing": field_name})


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


@declaration
class Registered:
    """依法在本行政区域内注册登记."""

    clause: str
    article: str
    text: str = "在本行政区域内依法注册登记"

    def check(self, ctx: Context) -> Outcome:
        region, j = ctx.org.region, ctx.jurisdiction
        inside = ctx.catalog.contains(j.id, region)
        facts = {"region": region, "jurisdiction": j.id}
        if inside:
            return Outcome(True, f"注册地（{region}）在{j.name}行政区域内", facts)
        return Outcome(False, f"注册地（{region}）不在{j.name}行政区域内", facts)


@declaration
class LegalPerson:
    clause: str
    article: str
    text: str = "具有法人资格"

    def check(self, ctx: Context) -> Outcome:
        value = ctx.org.legal_person
        if value is None:
            return missing("legal_person", "法人资格信息")
        return Outcome(
            value, "具有法人资格" if value else "不具有法人资格", {"legal_person": value}
        )


@declaration
class YearsOfOperation:
    """从事合法生产经营N年以上 (counted to the as-of date; 以上 includes N)."""

    clause: str
    article: str
    min_years: int

    @property
    def text(self) -> str:
        return f"合法生产经营{self.min_years}年以上"

    def check(self, ctx: Context) -> Outcome:
        since = ctx.org.established_on
        if since is None:
            return missing("established_on", "开始合法经营日期")
        years = years_between(since, ctx.as_of)
        ok = full_years_reached(since, ctx.as_of, self.min_years)
        facts = {"established_on": since.isoformat(), "years": years, "required": self.min_years}
        verdict = "已满" if ok else "不足"
        return Outcome(ok, f"合法生产经营{years}年，{verdict}{self.min_years}年", facts)


def _sector_gate(sectors: frozenset[Sector] | None, org: Organization) -> Outcome | None:
    """For a rule limited to some sectors (e.g. 制造业企业参加申报，须…): None when it applies,
    else the outcome for an organisation outside its scope or of unknown sector."""
    if sectors is None or org.sector in sectors:
        return None
    if org.sector is None:
        return missing("sector", "所属行业（本项仅适用于部分行业）")
    return Outcome(
        True,
        f"本项{_scope_note(sectors)}，{SECTOR_ZH[org.sector]}不适用",
        {"sector": org.sector.value},
    )


def _scope_note(sectors: frozenset[Sector] | None) -> str:
    if sectors is None:
        return ""
    return "（仅限" + "、".join(SECTOR_ZH[s] for s in Sector if s in sectors) + "）"


@declaration
class Certified:
    """通过管理体系认证并有效运行N年以上 (``min_years`` 0: holding one is enough).

    ``scope`` says which standards count (:mod:`qaward.standards`: international, any related
    system, quality systems only); names compare without edition. A certificate counts from
    ``since`` through ``valid_until`` (inclusive). A valid certificate of a standard the table does
    not know makes the finding undetermined where it could decide it, never a silent fail.
    ``attestation``: without a counting certificate, the reviewer's attestation decides (HQ-10-2
    "质量管理体系健全": a certificate proves it, else the reviewer attests it)."""

    clause: str
    article: str
    min_years: int
    scope: StandardScope = INTERNATIONAL
    sectors: frozenset[Sector] | None = None
    attestation: str | None = None
    attested_text: str = ""

    @property
    def text(self) -> str:
        run = f"并有效运行{self.min_years}年以上" if self.min_years else "（不限运行年限）"
        alt = f"，或经评审办确认{self.attested_text}" if self.attestation else ""
        return f"通过{self.scope.text}{run}{alt}{_scope_note(self.sectors)}"

    def check(self, ctx: Context) -> Outcome:
        found = self._certificates(ctx)
        if found.passed is True or self.attestation is None:
            return found
        value = getattr(ctx.org.attestations, self.attestation)
        facts = found.facts | {f"attestations.{self.attestation}": value}
        if value is None:
            return Outcome(None, f"{found.message}；待评审办确认：{self.attested_text}", facts)
        verdict = "经评审办确认" if value else "经评审办确认不符合"
        return Outcome(value, f"{found.message}；{verdict}：{self.attested_text}", facts)

    def _certificates(self, ctx: Context) -> Outcome:
        gate = _sector_gate(self.sectors, ctx.org)
        if gate is not None:
            return gate
        current = [
            c
            for c in ctx.org.certifications
            if c.since <= ctx.as_of and (c.valid_until is None or c.valid_until >= ctx.as_of)
        ]
        judged = [(c, *self.scope.judge(c.standard)) for c in current]
        ok_certs = [c for c, ok, _ in judged if ok]
        unknown = [c for c, ok, _ in judged if ok is None]
        facts: dict[str, Any] = {"certifications": [c.standard for c in ctx.org.certifications]}
        if ok_certs:
            best = min(ok_certs, key=lambda c: c.since)
            years = years_between(best.since, ctx.as_of)
            ran = full_years_reached(best.since, ctx.as_of, self.min_years)
            facts |= {"standard": best.standard, "since": best.since.isoformat(), "years": years}
            if not self.min_years:
                return Outcome(
                    True,
                    f"已通过{best.standard}认证（{self.scope.judge(best.standard)[1]}）",
                    facts,
                )
            verdict = "已满" if ran else "不足"
            msg = f"{best.standard}认证有效运行{years}年，{verdict}{self.min_years}年"
            if ran:
                return Outcome(True, msg, facts)
            unknown = [c for c in unknown if full_years_reached(c.since, ctx.as_of, self.min_years)]
            if not unknown:
                return Outcome(False, msg, facts)
        if unknown:
            reasons = "；".join(self.scope.judge(c.standard)[1] for c in unknown)
            return Outcome(
                None,
                f"待评审办确认：{reasons}",
                facts | {"unknown_standards": [c.standard for c in unknown]},
            )
        if not judged:
            return Outcome(False, f"无有效期内的管理体系认证（需{self.scope.text}）", facts)
        reasons = "；".join(msg for _, _, msg in judged)
        return Outcome(False, reasons, facts)


@declaration
class ExcellenceModel:
    """推广卓越绩效管理模式N年以上 (``min_years`` 0: in effective operation)."""

    clause: str
    article: str
    min_years: int
    sectors: frozenset[Sector] | None = None

    @property
    def text(self) -> str:
        run = f"{self.min_years}年以上" if self.min_years else "并有效运行"
        return f"实施卓越绩效管理模式{run}{_scope_note(self.sectors)}"

    def check(self, ctx: Context) -> Outcome:
        gate = _sector_gate(self.sectors, ctx.org)
        if gate is not None:
            return gate
        since = ctx.org.excellence_model_since
        if since is None or since > ctx.as_of:
            return Outcome(False, "未实施卓越绩效管理模式", {"excellence_model_since": _iso(since)})
        years = years_between(since, ctx.as_of)
        ok = full_years_reached(since, ctx.as_of, self.min_years)
        facts = {"excellence_model_since": since.isoformat(), "years": years}
        if not self.min_years:  # "并有效运行": any duration
            return Outcome(True, f"已实施卓越绩效管理模式（{years}年）", facts)
        verdict = "已满" if ok else "不足"
        return Outcome(ok, f"实施卓越绩效管理模式{years}年，{verdict}{self.min_years}年", facts)


@declaration
class ChiefQualityOfficer:
    clause: str
    article: str
    sectors: frozenset[Sector] | None = None

    @property
    def text(self) -> str:
        return f"建立首席质量官制度{_scope_note(self.sectors)}"

    def check(self, ctx: Context) -> Outcome:
        gate = _sector_gate(self.sectors, ctx.org)
        if gate is not None:
            return gate
        value = ctx.org.chief_quality_officer
        if value is None:
            return missing("chief_quality_officer", "首席质量官制度信息")
        msg = "已建立首席质量官制度" if value else "未建立首席质量官制度"
        return Outcome(value, msg, {"chief_quality_officer": value})


@declaration
class SafetyStandardization:
    """安全生产标准化达到N级或以上 (level 1 is the highest). Non-profits are exempt."""

    clause: str
    article: str
    worst_level: int = 3

    @property
    def text(self) -> str:
        return f"安全生产标准化达到{'一二三'[self.worst_level - 1]}级或以上"

    def check(self, ctx: Context) -> Outcome:
        if ctx.org.nonprofit:
            return Outcome(True, "非营利性组织，不适用安全生产标准化要求", {"nonprofit": True})
        level = ctx.org.safety_standardization_level
        facts = {"safety_standardization_level": level, "required": self.worst_level}
        if level is None:
            return Outcome(False, "未达到安全生产标准化等级", facts)
        ok = 1 <= level <= self.worst_level
        return Outcome(ok, f"安全生产标准化{level}级{'符合' if ok else '不符合'}要求", facts)


def _figures(org: Organization, years: list[int], attr: str) -> dict[int, int] | str:
    """Figures by year, or the name of the first missing one."""
    out = {}
    for y in years:
        row = org.financial(y)
        value = getattr(row, attr) if row else None
        if value is None:
            return f"financials[{y}].{attr}"
        out[y] = value
    return out


@declaration
class ProfitableYears:
    """近N年持续盈利: net profit > 0 in each of the last N complete years."""

    clause: str
    article: str
    years: int = 2

    @property
    def text(self) -> str:
        return f"近{self.years}年持续盈利"

    def check(self, ctx: Context) -> Outcome:
        if ctx.org.nonprofit:
            return Outcome(True, "非营利性组织，不适用盈利要求", {"nonprofit": True})
        years = last_complete_years(ctx.as_of, self.years)
        known = {y: f.profit for y in years if (f := ctx.org.financial(y)) and f.profit is not None}
        losses = [y for y, p in known.items() if p <= 0]
        if not losses and len(known) < len(years):
            gap = next(y for y in years if y not in known)
            return missing(f"financials[{gap}].profit", "年度利润")
        profits = known
        ok = not losses
        msg = (
            f"近{self.years}年持续盈利" if ok else f"近{self.years}年未持续盈利（{losses}年未盈利）"
        )
        return Outcome(ok, msg, {"profit": profits})


@declaration
class SteadyGrowth:
    """近N年营收、利润实现稳定增长: both rose in each of the last N years over the year before."""

    clause: str
    article: str
    years: int = 2

    @property
    def text(self) -> str:
        return f"近{self.years}年营收、利润稳定增长"

    def check(self, ctx: Context) -> Outcome:
        span = last_complete_years(ctx.as_of, self.years + 1)
        facts: dict[str, Any] = {}
        for attr in ("revenue", "profit"):
            figures = _figures(ctx.org, span, attr)
            if isinstance(figures, str):
                return missing(figures, "年度营收与利润")
            facts[attr] = figures
        rising = all(facts[a][y] > facts[a][y - 1] for a in ("revenue", "profit") for y in span[1:])
        msg = f"近{self.years}年营收、利润{'均' if rising else '未'}实现稳定增长"
        return Outcome(rising, msg, facts)


@declaration
class AnyOf:
    """The article's "或": passes when one alternative passes."""

    clause: str
    article: str
    rules: tuple

    @property
    def text(self) -> str:
        return "或".join(r.text for r in self.rules)

    def check(self, ctx: Context) -> Outcome:
        outcomes = [r.check(ctx) for r in self.rules]
        facts = {r.text: o.facts for r, o in zip(self.rules, outcomes, strict=True)}
        messages = "；".join(o.message for o in outcomes)
        if any(o.passed for o in outcomes):
            return Outcome(True, messages, facts)
        if any(o.passed is None for o in outcomes):
            return Outcome(None, messages, facts)
        return Outcome(False, messages, facts)


@declaration
class NoCumulativeLoss:
    """近N年内累计出现亏损 bars: the sum of net profit over the last N complete years < 0.
    Like :class:`ProfitableYears`, it concerns 生产、经营: non-profits are exempt."""

    clause: str
    article: str
    years: int = 3

    @property
    def text(self) -> str:
        return f"近{self.years}年生产经营未累计亏损"

    def check(self, ctx: Context) -> Outcome:
        if ctx.org.nonprofit:
            return Outcome(True, "非营利性组织，不适用亏损要求", {"nonprofit": True})
        profits = _figures(ctx.org, last_complete_years(ctx.as_of, self.years), "profit")
        if isinstance(profits, str):
            return missing(profits, "年度利润")
        total = sum(profits.values())
        ok = total >= 0
        msg = f"近{self.years}年累计利润{total}元，{'未' if ok else '已'}出现累计亏损"
        return Outcome(ok, msg, {"profit": profits, "sum": total})


@declaration
class TaxPerMu:
    """工业企业上年度亩均税收需达N元（含）以上."""

    clause: str
    article: str
    min_yuan: int

    @property
    def text(self) -> str:
        return f"工业企业上年度亩均税收≥{self.min_yuan}元"

    def check(self, ctx: Context) -> Outcome:
        if ctx.org.industrial is None:
            return missing("industrial", "是否工业企业")
        if not ctx.org.industrial:
            return Outcome(True, "非工业企业，不适用亩均税收要求", {"industrial": False})
        tax = ctx.org.tax_per_mu
        if tax is None:
            return missing("tax_per_mu", "上年度亩均税收")
        ok = tax >= self.min_yuan
        verdict = "达到" if ok else "未达到"
        return Outcome(
            ok, f"上年度亩均税收{tax}元，{verdict}{self.min_yuan}元", {"tax_per_mu": tax}
        )


@declaration
class SectorIn:
    clause: str
    article: str
    sectors: frozenset[Sector]
    text: str

    def check(self, ctx: Context) -> Outcome:
        if ctx.org.sector is None:
            return missing("sector", "所属行业")
        ok = ctx.org.sector in self.sectors
        msg = f"所属行业（{SECTOR_ZH[ctx.org.sector]}）{'属于' if ok else '不属于'}{self.text}"
        return Outcome(ok, msg, {"sector": ctx.org.sector.value})


@declaration
class EntityTypeIn:
    """授予…的组织（企事业单位）: the organisation's legal form is one of ``types`` (CITY-3)."""

    clause: str
    article: str
    types: frozenset[EntityType]
    text: str

    def check(self, ctx: Context) -> Outcome:
        kind = ctx.org.entity_type
        if kind is None:
            return missing("entity_type", "组织类型（企业、事业单位、社会组织）")
        ok = kind in self.types
        verdict = "属于" if ok else "不属于"
        return Outcome(
            ok,
            f"组织类型为{ENTITY_TYPE[kind.value]}，{verdict}{self.text}",
            {"entity_type": kind.value},
        )


@declaration
class OpenToAll:
    """A clause that opens the award to every kind of organisation ("一、二、三产业组织均可申报"):
    it never bars, and it needs no fact; the finding records that no sector is excluded."""

    clause: str
    article: str
    text: str

    def check(self, ctx: Context) -> Outcome:
        return Outcome(True, self.text, {})


@declaration
class Attested:
    """A qualitative condition the reviewer confirms in ``attestations`` (absent: undetermined).
    ``sectors``: the condition belongs to an item limited to some sectors (KFQ-11-3a)."""

    clause: str
    article: str
    attestation: str
    text: str
    nonprofit_only: bool = False
    for_profit_only: bool = False
    sectors: frozenset[Sector] | None = None

    def check(self, ctx: Context) -> Outcome:
        if (self.nonprofit_only and not ctx.org.nonprofit) or (
            self.for_profit_only and ctx.org.nonprofit
        ):
            return Outcome(True, f"不适用：{self.text}", {"nonprofit": ctx.org.nonprofit})
        gate = _sector_gate(self.sectors, ctx.org)
        if gate is not None:
            return gate
        value = getattr(ctx.org.attestations, self.attestation)
        facts = {f"attestations.{self.attestation}": value}
        if value is None:
            return Outcome(None, f"待评审办确认：{self.text}", facts)
        return Outcome(
            value, f"{'经评审办确认' if value else '经评审办确认不符合'}：{self.text}", facts
        )


@declaration
class NoEvents:
    """近N年内无…: none of the listed kinds of event within ``within_years`` of the as-of date."""

    clause: str
    article: str
    tests: tuple[EventTest, ...]
    within_years: int = 3

    @property
    def text(self) -> str:
        return f"近{self.within_years}年内无" + "；无".join(t.text for t in self.tests)

    def check(self, ctx: Context) -> Outcome:
        hits, unknown = [], []
        for e in ctx.org.events:
            if not within_years(e.date, ctx.as_of, self.within_years):
                continue
            for t in self.tests:
                m = t.matches(e)
                if m:
                    hits.append(f"{e.date.isoformat()} {describe(e)}（属“{t.text}”）")
                elif m is None:
                    unknown.append(f"{e.date.isoformat()} {describe(e)}（“{t.text}”）")
        facts = {"window_from": window_start(ctx.as_of, self.within_years).isoformat()}
        if hits:
            return Outcome(
                False, f"近{self.within_years}年内有：" + "；".join(hits), facts | {"events": hits}
            )
        if unknown:
            msg = "事件缺少判断所需的事实（如是否负有责任）：" + "；".join(unknown)
            return Outcome(None, msg, facts | {"undetermined": unknown})
        return Outcome(True, f"近{self.within_years}年内无所列不良记录", facts)


@declaration
class CreditRepair:
    """征信不良记录修复完成并经确认的，不作为否决条件 (JD-3-4): the exception that lifts a
    repaired record. The bar itself is the clause's own (a ``DishonestyTest`` with
    ``count_repaired=False``); this finding cites the exception for each record it lifts."""

    clause: str
    article: str
    within_years: int = 3
    min_severity: Severity = Severity.serious

    @property
    def text(self) -> str:
        return "征信不良记录修复完成并经有关部门确认的，不作为否决条件"

    def check(self, ctx: Context) -> Outcome:
        lifted = [
            f"{e.date.isoformat()} {describe(e)}"
            for e in ctx.org.events
            if isinstance(e, Dishonesty)
            and e.repaired
            and e.severity.rank >= self.min_severity.rank
            and within_years(e.date, ctx.as_of, self.within_years)
        ] + [
            f"{s.decided_on.isoformat()} 本奖项处理决定（记入信用档案）"
            for s in ctx.history.sanctions
            if s.award == ctx.jurisdiction.id
            and s.repaired
            and within_years(s.decided_on, ctx.as_of, self.within_years)
        ]
        if lifted:
            msg = "已修复并经确认，不作为否决条件：" + "；".join(lifted)
            return Outcome(True, msg, {"lifted": lifted})
        return Outcome(True, "无需援用信用修复的记录", {"lifted": []})


@declaration
class RecommendationRequired:
    clause: str
    article: str
    by: str  # 乡镇人民政府、街道办事处 ...

    @property
    def text(self) -> str:
        return f"经{self.by}推荐"

    def check(self, ctx: Context) -> Outcome:
        recs = [r for r in ctx.history.recommendations if r.award == ctx.jurisdiction.id]
        if not recs:
            return Outcome(False, f"未经{self.by}推荐", {"recommendations": []})
        names = [r.by for r in recs]
        return Outcome(True, f"已由{'、'.join(names)}推荐", {"recommendations": names})


@declaration
class NotHoldingHigherAward:
    """已获某级别或更高级别政府质量奖（有效期内）者不再申报 (HC-13-6). Only records of the given
    ``tiers`` count (default 质量奖: a 提名奖 is not the award itself)."""

    clause: str
    article: str
    min_level: Level
    tiers: frozenset[Tier] = frozenset({Tier.quality})

    @property
    def text(self) -> str:
        from qaward.events import LEVEL_ZH

        return f"未持有有效期内的{LEVEL_ZH[self.min_level]}及以上政府质量奖"

    def check(self, ctx: Context) -> Outcome:
        held, unknown = [], []
        for rec in ctx.history.awards:
            award = ctx.catalog.award(rec.award)
            if (
                award is None
                or award.level.rank < self.min_level.rank
                or rec.tier not in self.tiers
            ):
                continue
            until = ctx.catalog.valid_until(rec)
            label = f"{award.name}（{rec.year}年）"
            if until is None:
                unknown.append(label)
            elif rec.granted_on <= ctx.as_of <= until:
                held.append(f"{label}有效期至{until.isoformat()}")
        if held:
            return Outcome(
                False, "已持有有效期内的更高级别质量奖：" + "；".join(held), {"held": held}
            )
        if unknown:
            return Outcome(
                None,
                "无法确定以下奖项是否仍在有效期内：" + "；".join(unknown),
                {"undetermined": unknown},
            )
        return Outcome(True, "未持有有效期内的更高级别质量奖", {"held": []})


@declaration
class RepeatGap:
    """A former winner may apply again only as the award's repeat terms allow."""

    clause: str
    article: str
    terms: RepeatTerms

    @property
    def text(self) -> str:
        if self.terms.after_validity:
            return "获奖单位有效期满后可再次申报"
        return f"获奖单位间隔{self.terms.gap_cycles}届后可再次申报"

    def check(self, ctx: Context) -> Outcome:
        own = [
            r
            for r in ctx.history.awards
            if r.award == ctx.jurisdiction.id and r.tier in self.terms.tiers
        ]
        if not own:
            return Outcome(True, "此前未获本奖项", {"previous_wins": []})
        last = max(own, key=lambda r: r.granted_on)
        facts: dict[str, Any] = {"last_win": last.year, "granted_on": last.granted_on.isoformat()}
        if self.terms.after_validity:
            until = ctx.catalog.valid_until(last)
            if until is None:
                return missing("valid_until", "上次获奖的有效期")
            ok = ctx.as_of > until
            facts["last_day"] = until.isoformat()
            msg = f"{last.year}年获奖，有效期至{until.isoformat()}，{'已' if ok else '未'}期满"
            return Outcome(ok, msg, facts)
        first_year = last.year + (self.terms.gap + 1) * ctx.cycle_years
        ok = ctx.cycle_year >= first_year
        facts |= {"cycle_year": ctx.cycle_year, "may_apply_from": first_year}
        msg = (
            f"{last.year}年获奖，间隔{self.terms.gap_cycles}届后自{first_year}年起可再次申报"
            f"（本届{ctx.cycle_year}年{'可以' if ok else '不可'}申报）"
        )
        return Outcome(ok, msg, facts)


@declaration
class NoSanctionWithin:
    """近N年内在本奖项评选中存在弄虚作假等违规行为 (HQ-11-6)."""

    clause: str
    article: str
    reason: SanctionReason
    within_years: int
    label: str = ""  # what such a sanction counts as, e.g. 严重诚信缺失（记入信用档案）
    repair_lifts: bool = False  # a sanction whose credit record was repaired no longer counts

    @property
    def text(self) -> str:
        return f"近{self.within_years}年内参加本奖项评选无弄虚作假等违规行为"

    def check(self, ctx: Context) -> Outcome:
        found = [
            s
            for s in ctx.history.sanctions
            if s.award == ctx.jurisdiction.id
            and s.reason == self.reason
            and within_years(s.decided_on, ctx.as_of, self.within_years)
            and not (self.repair_lifts and s.repaired)
        ]
        if found:
            dates = [s.decided_on.isoformat() for s in found]
            counts = f"，属{self.label}" if self.label else ""
            return Outcome(
                False,
                f"近{self.within_years}年内在本奖项评选中被认定弄虚作假（{'、'.join(dates)}）{counts}",
                {"sanctions": dates},
            )
        return Outcome(True, self.text, {"sanctions": []})


@declaration
class Custom:
    """A condition no vocabulary term covers: a plain function ``(Context) -> Outcome``.

    A function that raises (or returns something else) is the plugin's fault, not the
    applicant's: the finding is undetermined, naming the error, and the other rules and the other
    jurisdictions are judged as usual. The function reads its context alone and keeps no state:
    a screening judges two chunks at once and may call it from two threads."""

    clause: str
    article: str
    text: str
    fn: Callable[[Context], Outcome]

    def check(self, ctx: Context) -> Outcome:
        try:
            outcome = self.fn(ctx)
        except Exception as exc:  # a fault in the plugin's own code: never a crash, never a verdict
            from qaward.loading import describe_error

            return Outcome(None, f"插件规则出错，无法判断（请联系插件作者）：{describe_error(exc)}")
        if not isinstance(outcome, Outcome):
            got = type(outcome).__name__
            return Outcome(None, f"插件规则应返回 Outcome，得到 {got}，无法判断（请联系插件作者）")
        return outcome


Rule = (
    Registered
    | LegalPerson
    | YearsOfOperation
    | Certified
    | ExcellenceModel
    | ChiefQualityOfficer
    | SafetyStandardization
    | ProfitableYears
    | SteadyGrowth
    | AnyOf
    | NoCumulativeLoss
    | TaxPerMu
    | SectorIn
    | Attested
    | NoEvents
    | RecommendationRequired
    | CreditRepair
    | EntityTypeIn
    | OpenToAll
    | NotHoldingHigherAward
    | RepeatGap
    | NoSanctionWithin
    | Custom
)
