"""会昌县“会昌独好”质量奖 (会府办发〔2023〕10号, 试行): each clause passing and failing, the
trial period, and the cross-level cases with 赣州市 and the higher awards."""

import datetime as dt
from pathlib import Path

import pytest
from conftest import fails, judge, open_, passes
from qaward.catalog import choose_regulation
from qaward.engine import Status, evaluate
from qaward.grant import may_apply_again, prize, validity_window
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
    Sector,
    Tier,
)

J = "huichang"
AS_OF = dt.date(2025, 3, 1)  # inside the two-year trial (2023-07-01 .. 2025-06-30)
RECOMMENDED = [{"award": J, "by": "筠门岭镇人民政府"}]
EXAMPLE = Path(__file__).with_name(
    "org_huichang_fluorine.yaml"
)  # a link to examples/, a copy in the sdist
HC_CLAUSES = {
    "HC-3",
    "HC-5",
    "HC-6",
    "HC-8",
    "HC-13-1",
    "HC-13-2",
    "HC-13-3",
    "HC-13-4",
    "HC-13-6",
    "HC-14",
    "HC-15",
    "HC-21",
    "HC-22",
    "HC-23",
    "HC-26",
    "HC-28",
    "HC-33",
}


def hc(as_of: dt.date = AS_OF, jurisdiction: str = J, **changes):
    """The shared baseline, registered in 会昌县 and recommended by a township government."""
    base = {"region": "360733", "recommendations": RECOMMENDED}
    return judge(jurisdiction, as_of, **(base | changes))


def _decl(catalog):
    return catalog.declarations(J, AS_OF)[0]


def test_baseline_is_eligible_without_warnings():
    result = hc()
    assert result.status is Status.eligible, [f for f in result.findings if not f.passed]
    assert result.document == "会府办发〔2023〕10号" and result.warnings == ()


def test_inventory_lists_every_clause(catalog):
    assert {c.id for c in _decl(catalog).regulation.clauses} == HC_CLAUSES


def test_example_organisation_is_eligible():
    org = load(EXAMPLE, Organization)
    assert evaluate(org, J, dt.date(2025, 4, 1)).status is Status.eligible
    assert evaluate(org, "ganzhou_city", dt.date(2025, 4, 1)).status is Status.ineligible


# --- 第三条 -------------------------------------------------------------------------------------


@pytest.mark.clause("HC-3")
def test_hc_3_recommended_by_a_township_passes():
    result = hc()
    assert passes(result, "HC-3")
    assert "筠门岭镇人民政府" in next(f.message for f in result.findings if f.rule == "HC-3")


@pytest.mark.clause("HC-3")
def test_hc_3_without_recommendation_fails():
    assert fails(hc(recommendations=[]), "HC-3")


@pytest.mark.clause("HC-3")
def test_hc_3_recommendation_for_another_award_does_not_count():
    other = [{"award": "ganzhou_city", "by": "会昌县市场监督管理局"}]
    assert fails(hc(recommendations=other), "HC-3")


# --- 第六条 -------------------------------------------------------------------------------------


@pytest.mark.clause("HC-6")
def test_hc_6_three_places_manufacturing_two_others_one(catalog):
    q = _decl(catalog).quota
    assert q.cycle_years == 2 and q.vacancy_allowed
    (tier,) = q.tiers
    assert (tier.tier, tier.places) == (Tier.quality, 3)
    caps = {c.label: c for c in tier.caps}
    assert caps["制造业"].max == 2 and caps["制造业"].sectors == {Sector.manufacturing}
    others = caps["服务业（含医疗、教育）、工程等"]
    assert others.max == 1
    assert {Sector.service, Sector.medical, Sector.education, Sector.engineering} <= others.sectors
    assert Sector.manufacturing not in others.sectors


@pytest.mark.clause("HC-6")
def test_hc_6_winner_waits_two_cycles():
    won = [{"award": J, "tier": "quality", "year": 2023, "granted_on": "2023-12-20"}]
    assert fails(hc(awards=won, as_of=dt.date(2027, 3, 1)), "HC-6")  # 2027 < 2023 + 6
    assert passes(hc(awards=won, as_of=dt.date(2029, 3, 1)), "HC-6")
    assert passes(hc(), "HC-6")


