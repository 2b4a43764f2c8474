"""The data contract (printed by `qaward schema`) as attrs classes.

Field names are the public contract: other government systems build against them, so they are
spelled exactly as in the contract. Structuring from YAML/JSON (with validation and error paths)
lives in :mod:`qaward.io`; these classes only hold data and check what a single value can check.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar, NewType

from attrs import field, frozen

from qaward.creditcode import validate_credit_code

Date = dt.date
CreditCode = NewType("CreditCode", str)  # 统一社会信用代码, checked on structuring
SafetyLevel = NewType("SafetyLevel", int)  # 安全生产标准化 1 (highest) | 2 | 3

# Numbers the contract bounds (checked on structuring, shown in `qaward schema`). Any other int
# must fit PostgreSQL's BIGINT, so SQLite and PostgreSQL accept the same registry input.
Year = NewType("Year", int)  # a calendar year
Count = NewType("Count", int)  # deaths, votes, voters, years of loss: never negative
Yuan = NewType("Yuan", int)  # revenue, tax, prize money in whole yuan: never negative
INT64 = (-(2**63), 2**63 - 1)
RANGES: dict[object, tuple[int, int]] = {
    Year: (1900, 9999),
    Count: (0, 2**31 - 1),
    Yuan: (0, INT64[1]),
    int: INT64,  # profit (a loss is negative) and every other integer
}
MAX_TEXT = 500  # characters in a text field (a name, a clause, an obligation); no NUL


class Sector(StrEnum):
    manufacturing = "manufacturing"
    service = "service"
    medical = "medical"
    education = "education"
    engineering = "engineering"
    agriculture = "agriculture"
    environmental = "environmental"
    other = "other"


class EntityType(StrEnum):
    """The organisation's legal form (CITY-3: the city award is for 企事业单位)."""

    enterprise = "enterprise"  # 企业
    public_institution = "public_institution"  # 事业单位
    social_organization = "social_organization"  # 社会团体、民办非企业单位
    other = "other"


class Tier(StrEnum):
    quality = "quality"  # 质量奖
    nomination = "nomination"  # 提名奖
    innovation = "innovation"  # 质量管理创新奖


class Preference(StrEnum):
    key_industry_chain = "key_industry_chain"
    sme_innovative = "sme_innovative"
    digital_economy = "digital_economy"
    leading_enterprise = "leading_enterprise"
    specialized_sme = "specialized_sme"
    pinzi_brand = "pinzi_brand"
    patent_demo = "patent_demo"
    high_tech = "high_tech"


class AccidentCategory(StrEnum):
    quality = "quality"
    production_safety = "production_safety"
    environment = "environment"
    public_health = "public_health"
    food_safety = "food_safety"


class Grade(StrEnum):
    """State Council's four accident grades, in rising order."""

    general = "general"  # 一般
    larger = "larger"  # 较大
    major = "major"  # 重大
    especially_major = "especially_major"  # 特别重大

    @property
    def rank(self) -> int:
        return list(Grade).index(self)


class Level(StrEnum):
    """Administrative level of a spot check or of an award, in rising order."""

    county = "county"
    municipal = "municipal"
    provincial = "provincial"
    national = "national"

    @property
    def rank(self) -> int:
        return list(Level).index(self)


class DishonestyCategory(StrEnum):
    labor = "labor"
    tax = "tax"
    statistics = "statistics"
    legal_representative = "legal_representative"
    other = "other"


class Severity(StrEnum):
    general = "general"
    larger = "larger"
    serious = "serious"
    major = "major"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class ExportOutcome(StrEnum):
    notice = "notice"  # 通报
    claim = "claim"  # 索赔
    return_ = "return"  # 退货


class CommitteeVerdict(StrEnum):
    award = "award"  # 授予
    not_award = "not_award"  # 不授予


