"""Sanction cases (处理) judged by the awarding jurisdiction's terms (qaward.sanction.judge_case):
which clause applies, revoke / clawback / notice, the bans across awards, and "no sanction" when
the event falls outside the window or matches no term."""

import datetime as dt

import pytest
from attrs import evolve
from qaward.io import InputError, structure, unstructure
from qaward.model import Ban, SanctionCase
from qaward.sanction import Verdict, judge_case

CODE = "91360703MA399JF903"


def case(award, event, decided_on, granted_on="2024-12-20", tier="quality", year=None):
    record = {
        "award": award,
        "tier": tier,
        "year": year or int(granted_on[:4]),
        "granted_on": granted_on,
        "credit_code": CODE,
    }
    return structure({"record": record, "event": event, "decided_on": decided_on}, SanctionCase)


def accident(date, grade="larger", category="quality", liable=True, deaths=0):
    return {
        "kind": "accident",
        "date": date,
        "category": category,
        "grade": grade,
        "liable": liable,
        "deaths": deaths,
    }


def bans(outcome):
    return {(b.award, b.until) for b in outcome.bans}


@pytest.mark.clause("KFQ-25")
def test_kfq_25_fraud_revokes_claws_back_and_bans_three_awards_for_ten_years(catalog):
    out = judge_case(
        case("ganzhou_kfq", {"kind": "fraud", "date": "2024-06-01"}, "2025-03-01"), catalog
    )
    assert out.verdict is Verdict.sanction and out.clause == "KFQ-25"
    assert (out.revoke, out.clawback, out.notice) == (True, True, True)
    assert out.citation == "赣经开政字〔2024〕12号 第二十五条"
    until = dt.date(2035, 3, 1)
    assert bans(out) == {(a, until) for a in ("ganzhou_kfq", "ganzhou_city", "jiangxi_jinggang")}


@pytest.mark.clause("KFQ-25")
def test_kfq_25_fraud_found_after_validity_still_sanctioned(catalog):
    # 弄虚作假 is not limited to the validity period (window "any")
    out = judge_case(
        case("ganzhou_kfq", {"kind": "fraud", "date": "2024-06-01"}, "2029-01-10"), catalog
    )
    assert out.verdict is Verdict.sanction and out.window is None


@pytest.mark.clause("KFQ-28")
def test_kfq_28_larger_accident_during_validity_revokes_and_bans_five_years(catalog):
    out = judge_case(case("ganzhou_kfq", accident("2025-06-01"), "2025-07-01"), catalog)
    assert out.verdict is Verdict.sanction and out.clause == "KFQ-28"
    assert (out.revoke, out.clawback, out.notice) == (True, True, True)
    assert bans(out) == {
        (a, dt.date(2030, 7, 1)) for a in ("ganzhou_kfq", "ganzhou_city", "jiangxi_jinggang")
    }
    assert out.window == (dt.date(2024, 12, 20), dt.date(2027, 12, 20))


@pytest.mark.clause("KFQ-28")
def test_kfq_28_event_after_validity_is_no_sanction(catalog):
    # granted 2024-12-20: valid through 2027-12-20 (民法典第二百零二条), the last day included
    last_day = judge_case(case("ganzhou_kfq", accident("2027-12-20"), "2028-01-10"), catalog)
    after = judge_case(case("ganzhou_kfq", accident("2027-12-21"), "2028-01-10"), catalog)
    assert last_day.verdict is Verdict.sanction
    assert after.verdict is Verdict.no_sanction and not after.bans
    assert "有效期" in after.message and "KFQ-28" in after.message


@pytest.mark.clause("KFQ-28")
def test_kfq_28_general_accident_and_unrelated_events_are_no_sanction(catalog):
    general = judge_case(
        case("ganzhou_kfq", accident("2025-06-01", grade="general"), "2025-07-01"), catalog
    )
    assert general.verdict is Verdict.no_sanction and "不属于" in general.message
    loss = {"kind": "operating_loss", "date": "2025-06-01", "years": 1}
    assert (
        judge_case(case("ganzhou_kfq", loss, "2025-07-01"), catalog).verdict is Verdict.no_sanction
    )
    loss2 = dict(loss, years=2)
    assert judge_case(case("ganzhou_kfq", loss2, "2025-07-01"), catalog).verdict is Verdict.sanction


