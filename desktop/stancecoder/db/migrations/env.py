"""Alembic environment: always handed a connection by `stancecoder.db.alembic_ops`.

Offline mode (`--sql`) exists for the schema files in the top-level `db/` folder.
"""

from alembic import context

from stancecoder.db.models import Base
from stancecoder.db.text_search import outside_models

config = context.config
target_metadata = Base.metadata


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        include_name=outside_models,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_name=outside_models,
        transaction_per_migration=False,
    )
    context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
