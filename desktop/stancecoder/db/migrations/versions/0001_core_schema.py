"""Core schema: coders, articles, codebook, passages, codes and assignments.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("initials", sa.String(length=8), nullable=False),
        sa.Column("colour", sa.String(length=7), nullable=True),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("role IN ('coder', 'lead')", name=op.f("ck_coder_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coder")),
        sa.UniqueConstraint("name", name=op.f("uq_coder_name")),
    )
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "variable",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("multiple", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "level IN ('nominal', 'ordinal', 'interval')", name=op.f("ck_variable_level")
        ),
        sa.CheckConstraint("scope IN ('passage', 'article')", name=op.f("ck_variable_scope")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_variable")),
        sa.UniqueConstraint("name", name=op.f("uq_variable_name")),
    )
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=True),
        sa.Column("dateline", sa.String(length=200), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("extra", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["import_batch.id"], name=op.f("fk_article_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("text_sha256", name=op.f("uq_article_text_sha256")),
        sa.UniqueConstraint("uid", name=op.f("uq_article_uid")),
    )
    op.create_index(op.f("ix_article_external_id"), "article", ["external_id"])
    op.create_index(op.f("ix_article_published"), "article", ["published"])
    op.create_index(op.f("ix_article_source"), "article", ["source"])

    op.create_table(
        "code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("variable_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("colour", sa.String(length=7), nullable=True),
        sa.Column("shortcut", sa.String(length=40), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["code.id"], name=op.f("fk_code_parent_id_code"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["variable_id"],
            ["variable.id"],
            name=op.f("fk_code_variable_id_variable"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_code")),
        sa.UniqueConstraint("uid", name=op.f("uq_code_uid")),
        sa.UniqueConstraint("variable_id", "label", name=op.f("uq_code_variable_id_label")),
    )
    op.create_table(
        "article_code",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("variable_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_article_code_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["code_id"], ["code.id"], name=op.f("fk_article_code_code_id_code"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["coder_id"],
            ["coder.id"],
            name=op.f("fk_article_code_coder_id_coder"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["variable_id"],
            ["variable.id"],
            name=op.f("fk_article_code_variable_id_variable"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("article_id", "coder_id", "code_id", name=op.f("pk_article_code")),
    )
    op.create_index(op.f("ix_article_code_code_id"), "article_code", ["code_id"])

    op.create_table(
        "assignment",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('todo', 'doing', 'done')", name=op.f("ck_assignment_status")
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_assignment_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["coder_id"],
            ["coder.id"],
            name=op.f("fk_assignment_coder_id_coder"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("article_id", "coder_id", name=op.f("pk_assignment")),
    )
    op.create_table(
        "passage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("memo", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint('0 <= "start" AND "start" < "end"', name=op.f("ck_passage_span")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_passage_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["coder_id"], ["coder.id"], name=op.f("fk_passage_coder_id_coder"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passage")),
        sa.UniqueConstraint("uid", name=op.f("uq_passage_uid")),
    )
    op.create_index(op.f("ix_passage_article_id"), "passage", ["article_id"])
    op.create_index(op.f("ix_passage_coder_id"), "passage", ["coder_id"])

    op.create_table(
        "passage_code",
        sa.Column("passage_id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("variable_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["code_id"], ["code.id"], name=op.f("fk_passage_code_code_id_code"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["passage_id"],
            ["passage.id"],
            name=op.f("fk_passage_code_passage_id_passage"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["variable_id"],
            ["variable.id"],
            name=op.f("fk_passage_code_variable_id_variable"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("passage_id", "code_id", name=op.f("pk_passage_code")),
    )
    op.create_index(op.f("ix_passage_code_code_id"), "passage_code", ["code_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_passage_code_code_id"), table_name="passage_code")

    op.drop_table("passage_code")
    op.drop_index(op.f("ix_passage_coder_id"), table_name="passage")
    op.drop_index(op.f("ix_passage_article_id"), table_name="passage")

    op.drop_table("passage")
    op.drop_table("assignment")
    op.drop_index(op.f("ix_article_code_code_id"), table_name="article_code")

    op.drop_table("article_code")
    op.drop_table("code")
    op.drop_index(op.f("ix_article_source"), table_name="article")
    op.drop_index(op.f("ix_article_published"), table_name="article")
    op.drop_index(op.f("ix_article_external_id"), table_name="article")

    op.drop_table("article")
    op.drop_table("variable")
    op.drop_table("setting")
    op.drop_table("import_batch")
    op.drop_table("coder")
