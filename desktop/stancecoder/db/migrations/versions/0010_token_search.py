"""The token index for the article search on PostgreSQL (see `stancecoder.db.token_search`).

As 0008 on SQLite, the articles a project already has are only noted as waiting: the
window indexes them afterwards and the search reads the waiting ones with ILIKE meanwhile.
The vocabulary's trigram index needs `pg_trgm`; a server without it (or a role not allowed
to install it) upgrades all the same and reads the vocabulary whole. SQLite gets nothing.

Revision ID: 0010
Revises: 0009
"""

from alembic import op
from sqlalchemy.exc import DBAPIError

from stancecoder.db.token_search import (
    POSTGRES_CREATE,
    POSTGRES_DROP,
    TRIGRAM_EXTENSION,
    trigram_index,
    trigram_schema,
)

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    context = op.get_context()
    if context.dialect.name != "postgresql":
        return
    for statement in POSTGRES_CREATE:
        op.execute(statement)
    if context.as_sql:
        op.execute(TRIGRAM_EXTENSION)
        op.execute(trigram_index("public"))
        return
    connection = op.get_bind()
    if trigram_schema(connection) is None:
        try:
            with connection.begin_nested():
                connection.exec_driver_sql(TRIGRAM_EXTENSION)
        except DBAPIError:  # not installed on the server, or this role may not install it
            return
    schema = trigram_schema(connection)
    if schema is not None:
        op.execute(trigram_index(schema))


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for statement in POSTGRES_DROP:
            op.execute(statement)
