"""`stancecoder history`: what was done to the codings and the codebook, by whom, when."""

from __future__ import annotations

import argparse

from stancecoder.cli.parsing import add_command
from stancecoder.core.history import HistoryEntry, parse_since
from stancecoder.core.printable import printable

COLUMNS = ("when", "actor", "action", "coder", "article", "passage", "before -> after")


def add_history_parser(commands: argparse._SubParsersAction) -> None:
    text = (
        "the coding history, oldest first: who changed which passage, status, article codes "
        "or codebook entry, when, and what it was before and after (times in UTC)"
    )
    sub = add_command(commands, "history", text, history)
    sub.add_argument("project")
    sub.add_argument("--coder", metavar="NAME", help="only this coder's work or actions")
    sub.add_argument("--article", type=int, metavar="ID", help="only this article")
    sub.add_argument(
        "--since",
        metavar="DATE",
        help="only from this date or date-time on, e.g. 2026-03-01 or 2026-03-01T14:30 (UTC)",
    )


def history(args: argparse.Namespace) -> int:
    from stancecoder.services.history_read import HistoryFilter, read_history
    from stancecoder.services.project import open_project

    since = parse_since(args.since) if args.since is not None else None
    filters = HistoryFilter(coder=args.coder, article_id=args.article, since=since)
    with open_project(args.project) as project:
        entries = read_history(project, filters)
    print("\t".join(COLUMNS))
    for entry in entries:
        print("\t".join(_cell(value) for value in _row(entry)))
    return 0


def _row(entry: HistoryEntry) -> tuple[object, ...]:
    return (
        entry.when, entry.actor, entry.action, entry.coder, entry.article_id,
        entry.passage_uid, entry.change,
    )  # fmt: skip


def _cell(value: object) -> str:
    """One field of a line: a tab or line break inside would break the columns apart."""
    return "" if value is None else printable(str(value))
