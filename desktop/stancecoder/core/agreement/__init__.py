"""Inter-coder agreement statistics, every one returning a `Result` (exported here), and the
agreement report built on them from codings read elsewhere (in its own modules)."""

from stancecoder.core.agreement.alpha import krippendorff_alpha
from stancecoder.core.agreement.bootstrap import bootstrap_alpha
from stancecoder.core.agreement.chance import (
    brennan_prediger,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    percent_agreement,
)
from stancecoder.core.agreement.data import LEVELS, ReliabilityData, ReliabilityDataError
from stancecoder.core.agreement.pairwise import cohen_kappa, weighted_kappa
from stancecoder.core.agreement.result import Result
from stancecoder.core.agreement.summary import all_statistics
from stancecoder.core.agreement.unitizing import Unit, unitizing_alpha, unitizing_alpha_all

__all__ = [
    "LEVELS",
    "ReliabilityData",
    "ReliabilityDataError",
    "Result",
    "Unit",
    "all_statistics",
    "bootstrap_alpha",
    "brennan_prediger",
    "cohen_kappa",
    "fleiss_kappa",
    "gwet_ac1",
    "gwet_ac2",
    "krippendorff_alpha",
    "percent_agreement",
    "unitizing_alpha",
    "unitizing_alpha_all",
    "weighted_kappa",
]
