"""A State Council notice as YAML for a year chinese-calendar lacks: used only for such years,
cited in the output; ``qaward calendar check YEAR`` names the source. (The notice below is test
data, not the real 2027 schedule.)"""

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from qaward.cycle import calendar as cal
from qaward.faces.cli import cli

EXAMPLES = Path(__file__).parent.parent / "examples"
NOTICE = {
    "year": 2027,
    "number": "测试〔2026〕1号",
    "title": "测试用2027年节假日安排通知",
    "holidays": [{"name": "元旦", "first_day": "2027-01-01", "last_day": "2027-01-04"}],
    "workdays": [{"date": "2027-02-06", "name": "春节"}],
}


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def hongqi_cycle(tmp_path, starts: str) -> str:
    doc = yaml.safe_load((EXAMPLES / "cycle_hongqi.yaml").read_text(encoding="utf-8"))
    return write(tmp_path, "cycle.yaml", dict(doc, publicity_starts=starts))


def test_publicity_reaching_a_year_without_data_is_an_error_naming_the_remedy(tmp_path):
    out = invoke("evaluate", hongqi_cycle(tmp_path, "2026-12-28"), "--no-registry")
    assert out.exit_code == 2 and "--holidays" in out.output and "2027" in out.output


def test_a_supplied_notice_decides_and_is_cited(tmp_path):
    notice = write(tmp_path, "holidays_2027.yaml", NOTICE)
    cycle = hongqi_cycle(tmp_path, "2026-12-28")
    out = invoke("evaluate", cycle, "--holidays", notice, "--no-registry", "--format", "json")
    assert out.exit_code == 0, out.output
    p = json.loads(out.output)["publicity"]
    # HQ-18: 5 working days: 12-29, 12-30, 12-31, then 01-01..01-04 are the notice's holidays
    assert p["last_day"] == "2027-01-06" and p["working_days"] == 5
    assert p["holiday_notices"] == ["测试用2027年节假日安排通知（测试〔2026〕1号）"]
    assert "节假日依据测试用2027年节假日安排通知（测试〔2026〕1号）" in p["text"]


def test_a_notice_is_not_used_for_a_year_the_package_covers(tmp_path):
    path = write(tmp_path, "h.yaml", dict(NOTICE, year=2026, holidays=[], workdays=[]))
    with cal.holiday_notices([cal.load_notice(path)]):
        assert not cal.is_working_day(dt.date(2026, 10, 1))  # still the package's National Day
        assert cal.notice_for(2026) is None
    out = invoke("calendar", "check", 2026, "--holidays", path)
    assert out.exit_code == 0 and "chinese-calendar" in out.output


def test_calendar_check_names_the_source_or_exits_1(tmp_path):
    notice = write(tmp_path, "holidays_2027.yaml", NOTICE)
    missing = invoke("calendar", "check", 2027)
    assert missing.exit_code == 1 and "没有节假日数据" in missing.output
    found = invoke("calendar", "check", 2027, "--holidays", notice, "--format", "json")
    data = json.loads(found.output)
    assert found.exit_code == 0 and data["source"] == "notice"
    assert data["notice"]["number"] == "测试〔2026〕1号" and data["notice"]["holidays"] == 4
    with pytest.raises(cal.CalendarError):  # the notice was for that command only
        cal.is_working_day(dt.date(2027, 2, 6))


def test_make_up_day_and_holidays_from_the_notice(tmp_path):
    with cal.holiday_notices([cal.load_notice(write(tmp_path, "h.yaml", NOTICE))]):
        assert cal.is_working_day(dt.date(2027, 2, 6))  # a Saturday worked
        assert not cal.is_working_day(dt.date(2027, 1, 4))  # a Monday off
        assert cal.is_working_day(dt.date(2027, 1, 5))
        assert not cal.is_working_day(dt.date(2027, 1, 9))  # an ordinary Saturday


def test_a_bad_notice_exits_2_naming_the_field(tmp_path):
    bad = dict(NOTICE, workdays=[{"date": "2027-02-08"}])  # a Monday
    out = invoke("calendar", "check", 2027, "--holidays", write(tmp_path, "bad.yaml", bad))
    assert out.exit_code == 2 and "$.workdays[0].date" in out.output and "周六或周日" in out.output
    wrong_year = dict(
        NOTICE, holidays=[{"name": "x", "first_day": "2028-01-01", "last_day": "2028-01-01"}]
    )
    out = invoke("calendar", "check", 2027, "--holidays", write(tmp_path, "y.yaml", wrong_year))
    assert out.exit_code == 2 and "$.holidays[0].first_day" in out.output
