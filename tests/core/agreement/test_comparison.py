"""An article's passages grouped into sites for adjudication: no project, no database."""

from __future__ import annotations

from stancecoder.core.agreement.comparison import codes_by_variable, compare_passages
from stancecoder.core.codebook_view import CodebookView, CodeView, VariableView
from stancecoder.core.passage_view import PassageView


def code(id_: int, variable: str, label: str) -> CodeView:
    return CodeView(id_, variable, label, (label,), None, 0, None, "#ffffff", None, "", True)


TOPIC = VariableView(1, "topic", "nominal", "passage", False, "", (
    code(10, "topic", "Sanctions"), code(11, "topic", "Trade")))  # fmt: skip
STANCE = VariableView(2, "stance", "ordinal", "passage", False, "", (
    code(20, "stance", "-1"), code(21, "stance", "+1")))  # fmt: skip
BOOK = CodebookView((TOPIC, STANCE), "1.0")


def passage(uid: str, coder: str, start: int, end: int, *codes: int) -> PassageView:
    return PassageView(0, uid, 1, 7, coder, start, end, "", "", codes)


def test_sites_say_where_the_coders_differ_and_take_the_consensus_in() -> None:
    passages = [
        passage("a1", "Alice", 0, 40, 10, 20), passage("b1", "Bob", 0, 40, 10, 21),
        passage("a2", "Alice", 60, 100, 11), passage("b2", "Bob", 62, 100, 11),
        passage("a3", "Alice", 120, 150, 10),
        passage("c1", "Consensus", 0, 38, 10, 20),
    ]  # fmt: skip
    comparison = compare_passages(7, passages, "Consensus", BOOK)
    assert comparison.coders == ("Alice", "Bob") and comparison.consensus_coder == "Consensus"
    first, second, third = comparison.sites
    assert first.span_agrees and first.differing == ("stance",) and not first.agrees
    assert first.consensus is not None and first.consensus.uid == "c1"
    assert first.agreed_codes(BOOK) == {"topic": [10], "stance": []}
    assert not second.span_agrees and second.differing == () and second.extent() == (60, 100)
    assert list(third.passages) == ["Alice"] and not third.span_agrees
    assert comparison.site_of("b2") is second and comparison.site_of("zz") is None


def test_codes_are_grouped_by_every_passage_variable_even_empty_ones() -> None:
    assert codes_by_variable(BOOK, (11,)) == {"topic": [11], "stance": []}
