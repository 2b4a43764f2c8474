"""A sanction entered in the credit file (金东 七（二）) may be repaired and confirmed (三（四）):
then it no longer counts as serious dishonesty (JD-3-3).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sanctions") as batch:
        batch.add_column(sa.Column("repaired", sa.Boolean))


def downgrade() -> None:
    with op.batch_alter_table("sanctions") as batch:
        batch.drop_column("repaired")
