"""Recommendations upward (e.g. KFQ-21: 经开区 winners to the city mayor award)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from attrs import frozen

from qaward.catalog import Catalog
from qaward.model import AwardRecord
from qaward.terms import RecommendationRoute


@frozen
class Candidate:
    record: AwardRecord
    valid_until: dt.date | None  # the last day valid, inclusive
    route: RecommendationRoute
    citation: str
    valid: bool | None = None  # still valid on the recommendation date (None: term unknown)


def route(
    catalog: Catalog, from_award: str, to_award: str, as_of: dt.date
) -> tuple[RecommendationRoute, str]:
    """The declared route from one award to another, with its citation; KeyError if none."""
    decl, _ = catalog.declarations(from_award, as_of)
    routes = decl.validity.routes if decl.validity else ()
    found = next((r for r in routes if r.to_award == to_award), None)
    if found is None:
        raise KeyError(f"{from_award} 的规章未规定向 {to_award} 推荐")
    return found, decl.citation(found.article)


def candidates(
    catalog: Catalog, records: Iterable[AwardRecord], from_award: str, to_award: str, as_of: dt.date
) -> list[Candidate]:
    """Winners of ``from_award`` that its route allows to be recommended to ``to_award``: the
    route says whether only winners still valid may be (``while_valid``); KFQ-21 sets no such
    condition, so every winner whose award was not revoked (the caller leaves those out) is
    listed with whether it is still valid."""
    rt, citation = route(catalog, from_award, to_award, as_of)
    out = []
    for rec in records:
        if rec.award != from_award or rec.granted_on > as_of:
            continue
        until = catalog.valid_until(rec)
        valid = None if until is None else as_of <= until
        if rt.while_valid and not valid:
            continue
        out.append(Candidate(rec, until, rt, citation, valid))
    return sorted(out, key=lambda c: (c.record.granted_on, c.record.credit_code or ""))
