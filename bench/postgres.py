"""The PostgreSQL database the benchmarks may use: empty, or holding an earlier benchmark
project, which is dropped; a database with anything else in it is refused untouched."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text
from synthetic import PROJECT_NAME

from stancecoder.db.engine import display_name, engine_url

POSTGRES_ENV = "STANCECODER_BENCH_POSTGRES"
PG_LABEL = " (PostgreSQL)"  # appended to a figure measured on PostgreSQL


def server_version(url: str) -> str:
    engine = create_engine(engine_url(url))
    try:
        with engine.connect() as connection:
            return str(connection.execute(text("SHOW server_version")).scalar())
    finally:
        engine.dispose()


def wipe_benchmark_database(url: str) -> None:
    engine = create_engine(engine_url(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            if tables:
                name = None
                if "setting" in tables:
                    query = text("SELECT value FROM setting WHERE key = 'name'")
                    name = connection.execute(query).scalar()
                if name != PROJECT_NAME:
                    raise RuntimeError(
                        f"{display_name(url)} holds other data; give the benchmarks an empty "
                        "database (CREATE DATABASE ...)"
                    )
            connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()