class SanctionReason(StrEnum):
    fraud = "fraud"  # 弄虚作假骗取荣誉
    revocation = "revocation"  # 有效期内情形撤销
    misuse = "misuse"  # 奖金挪作他用


# --- events (不良记录) -------------------------------------------------------------------------


@frozen
class Accident:
    kind: ClassVar[str] = "accident"
    date: Date
    category: AccidentCategory
    grade: Grade
    deaths: Count = Count(0)
    liable: bool | None = None


@frozen
class Complaint:
    kind: ClassVar[str] = "complaint"
    date: Date
    major: bool | None = None
    liable: bool | None = None


@frozen
class QualityDispute:
    kind: ClassVar[str] = "quality_dispute"
    date: Date
    liable: bool | None = None


@frozen
class SpotCheckFailure:
    kind: ClassVar[str] = "spot_check_failure"
    date: Date
    level: Level
    serious: bool | None = None


@frozen
class ExportNotice:
    """出口产品因质量问题被国外通报、索赔或退货. ``None``: not stated (undetermined where needed)."""

    kind: ClassVar[str] = "export_notice"
    date: Date
    outcome: ExportOutcome | None = None
    serious_damage: bool | None = None  # 造成国家形象和产品信誉较大损害 (KFQ-28（三）)


@frozen
class MisuseOfFunds:
    """奖金使用违规 (HQ-22): only a serious case takes the money back."""

    kind: ClassVar[str] = "misuse_of_funds"
    date: Date
    serious: bool | None = None


@frozen
class Dishonesty:
    kind: ClassVar[str] = "dishonesty"
    date: Date
    category: DishonestyCategory
    severity: Severity
    repaired: bool = False


@frozen
class Violation:
    kind: ClassVar[str] = "violation"
    date: Date
    serious: bool | None = None


@frozen
class QualityProblem:
    kind: ClassVar[str] = "quality_problem"
    date: Date
    verified: bool | None = None


@frozen
class ServiceQualityProblem:
    kind: ClassVar[str] = "service_quality_problem"
    date: Date
    serious: bool | None = None


# Sanction-case only kinds (see "Sanction case" in the contract).
@frozen
class Fraud:
    kind: ClassVar[str] = "fraud"
    date: Date


@frozen
class OperatingLoss:
    kind: ClassVar[str] = "operating_loss"
    date: Date
    years: Count


Event = (
    Accident
    | Complaint
    | QualityDispute
    | SpotCheckFailure
    | ExportNotice
    | Dishonesty
    | Violation
    | QualityProblem
    | ServiceQualityProblem
    | MisuseOfFunds
)
EVENT_TYPES: tuple[type, ...] = Event.__args__
SanctionEvent = Event | Fraud | OperatingLoss
SANCTION_EVENT_TYPES: tuple[type, ...] = SanctionEvent.__args__


# --- organisation ------------------------------------------------------------------------------


@frozen
class Certification:
    standard: str
    since: Date
    valid_until: Date | None = None


@frozen
class Financial:
    year: Year
    revenue: Yuan | None = None
    profit: int | None = None


@frozen
class Attestations:
    """Qualitative conditions a reviewer confirms. ``None`` = not yet confirmed (undetermined)."""

    policy_compliant: bool | None = None
    licences_complete: bool | None = None
    industry_leading: bool | None = None
    credit_commitment_signed: bool | None = None
    quality_system_sound: bool | None = (
        None  # 质量管理体系健全, without a QMS certificate (HQ-10-2)
    )
    management_innovation: bool | None = None  # 管理制度、模式方法创新并具推广价值 (KFQ-11-3a)
    social_contribution: bool | None = None
    social_responsibility: bool | None = None  # 履行社会责任、诚信经营、信誉良好 (JD-3-2-6)
    excellence_results: bool | None = None  # 卓越绩效模式取得显著成效、售后服务健全 (JD-3-2-3)