@pytest.mark.clause("HC-6", "HC-8")
def test_hc_6_and_8_first_win_pays_repeat_win_neither_pays_nor_takes_a_place(catalog):
    decl = _decl(catalog)
    first = prize(decl, Tier.quality, History())
    assert (first.yuan, first.clause) == (100_000, "HC-8")
    again = History(awards=(AwardRecord(J, Tier.quality, 2023, dt.date(2023, 12, 20)),))
    repeat = prize(decl, Tier.quality, again)
    assert (repeat.yuan, repeat.clause) == (0, "HC-6")
    terms = decl.validity.repeat
    assert (terms.gap_cycles, terms.money, terms.takes_place) == (2, False, False)
    assert may_apply_again(decl, 2023, dt.date(2023, 12, 20)) == 2029


# --- 第十三条（一） -----------------------------------------------------------------------------


@pytest.mark.clause("HC-13-1")
def test_hc_13_1_registered_in_huichang_passes():
    assert passes(hc(), "HC-13-1")
    assert passes(hc(region="huichang"), "HC-13-1")


@pytest.mark.clause("HC-13-1")
def test_hc_13_1_registered_elsewhere_fails():
    for region in ("360702", "ganzhou_kfq", "ganzhou_city", "410702"):
        assert fails(hc(region=region), "HC-13-1"), region


@pytest.mark.clause("HC-13-1")
def test_hc_13_1_legal_person_and_three_years():
    assert fails(hc(legal_person=False), "HC-13-1")
    assert passes(hc(established_on="2022-03-01"), "HC-13-1")
    assert fails(hc(established_on="2022-03-02"), "HC-13-1")
    assert open_(hc(established_on=None), "HC-13-1")


# --- 第十三条（二） -----------------------------------------------------------------------------


@pytest.mark.clause("HC-13-2")
def test_hc_13_2_attested_passes_refused_fails_unconfirmed_open():
    assert passes(hc(), "HC-13-2")
    refused = {"policy_compliant": True, "licences_complete": False, "industry_leading": True}
    assert fails(hc(attestations=refused), "HC-13-2")
    assert open_(hc(attestations={"licences_complete": True, "industry_leading": True}), "HC-13-2")


# --- 第十三条（三） -----------------------------------------------------------------------------


@pytest.mark.clause("HC-13-3")
def test_hc_13_3_certificate_of_any_age_passes():
    for standard in ("GB/T 19001", "ISO 14001", "GB/T 45001"):  # or a related management system
        fresh = [{"standard": standard, "since": AS_OF.isoformat()}]
        assert passes(hc(certifications=fresh), "HC-13-3"), standard


@pytest.mark.clause("HC-13-3")
def test_hc_13_3_no_valid_certificate_fails():
    assert fails(hc(certifications=[]), "HC-13-3")
    expired = [{"standard": "GB/T 19001", "since": "2018-01-01", "valid_until": "2025-02-28"}]
    assert fails(hc(certifications=expired), "HC-13-3")
    future = [{"standard": "GB/T 19001", "since": "2025-03-02"}]
    assert fails(hc(certifications=future), "HC-13-3")


# --- 第十三条（四） -----------------------------------------------------------------------------


@pytest.mark.clause("HC-13-4")
def test_hc_13_4_safety_level_three_or_better():
    assert passes(hc(safety_standardization_level=3), "HC-13-4")
    assert fails(hc(safety_standardization_level=None), "HC-13-4")


@pytest.mark.clause("HC-13-4")
def test_hc_13_4_profitable_in_each_of_the_last_two_years():
    assert passes(hc(), "HC-13-4")  # 2023 and 2024
    loss = [{"year": 2023, "profit": 5}, {"year": 2024, "profit": -1}]
    assert fails(hc(financials=loss), "HC-13-4")
    assert open_(hc(financials=[{"year": 2024, "profit": 5}]), "HC-13-4")


