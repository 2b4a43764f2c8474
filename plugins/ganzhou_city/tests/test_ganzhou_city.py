"""赣州市市长质量奖 (赣市府发〔2022〕15号): each clause passing and failing, and cross-level cases."""

import datetime as dt

import pytest
from conftest import AS_OF, fails, judge, open_, passes
from qaward.engine import Status
from qaward.grant import may_apply_again, obligations, prize, validity_window
from qaward.history import History
from qaward.model import AwardRecord, Sector, Tier

J = "ganzhou_city"


def test_baseline_is_eligible():
    result = judge(J)
    assert result.status is Status.eligible, [f for f in result.findings if not f.passed]


@pytest.mark.clause("CITY-13-1")
def test_city_13_1_counties_and_kfq_lie_inside_the_city():
    for region in ("ganzhou_kfq", "360733", "360702", "ganzhou_city"):
        assert passes(judge(J, region=region), "CITY-13-1"), region


@pytest.mark.clause("CITY-13-1")
def test_city_13_1_outside_the_city_fails():
    for region in ("360102", "410702", "330703"):  # 南昌东湖区, 新乡红旗区, 金华金东区
        assert fails(judge(J, region=region), "CITY-13-1"), region


@pytest.mark.clause("CITY-13-1")
def test_city_13_1_legal_person_and_three_years():
    assert fails(judge(J, legal_person=False), "CITY-13-1")
    assert fails(judge(J, established_on="2024-01-01"), "CITY-13-1")
    assert passes(judge(J, established_on="2023-09-01"), "CITY-13-1")


@pytest.mark.clause("CITY-13-2")
def test_city_13_2_attestations():
    assert passes(judge(J), "CITY-13-2")
    assert fails(
        judge(J, attestations={"policy_compliant": True, "licences_complete": False}), "CITY-13-2"
    )


@pytest.mark.clause("CITY-13-3")
def test_city_13_3_certificate_three_years_for_every_sector():
    two_years = [{"standard": "GB/T 19001", "since": "2024-09-01"}]
    assert fails(judge(J, certifications=two_years), "CITY-13-3")
    assert fails(judge(J, certifications=two_years, sector="service"), "CITY-13-3")
    assert passes(
        judge(J, certifications=[{"standard": "ISO 14001", "since": "2023-09-01"}]), "CITY-13-3"
    )


@pytest.mark.clause("CITY-13-3")
def test_city_13_3_excellence_model_two_years():
    assert passes(judge(J, excellence_model_since="2024-09-01"), "CITY-13-3")
    assert fails(judge(J, excellence_model_since="2024-09-02"), "CITY-13-3")


@pytest.mark.clause("CITY-13-4")
def test_city_13_4_profitable_each_of_last_two_years():
    loss_2024 = [
        {"year": 2024, "revenue": 100, "profit": -1},
        {"year": 2025, "revenue": 200, "profit": 10},
    ]
    assert fails(judge(J, financials=loss_2024), "CITY-13-4")
    zero = [{"year": 2024, "profit": 0}, {"year": 2025, "profit": 10}]
    assert fails(judge(J, financials=zero), "CITY-13-4")  # 盈利 means profit > 0
    assert open_(judge(J, financials=[{"year": 2025, "profit": 10}]), "CITY-13-4")


@pytest.mark.clause("CITY-13-4")
def test_city_13_4_no_growth_alternative_unlike_kfq():
    growing_losses = [
        {"year": 2023, "revenue": 100, "profit": -30},
        {"year": 2024, "revenue": 120, "profit": -20},
        {"year": 2025, "revenue": 150, "profit": -10},
    ]
    assert fails(judge(J, financials=growing_losses), "CITY-13-4")
    assert passes(judge("ganzhou_kfq", financials=growing_losses), "KFQ-11-4")


@pytest.mark.clause("CITY-13-4")
def test_city_13_4_safety_standardisation_level():
    for level in (1, 2, 3):
        assert passes(judge(J, safety_standardization_level=level), "CITY-13-4")
    assert fails(judge(J, safety_standardization_level=None), "CITY-13-4")


@pytest.mark.clause("CITY-13-6")
def test_city_13_6_only_fatal_production_safety_accidents_count():
    fatal = dict(
        kind="accident",
        date="2025-03-01",
        category="production_safety",
        grade="general",
        deaths=1,
        liable=True,
    )
    injury = dict(fatal, deaths=0)
    assert fails(judge(J, events=[fatal]), "CITY-13-6")
    assert passes(judge(J, events=[injury]), "CITY-13-6")
    assert fails(judge("ganzhou_kfq", events=[injury]), "KFQ-11-6")  # KFQ counts any grade


