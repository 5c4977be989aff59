"""Every statistic that suits a variable's level and its number of coders, in report order."""

from __future__ import annotations

from stancecoder.core.agreement.alpha import krippendorff_alpha
from stancecoder.core.agreement.bootstrap import bootstrap_alpha
from stancecoder.core.agreement.chance import (
    brennan_prediger,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    percent_agreement,
)
from stancecoder.core.agreement.data import ReliabilityData, check_level
from stancecoder.core.agreement.pairwise import cohen_kappa, weighted_kappa
from stancecoder.core.agreement.result import Result


def all_statistics(
    data: ReliabilityData, level: str, *, replicates: int = 0, seed: int | None = None
) -> list[Result]:
    """Cohen and weighted kappa only for 2 coders, weights only above nominal, AC2 only for
    ordinal or interval (its weights are positional), alpha always at the given level,
    with its bootstrap interval when `replicates` are asked for (computed once, not twice)."""
    check_level(level)
    if replicates:
        alpha = bootstrap_alpha(data, level, replicates, seed=seed)
    else:
        alpha = krippendorff_alpha(data, level)
    two_coders = data.n_coders == 2
    ordered = level != "nominal"
    results = [percent_agreement(data)]
    if two_coders:
        results.append(cohen_kappa(data))
        if ordered:
            results += [weighted_kappa(data, "linear"), weighted_kappa(data, "quadratic")]
    results += [fleiss_kappa(data), alpha, gwet_ac1(data)]
    if level in ("ordinal", "interval"):
        results += [gwet_ac2(data, "linear"), gwet_ac2(data, "quadratic")]
    results.append(brennan_prediger(data))
    return results
