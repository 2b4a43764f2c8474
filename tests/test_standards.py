"""The management-system standards table (qaward.standards) and the certificate clauses that
ask it: KFQ-11-3 and CITY-13-3 (international), HC-13-3 (any related system), HQ-10-2 (QMS)."""

import pytest
from qaward.standards import (
    ANY_MANAGEMENT_SYSTEM,
    INTERNATIONAL,
    QUALITY_SYSTEMS,
    Family,
    lookup,
    normalize,
)
from qaward.testing import Baseline, fails, passes, undetermined

CITY = Baseline("ganzhou_city")
HC = Baseline("360733")


@pytest.mark.parametrize(
    "name, canonical",
    [
        ("ISO 9001:2015", "ISO 9001"),
        ("GB/T 19001-2016", "ISO 9001"),
        ("GB/T19001", "ISO 9001"),
        ("gb/t 19001—2016".replace("—", "-"), "ISO 9001"),
        ("ISO/IEC 27001:2022", "ISO/IEC 27001"),
        ("ISO/IEC 20000-1:2018", "ISO/IEC 20000-1"),  # "-1" is a part, not an edition
        ("AS9100D", "AS9100"),
        ("AS 9100", "AS9100"),
        ("YY/T 0287-2017", "ISO 13485"),
        ("GB/T 27341", "HACCP"),
    ],
)
def test_names_compare_without_edition(name, canonical):
    assert lookup(name).name == canonical, normalize(name)


def test_table_families_and_international():
    assert lookup("GB/T 23001").international is False
    assert lookup("GB/T 50430").family is Family.quality and lookup("GB/T 50430").sector
    assert lookup("HACCP").family is Family.food_safety
    assert lookup("IATF 16949").international and lookup("IATF 16949").sector
    assert lookup("某企业标准") is None


def test_scopes():
    assert INTERNATIONAL.judge("ISO 14001")[0] is True
    assert INTERNATIONAL.judge("GB/T 23001")[0] is False
    assert ANY_MANAGEMENT_SYSTEM.judge("GB/T 27341")[0] is True
    assert QUALITY_SYSTEMS.judge("ISO 14001")[0] is False
    assert QUALITY_SYSTEMS.judge("GB/T 50430")[0] is True
    ok, msg = INTERNATIONAL.judge("SA 8000")
    assert ok is None and "不在管理体系标准表中" in msg
    assert "GB/T 19001" in INTERNATIONAL.accepted_names()


def _cert(std, since="2018-01-01"):
    return [{"standard": std, "since": since}]


@pytest.mark.clause("CITY-13-3")
def test_city_13_3_international_systems_only():
    assert passes(CITY.judge("ganzhou_city", certifications=_cert("ISO/IEC 27001")), "CITY-13-3")
    assert passes(CITY.judge("ganzhou_city", certifications=_cert("GB/T 22080-2016")), "CITY-13-3")
    assert fails(CITY.judge("ganzhou_city", certifications=_cert("GB/T 23001")), "CITY-13-3")
    assert fails(CITY.judge("ganzhou_city", certifications=_cert("GB/T 50430")), "CITY-13-3")
    unknown = CITY.judge("ganzhou_city", certifications=_cert("SA 8000"))
    assert undetermined(unknown, "CITY-13-3")


@pytest.mark.clause("CITY-13-3")
def test_city_13_3_three_years_boundary_and_a_short_known_with_an_old_unknown():
    # as of 2026-09-01: three years are reached on 2026-09-01 by a certificate of 2023-09-01
    assert passes(
        CITY.judge("ganzhou_city", certifications=_cert("ISO 9001", "2023-09-01")), "CITY-13-3"
    )
    assert fails(
        CITY.judge("ganzhou_city", certifications=_cert("ISO 9001", "2023-09-02")), "CITY-13-3"
    )
    both = _cert("ISO 9001", "2025-01-01") + _cert("某认证", "2019-01-01")
    assert undetermined(CITY.judge("ganzhou_city", certifications=both), "CITY-13-3")


@pytest.mark.clause("HC-13-3")
def test_hc_13_3_any_related_management_system_haccp_included():
    as_of = HC.as_of
    for std in ("GB/T 27341", "HACCP", "GB/T 23001", "ISO 50001", "GB/T 19022", "GB/T 27925"):
        assert passes(HC.judge("huichang", as_of, certifications=_cert(std)), "HC-13-3"), std
    assert fails(HC.judge("huichang", as_of, certifications=[]), "HC-13-3")
    assert undetermined(HC.judge("huichang", as_of, certifications=_cert("SA 8000")), "HC-13-3")
