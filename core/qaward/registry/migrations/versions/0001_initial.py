"""The first registry schema: awards, sanctions, bans, recommendations, obligations, audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

GENESIS = "0" * 64  # prev_hash of the first audit row


def _code():
    return sa.String(18)


def upgrade() -> None:
    op.create_table(
        "awards",
        sa.Column("credit_code", _code(), primary_key=True),
        sa.Column("award", sa.String(64), primary_key=True),
        sa.Column("tier", sa.String(16), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text),
        sa.Column("granted_on", sa.Date, nullable=False),
        sa.Column("valid_until", sa.Date),
        sa.Column("yuan", sa.BigInteger),
        sa.Column("reward_clause", sa.String(32)),
        sa.Column("revoked_on", sa.Date),
        sa.Column("revoked_clause", sa.String(32)),
    )
    op.create_table(
        "sanctions",
        sa.Column("credit_code", _code(), primary_key=True),
        sa.Column("award", sa.String(64), primary_key=True),
        sa.Column("reason", sa.String(16), primary_key=True),
        sa.Column("decided_on", sa.Date, primary_key=True),
        sa.Column("name", sa.Text),
        sa.Column("clause", sa.String(32)),
        sa.Column("bans_from_terms", sa.Boolean, nullable=False),
        sa.Column("revoke", sa.Boolean),
        sa.Column("clawback", sa.Boolean),
        sa.Column("notice", sa.Boolean),
        sa.Column("record_tier", sa.String(16)),
        sa.Column("record_year", sa.Integer),
        sa.Column("event", sa.Text),
    )
    op.create_table(
        "bans",
        sa.Column("credit_code", _code(), primary_key=True),
        sa.Column("sanction_award", sa.String(64), primary_key=True),
        sa.Column("reason", sa.String(16), primary_key=True),
        sa.Column("decided_on", sa.Date, primary_key=True),
        sa.Column("award", sa.String(64), primary_key=True),
        sa.Column("until", sa.Date, nullable=False),
        sa.Column("clause", sa.String(32)),
        sa.ForeignKeyConstraint(
            ["credit_code", "sanction_award", "reason", "decided_on"],
            [
                "sanctions.credit_code",
                "sanctions.award",
                "sanctions.reason",
                "sanctions.decided_on",
            ],
            name="fk_bans_sanction",
        ),
    )
    op.create_table(
        "recommendations",
        sa.Column("credit_code", _code(), primary_key=True),
        sa.Column("award", sa.String(64), primary_key=True),
        sa.Column("recommended_by", sa.Text, primary_key=True),
        sa.Column("name", sa.Text),
        sa.Column("recommended_on", sa.Date),
        sa.Column("clause", sa.String(32)),
        sa.Column("source_award", sa.String(64)),
        sa.Column("source_year", sa.Integer),
    )
    op.create_table(
        "obligations",
        sa.Column("credit_code", _code(), primary_key=True),
        sa.Column("award", sa.String(64), primary_key=True),
        sa.Column("tier", sa.String(16), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, primary_key=True),
        sa.Column("due", sa.Text, nullable=False),
        sa.Column("clause", sa.String(32)),
        sa.ForeignKeyConstraint(
            ["credit_code", "award", "tier", "year"],
            ["awards.credit_code", "awards.award", "awards.tier", "awards.year"],
            name="fk_obligations_award",
        ),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("command", sa.String(64), nullable=False),
        sa.Column("input_digest", sa.String(64), nullable=False),
        sa.Column("table_name", sa.String(32), nullable=False),
        sa.Column("row_key", sa.Text, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_audit_row", "audit", ["table_name", "row_key"])
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("last_id", sa.Integer, nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
    )
    op.bulk_insert(head, [{"id": 1, "last_id": 0, "last_hash": GENESIS}])


def downgrade() -> None:
    for name in ("audit_head", "audit", "obligations", "recommendations", "bans", "sanctions"):
        op.drop_table(name)
    op.drop_table("awards")