@pytest.mark.clause("KFQ-28")
def test_kfq_28_3_export_notice_needs_serious_damage(catalog):
    def judged(**facts):
        export = {"kind": "export_notice", "date": "2025-06-01"} | facts
        return judge_case(case("ganzhou_kfq", export, "2025-07-01"), catalog)

    serious = judged(outcome="notice", serious_damage=True)
    assert serious.verdict is Verdict.sanction and serious.clause == "KFQ-28"
    assert judged(outcome="claim", serious_damage=True).verdict is Verdict.sanction
    assert judged(outcome="notice", serious_damage=False).verdict is Verdict.no_sanction
    unknown = judged(outcome="notice")
    assert unknown.verdict is Verdict.undetermined and "KFQ-28" in unknown.message
    # 第二十八条（三） lists 通报 and 索赔: a return, or an unstated outcome, is not (yet) one of them
    assert judged(outcome="return", serious_damage=True).verdict is Verdict.no_sanction
    assert judged(serious_damage=True).verdict is Verdict.undetermined


@pytest.mark.clause("KFQ-28", "CITY-30")
def test_revocation_lists_the_duties_and_bans_in_the_texts_words(catalog):
    kfq = judge_case(case("ganzhou_kfq", accident("2025-06-01"), "2025-07-01"), catalog)
    assert kfq.duties == ("停止宣传获奖荣誉", "停止使用获奖标识", "向社会公开相关信息")
    assert "5年内不得参加赣州经开区主任质量奖" in kfq.message and "的评审" in kfq.message
    assert "禁止至2030-07-01" in kfq.message and "停止使用获奖标识" in kfq.message
    city = judge_case(case("ganzhou_city", accident("2025-06-01"), "2025-07-01"), catalog)
    assert "停止宣传获奖荣誉" in city.duties and "不得参加" in city.message
    fraud = judge_case(
        case("ganzhou_kfq", {"kind": "fraud", "date": "2024-06-01"}, "2025-03-01"), catalog
    )
    assert "不得参加" in fraud.message and "申报和评审" in fraud.message and not fraud.duties


@pytest.mark.clause("HQ-25")
def test_hq_25_second_paragraph_executes_only_a_recorded_decision(catalog):
    base = case(
        "hongqi", accident("2025-01-01", grade="major"), "2025-02-01", granted_on="2023-06-01"
    )
    revoke = structure(
        {
            "record": unstructure(base.record),
            "event": unstructure(base.event) | {"kind": "accident"},
            "decided_on": "2025-02-01",
            "decision": {"revoke": True, "minutes": "红旗区政府常务会议纪要〔2025〕3号"},
        },
        SanctionCase,
    )
    done = judge_case(revoke, catalog)
    assert done.verdict is Verdict.sanction and done.revoke and done.notice
    assert done.minutes == "红旗区政府常务会议纪要〔2025〕3号" and not done.clawback
    assert "经区政府决定" in done.message
    kept = judge_case(evolve(revoke, decision=evolve(revoke.decision, revoke=False)), catalog)
    assert kept.verdict is Verdict.no_sanction and "不予撤销" in kept.message


@pytest.mark.clause("HQ-22")
def test_hq_22_misuse_of_funds_criticism_and_only_serious_cases_claw_back(catalog):
    def judged(serious):
        event = {"kind": "misuse_of_funds", "date": "2025-03-01", "serious": serious}
        return judge_case(case("hongqi", event, "2025-04-01", granted_on="2024-06-01"), catalog)

    serious = judged(True)
    assert serious.verdict is Verdict.sanction and serious.clause == "HQ-22"
    assert serious.criticism and serious.clawback and not serious.revoke
    minor = judged(False)
    assert minor.verdict is Verdict.sanction and minor.criticism and not minor.clawback
    assert judged(None).verdict is Verdict.undetermined


@pytest.mark.clause("KFQ-28")
def test_kfq_28_unknown_liability_is_undetermined(catalog):
    out = judge_case(
        case("ganzhou_kfq", accident("2025-06-01", liable=None), "2025-07-01"), catalog
    )
    assert out.verdict is Verdict.undetermined and not out.revoke and not out.bans


@pytest.mark.clause("CITY-28")
def test_city_28_fraud_bans_city_jinggang_and_china_award_for_ten_years(catalog):
    out = judge_case(
        case(
            "ganzhou_city", {"kind": "fraud", "date": "2024-05-01"}, "2025-02-01", tier="nomination"
        ),
        catalog,
    )
    assert out.verdict is Verdict.sanction and out.clause == "CITY-28"
    assert out.clawback and out.citation == "赣市府发〔2022〕15号 第二十八条"
    until = dt.date(2035, 2, 1)
    assert bans(out) == {
        (a, until) for a in ("ganzhou_city", "jiangxi_jinggang", "china_quality_award")
    }


@pytest.mark.clause("CITY-30")
def test_city_30_revokes_without_clawback_during_validity_only(catalog):
    inside = judge_case(case("ganzhou_city", accident("2026-01-05"), "2026-02-01"), catalog)
    assert inside.verdict is Verdict.sanction and inside.clause == "CITY-30"
    assert inside.revoke and not inside.clawback and inside.notice
    assert Ban("china_quality_award", dt.date(2031, 2, 1)) in inside.bans
    outside = judge_case(
        case("ganzhou_city", accident("2024-03-02"), "2024-04-01", granted_on="2020-12-25"),
        catalog,
    )
    assert outside.verdict is Verdict.no_sanction and "2023-12-25" in outside.message


