"""The registry's tables (SQLAlchemy Core), as the current migration leaves them.

Data tables are keyed by their natural keys (no surrogate ids), so a row's identity is the same
in every copy of the registry and in its audit trail. Migrations in ``migrations/versions`` create
and change these tables; this module is what queries read and write.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

CODE = String(18)  # 统一社会信用代码
ID = String(64)  # award / jurisdiction id
CLAUSE = String(32)

awards = Table(
    "awards",
    metadata,
    Column("credit_code", CODE, primary_key=True),
    Column("award", ID, primary_key=True),
    Column("tier", String(16), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("name", Text),
    Column("granted_on", Date, nullable=False),
    Column("valid_until", Date),  # as recorded; else the awarding regulation's term
    Column("yuan", BigInteger),  # the prize money, when recorded from an evaluation
    Column("reward_clause", CLAUSE),
    Column("revoked_on", Date),
    Column("revoked_clause", CLAUSE),
    Column("committee_minutes", Text),  # a held place filled by the committee's decision
)

sanctions = Table(
    "sanctions",
    metadata,
    Column("credit_code", CODE, primary_key=True),
    Column("award", ID, primary_key=True),
    Column("reason", String(16), primary_key=True),
    Column("decided_on", Date, primary_key=True),
    Column("name", Text),
    Column("clause", CLAUSE),
    Column("bans_from_terms", Boolean, nullable=False),  # bans derived from the award's terms
    Column("revoke", Boolean),
    Column("clawback", Boolean),
    Column("notice", Boolean),
    Column("record_tier", String(16)),  # the award record a sanction case concerned
    Column("record_year", Integer),
    Column("event", Text),  # the case's event, canonical JSON
    Column("decision_minutes", Text),  # the deciding body's decision on a proposal (HQ-25)
    Column("repaired", Boolean),  # the credit-file entry repaired and confirmed (JD-3-4)
)

bans = Table(
    "bans",
    metadata,
    Column("credit_code", CODE, primary_key=True),
    Column("sanction_award", ID, primary_key=True),
    Column("reason", String(16), primary_key=True),
    Column("decided_on", Date, primary_key=True),
    Column("award", ID, primary_key=True),  # the award the organisation may not apply for
    Column("until", Date, nullable=False),  # the ban's last day, inclusive
    Column("clause", CLAUSE),
    ForeignKeyConstraint(
        ["credit_code", "sanction_award", "reason", "decided_on"],
        ["sanctions.credit_code", "sanctions.award", "sanctions.reason", "sanctions.decided_on"],
        name="fk_bans_sanction",
    ),
)

recommendations = Table(
    "recommendations",
    metadata,
    Column("credit_code", CODE, primary_key=True),
    Column("award", ID, primary_key=True),  # the award recommended for
    Column("recommended_by", Text, primary_key=True),
    Column("name", Text),
    Column("recommended_on", Date),
    Column("clause", CLAUSE),
    Column("source_award", ID),  # the award whose winners are put forward (KFQ-21)
    Column("source_year", Integer),
)

obligations = Table(
    "obligations",
    metadata,
    Column("credit_code", CODE, primary_key=True),
    Column("award", ID, primary_key=True),
    Column("tier", String(16), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("text", Text, primary_key=True),
    Column("due", Text, nullable=False),  # JSON list of ISO dates
    Column("clause", CLAUSE),
    ForeignKeyConstraint(
        ["credit_code", "award", "tier", "year"],
        ["awards.credit_code", "awards.award", "awards.tier", "awards.year"],
        name="fk_obligations_award",
    ),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # head + 1, under the lock
    Column("at", String(32), nullable=False),  # UTC, ISO 8601 with microseconds
    Column("command", String(64), nullable=False),
    Column("input_digest", String(64), nullable=False),  # sha256 of the command's input
    Column("table_name", String(32), nullable=False),
    Column("row_key", Text, nullable=False),  # canonical JSON of the natural key
    Column("action", String(16), nullable=False),  # insert | update | upgrade
    Column("content", Text, nullable=False),  # canonical JSON of the row after the change
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    Column("operator", String(128)),  # 经办人: who ran the command (null before revision 0002)
    Column("mac", String(64)),  # HMAC-SHA256 of hash under the audit key (null: no key)
)
Index("ix_audit_row", audit.c.table_name, audit.c.row_key)

# One row (id 1): the chain's head. Every write locks it first, which serialises writers.
audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("last_id", Integer, nullable=False),
    Column("last_hash", String(64), nullable=False),
)

DATA_TABLES = (awards, sanctions, bans, recommendations, obligations)
