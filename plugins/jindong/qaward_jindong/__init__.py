"""金华市金东区人民政府质量奖评审管理办法（2022年修订）（征求意见稿）, article by article.

An unnumbered draft: its title stands in for the 文号 as ``document``.
"""

from qaward.events import (
    AccidentTest,
    ComplaintTest,
    DishonestyTest,
    FraudTest,
    SpotCheckTest,
    ViolationTest,
)
from qaward.model import AccidentCategory as C
from qaward.model import Grade, Level, Preference, SanctionReason, Sector, Severity, Tier
from qaward.plugin import JurisdictionPlugin
from qaward.rules import (
    Attested,
    CreditRepair,
    ExcellenceModel,
    LegalPerson,
    NoEvents,
    NoSanctionWithin,
    OpenToAll,
    RecommendationRequired,
    Registered,
    TaxPerMu,
    YearsOfOperation,
)
from qaward.terms import (
    Clause,
    HigherAwardBonus,
    Jurisdiction,
    OnsiteCap,
    PreferenceRule,
    Prize,
    PrizeWhen,
    Publicity,
    QuotaPolicy,
    Regulation,
    RewardSchedule,
    SanctionTerm,
    ScoringScheme,
    Status,
    Threshold,
    TierPlaces,
    ValidityTerms,
)
from qaward.terms import Disposition as Dp

ID = "jindong"
DOC = "金华市金东区人民政府质量奖评审管理办法（2022年修订）（征求意见稿）"

CLAUSES = (
    Clause(
        "JD-1-1",
        "一（一）",
        "meta",
        "设“质量奖”（区政府最高质量奖项）和“质量管理创新奖”两个奖项",
        Dp.out_of_scope,
        "奖项设置本身无需判定：两个奖项见管辖区的 tier_names，其名额、分数线、奖金分别由 JD-1-5、JD-4-2、JD-6-1 编码",
    ),
    Clause(
        "JD-1-23",
        "一（二）（三）",
        "elig",
        "授奖对象为从事产品生产（含农产品加工）、工程建设、服务提供、环境保护的组织",
    ),
    Clause("JD-1-4", "一（四）", "elig", "经所在乡镇人民政府、街道办事处推荐"),
    Clause("JD-1-5", "一（五）", "quota", "每年评定一次，质量奖、质量管理创新奖各不超过3个"),
    Clause(
        "JD-1-6",
        "一（六）",
        "proc",
        "鼓励制造业重点细分行业、高新技术产业等龙头骨干企业申报；重点支持新型贸易、信创、枢纽经济、智能制造等新兴产业申报：不影响排名",
        Dp.out_of_scope,
        "鼓励申报条款，不设评审倾斜，对排名没有影响（见 docs/interpretations.md）",
    ),
    Clause(
        "JD-2-4",
        "二（四）",
        "proc",
        "评审员：本科以上学历或高级职称、5年以上质量工作经历；实行回避制",
        Dp.out_of_scope,
        "评审员资格与回避属评审组织程序，本程序不管理评审人员",
    ),
    Clause("JD-3-1", "三（一）", "elig", "在金东区行政区域内具有独立法人资格的一、二、三产业组织"),
    Clause("JD-3-2-1", "三（二）1", "elig", "在金东区行政区域内注册登记并正常经营3年以上"),
    Clause(
        "JD-3-2-2",
        "三（二）2",
        "attest",
        "生产经营符合国家和浙江省有关法律法规、强制性标准和产业政策要求",
    ),
    Clause(
        "JD-3-2-3",
        "三（二）3",
        "elig",
        "实施卓越绩效管理模式并取得显著成效，售后服务体系健全，消费者满意度高",
    ),
    Clause(
        "JD-3-2-4",
        "三（二）4",
        "attest",
        "主要经济指标和社会贡献程度位居全区同行业前列，质量指标达到国内领先或国际先进水平",
    ),
    Clause(
        "JD-3-2-5",
        "三（二）5",
        "score",
        "同等条件下，“品字标”品牌企业、省级以上专利示范企业、国家高新技术企业优先推荐",
    ),
    Clause(
        "JD-3-2-6",
        "三（二）6",
        "attest",
        "切实履行社会责任，依法诚信经营，具有良好的信用记录和社会声誉",
    ),
    Clause(
        "JD-3-2-7",
        "三（二）7",
        "elig",
        "“亩均效益”综合评价结果居同行业前列；工业企业上年度亩均税收20万元（含）以上",
    ),
    Clause(
        "JD-3-3",
        "三（三）",
        "elig",
        "申报前3年内无重大质量、安全、环保、公共卫生等事故及其他严重违法违规和诚信缺失行为；无各级抽查严重不合格；无负有责任的重大投诉",
    ),
    Clause(
        "JD-3-4",
        "三（四）",
        "elig",
        "征信体系中的不良记录经信用修复并经有关部门确认后可不作为否决条件",
    ),
    Clause(
        "JD-4-2",
        "四（二）",
        "score",
        "七个部分，总分1000分；质量奖不低于610分，质量管理创新奖不低于600分",
    ),
    Clause("JD-5-3-2", "五（三）2", "quota", "进入现场评审环节的组织不超过8家"),
    Clause("JD-5-4-2", "五（四）2", "proc", "公示期为7天"),
    Clause(
        "JD-6-1",
        "六（一）",
        "reward",
        "质量奖50万元、质量管理创新奖15万元；获创新奖再获质量奖的35万元；多次获得创新奖不重复兑现奖金",
    ),
    Clause(
        "JD-6-2",
        "六（二）",
        "reward, cross",
        "获金华市人民政府质量奖、创新奖的分别奖励100万元、30万元；获中国质量奖、浙江省人民政府质量奖的按市对区现行财政体制奖励",
    ),
    Clause(
        "JD-7-2",
        "七（二）",
        "sanct",
        "弄虚作假骗取称号：撤销称号，收回奖牌、证书和奖金，依法记入信用档案并予以披露",
    ),
    Clause(
        "JD-7-4",
        "七（四）",
        "valid",
        "可在组织形象宣传中使用称号，须注明获奖年份，不得用于产品宣传",
    ),
    Clause(
        "JD-7-5",
        "七（五）",
        "sanct",
        "获奖组织2年内发生重大质量和安全事故及其他严重违法、违规、违纪行为：撤销称号，收回奖牌、证书和奖金，并予以公告",
    ),
    Clause(
        "JD-8",
        "八",
        "meta",
        "征求意见稿；自公布之日起30日后施行，2021年修订版同时废止",
    ),
)

