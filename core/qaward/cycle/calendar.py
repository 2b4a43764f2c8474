"""Publicity periods (公示期) on the State Council holiday schedule.

The holidays and make-up working days come from the maintained package ``chinese-calendar``
(``import chinese_calendar``), never from a hand-typed table. Its data covers a fixed range of
years (2004–2026 in 1.11). For a later year the State Council's notice can be supplied as a YAML
file (:func:`load_notice`, ``--holidays``): used only for years the package lacks, and cited
wherever it decided a day. A date no source covers raises :class:`CalendarError`, never a guess.

Counting follows the interpretations in docs/interpretations.md:

- a period of days starts the day after the start day (民法典第二百零一条): publicity published
  on day S runs from S+1; "公示10天" ends on S+10;
- when the last day is a 法定休假日 it moves to the day after the rest ends (第二百零三条). We
  read 法定休假日 as any rest day of the State Council schedule: a statutory holiday, or a
  weekend day that is not a make-up working day (调休上班日);
- "不少于5个工作日" counts working days of that schedule (make-up days count, holidays do not)
  from the day after the start day; the last of them is the last day.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import chinese_calendar
from attrs import frozen
from chinese_calendar import constants as _data

from qaward.errors import QawardError

ONE_DAY = dt.timedelta(days=1)
FIRST_YEAR = min(_data.holidays).year
LAST_YEAR = max(_data.holidays).year


class CalendarError(QawardError, ValueError):
    """A date outside the years the holiday data covers."""


PACKAGE = f"chinese-calendar {chinese_calendar.__version__}"


@frozen
class Notice:
    """A State Council notice on one year's holidays (国务院办公厅关于X年部分节假日安排的通知),
    read from a file for a year the package does not cover."""

    year: int
    number: str  # 文号, e.g. 国办发明电〔2026〕N号
    title: str
    holidays: frozenset[dt.date]  # rest days (放假)
    workdays: frozenset[dt.date]  # make-up working days (调休上班)
    path: str = ""

    def cite(self) -> str:
        return f"{self.title}（{self.number}）"


_NOTICES: contextvars.ContextVar[dict[int, Notice]] = contextvars.ContextVar("qaward_notices")


@contextmanager
def holiday_notices(notices: Iterable[Notice]) -> Iterator[None]:
    """Use these notices, for the years the package lacks, within the block."""
    token = _NOTICES.set({n.year: n for n in notices})
    try:
        yield
    finally:
        _NOTICES.reset(token)


def in_package(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def notice_for(year: int) -> Notice | None:
    """The supplied notice that decides ``year``'s days: none where the package has data."""
    return None if in_package(year) else _NOTICES.get({}).get(year)


def source(year: int) -> str | None:
    """What decides the days of ``year``: the package, a supplied notice, or nothing."""
    if in_package(year):
        return f"{PACKAGE}（收录{FIRST_YEAR}–{LAST_YEAR}年国务院放假安排）"
    notice = notice_for(year)
    return f"{notice.cite()}，节假日文件 {notice.path}" if notice else None


def _covered(day: dt.date) -> None:
    if not in_package(day.year) and notice_for(day.year) is None:
        raise CalendarError(
            f"{day.isoformat()} 超出节假日数据范围：{PACKAGE}"
            f" 只收录{FIRST_YEAR}–{LAST_YEAR}年国务院放假安排，无法判断该日是否为工作日"
            f"（请升级 chinese-calendar，或以 --holidays 提供国务院办公厅{day.year}年放假通知的"
            "YAML 文件，或改用数据范围内的日期）"
        )


def is_working_day(day: dt.date) -> bool:
    """A working day of the State Council schedule (make-up days included, holidays excluded)."""
    _covered(day)
    notice = notice_for(day.year)
    if notice is not None:
        return day in notice.workdays or (day.weekday() < 5 and day not in notice.holidays)
    return chinese_calendar.is_workday(day)


def holiday_name(day: dt.date) -> str | None:
    """The holiday a rest or make-up day belongs to (English name from the package), if any."""
    _covered(day)
    if notice_for(day.year) is not None:
        return None
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
    notices: tuple[str, ...] = ()  # supplied notices that decided days of the period (cited)

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
        if self.notices:
            text += f"；节假日依据{'、'.join(self.notices)}"
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
        notices=tuple(
            n.cite()
            for year in range(published_on.year, last.year + 1)
            if (n := notice_for(year)) is not None
        ),
    )


# --- a notice supplied as a file ---------------------------------------------------------------


@frozen
class NoticeSpan:
    name: str  # 元旦, 春节 ...
    first_day: dt.date
    last_day: dt.date  # inclusive


@frozen
class NoticeWorkday:
    date: dt.date
    name: str = ""


@frozen
class NoticeFile:
    """The file's shape: the notice's year, 文号 and title, rest periods and make-up days."""

    year: int
    number: str
    title: str
    holidays: tuple[NoticeSpan, ...]
    workdays: tuple[NoticeWorkday, ...] = ()


def load_notice(path: str) -> Notice:
    """A notice from YAML or JSON; errors name the field (``InputError``, exit 2)."""
    from qaward import io

    doc = io.structure(io.read_document(path), NoticeFile, path)
    problems: list[str] = []
    rest: set[dt.date] = set()
    for i, span in enumerate(doc.holidays):
        at = f"$.holidays[{i}]"
        if span.last_day < span.first_day:
            problems.append(f"{at}.last_day: 早于 first_day {span.first_day.isoformat()}")
        for field, day in (("first_day", span.first_day), ("last_day", span.last_day)):
            if day.year != doc.year:
                problems.append(f"{at}.{field}: {day.isoformat()} 不在 {doc.year} 年")
        rest.update(
            span.first_day + dt.timedelta(days=n)
            for n in range((span.last_day - span.first_day).days + 1)
        )
    for i, w in enumerate(doc.workdays):
        at = f"$.workdays[{i}].date"
        if w.date.year != doc.year:
            problems.append(f"{at}: {w.date.isoformat()} 不在 {doc.year} 年")
        if w.date.weekday() < 5:
            problems.append(f"{at}: {w.date.isoformat()} 是工作日，调休上班日应为周六或周日")
        if w.date in rest:
            problems.append(f"{at}: {w.date.isoformat()} 同时列为放假日")
    if problems:
        raise io.InputError(path, problems)
    workdays = frozenset(w.date for w in doc.workdays)
    return Notice(doc.year, doc.number, doc.title, frozenset(rest), workdays, str(path))
