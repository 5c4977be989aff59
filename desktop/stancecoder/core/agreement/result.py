"""The one value type every agreement statistic returns, so reports treat them alike."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Result:
    """One reliability coefficient; `value` is None when it is not defined (see `reason`).

    `name` is one of: percent_agreement, cohen_kappa, weighted_kappa_linear,
    weighted_kappa_quadratic, fleiss_kappa, krippendorff_alpha, gwet_ac1, gwet_ac2_linear,
    gwet_ac2_quadratic, brennan_prediger, unitizing_alpha.
    `level` is nominal | ordinal | interval | ratio, or None when the statistic has none.
    `extra` carries side figures such as p(alpha < .800) or observed/expected disagreement.
    """

    name: str
    level: str | None
    value: float | None
    n_units: int
    n_coders: int
    reason: str = ""
    ci95: tuple[float, float] | None = None
    category: str | None = None
    extra: Mapping[str, float] = field(default_factory=dict)
