"""Decisions left to a body are cited by their minutes: a committee decision that filled a held
place (awards) and the recorded decision on a proposed revocation (sanctions, HQ-25 第二款).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("awards") as batch:
        batch.add_column(sa.Column("committee_minutes", sa.Text))
    with op.batch_alter_table("sanctions") as batch:
        batch.add_column(sa.Column("decision_minutes", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("sanctions") as batch:
        batch.drop_column("decision_minutes")
    with op.batch_alter_table("awards") as batch:
        batch.drop_column("committee_minutes")
