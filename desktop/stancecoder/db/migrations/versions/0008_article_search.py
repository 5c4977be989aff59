"""An index for the article search: SQLite FTS5 with the trigram tokenizer, kept in step
by triggers, or PostgreSQL trigram GIN indexes (see `stancecoder.db.text_search`).

A project that already has articles gets them indexed here. An SQLite without FTS5's
trigram tokenizer, or a server that refuses the `pg_trgm` extension, upgrades all the
same: the search then runs without the index, as before.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

from stancecoder.db.text_search import (
    POSTGRES_CREATE,
    POSTGRES_DROP,
    SQLITE_CREATE,
    SQLITE_DROP,
    sqlite_has_trigram,
)

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    context = op.get_context()
    statements: tuple[str, ...]
    if context.dialect.name == "postgresql":
        statements = POSTGRES_CREATE
    elif context.as_sql or sqlite_has_trigram(op.get_bind()):
        statements = SQLITE_CREATE
    else:
        statements = ()
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    postgres = op.get_context().dialect.name == "postgresql"
    for statement in POSTGRES_DROP if postgres else SQLITE_DROP:
        op.execute(statement)
