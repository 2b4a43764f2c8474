"""One convention for every period of years (民法典第二百零一、二百零二、一千二百五十九条): the starting
day is not counted and the corresponding day is the period's last day, inside it."""

import datetime as dt

import pytest
from qaward.dates import full_years_reached, last_day, within_years
from qaward.grant import obligations, validity_window
from qaward.recommend import candidates
from qaward.testing import Baseline, fails, passes

KFQ = Baseline("ganzhou_kfq")
CITY = Baseline("ganzhou_city")


def test_look_back_includes_the_day_exactly_n_years_before():
    as_of = dt.date(2026, 9, 1)
    assert within_years(dt.date(2023, 9, 1), as_of, 3)
    assert not within_years(dt.date(2023, 8, 31), as_of, 3)
    assert within_years(as_of, as_of, 3) and not within_years(dt.date(2026, 9, 2), as_of, 3)


def test_corresponding_day_and_29_february():
    assert last_day(dt.date(2024, 12, 20), 3) == dt.date(2027, 12, 20)
    assert last_day(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)  # no corresponding day
    assert full_years_reached(dt.date(2023, 9, 1), dt.date(2026, 9, 1), 3)  # 以上 includes 本数
    assert not full_years_reached(dt.date(2023, 9, 1), dt.date(2026, 8, 31), 3)


@pytest.mark.clause("KFQ-20", "KFQ-23")
def test_kfq_20_validity_and_duties_run_through_the_corresponding_day(catalog):
    decl = catalog.declarations("ganzhou_kfq", dt.date(2025, 1, 1))[0]
    window = validity_window(decl, dt.date(2024, 12, 20))
    assert window.last_day == dt.date(2027, 12, 20)
    duties = {d.clause: d.due for d in obligations(decl, dt.date(2024, 12, 20))}
    assert duties["KFQ-23"] == [dt.date(2026, 12, 20)]  # 获奖后2年内: through this day


@pytest.mark.clause("KFQ-11-6")
def test_kfq_11_6_event_exactly_three_years_before_counts():
    event = {"kind": "spot_check_failure", "level": "county"}
    assert fails(KFQ.judge("ganzhou_kfq", events=[event | {"date": "2023-09-01"}]), "KFQ-11-6")
    assert passes(KFQ.judge("ganzhou_kfq", events=[event | {"date": "2023-08-31"}]), "KFQ-11-6")


@pytest.mark.clause("KFQ-25")
def test_kfq_25_ban_runs_through_the_corresponding_day_of_the_decision():
    fraud = [{"award": "ganzhou_kfq", "reason": "fraud", "decided_on": "2025-03-01"}]
    last = CITY.judge("ganzhou_city", as_of=dt.date(2035, 3, 1), sanctions=fraud)
    assert fails(last, "KFQ-25")
    (f,) = [f for f in last.findings if f.rule == "KFQ-25"]
    assert f.facts["last_day"] == "2035-03-01" and "至2035-03-01" in f.message
    assert passes(CITY.judge("ganzhou_city", as_of=dt.date(2035, 3, 2), sanctions=fraud), "KFQ-25")


@pytest.mark.clause("KFQ-21")
def test_kfq_21_validity_inclusive_for_recommendations(catalog):
    from qaward.model import AwardRecord, Tier

    rec = AwardRecord("ganzhou_kfq", Tier.quality, 2024, dt.date(2024, 12, 20))
    (c,) = candidates(catalog, [rec], "ganzhou_kfq", "ganzhou_city", dt.date(2027, 12, 20))
    assert c.valid_until == dt.date(2027, 12, 20)


@pytest.mark.clause("KFQ-25")
def test_kfq_25_status_on_the_bans_last_day_is_ineligible():
    # the fast path's ban verdicts (which decide the status) agree with the findings
    fraud = [{"award": "ganzhou_kfq", "reason": "fraud", "decided_on": "2025-03-01"}]
    last = CITY.judge("ganzhou_city", as_of=dt.date(2035, 3, 1), sanctions=fraud)
    assert last.bans == [False] and last.status.value == "ineligible"
    later = CITY.judge("ganzhou_city", as_of=dt.date(2035, 3, 2), sanctions=fraud)
    assert later.bans == [True]


@pytest.mark.clause("KFQ-32", "KFQ-25")
def test_kfq_32_ban_from_a_sanction_under_the_repealed_text_is_enforced_with_a_warning():
    fraud = [{"award": "ganzhou_kfq", "reason": "fraud", "decided_on": "2023-04-18"}]
    result = CITY.judge("ganzhou_city", sanctions=fraud)
    assert fails(result, "KFQ-25")
    (note,) = [w for w in result.warnings if "赣经开政字〔2019〕112号" in w]
    assert "KFQ-32" in note and "2023-04-18" in note
    current = [{"award": "ganzhou_kfq", "reason": "fraud", "decided_on": "2024-03-01"}]
    assert CITY.judge("ganzhou_city", sanctions=current).warnings == ()


@pytest.mark.clause("CITY-34", "CITY-28")
def test_city_34_ban_from_a_sanction_under_the_repealed_text_is_enforced_with_a_warning():
    fraud = [{"award": "ganzhou_city", "reason": "fraud", "decided_on": "2021-05-10"}]
    result = CITY.judge("ganzhou_city", sanctions=fraud)
    assert fails(result, "CITY-28")
    assert any("赣市府发〔2017〕12号" in w and "CITY-34" in w for w in result.warnings)
