"""The audit records who acted (经办人) and a keyed signature of each row's hash.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit") as batch:
        batch.add_column(sa.Column("operator", sa.String(128)))
        batch.add_column(sa.Column("mac", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("audit") as batch:
        batch.drop_column("mac")
        batch.drop_column("operator")
