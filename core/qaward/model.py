"""The data contract (shared/DATA_CONTRACT.md) as attrs classes.

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


class Sector(StrEnum):
    manufacturing = "manufacturing"
    service = "service"
    medical = "medical"
    education = "education"
    engineering = "engineering"
    agriculture = "agriculture"
    environmental = "environmental"
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
    deaths: int = 0
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
    kind: ClassVar[str] = "export_notice"
    date: Date


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
    years: int


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
    year: int
    revenue: int | None = None
    profit: int | None = None


@frozen
class Attestations:
    """Qualitative conditions a reviewer confirms. ``None`` = not yet confirmed (undetermined)."""

    policy_compliant: bool | None = None
    licences_complete: bool | None = None
    industry_leading: bool | None = None
    credit_commitment_signed: bool | None = None
    social_contribution: bool | None = None


@frozen
class AwardRecord:
    award: str
    tier: Tier
    year: int
    granted_on: Date
    valid_until: Date | None = None  # when the awarding text gives no term (e.g. 中国质量奖)
    credit_code: str | None = None  # registry import files only
    name: str | None = None


@frozen
class Ban:
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
    industrial: bool | None = None
    certifications: list[Certification] = field(factory=list)
    excellence_model_since: Date | None = None
    chief_quality_officer: bool | None = None
    safety_standardization_level: SafetyLevel | None = field(default=None, validator=_safety_level)
    financials: list[Financial] = field(factory=list)
    tax_per_mu: int | None = None
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

    leadership: int
    strategy: int
    customers_and_markets: int
    resources: int
    process_management: int
    measurement_analysis_improvement: int
    results: int


@frozen
class Application:
    organization: Organization
    tier: Tier = Tier.quality
    score: int | None = None
    scores: CategoryScores | None = None
    votes_for: int | None = None


@frozen
class Cycle:
    award: str
    year: int
    applications: list[Application]
    as_of: Date | None = None
    voters: int | None = None
    publicity_starts: Date | None = None
    granted_on: Date | None = None  # 授奖日期; absent: estimated as the day after publicity ends


@frozen
class SanctionCase:
    record: AwardRecord
    event: SanctionEvent
    decided_on: Date