@pytest.mark.clause("CITY-13-6")
def test_city_13_6_fatal_liability_accident_in_any_listed_field_bars():
    base = dict(kind="accident", date="2025-03-01", grade="general", deaths=1, liable=True)
    for category in ("quality", "environment", "public_health", "food_safety"):
        assert fails(judge(J, events=[base | {"category": category}]), "CITY-13-6"), category
        not_liable = base | {"category": category, "liable": False}
        assert passes(judge(J, events=[not_liable]), "CITY-13-6"), category
    assert open_(judge(J, events=[base | {"category": "quality", "liable": None}]), "CITY-13-6")


@pytest.mark.clause("CITY-13-6")
def test_city_13_6_only_national_or_provincial_spot_checks():
    for level, bars in (
        ("national", True),
        ("provincial", True),
        ("municipal", False),
        ("county", False),
    ):
        result = judge(J, events=[dict(kind="spot_check_failure", date="2025-03-01", level=level)])
        assert fails(result, "CITY-13-6") is bars, level


@pytest.mark.clause("CITY-13-6")
def test_city_13_6_other_records():
    for ev in (
        dict(kind="complaint", date="2025-01-01", major=True),
        dict(kind="quality_dispute", date="2025-01-01", liable=True),
        dict(kind="dishonesty", date="2025-01-01", category="labor", severity="major"),
        dict(kind="violation", date="2025-01-01"),
    ):
        assert fails(judge(J, events=[ev]), "CITY-13-6"), ev
    assert passes(judge(J, events=[dict(kind="violation", date="2023-08-31")]), "CITY-13-6")


@pytest.mark.clause("CITY-27")
def test_city_27_quality_winner_waits_two_cycles():
    won = [{"award": J, "tier": "quality", "year": 2022, "granted_on": "2022-12-30"}]
    assert fails(judge(J, awards=won), "CITY-27")
    assert passes(judge(J, awards=won, as_of=dt.date(2028, 5, 1)), "CITY-27")


@pytest.mark.clause("CITY-27")
def test_city_27_nomination_winner_may_keep_applying():
    nominated = [{"award": J, "tier": "nomination", "year": 2024, "granted_on": "2024-12-30"}]
    assert passes(judge(J, awards=nominated), "CITY-27")


@pytest.mark.clause("CITY-27", "CITY-8")
def test_city_8_and_27_money(catalog):
    decl = catalog.declarations(J, AS_OF)[0]
    assert prize(decl, Tier.quality, History()).yuan == 500_000
    assert prize(decl, Tier.nomination, History()).yuan == 0
    before = History(awards=(AwardRecord(J, Tier.quality, 2018, dt.date(2018, 12, 1)),))
    repeat = prize(decl, Tier.quality, before)
    assert (repeat.yuan, repeat.clause) == (0, "CITY-27")
    nominated = History(awards=(AwardRecord(J, Tier.nomination, 2022, dt.date(2022, 12, 1)),))
    assert prize(decl, Tier.quality, nominated).yuan == 500_000  # first 市长质量奖
    assert decl.validity.repeat.takes_place is False
    assert may_apply_again(decl, 2022, dt.date(2022, 12, 30)) == 2028


@pytest.mark.clause("CITY-6")
def test_city_6_two_tiers_with_category_caps(catalog):
    q = catalog.declarations(J, AS_OF)[0].quota
    assert q.cycle_years == 2
    for tier in q.tiers:
        assert tier.places == 5
        caps = {c.label: c.max for c in tier.caps}
        assert caps == {"制造业": 3, "服务业（含医疗、教育）、工程等": 2}
        others = next(c for c in tier.caps if c.max == 2)
        assert Sector.medical in others.sectors and Sector.manufacturing not in others.sectors
    assert [t.tier for t in q.tiers] == [Tier.quality, Tier.nomination]


@pytest.mark.clause("CITY-4", "CITY-15", "CITY-14")
def test_city_4_and_15_scoring_only_the_review_preference_ranks(catalog):
    decl = catalog.declarations(J, AS_OF)[0]
    s = decl.scoring
    assert s.standard == "GB/T 19580" and s.covers_years == 3
    (pref,) = s.preferences
    assert pref.clause == "CITY-15" and {p.value for p in pref.preferences} == {
        "leading_enterprise"
    }
    city_14 = next(c for c in decl.regulation.clauses if c.id == "CITY-14")
    assert city_14.disposition is not None and "不影响排名" in city_14.summary


