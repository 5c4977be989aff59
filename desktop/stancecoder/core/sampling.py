"""Drawing a reliability sample: simple random or proportionally stratified, seeded.

Kept free of the database so that a sample is a function of the candidate list and the
seed alone: the same corpus and seed give the same articles on any machine.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from stancecoder.core.errors import ValidationError

STRATA = ("source", "month")
ATTRIBUTE = "attribute:"  # "attribute:section": the strata are the values of an attribute
NO_VALUE = "(none)"


@dataclass(frozen=True)
class Draw:
    article_ids: tuple[int, ...]
    quotas: dict[str, int]  # articles drawn per stratum; one stratum "" when unstratified
    raised: tuple[str, ...] = ()  # strata given one article their share rounded to none


def attribute_key(stratify_by: str | None) -> str | None:
    """The attribute a stratification names ("attribute:section" → "section"), else None."""
    if stratify_by is None or not stratify_by.startswith(ATTRIBUTE):
        return None
    return stratify_by[len(ATTRIBUTE) :].strip() or None


def stratification_name(stratify_by: str) -> str:
    key = attribute_key(stratify_by)
    return f"the attribute {key!r}" if key else stratify_by


def stratum_of(
    stratify_by: str | None,
    source: str | None,
    published: str | None,
    attributes: Mapping[str, str] | None = None,
) -> str:
    """The stratum key: the source, the publication month (YYYY-MM) of a date that has
    one, or an attribute's value; articles without it form their own stratum."""
    if key := attribute_key(stratify_by):
        return ((attributes or {}).get(key) or "").strip() or NO_VALUE
    if stratify_by == "source":
        return (source or "").strip() or NO_VALUE
    if stratify_by == "month":
        return published[:7] if published and len(published) >= 7 else NO_VALUE
    if stratify_by is None:
        return ""
    raise ValidationError(
        f"unknown stratification {stratify_by!r} (choose source, month or attribute:NAME)"
    )


def sample_size(available: int, share: float | None, count: int | None) -> int:
    """How many articles a share (rounded half up) or a count means for this pool."""
    if (share is None) == (count is None):
        raise ValidationError("give either a share or a count of articles, not both or neither")
    if available == 0:
        raise ValidationError("there are no articles to sample from")
    if share is not None:
        if not 0 < share <= 1:
            raise ValidationError(f"the share must be above 0 and at most 1, got {share}")
        # the share as written (0.15, not the binary float just below it), then half up
        size = int(Fraction(str(share)) * available + Fraction(1, 2))
        if size == 0:
            raise ValidationError(f"a share of {share} of {available} articles is no article")
        return size
    assert count is not None
    if not 1 <= count <= available:
        raise ValidationError(f"the count must be between 1 and {available}, got {count}")
    return count


def proportional_quotas(size: int, strata: dict[str, int]) -> dict[str, int]:
    """Hamilton's largest-remainder allocation: each stratum gets its share of `size`,
    rounded so the quotas add up exactly; ties go to the stratum that sorts first.

    When the sample has room for one article of every stratum, a stratum whose share
    rounds to none still gets one, so no value goes unseen: the article is taken from the
    stratum whose quota lies furthest above its exact share (ties: the larger quota, then
    the stratum that sorts first), one at a time, the small strata first."""
    quotas, exact = _largest_remainders(size, strata)
    if size >= sum(1 for n in strata.values() if n):
        for key in sorted((k for k, n in strata.items() if n and not quotas[k]),
                          key=lambda k: (strata[k], k)):  # fmt: skip
            giver = min(
                (k for k in quotas if quotas[k] > 1),
                key=lambda k: (-(quotas[k] - exact[k]), -quotas[k], k),
            )
            quotas[giver] -= 1
            quotas[key] = 1
    return quotas


def _largest_remainders(
    size: int, strata: dict[str, int]
) -> tuple[dict[str, int], dict[str, Fraction]]:
    """Hamilton's quotas and the exact shares they round."""
    total = sum(strata.values())
    exact = {key: Fraction(size * n, total) for key, n in strata.items()}
    quotas = {key: int(value) for key, value in exact.items()}
    left = size - sum(quotas.values())
    for key in sorted(strata, key=lambda k: (-(exact[k] - quotas[k]), k))[:left]:
        quotas[key] += 1
    return quotas, exact


def draw(pool: Sequence[tuple[int, str]], size: int, seed: int) -> Draw:
    """`size` of the (article id, stratum) pairs at random, proportionally per stratum.

    The pool's order matters for reproducibility; callers pass it sorted by id.
    """
    strata: dict[str, list[int]] = {}
    for article_id, key in pool:
        strata.setdefault(key, []).append(article_id)
    quotas = proportional_quotas(size, {key: len(ids) for key, ids in strata.items()})
    plain = _largest_remainders(size, {key: len(ids) for key, ids in strata.items()})[0]
    raised = tuple(sorted(key for key, n in quotas.items() if n and not plain[key]))
    rng = random.Random(seed)
    chosen: list[int] = []
    for key in sorted(strata):
        chosen.extend(rng.sample(strata[key], quotas[key]))
    return Draw(tuple(sorted(chosen)), quotas, raised if len(quotas) > 1 else ())


def describe(
    draw_: Draw, available: int, seed: int, stratify_by: str | None, exclude_sampled: bool
) -> str:
    """How the sample was drawn, in words a methods section can reuse."""
    size = len(draw_.article_ids)
    text = f"{size} of {available} articles drawn at random (seed {seed})"
    if stratify_by:
        parts = ", ".join(f"{key}: {n}" for key, n in sorted(draw_.quotas.items()))
        text += f", stratified proportionally by {stratification_name(stratify_by)} ({parts})"
        if draw_.raised:
            text += f", at least one from each ({', '.join(draw_.raised)} raised to one)"
    if exclude_sampled:
        text += "; articles of earlier samples excluded"
    return text
