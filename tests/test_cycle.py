"""An award cycle, stage by stage, on the two Ganzhou awards (and the core rules they exercise):
eligibility listed with reasons, scoring, ranking and ties, places and caps, repeat winners,
money, validity and obligations, publicity, warnings."""

import datetime as dt

import pytest
from cyclekit import app, code, make_cycle, names, ranking_of, report, run_cycle, won
from qaward.cycle import evaluate_cycle
from qaward.history import History
from qaward.model import AwardRecord, Tier

K, C = "ganzhou_kfq", "ganzhou_city"
SERVICE = {"sector": "service", "industrial": False}


# --- 1. eligibility ----------------------------------------------------------------------------


def test_baseline_applications_are_eligible_for_both_awards():
    for award in (K, C):
        data = report(award, [app(award, 1, 800)])
        assert data["applications"][0]["status"] == "eligible", data["applications"][0]
        assert names(data["winners"]) == ["申报组织01"]


@pytest.mark.clause("CITY-13-3")
def test_city_13_3_ineligible_application_is_listed_with_its_reason_not_dropped():
    short = {"certifications": [{"standard": "GB/T 19001", "since": "2024-03-01"}]}
    data = report(C, [app(C, 1, 900, org=short), app(C, 2, 800)])
    first = data["applications"][0]
    assert first["status"] == "ineligible" and first["score"] == 900
    failed = [f for f in first["findings"] if f["passed"] is False]
    assert [f["rule"] for f in failed] == ["CITY-13-3"]
    assert failed[0]["citation"] == "赣市府发〔2022〕15号 第十三条（三）"
    assert names(data["winners"]) == ["申报组织02"]
    assert "申报组织01" not in names(data["ranking"])


@pytest.mark.clause("KFQ-11-3")
def test_kfq_11_3_undetermined_application_is_not_ranked_and_warned():
    data = report(K, [app(K, 1, 900, org={"chief_quality_officer": None}), app(K, 2, 800)])
    assert data["applications"][0]["status"] == "undetermined"
    assert names(data["winners"]) == ["申报组织02"]
    assert any("申报组织01：资格待定" in w and "KFQ-11-3" in w for w in data["warnings"])


def test_eligible_application_without_a_score_is_warned_not_ranked():
    data = report(K, [app(K, 1), app(K, 2, 700)])
    assert names(data["ranking"]) == ["申报组织02"]
    assert any("申报组织01：符合申报条件但未给出评分" in w for w in data["warnings"])


@pytest.mark.clause("KFQ-24")
def test_kfq_24_repeat_gap_uses_the_cycle_year_and_history_of():
    recent = History(awards=(AwardRecord(K, Tier.quality, 2022, dt.date(2022, 12, 20)),))
    result = run_cycle(K, [app(K, 1, 800)], history_of=lambda c: recent)
    assert result.results[0].status.value == "ineligible"
    finding = next(f for f in result.results[0].findings if f.rule == "KFQ-24")
    assert finding.facts["cycle_year"] == 2026 and finding.facts["may_apply_from"] == 2028


@pytest.mark.clause("KFQ-24")
def test_kfq_24_records_of_this_cycle_from_the_registry_are_ignored():
    """Re-running a cycle after its winners were recorded gives the same result."""
    this_cycle = History(awards=(AwardRecord(K, Tier.quality, 2026, dt.date(2026, 10, 1)),))
    again = run_cycle(K, [app(K, 1, 800)], history_of=lambda c: this_cycle).to_json()
    assert again["applications"][0]["status"] == "eligible"
    assert again["rewards"][0]["yuan"] == 200_000


# --- 2. scoring and ranking --------------------------------------------------------------------


@pytest.mark.clause("CITY-4", "KFQ-3")
def test_city_4_seven_category_scores_are_summed():
    scores = {
        "leadership": 100,
        "strategy": 80,
        "customers_and_markets": 80,
        "resources": 120,
        "process_management": 90,
        "measurement_analysis_improvement": 70,
        "results": 360,
    }
    data = report(C, [app(C, 1, scores=scores), app(C, 2, 899)])
    assert data["applications"][0]["score"] == 900
    assert [r["rank"] for r in data["ranking"]] == [1, 2]


@pytest.mark.clause("KFQ-12")
def test_kfq_12_equal_score_broken_by_preference():
    apps = [app(K, n, 800) for n in (1, 2, 3)] + [
        app(K, 4, 800, org={"preferences": ["key_industry_chain"]}),
    ]
    data = report(K, apps)
    assert ranking_of(data, "申报组织04")["rank"] == 1
    assert ranking_of(data, "申报组织04")["tie_break"] == ["KFQ-12"]
    assert "申报组织04" in names(data["winners"])


