"""`stancecoder agreement`: the agreement report of a project, or its reliability rounds
side by side, printed or exported."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stancecoder.cli.parsing import add_command
from stancecoder.core.agreement.bootstrap import DEFAULT_SEED
from stancecoder.core.agreement.report import UNITS
from stancecoder.core.agreement.report_json import report_as_json, rounds_as_json
from stancecoder.core.agreement.report_text import report_lines
from stancecoder.core.agreement.rounds_text import rounds_lines
from stancecoder.core.errors import ValidationError
from stancecoder.io.report_page import PAPERS

if TYPE_CHECKING:
    from stancecoder.services.project import Project

HELP = "inter-coder agreement on the project's codings"


def add_agreement_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    sub = add_command(commands, "agreement", HELP, agreement)
    sub.add_argument("project")
    sub.add_argument("--unit", choices=UNITS, default="matched", help="passage units")
    sub.add_argument(
        "--overlap",
        type=float,
        default=0.5,
        help="matched units: least overlap, as a share of the union (1 = identical spans)",
    )
    sub.add_argument("--round", metavar="NAME", help="only this reliability sample's articles")
    sub.add_argument(
        "--rounds",
        action="store_true",
        help="every reliability sample side by side, in the order they were drawn",
    )
    sub.add_argument("--coder", action="append", default=[], help="only this coder (repeatable)")
    sub.add_argument(
        "--out", type=Path, metavar="FILE.xlsx|FILE.html|FILE.pdf",
        help="export the report: a workbook, a web page with its figures, or that page printed",
    )  # fmt: skip
    sub.add_argument("--paper", choices=PAPERS, default="a4", help="the PDF's paper size")
    sub.add_argument("--json", action="store_true", help="print JSON instead of text")
    sub.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"bootstrap seed; the same seed gives the same intervals (default {DEFAULT_SEED})",
    )
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
    from stancecoder.services.agreement.export import write_report, write_rounds_report
    from stancecoder.services.agreement.report import project_agreement
    from stancecoder.services.agreement.rounds import rounds_agreement
    from stancecoder.services.project import open_project

    if args.rounds and args.round:
        raise ValidationError(
            "--round reports one sample and --rounds compares them all: give only one"
        )
    levels = {}
    for pair in args.level:
        name, sep, level = pair.partition("=")
        if not sep:
            raise ValidationError(f"--level takes VARIABLE=LEVEL, got {pair!r}")
        levels[name.strip()] = level.strip()
    options = {
        "overlap": args.overlap,
        "coders": args.coder or None,
        "replicates": args.replicates,
        "seed": args.seed,
        "levels": levels,
    }
    with open_project(args.project) as project:
        if args.rounds:
            rounds = rounds_agreement(project, args.unit, **options)
            _emit(args, project, rounds, write_rounds_report, rounds_as_json, rounds_lines)
        else:
            report = project_agreement(project, args.unit, round=args.round, **options)
            _emit(args, project, report, write_report, report_as_json, report_lines)
    return 0


def _emit(
    args: argparse.Namespace,
    project: Project,
    figures: Any,
    write: Callable[..., None],
    as_json: Callable[[Any], dict[str, object]],
    as_lines: Callable[[Any], list[str]],
) -> None:
    """Export to `--out` if asked, then print JSON or text: the same for both reports."""
    if args.out:
        write(project, figures, args.out, paper=args.paper)
    if args.json:
        print(json.dumps(as_json(figures), indent=2, ensure_ascii=False))
    else:
        print("\n".join(as_lines(figures)))
        if args.out:
            print(f"wrote {args.out}")
