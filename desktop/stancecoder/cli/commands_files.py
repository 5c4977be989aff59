"""`stancecoder package`, `merge` and `copy`: coder files for a team without a server, and a
whole project moved between a file and a server."""

from __future__ import annotations

import argparse
from pathlib import Path

from stancecoder.cli.parsing import add_command


def add_file_parsers(commands: argparse._SubParsersAction) -> None:
    text = "write a coder's articles, the codebook and their codings into a project of its own"
    package = add_command(commands, "package", text, package_)
    package.add_argument("project")
    package.add_argument("coder")
    package.add_argument("out", type=Path, metavar="OUT.stance")

    text = "bring coder files back: only their coder's work, conflicts reported, never lost"
    merge = add_command(commands, "merge", text, merge_)
    merge.add_argument("project")
    merge.add_argument("files", nargs="+", type=Path, metavar="FILE")

    text = "copy a whole project to a new file or an empty server database (either way)"
    copy = add_command(commands, "copy", text, copy_)
    copy.add_argument("source", metavar="SRC")
    copy.add_argument("target", metavar="DEST")


def package_(args: argparse.Namespace) -> int:
    from stancecoder.services.coder_files.package import package_for_coder
    from stancecoder.services.project import open_project

    with open_project(args.project) as project:
        print(package_for_coder(project, args.coder, args.out).summary())
    return 0


def merge_(args: argparse.Namespace) -> int:
    from stancecoder.services.coder_files.merge import merge_coder_files
    from stancecoder.services.project import open_project

    with open_project(args.project) as project:
        report = merge_coder_files(project, args.files)
    for conflict in report.conflicts:
        print(f"conflict: {conflict.line()}")
    print(report.summary())
    return 0


def copy_(args: argparse.Namespace) -> int:
    from stancecoder.services.copy_project import copy_project

    report = copy_project(args.source, args.target)
    print(f"copied {report.source} to {report.target}")
    print("table\tsource\tcopy")
    for table, rows in report.source_rows.items():
        print(f"{table}\t{rows}\t{report.target_rows.get(table, 0)}")
    for problem in report.problems:
        print(f"problem: {problem}")
    if not report.equal or report.problems:
        print("the copy differs from the project or fails its check: do not use it")
        return 1
    print("ok: equal row counts, no problems found")
    return 0
