"""赣州经开区主任质量奖管理办法（修订稿）, 赣经开政字〔2024〕12号, article by article."""

import datetime as dt

from qaward.events import (
    AccidentTest,
    ComplaintTest,
    DishonestyTest,
    DisputeTest,
    ExportNoticeTest,
    FraudTest,
    OperatingLossTest,
    QualityProblemTest,
    SpotCheckTest,
    ViolationTest,
)
from qaward.model import AccidentCategory as C
from qaward.model import DishonestyCategory as D
from qaward.model import (
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
from qaward.plugin import JurisdictionPlugin
from qaward.rules import (
    AnyOf,
    Attested,
    Certified,
    ChiefQualityOfficer,
    ExcellenceModel,
    LegalPerson,
    NoEvents,
    ProfitableYears,
    Registered,
    RepeatGap,
    SafetyStandardization,
    SteadyGrowth,
    YearsOfOperation,
)
from qaward.standards import INTERNATIONAL
from qaward.terms import (
    Clause,
    Due,
    Jurisdiction,
    Obligation,
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
    TierPlaces,
    ValidityTerms,
)
from qaward.terms import Disposition as Dp

ID = "ganzhou_kfq"
DOC = "赣经开政字〔2024〕12号"
MANUFACTURING = frozenset({Sector.manufacturing})

CLAUSES = (
    Clause(
        "KFQ-3", "第三条", "score", "评审采用GB/T 19580、GB/T 19579；评价申报单位前3年质量工作业绩"
    ),
    Clause("KFQ-5", "第五条", "quota", "每两年评审1次，每届不超过3家，可以空缺"),
    Clause("KFQ-7", "第七条", "reward", "每家企业奖励20万元，颁发奖牌（奖杯）、证书"),
    Clause("KFQ-11-1", "第十一条（一）", "elig", "在经开区注册登记，具备法人资格，合法经营3年以上"),
    Clause(
        "KFQ-11-2",
        "第十一条（二）",
        "attest",
        "符合产业导向、环保、节能减排、质量等要求并依法取得资质",
    ),
    Clause(
        "KFQ-11-3",
        "第十一条（三）",
        "elig",
        "制造业：GB/T 19001或国际通行管理体系认证运行2年以上；卓越绩效1年以上；首席质量官制度",
    ),
    Clause(
        "KFQ-11-3a",
        "第十一条（三）",
        "attest",
        "质量管理制度、模式方法实现创新并具有推广价值（制造业企业，评审办确认）",
    ),
    Clause(
        "KFQ-11-4",
        "第十一条（四）",
        "elig",
        "安全生产标准化三级或以上；近两年持续盈利或营收、利润稳定增长；非营利组织社会贡献前列",
    ),
    Clause(
        "KFQ-11-6",
        "第十一条（六）",
        "elig",
        "近3年内无重大责任事故及安全生产责任事故、重大质量投诉、自身责任质量异议、抽查不合格等",
    ),
    Clause(
        "KFQ-11-57",
        "第十一条（五）（七）",
        "attest",
        "质量工作、标准化、品牌、满意度",
        Dp.attested,
        "定性条件，由评审组在材料和现场评审中确认，不作为资格判定",
    ),
    Clause(
        "KFQ-12",
        "第十二条",
        "score",
        "评审向6条制造业重点产业链和3个先进制造业集群倾斜（同分时优先）；创新型中小企业仅鼓励申报，不影响排名",
    ),
    Clause(
        "KFQ-15",
        "第十五条",
        "cross",
        "从赣州市市长质量奖评审专家库聘请3-5名专家组成评审组",
        Dp.out_of_scope,
        "评审组组成属程序事项，本程序不管理评审专家",
    ),
    Clause("KFQ-18", "第十八条", "proc", "公示10天"),
    Clause(
        "KFQ-19",
        "第十九条",
        "proc",
        "报区管委会主任办公会议审议批准",
        Dp.out_of_scope,
        "审批程序，本程序只记录审批机关（见 compare）",
    ),
    Clause("KFQ-20", "第二十条", "valid", "有效期3年；宣传须注明获奖年度，不得用于产品或包装"),
    Clause(
        "KFQ-21",
        "第二十一条",
        "cross",
        "获奖单位可推荐申报市长质量奖（未被撤销的获奖单位，不以有效期为限）",
    ),
    Clause(
        "KFQ-23",
        "第二十三条",
        "valid",
        "获奖2年内在市级以上媒体专题报道，至少配合一次全区性经验交流",
    ),
    Clause("KFQ-24", "第二十四条", "elig, reward", "间隔两届后可再次申报，再次获奖不给奖金"),
    Clause(
        "KFQ-25",
        "第二十五条",
        "sanct, cross",
        "弄虚作假：撤销、收回、追缴、公告；10年内不得申报主任、市长、井冈质量奖",
    ),
    Clause("KFQ-27", "第二十七条", "valid", "奖金专款用于质量改进，不得挪作他用"),
    Clause(
        "KFQ-28",
        "第二十八条",
        "sanct, cross",
        "有效期内发生所列情形：撤销、追缴、公告；5年内不得参加主任、市长、井冈质量奖评审",
    ),
    Clause("KFQ-32", "第三十二条", "meta", "2024年3月1日起施行，赣经开政字〔2019〕112号同时废止"),
)

REGULATION = Regulation(
    clause="KFQ-32",
    article="第三十二条",
    document=DOC,
    title="赣州经开区主任质量奖管理办法（修订稿）",
    status=Status.in_force,
    effective_from=dt.date(2024, 3, 1),
    repeals="赣经开政字〔2019〕112号",
    publicity=Publicity("KFQ-18", "第十八条", days=10),
    approval="区管委会主任办公会议审议，区管委会主任审定签署（第十九条）",
    clauses=CLAUSES,
)

JURISDICTION = Jurisdiction(
    id=ID,
    name="赣州经开区",
    award_name="赣州经开区主任质量奖",
    level=Level.county,
    parent="ganzhou_city",
    regulations=(REGULATION,),
    tier_names={Tier.quality: "主任质量奖"},
    province="江西省",
)

REPEAT = RepeatTerms("KFQ-24", "第二十四条", gap_cycles=2, money=False, takes_place=True)

ELIGIBILITY = (
    # 第十一条（一）
    Registered("KFQ-11-1", "第十一条（一）", "在赣州经济技术开发区行政区域内依法注册登记"),
    LegalPerson("KFQ-11-1", "第十一条（一）"),
    YearsOfOperation("KFQ-11-1", "第十一条（一）", min_years=3),
    # 第十一条（二）
    Attested(
        "KFQ-11-2",
        "第十一条（二）",
        "policy_compliant",
        "符合产业导向、环境保护、节能减排、质量等法律法规及政策要求",
    ),
    Attested("KFQ-11-2", "第十一条（二）", "licences_complete", "依法取得相应资质"),
    # 第十一条（三）: manufacturing enterprises only
    Certified(
        "KFQ-11-3",
        "第十一条（三）",
        min_years=2,
        scope=INTERNATIONAL,
        sectors=MANUFACTURING,
    ),
    ExcellenceModel("KFQ-11-3", "第十一条（三）", min_years=1, sectors=MANUFACTURING),
    ChiefQualityOfficer("KFQ-11-3", "第十一条（三）", sectors=MANUFACTURING),
    Attested(
        "KFQ-11-3a",
        "第十一条（三）",
        "management_innovation",
        "质量管理制度、模式方法实现创新并具有推广价值",
        sectors=MANUFACTURING,
    ),
    # 第十一条（四）
    Attested(
        "KFQ-11-4",
        "第十一条（四）",
        "industry_leading",
        "主要经济、技术、安全和质量等指标位于同行业领先地位",
        for_profit_only=True,
    ),
    SafetyStandardization("KFQ-11-4", "第十一条（四）", worst_level=3),
    AnyOf(
        "KFQ-11-4",
        "第十一条（四）",
        (
            ProfitableYears("KFQ-11-4", "第十一条（四）", years=2),
            SteadyGrowth("KFQ-11-4", "第十一条（四）", years=2),
        ),
    ),
    Attested(
        "KFQ-11-4",
        "第十一条（四）",
        "social_contribution",
        "从事非营利性业务的组织，其社会贡献位于同行业前列",
        nonprofit_only=True,
    ),
    # 第十一条（六）: within 3 years
    NoEvents(
        "KFQ-11-6",
        "第十一条（六）",
        (
            AccidentTest(
                frozenset({C.quality, C.environment, C.public_health, C.food_safety}),
                min_grade=Grade.major,
            ),
            AccidentTest(frozenset({C.production_safety})),  # 安全生产责任事故: any grade
            ComplaintTest(major=True),
            DisputeTest(),
            SpotCheckTest(),  # 质量监督抽查不合格: any level
            DishonestyTest(frozenset({D.labor}), min_severity=Severity.larger),
            DishonestyTest(frozenset({D.statistics}), min_severity=Severity.serious),
            DishonestyTest(frozenset({D.tax}), min_severity=Severity.major),
            ViolationTest(),  # 其他违法违规记录
        ),
    ),
    # 第二十四条
    RepeatGap("KFQ-24", "第二十四条", REPEAT),
)

QUOTA = QuotaPolicy(
    "KFQ-5",
    "第五条",
    cycle_years=2,
    tiers=(TierPlaces(Tier.quality, places=3),),
    vacancy_allowed=True,
)

SCORING = ScoringScheme(
    "KFQ-3",
    "第三条",
    standard="GB/T 19580、GB/T 19579",
    covers_years=3,
    preferences=(
        PreferenceRule(
            "KFQ-12",
            "第十二条",
            # the SMEs of the same article are only encouraged to apply: no ranking effect
            frozenset({Preference.key_industry_chain}),
            "评审向6条制造业重点产业链和3个先进制造业集群倾斜",
        ),
    ),
)

REWARD = RewardSchedule(
    "KFQ-7",
    "第七条",
    prizes=(
        Prize(
            "KFQ-24",
            "第二十四条",
            Tier.quality,
            0,
            PrizeWhen.repeat,
            "再次获奖只授予证书和荣誉称号，不再给予奖金",
        ),
        Prize(
            "KFQ-7",
            "第七条",
            Tier.quality,
            200_000,
            PrizeWhen.first_time,
            "每家企业20万元",
            payee="每家企业",
            payee_types=frozenset({EntityType.enterprise}),
        ),
    ),
    honours="奖牌（奖杯）、证书",
)

VALIDITY = ValidityTerms(
    "KFQ-20",
    "第二十条",
    years=3,
    title_use="宣传中使用须注明获奖年度；不得用于产品宣传，不得在产品或包装上标注",
    obligations=(
        Obligation(
            "KFQ-23",
            "第二十三条",
            "在市级以上报刊、杂志、网络等媒体进行先进质量管理经验和成果专题宣传报道",
            Due.within_years,
            2,
        ),
        Obligation(
            "KFQ-23",
            "第二十三条",
            "至少配合组织一次全区性先进管理经验和成果现场经验交流活动",
            Due.within_years,
            2,
        ),
        Obligation(
            "KFQ-27",
            "第二十七条",
            "奖金用于质量持续改进、质量攻关和人员培训、质量检验和技术研发设施投入，不得挪作他用",
            Due.during_validity,
        ),
    ),
    repeat=REPEAT,
    # 第二十一条 sets no validity condition: any winner whose award was not revoked (docs/interpretations.md)
    routes=(
        RecommendationRoute("KFQ-21", "第二十一条", to_award="ganzhou_city", while_valid=False),
    ),
)

BANNED_AWARDS = (ID, "ganzhou_city", "jiangxi_jinggang")

SANCTIONS = (
    SanctionTerm(
        "KFQ-25",
        "第二十五条",
        SanctionReason.fraud,
        "弄虚作假，采取不正当手段骗取主任质量奖荣誉",
        events=(FraudTest(),),
        revoke=True,
        clawback=True,
        notice=True,
        ban_years=10,
        ban_awards=BANNED_AWARDS,
        ban_words="不得参加{awards}的申报和评审",
        window="any",
    ),
    SanctionTerm(
        "KFQ-28",
        "第二十八条",
        SanctionReason.revocation,
        "有效期内：较大及以上质量、安全、环境污染、公共卫生、食品安全等责任事故；重大质量问题被查处或投诉属实；"
        "出口产品因质量问题被国外通报或索赔，造成国家形象和产品信誉较大损害；连续2年严重经营性亏损；重大纳税失信或其他严重违法违规；其他严重违法",
        events=(
            AccidentTest(frozenset(C), min_grade=Grade.larger),
            QualityProblemTest(),
            # 第二十八条（三）"被国外通报或索赔，造成…较大损害": a notice alone is not enough
            ExportNoticeTest(
                frozenset({ExportOutcome.notice, ExportOutcome.claim}), serious_damage=True
            ),
            OperatingLossTest(min_years=2),
            DishonestyTest(frozenset({D.tax}), min_severity=Severity.major),
            ViolationTest(serious=True),
        ),
        revoke=True,
        clawback=True,
        notice=True,
        ban_years=5,
        ban_awards=BANNED_AWARDS,
        ban_words="不得参加{awards}的评审",
        duties=("停止宣传获奖荣誉", "停止使用获奖标识", "向社会公开相关信息"),
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
