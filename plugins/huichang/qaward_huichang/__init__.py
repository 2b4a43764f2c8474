"""会昌县“会昌独好”质量奖管理办法（试行）, 会府办发〔2023〕10号, article by article."""

import datetime as dt

from qaward.events import (
    AccidentTest,
    ComplaintTest,
    DishonestyTest,
    DisputeTest,
    FraudTest,
    OperatingLossTest,
    QualityProblemTest,
    SpotCheckTest,
    ViolationTest,
)
from qaward.model import AccidentCategory as C
from qaward.model import DishonestyCategory as D
from qaward.model import Grade, Level, Preference, SanctionReason, Sector, Severity, Tier
from qaward.plugin import JurisdictionPlugin
from qaward.rules import (
    Attested,
    Certified,
    LegalPerson,
    NoEvents,
    NotHoldingHigherAward,
    ProfitableYears,
    RecommendationRequired,
    Registered,
    RepeatGap,
    SafetyStandardization,
    YearsOfOperation,
)
from qaward.standards import ANY_MANAGEMENT_SYSTEM
from qaward.terms import (
    CategoryCap,
    Clause,
    Jurisdiction,
    PreferenceRule,
    Prize,
    PrizeWhen,
    Publicity,
    QuotaPolicy,
    Regulation,
    RepeatTerms,
    RewardSchedule,
    SanctionTerm,
    ScoringScheme,
    Status,
    TierPlaces,
    ValidityTerms,
)
from qaward.terms import Disposition as Dp

ID = "huichang"
DOC = "会府办发〔2023〕10号"

CLAUSES = (
    Clause(
        "HC-3",
        "第三条",
        "elig",
        "经乡（镇）人民政府、城市社区管委会、有关主管部门或行业协会推荐",
    ),
    Clause("HC-5", "第五条", "score", "评价申报组织前3年质量工作业绩"),
    Clause(
        "HC-6",
        "第六条",
        "quota, elig, reward",
        "每两年评审1次，每届不超过3个，制造业不超过2个，服务业（含医疗、教育）、工程等不超过1个，可空缺；"
        "间隔两届后可再次申报，复评获奖只授予证书和称号，不给奖金，不占名额",
    ),
    Clause("HC-8", "第八条", "reward", "首次获奖奖励10万元，颁发奖牌（奖杯）、证书"),
    Clause("HC-13-1", "第十三条（一）", "elig", "在会昌县注册登记，具有法人资格，合法经营3年以上"),
    Clause(
        "HC-13-2",
        "第十三条（二）",
        "attest",
        "符合产业导向、环保、节能减排、安全生产、质量等要求并依法取得资质",
    ),
    Clause(
        "HC-13-3",
        "第十三条（三）",
        "elig",
        "已通过质量管理体系认证或其他相关管理体系认证（不限运行年限）",
    ),
    Clause(
        "HC-13-4",
        "第十三条（四）",
        "elig",
        "安全生产标准化三级或以上；近两年持续盈利；非营利组织社会贡献前列",
    ),
    Clause(
        "HC-13-6",
        "第十三条（六）",
        "elig, cross",
        "近3年内无生产安全亡人责任事故、重大质量投诉、自身责任质量异议、监督抽查不合格等；"
        "已获有效期内市长质量奖或更高级别政府质量奖的不再申报",
    ),
    Clause(
        "HC-14",
        "第十四条",
        "proc",
        "鼓励创新型中小企业申报：不影响排名",
        Dp.out_of_scope,
        "鼓励申报条款，不设评审倾斜，对排名没有影响（见 docs/interpretations.md）",
    ),
    Clause(
        "HC-15",
        "第十五条",
        "score",
        "主导产业龙头企业、优势企业在评审中予以重点支持和倾斜：同分时优先",
    ),
    Clause("HC-21", "第二十一条", "proc", "公示10天"),
    Clause(
        "HC-22",
        "第二十二条",
        "proc",
        "报县政府常务会议审议确定",
        Dp.out_of_scope,
        "审批程序，本程序只记录审批机关（见 compare）",
    ),
    Clause("HC-23", "第二十三条", "valid", "有效期3年；宣传须注明获奖年度，不得用于产品或包装"),
    Clause(
        "HC-26",
        "第二十六条",
        "sanct, cross",
        "弄虚作假：撤销、收回、追缴、公告；10年内不接受会昌独好、市长、井冈、中国质量奖申报",
    ),
    Clause(
        "HC-28",
        "第二十八条",
        "sanct, cross",
        "有效期内发生所列情形：撤销、公告；5年内不得参加会昌独好、市长、井冈、中国质量奖评审",
    ),
    Clause("HC-33", "第三十三条", "meta", "自2023年7月1日起施行，试行2年（2025年6月30日期满）"),
)

