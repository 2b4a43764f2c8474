"""信丰县县长质量奖管理办法（示例：虚构的文本，信府办发〔2025〕3号）, article by article.

A worked example of adding a county with qaward: this package touches no core file. Read it
beside the (invented) regulation: one declaration per condition, in article order, each with its
clause id and article. Everything comes from one import path, ``qaward.plugin``.
"""

import datetime as dt

from qaward.plugin import (
    QUALITY_SYSTEMS,
    AccidentCategory,
    AccidentTest,
    Certified,
    Clause,
    FraudTest,
    Grade,
    Jurisdiction,
    JurisdictionPlugin,
    LegalPerson,
    Level,
    NoEvents,
    Prize,
    ProfitableYears,
    Publicity,
    QuotaPolicy,
    Registered,
    Regulation,
    RewardSchedule,
    SanctionReason,
    SanctionTerm,
    ScoringScheme,
    SpotCheckTest,
    Status,
    Threshold,
    Tier,
    TierPlaces,
    ValidityTerms,
    YearsOfOperation,
)

ID = "xinfeng"
DOC = "信府办发〔2025〕3号"

# The clause inventory: every article that matters, with its id. A clause nothing encodes shows
# in `qaward clauses` as "not yet" until a declaration below names it.
CLAUSES = (
    Clause("XF-3", "第三条", "quota", "每两年评选一次，每届不超过2个，可以空缺"),
    Clause("XF-6", "第六条", "reward", "每个获奖组织奖励20万元，颁发奖牌和证书"),
    Clause("XF-8-1", "第八条（一）", "elig", "在信丰县注册登记，具有法人资格，合法经营3年以上"),
    Clause("XF-8-2", "第八条（二）", "elig", "通过质量管理体系认证并有效运行2年以上"),
    Clause("XF-8-3", "第八条（三）", "elig", "近两年持续盈利"),
    Clause(
        "XF-8-4",
        "第八条（四）",
        "elig",
        "近3年内无较大及以上质量、安全、环境污染责任事故，无质量监督抽查不合格",
    ),
    Clause("XF-10", "第十条", "score", "按GB/T 19580评审，总分1000分，不得低于600分"),
    Clause("XF-12", "第十二条", "proc", "评审结果公示7个工作日"),
    Clause("XF-14", "第十四条", "valid", "县长质量奖有效期3年"),
    Clause(
        "XF-16",
        "第十六条",
        "sanct, cross",
        "弄虚作假骗取荣誉的，撤销称号、追回奖金，5年内不得申报县长质量奖和市长质量奖",
    ),
    Clause("XF-20", "第二十条", "meta", "自2025年1月1日起施行"),
)

# 第二十条
REGULATION = Regulation(
    clause="XF-20",
    article="第二十条",
    document=DOC,
    title="信丰县县长质量奖管理办法",
    status=Status.in_force,
    effective_from=dt.date(2025, 1, 1),
    publicity=Publicity("XF-12", "第十二条", days=7, working_days=True),  # 第十二条
    clauses=CLAUSES,
)

JURISDICTION = Jurisdiction(
    id=ID,
    name="信丰县",
    award_name="信丰县县长质量奖",
    level=Level.county,
    regulations=(REGULATION,),
    parent="ganzhou_city",  # 信丰县 lies in 赣州市: the city's bans and region rules reach it
    division_code="360722",  # GB/T 2260
    province="江西省",
)

# 第八条 申报条件, item by item
ELIGIBILITY = (
    # （一）
    Registered("XF-8-1", "第八条（一）", "在信丰县行政区域内依法注册登记"),
    LegalPerson("XF-8-1", "第八条（一）"),
    YearsOfOperation("XF-8-1", "第八条（一）", min_years=3),
    # （二）
    Certified("XF-8-2", "第八条（二）", min_years=2, scope=QUALITY_SYSTEMS),
    # （三）
    ProfitableYears("XF-8-3", "第八条（三）", years=2),
    # （四）
    NoEvents(
        "XF-8-4",
        "第八条（四）",
        (
            AccidentTest(
                frozenset(
                    {
                        AccidentCategory.quality,
                        AccidentCategory.production_safety,
                        AccidentCategory.environment,
                    }
                ),
                min_grade=Grade.larger,
            ),
            SpotCheckTest(),
        ),
        within_years=3,
    ),
)

# 第三条
QUOTA = QuotaPolicy("XF-3", "第三条", cycle_years=2, tiers=(TierPlaces(Tier.quality, places=2),))

# 第十条 (the text says nothing of a period of performance: covers_years stays unstated)
SCORING = ScoringScheme(
    "XF-10",
    "第十条",
    standard="GB/T 19580",
    thresholds=(Threshold("XF-10", "第十条", Tier.quality, min_score=600),),
)

# 第六条
REWARD = RewardSchedule(
    "XF-6",
    "第六条",
    prizes=(Prize("XF-6", "第六条", Tier.quality, 200_000, text="每个获奖组织奖励20万元"),),
    honours="奖牌、证书",
)

# 第十四条
VALIDITY = ValidityTerms("XF-14", "第十四条", years=3)

# 第十六条
SANCTIONS = (
    SanctionTerm(
        "XF-16",
        "第十六条",
        SanctionReason.fraud,
        "弄虚作假、以不正当手段骗取荣誉",
        events=(FraudTest(),),
        revoke=True,
        clawback=True,
        notice=True,
        ban_years=5,
        ban_awards=(ID, "ganzhou_city"),
        window="any",
    ),
)

plugin = JurisdictionPlugin.of(
    JURISDICTION,
    eligibility=ELIGIBILITY,
    quota=QUOTA,
    scoring=SCORING,
    reward=REWARD,
    validity=VALIDITY,
    sanctions=SANCTIONS,
)
