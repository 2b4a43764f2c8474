"""红旗区区长质量奖管理办法, 红政〔2022〕76号 (新乡市红旗区, 河南省), article by article."""

import datetime as dt

from qaward.events import (
    AccidentTest,
    DishonestyTest,
    ExportNoticeTest,
    FraudTest,
    MisuseTest,
    ServiceProblemTest,
    SpotCheckTest,
    ViolationTest,
)
from qaward.model import AccidentCategory as C
from qaward.model import ExportOutcome, Grade, Level, SanctionReason, Severity, Tier
from qaward.plugin import JurisdictionPlugin
from qaward.rules import (
    Attested,
    Certified,
    ExcellenceModel,
    NoCumulativeLoss,
    NoEvents,
    NoSanctionWithin,
    Registered,
    RepeatGap,
    YearsOfOperation,
)
from qaward.standards import QUALITY_SYSTEMS
from qaward.terms import (
    Clause,
    Due,
    HigherAwardBonus,
    Jurisdiction,
    Obligation,
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
    VoteRule,
)
from qaward.terms import Disposition as Dp

ID = "hongqi"
DOC = "红政〔2022〕76号"

CLAUSES = (
    Clause("HQ-4", "第四条", "quota", "每两年评定一次，每次不超过3家，可以空缺"),
    Clause(
        "HQ-8",
        "第八条",
        "proc",
        "从专家库随机选聘3至5名专家组成评审组，评审员签订《个人信用承诺书》",
        Dp.out_of_scope,
        "评审组组成属程序事项，本程序不管理评审专家",
    ),
    Clause(
        "HQ-9",
        "第九条",
        "proc",
        "评审员须本科以上或高级职称、8年以上质量工作经历、受过体系审核员培训",
        Dp.out_of_scope,
        "评审员资格属程序事项，本程序不管理评审专家",
    ),
    Clause("HQ-10-1", "第十条（一）", "elig", "在本区行政区域内登记注册，合法经营3年以上"),
    Clause(
        "HQ-10-2",
        "第十条（二）",
        "elig",
        "质量管理体系健全，实施卓越绩效管理模式并有效运行",
    ),
    Clause("HQ-10-3", "第十条（三）", "attest", "主要指标上年度位于全区行业领先地位"),
    Clause(
        "HQ-10-4",
        "第十条（四）",
        "elig",
        "法定代表人签订《企业信用承诺书》，三年内无严重失信行为",
    ),
    Clause(
        "HQ-10-5",
        "第十条（五）",
        "elig",
        "连续三年未发生重大的质量、安全、环境污染、公共卫生等事故",
    ),
    Clause(
        "HQ-10-6",
        "第十条（六）",
        "proc",
        "鼓励专精特新中小企业申报：不影响排名",
        Dp.out_of_scope,
        "鼓励申报条款，不设评审倾斜，对排名没有影响（见 docs/interpretations.md）",
    ),
    Clause(
        "HQ-11",
        "第十一条（一）至（八）",
        "elig",
        "不符合政策、缺资质证照、近3年责任事故、抽查不合格或出口索赔退货或严重服务质量问题、累计亏损、"
        "本奖弄虚作假、其他严重违法、企业及法人严重失信者不得申报",
    ),
    Clause("HQ-12", "第十二条", "score", "评审依据GB/T 19580和GB/Z 19579"),
    Clause(
        "HQ-15",
        "第十五条",
        "proc",
        "资格审查与信用核查后直接进入现场评审",
        Dp.out_of_scope,
        "评审程序；资格条件本身由第十条、第十一条的规则判定",
    ),
    Clause(
        "HQ-17",
        "第十七条",
        "quota",
        "评委会无记名投票，得票数应超过投票人数的三分之二（含三分之二）",
    ),
    Clause(
        "HQ-18",
        "第十八条",
        "proc",
        "公示不少于5个工作日，经区政府常务会议研究审定",
    ),
    Clause("HQ-19", "第十九条", "reward", "每个获奖单位奖金5万元，颁发奖杯、证书"),
    Clause(
        "HQ-20",
        "第二十条",
        "reward, cross",
        "获市长、省长、中国质量奖的单位给予适当奖励；专项信贷产品，优先入驻省信易贷平台白名单",
    ),
    Clause(
        "HQ-22",
        "第二十二条",
        "sanct",
        "奖励资金使用不当的通报批评，情节严重的追缴奖金",
    ),
    Clause(
        "HQ-24",
        "第二十四条",
        "valid",
        "宣传须注明获奖时间，不得用于产品、服务标识或质量宣传，不得出售、出租证书及奖杯",
    ),
    Clause(
        "HQ-25",
        "第二十五条",
        "sanct",
        "弄虚作假：撤销、追回证书奖杯奖金、公告，6年内不予受理申报；"
        "有效期内重大事故、严重违法失信：撤销、追回证书奖杯、公告",
    ),
    Clause(
        "HQ-27",
        "第二十七条",
        "proc",
        "与申报单位有利害关系的评审人员应当回避",
        Dp.out_of_scope,
        "回避属评审纪律，本程序不管理评审人员",
    ),
    Clause(
        "HQ-28",
        "第二十八条",
        "valid, elig, reward, quota",
        "有效期4年；期满后可再次申请，再次获奖授予证书，不授予奖金，不占名额",
    ),
    Clause(
        "HQ-30",
        "第三十条",
        "meta",
        "自发布之日（2022年7月25日）起施行，红政〔2015〕1号同时废止",
    ),
)

