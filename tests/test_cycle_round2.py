"""Cycle decisions settled in docs/interpretations.md (round 2): committee decisions fill held places, one
application per award, the 金东 on-site cap counts organisations, repeat winners' messages,
KFQ-7's "每家企业", winners in rank order."""

import pytest
from cyclekit import app, code, names, ranking_of, report, run_cycle, won
from qaward.io import InputError

C, K, JD, HQ = "ganzhou_city", "ganzhou_kfq", "jindong", "hongqi"
SERVICE = {"sector": "service", "industrial": False}
MINUTES = "评委会2026年第3次会议纪要"


def tied_kfq():
    """Two at 850 for the last of 3 places."""
    return [app(K, 1, 900), app(K, 2, 880), app(K, 3, 850), app(K, 4, 850), app(K, 5, 700)]


def decision(n, verdict="award", tier="quality", minutes=MINUTES):
    return {"credit_code": code(n), "tier": tier, "decision": verdict, "minutes": minutes}


@pytest.mark.clause("KFQ-5")
def test_kfq_5_committee_decision_fills_the_held_place_cited_by_its_minutes():
    data = report(K, tied_kfq(), committee_decisions=[decision(4), decision(3, "not_award")])
    assert names(data["winners"]) == ["申报组织01", "申报组织02", "申报组织04"]
    won_by_committee = data["winners"][2]
    assert won_by_committee["committee_minutes"] == MINUTES
    assert won_by_committee["counts_against_quota"] is True
    declined = ranking_of(data, "申报组织03")
    assert declined["outcome"] == "not_selected" and MINUTES in declined["reason"]
    (tie,) = data["ties"]
    assert {(c["credit_code"], c["decision"]) for c in tie["committee"]} == {
        (code(4), "award"),
        (code(3), "not_award"),
    }
    (places,) = data["places"]
    assert (places["awarded"], places["held"], places["vacant"]) == (3, 0, 0)
    assert data["total_yuan"] == 600_000


@pytest.mark.clause("KFQ-5")
def test_kfq_5_without_a_decision_the_place_stays_held():
    data = report(K, tied_kfq())
    assert len(data["winners"]) == 2 and data["places"][0]["held"] == 1
    partial = report(K, tied_kfq(), committee_decisions=[decision(3, "not_award")])
    assert len(partial["winners"]) == 2 and partial["places"][0]["held"] == 1
    assert ranking_of(partial, "申报组织04")["outcome"] == "tied"


@pytest.mark.clause("KFQ-5")
def test_kfq_5_a_declined_place_passes_down_the_ranking():
    decided = [decision(3, "not_award"), decision(4, "not_award")]
    data = report(K, tied_kfq(), committee_decisions=decided)
    assert names(data["winners"]) == ["申报组织01", "申报组织02", "申报组织05"]
    assert (data["places"][0]["held"], data["places"][0]["vacant"]) == (0, 0)
    alone = report(K, tied_kfq()[:4], committee_decisions=decided)
    assert (alone["places"][0]["held"], alone["places"][0]["vacant"]) == (0, 1)


@pytest.mark.clause("KFQ-5")
def test_kfq_5_committee_decisions_that_do_not_fit_are_input_errors():
    with pytest.raises(InputError) as too_many:
        run_cycle(K, tied_kfq(), committee_decisions=[decision(3), decision(4)])
    assert "超过并列争夺的1个名额" in str(too_many.value)
    with pytest.raises(InputError) as untied:
        run_cycle(K, tied_kfq(), committee_decisions=[decision(1)])
    assert "不在待评委会决定的并列名额之列" in str(untied.value)
    with pytest.raises(InputError) as stranger:
        run_cycle(K, tied_kfq(), committee_decisions=[decision(9)])
    assert "$.committee_decisions[0]" in str(stranger.value)


@pytest.mark.clause("CITY-6")
def test_city_6_one_organisation_in_both_tiers_is_an_input_error():
    apps = [app(C, 1, 900), app(C, 2, 880), app(C, 1, 700, tier="nomination")]
    with pytest.raises(InputError) as err:
        run_cycle(C, apps)
    problem = str(err.value)
    assert "$.applications[2]" in problem and "$.applications[0]" in problem
    assert "质量奖" in problem and "提名奖" in problem


@pytest.mark.clause("JD-1-1", "JD-5-3-2")
def test_jd_5_3_2_on_site_cap_counts_organisations_not_applications():
    # organisations 1..7 apply for both awards: 14 applications, 7 organisations;
    # the 8th organisation still enters on-site review
    apps = [app(JD, n, 900 - 10 * n) for n in range(1, 8)]
    apps += [app(JD, n, 890 - 10 * n, tier="innovation") for n in range(1, 8)]
    apps += [app(JD, 8, 650, tier="innovation"), app(JD, 9, 640, tier="innovation")]
    data = report(JD, apps)
    assert ranking_of(data, "申报组织08")["clause"] != "JD-5-3-2"
    out = [r for r in data["ranking"] if r["clause"] == "JD-5-3-2"]
    assert names(out) == ["申报组织09"] and "8家组织之外" in out[0]["reason"]


@pytest.mark.clause("CITY-27")
def test_city_27_repeat_winner_message_says_a_place_was_still_open():
    history = {"awards": [won(C, "quality", 2020, "2020-12-18")]}
    # rank 3 of 5 places for the repeat winner, two above it disqualified by nothing
    apps = [app(C, 1, 900), app(C, 2, 880), app(C, 3, 870, org=history)]
    data = report(C, apps)
    reason = ranking_of(data, "申报组织03")["reason"]
    assert "尚有" in reason and "个名额未授出" in reason and "名次在名额之内" not in reason


@pytest.mark.clause("KFQ-7")
def test_kfq_7_non_enterprise_winner_paid_with_a_warning_citing_the_word():
    institution = {
        "entity_type": "public_institution",
        "nonprofit": True,
        "attestations": {
            "policy_compliant": True,
            "licences_complete": True,
            "management_innovation": True,
            "social_contribution": True,
        },
    }
    data = report(K, [app(K, 1, 900, org=institution), app(K, 2, 880)])
    assert [m["yuan"] for m in data["rewards"]] == [200_000, 200_000]
    (warning,) = [w for w in data["warnings"] if "每家企业" in w]
    assert "申报组织01" in warning and "KFQ-7" in warning and "事业单位" in warning
    plain = report(K, [app(K, 2, 880)])
    assert not any("每家企业" in w for w in plain["warnings"])


@pytest.mark.clause("CITY-6")
def test_city_6_winners_listed_in_rank_order_within_each_tier():
    apps = [
        app(C, 5, 700, tier="nomination"),
        app(C, 1, 850),
        app(C, 2, 900),
        app(C, 3, 720, tier="nomination"),
        app(C, 4, 880, org=SERVICE),
    ]
    data = report(C, apps)
    assert [(w["tier"], w["rank"]) for w in data["winners"]] == [
        ("quality", 1),
        ("quality", 2),
        ("quality", 3),
        ("nomination", 1),
        ("nomination", 2),
    ]
