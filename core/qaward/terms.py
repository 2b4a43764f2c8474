"""What plugins declare besides eligibility rules: jurisdictions, regulations and the terms of
quota, scoring, reward, validity and sanction. Plain data, each piece with its clause id and
article, so that the engine, ``qaward compare`` and ``qaward clauses`` read the same objects.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from attrs import field

from qaward import labels
from qaward.dates import last_day
from qaward.declare import declaration
from qaward.errors import DeclarationError
from qaward.model import Ban, EntityType, Level, Preference, SanctionReason, Sector, Tier

STATUS_ZH = labels.REGULATION_STATUS  # the catalogue's (qaward.labels)


class Status(StrEnum):
    in_force = "in_force"  # 现行有效
    trial = "trial"  # 试行 (lapses after effective_until)
    draft = "draft"  # 征求意见稿
    repealed = "repealed"


class Disposition(StrEnum):
    """How a clause that no declaration encodes is accounted for in ``qaward clauses``."""

    attested = "attested"  # a reviewer confirms it; recorded as an attestation
    out_of_scope = "out-of-scope"  # procedure the program neither decides nor counts
    not_yet = "not yet"  # computable, not encoded yet


@declaration
class Clause:
    """One row of the clause inventory for a document: id, article, tags and what it says."""

    id: str
    article: str
    tags: str
    summary: str
    disposition: Disposition | None = None
    reason: str = ""


@declaration
class Publicity:
    clause: str
    article: str
    days: int
    working_days: bool = False  # "工作日" on the State Council schedule, else calendar days
    at_least: bool = False  # "不少于"


@declaration
class Regulation:
    """One version of a jurisdiction's 管理办法."""

    clause: str  # the meta clause (KFQ-32, ...)
    article: str
    document: str  # 文号, e.g. 赣经开政字〔2024〕12号 (or the title for an unnumbered draft)
    title: str
    status: Status
    effective_from: dt.date | None  # None: not yet fixed (a draft)
    effective_until: dt.date | None = None  # last day in force, for a trial text
    repeals: str = ""
    publicity: Publicity | None = None
    approval: str = ""  # who approves the winners
    note: str = ""  # e.g. how a draft comes into force
    clauses: tuple[Clause, ...] = ()

    def in_force_on(self, day: dt.date) -> bool:
        if self.effective_from is None or day < self.effective_from:
            return False
        return self.effective_until is None or day <= self.effective_until


@declaration
class Jurisdiction:
    id: str
    name: str  # 赣州经开区
    award_name: str  # 赣州经开区主任质量奖
    level: Level  # the award's level in the hierarchy
    regulations: tuple[Regulation, ...]
    parent: str | None = None  # enclosing jurisdiction or award region id
    division_code: str | None = None  # GB/T 2260 code, where one exists
    tier_names: dict[Tier, str] = field(factory=dict)
    province: str = ""
    plugin: str = ""  # filled in by the catalogue


@declaration
class Award:
    """An award in the hierarchy. Jurisdictions give one each; the core knows the higher ones."""

    id: str
    name: str
    level: Level
    division_code: str | None = None
    parent: str | None = None
    validity_years: int | None = None


# --- quota -------------------------------------------------------------------------------------


@declaration
class CategoryCap:
    label: str  # 制造业 / 服务业（含医疗、教育）、工程等
    sectors: frozenset[Sector]
    max: int


@declaration
class TierPlaces:
    tier: Tier
    places: int
    caps: tuple[CategoryCap, ...] = ()


@declaration
class VoteRule:
    clause: str
    article: str
    numerator: int  # votes for >= numerator/denominator of voters
    denominator: int


@declaration
class OnsiteCap:
    clause: str
    article: str
    max: int


@declaration
class QuotaPolicy:
    clause: str
    article: str
    cycle_years: int  # 每N年评审1次
    tiers: tuple[TierPlaces, ...]
    vacancy_allowed: bool = True
    vote: VoteRule | None = None
    onsite: OnsiteCap | None = None
    # the tiers are separate awards (金东 质量奖 and 创新奖: one organisation may apply for both);
    # otherwise they are tiers of one award and an organisation applies to one of them
    separate_awards: bool = False


# --- scoring -----------------------------------------------------------------------------------


@declaration
class Threshold:
    clause: str
    article: str
    tier: Tier
    min_score: int  # "不得低于": score >= min_score


@declaration
class PreferenceRule:
    clause: str
    article: str
    preferences: frozenset[Preference]
    text: str


@declaration
class ScoringScheme:
    clause: str
    article: str
    standard: str  # GB/T 19580 ...
    covers_years: int | None = None  # 评价前N年业绩, only where the text says so
    total: int = 1000
    thresholds: tuple[Threshold, ...] = ()
    preferences: tuple[PreferenceRule, ...] = ()

    def meets(self, tier: Tier, score: int) -> bool:
        """Whether ``score`` reaches every floor declared for ``tier`` ("不得低于": >=)."""
        return all(score >= t.min_score for t in self.thresholds if t.tier is tier)


# --- reward ------------------------------------------------------------------------------------


class PrizeWhen(StrEnum):
    first_time = "first_time"  # never won this award's tier before
    repeat = "repeat"  # has won this award's tier before
    any = "any"
    holder_of_innovation = "holder_of_innovation"  # won its 创新奖, not yet this tier (JD-6-1)