@pytest.mark.clause("CITY-15", "CITY-6")
def test_city_15_review_preference_decides_the_last_manufacturing_place():
    apps = [app(C, 1, 900), app(C, 2, 880), app(C, 3, 820), app(C, 4, 820)]
    apps[3]["organization"]["preferences"] = ["leading_enterprise"]
    data = report(C, apps)
    assert names(data["winners"]) == ["申报组织01", "申报组织02", "申报组织04"]
    loser = ranking_of(data, "申报组织03")
    assert loser["outcome"] == "not_selected" and "制造业获奖组织已达上限3个" in loser["reason"]


@pytest.mark.clause("CITY-14", "CITY-6")
def test_city_14_encouraged_applicants_get_no_ranking_effect():
    apps = [app(C, 1, 900), app(C, 2, 880), app(C, 3, 820), app(C, 4, 820)]
    apps[3]["organization"]["preferences"] = ["sme_innovative", "digital_economy"]
    data = report(C, apps)
    assert names(data["winners"]) == ["申报组织01", "申报组织02"]  # 03 and 04 tie
    assert ranking_of(data, "申报组织04")["preferences"] == []
    assert {*data["ties"][0]["credit_codes"]} == {code(3), code(4)}


@pytest.mark.clause("KFQ-12", "KFQ-5")
def test_kfq_12_unbreakable_tie_is_reported_for_the_committee():
    apps = [app(K, 1, 900), app(K, 2, 880), app(K, 3, 850), app(K, 4, 850), app(K, 5, 700)]
    data = report(K, apps)
    assert names(data["winners"]) == ["申报组织01", "申报组织02"]
    (tie,) = data["ties"]
    assert tie["places"] == 1 and tie["rank"] == 3 and tie["score"] == 850
    assert set(tie["credit_codes"]) == {code(3), code(4)} and "KFQ-12" in tie["clause"]
    assert ranking_of(data, "申报组织03")["outcome"] == "tied"
    assert ranking_of(data, "申报组织05")["outcome"] == "not_selected"
    assert data["places"] == [
        {"tier": "quality", "places": 3, "awarded": 2, "held": 1, "vacant": 0, "clause": "KFQ-5"}
    ]
    assert any("提请评委会决定" in w for w in data["warnings"])


@pytest.mark.clause("KFQ-12")
def test_kfq_12_a_tie_is_never_decided_by_input_order():
    apps = [app(K, n, 850) for n in range(1, 6)]
    forward, backward = report(K, apps), report(K, apps[::-1])
    assert forward["ranking"] == backward["ranking"] and forward["ties"] == backward["ties"]
    assert forward["winners"] == [] and forward["ties"][0]["places"] == 3


def test_tie_inside_the_places_needs_no_committee():
    data = report(K, [app(K, 1, 850), app(K, 2, 850), app(K, 3, 700)])
    assert len(data["winners"]) == 3 and data["ties"] == []
    assert [r["rank"] for r in data["ranking"]] == [1, 1, 3]


# --- 3. selection ------------------------------------------------------------------------------


@pytest.mark.clause("KFQ-5")
def test_kfq_5_at_most_three_winners():
    data = report(K, [app(K, n, 900 - n) for n in range(1, 6)])
    assert names(data["winners"]) == ["申报组织01", "申报组织02", "申报组织03"]
    assert all(w["counts_against_quota"] for w in data["winners"])
    assert all(w["clause"] == "KFQ-5" for w in data["winners"])


@pytest.mark.clause("KFQ-5")
def test_kfq_5_too_few_qualify_leaves_places_vacant_with_a_warning():
    data = report(K, [app(K, 1, 800)])
    assert data["places"][0]["vacant"] == 2
    assert any("空缺2个" in w and "KFQ-5" in w for w in data["warnings"])


@pytest.mark.clause("CITY-6")
def test_city_6_category_caps_leave_places_vacant():
    data = report(C, [app(C, n, 900 - n) for n in range(1, 7)])  # six manufacturers
    assert len(data["winners"]) == 3
    assert all(w["category"] == "制造业" for w in data["winners"])
    assert data["places"][0]["vacant"] == 2
    assert ranking_of(data, "申报组织04")["reason"].startswith("制造业获奖组织已达上限3个")


@pytest.mark.clause("CITY-6")
def test_city_6_two_tiers_and_other_sectors_cap_two():
    apps = [app(C, n, 900 - n, org=SERVICE) for n in range(1, 4)]
    apps += [app(C, 4, 700, tier="nomination"), app(C, 5, 690, tier="nomination", org=SERVICE)]
    data = report(C, apps)
    quality = [w for w in data["winners"] if w["tier"] == "quality"]
    assert names(quality) == ["申报组织01", "申报组织02"]
    assert quality[0]["category"] == "服务业（含医疗、教育）、工程等"
    assert [w["tier"] for w in data["winners"]][2:] == ["nomination", "nomination"]