REGULATION = Regulation(
    clause="HQ-30",
    article="第三十条",
    document=DOC,
    title="红旗区区长质量奖管理办法",
    status=Status.in_force,
    effective_from=dt.date(2022, 7, 25),
    repeals="红政〔2015〕1号",
    # 第十八条 "不少于5个工作日": working days on the State Council schedule
    publicity=Publicity("HQ-18", "第十八条", days=5, working_days=True, at_least=True),
    approval="区政府常务会议研究审定，由红旗区人民政府发文公告（第十八条）",
    clauses=CLAUSES,
)

JURISDICTION = Jurisdiction(
    id=ID,
    name="新乡市红旗区",
    award_name="红旗区区长质量奖",
    level=Level.county,
    parent="xinxiang_mayor",
    division_code="410702",
    regulations=(REGULATION,),
    tier_names={Tier.quality: "区长质量奖"},
    province="河南省",
)

REPEAT = RepeatTerms(
    "HQ-28",
    "第二十八条",
    after_validity=True,
    tiers=frozenset({Tier.quality}),
    money=False,
    takes_place=False,
)

# Unqualified "安全" covers production and food safety; "等" closes the list with the same kinds.
ALL_CATEGORIES = frozenset(C)

ELIGIBILITY = (
    # 第十条（一）: no legal-person requirement in this text
    Registered("HQ-10-1", "第十条（一）", "依法在红旗区行政区域内登记注册"),
    YearsOfOperation("HQ-10-1", "第十条（一）", min_years=3),
    # 第十条（二）"质量管理体系健全": any QMS certificate (GB/T 19001 or a sector QMS such as
    # IATF 16949, ISO 13485, AS9100, GB/T 50430) proves it; without one, the reviewer attests it
    Certified(
        "HQ-10-2",
        "第十条（二）",
        min_years=0,
        scope=QUALITY_SYSTEMS,
        attestation="quality_system_sound",
        attested_text="质量管理体系健全",
    ),
    ExcellenceModel("HQ-10-2", "第十条（二）", min_years=0),
    # 第十条（三）
    Attested(
        "HQ-10-3",
        "第十条（三）",
        "industry_leading",
        "质量水平、创新能力、经营收入、利润总额或总资产贡献率等指标上年度位于全区行业领先地位",
        for_profit_only=True,
    ),
    Attested(
        "HQ-10-3",
        "第十条（三）",
        "social_contribution",
        "从事非盈利性业务活动的，其社会贡献位于全区行业前列",
        nonprofit_only=True,
    ),
    # 第十条（四）
    Attested(
        "HQ-10-4",
        "第十条（四）",
        "credit_commitment_signed",
        "法定代表人签订《企业信用承诺书》",
    ),
    NoEvents("HQ-10-4", "第十条（四）", (DishonestyTest(min_severity=Severity.serious),)),
    # 第十条（五）: "事故", not "责任事故": liability is not required
    NoEvents(
        "HQ-10-5",
        "第十条（五）",
        (AccidentTest(ALL_CATEGORIES, min_grade=Grade.major, liable=False),),
    ),
    # 第十一条: 凡有下列情况之一者，不得申报 — one rule per item
    Attested(
        "HQ-11",
        "第十一条（一）",
        "policy_compliant",
        "符合国家产业、质量、安全、环保等法律法规及政策要求",
    ),
    Attested("HQ-11", "第十一条（二）", "licences_complete", "已取得应当取得的相关资质、证照"),
    NoEvents(
        "HQ-11",
        "第十一条（三）",
        (AccidentTest(ALL_CATEGORIES),),  # 质量、安全、环保等责任事故, any grade
    ),
    NoEvents(
        "HQ-11",
        "第十一条（四）",
        (
            SpotCheckTest(frozenset({Level.national, Level.provincial, Level.municipal})),
            # "出口产品因质量问题而导致国外索赔、退货": a foreign notice alone is not enough
            ExportNoticeTest(frozenset({ExportOutcome.claim, ExportOutcome.return_})),
            ServiceProblemTest(),
        ),
    ),
    NoCumulativeLoss("HQ-11", "第十一条（五）", years=3),
    NoSanctionWithin("HQ-11", "第十一条（六）", SanctionReason.fraud, within_years=3),
    NoEvents("HQ-11", "第十一条（七）", (ViolationTest(serious=True),)),
    # 企业及法人: every category, including the legal representative's own record
    NoEvents("HQ-11", "第十一条（八）", (DishonestyTest(min_severity=Severity.serious),)),
    # 第二十八条: 有效期满后可再次申请
    RepeatGap("HQ-28", "第二十八条", REPEAT),
)

