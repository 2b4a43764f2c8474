"""The cycle stages that only 红旗, 金东 and 会昌 have: the committee vote and working-day
publicity (HQ), thresholds, the on-site cap, the innovation award and its money (JD), the lapsed
trial text and its category caps (HC)."""

import datetime as dt

import pytest
from cyclekit import app, names, ranking_of, report, won

HQ, JD, HC = "hongqi", "jindong", "huichang"
SERVICE = {"sector": "service", "industrial": False}


# --- 红旗区 ---------------------------------------------------------------------------------------


def hq(n, score, votes, **kw):
    return app(HQ, n, score, votes_for=votes, **kw)


@pytest.mark.clause("HQ-17")
def test_hq_17_exactly_two_thirds_passes_one_vote_less_fails():
    data = report(HQ, [hq(1, 900, 10), hq(2, 890, 9)], voters=15)
    assert names(data["winners"]) == ["申报组织01"]
    fail = ranking_of(data, "申报组织02")
    assert fail["outcome"] == "not_selected" and fail["clause"] == "HQ-17"
    assert "得票9/15，未达投票人数的2/3" in fail["reason"]
    assert "得票10/15，达到" in ranking_of(data, "申报组织01")["reason"]


@pytest.mark.clause("HQ-17")
def test_hq_17_two_of_three_voters_pass_one_fails():
    data = report(HQ, [hq(1, 900, 2), hq(2, 890, 1)], voters=3)
    assert names(data["winners"]) == ["申报组织01"]


@pytest.mark.clause("HQ-17", "HQ-4")
def test_hq_17_a_failed_vote_lets_the_next_in_line_in():
    apps = [hq(1, 900, 15), hq(2, 890, 5), hq(3, 880, 12), hq(4, 870, 12), hq(5, 860, 12)]
    data = report(HQ, apps, voters=15)
    assert names(data["winners"]) == ["申报组织01", "申报组织03", "申报组织04"]
    assert "名额之外" in ranking_of(data, "申报组织05")["reason"]


@pytest.mark.clause("HQ-17")
def test_hq_17_missing_votes_is_not_a_pass():
    data = report(HQ, [app(HQ, 1, 900)], voters=15)
    assert data["winners"] == []
    assert "缺少得票数" in ranking_of(data, "申报组织01")["reason"]


@pytest.mark.clause("HQ-10-6")
def test_hq_10_6_specialised_sme_is_only_encouraged_an_equal_score_stays_a_tie():
    apps = [hq(1, 900, 15), hq(2, 880, 15), hq(3, 850, 15)]
    apps.append(hq(4, 850, 15, org={"preferences": ["specialized_sme"]}))
    data = report(HQ, apps, voters=15)
    assert names(data["winners"]) == ["申报组织01", "申报组织02"]
    assert ranking_of(data, "申报组织04")["outcome"] == "tied"
    assert ranking_of(data, "申报组织04")["tie_break"] == []


@pytest.mark.clause("HQ-28", "HQ-19")
def test_hq_28_repeat_winner_after_validity_takes_no_place_and_no_money():
    history = {"awards": [won(HQ, "quality", 2020, "2020-12-20")]}  # valid until 2024-12-20
    apps = [hq(1, 950, 15, org=history)] + [hq(n, 900 - n, 15) for n in (2, 3, 4)]
    data = report(HQ, apps, voters=15, granted_on="2026-12-01")
    assert len(data["winners"]) == 4 and data["winners"][0]["counts_against_quota"] is False
    assert [m["yuan"] for m in data["rewards"]] == [0, 50_000, 50_000, 50_000]
    assert data["rewards"][1]["clause"] == "HQ-19" and data["total_yuan"] == 150_000
    assert data["validity"][0]["last_day"] == dt.date(2030, 12, 1)
    assert data["may_apply_again"][0]["year"] == 2030


@pytest.mark.clause("HQ-28")
def test_hq_28_still_valid_title_bars_the_application():
    history = {"awards": [won(HQ, "quality", 2024, "2024-12-20")]}
    data = report(HQ, [hq(1, 950, 15, org=history)], voters=15)
    assert data["applications"][0]["status"] == "ineligible" and data["winners"] == []


@pytest.mark.clause("HQ-18")
def test_hq_18_publicity_of_five_working_days_across_national_day():
    data = report(HQ, [hq(1, 900, 15)], voters=15, publicity_starts="2026-09-28")
    p = data["publicity"]
    assert (p["first_day"], p["last_day"]) == (dt.date(2026, 9, 29), dt.date(2026, 10, 10))
    assert p["working_days"] == 5 and p["makeup_days"] == [dt.date(2026, 10, 10)]
    assert p["required"] == "不少于5个工作日" and p["clause"] == "HQ-18"


# --- 金东区 ---------------------------------------------------------------------------------------


