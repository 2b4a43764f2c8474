"""Date arithmetic the regulations use: whole years, anniversaries, 'within N years'."""

from __future__ import annotations

import datetime as dt


def add_years(d: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later; 29 February falls to 28 February."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def years_between(start: dt.date, end: dt.date) -> float:
    """Elapsed years, one decimal, for messages (the decision itself uses anniversaries)."""
    return round((end - start).days / 365.25, 1)


def full_years_reached(start: dt.date, end: dt.date, years: int) -> bool:
    """'N年以上': at least ``years`` whole years from ``start`` to ``end`` (以上 includes N)."""
    return end >= add_years(start, years)


def within_years(event_date: dt.date, as_of: dt.date, years: int) -> bool:
    """'近N年内': after the date N years before ``as_of`` and not after ``as_of``."""
    return add_years(as_of, -years) < event_date <= as_of


def last_complete_years(as_of: dt.date, n: int) -> list[int]:
    """The last ``n`` complete calendar years before ``as_of``, oldest first."""
    return list(range(as_of.year - n, as_of.year))
