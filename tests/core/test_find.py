from stancecoder.core.find import find_all, next_hit


def test_finds_every_occurrence_ignoring_case() -> None:
    text = "Treaty talks. The TREATY was signed; treaty-makers smiled."
    assert find_all(text, ["treaty"]) == [(0, 6), (18, 24), (37, 43)]


def test_folds_case_in_cyrillic_and_leaves_korean_as_is() -> None:
    text = "Путин сказал. ПУТИН и путин. 북한과 조약, 조약 체결"
    assert [text[s:e] for s, e in find_all(text, ["путин"])] == ["Путин", "ПУТИН", "путин"]
    assert find_all(text, ["조약"]) == [(33, 35), (37, 39)]


def test_offsets_are_code_points_past_wide_characters() -> None:
    text = "😀 sanctions 😀😀 Sanctions"
    assert [text[s:e] for s, e in find_all(text, ["SANCTIONS"])] == ["sanctions", "Sanctions"]


def test_several_words_longest_first_and_special_characters_literal() -> None:
    text = "rail links, rail, (a+b)"
    assert find_all(text, ["rail", "rail links", "(a+b)", ""]) == [(0, 10), (12, 16), (18, 23)]
    assert find_all(text, []) == []
    assert find_all(text, ["x.y"]) == []


def test_next_hit_starts_at_the_caret_and_wraps() -> None:
    hits = [(0, 2), (10, 12), (20, 22)]
    assert next_hit(hits, 0) == 0
    assert next_hit(hits, 5) == 1
    assert next_hit(hits, 21) == 0
