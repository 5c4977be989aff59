"""A trigram index for the article search on SQLite (see `stancecoder.db.text_search`).

The articles a project already has are only noted as waiting here: indexing 10,000 takes
seconds, which an upgrade on opening should not cost; the window indexes them afterwards
and the search reads the waiting ones with LIKE meanwhile. An SQLite without FTS5's
trigram tokenizer upgrades all the same and searches with LIKE. PostgreSQL gets nothing:
its trigram indexes did not speed the search up (bench/README.md).

Revision ID: 0008
Revises: 0007
"""

from alembic import op

from stancecoder.db.text_search import SQLITE_CREATE, SQLITE_DROP, sqlite_has_trigram

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    context = op.get_context()
    if context.dialect.name != "sqlite":
        return
    if context.as_sql or sqlite_has_trigram(op.get_bind()):
        for statement in SQLITE_CREATE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        for statement in SQLITE_DROP:
            op.execute(statement)
