"""Every enumeration's Chinese label, in one place.

Tables, CSV, Excel, the HTML report and input aliases (制造业 → manufacturing) all read this
module, so they cannot disagree. Dictionaries are keyed by the enumeration's *value*: the
enumerations are ``StrEnum`` s, whose members hash and compare as their values, so
``TIER[Tier.quality]`` and ``TIER["quality"]`` are the same entry. Nothing here imports the
rest of qaward, so any module can use it.
"""

from __future__ import annotations

from typing import Any

SECTOR = {
    "manufacturing": "制造业",
    "service": "服务业",
    "medical": "医疗",
    "education": "教育",
    "engineering": "工程",
    "agriculture": "农业",
    "environmental": "环境保护",
    "other": "其他",
}
ENTITY_TYPE = {
    "enterprise": "企业",
    "public_institution": "事业单位",
    "social_organization": "社会团体、民办非企业单位",
    "other": "其他",
}
EXPORT_OUTCOME = {"notice": "通报", "claim": "索赔", "return": "退货"}
COMMITTEE_VERDICT = {"award": "授奖", "not_award": "不授奖"}
TIER = {"quality": "质量奖", "nomination": "提名奖", "innovation": "质量管理创新奖"}
# Narrow cells (compare): the same tiers abbreviated as the regulations do in running text.
TIER_SHORT = {"quality": "质量奖", "nomination": "提名奖", "innovation": "创新奖"}
PREFERENCE = {
    "key_industry_chain": "重点产业链企业",
    "sme_innovative": "创新型中小企业",
    "digital_economy": "数字经济企业",
    "leading_enterprise": "行业龙头企业",
    "specialized_sme": "专精特新中小企业",
    "pinzi_brand": "“品字标”品牌企业",
    "patent_demo": "省专利示范企业",
    "high_tech": "国家高新技术企业",
}
ACCIDENT_CATEGORY = {
    "quality": "质量",
    "production_safety": "生产安全",
    "environment": "环境污染",
    "public_health": "公共卫生",
    "food_safety": "食品安全",
}
GRADE = {"general": "一般", "larger": "较大", "major": "重大", "especially_major": "特别重大"}
LEVEL = {"national": "国家", "provincial": "省级", "municipal": "市级", "county": "县级"}
SEVERITY = {"general": "一般", "larger": "较大", "serious": "严重", "major": "重大"}
DISHONESTY_CATEGORY = {
    "labor": "劳动保障",
    "tax": "纳税",
    "statistics": "统计（虚报、瞒报）",
    "legal_representative": "法定代表人",
    "other": "其他",
}
SANCTION_REASON = {
    "fraud": "弄虚作假",
    "revocation": "获奖后发生撤销情形",
    "misuse": "奖金挪作他用",
}
EVENT_KIND = {
    "accident": "事故",
    "spot_check_failure": "监督抽查不合格",
    "dishonesty": "失信",
    "complaint": "质量投诉",
    "quality_dispute": "质量异议、索赔或退货",
    "export_notice": "出口产品被国外通报、索赔或退货",
    "violation": "违法违规",
    "quality_problem": "重大质量问题",
    "service_quality_problem": "服务质量问题",
    "fraud": "弄虚作假",
    "operating_loss": "严重经营性亏损",
    "misuse_of_funds": "奖金使用违规",
}
CHECK_STATUS = {"eligible": "符合", "ineligible": "不符合", "undetermined": "待定"}
REGULATION_STATUS = {
    "in_force": "现行有效",
    "trial": "试行",
    "draft": "征求意见稿",
    "repealed": "已废止",
}
DISPOSITION = {
    "encoded": "已编码",
    "attested": "人工确认",
    "out-of-scope": "不属程序判断",
    "not yet": "尚未编码",
}
PRIZE_WHEN = {
    "first_time": "",  # the plain prize: no suffix
    "repeat": "（再获）",
    "any": "",
    "holder_of_innovation": "（创新奖获得者再获）",
}
DUE = {
    "within_years": "获奖后限期内一次",
    "yearly": "有效期内每年",
    "during_validity": "有效期内至少一次",
    "grant_year": "获奖当年",
}
OUTCOME = {"winner": "获奖", "not_selected": "未入选", "tied": "并列待定"}
VERDICT = {
    "sanction": "予以处理",
    "no_sanction": "不予处理",
    "undetermined": "待定",
    "may_propose": "可提请决定",
}
AWARD_STATUS = {
    "valid": "有效",
    "expired": "已期满",
    "revoked": "已撤销",
    "unknown": "有效期未知",
    "granted_later": "晚于查询日授予",
}