@frozen
class AwardRecord:
    award: str
    tier: Tier
    year: Year
    granted_on: Date
    valid_until: Date | None = None  # last valid day, inclusive; for a text without a term
    credit_code: str | None = None  # registry import files only
    name: str | None = None


@frozen
class Ban:
    """Barred from ``award`` through ``until``, the last day of the ban (inclusive, 民法典第二百零二条)."""

    award: str
    until: Date


@frozen
class Sanction:
    award: str
    reason: SanctionReason
    decided_on: Date
    bans: list[Ban] | None = None  # explicit bans; otherwise derived from the award's terms
    credit_code: str | None = None
    name: str | None = None
    # the credit-file entry of this sanction repaired and confirmed (金东 三（四）): it no longer
    # counts as dishonesty (JD-3-3); the award's own bans are not lifted by it
    repaired: bool = False


@frozen
class Recommendation:
    award: str
    by: str
    on: Date | None = None
    credit_code: str | None = None
    name: str | None = None


def _credit_code(instance, attribute, value):
    validate_credit_code(value)


def check_safety_level(value: object) -> None:
    if value is not None and (type(value) is not int or value not in (1, 2, 3)):
        raise ValueError(f"安全生产标准化等级应为 1、2、3 或 null，得到 {value!r}")


def _safety_level(instance, attribute, value):
    check_safety_level(value)


@frozen
class Organization:
    name: str
    credit_code: CreditCode = field(validator=_credit_code)
    region: str
    legal_person: bool | None = None
    established_on: Date | None = None
    sector: Sector | None = None
    nonprofit: bool = False
    entity_type: EntityType | None = None  # None: not stated (CITY-3 undetermined)
    industrial: bool | None = None
    certifications: list[Certification] = field(factory=list)
    excellence_model_since: Date | None = None
    chief_quality_officer: bool | None = None
    safety_standardization_level: SafetyLevel | None = field(default=None, validator=_safety_level)
    financials: list[Financial] = field(factory=list)
    tax_per_mu: Yuan | None = None
    events: list[Event] = field(factory=list)
    attestations: Attestations = field(factory=Attestations)
    preferences: list[Preference] = field(factory=list)
    awards: list[AwardRecord] = field(factory=list)
    sanctions: list[Sanction] = field(factory=list)
    recommendations: list[Recommendation] = field(factory=list)

    def financial(self, year: int) -> Financial | None:
        return next((f for f in self.financials if f.year == year), None)


# --- cycles and sanction cases -----------------------------------------------------------------


@frozen
class CategoryScores:
    """GB/T 19580 categories (领导、战略、顾客与市场、资源、过程管理、测量分析与改进、结果)."""

    leadership: Count
    strategy: Count
    customers_and_markets: Count
    resources: Count
    process_management: Count
    measurement_analysis_improvement: Count
    results: Count


@frozen
class Application:
    organization: Organization
    tier: Tier = Tier.quality
    score: Count | None = None
    scores: CategoryScores | None = None
    votes_for: Count | None = None


@frozen
class CommitteeDecision:
    """What the committee decided where the rules leave it to them (a tie for the last places),
    cited by its minutes."""

    credit_code: CreditCode = field(validator=_credit_code)
    decision: CommitteeVerdict
    minutes: str
    tier: Tier = Tier.quality


@frozen
class Cycle:
    award: str
    year: Year
    applications: list[Application]
    as_of: Date | None = None
    voters: Count | None = None
    publicity_starts: Date | None = None
    granted_on: Date | None = None  # 授奖日期; absent: estimated as the day after publicity ends
    committee_decisions: list[CommitteeDecision] = field(factory=list)


@frozen
class CaseDecision:
    """The deciding body's recorded decision on a proposal (HQ-25 第二款 可提请撤销)."""

    revoke: bool
    minutes: str


@frozen
class SanctionCase:
    record: AwardRecord
    event: SanctionEvent
    decided_on: Date
    decision: CaseDecision | None = None  # a discretionary revocation as decided
