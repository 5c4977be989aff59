"""Record the codebook version each coding was made under.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("passage", sa.Column("codebook_version", sa.String(length=40), nullable=True))
    op.add_column(
        "article_code", sa.Column("codebook_version", sa.String(length=40), nullable=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("article_code") as batch_op:
        batch_op.drop_column("codebook_version")
    with op.batch_alter_table("passage") as batch_op:
        batch_op.drop_column("codebook_version")
