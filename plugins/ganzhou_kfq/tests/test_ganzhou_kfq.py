"""赣州经开区主任质量奖 (赣经开政字〔2024〕12号): each clause passing and failing."""

import datetime as dt

import pytest
from conftest import AS_OF, BASE, fails, judge, make_org, open_, passes
from qaward.engine import Status, evaluate
from qaward.grant import may_apply_again, obligations, prize, validity_window
from qaward.history import History
from qaward.model import AwardRecord, Tier
from qaward.recommend import candidates

J = "ganzhou_kfq"


def test_baseline_is_eligible():
    result = judge(J)
    assert result.status is Status.eligible, [f for f in result.findings if not f.passed]
    assert result.document == "赣经开政字〔2024〕12号"


@pytest.mark.clause("KFQ-11-1")
def test_kfq_11_1_registered_in_kfq_passes():
    assert passes(judge(J), "KFQ-11-1")


@pytest.mark.clause("KFQ-11-1")
def test_kfq_11_1_registered_in_huichang_fails():
    assert fails(judge(J, region="360733"), "KFQ-11-1")
    assert fails(judge(J, region="huichang"), "KFQ-11-1")


@pytest.mark.clause("KFQ-11-1")
def test_kfq_11_1_not_a_legal_person_fails():
    assert fails(judge(J, legal_person=False), "KFQ-11-1")


@pytest.mark.clause("KFQ-11-1")
def test_kfq_11_1_exactly_three_years_passes_one_day_less_fails():
    assert passes(judge(J, established_on="2023-09-01"), "KFQ-11-1")
    assert fails(judge(J, established_on="2023-09-02"), "KFQ-11-1")


@pytest.mark.clause("KFQ-11-1")
def test_kfq_11_1_missing_start_date_is_undetermined():
    result = judge(J, established_on=None)
    assert open_(result, "KFQ-11-1")
    assert result.status is Status.undetermined


@pytest.mark.clause("KFQ-11-2")
def test_kfq_11_2_attested_passes_refused_fails_unconfirmed_open():
    assert passes(judge(J), "KFQ-11-2")
    assert fails(
        judge(J, attestations={"policy_compliant": False, "licences_complete": True}), "KFQ-11-2"
    )
    assert open_(judge(J, attestations={"licences_complete": True}), "KFQ-11-2")


@pytest.mark.clause("KFQ-11-3")
def test_kfq_11_3_certificate_two_years_passes_less_fails():
    ok = [{"standard": "ISO 9001", "since": "2024-09-01"}]
    short = [{"standard": "GB/T 19001", "since": "2024-09-02"}]
    assert passes(judge(J, certifications=ok), "KFQ-11-3")
    assert fails(judge(J, certifications=short), "KFQ-11-3")


@pytest.mark.clause("KFQ-11-3")
def test_kfq_11_3_expired_or_unrelated_certificate_fails():
    expired = [{"standard": "GB/T 19001", "since": "2018-01-01", "valid_until": "2026-01-01"}]
    assert fails(judge(J, certifications=expired), "KFQ-11-3")
    unknown = judge(J, certifications=[{"standard": "某企业标准", "since": "2018-01-01"}])
    assert open_(unknown, "KFQ-11-3")  # not guessed: the reviewer decides
    assert any("不在管理体系标准表中" in f.message for f in unknown.findings)


@pytest.mark.clause("KFQ-11-3")
def test_kfq_11_3_chinese_only_schemes_are_not_international():
    for std in ("GB/T 23001", "GB/T 50430-2017", "GB/T 27925", "GB/T 27341"):
        result = judge(J, certifications=[{"standard": std, "since": "2018-01-01"}])
        assert fails(result, "KFQ-11-3"), std
        assert any("非国际通行" in f.message for f in result.findings if f.rule == "KFQ-11-3")


@pytest.mark.clause("KFQ-11-3")
def test_kfq_11_3_international_systems_and_adoptions_without_edition_pass():
    for std in ("ISO 9001:2015", "GB/T 24001-2016", "ISO 45001", "IATF 16949:2016", "AS9100D"):
        certs = [{"standard": std, "since": "2024-09-01"}]
        assert passes(judge(J, certifications=certs), "KFQ-11-3"), std


