"""金华市金东区人民政府质量奖评审管理办法（2022年修订）（征求意见稿）: each clause passing and failing."""

import datetime as dt
from pathlib import Path

import pytest
from conftest import AS_OF, fails, judge, make_org, open_, passes
from qaward import io
from qaward.coverage import coverage
from qaward.engine import Status, evaluate, evaluate_all
from qaward.events import AccidentTest, FraudTest, ViolationTest
from qaward.grant import higher_award_bonus, prize, validity_window
from qaward.history import History
from qaward.model import (
    Accident,
    AccidentCategory,
    AwardRecord,
    Fraud,
    Grade,
    Organization,
    SanctionReason,
    Tier,
    Violation,
)
from qaward.terms import Status as RegStatus

J = "jindong"
EXAMPLE = Path(__file__).with_name(
    "org_jindong_machinery.yaml"
)  # a link to examples/, a copy in the sdist

# The conftest baseline moved to 金东区 and recommended by a town government (JD-1-4).
JD_BASE = {
    "name": "金华溪泉机械科技有限公司",
    "credit_code": "91330703MA2HQ7K471",
    "region": "330703",
    "recommendations": [{"award": J, "by": "孝顺镇人民政府"}],
}
ALL_IDS = [
    "JD-1-1",
    "JD-1-23",
    "JD-1-4",
    "JD-1-5",
    "JD-1-6",
    "JD-2-4",
    "JD-3-1",
    "JD-3-2-1",
    "JD-3-2-2",
    "JD-3-2-3",
    "JD-3-2-4",
    "JD-3-2-5",
    "JD-3-2-6",
    "JD-3-2-7",
    "JD-3-3",
    "JD-3-4",
    "JD-4-2",
    "JD-5-3-2",
    "JD-5-4-2",
    "JD-6-1",
    "JD-6-2",
    "JD-7-2",
    "JD-7-4",
    "JD-7-5",
    "JD-8",
]


ATTESTED = (
    "policy_compliant",
    "licences_complete",
    "industry_leading",
    "social_responsibility",
    "excellence_results",
)


def jd(as_of: dt.date = AS_OF, **changes):
    return judge(J, as_of, **(JD_BASE | changes))


def _decl(catalog):
    return catalog.declarations(J, AS_OF)[0]


def _won(tier: str, year: int) -> AwardRecord:
    return AwardRecord(J, Tier(tier), year, dt.date(year, 12, 20))


def test_baseline_is_eligible():
    result = jd()
    assert result.status is Status.eligible, [f for f in result.findings if not f.passed]
    assert result.document == "金华市金东区人民政府质量奖评审管理办法（2022年修订）（征求意见稿）"
    assert all(f.citation.startswith(result.document + " ") for f in result.findings)
    assert all(f.plugin.startswith("jindong") for f in result.findings)


def test_example_organisation_is_eligible():
    org = io.load(EXAMPLE, Organization)
    assert org.credit_code[:8] == "91330703"
    result = evaluate(org, J, AS_OF)
    assert result.status is Status.eligible
    assert passes(result, "JD-3-4")  # its repaired tax dishonesty no longer bars


# --- 一 总体要求 --------------------------------------------------------------------------------


@pytest.mark.clause("JD-1-1")
def test_jd_1_1_two_awards_quality_and_innovation(catalog):
    j = catalog.jurisdiction(J)
    assert j.tier_names == {
        Tier.quality: "金华市金东区人民政府质量奖",
        Tier.innovation: "金东区人民政府质量管理创新奖",
    }
    assert [t.tier for t in _decl(catalog).quota.tiers] == [Tier.quality, Tier.innovation]
    assert Tier.nomination not in j.tier_names


@pytest.mark.clause("JD-1-23")
def test_jd_1_23_the_four_fields_pass():
    for sector in ("manufacturing", "engineering", "service", "environmental"):
        assert passes(jd(sector=sector), "JD-1-23"), sector


