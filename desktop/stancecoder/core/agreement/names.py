"""The statistics' and the variables' names as a methods section writes them; the
identifiers stay in JSON, where scripts read them."""

from __future__ import annotations

NAMES = {
    "krippendorff_alpha": "Krippendorff's α",
    "unitizing_alpha": "Krippendorff's unitizing α",
    "percent_agreement": "percent agreement",
    "cohen_kappa": "Cohen's κ",
    "fleiss_kappa": "Fleiss' κ",
    "gwet_ac1": "Gwet's AC1",
    "brennan_prediger": "Brennan–Prediger κ",
}
WEIGHTED = {"weighted_kappa_": "Cohen's weighted κ", "gwet_ac2_": "Gwet's AC2"}


def statistic_name(identifier: str) -> str:
    """`weighted_kappa_linear` -> "Cohen's weighted κ (linear weights)"."""
    if identifier in NAMES:
        return NAMES[identifier]
    for prefix, name in WEIGHTED.items():
        if identifier.startswith(prefix):
            return f"{name} ({identifier.removeprefix(prefix)} weights)"
    return identifier


def variable_title(name: str) -> str:
    """A variable as a table's row names it: "target_country" -> "Target country". The
    codebook names variables as identifiers (they are typed on the command line and in
    files), so the report makes them read as words."""
    words = " ".join(name.replace("_", " ").split())
    return words[:1].upper() + words[1:]
