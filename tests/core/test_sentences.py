from stancecoder.core.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_plain_sentences_and_spans_are_half_open_code_points() -> None:
    text = "Putin arrived. Kim met him!  Was it planned? Yes…"
    assert sentences(text) == ["Putin arrived.", "Kim met him!", "Was it planned?", "Yes…"]
    assert split_sentences(text)[1] == (15, 27)


def test_titles_initials_and_dotted_abbreviations_do_not_end_a_sentence() -> None:
    text = "Gen. Kim met Mr. Putin and Donald J. Trump at the U.S. Embassy in N.K. territory."
    assert sentences(text) == [text]


def test_dotted_abbreviation_followed_by_a_sentence_starter_ends_the_sentence() -> None:
    text = "Sanctions were imposed by the U.S. The move angered Moscow."
    assert sentences(text) == ["Sanctions were imposed by the U.S.", "The move angered Moscow."]


def test_quotes_closing_after_the_full_stop_stay_with_the_sentence() -> None:
    text = '"We will respond." Seoul said so. He said "no." Then left.'
    assert sentences(text) == [
        '"We will respond."',
        "Seoul said so.",
        'He said "no."',
        "Then left.",
    ]


def test_lowercase_after_a_full_stop_and_decimals_do_not_split() -> None:
    text = "Trade grew 3.5 pct. in May, e.g. in coal. See No. 5 and said no. Next."
    assert sentences(text) == [
        "Trade grew 3.5 pct. in May, e.g. in coal.",
        "See No. 5 and said no.",
        "Next.",
    ]


def test_line_breaks_end_headlines_and_blank_text_gives_nothing() -> None:
    text = "PUTIN IN PYONGYANG\n\nSEOUL, June 19 (Yonhap) -- Talks began.\n  \n"
    assert sentences(text) == ["PUTIN IN PYONGYANG", "SEOUL, June 19 (Yonhap) -- Talks began."]
    assert split_sentences("   \n ") == []
    assert split_sentences("") == []


def test_non_ascii_text_keeps_code_point_offsets() -> None:
    text = "Ким прибыл. 김정은 만났다. Ende."
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["Ким прибыл.", "김정은 만났다.", "Ende."]
