"""Version an article's status and article-level codes per coder, as passages are versioned.

A command reads the status or the codes and writes them back in one transaction; the
version makes a change committed by someone else in between (or since the coder last saw
the article) a refusal instead of a silent overwrite.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "assignment",
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    )


def downgrade() -> None:
    with op.batch_alter_table("assignment") as batch_op:
        batch_op.drop_column("version")
