"""The lead may analyse a scaled variable at another level; the report says which."""

from __future__ import annotations

import krippendorff
import pytest

from stancecoder.core.errors import ValidationError
from stancecoder.services.agreement.report import project_agreement
from stancecoder.services.articles import list_articles
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage
from stancecoder.services.project import Project

STANCES = [("-2", "-1"), ("+1", "+1"), ("0", "+2"), ("-1", "-1"), ("+2", "+1")]


@pytest.fixture
def double_coded(seeded: Project) -> Project:
    add_coder(seeded, "Bob")
    article = list_articles(seeded)[0].id
    for n, (alice, bob) in enumerate(STANCES):
        span = (n * 40, n * 40 + 30)
        add_passage(seeded, article, "Alice", *span, {"stance": alice})
        add_passage(seeded, article, "Bob", *span, {"stance": bob})
    return seeded


def stance_alpha(project: Project, **options: object) -> tuple[str, float | None]:
    report = project_agreement(project, "matched", replicates=100, seed=1, **options)
    stance = next(v for v in report.variables if v.name == "stance")
    alpha = next(r for r in stance.results if r.name == "krippendorff_alpha")
    return stance.level, alpha.value


def test_stance_at_interval_level_matches_the_reference_computation(
    double_coded: Project,
) -> None:
    values = [[float(a) for a, _ in STANCES], [float(b) for _, b in STANCES]]
    level, value = stance_alpha(double_coded, levels={"stance": "interval"})
    assert level == "interval"
    assert value == pytest.approx(
        krippendorff.alpha(values, level_of_measurement="interval"), abs=1e-9
    )
    assert stance_alpha(double_coded)[0] == "ordinal"


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        ({"actor": "ordinal"}, "actor is nominal"),
        ({"mood": "nominal"}, "no variable 'mood'"),
        ({"stance": "fancy"}, "unknown level 'fancy'"),
    ],
)
def test_impossible_overrides_are_refused(
    double_coded: Project, levels: dict[str, str], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        project_agreement(double_coded, "matched", levels=levels)