@pytest.mark.clause("CITY-23", "CITY-24", "CITY-26")
def test_city_23_24_26_validity_and_obligations(catalog):
    decl = catalog.declarations(J, AS_OF)[0]
    granted = dt.date(2024, 12, 30)
    assert validity_window(decl, granted).last_day == dt.date(2027, 12, 30)  # inclusive
    duties = obligations(decl, granted)
    yearly = next(d for d in duties if "质量绩效报告" in d.text)
    assert yearly.clause == "CITY-24"
    assert yearly.due == [dt.date(2025, 12, 30), dt.date(2026, 12, 30), dt.date(2027, 12, 30)]
    review = next(d for d in duties if "复核评估" in d.text)
    assert review.due == [dt.date(2027, 12, 30)]
    assert any(d.clause == "CITY-26" for d in duties)


@pytest.mark.clause("CITY-21")
def test_city_21_publicity_ten_days(catalog):
    p = catalog.declarations(J, AS_OF)[0].regulation.publicity
    assert (p.days, p.working_days, p.clause) == (10, False, "CITY-21")


@pytest.mark.clause("CITY-34")
def test_city_34_in_force_from_issue_date():
    assert judge(J, as_of=dt.date(2022, 9, 27)).warnings == ()
    assert "尚未施行" in judge(J, as_of=dt.date(2022, 9, 26)).warnings[0]


@pytest.mark.clause("CITY-28")
def test_city_28_fraud_bars_city_for_ten_years():
    fraud = [{"award": J, "reason": "fraud", "decided_on": "2024-01-10"}]
    assert fails(judge(J, sanctions=fraud), "CITY-28")
    assert fails(judge(J, sanctions=fraud, as_of=dt.date(2034, 1, 10)), "CITY-28")  # last day
    assert passes(judge(J, sanctions=fraud, as_of=dt.date(2034, 1, 11)), "CITY-28")


@pytest.mark.clause("CITY-28")
def test_city_28_city_fraud_does_not_bar_kfq():
    fraud = [{"award": J, "reason": "fraud", "decided_on": "2024-01-10"}]
    kfq = judge("ganzhou_kfq", sanctions=fraud)
    assert all(f.rule != "CITY-28" for f in kfq.findings)  # KFQ is not among the awards it names
    assert kfq.status is Status.eligible


@pytest.mark.clause("CITY-30")
def test_city_30_revocation_bars_five_years():
    revoked = [{"award": J, "reason": "revocation", "decided_on": "2024-01-10"}]
    assert fails(judge(J, sanctions=revoked), "CITY-30")
    assert fails(judge(J, sanctions=revoked, as_of=dt.date(2029, 1, 10)), "CITY-30")  # last day
    assert passes(judge(J, sanctions=revoked, as_of=dt.date(2029, 1, 11)), "CITY-30")


def test_explicit_bans_on_a_sanction_record_are_honoured():
    """A sanction of an award without a plugin (江西省井冈质量奖) may carry its bans itself."""
    sanction = [
        {
            "award": "jiangxi_jinggang",
            "reason": "fraud",
            "decided_on": "2025-01-01",
            "bans": [{"award": J, "until": "2030-01-01"}],
        }
    ]
    result = judge(J, sanctions=sanction)
    finding = next(f for f in result.findings if f.rule == "sanction-record")
    assert finding.passed is False and "江西省井冈质量奖" in finding.message


@pytest.mark.clause("CITY-3")
def test_city_3_enterprises_and_public_institutions_only():
    assert passes(judge(J, entity_type="enterprise"), "CITY-3")
    assert passes(judge(J, entity_type="public_institution"), "CITY-3")
    social = judge(J, entity_type="social_organization")
    assert fails(social, "CITY-3") and social.status is Status.ineligible
    assert fails(judge(J, entity_type="other"), "CITY-3")
    unknown = judge(J, entity_type=None)
    assert open_(unknown, "CITY-3") and unknown.status is Status.undetermined
    # the 经开区 text sets no such condition
    assert all(f.rule != "CITY-3" for f in judge("ganzhou_kfq", entity_type=None).findings)


@pytest.mark.clause("CITY-25")
def test_city_25_grant_year_summary_and_in_validity_exchange(catalog):
    decl = catalog.declarations(J, AS_OF)[0]
    duties = [d for d in obligations(decl, dt.date(2026, 12, 30)) if d.clause == "CITY-25"]
    summary, exchange = duties
    assert "总结" in summary.text and summary.due == [dt.date(2026, 12, 31)]
    assert "经验交流" in exchange.text and exchange.due == [dt.date(2029, 12, 30)]
    early = [d for d in obligations(decl, dt.date(2026, 1, 5)) if d.clause == "CITY-25"]
    assert early[0].due == [dt.date(2026, 12, 31)]  # due 31 December of the grant year
