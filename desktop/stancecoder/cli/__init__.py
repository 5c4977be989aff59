"""The `stancecoder` command: the services on the command line, or the window.

Errors print one line, escaped (a message may quote a file's content), and exit non-zero;
`--debug` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from stancecoder import __version__
from stancecoder.cli.parsing import Handler, add_command
from stancecoder.core.agreement.bootstrap import DEFAULT_SEED
from stancecoder.core.errors import StanceCoderError, ValidationError
from stancecoder.core.printable import printable
from stancecoder.core.status import Status
from stancecoder.io.limits import DEFAULT_LIMITS, KB, MB
from stancecoder.io.pending import sweep_abandoned

EXIT_OK, EXIT_ERROR = 0, 1
COMMANDS = (
    "init", "import", "coders", "codebook", "codings", "export", "check", "info", "reliability",
    "agreement", "history", "passages", "table", "cooccurrence", "chart", "network",
    "sample", "assign", "server", "package", "merge", "copy", "duplicates", "refi",
)  # fmt: skip

DESCRIPTION = """\
StanceCoder: manual content analysis of news.

Without a command, opens the window (on PROJECT, or on the sample project).
PROJECT is a .stance file or a PostgreSQL URL (postgresql://user@host/database)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stancecoder",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"StanceCoder {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="check this installation: code and export a temporary sample project, then quit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    from stancecoder.cli import commands as c

    def command(name: str, text: str, handler: Handler) -> argparse.ArgumentParser:
        return add_command(commands, name, text, handler)

    sub = command("init", "create a project", c.init)
    sub.add_argument("project")
    sub.add_argument("--codebook", type=Path, help="codebook file (.yaml or .json)")
    sub.add_argument("--name", help="project name shown in the window and exports")

    sub = command("import", "import articles from files or folders", c.import_)
    sub.add_argument("project")
    sub.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR")
    sub.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="map a spreadsheet column to a field, e.g. text=body (repeatable)",
    )
    sub.add_argument(
        "--max-article-size",
        type=_size,
        default=DEFAULT_LIMITS.max_article_bytes,
        metavar="SIZE",
        help="refuse an article with more text than this, e.g. 20M or 800K (default 5M)",
    )

    sub = command(
        "coders",
        "add a coder, or list them: name, initials (they mark each coder's passages in the "
        "window) and role",
        c.coders,
    )
    sub.add_argument("action", choices=["add", "list"])
    sub.add_argument("project")
    sub.add_argument("name", nargs="?")
    sub.add_argument("--role", choices=["coder", "lead"], default="coder")

    sub = command("codebook", "export or import the codebook", c.codebook)
    sub.add_argument("action", choices=["export", "import"])
    sub.add_argument("project")
    sub.add_argument("file", type=Path)

    sub = command("codings", "import codings made elsewhere (CSV or XLSX)", c.codings)
    sub.add_argument("action", choices=["import"])
    sub.add_argument("project")
    sub.add_argument("file", type=Path)

    sub = command(
        "export",
        "export to Excel (.xlsx) or the codings to CSV; with --format, one layer's codings "
        "for SPSS (.sav), Stata (.dta) or R (.csv and its codebook)",
        c.export,
    )
    sub.add_argument("project")
    sub.add_argument("out", type=Path, metavar="OUT.xlsx|OUT.csv|OUT.sav|OUT.dta")
    sub.add_argument("--coder", action="append", default=[], help="only this coder (repeatable)")
    sub.add_argument("--status", choices=[status.value for status in Status])
    sub.add_argument("--article", action="append", type=int, default=[], help="article id")
    sub.add_argument(
        "--layer",
        metavar="consensus|each-coder|CODER",
        help="whose codings the Codings and Summary sheets hold (default: the consensus once "
        "adjudication has written it, else each coder separately; with --coder, that coder's)",
    )
    sub.add_argument(
        "--raw",
        action="store_true",
        help="CSV: keep text that spreadsheets run as formulas exactly, without a leading '",
    )
    sub.add_argument(
        "--history",
        action="store_true",
        help="Excel: add a History sheet, every coding and codebook change (as filtered)",
    )
    from stancecoder.cli.commands_stats import add_stats_options

    add_stats_options(sub)

    sub = command("check", "check integrity, references and every quote", c.check)
    sub.add_argument("project")

    sub = command("info", "counts per coder, variable and status", c.info)
    sub.add_argument("project")

    sub = command(
        "reliability", "agreement statistics for data coded anywhere (CSV/XLSX)", c.reliability
    )
    sub.add_argument(
        "data",
        nargs="?",
        type=Path,
        metavar="DATA.csv",
        help="one row per unit, one column per coder; empty cell = missing",
    )
    sub.add_argument("--level", choices=["nominal", "ordinal", "interval", "ratio"])
    sub.add_argument(
        "--units",
        type=Path,
        metavar="UNITS.csv",
        help="unitizing data: columns coder,start,end,category",
    )
    sub.add_argument("--continuum", metavar="START:END", help="the stretch the units lie on")
    sub.add_argument("--json", action="store_true", help="print JSON instead of a table")
    sub.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"bootstrap seed; the same seed gives the same intervals (default {DEFAULT_SEED})",
    )
    sub.add_argument("--replicates", type=int, default=1000, help="bootstrap replicates")

    from stancecoder.cli.commands_agreement import add_agreement_parser

    add_agreement_parser(commands)

    from stancecoder.cli.commands_history import add_history_parser

    add_history_parser(commands)

    from stancecoder.cli.commands_passages import add_passages_parser

    add_passages_parser(commands)

    from stancecoder.cli.commands_duplicates import add_duplicates_parser

    add_duplicates_parser(commands)

    from stancecoder.cli.commands_chart import add_chart_parser

    add_chart_parser(commands)

    from stancecoder.cli.commands_table import add_cooccurrence_parser, add_table_parser

    add_table_parser(commands)
    add_cooccurrence_parser(commands)

    from stancecoder.cli.commands_network import add_network_parser

    add_network_parser(commands)

    from stancecoder.cli.commands_samples import add_sample_parsers

    add_sample_parsers(commands)

    from stancecoder.cli.commands_server import add_server_parser

    add_server_parser(commands)

    from stancecoder.cli.commands_files import add_file_parsers

    add_file_parsers(commands)

    from stancecoder.cli.commands_refi import add_refi_parser

    add_refi_parser(commands)
    return parser


