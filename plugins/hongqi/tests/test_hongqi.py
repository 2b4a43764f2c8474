"""红旗区区长质量奖 (红政〔2022〕76号, 新乡市, 河南省): each clause passing and failing, the
cycle declarations, and the cross-level cases (新乡市、河南省 above it; 赣州 sanctions do not reach it)."""

import datetime as dt
from pathlib import Path

import pytest
from conftest import AS_OF, fails, judge, open_, passes
from qaward.engine import Status, evaluate
from qaward.grant import may_apply_again, obligations, prize, validity_window
from qaward.history import History
from qaward.io import load
from qaward.model import (
    Accident,
    AccidentCategory,
    AwardRecord,
    Fraud,
    Grade,
    Organization,
    SanctionReason,
    Tier,
)

J = "hongqi"
EXAMPLE = Path(__file__).with_name(
    "org_hongqi_battery.yaml"
)  # a link to examples/, a copy in the sdist
HQ_CLAUSES = {
    "HQ-4",
    "HQ-8",
    "HQ-9",
    "HQ-10-1",
    "HQ-10-2",
    "HQ-10-3",
    "HQ-10-4",
    "HQ-10-5",
    "HQ-10-6",
    "HQ-11",
    "HQ-12",
    "HQ-15",
    "HQ-17",
    "HQ-18",
    "HQ-19",
    "HQ-20",
    "HQ-22",
    "HQ-24",
    "HQ-25",
    "HQ-27",
    "HQ-28",
    "HQ-30",
}


def hq(as_of: dt.date = AS_OF, jurisdiction: str = J, **changes):
    """The shared baseline, registered in 红旗区 (410702)."""
    return judge(jurisdiction, as_of, **({"region": "410702"} | changes))


def _decl(catalog):
    return catalog.declarations(J, AS_OF)[0]


def _item(result, n: str):
    """The finding of one item of 第十一条, e.g. ``_item(r, "五")``."""
    return next(f for f in result.findings if f.citation.endswith(f"第十一条（{n}）"))


def test_baseline_is_eligible_without_warnings():
    result = hq()
    assert result.status is Status.eligible, [f for f in result.findings if not f.passed]
    assert result.document == "红政〔2022〕76号" and result.warnings == ()


def test_inventory_lists_every_clause(catalog):
    assert {c.id for c in _decl(catalog).regulation.clauses} == HQ_CLAUSES


def test_example_organisation_is_eligible():
    org = load(EXAMPLE, Organization)
    assert evaluate(org, J, AS_OF).status is Status.eligible


# --- 第十条 -------------------------------------------------------------------------------------


@pytest.mark.clause("HQ-10-1")
def test_hq_10_1_registered_in_hongqi_passes():
    assert passes(hq(), "HQ-10-1")
    assert passes(hq(region="hongqi"), "HQ-10-1")


@pytest.mark.clause("HQ-10-1")
def test_hq_10_1_registered_elsewhere_fails():
    for region in ("410711", "xinxiang_mayor", "360733", "ganzhou_kfq"):  # 牧野区, 新乡市, 会昌县
        assert fails(hq(region=region), "HQ-10-1"), region


@pytest.mark.clause("HQ-10-1")
def test_hq_10_1_three_years_of_operation():
    assert passes(hq(established_on="2023-09-01"), "HQ-10-1")
    assert fails(hq(established_on="2023-09-02"), "HQ-10-1")


@pytest.mark.clause("HQ-10-1")
def test_hq_10_1_no_legal_person_requirement():
    result = hq(legal_person=False)
    assert passes(result, "HQ-10-1") and result.status is Status.eligible


@pytest.mark.clause("HQ-10-2")
def test_hq_10_2_quality_system_and_excellence_model_of_any_age_pass():
    fresh = [{"standard": "ISO 9001", "since": AS_OF.isoformat()}]
    assert passes(hq(certifications=fresh, excellence_model_since=AS_OF.isoformat()), "HQ-10-2")


@pytest.mark.clause("HQ-10-2")
def test_hq_10_2_sector_quality_systems_prove_a_sound_system():
    for std in ("ISO 13485:2016", "YY/T 0287", "IATF 16949", "AS9100", "GB/T 50430"):
        assert passes(hq(certifications=[{"standard": std, "since": "2025-01-01"}]), "HQ-10-2")