@pytest.mark.clause("JD-1-23")
def test_jd_1_23_agriculture_medical_education_are_inside():
    # agriculture: 三（一）"一、二、三产业组织" and 一（六）现代农业; medical, education: 服务提供
    for sector in ("agriculture", "medical", "education"):
        assert passes(jd(sector=sector), "JD-1-23"), sector


@pytest.mark.clause("JD-1-23")
def test_jd_1_23_excludes_no_sector_and_needs_none():
    # 三（一）"一、二、三产业组织均可申报": other and unknown sectors are not barred
    assert passes(jd(sector="other"), "JD-1-23")
    assert passes(jd(sector=None), "JD-1-23")


@pytest.mark.clause("JD-3-2-2", "JD-3-2-4", "JD-3-2-6")
def test_jd_3_2_attested_conditions_pass_fail_or_wait():
    for clause, attestation in (
        ("JD-3-2-2", "policy_compliant"),
        ("JD-3-2-4", "industry_leading"),
        ("JD-3-2-6", "social_responsibility"),
    ):
        base = jd().findings  # the baseline attests all
        assert all(f.passed for f in base if f.rule == clause), clause
        att = {k: True for k in ATTESTED} | {attestation: False}
        assert fails(jd(attestations=att), clause), clause
        del att[attestation]
        assert open_(jd(attestations=att), clause), clause


@pytest.mark.clause("JD-3-2-3")
def test_jd_3_2_3_excellence_model_in_operation_with_results_attested():
    assert passes(jd(), "JD-3-2-3")
    assert fails(jd(excellence_model_since=None), "JD-3-2-3")
    assert fails(jd(excellence_model_since="2026-09-02"), "JD-3-2-3")  # not yet adopted
    assert passes(jd(excellence_model_since="2026-09-01"), "JD-3-2-3")  # in operation, any age
    att = {k: True for k in ATTESTED if k != "excellence_results"}
    assert open_(jd(attestations=att), "JD-3-2-3")
    assert fails(jd(attestations=att | {"excellence_results": False}), "JD-3-2-3")


@pytest.mark.clause("JD-1-4")
def test_jd_1_4_recommended_by_town_passes():
    result = jd(recommendations=[{"award": J, "by": "多湖街道办事处"}])
    assert passes(result, "JD-1-4")


@pytest.mark.clause("JD-1-4")
def test_jd_1_4_no_recommendation_fails():
    assert fails(jd(recommendations=[]), "JD-1-4")
    # a recommendation for another award does not count
    other = [{"award": "huichang", "by": "筠门岭镇人民政府"}]
    assert fails(jd(recommendations=other), "JD-1-4")


@pytest.mark.clause("JD-1-5")
def test_jd_1_5_yearly_cycle_three_places_per_award(catalog):
    q = _decl(catalog).quota
    assert q.cycle_years == 1
    assert [(t.tier, t.places, t.caps) for t in q.tiers] == [
        (Tier.quality, 3, ()),
        (Tier.innovation, 3, ()),
    ]
    assert q.tiers[0].places != 5  # not the city's five places


@pytest.mark.clause("JD-1-6", "JD-3-2-5")
def test_jd_1_6_encourages_only_3_2_5_is_the_review_preference(catalog):
    decl = _decl(catalog)
    prefs = {p.clause: {x.value for x in p.preferences} for p in decl.scoring.preferences}
    assert prefs == {"JD-3-2-5": {"pinzi_brand", "patent_demo", "high_tech"}}
    jd_1_6 = next(c for c in decl.regulation.clauses if c.id == "JD-1-6")
    assert jd_1_6.disposition is not None and "不影响排名" in jd_1_6.summary


# --- 三 申报条件 --------------------------------------------------------------------------------


@pytest.mark.clause("JD-3-1")
def test_jd_3_1_registered_in_jindong_passes():
    assert passes(jd(region="330703"), "JD-3-1")
    assert passes(jd(region="jindong"), "JD-3-1")