@declaration
class Prize:
    clause: str
    article: str
    tier: Tier
    yuan: int
    when: PrizeWhen = PrizeWhen.any
    text: str = ""
    # who the text says is paid, e.g. "每家企业" (KFQ-7): a winner of another type is paid the
    # same amount, with a warning that cites the word
    payee: str = ""
    payee_types: frozenset[EntityType] | None = None


@declaration
class HigherAwardBonus:
    """Money this jurisdiction adds when its organisation wins a higher award (JD-6-2, HQ-20)."""

    clause: str
    article: str
    award: str
    tier: Tier | None
    yuan: int | None  # None: the text fixes no amount
    text: str = ""


@declaration
class RewardSchedule:
    clause: str
    article: str
    prizes: tuple[Prize, ...]  # first match wins, in this order
    honours: str = ""  # 奖牌、证书 ...
    bonuses: tuple[HigherAwardBonus, ...] = ()


# --- validity and re-application ---------------------------------------------------------------


class Due(StrEnum):
    within_years = "within_years"  # once, within N years of the grant
    yearly = "yearly"  # every year of validity
    during_validity = "during_validity"  # at least once while valid
    grant_year = "grant_year"  # in the year of the grant


@declaration
class Obligation:
    clause: str
    article: str
    text: str
    due: Due
    years: int | None = None


@declaration
class RepeatTerms:
    """When a winner may apply again, and what a repeat win brings."""

    clause: str
    article: str
    gap_cycles: int | None = None  # "间隔两届后": may apply in cycle N + gap + 1
    after_validity: bool = False  # "有效期满后可再次申请"
    tiers: frozenset[Tier] = frozenset({Tier.quality})  # tiers that start the gap
    money: bool = False
    takes_place: bool = True

    def __attrs_post_init__(self) -> None:
        if self.gap_cycles is None and not self.after_validity:
            raise DeclarationError(
                f"RepeatTerms {self.clause}：须给出 gap_cycles（间隔N届）或 after_validity=True"
            )

    @property
    def gap(self) -> int:
        """The cycles to wait out (0 when the term runs to the end of validity instead)."""
        return self.gap_cycles or 0


@declaration
class RecommendationRoute:
    """获奖单位可推荐申报上级奖项 (e.g. KFQ-21): who may be put forward to which award."""

    clause: str
    article: str
    to_award: str
    while_valid: bool = True  # only winners whose title is still valid


@declaration
class ValidityTerms:
    clause: str
    article: str
    years: int | None  # None: the text does not say
    title_use: str = ""
    obligations: tuple[Obligation, ...] = ()
    repeat: RepeatTerms | None = None
    routes: tuple[RecommendationRoute, ...] = ()
    not_stated: str = ""  # what to show where the text leaves validity open
    repeat_not_stated: str = ""  # shown where the text sets no re-application rule; cite a clause


# --- sanction ----------------------------------------------------------------------------------


@declaration
class SanctionTerm:
    clause: str
    article: str
    reason: SanctionReason
    triggers: str  # the article's list of cases, in its words
    events: tuple = ()  # event tests (qaward.events) that bring a sanction case under this term
    # what the article does and when it applies: always stated by the plugin (keywords), never
    # a default that would put words in the article's mouth
    revoke: bool = field(kw_only=True)  # 撤销
    clawback: bool = field(kw_only=True)  # 追缴奖金
    notice: bool = field(kw_only=True)  # 向社会公告
    ban_years: int | None = None
    ban_awards: tuple[str, ...] = ()
    window: str = field(kw_only=True)  # "validity", "years_after_grant", or "any"
    window_years: int | None = None
    extra: str = ""  # 记入信用档案 ...
    criticism: bool = False  # 通报批评
    # "可提请…批准撤销" (HQ-25 第二款): a proposal for the deciding body, not a revocation; its
    # effects follow only a recorded decision (SanctionCase.decision)
    proposal: bool = False
    decided_by: str = ""  # who decides the proposal, e.g. 区政府
    duties: tuple[str, ...] = ()  # what the organisation must do after it (停止宣传、停止使用标识)
    # the ban in the article's words; {awards} is replaced by the awards' names
    ban_words: str = "不得申报{awards}"

    def bans(self, decided_on: dt.date) -> tuple[Ban, ...]:
        """The bans this term places: ``ban_years`` from the decision date, through the
        corresponding day (inclusive); the organisation may apply the day after."""
        if not self.ban_years:
            return ()
        until = last_day(decided_on, self.ban_years)
        return tuple(Ban(award, until) for award in self.ban_awards)

    def ban_text(self, names: str) -> str:
        """The ban in the article's words, e.g. 5年内不得参加主任质量奖、市长质量奖…的评审."""
        return f"{self.ban_years}年内" + self.ban_words.format(awards=names)


@declaration
class Declarations:
    """Everything one plugin declared for one regulation version, as the engine reads it."""

    jurisdiction: Jurisdiction
    regulation: Regulation
    eligibility: tuple = ()
    quota: QuotaPolicy | None = None
    scoring: ScoringScheme | None = None
    reward: RewardSchedule | None = None
    validity: ValidityTerms | None = None
    sanctions: tuple[SanctionTerm, ...] = ()

    def citation(self, article: str) -> str:
        return f"{self.regulation.document} {article}"