@pytest.mark.clause("HQ-10-2")
def test_hq_10_2_without_a_qms_certificate_the_attestation_decides():
    env = [{"standard": "ISO 14001", "since": "2018-01-01"}]  # not a quality system
    sound = {"attestations": {"quality_system_sound": True}}
    assert open_(hq(certifications=[]), "HQ-10-2")  # not attested yet
    assert open_(hq(certifications=env), "HQ-10-2")
    assert passes(hq(certifications=env, **sound), "HQ-10-2")
    assert fails(hq(certifications=[], attestations={"quality_system_sound": False}), "HQ-10-2")


@pytest.mark.clause("HQ-10-2")
def test_hq_10_2_missing_excellence_model_fails():
    assert fails(hq(excellence_model_since=None), "HQ-10-2")
    assert fails(hq(excellence_model_since="2026-09-02"), "HQ-10-2")


@pytest.mark.clause("HQ-10-3")
def test_hq_10_3_leading_indicators_attested():
    assert passes(hq(), "HQ-10-3")
    attested = {
        "policy_compliant": True,
        "licences_complete": True,
        "credit_commitment_signed": True,
    }
    assert fails(hq(attestations=attested | {"industry_leading": False}), "HQ-10-3")
    assert open_(hq(attestations=attested), "HQ-10-3")


@pytest.mark.clause("HQ-10-3")
def test_hq_10_3_nonprofit_social_contribution():
    attested = {
        "policy_compliant": True,
        "licences_complete": True,
        "credit_commitment_signed": True,
    }
    assert passes(
        hq(nonprofit=True, attestations=attested | {"social_contribution": True}), "HQ-10-3"
    )
    assert fails(
        hq(nonprofit=True, attestations=attested | {"social_contribution": False}), "HQ-10-3"
    )


@pytest.mark.clause("HQ-10-4")
def test_hq_10_4_signed_credit_commitment():
    assert passes(hq(), "HQ-10-4")
    attested = {"policy_compliant": True, "licences_complete": True, "industry_leading": True}
    assert fails(hq(attestations=attested | {"credit_commitment_signed": False}), "HQ-10-4")
    assert open_(hq(attestations=attested), "HQ-10-4")


@pytest.mark.clause("HQ-10-4")
def test_hq_10_4_serious_dishonesty_within_three_years_fails():
    serious = {
        "kind": "dishonesty",
        "date": "2025-01-01",
        "category": "other",
        "severity": "serious",
    }
    assert fails(hq(events=[serious]), "HQ-10-4")
    assert passes(hq(events=[serious | {"severity": "larger"}]), "HQ-10-4")
    assert fails(hq(events=[serious | {"date": "2023-09-01"}]), "HQ-10-4")  # exactly 3 years
    assert passes(hq(events=[serious | {"date": "2023-08-31"}]), "HQ-10-4")


@pytest.mark.clause("HQ-10-5")
def test_hq_10_5_major_accident_of_any_listed_kind_fails():
    for category in ("quality", "production_safety", "environment", "public_health"):
        ev = {"kind": "accident", "date": "2025-01-01", "category": category, "grade": "major"}
        assert fails(hq(events=[ev]), "HQ-10-5"), category  # "事故": liability not required


@pytest.mark.clause("HQ-10-5")
def test_hq_10_5_lesser_or_older_accident_passes():
    larger = {"kind": "accident", "date": "2025-01-01", "category": "quality", "grade": "larger"}
    assert passes(hq(events=[larger]), "HQ-10-5")
    old = larger | {"grade": "especially_major", "date": "2023-08-31"}
    assert passes(hq(events=[old]), "HQ-10-5")


@pytest.mark.clause("HQ-10-6", "HQ-12")
def test_hq_10_6_and_12_scoring_standard_and_no_review_preference(catalog):
    decl = _decl(catalog)
    s = decl.scoring
    assert (s.clause, s.standard) == ("HQ-12", "GB/T 19580、GB/Z 19579")
    assert s.preferences == ()  # 第十条（六） only encourages applications
    hq_10_6 = next(c for c in decl.regulation.clauses if c.id == "HQ-10-6")
    assert hq_10_6.disposition is not None


# --- 第十一条: eight exclusions, one rule each, in order -----------------------------------------