REGULATION = Regulation(
    clause="JD-8",
    article="八",
    document=DOC,
    title="金华市金东区人民政府质量奖评审管理办法（2022年修订）（征求意见稿）",
    status=Status.draft,
    effective_from=None,  # 自公布之日起30日后施行: not yet published
    repeals="金华市金东区人民政府质量奖评审管理办法（2021年修订）",
    publicity=Publicity("JD-5-4-2", "五（四）2", days=7),
    approval="报区人民政府审定批准（五（四）3）",
    note="公布之日起30日后施行",
    clauses=CLAUSES,
)

JURISDICTION = Jurisdiction(
    id=ID,
    name="金东区",
    award_name="金华市金东区人民政府质量奖",
    level=Level.county,
    parent="jinhua_government",
    division_code="330703",
    regulations=(REGULATION,),
    tier_names={
        Tier.quality: "金华市金东区人民政府质量奖",
        Tier.innovation: "金东区人民政府质量管理创新奖",
    },
    province="浙江省",
)

# 一（二）（三） and 三（一）: 产品生产（含农产品加工）、工程建设、服务提供、环境保护. Agriculture is
# admitted because 三（一） opens both awards to 一、二、三产业组织 and 一（六） encourages 现代农业;
# medical and education organisations provide services. Only "other" lies outside the four fields.
FIELDS = frozenset(Sector) - {Sector.other}

