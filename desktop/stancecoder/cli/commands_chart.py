"""`stancecoder chart`: a figure of the coded data for a paper, written as PDF, SVG or PNG."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stancecoder.cli.filter_options import add_filter_options, filters_of
from stancecoder.cli.parsing import add_command
from stancecoder.core.charts.data import KINDS, PERIODS
from stancecoder.core.layer import Layer
from stancecoder.core.wording import counted


def add_chart_parser(commands: argparse._SubParsersAction) -> None:
    text = (
        f"a chart of one layer's codings for a paper ({', '.join(KINDS)}), written as PDF, "
        "SVG or PNG at 300 dpi; its title names the layer"
    )
    sub = add_command(commands, "chart", text, chart)
    sub.add_argument("project")
    sub.add_argument("kind", metavar="KIND", help=" | ".join(KINDS))
    sub.add_argument("--out", type=Path, required=True, metavar="FIG.pdf|FIG.svg|FIG.png",
                     help="the figure's file; its suffix names the format")  # fmt: skip
    sub.add_argument("--by", default=PERIODS[0], metavar="|".join(PERIODS),
                     help="the period of stance over time (default month)")  # fmt: skip
    sub.add_argument("--per", metavar="VARIABLE", help="group by this variable (default actor)")
    layer = sub.add_mutually_exclusive_group()
    layer.add_argument("--coder", metavar="NAME", help="this coder's codings")
    layer.add_argument("--consensus", action="store_true", help="the adjudicated consensus")
    layer.add_argument("--each-coder", action="store_true", help="each coder separately")
    add_filter_options(sub)


def chart(args: argparse.Namespace) -> int:
    from stancecoder.services.charts import chart_data, check_chart_path, save_chart
    from stancecoder.services.project import open_project

    check_chart_path(args.out)
    layer = (
        Layer.of_coder(args.coder) if args.coder is not None
        else Layer.consensus() if args.consensus
        else Layer.each_coder() if args.each_coder
        else None
    )  # fmt: skip
    with open_project(args.project) as project:
        data = chart_data(project, args.kind, layer, filters_of(args), args.by, args.per)
        save_chart(project, data, args.out)
    print(f"wrote {args.out}: {data.title} ({counted(data.passages, 'passage')})")
    for note in data.notes:
        print(note, file=sys.stderr)
    return 0