# 第三十三条 "自2023年7月1日起施行，试行2年": in force 2023-07-01 to 2025-06-30 inclusive.
# Afterwards the text has lapsed; the engine still evaluates it, with a warning (docs/interpretations.md).
REGULATION = Regulation(
    clause="HC-33",
    article="第三十三条",
    document=DOC,
    title="会昌县“会昌独好”质量奖管理办法（试行）",
    status=Status.trial,
    effective_from=dt.date(2023, 7, 1),
    effective_until=dt.date(2025, 6, 30),
    publicity=Publicity("HC-21", "第二十一条", days=10),
    approval="县政府常务会议审议确定（第二十二条）",
    clauses=CLAUSES,
)

JURISDICTION = Jurisdiction(
    id=ID,
    name="会昌县",
    award_name="会昌县“会昌独好”质量奖",
    level=Level.county,
    parent="ganzhou_city",
    division_code="360733",
    regulations=(REGULATION,),
    tier_names={Tier.quality: "“会昌独好”质量奖"},
    province="江西省",
)

REPEAT = RepeatTerms(
    "HC-6", "第六条", gap_cycles=2, tiers=frozenset({Tier.quality}), money=False, takes_place=False
)

ELIGIBILITY = (
    # 第三条
    RecommendationRequired(
        "HC-3", "第三条", "乡（镇）人民政府、城市社区管委会、有关主管部门或行业协会"
    ),
    # 第六条: 获奖组织间隔两届后，可再次申报
    RepeatGap("HC-6", "第六条", REPEAT),
    # 第十三条（一）
    Registered("HC-13-1", "第十三条（一）", "在会昌县行政区域内依法注册登记"),
    LegalPerson("HC-13-1", "第十三条（一）"),
    YearsOfOperation("HC-13-1", "第十三条（一）", min_years=3),
    # 第十三条（二）
    Attested(
        "HC-13-2",
        "第十三条（二）",
        "policy_compliant",
        "符合国家、省、市、县有关产业导向、环境保护、节能减排、安全生产、质量等法律法规及政策要求",
    ),
    Attested("HC-13-2", "第十三条（二）", "licences_complete", "依法取得相应资质"),
    # 第十三条（三）: a quality or any related management-system certificate (environment,
    # safety, energy, food safety incl. HACCP, information security, measurement …), of any age
    Certified("HC-13-3", "第十三条（三）", min_years=0, scope=ANY_MANAGEMENT_SYSTEM),
    # 第十三条（四）
    Attested(
        "HC-13-4",
        "第十三条（四）",
        "industry_leading",
        "主要经济、技术、安全和质量等指标位于同行业领先地位",
        for_profit_only=True,
    ),
    SafetyStandardization("HC-13-4", "第十三条（四）", worst_level=3),
    ProfitableYears("HC-13-4", "第十三条（四）", years=2),
    Attested(
        "HC-13-4",
        "第十三条（四）",
        "social_contribution",
        "从事非赢利性业务的组织，其社会贡献位于同行业前列",
        nonprofit_only=True,
    ),
    # 第十三条（六）: within 3 years
    NoEvents(
        "HC-13-6",
        "第十三条（六）",
        (
            # "在质量、环境污染、公共卫生及食品安全等方面，无生产安全亡人责任事故": a fatal liability
            # accident in any of these fields or in production safety (docs/interpretations.md)
            AccidentTest(frozenset(C), fatal=True),
            ComplaintTest(major=True),
            DisputeTest(),
            SpotCheckTest(),  # 经监督部门监督抽查不合格: any level
            DishonestyTest(frozenset({D.labor}), min_severity=Severity.larger),
            DishonestyTest(frozenset({D.statistics}), min_severity=Severity.serious),
            DishonestyTest(frozenset({D.tax}), min_severity=Severity.major),
            ViolationTest(),  # 其他违法违规不良记录
        ),
    ),
    # 第十三条（六）末句: "已获市长质量奖或更高级别政府质量奖企业，不再参与本奖项的申请获评审（有效期内）".
    # Decided from the award history and the award hierarchy: a still-valid award of city level
    # or higher bars. Interpretation: only the 质量奖 tier counts; 赣州市市长质量奖提名奖 is not
    # "市长质量奖" (赣市府发〔2022〕15号第六条 sets them as two awards), so a 提名奖 does not bar.
    NotHoldingHigherAward(
        "HC-13-6", "第十三条（六）", min_level=Level.municipal, tiers=frozenset({Tier.quality})
    ),
)