@pytest.mark.clause("HQ-11")
def test_hq_11_one_rule_per_item_in_order():
    items = [f.citation for f in hq().findings if f.rule == "HQ-11"]
    numbers = "一二三四五六七八"
    assert items == [f"红政〔2022〕76号 第十一条（{n}）" for n in numbers]


@pytest.mark.clause("HQ-11")
def test_hq_11_1_2_policy_and_licences_attested():
    base = {"industry_leading": True, "credit_commitment_signed": True}
    bad_policy = hq(attestations=base | {"policy_compliant": False, "licences_complete": True})
    assert _item(bad_policy, "一").passed is False
    no_licence = hq(attestations=base | {"policy_compliant": True, "licences_complete": False})
    assert _item(no_licence, "二").passed is False
    assert _item(hq(), "一").passed and _item(hq(), "二").passed


@pytest.mark.clause("HQ-11")
def test_hq_11_3_liability_accident_of_any_grade_within_three_years():
    ev = {"kind": "accident", "date": "2025-01-01", "category": "environment", "grade": "general"}
    assert _item(hq(events=[ev | {"liable": True}]), "三").passed is False
    assert _item(hq(events=[ev | {"liable": False}]), "三").passed is True
    assert _item(hq(events=[ev]), "三").passed is None  # liability unknown
    assert _item(hq(events=[ev | {"liable": True, "date": "2023-08-01"}]), "三").passed


@pytest.mark.clause("HQ-11")
def test_hq_11_4_spot_checks_export_and_service_quality():
    failing = [
        {"kind": "spot_check_failure", "date": "2025-01-01", "level": "municipal"},
        {"kind": "spot_check_failure", "date": "2025-01-01", "level": "national"},
        {"kind": "export_notice", "date": "2025-01-01", "outcome": "claim"},
        {"kind": "export_notice", "date": "2025-01-01", "outcome": "return"},
        {"kind": "service_quality_problem", "date": "2025-01-01", "serious": True},
    ]
    for ev in failing:
        assert _item(hq(events=[ev]), "四").passed is False, ev
    # a foreign notice alone is not a claim or a return; an unstated outcome is undetermined
    notice = {"kind": "export_notice", "date": "2025-01-01", "outcome": "notice"}
    assert _item(hq(events=[notice]), "四").passed is True
    unstated = {"kind": "export_notice", "date": "2025-01-01"}
    assert _item(hq(events=[unstated]), "四").passed is None
    passing = [
        {"kind": "spot_check_failure", "date": "2025-01-01", "level": "county"},
        {"kind": "service_quality_problem", "date": "2025-01-01", "serious": False},
    ]
    for ev in passing:
        assert _item(hq(events=[ev]), "四").passed is True, ev


@pytest.mark.clause("HQ-11")
def test_hq_11_5_cumulative_loss_over_three_years():
    one_bad_year = [
        {"year": 2023, "profit": -30},
        {"year": 2024, "profit": 10},
        {"year": 2025, "profit": 25},
    ]
    assert _item(hq(financials=one_bad_year), "五").passed is True  # the sum is positive
    losing = [dict(r, profit=r["profit"] - 10) for r in one_bad_year]
    assert _item(hq(financials=losing), "五").passed is False  # sum -35
    assert _item(hq(financials=one_bad_year[1:]), "五").passed is None
    assert _item(hq(nonprofit=True, financials=[]), "五").passed is True


@pytest.mark.clause("HQ-11")
def test_hq_11_6_fraud_in_this_award_within_three_years():
    fraud = {"award": J, "reason": "fraud", "decided_on": "2024-01-10"}
    assert _item(hq(sanctions=[fraud]), "六").passed is False
    assert _item(hq(sanctions=[fraud | {"award": "ganzhou_kfq"}]), "六").passed is True
    boundary = dt.date(2027, 1, 10)  # exactly 3 years after the decision: still inside
    assert _item(hq(sanctions=[fraud], as_of=boundary), "六").passed is False
    later = dt.date(2027, 1, 11)
    assert _item(hq(sanctions=[fraud], as_of=later), "六").passed is True  # but see HQ-25


@pytest.mark.clause("HQ-11")
def test_hq_11_7_serious_violation():
    ev = {"kind": "violation", "date": "2025-01-01"}
    assert _item(hq(events=[ev | {"serious": True}]), "七").passed is False
    assert _item(hq(events=[ev | {"serious": False}]), "七").passed is True


