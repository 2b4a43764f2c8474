"""Publicity periods on the State Council calendar (chinese-calendar), as docs/interpretations.md states
民法典第二百零一条 (count from the next day) and 第二百零三条 (a last day on a rest day moves)."""

import datetime as dt

import pytest
from qaward.cycle.calendar import CalendarError, is_working_day, next_working_day, publicity_period

D = dt.date


def test_calendar_knows_2026_national_day_and_its_make_up_days():
    assert not is_working_day(D(2026, 10, 1)) and not is_working_day(D(2026, 10, 7))
    assert is_working_day(D(2026, 9, 20))  # Sunday, 调休上班
    assert is_working_day(D(2026, 10, 10))  # Saturday, 调休上班
    assert next_working_day(D(2026, 10, 1)) == D(2026, 10, 8)


@pytest.mark.clause("CITY-21", "KFQ-18", "HC-21")
def test_city_21_ten_days_count_from_the_next_day():
    p = publicity_period(D(2026, 9, 1), 10)
    assert (p.first_day, p.last_day, p.moved_from) == (D(2026, 9, 2), D(2026, 9, 11), None)
    assert p.days == 10


@pytest.mark.clause("CITY-21", "KFQ-18", "HC-21")
def test_city_21_last_day_in_national_day_moves_to_the_day_after_the_holiday():
    p = publicity_period(D(2026, 9, 24), 10)
    assert p.first_day == D(2026, 9, 25)
    assert p.moved_from == D(2026, 10, 4) and p.last_day == D(2026, 10, 8)
    assert "第二百零三条" in p.explain(10, False, False)


@pytest.mark.clause("KFQ-18")
def test_kfq_18_last_day_on_a_weekend_moves_to_monday():
    p = publicity_period(D(2026, 9, 2), 10)  # 2026-09-12 is a Saturday
    assert (p.moved_from, p.last_day) == (D(2026, 9, 12), D(2026, 9, 14))


@pytest.mark.clause("KFQ-18")
def test_kfq_18_last_day_on_a_make_up_working_sunday_stays():
    p = publicity_period(D(2026, 9, 10), 10)  # 2026-09-20: Sunday worked for 国庆
    assert (p.last_day, p.moved_from) == (D(2026, 9, 20), None)


@pytest.mark.clause("HQ-18")
def test_hq_18_five_working_days_across_national_day_count_the_make_up_saturday():
    p = publicity_period(D(2026, 9, 28), 5, working_days=True)
    assert (p.first_day, p.last_day) == (D(2026, 9, 29), D(2026, 10, 10))
    assert p.working_days == 5 and p.makeup_days == (D(2026, 10, 10),)
    assert "调休上班日" in p.explain(5, True, True)


@pytest.mark.clause("HQ-18")
def test_hq_18_working_days_skip_mid_autumn_and_national_day():
    p = publicity_period(D(2026, 9, 24), 5, working_days=True)
    # 25-27 Sep 中秋 rest; 28, 29, 30 Sep; 1-7 Oct 国庆; 8, 9 Oct
    assert (p.first_day, p.last_day, p.working_days) == (D(2026, 9, 28), D(2026, 10, 9), 5)


@pytest.mark.clause("JD-5-4-2")
def test_jd_5_4_2_seven_days_ending_in_national_day_move():
    p = publicity_period(D(2026, 9, 28), 7)
    assert (p.moved_from, p.last_day) == (D(2026, 10, 5), D(2026, 10, 8))


@pytest.mark.parametrize(
    "start, working", [(D(2027, 1, 5), False), (D(2026, 12, 28), False), (D(2003, 6, 1), True)]
)
def test_dates_beyond_the_holiday_data_are_a_clear_error(start, working):
    with pytest.raises(CalendarError, match="2004–2026"):
        publicity_period(start, 10, working)


def test_a_period_needs_at_least_one_day():
    with pytest.raises(ValueError):
        publicity_period(D(2026, 9, 1), 0)
