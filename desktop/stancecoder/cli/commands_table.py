"""`stancecoder table`: a crosstab of one layer's codings (actor × topic, actor × month)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from stancecoder.cli.parsing import add_command
from stancecoder.core.crosstab import VALUES
from stancecoder.core.crosstab_text import VALUE_WORDS, aligned, notes
from stancecoder.core.layer import Layer
from stancecoder.core.printable import printable
from stancecoder.core.wording import counted
from stancecoder.services.crosstab import crosstabs
from stancecoder.services.crosstab_export import crosstab_records, export_crosstab
from stancecoder.services.project import open_project


def add_table_parser(commands: argparse._SubParsersAction) -> None:
    text = (
        "a crosstab of one layer's codings: passages, articles or mean stance with its 95% "
        "CI for each pair of categories of two dimensions (variables, source, year, month, "
        "week)"
    )
    sub = add_command(commands, "table", text, table)
    sub.add_argument("project")
    sub.add_argument("--rows", required=True, metavar="DIMENSION", help="e.g. actor")
    sub.add_argument("--cols", required=True, metavar="DIMENSION", help="e.g. topic or month")
    sub.add_argument("--value", choices=VALUES, default="passages", help="the figure in a cell")
    sub.add_argument(
        "--sub-codes", action="store_true", help="each sub-code apart, not rolled up to its code"
    )
    layer = sub.add_mutually_exclusive_group()
    layer.add_argument("--coder", metavar="NAME", help="this coder's codings")
    layer.add_argument("--consensus", action="store_true", help="the adjudicated consensus")
    layer.add_argument(
        "--each-coder", action="store_true", help="one table per coder (default before a consensus)"
    )
    output = sub.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON instead of a table")
    output.add_argument("--out", type=Path, metavar="FILE.xlsx|FILE.csv", help="write a file")


def table(args: argparse.Namespace) -> int:
    layer = (
        Layer.of_coder(args.coder) if args.coder
        else Layer.consensus() if args.consensus
        else Layer.each_coder() if args.each_coder
        else None
    )  # fmt: skip
    with open_project(args.project) as project:
        tabs = crosstabs(project, args.rows, args.cols, layer, args.sub_codes)
        if args.out is not None:
            written = export_crosstab(project, tabs, args.out)
            print(f"wrote {args.out} ({counted(written, 'row')}, {tabs.layer.title})")
            return 0
    if args.json:
        print(json.dumps(crosstab_records(tabs), ensure_ascii=False, indent=1))
        return 0
    for number, coder_table in enumerate(tabs.tables):
        if number:
            print()
        whose = coder_table.title
        if tabs.layer.kind == "each":
            whose += f" ({tabs.layer.title})"
        print(printable(f"{tabs.rows} × {tabs.columns}, {whose}: {VALUE_WORDS[args.value]}"))
        if not coder_table.table.row_keys:
            print("no coded passages")
        for line in aligned(coder_table.table, args.value) if coder_table.table.row_keys else []:
            print(printable(line))
        for note in notes(coder_table.table, tabs.multiple):
            print(printable(note))
    return 0