@pytest.mark.clause("HQ-11")
def test_hq_11_8_serious_dishonesty_of_enterprise_or_legal_representative():
    ev = {"kind": "dishonesty", "date": "2025-01-01", "severity": "serious"}
    for category in ("legal_representative", "tax", "other"):
        assert _item(hq(events=[ev | {"category": category}]), "八").passed is False, category
    assert _item(hq(events=[ev | {"category": "tax", "severity": "larger"}]), "八").passed


# --- cycle declarations (another module evaluates cycles) --------------------------------------


@pytest.mark.clause("HQ-4", "HQ-17")
def test_hq_4_three_places_every_two_years_and_17_two_thirds_vote(catalog):
    q = _decl(catalog).quota
    assert (q.clause, q.cycle_years, q.vacancy_allowed) == ("HQ-4", 2, True)
    assert [(t.tier, t.places, t.caps) for t in q.tiers] == [(Tier.quality, 3, ())]
    assert (q.vote.clause, q.vote.numerator, q.vote.denominator) == ("HQ-17", 2, 3)


@pytest.mark.clause("HQ-18")
def test_hq_18_publicity_at_least_five_working_days(catalog):
    reg = _decl(catalog).regulation
    p = reg.publicity
    assert (p.clause, p.days, p.working_days, p.at_least) == ("HQ-18", 5, True, True)
    assert "区政府常务会议" in reg.approval


# --- reward ------------------------------------------------------------------------------------


@pytest.mark.clause("HQ-19", "HQ-28")
def test_hq_19_fifty_thousand_and_28_repeat_win_no_money(catalog):
    decl = _decl(catalog)
    first = prize(decl, Tier.quality, History())
    assert (first.yuan, first.clause) == (50_000, "HQ-19")
    again = History(awards=(AwardRecord(J, Tier.quality, 2020, dt.date(2020, 12, 1)),))
    repeat = prize(decl, Tier.quality, again)
    assert (repeat.yuan, repeat.clause) == (0, "HQ-28")
    assert "奖杯" in decl.reward.honours


@pytest.mark.clause("HQ-20")
def test_hq_20_higher_award_bonuses_without_fixed_amount(catalog):
    bonuses = _decl(catalog).reward.bonuses
    assert {b.award for b in bonuses} == {"xinxiang_mayor", "henan_governor", "china_quality_award"}
    assert all(b.yuan is None and b.tier is None and b.clause == "HQ-20" for b in bonuses)
    assert not any(b.award == "ganzhou_city" for b in bonuses)


# --- validity and re-application ---------------------------------------------------------------


@pytest.mark.clause("HQ-28")
def test_hq_28_valid_four_years_then_may_apply_again(catalog):
    decl = _decl(catalog)
    granted = dt.date(2022, 12, 20)
    assert validity_window(decl, granted).last_day == dt.date(2026, 12, 20)  # inclusive
    assert may_apply_again(decl, 2022, granted) == 2026
    terms = decl.validity.repeat
    assert terms.after_validity and not terms.money and not terms.takes_place


@pytest.mark.clause("HQ-28")
def test_hq_28_winner_may_not_apply_while_valid():
    won = [{"award": J, "tier": "quality", "year": 2022, "granted_on": "2022-12-20"}]
    assert fails(hq(awards=won), "HQ-28")
    assert fails(hq(awards=won, as_of=dt.date(2026, 12, 20)), "HQ-28")  # its last valid day
    assert passes(hq(awards=won, as_of=dt.date(2026, 12, 21)), "HQ-28")
    assert passes(hq(), "HQ-28")


@pytest.mark.clause("HQ-24")
def test_hq_24_title_use_and_no_selling_or_renting(catalog):
    decl = _decl(catalog)
    assert "获奖时间" in decl.validity.title_use
    duty = next(d for d in obligations(decl, dt.date(2024, 12, 20)) if d.clause == "HQ-24")
    assert "不得出售、出租证书及奖杯" in duty.text
    assert duty.due == [dt.date(2028, 12, 20)]


# --- sanctions ---------------------------------------------------------------------------------


def _term(catalog, reason):
    return next(t for t in _decl(catalog).sanctions if t.reason is reason)


