"""Crosstab speed: actor × topic and actor × month of each coder separately, and the
co-occurrence of the nominal variables, on a generated project; against reading the
same codings through the pandas API and counting them with a groupby.

    python bench/bench_crosstab.py [--articles 10000] [--passages 100000] [--runs 3]

Each figure is one whole call, its read of the codings included, as the window and
`stancecoder table` make it. The peer reads the layer with `stancecoder.open(...).codings()`
and counts passages per actor and topic path with `groupby(...).size()`: no roll-up, no
articles, no mean or interval, so it does less.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from measure import Figure, measured, table
from synthetic import build_project

import stancecoder
from stancecoder.core.layer import Layer
from stancecoder.services.crosstab import cooccurrences, crosstabs
from stancecoder.services.project import open_project


def crosstab_figures(target: Path, passages: int, runs: int) -> list[Figure]:
    def grouped() -> object:
        with stancecoder.open(target) as analysis:
            codings = analysis.codings()
        return codings.groupby(["coder", "actor", "topic"], observed=True).size()

    peer = measured(Figure("pandas API codings + groupby, same layer", "s"), grouped, runs)
    with open_project(target) as project:
        each = Layer.each_coder()
        return [
            measured(
                Figure(f"crosstab actor × topic, {passages:,} passages", "s", peer=peer),
                lambda: crosstabs(project, "actor", "topic", each), runs,
            ),
            measured(
                Figure("  actor × month", "s"),
                lambda: crosstabs(project, "actor", "month", each), runs,
            ),
            measured(
                Figure("  co-occurrence of actor and topic", "s"),
                lambda: cooccurrences(project, layer=each), runs,
            ),
            peer,
        ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "bench.stance"
        build_project(target, args.articles, 3, args.passages).close()
        print(table(crosstab_figures(target, args.passages, args.runs), judge=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