@pytest.mark.clause("KFQ-11-3")
def test_kfq_11_3_excellence_model_one_year_and_cqo():
    assert fails(judge(J, excellence_model_since="2025-09-02"), "KFQ-11-3")
    assert passes(judge(J, excellence_model_since="2025-09-01"), "KFQ-11-3")
    assert fails(judge(J, excellence_model_since=None), "KFQ-11-3")
    assert fails(judge(J, chief_quality_officer=False), "KFQ-11-3")


@pytest.mark.clause("KFQ-11-3")
def test_kfq_11_3_applies_to_manufacturing_only():
    service = judge(
        J,
        sector="service",
        certifications=[],
        excellence_model_since=None,
        chief_quality_officer=None,
    )
    assert passes(service, "KFQ-11-3")
    assert open_(judge(J, sector=None, certifications=[]), "KFQ-11-3")


@pytest.mark.clause("KFQ-11-4")
def test_kfq_11_4_safety_level_three_or_better():
    assert passes(judge(J, safety_standardization_level=3), "KFQ-11-4")
    assert fails(judge(J, safety_standardization_level=None), "KFQ-11-4")


@pytest.mark.clause("KFQ-11-4")
def test_kfq_11_4_profit_or_growth_alternative():
    growing_losses = [
        {"year": 2023, "revenue": 100, "profit": -30},
        {"year": 2024, "revenue": 120, "profit": -20},
        {"year": 2025, "revenue": 150, "profit": -10},
    ]
    assert passes(judge(J, financials=growing_losses), "KFQ-11-4")  # growth, not profit
    profitable_shrinking = [
        {"year": 2023, "revenue": 300, "profit": 30},
        {"year": 2024, "revenue": 200, "profit": 20},
        {"year": 2025, "revenue": 100, "profit": 10},
    ]
    assert passes(judge(J, financials=profitable_shrinking), "KFQ-11-4")  # profit, not growth
    shrinking_losses = [
        {"year": 2023, "revenue": 300, "profit": 30},
        {"year": 2024, "revenue": 200, "profit": -20},
        {"year": 2025, "revenue": 250, "profit": 10},
    ]
    assert fails(judge(J, financials=shrinking_losses), "KFQ-11-4")


@pytest.mark.clause("KFQ-11-4")
def test_kfq_11_4_missing_figures_are_undetermined_not_failed():
    # a 2025 loss fails "持续盈利", but growth over 2023-2025 cannot be judged without figures
    assert open_(judge(J, financials=[{"year": 2025, "revenue": 1, "profit": -1}]), "KFQ-11-4")
    assert open_(judge(J, financials=[{"year": 2025, "revenue": 1, "profit": 5}]), "KFQ-11-4")


@pytest.mark.clause("KFQ-11-4")
def test_kfq_11_4_nonprofit_needs_attested_contribution():
    np = {"policy_compliant": True, "licences_complete": True, "social_contribution": True}
    assert passes(
        judge(J, nonprofit=True, financials=[], safety_standardization_level=None, attestations=np),
        "KFQ-11-4",
    )
    np_no = dict(np, social_contribution=False)
    assert fails(judge(J, nonprofit=True, attestations=np_no), "KFQ-11-4")


def _event(**kw):
    return [dict(kw)]


@pytest.mark.clause("KFQ-11-6")
def test_kfq_11_6_spot_check_failure_at_any_level_fails():
    for level in ("county", "municipal", "provincial", "national"):
        ev = _event(kind="spot_check_failure", date="2025-01-01", level=level)
        assert fails(judge(J, events=ev), "KFQ-11-6"), level


@pytest.mark.clause("KFQ-11-6")
def test_kfq_11_6_window_is_three_years_before_as_of():
    # as of 2026-09-01 the window is [2023-09-01, 2026-09-01]: the day exactly 3 years before counts
    old = _event(kind="spot_check_failure", date="2023-08-31", level="national")
    inside = _event(kind="spot_check_failure", date="2023-09-01", level="national")
    assert passes(judge(J, events=old), "KFQ-11-6")
    assert fails(judge(J, events=inside), "KFQ-11-6")


@pytest.mark.clause("KFQ-11-6")
def test_kfq_11_6_production_safety_accident_of_any_grade_fails():
    ev = _event(
        kind="accident",
        date="2025-05-01",
        category="production_safety",
        grade="general",
        liable=True,
    )
    assert fails(judge(J, events=ev), "KFQ-11-6")


