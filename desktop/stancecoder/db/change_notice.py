"""On PostgreSQL, every change log row is announced to the windows listening for it.

A trigger on `change_log` sends a NOTIFY in the transaction that inserts the row, so the
server delivers it when, and only if, the row commits, in the order of the commits: it
catches every writer (the app, the command line, a script, a bulk path), whoever it logs in
as. An open window listens on a connection of its own (`db.change_listener`) and learns of
others' writes without asking the server each time it looks.

PostgreSQL keeps a database's notifications to the sessions connected to that database, so
the channel, the same in every project, is in effect the project's own. LISTEN and NOTIFY
need no privilege, and the trigger's function runs as the writer: every login of a team
may hear and announce.

The notice carries the row itself as a JSON array, `[id, articles, passages, codebook,
everything]`, so a window learns what changed without reading the log; a row too long for
a notice (PostgreSQL refuses payloads of 8,000 bytes or more) is announced by its id alone,
`[id]`, and read from the log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

CHANNEL = "stancecoder_change_log"
FUNCTION = "stancecoder_announce_change"
TRIGGER = "change_log_announce"
PAYLOAD_LIMIT = 8000  # bytes: PostgreSQL refuses a longer notice, and with it the write

_BODY = f"""
DECLARE
    notice text := json_build_array(
        NEW.id, NEW.articles, NEW.passages, NEW.codebook, NEW.everything)::text;
BEGIN
    IF octet_length(notice) >= {PAYLOAD_LIMIT} THEN
        notice := json_build_array(NEW.id)::text;
    END IF;
    PERFORM pg_notify('{CHANNEL}', notice);
    RETURN NULL;
END"""

POSTGRES_CREATE = (
    f"CREATE FUNCTION public.{FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $${_BODY}$$",
    f"CREATE TRIGGER {TRIGGER} AFTER INSERT ON public.change_log "
    f"FOR EACH ROW EXECUTE FUNCTION public.{FUNCTION}()",
)
POSTGRES_DROP = (
    f"DROP TRIGGER IF EXISTS {TRIGGER} ON public.change_log",
    f"DROP FUNCTION IF EXISTS public.{FUNCTION}()",
)


@dataclass(frozen=True)
class Notice:
    """One committed row of the log as announced; `whole` when it carries the row's columns
    (else only its id is known, and the row must be read from the log)."""

    id: int
    articles: str = "[]"
    passages: str = "[]"
    codebook: bool = False
    everything: bool = False
    whole: bool = False


def read_notice(payload: str) -> Notice | None:
    """The notice a payload announces; None for one this version cannot read (a newer
    app's), which a window answers by reading the log."""
    try:
        fields = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(fields, list) or not fields or type(fields[0]) is not int:
        return None
    if len(fields) == 1:
        return Notice(fields[0])
    if len(fields) != 5:
        return None
    _, articles, passages, codebook, everything = fields
    if not (isinstance(articles, str) and isinstance(passages, str)):
        return None
    return Notice(fields[0], articles, passages, bool(codebook), bool(everything), whole=True)
