"""Publicity periods (公示期) on the State Council holiday schedule.

The holidays and make-up working days come from the maintained package ``chinese-calendar``
(``import chinese_calendar``), never from a hand-typed table. Its data covers a fixed range of
years (2004–2026 in 1.11); a date outside it raises :class:`CalendarError`, never a guess.

Counting follows the interpretations of shared/CLAUSES.md:

- a period of days starts the day after the start day (民法典第二百零一条): publicity published
  on day S runs from S+1; "公示10天" ends on S+10;
- when the last day is a 法定休假日 it moves to the day after the rest ends (第二百零三条). We
  read 法定休假日 as any rest day of the State Council schedule: a statutory holiday, or a
  weekend day that is not a make-up working day (调休上班日);
- "不少于5个工作日" counts working days of that schedule (make-up days count, holidays do not)
  from the day after the start day; the last of them is the last day.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
from attrs import frozen
from chinese_calendar import constants as _data

from qaward.errors import QawardError

ONE_DAY = dt.timedelta(days=1)
FIRST_YEAR = min(_data.holidays).year
LAST_YEAR = max(_data.holidays).year


class CalendarError(QawardError, ValueError):
    """A date outside the years the holiday data covers."""


def _covered(day: dt.date) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CalendarError(
            f"{day.isoformat()} 超出节假日数据范围：chinese-calendar {chinese_calendar.__version__}"
            f" 只收录{FIRST_YEAR}–{LAST_YEAR}年国务院放假安排，无法判断该日是否为工作日"
            "（请升级 chinese-calendar 或改用数据范围内的日期）"
        )


def is_working_day(day: dt.date) -> bool:
    """A working day of the State Council schedule (make-up days included, holidays excluded)."""
    _covered(day)
    return chinese_calendar.is_workday(day)


def holiday_name(day: dt.date) -> str | None:
    """The holiday a rest or make-up day belongs to (English name from the package), if any."""
    _covered(day)
    return chinese_calendar.get_holiday_detail(day)[1]


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += ONE_DAY
    return day


@frozen
class Period:
    """A publicity period: inclusive first and last day, with how it was counted."""

    published_on: dt.date  # the start day (not counted)
    first_day: dt.date
    last_day: dt.date
    days: int  # calendar days from first_day to last_day, inclusive
    working_days: int  # working days in that span
    moved_from: dt.date | None = None  # the nominal last day, when 第二百零三条 moved it
    makeup_days: tuple[dt.date, ...] = ()  # weekend days worked by the schedule (调休上班日)

    def explain(self, required: int, working: bool, at_least: bool) -> str:
        unit = "个工作日" if working else "天"
        head = f"{self.published_on.isoformat()}发布，自次日起算"
        need = f"{'不少于' if at_least else ''}{required}{unit}"
        text = f"{head}{need}：{self.first_day.isoformat()}至{self.last_day.isoformat()}"
        if self.moved_from is not None:
            text += (
                f"（期间最后一日{self.moved_from.isoformat()}为法定休假日，"
                f"顺延至休假日结束的次日，民法典第二百零三条）"
            )
        text += f"，共{self.days}天、其中工作日{self.working_days}天"
        if self.makeup_days:
            days = "、".join(d.isoformat() for d in self.makeup_days)
            text += f"（{days}为调休上班日，计为工作日）"
        return text


def publicity_period(published_on: dt.date, days: int, working_days: bool = False) -> Period:
    """The period of ``days`` calendar days (or working days) after ``published_on``."""
    if days < 1:
        raise ValueError("公示期天数应为正整数")
    first = published_on + ONE_DAY
    moved_from = None
    if working_days:
        first = next_working_day(first)
        last, counted = first, 1
        while counted < days:
            last = next_working_day(last + ONE_DAY)
            counted += 1
    else:
        last = published_on + dt.timedelta(days=days)
        if not is_working_day(last):
            moved_from, last = last, next_working_day(last)
    _covered(first)
    span = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    return Period(
        published_on=published_on,
        first_day=first,
        last_day=last,
        days=len(span),
        working_days=sum(is_working_day(d) for d in span),
        moved_from=moved_from,
        makeup_days=tuple(d for d in span if d.weekday() >= 5 and is_working_day(d)),
    )