@pytest.mark.clause("KFQ-11-6")
def test_kfq_11_6_quality_accident_only_major_counts():
    larger = _event(
        kind="accident", date="2025-05-01", category="quality", grade="larger", liable=True
    )
    major = _event(
        kind="accident", date="2025-05-01", category="quality", grade="major", liable=True
    )
    not_liable = _event(
        kind="accident", date="2025-05-01", category="quality", grade="major", liable=False
    )
    assert passes(judge(J, events=larger), "KFQ-11-6")
    assert fails(judge(J, events=major), "KFQ-11-6")
    assert passes(judge(J, events=not_liable), "KFQ-11-6")


@pytest.mark.clause("KFQ-11-6")
def test_kfq_11_6_liability_unknown_is_undetermined():
    ev = _event(kind="quality_dispute", date="2025-05-01")
    assert open_(judge(J, events=ev), "KFQ-11-6")


@pytest.mark.clause("KFQ-11-6")
def test_kfq_11_6_complaints_disputes_dishonesty_violations():
    failing = [
        dict(kind="complaint", date="2025-01-01", major=True),
        dict(kind="quality_dispute", date="2025-01-01", liable=True),
        dict(kind="dishonesty", date="2025-01-01", category="labor", severity="larger"),
        dict(kind="dishonesty", date="2025-01-01", category="statistics", severity="serious"),
        dict(kind="dishonesty", date="2025-01-01", category="tax", severity="major"),
        dict(kind="violation", date="2025-01-01", serious=False),
    ]
    for ev in failing:
        assert fails(judge(J, events=[ev]), "KFQ-11-6"), ev
    passing = [
        dict(kind="complaint", date="2025-01-01", major=False),
        dict(kind="quality_dispute", date="2025-01-01", liable=False),
        dict(kind="dishonesty", date="2025-01-01", category="labor", severity="general"),
        dict(kind="dishonesty", date="2025-01-01", category="tax", severity="serious"),
    ]
    for ev in passing:
        assert passes(judge(J, events=[ev]), "KFQ-11-6"), ev


@pytest.mark.clause("KFQ-24")
def test_kfq_24_winner_waits_two_cycles():
    won = [{"award": J, "tier": "quality", "year": 2022, "granted_on": "2022-12-20"}]
    assert fails(judge(J, awards=won, as_of=dt.date(2026, 9, 1)), "KFQ-24")  # 2026 < 2022 + 6
    assert passes(judge(J, awards=won, as_of=dt.date(2028, 9, 1)), "KFQ-24")
    assert passes(judge(J), "KFQ-24")


@pytest.mark.clause("KFQ-24", "KFQ-7")
def test_kfq_7_and_24_prize_first_time_and_repeat(catalog):
    decl, _ = catalog.declarations(J, AS_OF)
    first = prize(decl, Tier.quality, History())
    assert (first.yuan, first.clause) == (200_000, "KFQ-7")
    again = History(awards=(AwardRecord(J, Tier.quality, 2020, dt.date(2020, 12, 1)),))
    repeat = prize(decl, Tier.quality, again)
    assert (repeat.yuan, repeat.clause) == (0, "KFQ-24")
    assert may_apply_again(decl, 2024, dt.date(2024, 12, 20)) == 2030


@pytest.mark.clause("KFQ-5")
def test_kfq_5_three_places_every_two_years(catalog):
    q = catalog.declarations(J, AS_OF)[0].quota
    assert q.cycle_years == 2 and q.vacancy_allowed
    assert [(t.tier, t.places, t.caps) for t in q.tiers] == [(Tier.quality, 3, ())]


@pytest.mark.clause("KFQ-3", "KFQ-12")
def test_kfq_3_and_12_scoring_scheme(catalog):
    s = catalog.declarations(J, AS_OF)[0].scoring
    assert s.total == 1000 and s.covers_years == 3 and "GB/T 19580" in s.standard
    # only the chains and clusters are a review preference; SMEs are only encouraged to apply
    assert {p.value for p in s.preferences[0].preferences} == {"key_industry_chain"}


@pytest.mark.clause("KFQ-20", "KFQ-23", "KFQ-27")
def test_kfq_20_23_27_validity_and_obligations(catalog):
    decl = catalog.declarations(J, AS_OF)[0]
    granted = dt.date(2024, 12, 20)
    assert validity_window(decl, granted).last_day == dt.date(2027, 12, 20)  # inclusive
    duties = {d.clause: d for d in obligations(decl, granted)}
    assert duties["KFQ-23"].due == [dt.date(2026, 12, 20)]
    assert duties["KFQ-27"].due == [dt.date(2027, 12, 20)]
    assert "产品" in decl.validity.title_use


