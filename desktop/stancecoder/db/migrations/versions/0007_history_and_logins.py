"""The history of coding, and a team server's logins.

`history` is append-only: one row per coding action, codebook change or status change,
with who acted, whose work it was, and the state before and after as JSON, to document the
coding process for a methods section. Triggers refuse any UPDATE or DELETE of its rows
(and on PostgreSQL a TRUNCATE), so not even a script that skips the app can rewrite it
quietly. `coder.login` names the server login role that codes as this coder, so the app
knows who is coding on a server without asking.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

REFUSAL = "the history is append-only: its rows are never changed or deleted"


def upgrade() -> None:
    op.create_table(
        "history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("coder", sa.String(length=200), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("passage_uid", sa.String(length=32), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_history_at"), "history", ["at"])
    op.create_index(op.f("ix_history_article_id"), "history", ["article_id"])
    op.create_index(op.f("ix_history_passage_uid"), "history", ["passage_uid"])
    _refuse_changes()
    op.add_column("coder", sa.Column("login", sa.String(length=63), nullable=True))
    op.create_index(op.f("ix_coder_login"), "coder", ["login"], unique=True)


def _refuse_changes() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history "
            "FOR EACH ROW EXECUTE FUNCTION history_append_only()"
        )
        op.execute(
            "CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history "
            "FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER history_no_{event.lower()} BEFORE {event} ON history "
            f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_coder_login"), table_name="coder")
    with op.batch_alter_table("coder") as batch:
        batch.drop_column("login")
    op.drop_index(op.f("ix_history_passage_uid"), table_name="history")
    op.drop_index(op.f("ix_history_article_id"), table_name="history")
    op.drop_index(op.f("ix_history_at"), table_name="history")
    op.drop_table("history")  # its triggers go with it
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP FUNCTION history_append_only()")
