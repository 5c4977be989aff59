"""A team server's roles, grants and row-level security, set up and inspected in SQL.

Two group roles per database, `<database>_leads` and `<database>_coders`, so two projects on
one server never share them; every coder logs in as a role of their own, a member of one of
them. What each group may do is `stancecoder.db.team_policies`. Setting it up is idempotent:
run again, it puts back what is missing, which is also how tables a schema upgrade added get
theirs (see `stancecoder.db.migrate`). Identifiers and passwords reach the server through
psycopg's quoting, and a password only as the SCRAM verifier libpq computes from it, so the
clear text appears in no statement and no server log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Connection, text

from stancecoder.core.errors import ValidationError
from stancecoder.db.team_policies import (
    CODERS_SUFFIX,
    FUNCTIONS,
    LEADS_POLICY,
    LEADS_SUFFIX,
    SEQUENCE_TABLES,
    TABLES,
    UNGUARDED,
    WRITE,
    policy_names,
)

ROLE_NAME_LIMIT = 63  # PostgreSQL's identifier length, in bytes


@dataclass(frozen=True)
class Groups:
    leads: str
    coders: str

    def of(self, role: str) -> str:
        return self.leads if role == "lead" else self.coders


def groups_of(connection: Connection) -> Groups:
    """The group roles of the database this connection is on."""
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    groups = Groups(database + LEADS_SUFFIX, database + CODERS_SUFFIX)
    if len(groups.coders.encode()) > ROLE_NAME_LIMIT:
        raise ValidationError(
            f"the database name {database!r} is too long for its roles' names: "
            f"use one of at most {ROLE_NAME_LIMIT - len(CODERS_SUFFIX)} bytes"
        )
    return groups


def role_exists(connection: Connection, role: str) -> bool:
    found = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
    return found.first() is not None


def is_team_server(connection: Connection) -> bool:
    """`server init` has run here: both group roles exist."""
    try:
        groups = groups_of(connection)
    except ValidationError:  # a name too long for roles: never set up
        return False
    return role_exists(connection, groups.leads) and role_exists(connection, groups.coders)


def _run(connection: Connection, statement: sql.SQL | sql.Composed) -> None:
    """A statement composed with psycopg's quoting, in the connection's transaction."""
    with _driver(connection).cursor() as cursor:
        cursor.execute(statement)


def _driver(connection: Connection) -> psycopg.Connection[Any]:
    raw = connection.connection.driver_connection
    assert isinstance(raw, psycopg.Connection)  # the only PostgreSQL driver StanceCoder uses
    return raw


def apply_security(connection: Connection) -> Groups:
    """Create the group roles if missing, then grant and guard every table."""
    groups = groups_of(connection)
    for group in (groups.leads, groups.coders):
        if not role_exists(connection, group):
            _run(connection, sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(group)))
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    both = sql.SQL(", ").join([sql.Identifier(groups.leads), sql.Identifier(groups.coders)])
    _run(
        connection,
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), both),
    )
    if _owns_public_schema(connection):  # before PostgreSQL 15 a superuser owns it
        _run(connection, sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    _run(connection, sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(both))
    for definition in FUNCTIONS.values():
        _run(connection, sql.SQL(definition))
    for table in UNGUARDED:
        _grant(connection, table, ("SELECT",), both)
    for table, rules in TABLES.items():
        _guard(connection, table, groups, rules.leads, rules.coders, rules.policies)
    sequences = connection.execute(
        text(
            "SELECT table_name, pg_get_serial_sequence(quote_ident(table_schema) || '.' || "
            "quote_ident(table_name), 'id') FROM information_schema.columns "
            "WHERE table_schema = 'public' AND column_name = 'id'"
        )
    )
    for table, sequence in sequences:
        if sequence is None:
            continue
        to = both if table in SEQUENCE_TABLES else sql.Identifier(groups.leads)
        _run(
            connection,
            sql.SQL("GRANT USAGE, SELECT ON SEQUENCE {} TO {}").format(sql.SQL(sequence), to),
        )
    return groups


def _owns_public_schema(connection: Connection) -> bool:
    query = text(
        "SELECT pg_has_role(current_user, nspowner, 'USAGE') FROM pg_namespace "
        "WHERE nspname = 'public'"
    )
    return bool(connection.execute(query).scalar())


def _grant(
    connection: Connection, table: str, privileges: tuple[str, ...], to: sql.Composable
) -> None:
    _run(
        connection,
        sql.SQL("GRANT {} ON TABLE {} TO {}").format(
            sql.SQL(", ").join(sql.SQL(p) for p in privileges),
            sql.Identifier("public", table),
            to,
        ),
    )


def _guard(
    connection: Connection,
    table: str,
    groups: Groups,
    leads: tuple[str, ...],
    coders: tuple[str, ...],
    policies: dict[str, str],
) -> None:
    name = sql.Identifier("public", table)
    _run(connection, sql.SQL("REVOKE ALL ON TABLE {} FROM {}, {}").format(
        name, sql.Identifier(groups.leads), sql.Identifier(groups.coders)
    ))  # fmt: skip
    _grant(connection, table, leads, sql.Identifier(groups.leads))
    _grant(connection, table, coders, sql.Identifier(groups.coders))
    _run(connection, sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(name))
    clauses = {"stancecoder_leads": LEADS_POLICY}
    clauses.update({f"stancecoder_{key}": clause for key, clause in policies.items()})
    for policy, clause in clauses.items():
        _run(connection, sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(
            sql.Identifier(policy), name
        ))  # fmt: skip
        _run(
            connection,
            sql.SQL("CREATE POLICY {} ON {} ").format(sql.Identifier(policy), name)
            + sql.SQL(clause),
        )


def set_login(
    connection: Connection, login: str, group: str, other: str, password: str | None
) -> bool:
    """Make `login` a member of `group` (and not of `other`), creating it as a login role
    if new; with `password`, set it. True when the role was created."""
    created = not role_exists(connection, login)
    role = sql.Identifier(login)
    if created:
        _run(connection, sql.SQL("CREATE ROLE {} LOGIN").format(role))
    if password is not None:
        pgconn = _driver(connection).pgconn
        verifier = pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
        _run(
            connection,
            sql.SQL("ALTER ROLE {} PASSWORD {}").format(role, sql.Literal(verifier.decode())),
        )
    _run(connection, sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), role))
    if role_member(connection, login, other):
        _run(connection, sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(other), role))
    return created


def role_member(connection: Connection, login: str, group: str) -> bool:
    """Whether `login` was granted `group` directly."""
    query = text(
        "SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "JOIN pg_roles r ON r.oid = m.member WHERE g.rolname = :g AND r.rolname = :r"
    )
    return connection.execute(query, {"g": group, "r": login}).first() is not None


def current_role_group(connection: Connection) -> str | None:
    """The connected role's group in this database's team, "lead" or "coder"; None for the
    administrator (a superuser counts as a member of every role)."""
    if not is_team_server(connection):
        return None
    me = connection.execute(text("SELECT current_user")).scalar_one()
    if bypasses_security(connection, me):
        return None
    groups = groups_of(connection)
    query = text("SELECT pg_has_role(current_user, :g, 'MEMBER')")
    if connection.execute(query, {"g": groups.leads}).scalar_one():
        return "lead"
    if connection.execute(query, {"g": groups.coders}).scalar_one():
        return "coder"
    return None


@dataclass(frozen=True)
class Finding:
    """One thing `server check` looks for, and whether it is in place."""

    what: str
    present: bool


def inspect_security(connection: Connection) -> list[Finding]:
    """The roles, functions, grants and policies `apply_security` makes, each found or not."""
    groups = groups_of(connection)
    findings = [
        Finding(f"role {group}", role_exists(connection, group))
        for group in (groups.leads, groups.coders)
    ]
    functions = set(
        connection.execute(
            text("SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace")
        ).scalars()
    )
    findings += [Finding(f"function {name}()", name in functions) for name in FUNCTIONS]
    tables = set(
        connection.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        .scalars()
    )  # fmt: skip
    for table, rules in TABLES.items():
        if table not in tables:
            findings.append(Finding(f"table {table}", False))
            continue
        findings.append(Finding(f"row-level security on {table}", _rls_on(connection, table)))
        present = set(
            connection.execute(
                text("SELECT policyname FROM pg_policies WHERE schemaname = 'public' "
                     "AND tablename = :t"),
                {"t": table},
            ).scalars()
        )  # fmt: skip
        findings += [
            Finding(f"policy {name} on {table}", name in present) for name in policy_names(table)
        ]
        for group, privileges in ((groups.leads, rules.leads), (groups.coders, rules.coders)):
            findings.append(_privileges(connection, group, table, privileges))
    return findings


def _privileges(
    connection: Connection, group: str, table: str, privileges: tuple[str, ...]
) -> Finding:
    """Exactly these privileges: one missing breaks the app, one more opens a door."""
    missing = [p for p in privileges if not _granted(connection, group, table, p)]
    extra = [p for p in WRITE if p not in privileges and _granted(connection, group, table, p)]
    said = [f"missing {', '.join(missing)}"] * bool(missing)
    said += [f"also {', '.join(extra)}, which it must not have"] * bool(extra)
    details = f" ({'; '.join(said)})" if said else ""
    return Finding(f"{', '.join(privileges)} on {table} for {group}{details}", not said)


def _rls_on(connection: Connection, table: str) -> bool:
    query = text("SELECT relrowsecurity FROM pg_class WHERE oid = CAST(:t AS regclass)")
    return bool(connection.execute(query, {"t": f"public.{table}"}).scalar())


def _granted(connection: Connection, group: str, table: str, privilege: str) -> bool:
    if not role_exists(connection, group):
        return False
    query = text("SELECT has_table_privilege(:g, :t, :p)")
    return bool(
        connection.execute(query, {"g": group, "t": f"public.{table}", "p": privilege}).scalar()
    )


def bypasses_security(connection: Connection, login: str) -> bool:
    """Whether row-level security would not hold for `login`: a superuser, a role that
    bypasses it, or one with the rights of the tables' owner."""
    query = text(
        "SELECT r.rolsuper OR r.rolbypassrls OR pg_has_role(r.oid, c.relowner, 'USAGE') "
        "FROM pg_roles r, pg_class c "
        "WHERE r.rolname = :r AND c.oid = CAST('public.alembic_version' AS regclass)"
    )
    return bool(connection.execute(query, {"r": login}).scalar())


def owns_schema(connection: Connection) -> bool:
    """Whether the connected role may upgrade the schema: it owns the project's tables (or
    is a superuser, or a member of their owner)."""
    query = text(
        "SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c "
        "WHERE c.oid = CAST('public.alembic_version' AS regclass)"
    )
    return bool(connection.execute(query).scalar())
