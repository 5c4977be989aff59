"""The array matching against a plain reading of its rules, on small random studies: the
candidates of each pair of coders taken best share first, each passage once per pair,
pairs joined into units while a unit keeps one passage per coder."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from stancecoder.core.matching import Marked, match_passages


def reference(passages: list[Marked], threshold: float) -> list[dict[str, object]]:
    order = {p.key: n for n, p in enumerate(passages)}
    pairs = []
    articles = list(dict.fromkeys(p.article for p in passages))
    for article in articles:
        coders = sorted({p.coder for p in passages if p.article == article})
        for first, second in combinations(coders, 2):
            mine = [p for p in passages if p.article == article and p.coder == first]
            theirs = [p for p in passages if p.article == article and p.coder == second]
            candidates = []
            for a in mine:
                for b in theirs:
                    common = min(a.end, b.end) - max(a.start, b.start)
                    share = common / (max(a.end, b.end) - min(a.start, b.start))
                    if common > 0 and share >= threshold - 1e-12:
                        candidates.append((-share, a.start, b.start, order[a.key], order[b.key]))
            taken = set()
            for *_, i, j in sorted(candidates):
                if i not in taken and j not in taken:
                    taken.update((i, j))
                    pairs.append((i, j))
    component = {k: k for pair in pairs for k in pair}
    changed = True
    while changed:
        changed = False
        for i, j in pairs:
            low = min(component[i], component[j])
            if component[i] != low or component[j] != low:
                component[i] = component[j] = low
                changed = True
    units = []
    for top in sorted(set(component.values())):
        members = sorted(k for k, c in component.items() if c == top)
        coders = [passages[k].coder for k in members]
        if len(set(coders)) == len(coders):
            units.append(members)
        else:
            units += [[i, j] for i, j in pairs if component[i] == top]
    units.sort(key=min)
    return [{passages[k].coder: passages[k].key for k in sorted(u, key=lambda k: passages[k].coder)}
            for u in units]  # fmt: skip


spans = st.tuples(st.integers(0, 3), st.sampled_from("ABC"), st.integers(0, 30),
                  st.integers(1, 15))  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(spans, max_size=24), st.sampled_from([0.3, 0.5, 0.6, 1.0]))
def test_matching_is_the_plain_reading_of_its_rules(
    drawn: list[tuple[int, str, int, int]], threshold: float
) -> None:
    passages = [Marked(n, coder, article, start, start + length)
                for n, (article, coder, start, length) in enumerate(drawn)]  # fmt: skip
    found = match_passages(passages, threshold)
    assert found.units == reference(passages, threshold)
    used = {key for unit in found.units for key in unit.values()}
    assert [p.key for p in found.unmatched] == [p.key for p in passages if p.key not in used]
