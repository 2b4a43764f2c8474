"""Management-system standards (管理体系标准): one table that every certificate rule asks.

Each standard has its canonical name, the identical national adoptions that name the same
requirements (GB/T 19001 = ISO 9001 …), its family (quality, environment, …), whether it is
"国际通行" (an ISO/IEC management-system standard, its identical adoption, or an international
sector scheme such as IATF 16949 and AS9100) and whether it is a sector quality-management system.
Chinese-only schemes (GB/T 23001 两化融合, GB/T 50430, GB/T 27925, GB/T 27341 HACCP, GJB 9001) are
management systems but not international ones.

Names are compared without edition: "ISO 9001:2015", "GB/T 19001-2016" and "GB/T19001" are all
ISO 9001. A standard the table does not know is not guessed: :meth:`StandardScope.judge` says so
and the rule is undetermined, so the reviewer can decide or the table can grow.

Rules say what they accept with a :class:`StandardScope` (data, so ``compare`` and a columnar
engine read it as well): the city's and 经开区's "国际通行管理体系" (:data:`INTERNATIONAL`), 会昌's
"质量管理体系认证或其他相关管理体系认证" (:data:`ANY_MANAGEMENT_SYSTEM`), 红旗's "质量管理体系"
(:data:`QUALITY_SYSTEMS`).
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from attrs import frozen

from qaward.declare import declaration


class Family(StrEnum):
    quality = "quality"  # 质量
    environment = "environment"  # 环境
    safety = "safety"  # 职业健康安全
    energy = "energy"  # 能源
    food_safety = "food_safety"  # 食品安全（含 HACCP）
    information_security = "information_security"  # 信息安全
    measurement = "measurement"  # 测量（计量）
    service = "service"  # 服务
    informatization = "informatization"  # 两化融合


FAMILY_ZH = {
    Family.quality: "质量管理体系",
    Family.environment: "环境管理体系",
    Family.safety: "职业健康安全管理体系",
    Family.energy: "能源管理体系",
    Family.food_safety: "食品安全管理体系",
    Family.information_security: "信息安全管理体系",
    Family.measurement: "测量管理体系",
    Family.service: "服务管理体系",
    Family.informatization: "两化融合管理体系",
}


@frozen
class Standard:
    name: str  # canonical, without edition
    family: Family
    international: bool
    adoptions: tuple[str, ...] = ()  # identical national adoptions (same requirements)
    sector: str = ""  # a sector QMS: the sector it serves
    title: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.adoptions)


STANDARDS: tuple[Standard, ...] = (
    Standard("ISO 9001", Family.quality, True, ("GB/T 19001",), title="质量管理体系"),
    Standard("IATF 16949", Family.quality, True, (), "汽车", "汽车生产件质量管理体系"),
    Standard("ISO 13485", Family.quality, True, ("YY/T 0287",), "医疗器械", "医疗器械质量管理体系"),
    Standard("AS9100", Family.quality, True, ("EN 9100",), "航空航天", "航空航天质量管理体系"),
    Standard("ISO/TS 22163", Family.quality, True, (), "轨道交通", "铁路行业质量管理体系"),
    Standard("API Q1", Family.quality, True, (), "石油天然气", "石油天然气行业质量管理体系"),
    Standard("GB/T 50430", Family.quality, False, (), "工程建设", "工程建设施工企业质量管理规范"),
    Standard("GJB 9001", Family.quality, False, (), "军工", "质量管理体系要求（军用）"),
    Standard("ISO 14001", Family.environment, True, ("GB/T 24001",), title="环境管理体系"),
    Standard("ISO 45001", Family.safety, True, ("GB/T 45001",), title="职业健康安全管理体系"),
    Standard("OHSAS 18001", Family.safety, True, ("GB/T 28001",), title="职业健康安全管理体系"),
    Standard("ISO 50001", Family.energy, True, ("GB/T 23331",), title="能源管理体系"),
    Standard("ISO 22000", Family.food_safety, True, ("GB/T 22000",), title="食品安全管理体系"),
    Standard("HACCP", Family.food_safety, False, ("GB/T 27341",), title="危害分析与关键控制点体系"),
    Standard(
        "ISO/IEC 27001",
        Family.information_security,
        True,
        ("GB/T 22080", "ISO 27001"),
        title="信息安全管理体系",
    ),
    Standard("ISO 10012", Family.measurement, True, ("GB/T 19022",), title="测量管理体系"),
    Standard(
        "ISO/IEC 20000-1",
        Family.service,
        True,
        ("GB/T 24405.1", "ISO 20000-1"),
        title="信息技术服务管理体系",
    ),
    Standard("GB/T 27925", Family.service, False, (), title="商品售后服务评价体系"),
    Standard("GB/T 23001", Family.informatization, False, (), title="信息化和工业化融合管理体系"),
)

_EDITION = re.compile(r"(?::\s*\d{4}|-(?:19|20)\d{2}|\s*\(\d{4}\))$")
_REVISION = re.compile(r"^(AS\s?9100)[A-D]$")


@lru_cache(maxsize=4096)  # every check judges each certificate a few times; names repeat
def normalize(name: str) -> str:
    """The name without edition, spacing or case differences: 'GB/T19001-2016' -> 'GB/T 19001'."""
    s = re.sub(r"\s+", " ", name.strip().upper().replace("／", "/").replace("：", ":"))
    s = _EDITION.sub("", s).strip()
    s = _REVISION.sub(r"\1", s)
    # a space between the scheme and the number: GB/T19001 -> GB/T 19001, AS 9100 -> AS9100
    s = re.sub(r"^(GB/T|GB/Z|GB|YY/T|GJB|ISO/IEC|ISO/TS|ISO|IATF|EN|API)\s?(?=[0-9Q])", r"\1 ", s)
    return s.replace("AS 9100", "AS9100")


_BY_NAME: dict[str, Standard] = {normalize(n): s for s in STANDARDS for n in s.names}


def lookup(name: str) -> Standard | None:
    """The table's entry for a certificate's standard, or None for a standard it does not know."""
    return _BY_NAME.get(normalize(name))


@declaration  # plugins build these: fields checked like every declaration
class StandardScope:
    """Which certificates a clause accepts: ``international`` only, ``families`` only (None: any)."""

    text: str
    international: bool = False
    families: frozenset[Family] | None = None

    def accepts(self, standard: Standard) -> bool:
        if self.international and not standard.international:
            return False
        return self.families is None or standard.family in self.families

    def accepted_names(self) -> frozenset[str]:
        """Every normalised name this scope accepts (for engines that match names in bulk)."""
        return frozenset(n for n, s in _BY_NAME.items() if self.accepts(s))

    def judge(self, name: str) -> tuple[bool | None, str]:
        """Whether a certificate of ``name`` counts, with the reason in a reviewer's words."""
        std = lookup(name)
        if std is None:
            return None, f"{name}不在管理体系标准表中，无法判断是否属于{self.text}"
        label = std.name if normalize(name) == std.name else f"{name}（即{std.name}）"
        if self.accepts(std):
            return True, f"{label}属于{self.text}"
        kind = FAMILY_ZH[std.family] + (f"（{std.sector}）" if std.sector else "")
        why = "，非国际通行" if self.international and not std.international else ""
        return False, f"{label}为{kind}{why}，不属于{self.text}"


INTERNATIONAL = StandardScope("GB/T 19001或其他国际通行管理体系认证", international=True)
ANY_MANAGEMENT_SYSTEM = StandardScope("质量管理体系认证或其他相关管理体系认证")
QUALITY_SYSTEMS = StandardScope(
    "质量管理体系认证（GB/T 19001及行业质量管理体系）", families=frozenset({Family.quality})
)