ELIGIBILITY = (
    # 一（二）（三）、三（一）"一、二、三产业组织均可申报": no sector is excluded
    OpenToAll(
        "JD-1-23",
        "一（二）（三）、三（一）",
        "一、二、三产业组织均可申报（三（一）），不限行业",
    ),
    # 一（四）
    RecommendationRequired("JD-1-4", "一（四）", by="所在乡镇人民政府、街道办事处"),
    # 三（一）
    Registered("JD-3-1", "三（一）", "在金东区行政区域内"),
    LegalPerson("JD-3-1", "三（一）", "具有独立法人资格"),
    # 三（二）1: years counted from the start of lawful operation
    YearsOfOperation("JD-3-2-1", "三（二）1", min_years=3),
    # 三（二）2
    Attested(
        "JD-3-2-2",
        "三（二）2",
        "policy_compliant",
        "生产经营符合国家和浙江省有关法律法规、强制性标准和产业政策要求",
    ),
    # 三（二）3: the model in operation (computed) with marked results (attested)
    ExcellenceModel("JD-3-2-3", "三（二）3", min_years=0),
    Attested(
        "JD-3-2-3",
        "三（二）3",
        "excellence_results",
        "实施卓越绩效管理模式取得显著成效，售后服务体系健全，消费者满意度高",
    ),
    # 三（二）4
    Attested(
        "JD-3-2-4",
        "三（二）4",
        "industry_leading",
        "主要经济指标和社会贡献程度位居全区同行业前列，质量指标达到国内领先或国际先进水平",
    ),
    # 三（二）6
    Attested(
        "JD-3-2-6",
        "三（二）6",
        "social_responsibility",
        "切实履行社会责任，依法诚信经营，具有良好的信用记录和社会声誉",
    ),
    # 三（二）7: the ranking is a reviewer's confirmation; the tax floor is computed (含 = >=)
    Attested(
        "JD-3-2-7",
        "三（二）7",
        "industry_leading",
        "“亩均效益”综合评价结果居同行业前列",
    ),
    TaxPerMu("JD-3-2-7", "三（二）7", min_yuan=200_000),
    # 三（三）: within 3 years before applying; accidents of grade 重大 or worse, liability or not;
    # "严重" governs 违法违规 and 诚信缺失 alike; a record repaired and confirmed (三（四）) no longer bars
    NoEvents(
        "JD-3-3",
        "三（三）",
        (
            AccidentTest(frozenset(C), min_grade=Grade.major, liable=False),
            ViolationTest(serious=True),
            DishonestyTest(min_severity=Severity.serious, count_repaired=False),
            SpotCheckTest(serious=True),  # 各级质量安全监督抽查中产品质量严重不合格
            ComplaintTest(major=True, liable=True),
        ),
    ),
    # 七（二）: a fraud sanction of this award is entered in the credit file: serious dishonesty
    # under 三（三）1 for 3 years from its decision
    NoSanctionWithin(
        "JD-3-3",
        "三（三）1、七（二）",
        SanctionReason.fraud,
        within_years=3,
        label="严重诚信缺失（七（二）依法记入信用档案）",
        repair_lifts=True,  # 三（四）: unless the credit record was repaired and confirmed
    ),
    # 三（四）: the exception, cited for each record it lifts
    CreditRepair("JD-3-4", "三（四）", within_years=3, min_severity=Severity.serious),
)

QUOTA = QuotaPolicy(
    "JD-1-5",
    "一（五）",
    cycle_years=1,
    tiers=(TierPlaces(Tier.quality, places=3), TierPlaces(Tier.innovation, places=3)),
    vacancy_allowed=True,  # "不超过3个", and the 610 / 600 floors may leave places empty
    onsite=OnsiteCap("JD-5-3-2", "五（三）2", max=8),
    separate_awards=True,  # 一（一）: 质量奖 and 创新奖 are two awards; one may apply for both
)

SCORING = ScoringScheme(
    "JD-4-2",
    "四（二）",
    standard="GB/T 19580、GB/Z 19579",
    covers_years=None,  # the text names no period of performance
    total=1000,
    thresholds=(
        Threshold("JD-4-2", "四（二）", Tier.quality, min_score=610),
        Threshold("JD-4-2", "四（二）", Tier.innovation, min_score=600),
    ),
    preferences=(
        # 一（六） only encourages applications: no ranking effect
        PreferenceRule(
            "JD-3-2-5",
            "三（二）5",
            frozenset({Preference.pinzi_brand, Preference.patent_demo, Preference.high_tech}),
            "同等条件下，“品字标”品牌企业、省级以上专利示范企业、国家高新技术企业予以优先推荐",
        ),
    ),
)

