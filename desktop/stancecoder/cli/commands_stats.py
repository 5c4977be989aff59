"""`stancecoder export` to SPSS, Stata or R: a `.sav` or `.dta` file, or a `.csv` given
`--format`, holds one layer's codings a row per passage or per article and coder. The
options join those of the Excel export, whose behaviour stays as it was."""

from __future__ import annotations

import argparse

from stancecoder.core.errors import ValidationError
from stancecoder.core.layer import Layer
from stancecoder.core.printable import printable
from stancecoder.core.stats_export.table import SHAPES

STATS_ONLY = (".sav", ".dta")
WORKBOOK_OPTIONS = (("status", "--status"), ("article", "--article"), ("raw", "--raw"),
                    ("history", "--history"))  # fmt: skip


def add_stats_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--format", choices=SHAPES, dest="shape",
        help="SPSS, Stata or R: a row per passage, or per article and coder with counts and "
        "mean stance per actor and topic (a .csv with --format is for R, with a codebook)",
    )  # fmt: skip
    sub.add_argument("--consensus", action="store_true", help="the adjudicated consensus")
    sub.add_argument("--each-coder", action="store_true", help="each coder separately")
    sub.add_argument(
        "--sub-codes", action="store_true",
        help="--format articles: count each sub-code apart, not rolled up to its top code",
    )  # fmt: skip


def for_statistics(args: argparse.Namespace) -> bool:
    """Whether the export is for SPSS, Stata or R rather than the workbook or its CSV."""
    return args.out.suffix.lower() in STATS_ONLY or args.shape is not None


def layer_given(args: argparse.Namespace) -> Layer | None:
    """The layer named by `--layer`, one `--coder`, `--consensus` or `--each-coder`."""
    named = [
        *([Layer.parse(args.layer)] if args.layer is not None else []),
        *([Layer.consensus()] if args.consensus else []),
        *([Layer.each_coder()] if args.each_coder else []),
    ]
    if len(named) > 1:
        raise ValidationError("name one layer: --coder NAME, --consensus or --each-coder")
    return named[0] if named else None


def export_for_statistics(args: argparse.Namespace) -> int:
    from stancecoder.services.project import open_project
    from stancecoder.services.stats_export import export_stats

    for option, flag in WORKBOOK_OPTIONS:
        if getattr(args, option):
            raise ValidationError(f"{flag} is for the Excel export, not for SPSS, Stata or R")
    if args.shape is None:
        raise ValidationError(f"say which rows {args.out.name} holds: --format passages or "
                              "--format articles")  # fmt: skip
    layer = layer_given(args)
    if len(args.coder) > 1 or (args.coder and layer is not None):
        raise ValidationError("name one layer: --coder NAME, --consensus or --each-coder")
    if args.coder:
        layer = Layer.of_coder(args.coder[0])
    if layer is None:
        raise ValidationError(
            "say whose codings the file holds: --coder NAME, --consensus or --each-coder"
        )
    with open_project(args.project) as project:
        report = export_stats(project, args.out, args.shape, layer, args.sub_codes)
    print(report.summary())
    for line in (*report.notes, *report.changes):
        print(printable(f"note: {line}"))
    return 0
