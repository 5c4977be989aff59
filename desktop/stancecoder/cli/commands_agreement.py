"""`stancecoder agreement`: the agreement report of a project, printed or exported."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from stancecoder.core.errors import ValidationError
from stancecoder.services.agreement import UNITS, project_agreement
from stancecoder.services.agreement_export import report_as_json, write_report
from stancecoder.services.agreement_text import report_lines
from stancecoder.services.project import open_project

HELP = "inter-coder agreement on the project's codings"


def add_agreement_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    sub = commands.add_parser("agreement", help=HELP, description=HELP)
    sub.set_defaults(handler=agreement)
    sub.add_argument("project")
    sub.add_argument("--unit", choices=UNITS, default="matched", help="passage units")
    sub.add_argument(
        "--overlap",
        type=float,
        default=0.5,
        help="matched units: least overlap, as a share of the union (1 = identical spans)",
    )
    sub.add_argument("--round", metavar="NAME", help="only this reliability sample's articles")
    sub.add_argument("--coder", action="append", default=[], help="only this coder (repeatable)")
    sub.add_argument("--out", type=Path, metavar="FILE.xlsx|FILE.html", help="export the report")
    sub.add_argument("--json", action="store_true", help="print JSON instead of text")
    sub.add_argument("--seed", type=int, help="bootstrap seed, for reproducible intervals")
    sub.add_argument("--replicates", type=int, default=1000, help="bootstrap replicates")
    sub.add_argument(
        "--level",
        action="append",
        default=[],
        metavar="VARIABLE=LEVEL",
        help="analyse a variable at another level, e.g. stance=interval (repeatable)",
    )
    return sub


def agreement(args: argparse.Namespace) -> int:
    levels = {}
    for pair in args.level:
        name, sep, level = pair.partition("=")
        if not sep:
            raise ValidationError(f"--level takes VARIABLE=LEVEL, got {pair!r}")
        levels[name.strip()] = level.strip()
    with open_project(args.project) as project:
        report = project_agreement(
            project,
            args.unit,
            overlap=args.overlap,
            coders=args.coder or None,
            replicates=args.replicates,
            seed=args.seed,
            round=args.round,
            levels=levels,
        )
    if args.out:
        write_report(report, args.out)
    if args.json:
        print(json.dumps(report_as_json(report), indent=2, ensure_ascii=False))
    else:
        print("\n".join(report_lines(report)))
        if args.out:
            print(f"wrote {args.out}")
    return 0