@pytest.mark.clause("HC-13-4")
def test_hc_13_4_nonprofit_needs_attested_contribution():
    np = {"policy_compliant": True, "licences_complete": True, "social_contribution": True}
    nonprofit = {"nonprofit": True, "financials": [], "safety_standardization_level": None}
    assert passes(hc(attestations=np, **nonprofit), "HC-13-4")
    assert fails(hc(attestations=dict(np, social_contribution=False), **nonprofit), "HC-13-4")


# --- 第十三条（六） -----------------------------------------------------------------------------


@pytest.mark.clause("HC-13-6")
def test_hc_13_6_listed_records_within_three_years_fail():
    failing = [
        dict(
            kind="accident",
            date="2024-05-01",
            category="production_safety",
            grade="general",
            deaths=1,
            liable=True,
        ),
        dict(kind="complaint", date="2024-05-01", major=True),
        dict(kind="quality_dispute", date="2024-05-01", liable=True),
        dict(kind="spot_check_failure", date="2024-05-01", level="county"),  # any authority
        dict(kind="dishonesty", date="2024-05-01", category="labor", severity="larger"),
        dict(kind="dishonesty", date="2024-05-01", category="statistics", severity="serious"),
        dict(kind="dishonesty", date="2024-05-01", category="tax", severity="major"),
        dict(kind="violation", date="2024-05-01", serious=False),
    ]
    for ev in failing:
        assert fails(hc(events=[ev]), "HC-13-6"), ev


@pytest.mark.clause("HC-13-6")
def test_hc_13_6_fatal_liability_accident_in_any_listed_field_bars():
    base = dict(kind="accident", date="2024-05-01", grade="general", deaths=1, liable=True)
    for category in ("quality", "environment", "public_health", "food_safety"):
        assert fails(hc(events=[base | {"category": category}]), "HC-13-6"), category
        assert passes(hc(events=[base | {"category": category, "deaths": 0}]), "HC-13-6")
    # the day exactly three years before the as-of date (2025-03-01) is inside the window
    assert fails(hc(events=[base | {"category": "food_safety", "date": "2022-03-01"}]), "HC-13-6")


@pytest.mark.clause("HC-13-6")
def test_hc_13_6_lesser_or_older_records_pass():
    passing = [
        dict(
            kind="accident",
            date="2024-05-01",
            category="production_safety",
            grade="larger",
            deaths=0,
            liable=True,
        ),
        dict(kind="complaint", date="2024-05-01", major=False),
        dict(kind="quality_dispute", date="2024-05-01", liable=False),
        dict(kind="dishonesty", date="2024-05-01", category="labor", severity="general"),
        dict(kind="dishonesty", date="2024-05-01", category="tax", severity="serious"),
        dict(kind="spot_check_failure", date="2022-02-28", level="national"),  # before the window
    ]
    for ev in passing:
        assert passes(hc(events=[ev]), "HC-13-6"), ev


@pytest.mark.clause("HC-13-6", "CITY-23")
def test_hc_13_6_valid_city_award_bars_until_it_expires():
    city = [{"award": "ganzhou_city", "tier": "quality", "year": 2024, "granted_on": "2024-12-20"}]
    assert fails(hc(awards=city), "HC-13-6")
    assert fails(hc(awards=city, as_of=dt.date(2027, 12, 20)), "HC-13-6")  # its last valid day
    expired = hc(awards=city, as_of=dt.date(2027, 12, 21))  # 3 years (CITY-23) have run
    assert passes(expired, "HC-13-6")
    assert expired.warnings  # and the trial text has lapsed by then (HC-33)


@pytest.mark.clause("HC-13-6")
def test_hc_13_6_city_nomination_award_does_not_bar():
    # 提名奖 is not 市长质量奖 (赣市府发〔2022〕15号第六条 sets two awards)
    nom = [
        {"award": "ganzhou_city", "tier": "nomination", "year": 2024, "granted_on": "2024-12-20"}
    ]
    assert passes(hc(awards=nom), "HC-13-6")