QUOTA = QuotaPolicy(
    "HQ-4",
    "第四条",
    cycle_years=2,
    tiers=(TierPlaces(Tier.quality, places=3),),
    vacancy_allowed=True,
    vote=VoteRule("HQ-17", "第十七条", 2, 3),  # 超过投票人数的三分之二（含三分之二）
)

SCORING = ScoringScheme(
    "HQ-12",
    "第十二条",
    standard="GB/T 19580、GB/Z 19579",
    covers_years=None,  # the text fixes no assessment period
    # 第十条（六） only encourages 专精特新 SMEs to apply: no review preference, no ranking effect
)

# 第二十条: the text rewards these higher awards "适当" — no amount is fixed.
BONUSES = tuple(
    HigherAwardBonus("HQ-20", "第二十条", award, None, None, f"获得{name}的单位给予适当奖励")
    for award, name in (
        ("xinxiang_mayor", "市长质量奖"),
        ("henan_governor", "省长质量奖"),
        ("china_quality_award", "中国质量奖"),
    )
)

REWARD = RewardSchedule(
    "HQ-19",
    "第十九条",
    prizes=(
        Prize(
            "HQ-28",
            "第二十八条",
            Tier.quality,
            0,
            PrizeWhen.repeat,
            "再次获得该奖的，授予证书，不授予奖金，不占当年奖项名额",
        ),
        Prize("HQ-19", "第十九条", Tier.quality, 50_000, PrizeWhen.any, "每个获奖单位5万元"),
    ),
    honours="奖杯、证书；优先入驻省信易贷平台并完成白名单认证（第二十条）",
    bonuses=BONUSES,
)

VALIDITY = ValidityTerms(
    "HQ-28",
    "第二十八条",
    years=4,
    title_use="宣传须注明获奖时间；不得用于产品、服务的标识或质量宣传",
    obligations=(
        Obligation(
            "HQ-24",
            "第二十四条",
            "不得出售、出租证书及奖杯，或者将其用于其他营利性活动",
            Due.during_validity,
        ),
    ),
    repeat=REPEAT,
)

SANCTIONS = (
    SanctionTerm(
        "HQ-25",
        "第二十五条",
        SanctionReason.fraud,
        "提供虚假材料，以欺骗、贿赂等不正当手段骗取区长质量奖称号",
        events=(FraudTest(),),
        revoke=True,
        clawback=True,
        notice=True,
        ban_years=6,  # 6年内不予受理其申报: this award only
        ban_awards=(ID,),
        ban_words="不予受理其{awards}申报",
        window="any",
    ),
    SanctionTerm(
        "HQ-25",
        "第二十五条",
        SanctionReason.revocation,
        "有效期内发生重大质量、安全、环保等事故，或者存在严重违法、严重失信行为和违规情形，"
        "以及违反本办法有关规定",
        events=(
            AccidentTest(ALL_CATEGORIES, min_grade=Grade.major, liable=False),
            ViolationTest(serious=True),
            DishonestyTest(min_severity=Severity.serious),
        ),
        revoke=True,
        clawback=False,  # 追回证书、奖杯: the money is not recovered
        notice=True,
        ban_years=None,  # the text sets no ban
        window="validity",
        extra="追回已授予的证书、奖杯",
        proposal=True,  # "评审办可提请区政府批准撤销": the district government decides
        decided_by="区政府",
    ),
    # 第二十二条: 使用不当 → 通报批评; 情节严重的 → also 追缴奖金 (报区政府批准)
    SanctionTerm(
        "HQ-22",
        "第二十二条",
        SanctionReason.misuse,
        "奖励资金使用不当，情节严重",
        events=(MisuseTest(serious=True),),
        revoke=False,
        clawback=True,
        notice=False,
        criticism=True,
        window="any",
        extra="追缴奖金须报区政府批准",
    ),
    SanctionTerm(
        "HQ-22",
        "第二十二条",
        SanctionReason.misuse,
        "奖励资金使用不当",
        events=(MisuseTest(),),
        revoke=False,
        clawback=False,
        notice=False,
        criticism=True,
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
