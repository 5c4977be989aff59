"""What the agreement report's pictures show, from reports built by hand: the forest plot's
rows, which coincidences a heatmap keeps, and the words that stand for each figure."""

from __future__ import annotations

from stancecoder.core.agreement import Result
from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.report_figures import (
    coincidence_alt,
    coincidence_tables,
    forest_alt,
    forest_rows,
)
from stancecoder.core.agreement.variable_stats import VariableAgreement

CODERS = ["Alice", "Bob"]


def report(*variables: VariableAgreement) -> AgreementReport:
    out = AgreementReport("news", "matched", "matched passages", "1.0", CODERS, 3, "2026-01-01")
    out.variables += variables
    return out


def variable(name: str, level: str, statistic: str = "krippendorff_alpha", value=0.5):
    defined = value is not None
    main = Result(statistic, level, value, 6, 2, ci95=(0.1, 0.9) if defined else None,
                  reason="" if defined else "no unit was coded by two coders")  # fmt: skip
    return VariableAgreement(name, "passage", level, "matched passages", CODERS, [main])


def test_forest_rows_name_a_statistic_other_than_alpha_and_say_why_none() -> None:
    rows = forest_rows(report(variable("topic", "nominal"),
                              variable("stance", "ordinal", "unitizing_alpha", 0.7),
                              variable("actor", "nominal", value=None)))  # fmt: skip
    assert [r.label for r in rows] == ["Topic", "Stance (unitizing α)", "Actor"]  # as Table 1
    assert [(r.value, r.ci95, r.n_units) for r in rows[:2]] == [(0.5, (0.1, 0.9), 6),
                                                                (0.7, (0.1, 0.9), 6)]  # fmt: skip
    said = forest_alt(rows)
    assert "Topic: α = .50, 95% CI [.10, .90], n = 6" in said
    assert "Actor: not defined (no unit was coded by two coders)" in said


def test_a_nominal_heatmap_drops_codes_nobody_gave_an_ordinal_one_keeps_its_scale() -> None:
    topic = variable("topic", "nominal")
    topic.categories = ["Sanctions", "Energy", "Trade"]
    topic.coincidences = [[2.0, 0.0, 1.0], [0.0, 0.0, 0.0], [1.0, 0.0, 4.0]]
    stance = variable("stance", "ordinal")
    stance.categories = ["−1 Against", "0 Neutral", "+1 For"]
    stance.coincidences = [[2.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    unitized = variable("where", "nominal", "unitizing_alpha")  # no coincidences: no heatmap
    tables = coincidence_tables(report(topic, stance, unitized))
    assert [t.variable for t in tables] == ["topic", "stance"]
    assert tables[0].categories == ("Sanctions", "Trade")
    assert tables[0].counts == ((2.0, 1.0), (1.0, 4.0)) and tables[0].pairable == 8
    assert tables[1].categories == ("−1 Against", "0 Neutral", "+1 For")
    assert coincidence_alt(tables[0]).endswith(
        "8 pairable values; by row: Sanctions: Sanctions 2, Trade 1; Trade: Sanctions 1, Trade 4."
    )
