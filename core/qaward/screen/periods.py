"""Thresholds as dates, found by asking :mod:`qaward.dates` itself.

The columnar path compares whole columns with dates fixed once per as-of date. Rather than
restate the period conventions ("N年以上" reached on the anniversary, "近N年内" open or closed at
the far end ...), each threshold is found by probing the row engine's own date functions around
the calendar anniversary, so a change of convention there moves the columnar thresholds with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from qaward.dates import add_years, full_years_reached, within_years

_DAY = dt.timedelta(days=1)
_REACH = 4  # conventions differ from the anniversary by a day or two at most


def _last_true(pred: Callable[[dt.date], bool], around: dt.date) -> dt.date:
    """The last day near ``around`` for which a predicate that turns false going later holds."""
    days = [around + k * _DAY for k in range(-_REACH, _REACH + 1)]
    held = [d for d in days if pred(d)]
    if not held or held[-1] == days[-1] or not pred(days[0]):
        raise ValueError(f"no threshold near {around}")  # the convention moved too far
    return held[-1]


def _first_true(pred: Callable[[dt.date], bool], around: dt.date) -> dt.date:
    days = [around + k * _DAY for k in range(-_REACH, _REACH + 1)]
    held = [d for d in days if pred(d)]
    if not held or held[0] == days[0] or not pred(days[-1]):
        raise ValueError(f"no threshold near {around}")
    return held[0]


def latest_start(as_of: dt.date, years: int) -> dt.date:
    """'N年以上' as of ``as_of``: a start on or before this day has its N years."""
    return _last_true(lambda s: full_years_reached(s, as_of, years), add_years(as_of, -years))


def window(as_of: dt.date, years: int) -> tuple[dt.date, dt.date]:
    """'近N年内' as of ``as_of``: the first and last day an event counts."""
    first = _first_true(lambda d: within_years(d, as_of, years), add_years(as_of, -years))
    last = _last_true(lambda d: within_years(d, as_of, years), as_of)
    return first, last


def ban_from(as_of: dt.date, years: int) -> dt.date:
    """The first decision day whose ban of ``years`` (to its anniversary by ``add_years``, that
    day included) has not run out on ``as_of``."""
    return _first_true(lambda d: add_years(d, years) >= as_of, add_years(as_of, -years))


# Sample days: an ordinary one, and 29 February (its anniversary in a common year is clipped to
# 28 February by ``add_years``; the conventions may treat that day differently).
_SAMPLE = dt.date(2001, 3, 15)
_LEAP = dt.date(2024, 2, 29)


def _sample(years: int, leap: bool) -> dt.date:
    if leap and years % 4:
        return _LEAP
    return _SAMPLE


def reach_shift(years: int, leap: bool = False) -> int:
    """Days from the Nth anniversary of a start to the first day 'N年以上' holds."""
    start = _sample(years, leap)
    target = add_years(start, years)
    first = _first_true(lambda d: full_years_reached(start, d, years), target)
    return (first - target).days


def leave_shift(years: int, leap: bool = False) -> int:
    """Days from the Nth anniversary of an event to the first day it no longer counts."""
    day = _sample(years, leap)
    target = add_years(day, years)
    first = _first_true(lambda d: not within_years(day, d, years), target)
    return (first - target).days
