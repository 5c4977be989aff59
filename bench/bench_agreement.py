"""Agreement speed: Krippendorff's α for N units × 3 coders on one ordinal variable,
against the `krippendorff` package on the same array, and 1,000 bootstrap replicates; and
the whole agreement report of a project (`report_figure`, in `run.py`).

    python bench/bench_agreement.py [--units 100000] [--runs 7]

The figure with the target starts from the same numpy array the package is given, so it
includes building the `ReliabilityData`; "from Python lists" starts from lists of values
(what a project report hands to `core.agreement`); "data ready" starts from a
`ReliabilityData` already built.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial

import krippendorff
import numpy as np
from measure import Figure, measured, table

from stancecoder.core.agreement import ReliabilityData, bootstrap_alpha, krippendorff_alpha
from stancecoder.services.agreement.report import project_agreement
from stancecoder.services.project import Project


def synthetic(units: int, coders: int = 3, seed: int = 1) -> np.ndarray:
    """Stance-like codes −2…+2: coders mostly agree, some values missing."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(-2, 3, size=units)
    data = np.repeat(truth[:, None], coders, axis=1).astype(float)
    noise = rng.random(data.shape) < 0.2
    data[noise] = rng.integers(-2, 3, size=noise.sum())
    data[rng.random(data.shape) < 0.05] = np.nan
    return data


def agreement_figures(units: int, runs: int) -> list[Figure]:
    matrix = synthetic(units)
    values = matrix.tolist()
    ready = ReliabilityData(values)
    peer = measured(
        Figure("krippendorff package, same array", "s"),
        partial(krippendorff.alpha, matrix.T, level_of_measurement="ordinal"),
        runs,
    )
    ours = Figure(f"agreement α, {units:,} units × 3 coders, one variable", "s", limit=1)
    ours.ratio_limit, ours.peer = 1.5, peer
    lists = Figure("  the same from Python lists", "s", peer=peer)
    data_ready = Figure("  α with the data ready", "s", peer=peer)
    bootstrap = Figure("  bootstrap CI, 1,000 replicates", "s")
    with_ci = Figure("  α and its bootstrap CI from the array", "s")

    def alpha_with_ci() -> None:
        data = ReliabilityData(matrix)
        krippendorff_alpha(data, "ordinal")
        bootstrap_alpha(data, "ordinal", 1000, seed=1)

    return [
        measured(ours, lambda: krippendorff_alpha(ReliabilityData(matrix), "ordinal"), runs),
        measured(lists, lambda: krippendorff_alpha(ReliabilityData(values), "ordinal"), runs),
        measured(data_ready, partial(krippendorff_alpha, ready, "ordinal"), runs),
        measured(bootstrap, partial(bootstrap_alpha, ready, "ordinal", 1000, seed=1), runs),
        measured(with_ci, alpha_with_ci, runs),
        peer,
    ]


def report_figure(project: Project, passages: int, runs: int) -> Figure:
    """The agreement report of every double-coded article, all variables, matched passages,
    1,000 bootstrap replicates: what the lead's dialog and `stancecoder agreement` compute."""
    figure = Figure(f"agreement report of {passages:,} passages, matched unit", "s")
    return measured(figure, partial(project_agreement, project, "matched"), runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(table(agreement_figures(args.units, args.runs), judge=args.units == 100_000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
