"""Reading the registry: an organisation's history for the engine, an award's winners for
recommendations, and everything ``qaward registry show`` prints."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from attrs import evolve
from sqlalchemy import Connection, select

from qaward.catalog import Catalog
from qaward.dates import ONE_DAY
from qaward.grant import obligations as derived_obligations
from qaward.history import History
from qaward.model import AwardRecord, Ban, Recommendation, Sanction, SanctionReason, Tier
from qaward.registry import schema
from qaward.registry.audit import canonical


def award_record(row: Any, catalog: Catalog) -> AwardRecord:
    """A stored award as the engine reads it: a revoked award's last valid day is the day before
    its revocation."""
    rec = AwardRecord(
        row.award,
        Tier(row.tier),
        row.year,
        row.granted_on,
        row.valid_until,
        row.credit_code,
        row.name,
    )
    if row.revoked_on is not None:
        until = catalog.valid_until(rec)
        if until is None or row.revoked_on <= until:
            rec = evolve(rec, valid_until=row.revoked_on - ONE_DAY)
    return rec


def sanction_record(row: Any, ban_rows: list[Any], catalog: Catalog) -> Sanction:
    """A stored sanction. Its bans are left to the award's terms when the terms still give the
    stored bans (so findings cite the clause); otherwise the stored bans are explicit, e.g. on a
    machine without the sanctioning award's plugin."""
    s = Sanction(
        row.award,
        SanctionReason(row.reason),
        row.decided_on,
        None,
        row.credit_code,
        row.name,
        bool(row.repaired),
    )
    stored = {Ban(b.award, b.until) for b in ban_rows}
    if row.bans_from_terms and {b for b, _ in catalog.bans(s)} == stored:
        return s
    return evolve(s, bans=sorted(stored, key=lambda b: (b.award, b.until)))


def _rows(conn: Connection, table, credit_code: str) -> list[Any]:
    query = select(table).where(table.c.credit_code == credit_code)
    return list(conn.execute(query.order_by(*table.primary_key.columns)))


def _bans_by_sanction(conn: Connection, credit_code: str) -> dict[tuple, list[Any]]:
    out: dict[tuple, list[Any]] = {}
    for b in _rows(conn, schema.bans, credit_code):
        out.setdefault((b.sanction_award, b.reason, b.decided_on), []).append(b)
    return out


def history(conn: Connection, credit_code: str, catalog: Catalog) -> History:
    return histories(conn, catalog, credit_code).get(credit_code, History())


def _grouped(conn: Connection, table, credit_code: str | None) -> dict[str, list[Any]]:
    """Rows by organisation, each list in primary-key order (the key starts with the code)."""
    query = select(table).order_by(*table.primary_key.columns)
    if credit_code is not None:
        query = query.where(table.c.credit_code == credit_code)
    out: dict[str, list[Any]] = {}
    for row in conn.execute(query):
        out.setdefault(row.credit_code, []).append(row)
    return out


def histories(
    conn: Connection, catalog: Catalog, credit_code: str | None = None
) -> dict[str, History]:
    """Every recorded organisation's history (or one organisation's), one query per table; an
    organisation with nothing recorded is absent."""
    awards, sanctions, recs, bans = (
        _grouped(conn, t, credit_code)
        for t in (schema.awards, schema.sanctions, schema.recommendations, schema.bans)
    )
    ban_rows: dict[tuple, list[Any]] = {}
    for rows in bans.values():
        for b in rows:
            ban_rows.setdefault(
                (b.credit_code, b.sanction_award, b.reason, b.decided_on), []
            ).append(b)
    return {
        code: History(
            awards=tuple(award_record(r, catalog) for r in awards.get(code, ())),
            sanctions=tuple(
                sanction_record(
                    r, ban_rows.get((code, r.award, r.reason, r.decided_on), []), catalog
                )
                for r in sanctions.get(code, ())
            ),
            recommendations=tuple(
                Recommendation(r.award, r.recommended_by, r.recommended_on, r.credit_code, r.name)
                for r in recs.get(code, ())
            ),
        )
        for code in {*awards, *sanctions, *recs}
    }


def winners_of(
    conn: Connection, award: str, catalog: Catalog, *, revoked: bool = True
) -> list[AwardRecord]:
    """The award's recorded winners; ``revoked=False`` leaves out awards that were revoked."""
    t = schema.awards
    query = select(t).where(t.c.award == award)
    if not revoked:
        query = query.where(t.c.revoked_on.is_(None))
    rows = conn.execute(query.order_by(t.c.year, t.c.credit_code))
    return [award_record(r, catalog) for r in rows]


