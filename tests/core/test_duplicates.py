"""Copies of one story on hand-made texts: what normalising sets aside, the shingles and
both measures against word 5-grams counted here in plain Python, containment finding a
shortened copy that Jaccard misses, the clusters and the copy kept."""

from __future__ import annotations

import random

from stancecoder.core.duplicates import (
    MIN_CONTAINED,
    Item,
    alike,
    clusters,
    exact_groups,
    keep_order,
    normalise,
    paragraph_differences,
    shingles,
    similarity,
    text_key,
)

RNG = random.Random(11)
VOCABULARY = [f"word{i}" for i in range(4000)]


def paragraph(words: int = 40) -> str:
    return " ".join(RNG.choice(VOCABULARY) for _ in range(words)) + "."


STORY = [paragraph() for _ in range(8)]
TEXT = "\n\n".join(STORY)


def grams(text: str) -> set[tuple[str, ...]]:
    """Word 5-grams of a text, lower-cased and stripped of punctuation, the plain way."""
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


def test_normalising_sets_aside_case_spacing_punctuation_quotes_and_an_agency_dateline() -> None:
    wire = "BERLIN (dpa) — “The  talks,” he said,\n\tWERE ‘useful’."
    outlet = 'The talks, he said, were "useful"!'
    assert normalise(wire) == normalise(outlet) == "the talks he said were useful"
    assert text_key(normalise(wire)) == text_key(normalise(outlet))
    assert normalise("By Anna Petrova\nThe talks were useful.") == "the talks were useful"
    assert text_key(normalise("The talks were useful")) != text_key(normalise("The talks failed"))


def test_shingles_are_the_texts_distinct_word_runs() -> None:
    for text in (TEXT, STORY[0], "one two three", ""):
        expected = len(grams(text)) or (1 if text else 0)
        assert len(shingles(normalise(text))) == expected


def test_both_measures_equal_those_of_the_word_runs_counted_plainly() -> None:
    cases = [
        ("\n\n".join(STORY[:4]), TEXT),  # shortened
        (TEXT, "\n\n".join([paragraph(), *STORY[1:]])),  # new lead
        (TEXT, "\n\n".join(paragraph() for _ in range(8))),  # another story
    ]
    for first, second in cases:
        a, b = grams(first), grams(second)
        found = similarity(shingles(normalise(first)), shingles(normalise(second)))
        assert abs(found.jaccard - len(a & b) / len(a | b)) < 1e-9
        assert abs(found.containment - len(a & b) / min(len(a), len(b))) < 1e-9


def test_containment_finds_a_shortened_copy_that_jaccard_alone_misses() -> None:
    full, short = shingles(normalise(TEXT)), shingles(normalise("\n\n".join(STORY[:3])))
    found = similarity(full, short)
    assert found.jaccard < 0.5 and found.containment == 1.0
    assert alike(full, short)
    assert not alike(full, short, containment=1.01)  # Jaccard alone would not join them
    updated = shingles(normalise("\n\n".join([*STORY, paragraph(), paragraph()])))
    assert alike(full, updated) and similarity(full, updated).containment == 1.0


def test_another_story_and_a_short_item_inside_a_long_one_are_no_copies() -> None:
    other = shingles(normalise("\n\n".join(paragraph() for _ in range(8))))
    assert not alike(shingles(normalise(TEXT)), other)
    brief = " ".join(TEXT.split()[: MIN_CONTAINED + 2])  # fewer runs than MIN_CONTAINED
    assert similarity(shingles(normalise(brief)), shingles(normalise(TEXT))).containment == 1.0
    assert not alike(shingles(normalise(brief)), shingles(normalise(TEXT)))


def test_the_copy_kept_is_the_longest_then_the_earliest_then_the_first() -> None:
    items = [Item(3, 500, "2024-05-02"), Item(1, 400, "2024-05-01"), Item(2, 500, "2024-05-01"),
             Item(4, 500, None), Item(5, 500, "2024-05-01")]  # fmt: skip
    assert [i.id for i in sorted(items, key=keep_order)] == [2, 5, 3, 4, 1]


def test_clusters_are_cut_to_their_centre_so_a_chain_never_joins_its_ends() -> None:
    items = {i: Item(i, 100 + i, None) for i in range(1, 9)}
    # 1-2-3-4 a chain whose centre is 2 or 3 (two links each): 3, the one that would be kept
    # (the longer); 5 the centre of 6 and 7; 8 alone
    pairs = [(1, 2), (2, 3), (3, 4), (5, 6), (5, 7)]
    found = clusters(items, pairs)
    members = sorted(sorted([c.kept, *c.copies]) for c in found)
    assert members == [[2, 3, 4], [5, 6, 7]]  # 1 is like only 2, which is not the centre
    assert all(c.kept > max(c.copies) for c in found)  # the longest
    assert clusters(items, []) == []


def test_exact_groups_and_the_paragraphs_where_copies_differ() -> None:
    keys = {1: "a", 2: "b", 3: "a", 4: "a", 5: "c"}
    assert exact_groups(keys) == [[1, 3, 4]]
    kept = "\n\n".join(["LONDON (AP) — Lead.", *STORY[1:3]])
    copy = "\n\n".join(["New lead.", STORY[1].upper(), STORY[2], "Added."])
    assert paragraph_differences(kept, copy) == (["LONDON (AP) — Lead."], ["New lead.", "Added."])