@pytest.mark.clause("HQ-25")
def test_hq_25_fraud_bans_this_award_only_for_six_years(catalog):
    term = _term(catalog, SanctionReason.fraud)
    assert (term.clause, term.ban_years, term.ban_awards) == ("HQ-25", 6, ("hongqi",))
    assert term.revoke and term.clawback and term.notice
    assert any(t.matches(Fraud(dt.date(2025, 1, 1))) for t in term.events)


@pytest.mark.clause("HQ-25")
def test_hq_25_fraud_bars_hongqi_until_six_years_pass():
    fraud = [{"award": J, "reason": "fraud", "decided_on": "2022-10-01"}]
    assert fails(hq(sanctions=fraud), "HQ-25")  # 2026: beyond HQ-11(6)'s 3 years, inside 6
    assert _item(hq(sanctions=fraud), "六").passed is True
    assert fails(hq(sanctions=fraud, as_of=dt.date(2028, 10, 1)), "HQ-25")  # the ban's last day
    assert passes(hq(sanctions=fraud, as_of=dt.date(2028, 10, 2)), "HQ-25")


@pytest.mark.clause("HQ-25")
def test_hq_25_fraud_does_not_reach_other_awards():
    fraud = [{"award": J, "reason": "fraud", "decided_on": "2025-10-01"}]
    city = judge("ganzhou_city", sanctions=fraud)
    assert not [f for f in city.findings if f.rule == "HQ-25"]


@pytest.mark.clause("HQ-25")
def test_hq_25_revocation_without_ban(catalog):
    term = _term(catalog, SanctionReason.revocation)
    assert term.clause == "HQ-25" and term.revoke and term.notice
    assert not term.clawback and term.ban_years is None and term.window == "validity"
    major = Accident(dt.date(2025, 1, 1), AccidentCategory.environment, Grade.major)
    larger = Accident(dt.date(2025, 1, 1), AccidentCategory.environment, Grade.larger)
    assert any(t.matches(major) for t in term.events)
    assert not any(t.matches(larger) for t in term.events)
    revoked = [{"award": J, "reason": "revocation", "decided_on": "2025-10-01"}]
    assert hq(sanctions=revoked).status is Status.eligible


@pytest.mark.clause("HQ-22")
def test_hq_22_misused_money_criticism_and_recovery(catalog):
    term = _term(catalog, SanctionReason.misuse)  # the first in article order: serious cases
    assert term.clause == "HQ-22" and term.clawback and term.criticism and not term.revoke
    assert term.ban_years is None
    misuse = [{"award": J, "reason": "misuse", "decided_on": "2025-10-01"}]
    assert hq(sanctions=misuse).status is Status.eligible  # no ban follows


@pytest.mark.clause("HQ-30")
def test_hq_30_in_force_from_2022_07_25():
    assert hq(as_of=dt.date(2022, 7, 25)).warnings == ()
    before = hq(as_of=dt.date(2022, 7, 24))
    assert before.warnings and "尚未施行" in before.warnings[0] and "HQ-30" in before.warnings[0]


# --- cross-level -------------------------------------------------------------------------------


@pytest.mark.clause("HQ-10-1")
def test_hongqi_lies_in_xinxiang_and_henan_not_ganzhou(catalog):
    for region in ("410702", "hongqi"):
        assert catalog.contains("xinxiang_mayor", region), region
        assert catalog.contains("henan_governor", region), region
        assert not catalog.contains("ganzhou_city", region), region
        assert not catalog.contains("jiangxi_jinggang", region), region
    assert fails(hq(jurisdiction="ganzhou_city"), "CITY-13-1")


@pytest.mark.clause("KFQ-25", "HQ-11")
def test_kfq_fraud_does_not_bar_hongqi():
    fraud = [{"award": "ganzhou_kfq", "reason": "fraud", "decided_on": "2025-03-01"}]
    result = hq(sanctions=fraud)
    assert not [f for f in result.findings if f.rule == "KFQ-25"]
    assert result.status is Status.eligible


def test_hq_result_carries_plugin_and_citations():
    result = hq()
    assert all(f.citation.startswith("红政〔2022〕76号 第") for f in result.findings)
    assert all(f.plugin.startswith("hongqi") for f in result.findings)
