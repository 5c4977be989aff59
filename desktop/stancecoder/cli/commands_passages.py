"""`stancecoder passages`: every passage matching filters, across the corpus."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from stancecoder.cli.parsing import add_command
from stancecoder.core.errors import ValidationError
from stancecoder.core.printable import printable
from stancecoder.core.status import Status
from stancecoder.core.wording import counted
from stancecoder.services.project import open_project
from stancecoder.services.retrieval import RetrievalFilter, find_passages
from stancecoder.services.retrieval_export import export_passages, match_records

COLUMNS = ("article", "coder", "passage in context", "codes")


def add_passages_parser(commands: argparse._SubParsersAction) -> None:
    text = (
        "every passage matching the filters, with its words in context, codes, coder and "
        "article (a code includes its sub-codes; all filters must hold)"
    )
    sub = add_command(commands, "passages", text, passages)
    sub.add_argument("project")
    sub.add_argument("--coder", action="append", default=[], help="this coder's (repeatable)")
    sub.add_argument(
        "--code",
        action="append",
        default=[],
        metavar="VARIABLE=CODE",
        help="coded so, e.g. actor='Russia › Vladimir Putin' (repeatable; codes of one "
        "variable are alternatives)",
    )
    sub.add_argument("--stance-min", type=float, metavar="N", help="stance at least N")
    sub.add_argument("--stance-max", type=float, metavar="N", help="stance at most N")
    sub.add_argument("--source", action="append", default=[], help="from this source")
    sub.add_argument("--since", metavar="DATE", help="published on or after, e.g. 2024-03")
    sub.add_argument("--until", metavar="DATE", help="published on or before, e.g. 2024-06-30")
    sub.add_argument(
        "--status", choices=[s.value for s in Status], help="the coder's status on the article"
    )
    sub.add_argument("--words", default="", help="words that all occur in the passage")
    output = sub.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON instead of a table")
    output.add_argument("--out", type=Path, metavar="FILE.xlsx|FILE.csv", help="write a file")


def passages(args: argparse.Namespace) -> int:
    filters = RetrievalFilter(
        coders=args.coder, codes=_codes(args.code), stance_min=args.stance_min,
        stance_max=args.stance_max, sources=args.source, date_from=args.since,
        date_to=args.until, status=args.status, words=args.words,
    )  # fmt: skip
    with open_project(args.project) as project:
        retrieved = find_passages(project, filters)
        if args.out is not None:
            written = export_passages(project, retrieved, args.out)
            print(f"wrote {args.out} ({counted(written, 'passage')})")
            return 0
    if args.json:
        print(json.dumps(match_records(retrieved), ensure_ascii=False, indent=1))
        return 0
    print("\t".join(COLUMNS))
    for match in retrieved.matches:
        codes = "; ".join(label for labels in match.codes.values() for label in labels)
        fields = (f"{match.article_id} {match.title}", match.coder, match.context.plain(), codes)
        print("\t".join(printable(field) for field in fields))
    print(counted(len(retrieved.matches), "passage"), file=sys.stderr)
    return 0


def _codes(given: list[str]) -> dict[str, list[str]]:
    codes: dict[str, list[str]] = {}
    for item in given:
        name, sign, code = item.partition("=")
        if not sign or not name.strip() or not code.strip():
            raise ValidationError(f"--code takes VARIABLE=CODE, got {item!r}")
        codes.setdefault(name.strip(), []).append(code.strip())
    return codes
