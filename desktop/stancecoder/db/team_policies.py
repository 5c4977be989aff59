"""What a team server lets its leads and coders do, table by table, as the database enforces
it with grants and row-level security (applied by `stancecoder.db.server_roles`).

The tables belong to the administrator who ran `server init`, so row-level security holds
for every lead and coder (it never applies to a table's owner). Leads may do everything but
rewrite the history; a coder reads what the window reads and writes only their own codings.
Every policy is written for PUBLIC and asks the functions below who is acting, never a role
by name: a project restored under another database name keeps its policies, and only its
grants need `server init` again.

"My coder" is the coder whose `login` is `current_user`; a lead is a member of the
database's leads role. While a reliability round is open its articles are coded blind, so a
coder reads only their own codings of them (`stancecoder_blind`).
"""

from __future__ import annotations

from dataclasses import dataclass

from stancecoder.db import token_search

LEADS_SUFFIX, CODERS_SUFFIX = "_leads", "_coders"
READ, WRITE = ("SELECT",), ("SELECT", "INSERT", "UPDATE", "DELETE")
KEEP_LOG = "7 days"  # a coder may prune change log rows this old (as `db.change_log.prune` does)

FUNCTIONS = {
    "stancecoder_my_coder": """
CREATE OR REPLACE FUNCTION public.stancecoder_my_coder() RETURNS integer
LANGUAGE sql STABLE AS $$ SELECT id FROM public.coder WHERE login = current_user $$""",
    "stancecoder_my_name": """
CREATE OR REPLACE FUNCTION public.stancecoder_my_name() RETURNS text
LANGUAGE sql STABLE AS $$ SELECT name FROM public.coder WHERE login = current_user $$""",
    "stancecoder_is_lead": """
CREATE OR REPLACE FUNCTION public.stancecoder_is_lead() RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT EXISTS (
    SELECT 1 FROM pg_catalog.pg_roles r
    WHERE r.rolname = current_database() || '_leads'
      AND pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER')) $$""",
    "stancecoder_blind": """
CREATE OR REPLACE FUNCTION public.stancecoder_blind(article integer) RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT EXISTS (
    SELECT 1 FROM public.round_article ra JOIN public.round r ON r.id = ra.round_id
    WHERE ra.article_id = article AND r.closed_at IS NULL) $$""",
    "stancecoder_visible": """
CREATE OR REPLACE FUNCTION public.stancecoder_visible(owner integer, article integer)
RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT owner = public.stancecoder_my_coder() OR NOT public.stancecoder_blind(article) $$""",
}

_MINE = "coder_id = public.stancecoder_my_coder()"
_MY_PASSAGE = (
    "EXISTS (SELECT 1 FROM public.passage p WHERE p.id = passage_id "
    "AND p.coder_id = public.stancecoder_my_coder())"
)


def _own(read: str) -> dict[str, str]:
    """A coder's own rows: read as `read` says, written only when theirs."""
    return {
        "read": f"FOR SELECT USING ({read})",
        "insert": f"FOR INSERT WITH CHECK ({_MINE})",
        "update": f"FOR UPDATE USING ({_MINE}) WITH CHECK ({_MINE})",
        "delete": f"FOR DELETE USING ({_MINE})",
    }


@dataclass(frozen=True)
class TableRules:
    """A table's grants to each group and the policies that let coders at its rows."""

    leads: tuple[str, ...]
    coders: tuple[str, ...]
    policies: dict[str, str]
    """Coders' policies by name (`stancecoder_` + name); leads have one allowing all."""


_READ_ALL = {"read": "FOR SELECT USING (true)"}
_VISIBLE = "public.stancecoder_visible(coder_id, article_id)"

_READ_ONLY = ("setting", "coder", "import_batch", "article", "variable", "code", "round",
              "round_article", "round_coder",
              "duplicate_cluster", "duplicate_copy")  # fmt: skip  # copies: marked by leads

_SEARCH_INDEX = token_search.TABLES
"""The search index's tables on a server, written only by the index's own functions, which
run as the tables' owner (`db.token_search`): whoever searches or fills it only reads them."""

TABLES: dict[str, TableRules] = {
    **{name: TableRules(WRITE, READ, _READ_ALL) for name in _READ_ONLY},
    **{name: TableRules(READ, READ, _READ_ALL) for name in _SEARCH_INDEX},
    "passage": TableRules(WRITE, WRITE, _own(_VISIBLE)),
    "article_code": TableRules(WRITE, WRITE, _own(_VISIBLE)),
    "assignment": TableRules(WRITE, WRITE, _own("true")),
    "passage_code": TableRules(
        WRITE,
        WRITE,
        {
            "read": "FOR SELECT USING (EXISTS (SELECT 1 FROM public.passage p "
            "WHERE p.id = passage_id AND public.stancecoder_visible(p.coder_id, p.article_id)))",
            "insert": f"FOR INSERT WITH CHECK ({_MY_PASSAGE})",
            "update": f"FOR UPDATE USING ({_MY_PASSAGE}) WITH CHECK ({_MY_PASSAGE})",
            "delete": f"FOR DELETE USING ({_MY_PASSAGE})",
        },
    ),
    "change_log": TableRules(
        WRITE,
        ("SELECT", "INSERT", "DELETE"),
        {
            **_READ_ALL,
            "insert": "FOR INSERT WITH CHECK (true)",
            "delete": f"FOR DELETE USING (at < now() - interval '{KEEP_LOG}')",
        },
    ),
    "history": TableRules(
        ("SELECT", "INSERT"),
        ("SELECT", "INSERT"),
        {
            "read": "FOR SELECT USING (actor = public.stancecoder_my_name() "
            "OR coder = public.stancecoder_my_name() "
            "OR NOT public.stancecoder_blind(coalesce(article_id, 0)))",
            "insert": "FOR INSERT WITH CHECK (actor = public.stancecoder_my_name())",
        },
    ),
}
"""Every table of `db.models` but `alembic_version`, which both groups only read and which
needs no policies, and the search index's (a test keeps this list equal to them)."""

UNGUARDED = ("alembic_version",)
SEQUENCE_TABLES = ("passage", "change_log", "history")
"""The tables coders insert into that number their rows from a sequence."""
_LEAD = "public.stancecoder_is_lead()"
LEADS_POLICY = f"FOR ALL USING ({_LEAD}) WITH CHECK ({_LEAD})"


def policy_names(table: str) -> list[str]:
    return ["stancecoder_leads", *(f"stancecoder_{name}" for name in TABLES[table].policies)]