@pytest.mark.clause("JD-4-2")
def test_jd_4_2_quality_needs_610_innovation_600():
    apps = [app(JD, 1, 610), app(JD, 2, 609)]
    apps += [app(JD, 3, 600, tier="innovation"), app(JD, 4, 599, tier="innovation")]
    data = report(JD, apps)
    assert names(data["winners"]) == ["申报组织01", "申报组织03"]
    below = ranking_of(data, "申报组织02")
    assert below["clause"] == "JD-4-2" and "低于质量奖最低分610分" in below["reason"]
    assert "最低分600分" in ranking_of(data, "申报组织04")["reason"]


@pytest.mark.clause("JD-5-3-2")
def test_jd_5_3_2_at_most_eight_enter_on_site_review_across_both_awards():
    apps = [app(JD, n, 900 - 10 * n) for n in range(1, 6)]
    apps += [app(JD, n, 900 - 10 * n, tier="innovation") for n in range(6, 11)]
    data = report(JD, apps)
    cut = [r for r in data["ranking"] if r["clause"] == "JD-5-3-2"]
    assert sorted(names(cut)) == ["申报组织09", "申报组织10"]
    assert "未进入现场评审" in cut[0]["reason"]


@pytest.mark.clause("JD-5-3-2")
def test_jd_5_3_2_tie_at_the_eighth_on_site_place_is_reported():
    apps = [app(JD, n, 900 - 10 * n) for n in range(1, 8)]
    apps += [app(JD, 8, 700, tier="innovation"), app(JD, 9, 700, tier="innovation")]
    data = report(JD, apps)
    (tie,) = data["ties"]
    assert tie["stage"] == "onsite" and tie["places"] == 1 and "JD-5-3-2" in tie["clause"]
    assert ranking_of(data, "申报组织08")["outcome"] == "tied"


@pytest.mark.clause("JD-1-5")
def test_jd_1_5_three_winners_per_award():
    apps = [app(JD, n, 900 - n) for n in range(1, 5)]
    apps += [app(JD, n, 800 - n, tier="innovation") for n in range(5, 8)]
    data = report(JD, apps)
    assert [w["tier"] for w in data["winners"]] == ["quality"] * 3 + ["innovation"] * 3
    assert all(w["clause"] == "JD-1-5" for w in data["winners"])


@pytest.mark.clause("JD-1-6", "JD-3-2-5")
def test_jd_3_2_5_high_tech_breaks_an_equal_score():
    apps = [app(JD, n, 900 - n) for n in (1, 2)] + [app(JD, 3, 800)]
    apps.append(app(JD, 4, 800, org={"preferences": ["pinzi_brand"]}))
    data = report(JD, apps)
    assert names(data["winners"]) == ["申报组织01", "申报组织02", "申报组织04"]
    assert ranking_of(data, "申报组织04")["tie_break"] == ["JD-3-2-5"]


@pytest.mark.clause("JD-1-6", "JD-3-2-5")
def test_jd_1_6_encouragement_has_no_ranking_effect_jd_3_2_5_does():
    apps = [app(JD, n, 900 - n) for n in (1, 2)]
    apps += [
        app(JD, 3, 800, org={"preferences": ["leading_enterprise"]}),
        app(JD, 4, 800, org={"preferences": ["pinzi_brand"]}),
    ]
    data = report(JD, apps)
    assert names(data["winners"]) == ["申报组织01", "申报组织02", "申报组织04"]
    assert ranking_of(data, "申报组织03")["preferences"] == []


@pytest.mark.clause("JD-3-2-5")
def test_jd_3_2_5_two_preferences_against_one_is_still_a_tie():
    apps = [app(JD, n, 900 - n) for n in (1, 2)]
    apps += [
        app(JD, 3, 800, org={"preferences": ["pinzi_brand", "high_tech"]}),
        app(JD, 4, 800, org={"preferences": ["patent_demo"]}),
    ]
    data = report(JD, apps)
    assert len(data["ties"]) == 1 and data["ties"][0]["places"] == 1
    assert "同为符合" in data["ties"][0]["message"]


@pytest.mark.clause("JD-6-1")
def test_jd_6_1_money_first_time_top_up_and_no_repeat_innovation_money():
    holder = {"awards": [won(JD, "innovation", 2024, "2024-12-10")]}
    again = {"awards": [won(JD, "innovation", 2025, "2025-12-10")]}
    apps = [app(JD, 1, 900), app(JD, 2, 880, org=holder)]
    apps += [app(JD, 3, 700, tier="innovation"), app(JD, 4, 690, tier="innovation", org=again)]
    data = report(JD, apps)
    money = {m["name"]: m["yuan"] for m in data["rewards"]}
    assert money == {
        "申报组织01": 500_000,
        "申报组织02": 350_000,
        "申报组织03": 150_000,
        "申报组织04": 0,
    }
    assert all(m["clause"] == "JD-6-1" for m in data["rewards"])
    assert data["total_yuan"] == 1_000_000
    # a repeat innovation winner still takes a place: the text does not exempt it
    assert all(w["counts_against_quota"] for w in data["winners"])


