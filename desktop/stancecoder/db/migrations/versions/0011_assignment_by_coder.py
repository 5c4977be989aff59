"""A coder's assignments indexed by coder, status and article.

Opening the window counts the coder's statuses (the status bar, and whether "Assigned to
me" starts checked) and lists the articles given to them. The primary key starts with the
article, so both read every assignment of every coder: 0.17 s of CPU at 100,000 articles
and 3 coders on SQLite. This index answers both alone, covering: the count in 0.02 s, the
list of the coder's articles without looking any article up.

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_assignment_coder_status", "assignment", ["coder_id", "status", "article_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_assignment_coder_status", table_name="assignment")
