"""What a plugin author imports: the whole declaration vocabulary, from one place.

``from qaward.plugin import …`` gives the ready-made :class:`JurisdictionPlugin` (declarations
in, every ``register_*`` hook implemented), the terms (:mod:`qaward.terms`), the eligibility
rules (:mod:`qaward.rules`), the adverse-event tests (:mod:`qaward.events`) and the enumerations
of the data contract (:mod:`qaward.model`). A new county writes its declarations and exposes
``plugin = JurisdictionPlugin.of(...)`` through the ``qaward`` entry-point group. A plugin may also
implement the hooks of :mod:`qaward.hookspecs` itself; this class is only a convenience.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qaward.errors import DeclarationError, PluginError
from qaward.events import (
    AccidentTest,
    ComplaintTest,
    DishonestyTest,
    DisputeTest,
    ExportNoticeTest,
    FraudTest,
    MisuseTest,
    OperatingLossTest,
    QualityProblemTest,
    ServiceProblemTest,
    SpotCheckTest,
    ViolationTest,
)
from qaward.hookspecs import hookimpl
from qaward.model import (
    AccidentCategory,
    DishonestyCategory,
    EntityType,
    ExportOutcome,
    Grade,
    Level,
    Preference,
    SanctionReason,
    Sector,
    Severity,
    Tier,
)
from qaward.rules import (
    AnyOf,
    Attested,
    Certified,
    ChiefQualityOfficer,
    Context,
    CreditRepair,
    Custom,
    EntityTypeIn,
    ExcellenceModel,
    LegalPerson,
    NoCumulativeLoss,
    NoEvents,
    NoSanctionWithin,
    NotHoldingHigherAward,
    OpenToAll,
    Outcome,
    ProfitableYears,
    RecommendationRequired,
    Registered,
    RepeatGap,
    SafetyStandardization,
    SectorIn,
    SteadyGrowth,
    TaxPerMu,
    YearsOfOperation,
    missing,
)
from qaward.standards import (
    ANY_MANAGEMENT_SYSTEM,
    INTERNATIONAL,
    QUALITY_SYSTEMS,
    Family,
    StandardScope,
)
from qaward.terms import (
    Award,
    CategoryCap,
    Clause,
    Disposition,
    Due,
    HigherAwardBonus,
    Jurisdiction,
    Obligation,
    OnsiteCap,
    PreferenceRule,
    Prize,
    PrizeWhen,
    Publicity,
    QuotaPolicy,
    RecommendationRoute,
    Regulation,
    RepeatTerms,
    RewardSchedule,
    SanctionTerm,
    ScoringScheme,
    Status,
    Threshold,
    TierPlaces,
    ValidityTerms,
    VoteRule,
)

__all__ = [
    # the plugin
    "JurisdictionPlugin",
    "hookimpl",
    "PluginError",
    "DeclarationError",
    # qaward.terms: the jurisdiction, its regulation versions and the terms of each aspect
    "Jurisdiction",
    "Regulation",
    "Status",
    "Clause",
    "Disposition",
    "Publicity",
    "Award",
    "QuotaPolicy",
    "TierPlaces",
    "CategoryCap",
    "VoteRule",
    "OnsiteCap",
    "ScoringScheme",
    "Threshold",
    "PreferenceRule",
    "RewardSchedule",
    "Prize",
    "PrizeWhen",
    "HigherAwardBonus",
    "ValidityTerms",
    "Obligation",
    "Due",
    "RepeatTerms",
    "RecommendationRoute",
    "SanctionTerm",
    # qaward.rules: eligibility conditions
    "Registered",
    "LegalPerson",
    "YearsOfOperation",
    "Certified",
    "ExcellenceModel",
    "ChiefQualityOfficer",
    "SafetyStandardization",
    "ProfitableYears",
    "SteadyGrowth",
    "NoCumulativeLoss",
    "TaxPerMu",
    "SectorIn",
    "Attested",
    "NoEvents",
    "RecommendationRequired",
    "NotHoldingHigherAward",
    "RepeatGap",
    "NoSanctionWithin",
    "CreditRepair",
    "EntityTypeIn",
    "OpenToAll",
    # qaward.standards: which management-system certificates a clause accepts
    "StandardScope",
    "Family",
    "INTERNATIONAL",
    "ANY_MANAGEMENT_SYSTEM",
    "QUALITY_SYSTEMS",
    "AnyOf",
    "Custom",
    "Context",
    "Outcome",
    "missing",
    # qaward.events: which adverse events count
    "AccidentTest",
    "ComplaintTest",
    "DisputeTest",
    "SpotCheckTest",
    "DishonestyTest",
    "ViolationTest",
    "ExportNoticeTest",
    "QualityProblemTest",
    "ServiceProblemTest",
    "FraudTest",
    "OperatingLossTest",
    "MisuseTest",
    # qaward.model: enumerations of the data contract
    "Level",
    "Tier",
    "Sector",
    "Preference",
    "SanctionReason",
    "AccidentCategory",
    "Grade",
    "DishonestyCategory",
    "Severity",
    "EntityType",
    "ExportOutcome",
]

ASPECTS = ("eligibility", "quota", "scoring", "reward", "validity", "sanctions")


def _check_aspects(jurisdiction: Jurisdiction, document: str, aspects: Mapping[str, Any]) -> None:
    """A misspelt aspect would silently leave a table empty (every applicant 符合): refuse it."""
    for key in aspects:
        if key in ASPECTS:
            continue
        import difflib  # only for this message

        close = difflib.get_close_matches(key, (*ASPECTS, "awards"), n=1)
        hint = f"，是否应为 {close[0]}？" if close else ""
        raise PluginError(
            f"{jurisdiction.id} {document}：未知的声明项 {key!r}{hint}"
            f"（可用：{'、'.join(ASPECTS)}；上级奖项用 awards=）"
        )


class JurisdictionPlugin:
    def __init__(
        self,
        jurisdiction: Jurisdiction,
        versions: Mapping[str, Mapping[str, Any]],
        awards: tuple[Award, ...] = (),
    ):
        """``versions`` maps a regulation's document number to its aspects by name
        (eligibility, quota, scoring, reward, validity, sanctions); ``awards`` are higher awards
        its texts name that the core does not know."""
        if not isinstance(jurisdiction, Jurisdiction):
            raise PluginError(
                f"JurisdictionPlugin 的第一个参数应为 Jurisdiction，得到 {jurisdiction!r}"
            )
        documents = {r.document for r in jurisdiction.regulations}
        unknown = set(versions) - documents
        if unknown:
            raise PluginError(f"{jurisdiction.id}: 未声明的规章版本 {sorted(unknown)}")
        for document, aspects in versions.items():
            _check_aspects(jurisdiction, document, aspects)
        self.jurisdiction = jurisdiction
        self.versions = versions
        self.awards = awards

    @classmethod
    def of(
        cls, jurisdiction: Jurisdiction, *, awards: tuple[Award, ...] = (), **aspects: Any
    ) -> JurisdictionPlugin:
        """A jurisdiction with one regulation version: its aspects by name (eligibility, quota,
        scoring, reward, validity, sanctions) and the higher ``awards`` its text names."""
        if not isinstance(jurisdiction, Jurisdiction):
            raise PluginError(
                f"JurisdictionPlugin.of 的第一个参数应为 Jurisdiction，得到 {jurisdiction!r}"
            )
        if len(jurisdiction.regulations) != 1:
            raise PluginError(
                f"{jurisdiction.id}：JurisdictionPlugin.of 用于只有一个规章版本的管辖区，"
                f"此处有 {len(jurisdiction.regulations)} 个；请用 JurisdictionPlugin(jurisdiction, "
                "{文号: {...}})"
            )
        (regulation,) = jurisdiction.regulations
        return cls(jurisdiction, {regulation.document: aspects}, awards)

    def _each(self, register, aspect: str) -> None:
        for document, aspects in self.versions.items():
            if aspect in aspects:
                register(self.jurisdiction.id, document, aspects[aspect])

    @hookimpl
    def register_jurisdictions(self, register):
        register(self.jurisdiction)

    @hookimpl
    def register_awards(self, register):
        for award in self.awards:
            register(award)

    @hookimpl
    def register_eligibility(self, register):
        self._each(register, "eligibility")

    @hookimpl
    def register_quota(self, register):
        self._each(register, "quota")

    @hookimpl
    def register_scoring(self, register):
        self._each(register, "scoring")

    @hookimpl
    def register_reward(self, register):
        self._each(register, "reward")

    @hookimpl
    def register_validity(self, register):
        self._each(register, "validity")

    @hookimpl
    def register_sanctions(self, register):
        self._each(register, "sanctions")