# --- qaward registry show ----------------------------------------------------------------------


def _status(rec: AwardRecord, revoked_on: dt.date | None, until, as_of: dt.date) -> str:
    if rec.granted_on > as_of:
        return "granted_later"
    if revoked_on is not None and revoked_on <= as_of:
        return "revoked"
    if until is None:
        return "unknown"
    return "valid" if as_of <= until else "expired"


def show(conn: Connection, credit_code: str, catalog: Catalog, as_of: dt.date) -> dict[str, Any]:
    """History, bans (in force or spent), recommendations and the obligations of valid awards."""
    awards, duties, name = [], [], None
    stored_duties: dict[tuple, list] = {}
    for d in _rows(conn, schema.obligations, credit_code):
        stored_duties.setdefault((d.award, d.tier, d.year), []).append(d)
    for row in _rows(conn, schema.awards, credit_code):
        name = row.name or name
        rec = award_record(row, catalog)
        until = catalog.valid_until(rec)
        status = _status(rec, row.revoked_on, until, as_of)
        awards.append(
            {
                "award": row.award,
                "award_name": _name(catalog, row.award),
                "tier": row.tier,
                "year": row.year,
                "granted_on": row.granted_on,
                "last_day": until,
                "status": status,
                "yuan": row.yuan,
                "revoked_on": row.revoked_on,
                "revoked_clause": row.revoked_clause,
                "committee_minutes": row.committee_minutes,
            }
        )
        if status == "valid":
            key = (row.award, row.tier, row.year)
            duties += _duties(rec, stored_duties.get(key), catalog, as_of)
    sanctions, bans = [], []
    ban_rows = _bans_by_sanction(conn, credit_code)
    for row in _rows(conn, schema.sanctions, credit_code):
        name = name or row.name
        sanctions.append(
            {
                "award": row.award,
                "award_name": _name(catalog, row.award),
                "reason": row.reason,
                "decided_on": row.decided_on,
                "clause": row.clause,
                "revoke": row.revoke,
                "clawback": row.clawback,
                "notice": row.notice,
            }
        )
        s = sanction_record(row, ban_rows.get((row.award, row.reason, row.decided_on), []), catalog)
        for ban, term in catalog.bans(s):
            bans.append(
                {
                    "award": ban.award,
                    "award_name": _name(catalog, ban.award),
                    "last_day": ban.until,
                    "in_force": row.decided_on <= as_of <= ban.until,
                    "sanction_award": row.award,
                    "reason": row.reason,
                    "decided_on": row.decided_on,
                    "clause": term.clause if term else row.clause,
                }
            )
    recs = [
        {
            "award": r.award,
            "award_name": _name(catalog, r.award),
            "by": r.recommended_by,
            "on": r.recommended_on,
            "clause": r.clause,
        }
        for r in _rows(conn, schema.recommendations, credit_code)
    ]
    return {
        "credit_code": credit_code,
        "name": name,
        "as_of": as_of,
        "awards": awards,
        "sanctions": sanctions,
        "bans": bans,
        "recommendations": recs,
        "obligations": duties,
    }


def _duties(rec: AwardRecord, stored, catalog: Catalog, as_of: dt.date) -> list[dict[str, Any]]:
    """Recorded obligations, else those the awarding regulation sets (marked derived)."""
    if stored:
        items = [
            (d.text, [dt.date.fromisoformat(x) for x in json.loads(d.due)], d.clause, False)
            for d in stored
        ]
    elif rec.award in catalog.jurisdictions:
        decl, _ = catalog.declarations(rec.award, rec.granted_on)
        items = [(d.text, d.due, d.clause, True) for d in derived_obligations(decl, rec.granted_on)]
    else:
        items = []
    return [
        {
            "award": rec.award,
            "award_name": _name(catalog, rec.award),
            "tier": rec.tier.value,
            "year": rec.year,
            "text": text,
            "due": due,
            "next_due": next((d for d in due if d >= as_of), None),
            "clause": clause,
            "derived": derived,
        }
        for text, due, clause, derived in items
    ]


def _name(catalog: Catalog, award_id: str) -> str:
    award = catalog.award(award_id)
    return award.name if award else award_id


def audit_rows(conn: Connection, credit_code: str | None, limit: int) -> list[dict[str, Any]]:
    """The latest audit entries, newest first; of one organisation when a code is given."""
    t = schema.audit
    query = select(t).order_by(t.c.id.desc()).limit(limit)
    if credit_code:  # every data table's key starts with the credit code
        query = query.where(t.c.row_key.startswith(canonical([credit_code])[:-1] + ","))
    return [dict(r) for r in conn.execute(query).mappings()]
