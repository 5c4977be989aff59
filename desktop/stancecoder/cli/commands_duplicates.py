"""`stancecoder duplicates`: find the copies of one story among the articles, mark them,
and list the clusters with the copy kept."""

from __future__ import annotations

import argparse
from pathlib import Path

from stancecoder.cli.parsing import add_command
from stancecoder.core.duplicates import CONTAINMENT, JACCARD, KEPT_RULE
from stancecoder.core.printable import printable
from stancecoder.core.wording import counted


def add_duplicates_parser(commands: argparse._SubParsersAction) -> None:
    text = (
        "find exact and near copies of one story among the articles (wire copies, shortened "
        "and updated versions), mark them in clusters and list them; nothing is deleted"
    )
    sub = add_command(commands, "duplicates", text, duplicates)
    sub.add_argument("project")
    sub.add_argument(
        "--threshold", type=float, default=JACCARD, metavar="T",
        help=f"Jaccard of the word 5-gram sets at least T: about the same text (default {JACCARD})",
    )  # fmt: skip
    sub.add_argument(
        "--containment", type=float, default=CONTAINMENT, metavar="C",
        help="or a share C of the shorter text within the longer: a shortened or updated "
        f"version (default {CONTAINMENT})",
    )  # fmt: skip
    sub.add_argument(
        "--exclude-copies", action="store_true",
        help="leave the copies newly found out of coding and samples (the kept one stays)",
    )  # fmt: skip
    sub.add_argument("--out", type=Path, metavar="FILE.xlsx", help="also write the clusters")


def duplicates(args: argparse.Namespace) -> int:
    from stancecoder.services.duplicate_marks import read_clusters
    from stancecoder.services.duplicates import find_duplicates
    from stancecoder.services.duplicates_report import (
        COLUMNS,
        check_report_target,
        report_rows,
        write_report,
    )
    from stancecoder.services.project import open_project

    with open_project(args.project) as project:
        if args.out is not None:
            check_report_target(project, args.out)
        report = find_duplicates(
            project, jaccard=args.threshold, containment=args.containment,
            exclude_copies=args.exclude_copies,
        )  # fmt: skip
        clusters = read_clusters(project)
        if args.out is not None:
            write_report(project, clusters, args.out)
    assert report is not None  # no progress callback, so never cancelled
    print("\t".join(COLUMNS))
    for row in report_rows(clusters):
        print("\t".join("" if value is None else printable(str(value)) for value in row))
    copies = sum(len(cluster.copies) - 1 for cluster in clusters)
    excluded = sum(cluster.excluded for cluster in clusters)
    print(
        f"{counted(report.articles, 'article')} compared: {counted(len(clusters), 'cluster')} "
        f"with {counted(copies, 'copy', 'copies')} besides the kept ones "
        f"({report.new_copies} newly marked), {excluded} excluded from coding"
    )
    print(f"kept: {KEPT_RULE}")
    if args.out is not None:
        print(f"written to {args.out}")
    return 0