@pytest.mark.clause("CITY-6")
def test_city_6_tie_within_a_category_holds_only_that_category():
    apps = [app(C, 1, 900), app(C, 2, 890), app(C, 3, 880, org=SERVICE)]
    apps += [app(C, 4, 850), app(C, 5, 850), app(C, 6, 800, org=SERVICE)]
    data = report(C, apps)
    assert names(data["winners"]) == ["申报组织01", "申报组织02", "申报组织03", "申报组织06"]
    assert data["ties"][0]["places"] == 1 and "制造业" in data["ties"][0]["message"]
    assert data["places"][0] | {"clause": None} == {
        "tier": "quality",
        "places": 5,
        "awarded": 4,
        "held": 1,
        "vacant": 0,
        "clause": None,
    }


@pytest.mark.clause("CITY-27")
def test_city_27_repeat_winner_inside_the_places_takes_none():
    history = {"awards": [won(C, "quality", 2020, "2020-12-18")]}
    apps = [app(C, 1, 950, org=history)]
    apps += [app(C, n, 900 - n) for n in (2, 3, 4)] + [
        app(C, n, 800 - n, org=SERVICE) for n in (5, 6)
    ]
    data = report(C, apps)
    assert len(data["winners"]) == 6  # five places plus the repeat winner
    repeat = data["winners"][0]
    assert repeat["counts_against_quota"] is False and repeat["clause"] == "CITY-27"
    money = {m["name"]: m for m in data["rewards"]}
    assert money["申报组织01"]["yuan"] == 0 and money["申报组织01"]["clause"] == "CITY-27"
    assert money["申报组织02"]["yuan"] == 500_000
    assert data["total_yuan"] == 5 * 500_000


@pytest.mark.clause("CITY-27")
def test_city_27_repeat_winner_ranked_outside_the_places_is_not_awarded():
    history = {"awards": [won(C, "quality", 2020, "2020-12-18")]}
    apps = [app(C, n, 900 - n) for n in (1, 2, 3)] + [
        app(C, n, 850 - n, org=SERVICE) for n in (4, 5)
    ]
    apps.append(app(C, 6, 700, org=history))
    data = report(C, apps)
    assert "申报组织06" not in names(data["winners"])
    assert "名额已全部授出" in ranking_of(data, "申报组织06")["reason"]


@pytest.mark.clause("CITY-27")
def test_city_27_nomination_winner_applying_for_the_award_is_first_time():
    history = {"awards": [won(C, "nomination", 2024, "2024-12-18")]}
    data = report(C, [app(C, 1, 900, org=history)])
    assert data["winners"][0]["counts_against_quota"] is True
    assert data["rewards"][0]["yuan"] == 500_000


@pytest.mark.clause("KFQ-24")
def test_kfq_24_repeat_winner_takes_a_place_and_no_money():
    history = {"awards": [won(K, "quality", 2020, "2020-12-20")]}
    apps = [app(K, 1, 950, org=history), app(K, 2, 900), app(K, 3, 890), app(K, 4, 880)]
    data = report(K, apps)
    assert names(data["winners"]) == ["申报组织01", "申报组织02", "申报组织03"]
    assert data["winners"][0]["counts_against_quota"] is True
    assert [m["yuan"] for m in data["rewards"]] == [0, 200_000, 200_000]
    assert data["rewards"][0]["clause"] == "KFQ-24"


def test_repeat_winner_known_only_to_the_registry():
    registry = {
        code(1): History(awards=(AwardRecord(C, Tier.quality, 2020, dt.date(2020, 12, 18)),))
    }
    result = run_cycle(C, [app(C, 1, 900)], history_of=registry.get)
    data = result.to_json()
    assert data["winners"][0]["counts_against_quota"] is False
    assert data["rewards"][0]["yuan"] == 0


# --- 4. money ----------------------------------------------------------------------------------


@pytest.mark.clause("KFQ-7")
def test_kfq_7_two_hundred_thousand_per_winner():
    data = report(K, [app(K, 1, 900), app(K, 2, 800)])
    assert [(m["yuan"], m["clause"]) for m in data["rewards"]] == [(200_000, "KFQ-7")] * 2
    assert data["rewards"][0]["citation"] == "赣经开政字〔2024〕12号 第七条"
    assert data["total_yuan"] == 400_000


@pytest.mark.clause("CITY-8")
def test_city_8_quality_award_money_nomination_none():
    data = report(C, [app(C, 1, 900), app(C, 2, 700, tier="nomination")])
    assert [(m["tier"], m["yuan"]) for m in data["rewards"]] == [
        ("quality", 500_000),
        ("nomination", 0),
    ]
    assert data["total_yuan"] == 500_000


# --- 5. validity, obligations, re-application ------------------------------------------------


