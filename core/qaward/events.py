"""Tests on adverse events (不良记录), the vocabulary of the "无…记录" clauses.

Each test says in its fields exactly which events count (categories, grades, levels, severity),
so ``qaward compare`` can show the scope side by side. ``matches`` returns True (the event
counts), False (it does not) or None (a fact the test needs, e.g. ``liable``, is missing).
"""

from __future__ import annotations

from qaward.declare import declaration
from qaward.labels import ACCIDENT_CATEGORY as CATEGORY_ZH
from qaward.labels import DISHONESTY_CATEGORY as DISHONESTY_ZH
from qaward.labels import EVENT_KIND as KIND_ZH
from qaward.labels import EXPORT_OUTCOME as OUTCOME_ZH
from qaward.labels import GRADE as GRADE_ZH
from qaward.labels import LEVEL as LEVEL_ZH
from qaward.labels import SEVERITY as SEVERITY_ZH
from qaward.model import (
    Accident,
    AccidentCategory,
    Complaint,
    Dishonesty,
    DishonestyCategory,
    ExportNotice,
    ExportOutcome,
    Fraud,
    Grade,
    Level,
    MisuseOfFunds,
    OperatingLoss,
    QualityDispute,
    QualityProblem,
    ServiceQualityProblem,
    Severity,
    SpotCheckFailure,
    Violation,
)

ALL_LEVELS = frozenset(Level)


def _needs(flag: bool | None, required: bool) -> bool | None:
    """A required flag: True counts, False does not, None is unknown."""
    return flag if required else True


@declaration
class AccidentTest:
    categories: frozenset[AccidentCategory]
    min_grade: Grade = Grade.general
    fatal: bool = False  # 亡人: at least one death
    liable: bool = True  # 责任事故

    def matches(self, e) -> bool | None:
        if not isinstance(e, Accident) or e.category not in self.categories:
            return False
        if e.grade.rank < self.min_grade.rank or (self.fatal and e.deaths < 1):
            return False
        return _needs(e.liable, self.liable)

    @property
    def text(self) -> str:
        cats = "、".join(CATEGORY_ZH[c] for c in AccidentCategory if c in self.categories)
        grade = "" if self.min_grade is Grade.general else f"{GRADE_ZH[self.min_grade]}及以上"
        return f"{cats}{grade}{'亡人' if self.fatal else ''}{'责任' if self.liable else ''}事故"


@declaration
class ComplaintTest:
    major: bool = True
    liable: bool = False

    def matches(self, e) -> bool | None:
        if not isinstance(e, Complaint):
            return False
        major = _needs(e.major, self.major)
        if major is not True:
            return major
        return _needs(e.liable, self.liable)

    @property
    def text(self) -> str:
        return f"{'负有责任的' if self.liable else ''}{'重大' if self.major else ''}质量投诉"


@declaration
class DisputeTest:
    def matches(self, e) -> bool | None:
        return isinstance(e, QualityDispute) and e.liable

    @property
    def text(self) -> str:
        return "自身责任引起的质量异议、索赔和退货"


@declaration
class SpotCheckTest:
    levels: frozenset[Level] = ALL_LEVELS
    serious: bool = False  # only "严重不合格" counts

    def matches(self, e) -> bool | None:
        if not isinstance(e, SpotCheckFailure) or e.level not in self.levels:
            return False
        return _needs(e.serious, self.serious)

    @property
    def text(self) -> str:
        scope = (
            "各级"
            if self.levels == ALL_LEVELS
            else "、".join(LEVEL_ZH[lv] for lv in reversed(Level) if lv in self.levels)
        )
        return f"{scope}质量监督抽查{'严重' if self.serious else ''}不合格"


@declaration
class DishonestyTest:
    categories: frozenset[DishonestyCategory] = frozenset(DishonestyCategory)
    min_severity: Severity = Severity.general
    count_repaired: bool = True  # JD-3-4: a repaired and confirmed record no longer bars

    def matches(self, e) -> bool | None:
        if not isinstance(e, Dishonesty) or e.category not in self.categories:
            return False
        if e.severity.rank < self.min_severity.rank:
            return False
        return self.count_repaired or not e.repaired

    @property
    def text(self) -> str:
        cats = (
            ""
            if self.categories == frozenset(DishonestyCategory)
            else "、".join(DISHONESTY_ZH[c] for c in DishonestyCategory if c in self.categories)
        )
        sev = "" if self.min_severity is Severity.general else SEVERITY_ZH[self.min_severity]
        rep = "" if self.count_repaired else "（已修复并经确认的除外）"
        return f"{sev}{cats}失信记录{rep}"


