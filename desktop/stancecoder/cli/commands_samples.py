"""`stancecoder sample draw|list|close` and `stancecoder assign`: who codes which article."""

from __future__ import annotations

import argparse

from stancecoder.cli.parsing import add_command
from stancecoder.core.sampling import ATTRIBUTE, STRATA
from stancecoder.core.wording import counted
from stancecoder.services.project import open_project
from stancecoder.services.samples import (
    KINDS,
    close_round,
    draw_sample,
    list_rounds,
    progress,
    round_articles,
    split_rest,
)


def add_sample_parsers(commands: argparse._SubParsersAction) -> None:
    text = "draw, list and close reliability samples (rounds coded blind by several coders)"
    sample = add_command(commands, "sample", text)
    actions = sample.add_subparsers(dest="action", metavar="ACTION", required=True)

    text = "draw a random sample of articles and assign it to every coder named"
    draw = add_command(actions, "draw", text, draw_)
    draw.add_argument("project")
    draw.add_argument("name", help="the round's name, e.g. 'training 1' or 'final'")
    size = draw.add_mutually_exclusive_group(required=True)
    size.add_argument("--share", type=float, help="share of the articles, e.g. 0.1")
    size.add_argument("--count", type=int, help="number of articles")
    draw.add_argument(
        "--coder", action="append", required=True, help="a coder of the round (repeat, 2+)"
    )
    draw.add_argument("--seed", type=int, help="random seed (one is chosen and shown if absent)")
    draw.add_argument(
        "--stratify",
        metavar="BY",
        help=f"draw proportionally by {', '.join(STRATA)} or {ATTRIBUTE}NAME (an attribute)",
    )
    draw.add_argument("--kind", choices=KINDS, default="training")
    draw.add_argument(
        "--include-sampled", action="store_true", help="allow articles of earlier samples"
    )

    text = "list the samples and every coder's progress, or one sample's articles"
    listing = add_command(actions, "list", text, list_)
    listing.add_argument("project")
    listing.add_argument("name", nargs="?", help="show this sample's articles")

    text = "close a sample: its articles are no longer coded blind"
    close = add_command(actions, "close", text, close_)
    close.add_argument("project")
    close.add_argument("name")

    text = "split the articles in no open sample and assigned to nobody among coders"
    assign = add_command(commands, "assign", text, assign_)
    assign.add_argument("project")
    assign.add_argument("coders", nargs="+", metavar="CODER")
    assign.add_argument("--seed", type=int, help="shuffle with this seed instead of in turn")


def draw_(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        info = draw_sample(
            project, args.name, share=args.share, count=args.count, coders=args.coder,
            seed=args.seed, stratify_by=args.stratify, exclude_sampled=not args.include_sampled,
            kind=args.kind,
        )  # fmt: skip
    print(f"drew {info.name!r} ({info.kind}) for {', '.join(info.coders)}: {info.description}")
    print("articles:", " ".join(str(a) for a in info.article_ids))
    return 0


def list_(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        if args.name:
            print("\n".join(str(a) for a in round_articles(project, args.name)))
            return 0
        rounds, rows = list_rounds(project), progress(project)
    for info in rounds:
        state = "open" if info.is_open else "closed"
        print(
            f"{info.name}\t{info.kind}\t{state}\t{counted(len(info.article_ids), 'article')}\t"
            f"{', '.join(info.coders)}\tseed {info.seed}"
        )
    if not rounds:
        print("no samples yet (draw one with: stancecoder sample draw)")
    for row in rows:
        print(f"{row.coder}\tassigned {row.assigned}\ttodo {row.todo}\t"
              f"doing {row.doing}\tdone {row.done}")  # fmt: skip
    return 0


def close_(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        info = close_round(project, args.name)
    print(f"closed {info.name!r}: {counted(len(info.article_ids), 'article')} no longer blind")
    return 0


def assign_(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        split = split_rest(project, args.coders, seed=args.seed)
    for coder, ids in split.items():
        print(f"{coder}: {counted(len(ids), 'article')}")
    total = sum(len(ids) for ids in split.values())
    print(f"assigned {counted(total, 'article')} to {counted(len(split), 'coder')}")
    return 0