@pytest.mark.clause("CITY-30")
def test_city_30_export_notice_is_not_a_city_case(catalog):
    # the city's article lists no export notice (KFQ-28 does)
    export = {"kind": "export_notice", "date": "2025-06-01"}
    assert (
        judge_case(case("ganzhou_city", export, "2025-07-01"), catalog).verdict
        is Verdict.no_sanction
    )


def test_decision_before_event_or_grant_is_bad_input(catalog):
    with pytest.raises(InputError, match="早于事件日期"):
        judge_case(case("ganzhou_kfq", accident("2025-06-01"), "2025-05-01"), catalog)
    with pytest.raises(InputError, match="早于授奖日期"):
        judge_case(
            case("ganzhou_kfq", {"kind": "fraud", "date": "2024-01-01"}, "2024-06-01"), catalog
        )


# --- the other plugins ---------------------------------------------------------------------------


@pytest.mark.clause("HC-26")
def test_hc_26_fraud_bans_four_awards_for_ten_years(catalog):
    out = judge_case(
        case(
            "huichang",
            {"kind": "fraud", "date": "2024-01-01"},
            "2024-08-01",
            granted_on="2024-03-01",
        ),
        catalog,
    )
    assert out.clause == "HC-26" and out.clawback
    assert {b.award for b in out.bans} == {
        "huichang",
        "ganzhou_city",
        "jiangxi_jinggang",
        "china_quality_award",
    }
    assert {b.until for b in out.bans} == {dt.date(2034, 8, 1)}


@pytest.mark.clause("HC-28")
def test_hc_28_revokes_without_clawback_inside_validity_only(catalog):
    inside = judge_case(
        case("huichang", accident("2024-09-01"), "2024-10-01", granted_on="2024-03-01"), catalog
    )
    assert inside.clause == "HC-28" and inside.revoke and not inside.clawback
    assert {b.until for b in inside.bans} == {dt.date(2029, 10, 1)}
    last_day = judge_case(
        case("huichang", accident("2027-03-01"), "2027-04-01", granted_on="2024-03-01"), catalog
    )
    assert last_day.verdict is Verdict.sanction
    after = judge_case(
        case("huichang", accident("2027-03-02"), "2027-04-01", granted_on="2024-03-01"), catalog
    )
    assert after.verdict is Verdict.no_sanction


@pytest.mark.clause("HQ-25")
def test_hq_25_fraud_bans_this_award_six_years_revocation_sets_no_ban(catalog):
    fraud = judge_case(
        case(
            "hongqi", {"kind": "fraud", "date": "2023-01-01"}, "2024-01-10", granted_on="2023-06-01"
        ),
        catalog,
    )
    assert fraud.clause == "HQ-25" and bans(fraud) == {("hongqi", dt.date(2030, 1, 10))}
    major = judge_case(
        case(
            "hongqi", accident("2025-01-01", grade="major"), "2025-02-01", granted_on="2023-06-01"
        ),
        catalog,
    )
    # 第二款 "可提请区政府批准撤销": a proposal, nothing executed until the government decides
    assert major.verdict is Verdict.may_propose and not major.revoke and not major.bans
    assert major.clause == "HQ-25" and "区政府" in major.message
    larger = judge_case(
        case("hongqi", accident("2025-01-01"), "2025-02-01", granted_on="2023-06-01"), catalog
    )
    assert larger.verdict is Verdict.no_sanction


@pytest.mark.clause("JD-7-2", "JD-7-5")
def test_jd_7_fraud_any_time_accident_only_within_two_years_of_grant(catalog):
    fraud = judge_case(
        case(
            "jindong",
            {"kind": "fraud", "date": "2023-01-01"},
            "2027-01-10",
            granted_on="2023-06-01",
        ),
        catalog,
    )
    assert fraud.clause == "JD-7-2" and fraud.clawback and not fraud.bans
    grant = "2023-06-01"
    inside = judge_case(  # 获奖后2年内: through 2025-06-01, the corresponding day
        case("jindong", accident("2025-06-01", grade="major"), "2025-07-01", granted_on=grant),
        catalog,
    )
    outside = judge_case(
        case("jindong", accident("2025-06-02", grade="major"), "2025-07-01", granted_on=grant),
        catalog,
    )
    assert inside.clause == "JD-7-5" and inside.verdict is Verdict.sanction
    assert outside.verdict is Verdict.no_sanction and "获奖后2年内" in outside.message
