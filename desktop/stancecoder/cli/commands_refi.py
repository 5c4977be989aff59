"""`stancecoder refi`: projects and codebooks exchanged with other QDA tools (MAXQDA,
NVivo, ATLAS.ti, QualCoder) in the REFI-QDA standard."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stancecoder.cli.parsing import add_command
from stancecoder.core.refi.group_mapping import parse_choice


def add_refi_parser(commands: argparse._SubParsersAction) -> None:
    refi = add_command(commands, "refi", "exchange projects and codebooks with other QDA tools")
    actions = refi.add_subparsers(dest="action", metavar="ACTION", required=True)

    text = "write the whole project as a REFI-QDA project (.qdpx)"
    export = add_command(actions, "export", text, export_)
    export.add_argument("project")
    export.add_argument("out", type=Path, metavar="OUT.qdpx")

    text = "write the codebook as a REFI-QDA codebook (.qdc)"
    codebook = add_command(actions, "codebook", text, codebook_)
    codebook.add_argument("project")
    codebook.add_argument("out", type=Path, metavar="OUT.qdc")

    text = (
        "bring in a REFI-QDA project or codebook: each top-level code group becomes a variable "
        "(guessed from its name unless --map says)"
    )
    imports = add_command(actions, "import", text, import_)
    imports.add_argument("project")
    imports.add_argument("file", type=Path, metavar="FILE.qdpx|FILE.qdc")
    imports.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="GROUP=VARIABLE",
        help="the variable a code group becomes (new if the project has none of that name); "
        "GROUP=- leaves the group out (repeatable)",
    )
    imports.add_argument(
        "--dry-run",
        action="store_true",
        help="print the mapping and what the import would bring in, and write nothing",
    )


def export_(args: argparse.Namespace) -> int:
    from stancecoder.services.project import open_project
    from stancecoder.services.refi.export import export_refi_project

    with open_project(args.project) as project:
        print(export_refi_project(project, args.out).summary())
    return 0


def codebook_(args: argparse.Namespace) -> int:
    from stancecoder.services.project import open_project
    from stancecoder.services.refi.export import export_refi_codebook

    with open_project(args.project) as project:
        variables = export_refi_codebook(project, args.out)
    print(f"wrote {args.out}: {variables} variables as code groups")
    return 0


def import_(args: argparse.Namespace) -> int:
    from stancecoder.services.project import open_project
    from stancecoder.services.refi.importing import import_refi

    choices = dict(parse_choice(text) for text in args.map)

    def progress(done: int, total: int, name: str) -> bool:
        if name and sys.stderr.isatty():
            print(f"\r[{done + 1}/{total}] {name[:60]:<60}", end="", file=sys.stderr)
        return True

    with open_project(args.project) as project:
        report = import_refi(project, args.file, choices, dry_run=args.dry_run, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for line in report.lines():
        print(line)
    print(report.summary())
    return 0