@pytest.mark.clause("KFQ-20", "KFQ-23", "KFQ-24")
def test_kfq_20_23_validity_and_obligations_from_the_grant_date():
    data = report(K, [app(K, 1, 900)], granted_on="2026-12-20")
    assert data["granted_on"] == dt.date(2026, 12, 20) and not data["granted_on_estimated"]
    (v,) = data["validity"]
    assert (v["from"], v["last_day"], v["clause"]) == (
        dt.date(2026, 12, 20),
        dt.date(2029, 12, 20),
        "KFQ-20",
    )
    kfq_23 = [o for o in data["obligations"] if o["clause"] == "KFQ-23"]
    assert len(kfq_23) == 2 and all(o["due"] == [dt.date(2028, 12, 20)] for o in kfq_23)
    assert data["may_apply_again"] == [
        {
            "credit_code": code(1),
            "year": 2032,
            "clause": "KFQ-24",
            "citation": "赣经开政字〔2024〕12号 第二十四条",
            "text": "间隔2届后可再次申报",
        }
    ]


@pytest.mark.clause("CITY-23", "CITY-24")
def test_city_24_yearly_report_and_one_review_within_validity():
    data = report(C, [app(C, 1, 900)], granted_on="2026-12-20")
    assert data["validity"][0]["last_day"] == dt.date(2029, 12, 20)
    dues = {o["text"]: o["due"] for o in data["obligations"] if o["clause"] == "CITY-24"}
    assert dues["每年向市领导小组办公室提交质量绩效报告"] == [
        dt.date(2027, 12, 20),
        dt.date(2028, 12, 20),
        dt.date(2029, 12, 20),
    ]
    assert dues["有效期内至少接受一次复核评估"] == [dt.date(2029, 12, 20)]


@pytest.mark.clause("CITY-27")
def test_city_27_nomination_winners_have_no_reapplication_gap():
    data = report(C, [app(C, 1, 700, tier="nomination")], granted_on="2026-12-20")
    assert data["may_apply_again"] == []


@pytest.mark.clause("CITY-21", "CITY-23")
def test_city_21_grant_date_estimated_as_the_day_after_publicity():
    data = report(C, [app(C, 1, 900)], publicity_starts="2026-09-24")
    p = data["publicity"]
    assert (p["first_day"], p["last_day"], p["moved_from"]) == (
        dt.date(2026, 9, 25),
        dt.date(2026, 10, 8),
        dt.date(2026, 10, 4),
    )
    assert p["clause"] == "CITY-21" and p["citation"] == "赣市府发〔2022〕15号 第二十一条"
    assert data["granted_on"] == dt.date(2026, 10, 9) and data["granted_on_estimated"]
    assert any("按公示期满次日2026-10-09估计" in w for w in data["warnings"])


def test_without_grant_or_publicity_dates_validity_is_not_guessed():
    data = report(K, [app(K, 1, 900)])
    assert data["publicity"] is None and data["granted_on"] is None
    assert data["validity"] == [] and data["obligations"] == []
    assert any("publicity_starts" in w for w in data["warnings"])


# --- the JSON contract -------------------------------------------------------------------------


def test_report_keys_the_registry_reads_are_stable():
    data = report(K, [app(K, 1, 900)], granted_on="2026-12-20", publicity_starts="2026-09-01")
    assert set(data) >= {
        "award",
        "year",
        "as_of",
        "granted_on",
        "applications",
        "ranking",
        "winners",
        "rewards",
        "total_yuan",
        "validity",
        "obligations",
        "may_apply_again",
        "publicity",
        "warnings",
    }
    assert set(data["winners"][0]) >= {
        "credit_code",
        "name",
        "tier",
        "category",
        "rank",
        "counts_against_quota",
        "clause",
    }
    assert set(data["rewards"][0]) >= {"credit_code", "tier", "yuan", "clause", "citation"}
    assert set(data["validity"][0]) >= {"credit_code", "from", "last_day", "clause"}
    assert set(data["obligations"][0]) >= {"credit_code", "text", "due", "clause"}
    assert set(data["publicity"]) >= {"first_day", "last_day", "days", "working_days", "clause"}
    assert set(data["applications"][0]["findings"][0]) >= {"rule", "passed", "citation", "message"}


def test_evaluate_cycle_takes_an_explicit_as_of():
    cycle = make_cycle(K, [app(K, 1, 900)])
    result = evaluate_cycle(cycle, as_of=dt.date(2026, 10, 1))
    assert result.as_of == dt.date(2026, 10, 1)


def test_evaluate_cycle_checks_the_cycle_it_is_given():
    from qaward.io import InputError

    cycle = make_cycle(K, [app(K, 1, 900, tier="nomination")])
    with pytest.raises(InputError) as err:
        evaluate_cycle(cycle, source="届次.yaml")
    assert err.value.where == "届次.yaml"
    assert err.value.problems[0].startswith("$.applications[0].tier")
