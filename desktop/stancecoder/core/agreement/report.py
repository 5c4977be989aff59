"""The agreement report a methods section can cite: what it holds, and its unit of analysis
in words.

Passage-level variables are compared under one named unit of analysis (matched passages,
sentences or unitizing); article-level variables always use the articles as units. Only
articles coded by at least two of the chosen coders count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from stancecoder.core.agreement.bootstrap import DEFAULT_SEED
from stancecoder.core.agreement.variable_stats import VariableAgreement
from stancecoder.core.errors import StanceCoderError, ValidationError

UnitKind = Literal["matched", "sentence", "unitizing"]
UNITS = ("matched", "sentence", "unitizing")

# (variables done, variables in all, the variable computed next) -> False to stop
VariableProgress = Callable[[int, int, str], bool]


class ReportStopped(StanceCoderError):
    """The report was stopped between two variables (its progress said so): there is no
    report, not one with variables missing."""


@dataclass
class AgreementReport:
    project: str
    unit: str
    unit_definition: str
    codebook_version: str
    coders: list[str]
    n_articles: int
    date: str
    variables: list[VariableAgreement] = field(default_factory=list)
    unmatched: dict[str, int] = field(default_factory=dict)
    # sentence unit: per coder, passages covering no sentence by half, so never compared
    left_out: dict[str, int] = field(default_factory=dict)
    methods: str = ""
    seed: int = DEFAULT_SEED
    replicates: int = 1000
    round: str | None = None  # the reliability sample, or None for every double-coded article


def check_unit(unit: str) -> None:
    """Refuse an unknown unit before anything is read for it."""
    if unit not in UNITS:
        raise ValidationError(f"unknown unit {unit!r} (choose {', '.join(UNITS)})")


def unit_definition(unit: str, overlap: float) -> str:
    if unit == "matched":
        rule = "identical spans" if overlap >= 1.0 else f"at least {overlap:.0%} of their union"
        return (
            "matched passages: passages of different coders paired one-to-one when they "
            f"overlap by {rule} (best overlap first); unmatched passages are counted, not compared"
        )
    if unit == "sentence":
        return (
            "sentences: each coder's codes projected onto the sentences a passage covers by at "
            "least half; a sentence without a code is 'not coded' (a value for nominal "
            "variables, missing for ordered ones)"
        )
    return (
        "unitizing: Krippendorff's unitizing α (1995/2004) on where passages were marked, "
        "the double-coded articles laid end to end as one continuum"
    )