@pytest.mark.clause("HC-13-6")
def test_hc_13_6_county_level_award_does_not_bar():
    kfq = [{"award": "ganzhou_kfq", "tier": "quality", "year": 2024, "granted_on": "2024-12-20"}]
    assert passes(hc(awards=kfq), "HC-13-6")


@pytest.mark.clause("HC-13-6")
def test_hc_13_6_provincial_award_validity_from_the_record():
    jinggang = {"award": "jiangxi_jinggang", "tier": "quality", "year": 2023}
    valid = dict(jinggang, granted_on="2023-11-01", valid_until="2026-11-01")
    assert fails(hc(awards=[valid]), "HC-13-6")
    lapsed = dict(jinggang, granted_on="2021-11-01", valid_until="2024-11-01")
    assert passes(hc(awards=[lapsed]), "HC-13-6")
    unknown = dict(jinggang, granted_on="2023-11-01")  # no term known: never silently a pass
    result = hc(awards=[unknown])
    assert open_(result, "HC-13-6") and result.status is Status.undetermined


# --- scoring, publicity, approval, validity ----------------------------------------------------


@pytest.mark.clause("HC-5", "HC-15", "HC-14")
def test_hc_5_and_15_scoring_covers_three_years_with_the_review_preference(catalog):
    s = _decl(catalog).scoring
    assert (s.clause, s.covers_years) == ("HC-5", 3)
    (pref,) = s.preferences
    assert pref.clause == "HC-15"
    assert {p.value for p in pref.preferences} == {"leading_enterprise"}  # HC-14: no effect


@pytest.mark.clause("HC-21", "HC-22")
def test_hc_21_publicity_ten_days_and_22_county_executive_meeting(catalog):
    reg = _decl(catalog).regulation
    p = reg.publicity
    assert (p.clause, p.days, p.working_days, p.at_least) == ("HC-21", 10, False, False)
    assert "县政府常务会议" in reg.approval


@pytest.mark.clause("HC-23")
def test_hc_23_valid_three_years_from_the_grant(catalog):
    decl = _decl(catalog)
    window = validity_window(decl, dt.date(2024, 1, 10))
    assert (window.last_day, window.clause) == (dt.date(2027, 1, 10), "HC-23")
    assert "产品" in decl.validity.title_use and "获奖年度" in decl.validity.title_use


# --- 第二十六条、第二十八条 ---------------------------------------------------------------------

FOUR_AWARDS = ("huichang", "ganzhou_city", "jiangxi_jinggang", "china_quality_award")


def _term(catalog, reason):
    return next(t for t in _decl(catalog).sanctions if t.reason is reason)


@pytest.mark.clause("HC-26")
def test_hc_26_fraud_terms(catalog):
    term = _term(catalog, SanctionReason.fraud)
    assert (term.clause, term.ban_years, term.ban_awards) == ("HC-26", 10, FOUR_AWARDS)
    assert term.revoke and term.clawback and term.notice
    assert any(t.matches(Fraud(dt.date(2025, 1, 1))) for t in term.events)


@pytest.mark.clause("HC-26")
def test_hc_26_fraud_bars_huichang_for_ten_years():
    fraud = [{"award": J, "reason": "fraud", "decided_on": "2024-03-01"}]
    assert fails(hc(sanctions=fraud), "HC-26")
    assert fails(hc(sanctions=fraud, as_of=dt.date(2034, 3, 1)), "HC-26")  # the ban's last day
    assert passes(hc(sanctions=fraud, as_of=dt.date(2034, 3, 2)), "HC-26")


@pytest.mark.clause("HC-26")
def test_hc_26_huichang_fraud_bars_the_city_award_cross_level():
    fraud = [{"award": J, "reason": "fraud", "decided_on": "2024-03-01"}]
    city = hc(jurisdiction="ganzhou_city", sanctions=fraud, as_of=dt.date(2026, 9, 1))
    finding = next(f for f in city.findings if f.rule == "HC-26")
    assert finding.passed is False and city.status is Status.ineligible
    assert finding.citation == "会府办发〔2023〕10号 第二十六条"
    assert "2034-03-01" in finding.message


