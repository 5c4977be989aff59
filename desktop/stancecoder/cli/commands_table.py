"""`stancecoder table`: a crosstab of one layer's codings (actor × topic, actor × month);
`stancecoder cooccurrence`: which codes occur together, in a passage or an article."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from stancecoder.cli.parsing import add_command
from stancecoder.core.crosstab import VALUES
from stancecoder.core.crosstab_text import VALUE_WORDS, aligned, matrix_aligned, notes
from stancecoder.core.layer import Layer
from stancecoder.core.printable import printable
from stancecoder.core.wording import counted


def add_table_parser(commands: argparse._SubParsersAction) -> None:
    text = (
        "a crosstab of one layer's codings: passages, articles or mean stance with its 95 percent "
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
    _add_layer(sub)
    output = sub.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON instead of a table")
    output.add_argument("--out", type=Path, metavar="FILE.xlsx|FILE.csv", help="write a file")


def add_cooccurrence_parser(commands: argparse._SubParsersAction) -> None:
    text = (
        "which codes occur together in one layer's codings: per pair of codes, the passages "
        "(or articles) holding both, as a matrix"
    )
    sub = add_command(commands, "cooccurrence", text, cooccurrence)
    sub.add_argument("project")
    sub.add_argument(
        "--variable", action="append", default=[], metavar="NAME",
        help="its codes (repeatable; default every nominal variable coded per passage)",
    )  # fmt: skip
    sub.add_argument(
        "--in", dest="scope", choices=("passage", "article"), default="passage",
        help="together in the same passage (default) or the same article",
    )  # fmt: skip
    sub.add_argument(
        "--sub-codes", action="store_true", help="each sub-code apart, not rolled up to its code"
    )
    _add_layer(sub)
    output = sub.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON instead of a matrix")
    output.add_argument(
        "--out", type=Path, metavar="FILE.xlsx|FILE.csv", help="write a file, a pair a row"
    )


def _add_layer(sub: argparse.ArgumentParser) -> None:
    layer = sub.add_mutually_exclusive_group()
    layer.add_argument("--coder", metavar="NAME", help="this coder's codings")
    layer.add_argument("--consensus", action="store_true", help="the adjudicated consensus")
    layer.add_argument(
        "--each-coder", action="store_true", help="one table per coder (default before a consensus)"
    )


def _layer(args: argparse.Namespace) -> Layer | None:
    """The layer asked for; None leaves the default (the consensus once it exists)."""
    if args.coder:
        return Layer.of_coder(args.coder)
    if args.consensus:
        return Layer.consensus()
    return Layer.each_coder() if args.each_coder else None


def cooccurrence(args: argparse.Namespace) -> int:
    from stancecoder.services.crosstab import cooccurrences
    from stancecoder.services.crosstab_export import export_cooccurrence
    from stancecoder.services.project import open_project

    in_articles = args.scope == "article"
    with open_project(args.project) as project:
        co = cooccurrences(project, args.variable, _layer(args), args.sub_codes)
        if args.out is not None:
            written = export_cooccurrence(project, co, args.out)
            print(f"wrote {args.out} ({counted(written, 'row')}, {co.layer.title})")
            return 0
    if args.json:
        count = "articles" if in_articles else "passages"
        records = [
            {"coder": t.coder, "title": t.title, "pairs": [
                {"first": first, "second": second, count: len(ids)}
                for (first, second), ids in sorted(
                    (t.matrix.articles if in_articles else t.matrix.passages).items()
                )
            ]}
            for t in co.tables
        ]  # fmt: skip
        print(json.dumps({"title": co.title, "layer": co.layer.title, "in": args.scope,
                          "tables": records}, ensure_ascii=False, indent=1))  # fmt: skip
        return 0
    where = "the same article" if in_articles else "the same passage"
    for number, coder_matrix in enumerate(co.tables):
        if number:
            print()
        whose = coder_matrix.title
        if co.layer.kind == "each":
            whose += f" ({co.layer.title})"
        print(printable(f"{' and '.join(co.dimensions)} together in {where}, {whose}"))
        if not coder_matrix.matrix.keys:
            print("no coded passages")
            continue
        for line in matrix_aligned(coder_matrix.matrix, coder_matrix.matrix.keys, in_articles):
            print(printable(line))
    return 0


def table(args: argparse.Namespace) -> int:
    from stancecoder.services.crosstab import crosstabs
    from stancecoder.services.crosstab_export import crosstab_records, export_crosstab
    from stancecoder.services.project import open_project

    with open_project(args.project) as project:
        tabs = crosstabs(project, args.rows, args.cols, _layer(args), args.sub_codes)
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
