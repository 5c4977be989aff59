"""Copies of one story marked among the articles: the clusters found, the copy kept for
coding, and the copies a lead left out of coding and of samples. Marks only: the articles
themselves stay as imported.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "duplicate_cluster",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kept_article_id", sa.Integer(), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("jaccard", sa.Float(), nullable=False),
        sa.Column("containment", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kept_article_id"],
            ["article.id"],
            name=op.f("fk_duplicate_cluster_kept_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_cluster")),
    )
    op.create_index(
        op.f("ix_duplicate_cluster_kept_article_id"), "duplicate_cluster", ["kept_article_id"]
    )
    op.create_table(
        "duplicate_copy",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("jaccard", sa.Float(), nullable=False),
        sa.Column("containment", sa.Float(), nullable=False),
        sa.Column("excluded", sa.Boolean(), nullable=False),
        sa.CheckConstraint("kind IN ('exact', 'near')", name=op.f("ck_duplicate_copy_kind")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_duplicate_copy_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["duplicate_cluster.id"],
            name=op.f("fk_duplicate_copy_cluster_id_duplicate_cluster"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_duplicate_copy")),
    )
    op.create_index(op.f("ix_duplicate_copy_cluster_id"), "duplicate_copy", ["cluster_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_duplicate_copy_cluster_id"), table_name="duplicate_copy")
    op.drop_table("duplicate_copy")
    op.drop_index(op.f("ix_duplicate_cluster_kept_article_id"), table_name="duplicate_cluster")
    op.drop_table("duplicate_cluster")