@pytest.mark.clause("JD-6-1")
def test_jd_6_1_second_quality_award_is_paid_500000_again():
    history = {"awards": [won(JD, "quality", 2024, "2024-12-10")]}
    data = report(JD, [app(JD, 1, 900, org=history)])
    assert names(data["winners"]) == ["申报组织01"]
    assert [(m["yuan"], m["clause"]) for m in data["rewards"]] == [(500_000, "JD-6-1")]
    assert not any("规章未规定此情形的奖金" in w for w in data["warnings"])


@pytest.mark.clause("JD-1-4")
def test_jd_1_4_unrecommended_application_is_listed_ineligible():
    data = report(JD, [app(JD, 1, 900, org={"recommendations": []}), app(JD, 2, 800)])
    first = data["applications"][0]
    assert first["status"] == "ineligible"
    assert [f["rule"] for f in first["findings"] if f["passed"] is False] == ["JD-1-4"]


@pytest.mark.clause("JD-8", "JD-5-4-2", "JD-7-4")
def test_jd_8_draft_warning_seven_day_publicity_and_no_validity_term():
    data = report(JD, [app(JD, 1, 900)], publicity_starts="2026-09-28")
    assert any("征求意见稿" in w and "JD-8" in w for w in data["warnings"])
    p = data["publicity"]
    assert (p["last_day"], p["moved_from"]) == (dt.date(2026, 10, 8), dt.date(2026, 10, 5))
    (v,) = data["validity"]
    assert v["last_day"] is None and v["note"] and v["clause"] == "JD-7-4"
    assert data["may_apply_again"] == []


# --- 会昌县 ---------------------------------------------------------------------------------------


@pytest.mark.clause("HC-33")
def test_hc_33_lapsed_trial_text_is_applied_with_a_warning():
    data = report(HC, [app(HC, 1, 900)])
    assert any("2025-06-30期满失效" in w and "HC-33" in w for w in data["warnings"])
    assert names(data["winners"]) == ["申报组织01"]
    before = report(HC, [app(HC, 1, 900)], as_of="2025-06-01", year=2025)
    assert not any("HC-33" in w for w in before["warnings"])


@pytest.mark.clause("HC-6")
def test_hc_6_manufacturing_two_others_one():
    apps = [app(HC, n, 900 - n) for n in (1, 2, 3)]
    apps += [app(HC, n, 800 - n, org=SERVICE) for n in (4, 5)]
    data = report(HC, apps)
    assert names(data["winners"]) == ["申报组织01", "申报组织02", "申报组织04"]
    assert "制造业获奖组织已达上限2个" in ranking_of(data, "申报组织03")["reason"]
    assert "名额之外" in ranking_of(data, "申报组织05")["reason"]  # all three places used


@pytest.mark.clause("HC-6", "HC-8")
def test_hc_6_repeat_winner_takes_no_place_and_no_money():
    history = {"awards": [won(HC, "quality", 2020, "2020-12-25")]}
    apps = [app(HC, 1, 950, org=history), app(HC, 2, 900), app(HC, 3, 890)]
    apps.append(app(HC, 4, 800, org=SERVICE))
    data = report(HC, apps)
    assert len(data["winners"]) == 4 and data["winners"][0]["counts_against_quota"] is False
    assert [m["yuan"] for m in data["rewards"]] == [0, 100_000, 100_000, 100_000]
    assert data["rewards"][1]["clause"] == "HC-8"


@pytest.mark.clause("HC-15", "HC-6")
def test_hc_15_equal_preferences_leave_a_tie_for_the_committee():
    lead = {"preferences": ["leading_enterprise"]}
    apps = [app(HC, 1, 900), app(HC, 2, 850, org=lead), app(HC, 3, 850, org=lead)]
    apps.append(app(HC, 4, 840))
    data = report(HC, apps)
    assert names(data["winners"]) == ["申报组织01"]
    assert data["ties"][0]["places"] == 1 and "HC-15" in data["ties"][0]["message"]
    assert "已达上限2个" in ranking_of(data, "申报组织04")["reason"]


@pytest.mark.clause("HC-3")
def test_hc_3_unrecommended_application_is_listed_ineligible():
    data = report(HC, [app(HC, 1, 900, org={"recommendations": []})])
    assert data["applications"][0]["status"] == "ineligible" and data["winners"] == []


@pytest.mark.clause("HC-21")
def test_hc_21_ten_day_publicity():
    data = report(HC, [app(HC, 1, 900)], publicity_starts="2026-09-21")
    p = data["publicity"]
    assert (p["last_day"], p["moved_from"], p["clause"]) == (
        dt.date(2026, 10, 8),
        dt.date(2026, 10, 1),
        "HC-21",
    )


@pytest.mark.clause("HC-6")
def test_hc_6_services_cap_of_one_leaves_a_place_vacant():
    apps = [app(HC, 1, 900)] + [app(HC, n, 800 - n, org=SERVICE) for n in (2, 3)]
    data = report(HC, apps)
    assert names(data["winners"]) == ["申报组织01", "申报组织02"]
    assert "已达上限1个" in ranking_of(data, "申报组织03")["reason"]
    assert data["places"][0]["vacant"] == 1