def _size(text: str) -> int:
    """A size given as bytes or with K, M or G (1024-based): 5M, 800K, 2MB, 100000."""
    units = {"": 1, "K": KB, "M": MB, "G": 1024 * MB}
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?)B?\s*", text, re.IGNORECASE)
    if match is None or float(match[1]) <= 0:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 5M, 800K)")
    return int(float(match[1]) * units[match[2].upper()])


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    parser = build_parser()
    words = [a for a in args if a != "--debug"]
    if words == ["--smoke-test"]:
        return _guarded(_smoke_test, debug)
    if not words or (words[0] not in COMMANDS and not words[0].startswith("-")):
        if len(words) > 1:
            parser.error(f"unknown command {words[0]!r}")
        return _guarded(lambda: _gui(words[0] if words else None), debug)
    options = parser.parse_args(args)
    return _guarded(lambda: options.handler(options), debug)


def _gui(project: str | None) -> int:
    from stancecoder.ui.app import run

    return run(project)


def _smoke_test() -> int:
    from stancecoder.ui.smoke_test import run_smoke_test

    return run_smoke_test()


def _guarded(action: Callable[[], int | None], debug: bool) -> int:
    # Every start, the window's included, first removes what killed writes left behind.
    sweep_abandoned()
    try:
        status = action() or EXIT_OK
        sys.stdout.flush()  # here, where a closed pipe is caught, not at exit
        return status
    except BrokenPipeError:
        # the reader went away (`stancecoder info P | head`): stop quietly, as shell tools
        # do, with the output still buffered sent nowhere
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("stancecoder: interrupted", file=sys.stderr)
        return 130
    except StanceCoderError as exc:
        if debug:
            traceback.print_exc()
        kind = "invalid" if isinstance(exc, ValidationError) else "error"
        print(f"stancecoder: {kind}: {printable(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        if debug:
            traceback.print_exc()
        else:
            print(
                f"stancecoder: unexpected error: {type(exc).__name__}: {printable(str(exc))} "
                "(run again with --debug for details)",
                file=sys.stderr,
            )
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