@pytest.mark.clause("HC-28")
def test_hc_28_revocation_terms_and_triggers(catalog):
    term = _term(catalog, SanctionReason.revocation)
    assert (term.clause, term.ban_years, term.ban_awards) == ("HC-28", 5, FOUR_AWARDS)
    assert term.revoke and term.notice and not term.clawback and term.window == "validity"
    larger = Accident(dt.date(2025, 1, 1), AccidentCategory.food_safety, Grade.larger, liable=True)
    general = Accident(dt.date(2025, 1, 1), AccidentCategory.quality, Grade.general, liable=True)
    assert any(t.matches(larger) for t in term.events)
    assert not any(t.matches(general) for t in term.events)


@pytest.mark.clause("HC-28")
def test_hc_28_revocation_bars_huichang_and_city_for_five_years():
    revoked = [{"award": J, "reason": "revocation", "decided_on": "2024-06-01"}]
    assert fails(hc(sanctions=revoked), "HC-28")
    assert fails(hc(jurisdiction="ganzhou_city", sanctions=revoked), "HC-28")
    last = dt.date(2029, 6, 1)
    assert fails(hc(sanctions=revoked, as_of=last), "HC-28")  # barred through the day
    later = dt.date(2029, 6, 2)
    assert passes(hc(sanctions=revoked, as_of=later), "HC-28")
    assert passes(hc(jurisdiction="ganzhou_city", sanctions=revoked, as_of=later), "HC-28")


@pytest.mark.clause("CITY-28")
def test_city_28_city_fraud_ban_does_not_name_huichang():
    # 赣市府发〔2022〕15号第二十八条 bans from the city, 井冈 and 中国质量奖 only
    fraud = [{"award": "ganzhou_city", "reason": "fraud", "decided_on": "2024-03-01"}]
    result = hc(sanctions=fraud)
    assert not [f for f in result.findings if f.rule == "CITY-28"]
    assert result.status is Status.eligible


# --- 第三十三条: the trial text -----------------------------------------------------------------


@pytest.mark.clause("HC-33")
def test_hc_33_in_force_during_the_two_year_trial(catalog):
    reg = _decl(catalog).regulation
    for day in (dt.date(2023, 7, 1), dt.date(2025, 6, 30)):
        assert choose_regulation((reg,), day) == (reg, [])
        assert hc(as_of=day).warnings == ()


@pytest.mark.clause("HC-33")
def test_hc_33_lapsed_after_2025_06_30_warns(catalog):
    reg = _decl(catalog).regulation
    chosen, warnings = choose_regulation((reg,), dt.date(2025, 7, 1))
    assert chosen is reg and len(warnings) == 1
    assert "期满失效" in warnings[0] and "HC-33" in warnings[0]
    result = hc(as_of=dt.date(2025, 7, 1))
    assert result.warnings == tuple(warnings)
    assert result.status is Status.eligible  # still evaluated, with the warning


@pytest.mark.clause("HC-33")
def test_hc_33_before_2023_07_01_not_yet_in_force_warns(catalog):
    reg = _decl(catalog).regulation
    chosen, warnings = choose_regulation((reg,), dt.date(2023, 6, 30))
    assert chosen is reg and len(warnings) == 1
    assert "尚未施行" in warnings[0] and "HC-33" in warnings[0]
    assert hc(as_of=dt.date(2023, 6, 30)).warnings == tuple(warnings)


# --- regions -----------------------------------------------------------------------------------


@pytest.mark.clause("HC-13-1", "CITY-13-1")
def test_huichang_and_kfq_lie_inside_ganzhou_city(catalog):
    for region in ("360733", "huichang", "ganzhou_kfq"):
        assert catalog.contains("ganzhou_city", region), region
        assert catalog.contains("jiangxi_jinggang", region), region
    assert not catalog.contains(J, "ganzhou_kfq")
    assert passes(hc(jurisdiction="ganzhou_city"), "CITY-13-1")
