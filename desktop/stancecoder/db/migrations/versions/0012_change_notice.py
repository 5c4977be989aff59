"""On PostgreSQL, a trigger announces every change log row with a NOTIFY, so an open window
learns of others' writes without asking the server at each look (see
`stancecoder.db.change_notice`). SQLite gets nothing.

Revision ID: 0012
Revises: 0011
"""

from alembic import op

from stancecoder.db.change_notice import POSTGRES_CREATE, POSTGRES_DROP

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for statement in POSTGRES_CREATE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for statement in POSTGRES_DROP:
            op.execute(statement)
