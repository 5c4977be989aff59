"""The schema as plain SQL, for database administrators (`db/` at the top of the repo).

Generated from the migrations in offline mode so the files can never describe a schema
the app does not create; a test regenerates them and fails on any difference.
Run `python -m stancecoder.db.schema_sql OUT_DIR` to rewrite them.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from alembic import command

from stancecoder.db.alembic_ops import alembic_config

DIALECT_URLS = {"sqlite": "sqlite://", "postgresql": "postgresql+psycopg://"}


def schema_sql(dialect: str) -> str:
    buffer = io.StringIO()
    config = alembic_config()
    config.output_buffer = buffer
    config.set_main_option("sqlalchemy.url", DIALECT_URLS[dialect])
    command.upgrade(config, "head", sql=True)
    header = (
        f"-- StanceCoder project schema for {dialect}, generated from the migrations.\n"
        "-- Regenerate with: python -m stancecoder.db.schema_sql db/\n\n"
    )
    return header + buffer.getvalue()


def schema_file(folder: Path, dialect: str) -> Path:
    return folder / f"schema-{dialect}.sql"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("db")
    for dialect in DIALECT_URLS:
        schema_file(folder, dialect).write_text(schema_sql(dialect), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
