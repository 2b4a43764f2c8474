"""赣州市市长质量奖管理办法, 赣市府发〔2022〕15号, article by article."""

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
from qaward.model import (
    EntityType,
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
    Attested,
    Certified,
    EntityTypeIn,
    ExcellenceModel,
    LegalPerson,
    NoEvents,
    ProfitableYears,
    Registered,
    RepeatGap,
    SafetyStandardization,
    YearsOfOperation,
)
from qaward.standards import INTERNATIONAL
from qaward.terms import (
    CategoryCap,
    Clause,
    Due,
    Jurisdiction,
    Obligation,
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

ID = "ganzhou_city"
DOC = "赣市府发〔2022〕15号"

CLAUSES = (
    Clause(
        "CITY-3",
        "第三条",
        "elig",
        "授予企事业单位：社会团体、民办非企业单位不在授奖范围",
    ),
    Clause("CITY-4", "第四条", "score", "评审采用GB/T 19580；评价申报组织前3年质量工作业绩"),
    Clause(
        "CITY-6",
        "第六条",
        "quota",
        "设质量奖和提名奖，每两年评审1次；每项不超过5个，制造业不超过3个，服务业（含医疗、教育）工程等不超过2个；可空缺",
    ),
    Clause(
        "CITY-8", "第八条", "reward", "首次获得市长质量奖奖励50万元；两项均颁发奖牌（奖杯）证书"
    ),
    Clause(
        "CITY-11-2",
        "第十一条（二）",
        "cross",
        "市评审员专家库成员参加县（市、区）政府质量奖评审",
        Dp.out_of_scope,
        "评审专家的组织与推荐属程序事项",
    ),
    Clause(
        "CITY-11-9",
        "第十一条（九）",
        "cross",
        "指导各县（市、区）、经开区和蓉江新区开展政府质量奖评审",
        Dp.out_of_scope,
        "指导关系不可计算；区域与奖项层级见各管辖区声明的上级（parent）",
    ),
    Clause(
        "CITY-13-1",
        "第十三条（一）",
        "elig",
        "在赣州市行政区域内注册登记，具有法人资格，合法经营3年以上",
    ),
    Clause(
        "CITY-13-2",
        "第十三条（二）",
        "attest",
        "符合产业导向、环保、节能减排、安全生产、质量等要求并依法取得资质",
    ),
    Clause(
        "CITY-13-3",
        "第十三条（三）",
        "elig",
        "GB/T 19001或国际通行管理体系认证有效运行3年以上；卓越绩效管理模式2年以上",
    ),
    Clause(
        "CITY-13-4",
        "第十三条（四）",
        "elig",
        "安全生产标准化三级或以上；近2年持续盈利；非营利组织社会贡献前列",
    ),
    Clause(
        "CITY-13-6",
        "第十三条（六）",
        "elig",
        "近3年内无生产安全亡人责任事故、重大质量投诉、自身责任质量异议、国家或省抽查不合格等",
    ),
    Clause(
        "CITY-14",
        "第十四条",
        "proc",
        "鼓励创新型中小企业申报，重点支持数字经济相关产业组织申报：不影响排名",
        Dp.out_of_scope,
        "鼓励申报条款，不设评审倾斜，对排名没有影响（见 docs/interpretations.md）",
    ),
    Clause(
        "CITY-15",
        "第十五条",
        "score",
        "主导产业龙头企业、优势企业在评审中予以重点支持和倾斜：同分时优先",
    ),
    Clause("CITY-21", "第二十一条", "proc", "公示10天"),
    Clause(
        "CITY-22",
        "第二十二条",
        "proc",
        "经市政府常务会议审议确定",
        Dp.out_of_scope,
        "审批程序，本程序只记录审批机关（见 compare）",
    ),
    Clause("CITY-23", "第二十三条", "valid", "有效期3年；宣传须注明获奖年度，不得用于产品或包装"),
    Clause("CITY-24", "第二十四条", "valid", "有效期内至少接受一次复核评估，每年提交质量绩效报告"),
    Clause(
        "CITY-25",
        "第二十五条",
        "valid",
        "获奖当年总结宣传推广做法；有效期内至少配合一次经验交流，配合质量公益宣传",
    ),
    Clause("CITY-26", "第二十六条", "valid", "奖金专款专用，配合检查"),
    Clause(
        "CITY-27",
        "第二十七条",
        "elig, reward, quota",
        "间隔两届后可再次申报；再次获奖只授予证书和称号，不给奖金，不占名额；提名奖可继续申报",
    ),
    Clause(
        "CITY-28",
        "第二十八条",
        "sanct, cross",
        "弄虚作假：撤销、收回、追缴、公告；10年内不接受市长质量奖、井冈质量奖、中国质量奖申报",
    ),
    Clause(
        "CITY-30",
        "第三十条",
        "sanct, cross",
        "有效期内发生所列情形：撤销、公告；5年内不得参加市长、井冈、中国质量奖评审",
    ),
    Clause(
        "CITY-34",
        "第三十四条",
        "meta",
        "自发布之日（2022年9月27日）起施行，赣市府发〔2017〕12号停止执行",
    ),
)

REGULATION = Regulation(
    clause="CITY-34",
    article="第三十四条",
    document=DOC,
    title="赣州市市长质量奖管理办法",
    status=Status.in_force,
    effective_from=dt.date(2022, 9, 27),
    repeals="赣市府发〔2017〕12号",
    publicity=Publicity("CITY-21", "第二十一条", days=10),
    approval="市政府常务会议审议确定（第二十二条）",
    clauses=CLAUSES,
)

JURISDICTION = Jurisdiction(
    id=ID,
    name="赣州市",
    award_name="赣州市市长质量奖",
    level=Level.municipal,
    parent="jiangxi_jinggang",
    division_code="360700",
    regulations=(REGULATION,),
    tier_names={Tier.quality: "市长质量奖", Tier.nomination: "市长质量奖提名奖"},
    province="江西省",
)

REPEAT = RepeatTerms(
    "CITY-27",
    "第二十七条",
    gap_cycles=2,
    tiers=frozenset({Tier.quality}),
    money=False,
    takes_place=False,
)

ELIGIBILITY = (
    # 第三条: 组织（企事业单位）
    EntityTypeIn(
        "CITY-3",
        "第三条",
        frozenset({EntityType.enterprise, EntityType.public_institution}),
        "企事业单位",
    ),
    # 第十三条（一）: anywhere in 赣州市, incl. its counties, 经开区 and 蓉江新区
    Registered("CITY-13-1", "第十三条（一）", "在赣州市行政区域内依法注册登记"),
    LegalPerson("CITY-13-1", "第十三条（一）"),
    YearsOfOperation("CITY-13-1", "第十三条（一）", min_years=3),
    # 第十三条（二）
    Attested(
        "CITY-13-2",
        "第十三条（二）",
        "policy_compliant",
        "符合产业导向、环境保护、节能减排、安全生产、质量等法律法规及政策要求",
    ),
    Attested("CITY-13-2", "第十三条（二）", "licences_complete", "依法取得相应资质"),
    # 第十三条（三）: every sector
    Certified("CITY-13-3", "第十三条（三）", min_years=3, scope=INTERNATIONAL),
    ExcellenceModel("CITY-13-3", "第十三条（三）", min_years=2),
    # 第十三条（四）
    Attested(
        "CITY-13-4",
        "第十三条（四）",
        "industry_leading",
        "主要经济、技术、安全和质量等指标位于同行业领先地位",
        for_profit_only=True,
    ),
    SafetyStandardization("CITY-13-4", "第十三条（四）", worst_level=3),
    ProfitableYears("CITY-13-4", "第十三条（四）", years=2),
    Attested(
        "CITY-13-4",
        "第十三条（四）",
        "social_contribution",
        "从事非赢利性业务的组织，其社会贡献位于同行业前列",
        nonprofit_only=True,
    ),
    # 第十三条（六）: within 3 years
    NoEvents(
        "CITY-13-6",
        "第十三条（六）",
        (
            # "在质量、环境污染、公共卫生及食品安全等方面，无生产安全亡人责任事故": a fatal liability
            # accident in any of these fields or in production safety (docs/interpretations.md)
            AccidentTest(frozenset(C), fatal=True),
            ComplaintTest(major=True),
            DisputeTest(),
            SpotCheckTest(frozenset({Level.national, Level.provincial})),  # 国家或省
            DishonestyTest(frozenset({D.labor}), min_severity=Severity.larger),
            DishonestyTest(frozenset({D.statistics}), min_severity=Severity.serious),
            DishonestyTest(frozenset({D.tax}), min_severity=Severity.major),
            ViolationTest(),  # 其他违法违规不良记录
        ),
    ),
    # 第二十七条: 质量奖 winners wait two cycles; 提名奖 winners may keep applying
    RepeatGap("CITY-27", "第二十七条", REPEAT),
)

MANUFACTURING = CategoryCap("制造业", frozenset({Sector.manufacturing}), 3)
OTHERS = CategoryCap(
    "服务业（含医疗、教育）、工程等", frozenset(Sector) - {Sector.manufacturing}, 2
)

QUOTA = QuotaPolicy(
    "CITY-6",
    "第六条",
    cycle_years=2,
    tiers=(
        TierPlaces(Tier.quality, places=5, caps=(MANUFACTURING, OTHERS)),
        TierPlaces(Tier.nomination, places=5, caps=(MANUFACTURING, OTHERS)),
    ),
    vacancy_allowed=True,
)

SCORING = ScoringScheme(
    "CITY-4",
    "第四条",
    standard="GB/T 19580",
    covers_years=3,
    preferences=(
        # 第十五条 only: 第十四条 merely encourages applications (no ranking effect)
        PreferenceRule(
            "CITY-15",
            "第十五条",
            frozenset({Preference.leading_enterprise}),
            "主导产业质量水平高、品牌影响力大、核心竞争力强的龙头企业、优势企业，在评审中予以重点支持和倾斜",
        ),
    ),
)

REWARD = RewardSchedule(
    "CITY-8",
    "第八条",
    prizes=(
        Prize(
            "CITY-27",
            "第二十七条",
            Tier.quality,
            0,
            PrizeWhen.repeat,
            "再次获奖只授予证书和荣誉称号，不再给予奖金，且不占当年授奖名额",
        ),
        Prize(
            "CITY-8",
            "第八条",
            Tier.quality,
            500_000,
            PrizeWhen.first_time,
            "首次获得市长质量奖奖励50万元",
        ),
        Prize(
            "CITY-8",
            "第八条",
            Tier.nomination,
            0,
            PrizeWhen.any,
            "提名奖颁发奖牌（奖杯）证书，无奖金",
        ),
    ),
    honours="奖牌（奖杯）证书",
)

VALIDITY = ValidityTerms(
    "CITY-23",
    "第二十三条",
    years=3,
    title_use="宣传中使用须注明获奖年度；不得用于产品宣传，不得在产品或包装上标注",
    obligations=(
        Obligation(
            "CITY-25",
            "第二十五条",
            "获奖当年将本组织追求卓越、提升管理的做法进行总结并宣传推广",
            Due.grant_year,
        ),
        Obligation(
            "CITY-25",
            "第二十五条",
            "有效期内至少配合举办一次经验交流等活动，配合开展相关质量公益专题宣传活动",
            Due.during_validity,
        ),
        Obligation("CITY-24", "第二十四条", "每年向市领导小组办公室提交质量绩效报告", Due.yearly),
        Obligation("CITY-24", "第二十四条", "有效期内至少接受一次复核评估", Due.during_validity),
        Obligation(
            "CITY-26",
            "第二十六条",
            "奖金专款用于宣传、质量改进、攻关、培训、检验和研发设施及申报井冈质量奖、中国质量奖，配合检查",
            Due.during_validity,
        ),
    ),
    repeat=REPEAT,
)

BANNED_AWARDS = (ID, "jiangxi_jinggang", "china_quality_award")

SANCTIONS = (
    SanctionTerm(
        "CITY-28",
        "第二十八条",
        SanctionReason.fraud,
        "申报组织或推荐组织弄虚作假，采取不正当手段骗取市长质量奖或提名奖荣誉",
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
        "CITY-30",
        "第三十条",
        SanctionReason.revocation,
        "有效期内：较大及以上质量、安全、环境污染、公共卫生、食品安全等责任事故；重大质量问题被查处或投诉属实；"
        "连续2年严重经营性亏损；重大纳税失信或其他严重违法违规；其他违反市长质量奖宗旨的重大事项",
        events=(
            AccidentTest(frozenset(C), min_grade=Grade.larger),
            QualityProblemTest(),
            OperatingLossTest(min_years=2),
            DishonestyTest(frozenset({D.tax}), min_severity=Severity.major),
            ViolationTest(serious=True),
        ),
        revoke=True,
        clawback=False,
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