# 第六条: "服务业（含医疗、教育）、工程等" — every sector other than manufacturing.
MANUFACTURING = CategoryCap("制造业", frozenset({Sector.manufacturing}), 2)
OTHERS = CategoryCap(
    "服务业（含医疗、教育）、工程等", frozenset(Sector) - {Sector.manufacturing}, 1
)

QUOTA = QuotaPolicy(
    "HC-6",
    "第六条",
    cycle_years=2,
    tiers=(TierPlaces(Tier.quality, places=3, caps=(MANUFACTURING, OTHERS)),),
    vacancy_allowed=True,
)

# The text names no evaluation standard (the rules are left to the county office, 第十一条（一）);
# 第五条 fixes only the period assessed.
SCORING = ScoringScheme(
    "HC-5",
    "第五条",
    standard="评价准则文本未指明",
    covers_years=3,
    preferences=(
        # 第十五条 only: 第十四条 merely encourages applications (no ranking effect)
        PreferenceRule(
            "HC-15",
            "第十五条",
            frozenset({Preference.leading_enterprise}),
            "主导产业质量水平高、品牌影响力大、核心竞争力强的龙头企业、优势企业，在评审中予以重点支持和倾斜",
        ),
    ),
)

REWARD = RewardSchedule(
    "HC-8",
    "第八条",
    prizes=(
        Prize(
            "HC-6",
            "第六条",
            Tier.quality,
            0,
            PrizeWhen.repeat,
            "复评获奖只授予证书和荣誉称号，不再给予奖金奖励，且不占当年授奖名额",
        ),
        Prize(
            "HC-8",
            "第八条",
            Tier.quality,
            100_000,
            PrizeWhen.first_time,
            "首次获得“会昌独好”质量奖奖励10万元",
        ),
    ),
    honours="奖牌（奖杯）、证书",
)

VALIDITY = ValidityTerms(
    "HC-23",
    "第二十三条",
    years=3,
    title_use="宣传中使用须注明获奖年度；不得用于产品宣传，不得在产品或包装上标注",
    repeat=REPEAT,
)

# 第二十六条、第二十八条: both ban from the same four awards.
BANNED_AWARDS = (ID, "ganzhou_city", "jiangxi_jinggang", "china_quality_award")

SANCTIONS = (
    SanctionTerm(
        "HC-26",
        "第二十六条",
        SanctionReason.fraud,
        "弄虚作假，采取不正当手段骗取“会昌独好”质量奖荣誉",
        events=(FraudTest(),),
        revoke=True,
        clawback=True,
        notice=True,
        ban_years=10,
        ban_words="不接受该组织再次参加{awards}的申报和评审",
        ban_awards=BANNED_AWARDS,
        window="any",
    ),
    SanctionTerm(
        "HC-28",
        "第二十八条",
        SanctionReason.revocation,
        "有效期内：较大及以上质量、安全、环境污染、公共卫生、食品安全等责任事故；产品、工程、服务质量重大问题"
        "被查处或投诉属实；连续2年严重经营性亏损；重大纳税失信或其他严重违法违规；其他违反本奖宗旨的重大事项",
        events=(
            AccidentTest(frozenset(C), min_grade=Grade.larger),
            QualityProblemTest(),
            OperatingLossTest(min_years=2),
            DishonestyTest(frozenset({D.tax}), min_severity=Severity.major),
            ViolationTest(serious=True),
        ),
        revoke=True,
        clawback=False,  # 第二十八条 revokes and announces; it does not recover the money
        notice=True,
        ban_years=5,
        ban_words="不得参加{awards}的评审",
        duties=("停止宣传获奖荣誉", "停止使用获奖标识", "向社会公开相关信息"),
        ban_awards=BANNED_AWARDS,
        window="validity",
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