@pytest.mark.clause("JD-3-1")
def test_jd_3_1_elsewhere_in_jinhua_or_not_a_legal_person_fails():
    assert fails(jd(region="330702"), "JD-3-1")  # 婺城区, same city
    assert fails(jd(region="jinhua_government"), "JD-3-1")
    assert fails(jd(region="360733"), "JD-3-1")
    assert fails(jd(legal_person=False), "JD-3-1")


@pytest.mark.clause("JD-3-2-1")
def test_jd_3_2_1_exactly_three_years_passes_one_day_less_fails():
    assert passes(jd(established_on="2023-09-01"), "JD-3-2-1")
    assert fails(jd(established_on="2023-09-02"), "JD-3-2-1")
    assert open_(jd(established_on=None), "JD-3-2-1")


@pytest.mark.clause("JD-3-2-7")
def test_jd_3_2_7_tax_per_mu_200000_inclusive():
    assert passes(jd(tax_per_mu=200_000), "JD-3-2-7")  # 含
    assert fails(jd(tax_per_mu=199_999), "JD-3-2-7")


@pytest.mark.clause("JD-3-2-7")
def test_jd_3_2_7_only_industrial_enterprises_need_the_tax_figure():
    assert passes(jd(industrial=False, tax_per_mu=None), "JD-3-2-7")
    assert open_(jd(tax_per_mu=None), "JD-3-2-7")
    assert open_(jd(industrial=None), "JD-3-2-7")


@pytest.mark.clause("JD-3-2-7")
def test_jd_3_2_7_mu_efficiency_ranking_is_attested():
    confirmed = {"policy_compliant": True, "industry_leading": False}
    assert fails(jd(attestations=confirmed), "JD-3-2-7")
    assert open_(jd(attestations={}), "JD-3-2-7")


def _ev(**kw):
    return [dict({"date": "2025-05-01"}, **kw)]


@pytest.mark.clause("JD-3-3")
def test_jd_3_3_major_accident_of_any_listed_kind_fails_liable_or_not():
    for category in ("quality", "production_safety", "environment", "public_health"):
        ev = _ev(kind="accident", category=category, grade="major")
        assert fails(jd(events=ev), "JD-3-3"), category
    worst = _ev(kind="accident", category="quality", grade="especially_major", liable=False)
    assert fails(jd(events=worst), "JD-3-3")


@pytest.mark.clause("JD-3-3")
def test_jd_3_3_accident_below_major_passes():
    for grade in ("general", "larger"):
        ev = _ev(kind="accident", category="production_safety", grade=grade, liable=True)
        assert passes(jd(events=ev), "JD-3-3"), grade


@pytest.mark.clause("JD-3-3")
def test_jd_3_3_serious_violation_fails_minor_passes():
    assert fails(jd(events=_ev(kind="violation", serious=True)), "JD-3-3")
    assert passes(jd(events=_ev(kind="violation", serious=False)), "JD-3-3")
    assert open_(jd(events=_ev(kind="violation")), "JD-3-3")


@pytest.mark.clause("JD-3-3")
def test_jd_3_3_serious_spot_check_failure_at_any_level_fails():
    for level in ("county", "municipal", "provincial", "national"):
        ev = _ev(kind="spot_check_failure", level=level, serious=True)
        assert fails(jd(events=ev), "JD-3-3"), level
    minor = _ev(kind="spot_check_failure", level="national", serious=False)
    assert passes(jd(events=minor), "JD-3-3")


@pytest.mark.clause("JD-3-3")
def test_jd_3_3_liable_major_complaint_fails():
    assert fails(jd(events=_ev(kind="complaint", major=True, liable=True)), "JD-3-3")
    assert passes(jd(events=_ev(kind="complaint", major=True, liable=False)), "JD-3-3")
    assert passes(jd(events=_ev(kind="complaint", major=False, liable=True)), "JD-3-3")
    assert open_(jd(events=_ev(kind="complaint", major=True)), "JD-3-3")


