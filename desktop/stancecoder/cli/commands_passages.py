"""`stancecoder passages`: every passage matching filters, across the corpus."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from stancecoder.cli.filter_options import add_filter_options, filters_of
from stancecoder.cli.parsing import add_command
from stancecoder.core.printable import printable
from stancecoder.core.wording import counted

COLUMNS = ("article", "coder", "passage in context", "codes")


def add_passages_parser(commands: argparse._SubParsersAction) -> None:
    text = (
        "every passage matching the filters, with its words in context, codes, coder and "
        "article (a code includes its sub-codes; all filters must hold)"
    )
    sub = add_command(commands, "passages", text, passages)
    sub.add_argument("project")
    sub.add_argument("--coder", action="append", default=[], help="this coder's (repeatable)")
    add_filter_options(sub)
    output = sub.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON instead of a table")
    output.add_argument("--out", type=Path, metavar="FILE.xlsx|FILE.csv", help="write a file")


def passages(args: argparse.Namespace) -> int:
    from stancecoder.services.project import open_project
    from stancecoder.services.retrieval import find_passages
    from stancecoder.services.retrieval_export import export_passages, match_records

    filters = filters_of(args, args.coder)
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
