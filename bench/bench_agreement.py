"""Agreement speed: α for 100,000 units × 3 coders against the `krippendorff` package, and
1,000 bootstrap replicates.

    python bench/bench_agreement.py [--units 100000] [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

import krippendorff
import numpy as np

from stancecoder.core.agreement import ReliabilityData, bootstrap_alpha, krippendorff_alpha


def synthetic(units: int, coders: int = 3, seed: int = 1) -> np.ndarray:
    """Stance-like codes −2…+2: coders mostly agree, some values missing."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(-2, 3, size=units)
    data = np.repeat(truth[:, None], coders, axis=1).astype(float)
    noise = rng.random(data.shape) < 0.2
    data[noise] = rng.integers(-2, 3, size=noise.sum())
    data[rng.random(data.shape) < 0.05] = np.nan
    return data


def timed(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        samples.append(time.perf_counter() - began)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    matrix = synthetic(args.units)
    ours_data = ReliabilityData(matrix.tolist())
    rows = {
        "alpha, ours (data ready), s": timed(
            lambda: krippendorff_alpha(ours_data, "ordinal"), args.runs
        ),
        "alpha, ours (from lists), s": timed(
            lambda: krippendorff_alpha(ReliabilityData(matrix.tolist()), "ordinal"), args.runs
        ),
        "alpha, krippendorff package, s": timed(
            lambda: krippendorff.alpha(matrix.T, level_of_measurement="ordinal"), args.runs
        ),
        "bootstrap 1,000 replicates, s": timed(
            lambda: bootstrap_alpha(ours_data, "ordinal", replicates=1000, seed=1), args.runs
        ),
    }
    peer = statistics.median(rows["alpha, krippendorff package, s"])
    print(f"{args.units:,} units × 3 coders, ordinal, {args.runs} runs")
    print(f"{'figure':<34} {'median':>8} {'p95':>8} {'× peer':>8}")
    for name, samples in rows.items():
        median = statistics.median(samples)
        p95 = sorted(samples)[max(0, int(len(samples) * 0.95) - 1)]
        ratio = f"{median / peer:8.2f}" if "alpha" in name else f"{'':>8}"
        print(f"{name:<34} {median:8.3f} {p95:8.3f} {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