@pytest.mark.clause("JD-3-3")
def test_jd_3_3_window_is_three_years_before_as_of():
    old = [{"kind": "violation", "date": "2023-08-31", "serious": True}]
    inside = [{"kind": "violation", "date": "2023-09-01", "serious": True}]  # exactly 3 years
    assert passes(jd(events=old), "JD-3-3")
    assert fails(jd(events=inside), "JD-3-3")


@pytest.mark.clause("JD-3-4")
def test_jd_3_4_repaired_and_confirmed_dishonesty_no_longer_bars_and_is_cited():
    ev = _ev(kind="dishonesty", category="tax", severity="serious", repaired=True)
    result = jd(events=ev)
    assert passes(result, "JD-3-3") and passes(result, "JD-3-4")
    (lift,) = [f for f in result.findings if f.rule == "JD-3-4"]
    assert "不作为否决条件" in lift.message and lift.facts["lifted"]
    assert result.status is Status.eligible


@pytest.mark.clause("JD-3-3")
def test_jd_3_3_unrepaired_serious_dishonesty_fails_cited_to_3_3():
    for severity in ("serious", "major"):
        ev = _ev(kind="dishonesty", category="labor", severity=severity)
        result = jd(events=ev)
        assert fails(result, "JD-3-3"), severity
        assert passes(result, "JD-3-4")  # nothing to lift
    minor = _ev(kind="dishonesty", category="labor", severity="larger")
    assert passes(jd(events=minor), "JD-3-3")  # "严重" governs dishonesty too


# --- 四 评审标准、五 评审程序 -------------------------------------------------------------------


@pytest.mark.clause("JD-4-2")
def test_jd_4_2_quality_needs_610(catalog):
    s = _decl(catalog).scoring
    assert (s.total, s.standard) == (1000, "GB/T 19580、GB/Z 19579")
    assert s.meets(Tier.quality, 610)
    assert not s.meets(Tier.quality, 609)


@pytest.mark.clause("JD-4-2")
def test_jd_4_2_innovation_needs_600(catalog):
    s = _decl(catalog).scoring
    assert s.meets(Tier.innovation, 600)
    assert not s.meets(Tier.innovation, 599)
    assert s.meets(Tier.innovation, 605) and not s.meets(Tier.quality, 605)


@pytest.mark.clause("JD-5-3-2")
def test_jd_5_3_2_at_most_eight_on_site(catalog):
    cap = _decl(catalog).quota.onsite
    assert (cap.max, cap.clause, cap.article) == (8, "JD-5-3-2", "五（三）2")
    assert catalog.declarations("ganzhou_city", AS_OF)[0].quota.onsite is None


@pytest.mark.clause("JD-5-4-2")
def test_jd_5_4_2_publicity_seven_calendar_days(catalog):
    p = _decl(catalog).regulation.publicity
    assert (p.days, p.working_days, p.at_least, p.clause) == (7, False, False, "JD-5-4-2")


# --- 六 表彰奖励 --------------------------------------------------------------------------------


@pytest.mark.clause("JD-6-1")
def test_jd_6_1_first_quality_award_500000(catalog):
    money = prize(_decl(catalog), Tier.quality, History())
    assert (money.yuan, money.clause) == (500_000, "JD-6-1")


@pytest.mark.clause("JD-6-1")
def test_jd_6_1_quality_after_innovation_350000(catalog):
    history = History(awards=(_won("innovation", 2024),))
    money = prize(_decl(catalog), Tier.quality, history)
    assert (money.yuan, money.clause) == (350_000, "JD-6-1")


@pytest.mark.clause("JD-6-1")
def test_jd_6_1_first_innovation_150000(catalog):
    money = prize(_decl(catalog), Tier.innovation, History())
    assert (money.yuan, money.clause) == (150_000, "JD-6-1")


