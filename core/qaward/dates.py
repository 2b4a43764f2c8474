"""Date arithmetic the regulations use, on one convention (民法典第二百零一、二百零二、一千二百五十九条).

A period of years starts the day after its starting day and ends on the corresponding day, which
belongs to it (no corresponding day, e.g. 29 February: the month's last day). So:

- "近3年内" (look-back from as-of): [as-of − 3 years, as-of], both ends included;
- "有效期3年" / "获奖后2年内" from a grant: valid through the corresponding day (:func:`last_day`);
- "N年内不得申报" from a decision: barred through the corresponding day, free the day after;
- "N年以上": reached on the corresponding day ("以上" includes 本数).

Every end date the program keeps or prints is this inclusive last day.
"""

from __future__ import annotations

import datetime as dt

ONE_DAY = dt.timedelta(days=1)


def add_years(d: dt.date, years: int) -> dt.date:
    """The corresponding day ``years`` later (or earlier); 29 February falls to 28 February."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def last_day(start: dt.date, years: int) -> dt.date:
    """The last day (inclusive) of a period of ``years`` from ``start``: its corresponding day."""
    return add_years(start, years)


def years_between(start: dt.date, end: dt.date) -> float:
    """Elapsed years, one decimal, for messages (the decision itself uses anniversaries)."""
    return round((end - start).days / 365.25, 1)


def full_years_reached(start: dt.date, end: dt.date, years: int) -> bool:
    """'N年以上': at least ``years`` whole years from ``start`` to ``end`` (以上 includes N)."""
    return end >= add_years(start, years)


def window_start(as_of: dt.date, years: int) -> dt.date:
    """The first day of '近N年内' counted back from ``as_of``: the day exactly N years before."""
    return add_years(as_of, -years)


def within_years(event_date: dt.date, as_of: dt.date, years: int) -> bool:
    """'近N年内': from the day exactly N years before ``as_of`` through ``as_of``, both included."""
    return window_start(as_of, years) <= event_date <= as_of


def last_complete_years(as_of: dt.date, n: int) -> list[int]:
    """The last ``n`` complete calendar years before ``as_of``, oldest first."""
    return list(range(as_of.year - n, as_of.year))