REWARD = RewardSchedule(
    "JD-6-1",
    "六（一）",
    prizes=(
        # before the first-time prize: an 创新奖 holder's first 质量奖 brings 35万, not 50万
        Prize(
            "JD-6-1",
            "六（一）",
            Tier.quality,
            350_000,
            PrizeWhen.holder_of_innovation,
            "获得“质量管理创新奖”再获“质量奖”的，区政府给予35万元奖励",
        ),
        # any 质量奖 but an 创新奖 holder's first: the text excepts only a repeat 创新奖 from
        # payment, so a second 质量奖 is paid 500,000 again (docs/interpretations.md)
        Prize("JD-6-1", "六（一）", Tier.quality, 500_000, PrizeWhen.any, "质量奖50万元"),
        Prize(
            "JD-6-1",
            "六（一）",
            Tier.innovation,
            0,
            PrizeWhen.repeat,
            "同一组织多次获得“质量管理创新奖”的不重复兑现奖励资金",
        ),
        Prize(
            "JD-6-1",
            "六（一）",
            Tier.innovation,
            150_000,
            PrizeWhen.first_time,
            "质量管理创新奖15万元",
        ),
    ),
    honours="奖牌和证书",
    bonuses=(
        HigherAwardBonus(
            "JD-6-2",
            "六（二）",
            "jinhua_government",
            Tier.quality,
            1_000_000,
            "获得金华市人民政府质量奖的，区政府给予100万元奖励",
        ),
        HigherAwardBonus(
            "JD-6-2",
            "六（二）",
            "jinhua_government",
            Tier.innovation,
            300_000,
            "获得金华市人民政府质量奖创新奖的，区政府给予30万元奖励",
        ),
        HigherAwardBonus(
            "JD-6-2",
            "六（二）",
            "zhejiang_government",
            Tier.quality,
            None,
            "荣获浙江省人民政府质量奖的，按市对区现行财政体制给予奖励",
        ),
        HigherAwardBonus(
            "JD-6-2",
            "六（二）",
            "china_quality_award",
            Tier.quality,
            None,
            "荣获中国质量奖的，按市对区现行财政体制给予奖励",
        ),
    ),
)

VALIDITY = ValidityTerms(
    "JD-7-4",
    "七（四）",
    years=None,
    title_use="可在组织形象宣传中使用“质量奖”“质量管理创新奖”称号，须注明获奖年份，不得用于产品宣传",
    not_stated="文本未设有效期；宣传使用称号只须注明获奖年份",
    repeat_not_stated=(
        "文本未设再次申报间隔，获奖组织可在以后年度再次申报（六（一）“多次获得创新奖”以此为前提）；"
        "再获创新奖不重复兑现奖金，再获质量奖的奖金文本未规定（JD-6-1）"
    ),
)

SANCTIONS = (
    SanctionTerm(
        "JD-7-2",
        "七（二）",
        SanctionReason.fraud,
        "采用不正当手段骗取“质量奖”“质量管理创新奖”称号",
        events=(FraudTest(),),
        revoke=True,
        clawback=True,
        notice=True,  # 予以披露
        ban_years=None,
        window="any",
        extra="收回奖牌、证书和奖金，依法记入信用档案并予以披露",
    ),
    SanctionTerm(
        "JD-7-5",
        "七（五）",
        SanctionReason.revocation,
        "获奖组织2年内发生重大质量和安全事故及其他严重违法、违规、违纪行为",
        events=(
            AccidentTest(
                frozenset({C.quality, C.production_safety, C.food_safety}),
                min_grade=Grade.major,
                liable=False,
            ),
            ViolationTest(serious=True),  # 严重违法、违规、违纪
        ),
        revoke=True,
        clawback=True,
        notice=True,
        ban_years=None,
        window="years_after_grant",
        window_years=2,
        extra="收回奖牌、证书和奖金",
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