@pytest.mark.clause("JD-6-1")
def test_jd_6_1_repeat_innovation_gets_no_money(catalog):
    history = History(awards=(_won("innovation", 2024),))
    money = prize(_decl(catalog), Tier.innovation, history)
    assert (money.yuan, money.clause) == (0, "JD-6-1")
    assert "不重复兑现" in money.text


@pytest.mark.clause("JD-6-1")
def test_jd_6_1_second_quality_award_is_paid_500000(catalog):
    # the text excepts only a repeat 创新奖 from payment: a second 质量奖 is paid again
    for earlier in ((_won("quality", 2024),), (_won("innovation", 2023), _won("quality", 2024))):
        money = prize(_decl(catalog), Tier.quality, History(awards=earlier))
        assert (money.yuan, money.clause) == (500_000, "JD-6-1")
    first = prize(_decl(catalog), Tier.quality, History(awards=(_won("innovation", 2023),)))
    assert first.yuan == 350_000  # an 创新奖 holder's first 质量奖


@pytest.mark.clause("JD-6-2")
def test_jd_6_2_jinhua_awards_bring_1000000_and_300000(catalog):
    decl = _decl(catalog)
    quality = AwardRecord("jinhua_government", Tier.quality, 2025, dt.date(2025, 12, 1))
    innovation = AwardRecord("jinhua_government", Tier.innovation, 2025, dt.date(2025, 12, 1))
    assert higher_award_bonus(decl, quality).yuan == 1_000_000
    assert higher_award_bonus(decl, innovation).yuan == 300_000
    assert higher_award_bonus(decl, quality).citation.endswith(" 六（二）")


@pytest.mark.clause("JD-6-2")
def test_jd_6_2_province_and_china_amount_not_fixed(catalog):
    decl = _decl(catalog)
    for award in ("zhejiang_government", "china_quality_award"):
        bonus = higher_award_bonus(
            decl, AwardRecord(award, Tier.quality, 2025, dt.date(2025, 1, 1))
        )
        assert bonus.yuan is None and "财政体制" in bonus.text, award


@pytest.mark.clause("JD-6-2")
def test_jd_6_2_other_awards_bring_nothing(catalog):
    decl = _decl(catalog)
    city = AwardRecord("ganzhou_city", Tier.quality, 2025, dt.date(2025, 1, 1))
    own = _won("quality", 2025)
    assert higher_award_bonus(decl, city) is None
    assert higher_award_bonus(decl, own) is None


# --- 七 监督与管理 ------------------------------------------------------------------------------


def _term(catalog, reason):
    return next(t for t in _decl(catalog).sanctions if t.reason is reason)


@pytest.mark.clause("JD-7-2")
def test_jd_7_2_fraud_revokes_recovers_and_records_credit(catalog):
    term = _term(catalog, SanctionReason.fraud)
    assert (term.revoke, term.clawback, term.notice, term.ban_years) == (True, True, True, None)
    assert "信用档案" in term.extra and term.window == "any"
    assert any(t.matches(Fraud(dt.date(2026, 1, 1))) for t in term.events)
    assert not any(t.matches(Violation(dt.date(2026, 1, 1), serious=True)) for t in term.events)
    assert term.events == (FraudTest(),)


@pytest.mark.clause("JD-7-2", "JD-3-3")
def test_jd_7_2_fraud_sets_no_ban_term_but_is_serious_dishonesty_for_three_years():
    fraud = [{"award": J, "reason": "fraud", "decided_on": "2023-09-01"}]
    result = jd(sanctions=fraud)  # as of 2026-09-01: exactly three years after the decision
    assert not [f for f in result.findings if f.rule == "JD-7-2"]
    assert fails(result, "JD-3-3") and result.status is Status.ineligible
    assert any("严重诚信缺失" in f.message for f in result.findings if f.rule == "JD-3-3")
    later = jd(sanctions=fraud, as_of=dt.date(2026, 9, 2))
    assert passes(later, "JD-3-3")
    other = [{"award": "ganzhou_kfq", "reason": "fraud", "decided_on": "2025-03-01"}]
    assert passes(jd(sanctions=other), "JD-3-3")