# enumeration (module.Class under qaward) → its labels; input aliases and the completeness test
BY_ENUM: dict[str, dict[str, str]] = {
    "model.Sector": SECTOR,
    "model.Tier": TIER,
    "model.EntityType": ENTITY_TYPE,
    "model.ExportOutcome": EXPORT_OUTCOME,
    "model.CommitteeVerdict": COMMITTEE_VERDICT,
    "model.Preference": PREFERENCE,
    "model.AccidentCategory": ACCIDENT_CATEGORY,
    "model.Grade": GRADE,
    "model.Level": LEVEL,
    "model.DishonestyCategory": DISHONESTY_CATEGORY,
    "model.Severity": SEVERITY,
    "model.SanctionReason": SANCTION_REASON,
    "engine.Status": CHECK_STATUS,
    "terms.Status": REGULATION_STATUS,
    "terms.Disposition": DISPOSITION,
    "terms.PrizeWhen": PRIZE_WHEN,
    "terms.Due": DUE,
    "cycle.selection.Outcome": OUTCOME,
    "sanction.Verdict": VERDICT,
}
# Other words people write for a value (beyond its label); only where they name exactly one.
EXTRA_ALIASES: dict[str, dict[str, str]] = {
    "model.Tier": {"创新奖": "innovation", "质量管理创新奖": "innovation"},
    "model.Level": {"国家级": "national", "省": "provincial", "市": "municipal", "县": "county"},
    "model.Sector": {"医疗卫生": "medical", "环保": "environmental"},
}

# Result marks, with the ASCII fallback for consoles that cannot encode them (GBK, cp437 ...).
MARK = {True: "✓ 符合", False: "✗ 不符合", None: "? 待定"}
ASCII_MARKS = {"✓": "v", "✗": "x", "⚠": "!", "→": "->", "—": "-", "≤": "<=", "≥": ">="}


def enum_key(enum_type: type) -> str:
    return f"{enum_type.__module__.removeprefix('qaward.')}.{enum_type.__qualname__}"


def labels_of(enum_type: type) -> dict[str, str]:
    return BY_ENUM[enum_key(enum_type)]


def label(value: Any, lang: str = "zh") -> str:
    """A member's label (``lang="en"``: its value); '' for None."""
    if value is None:
        return ""
    if lang == "en":
        return str(value)
    return labels_of(type(value)).get(value, str(value))


def alias(enum_type: type, text: str) -> str | None:
    """The value a Chinese word names for this enumeration, if exactly one; else None."""
    key = enum_key(enum_type)
    found: dict[str, set[str]] = {}
    for value, zh in BY_ENUM.get(key, {}).items():
        found.setdefault(zh.strip("（）“”"), set()).add(value)
    for word, value in EXTRA_ALIASES.get(key, {}).items():
        found.setdefault(word, set()).add(value)
    values = found.get(text.strip(), set())
    return next(iter(values)) if len(values) == 1 else None


# Column headers of CSV and Excel output: key → (中文, English).
COLUMNS: dict[str, tuple[str, str]] = {
    "no": ("序号", "No."),
    "credit_code": ("统一社会信用代码", "credit code"),
    "name": ("组织名称", "name"),
    "tier": ("奖项", "tier"),
    "status": ("结论", "status"),
    "score": ("总分", "score"),
    "rank": ("名次", "rank"),
    "outcome": ("结果", "outcome"),
    "counts_against_quota": ("占名额", "counts against quota"),
    "yuan": ("奖金（元）", "prize (yuan)"),
    "valid_from": ("有效期自", "valid from"),
    "valid_last_day": ("有效期至（含）", "valid through"),
    "clause": ("条款", "clause"),
    "citation": ("依据", "citation"),
    "reasons": ("理由", "reasons"),
    "jurisdiction": ("管辖区", "jurisdiction"),
    "award": ("奖项名称", "award"),
    "document": ("文件", "document"),
    "result": ("结果", "result"),
    "message": ("说明", "message"),
    "term": ("事项", "term"),
    "article": ("条文", "article"),
    "encoded_by": ("编码 / 理由", "encoded by / reason"),
    "tests": ("测试数", "tests"),
    "summary": ("内容", "summary"),
    "level": ("级别", "level"),
    "parent": ("上级", "parent"),
    "division_code": ("区划代码", "division code"),
    "effective_from": ("施行", "effective from"),
    "plugin": ("插件", "plugin"),
    "kind": ("类别", "kind"),
    "year": ("年度", "year"),
    "detail": ("内容", "detail"),
    "date": ("日期", "date"),
    "until": ("至", "until"),
    "granted_on": ("授奖日", "granted on"),
    "valid_until": ("有效期至", "valid until"),
}


def header(key: str, lang: str = "zh") -> str:
    zh, en = COLUMNS[key]
    return en if lang == "en" else zh
