"""Which counting a source's selections use, and positions carried to the canonical text."""

from __future__ import annotations

from stancecoder.core.refi.alignment import canonical_positions
from stancecoder.core.refi.model import RefiSelection
from stancecoder.core.refi.positions import STANDARD, Counting, PositionReader, detect_counting
from stancecoder.core.text import canonical_text

# an emoji beyond the BMP and CRLF line ends before the quotes
TEXT = "Seoul 🇰🇷 reacts.\r\nMoscow 😀 says: “a new era”.\r\nPyongyang agrees."


def utf16(text: str, index: int) -> int:
    """A code point index as UTF-16 code units, computed by encoding: no map of ours."""
    return len(text[:index].encode("utf-16-le")) // 2


def selection(quote: str, start: int, end: int) -> RefiSelection:
    return RefiSelection(guid=f"g{start}", start=start, end=end, name=quote)


def quotes() -> list[tuple[str, int, int]]:
    found = []
    for quote in ("a new era", "Pyongyang agrees", "Moscow"):
        start = TEXT.index(quote)
        found.append((quote, start, start + len(quote)))
    return found


def test_code_points_are_found_as_the_standard_counts() -> None:
    selections = [selection(q, s, e) for q, s, e in quotes()]
    found = detect_counting(TEXT, selections)
    assert found.counting == STANDARD
    assert (found.agreeing, found.with_quotes) == (3, 3)


def test_utf16_units_with_crlf_as_two_are_found_and_read_back() -> None:
    selections = [selection(q, utf16(TEXT, s), utf16(TEXT, e)) for q, s, e in quotes()]
    assert selections[0].start != quotes()[0][1]  # the emoji shifted them: a real test
    found = detect_counting(TEXT, selections)
    assert found.counting == Counting(utf16=True)
    assert "UTF-16 code units" in found.describe() and "3 of 3" in found.describe()
    reader = PositionReader(TEXT, found.counting)
    assert [reader.span(s) for s in selections] == [(s, e) for _, s, e in quotes()]


def test_crlf_counted_as_one_is_found() -> None:
    flat = TEXT.replace("\r\n", "\n")
    selections = [selection(q, flat.index(q), flat.index(q) + len(q)) for q, _, _ in quotes()]
    found = detect_counting(TEXT, selections)
    assert found.counting == Counting(crlf_as_one=True)
    reader = PositionReader(TEXT, found.counting)
    assert [reader.span(s) for s in selections] == [(s, e) for _, s, e in quotes()]


def test_a_quote_cut_short_still_agrees_and_no_quotes_mean_the_standard() -> None:
    start = TEXT.index("Moscow")
    cut = selection("Moscow 😀 says…", start, start + len("Moscow 😀 says: “a new era”"))
    assert detect_counting(TEXT, [cut]).agreeing == 1
    unnamed = detect_counting(TEXT, [selection("", 3, 9)])
    assert unnamed.counting == STANDARD and "no quotes" in unnamed.describe()


def test_a_position_past_the_text_is_none() -> None:
    reader = PositionReader(TEXT, Counting(utf16=True))
    assert reader.span(selection("", 0, utf16(TEXT, len(TEXT)) + 1)) is None
    assert reader.span(selection("", 5, 5)) is None


def test_positions_reach_the_canonical_text_through_its_changes() -> None:
    # a byte order mark, CRLF, trailing spaces, a blank-line run, a hard wrap and a
    # decomposed é: every rule of the canonical text that moves positions
    raw = (
        "\ufeffTitle  \r\n\r\n\r\nThe minister said the talks\r\nwent well. "
        "Cafe\u0301 owners agreed.\r\n\r\nEnd."
    )
    canonical = canonical_text(raw)
    places = canonical_positions(raw, canonical)
    assert places is not None
    for quote in ("minister", "went well", "owners agreed", "End", "Title"):
        start = raw.index(quote)
        mapped = canonical[places[start] : places[start + len(quote)]]
        assert mapped == quote
    start, end = raw.index("talks"), raw.index("went") + 4
    assert canonical[places[start] : places[end]] == "talks went"
    cafe = raw.index("Cafe")
    assert canonical[places[cafe] : places[cafe + 5]] == "Café"


def test_texts_that_are_not_one_text_are_not_aligned() -> None:
    assert canonical_positions("one text", "another") is None