@pytest.mark.clause("JD-7-4")
def test_jd_7_4_title_use_and_no_validity_term(catalog):
    decl = _decl(catalog)
    v = decl.validity
    assert v.years is None and v.not_stated and v.repeat is None
    assert "获奖年份" in v.title_use and "不得用于产品宣传" in v.title_use
    assert validity_window(decl, dt.date(2025, 12, 20)).last_day is None
    assert catalog.valid_until(_won("quality", 2025)) is None  # not invented


@pytest.mark.clause("JD-7-5")
def test_jd_7_5_window_two_years_after_grant(catalog):
    term = _term(catalog, SanctionReason.revocation)
    assert (term.window, term.window_years) == ("years_after_grant", 2)
    assert (term.revoke, term.clawback, term.notice, term.ban_years) == (True, True, True, None)


@pytest.mark.clause("JD-7-5")
def test_jd_7_5_major_quality_or_safety_accident_or_serious_violation_triggers(catalog):
    term = _term(catalog, SanctionReason.revocation)
    day = dt.date(2026, 5, 1)

    def triggers(event):
        return any(t.matches(event) for t in term.events)

    assert triggers(Accident(day, AccidentCategory.quality, Grade.major))
    assert triggers(Accident(day, AccidentCategory.production_safety, Grade.especially_major))
    assert triggers(Violation(day, serious=True))
    assert not triggers(Accident(day, AccidentCategory.quality, Grade.larger, liable=True))
    assert not triggers(Violation(day, serious=False))
    assert isinstance(term.events[0], AccidentTest) and isinstance(term.events[1], ViolationTest)


# --- 八 附则 ------------------------------------------------------------------------------------


@pytest.mark.clause("JD-8")
def test_jd_8_draft_with_no_effective_date(catalog):
    reg = _decl(catalog).regulation
    assert (reg.status, reg.effective_from, reg.note) == (
        RegStatus.draft,
        None,
        "公布之日起30日后施行",
    )
    assert "2021年修订" in reg.repeals


@pytest.mark.clause("JD-8")
def test_jd_8_draft_warning_on_every_result():
    for result in (
        jd(),
        jd(region="330702"),  # ineligible
        jd(tax_per_mu=None),  # undetermined
        jd(as_of=dt.date(2030, 1, 1)),
    ):
        assert len(result.warnings) == 1, result.status
        assert "征求意见稿" in result.warnings[0] and "JD-8" in result.warnings[0]


@pytest.mark.clause("JD-8")
def test_jd_8_warning_is_jindongs_alone():
    results = evaluate_all(make_org(**JD_BASE), AS_OF, ["ganzhou_city", J])
    by_id = {r.jurisdiction: r for r in results}
    assert by_id["ganzhou_city"].warnings == ()
    assert by_id[J].warnings


def test_jd_clauses_lists_every_id(catalog):
    rows = [r for r in coverage(catalog) if r["jurisdiction"] == J]
    assert [r["clause"] for r in rows] == ALL_IDS
    assert not [r["clause"] for r in rows if r["status"] == "not yet"]
    out = {r["clause"] for r in rows if r["status"] == "out-of-scope"}
    assert out == {"JD-1-1", "JD-1-6", "JD-2-4"}
    assert all(r["reason"] for r in rows if r["status"] != "encoded")


@pytest.mark.clause("JD-3-3", "JD-3-4")
def test_jd_3_4_repaired_fraud_record_no_longer_counts_and_is_cited():
    fraud = {"award": J, "reason": "fraud", "decided_on": "2025-03-01"}
    assert fails(jd(sanctions=[fraud]), "JD-3-3")
    repaired = jd(sanctions=[fraud | {"repaired": True}])
    assert passes(repaired, "JD-3-3")
    (lift,) = [f for f in repaired.findings if f.rule == "JD-3-4"]
    assert "2025-03-01" in lift.message and "不作为否决条件" in lift.message