@declaration
class ViolationTest:
    serious: bool = False

    def matches(self, e) -> bool | None:
        return isinstance(e, Violation) and _needs(e.serious, self.serious)

    @property
    def text(self) -> str:
        return f"{'严重' if self.serious else ''}违法违规记录"


@declaration
class ExportNoticeTest:
    """出口产品因质量问题被国外通报、索赔或退货: ``outcomes`` the article lists (红旗 HQ-11（四）:
    索赔、退货 — a notice alone is not enough); ``serious_damage``: only a case that 造成国家形象和
    产品信誉较大损害 counts (KFQ-28（三）). A fact the test needs and the event lacks: unknown."""

    outcomes: frozenset[ExportOutcome] = frozenset(ExportOutcome)
    serious_damage: bool = False

    def matches(self, e) -> bool | None:
        if not isinstance(e, ExportNotice):
            return False
        if self.outcomes == frozenset(ExportOutcome):
            listed: bool | None = True
        else:
            listed = None if e.outcome is None else e.outcome in self.outcomes
        if listed is False:
            return False
        damage = _needs(e.serious_damage, self.serious_damage)
        if damage is False:
            return False
        return None if None in (listed, damage) else True

    @property
    def text(self) -> str:
        how = "、".join(OUTCOME_ZH[o.value] for o in ExportOutcome if o in self.outcomes)
        harm = "，造成国家形象和产品信誉较大损害" if self.serious_damage else ""
        return f"出口产品因质量问题被国外{how}{harm}"


@declaration
class MisuseTest:
    """奖金使用不当 (HQ-22); ``serious``: only 情节严重的 counts."""

    serious: bool = False

    def matches(self, e) -> bool | None:
        return isinstance(e, MisuseOfFunds) and _needs(e.serious, self.serious)

    @property
    def text(self) -> str:
        return "奖励资金使用不当" + ("，情节严重" if self.serious else "")


@declaration
class QualityProblemTest:
    def matches(self, e) -> bool | None:
        return isinstance(e, QualityProblem) and e.verified

    @property
    def text(self) -> str:
        return "产品、工程、服务、环境质量重大问题被查处或投诉属实"


@declaration
class ServiceProblemTest:
    def matches(self, e) -> bool | None:
        return isinstance(e, ServiceQualityProblem) and e.serious

    @property
    def text(self) -> str:
        return "严重服务质量问题"


@declaration
class FraudTest:
    """弄虚作假、以不正当手段骗取荣誉 (sanction cases only)."""

    def matches(self, e) -> bool | None:
        return isinstance(e, Fraud)

    @property
    def text(self) -> str:
        return "弄虚作假，以不正当手段骗取荣誉"


@declaration
class OperatingLossTest:
    """连续N年出现严重经营性亏损 (sanction cases only)."""

    min_years: int = 2

    def matches(self, e) -> bool | None:
        return isinstance(e, OperatingLoss) and e.years >= self.min_years

    @property
    def text(self) -> str:
        return f"连续{self.min_years}年出现严重经营性亏损"


EventTest = (
    AccidentTest
    | ComplaintTest
    | DisputeTest
    | SpotCheckTest
    | DishonestyTest
    | ViolationTest
    | ExportNoticeTest
    | QualityProblemTest
    | ServiceProblemTest
    | FraudTest
    | OperatingLossTest
    | MisuseTest
)


def describe(e) -> str:
    """An event in a reviewer's words, e.g. 市级监督抽查不合格."""
    if isinstance(e, Accident):
        deaths = f"，死亡{e.deaths}人" if e.deaths else ""
        liable = {True: "，负有责任", False: "，无责任", None: ""}[e.liable]
        return f"{CATEGORY_ZH[e.category]}{GRADE_ZH[e.grade]}事故{deaths}{liable}"
    if isinstance(e, SpotCheckFailure):
        return f"{LEVEL_ZH[e.level]}监督抽查不合格{'（严重）' if e.serious else ''}"
    if isinstance(e, Dishonesty):
        repaired = "（已修复）" if e.repaired else ""
        return f"{DISHONESTY_ZH[e.category]}{SEVERITY_ZH[e.severity]}失信{repaired}"
    if isinstance(e, ExportNotice):
        how = OUTCOME_ZH[e.outcome.value] if e.outcome else "通报、索赔或退货（未注明）"
        harm = {True: "，造成较大损害", False: "，未造成较大损害", None: ""}[e.serious_damage]
        return f"出口产品被国外{how}{harm}"
    flags = [
        label
        for attr, label in (
            ("major", "重大"),
            ("serious", "严重"),
            ("liable", "负有责任"),
            ("verified", "查证属实"),
        )
        if getattr(e, attr, None)
    ]
    return KIND_ZH.get(e.kind, e.kind) + (f"（{'、'.join(flags)}）" if flags else "")