@pytest.mark.clause("KFQ-18")
def test_kfq_18_publicity_ten_days(catalog):
    p = catalog.declarations(J, AS_OF)[0].regulation.publicity
    assert (p.days, p.working_days, p.clause) == (10, False, "KFQ-18")


@pytest.mark.clause("KFQ-32")
def test_kfq_32_in_force_from_2024_03_01():
    assert judge(J, as_of=dt.date(2024, 3, 1)).warnings == ()
    before = judge(J, as_of=dt.date(2024, 2, 29))
    assert before.warnings and "尚未施行" in before.warnings[0] and "KFQ-32" in before.warnings[0]


@pytest.mark.clause("KFQ-25")
def test_kfq_25_fraud_bars_kfq_for_ten_years():
    fraud = [{"award": J, "reason": "fraud", "decided_on": "2025-03-01"}]
    result = judge(J, sanctions=fraud)
    assert fails(result, "KFQ-25") and result.status is Status.ineligible
    assert fails(judge(J, sanctions=fraud, as_of=dt.date(2035, 3, 1)), "KFQ-25")  # last day
    assert passes(judge(J, sanctions=fraud, as_of=dt.date(2035, 3, 2)), "KFQ-25")


@pytest.mark.clause("KFQ-25")
def test_kfq_25_fraud_bars_the_city_award_cross_level():
    fraud = [{"award": J, "reason": "fraud", "decided_on": "2025-03-01"}]
    city = judge("ganzhou_city", sanctions=fraud)
    assert city.status is Status.ineligible
    finding = next(f for f in city.findings if f.rule == "KFQ-25")
    assert finding.passed is False
    assert finding.citation == "赣经开政字〔2024〕12号 第二十五条"
    assert "2035-03-01" in finding.message


@pytest.mark.clause("KFQ-28")
def test_kfq_28_revocation_bars_city_award_for_five_years():
    revoked = [{"award": J, "reason": "revocation", "decided_on": "2025-03-01"}]
    assert fails(judge("ganzhou_city", sanctions=revoked), "KFQ-28")
    last = judge("ganzhou_city", sanctions=revoked, as_of=dt.date(2030, 3, 1))
    assert fails(last, "KFQ-28")  # barred through the corresponding day
    assert passes(judge("ganzhou_city", sanctions=revoked, as_of=dt.date(2030, 3, 2)), "KFQ-28")


@pytest.mark.clause("KFQ-21")
def test_kfq_21_any_winner_may_be_recommended_with_its_validity(catalog):
    recent = AwardRecord(
        J, Tier.quality, 2024, dt.date(2024, 12, 20), credit_code="91360703MA399JF903"
    )
    expired = AwardRecord(
        J, Tier.quality, 2020, dt.date(2020, 12, 20), credit_code="91350100M000100Y43"
    )
    found = candidates(catalog, [recent, expired], J, "ganzhou_city", AS_OF)
    assert [(c.record, c.valid) for c in found] == [(expired, False), (recent, True)]
    assert found[1].citation == "赣经开政字〔2024〕12号 第二十一条"
    assert found[1].valid_until == dt.date(2027, 12, 20)
    last = candidates(catalog, [recent], J, "ganzhou_city", dt.date(2027, 12, 20))
    after = candidates(catalog, [recent], J, "ganzhou_city", dt.date(2027, 12, 21))
    assert (last[0].valid, after[0].valid) == (True, False)
    with pytest.raises(KeyError):
        candidates(catalog, [recent], "ganzhou_city", J, AS_OF)


def test_kfq_result_carries_plugin_and_citations():
    result = evaluate(make_org(), J, AS_OF)
    assert all(f.citation.startswith("赣经开政字〔2024〕12号 第") for f in result.findings)
    assert all(f.plugin.startswith("ganzhou_kfq") for f in result.findings)


@pytest.mark.clause("KFQ-11-3a")
def test_kfq_11_3a_management_innovation_attested_for_manufacturers():
    att = dict(BASE["attestations"])
    assert passes(judge(J), "KFQ-11-3a")
    assert fails(judge(J, attestations=att | {"management_innovation": False}), "KFQ-11-3a")
    del att["management_innovation"]
    assert open_(judge(J, attestations=att), "KFQ-11-3a")
    # 第十一条（三） binds manufacturing enterprises only
    assert passes(judge(J, sector="service", attestations=att), "KFQ-11-3a")
