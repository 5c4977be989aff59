from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stancecoder.core.text import canonical_text

SEEDS = Path(__file__).parents[2] / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\ufeffHello", "Hello"),
        ("one\r\ntwo\rthree\u2028four\u2029five", "one\ntwo\nthree\nfour\nfive"),
        ("cafe\u0301", "caf\u00e9"),
        ("trailing  \t\nspaces \n", "trailing\nspaces"),
        ("\n\n  \nbody\n\n\n", "body"),
        ("a.\n\n\n\n\nb.", "a.\n\nb."),
        ("no-break\u00a0space and\u00a0end\u00a0", "no-break\u00a0space and\u00a0end\u00a0"),
        ("  indented first line", "  indented first line"),
        ("", ""),
    ],
)
def test_normalisation(raw: str, expected: str) -> None:
    assert canonical_text(raw) == expected


def test_a_bom_inside_the_text_is_a_character_and_stays() -> None:
    assert canonical_text("a\ufeffb") == "a\ufeffb"


def test_line_breaks_that_python_splitlines_knows_but_news_does_not_are_kept() -> None:
    assert canonical_text("a\x0cb\x1cc\x85d") == "a\x0cb\x1cc\x85d"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Title\n\nA resolut\nion was passed.", "Title\n\nA resolution was passed."),
        (
            "x\n\nGood Neighborly Cooperat\nion, and the",
            "x\n\nGood Neighborly Cooperation, and the",
        ),
        ("x\n\nfocus on defense c\nooperation.", "x\n\nfocus on defense cooperation."),
        ("x\n\nKorea\u2019s\n\u201cpartnership\u201d", "x\n\nKorea\u2019s \u201cpartnership\u201d"),
        ("x\n\nsaid:\n\u201cWe", "x\n\nsaid: \u201cWe"),
        ("x\n\n122-\nand 155-millimeter shells", "x\n\n122- and 155-millimeter shells"),
        ("x\n\n\ubd81\ud55c\uc758\n\uc678\uad50", "x\n\n\ubd81\ud55c\uc758\uc678\uad50"),
        ("x\n\nwrapped,\n    indented continuation", "x\n\nwrapped, indented continuation"),
    ],
)
def test_wraps_inside_blank_line_paragraphs_are_joined(raw: str, expected: str) -> None:
    """Between two letters or digits a wrap split a word; anywhere else it was a space."""
    assert canonical_text(raw) == expected


def test_one_paragraph_per_line_keeps_every_line_break() -> None:
    raw = "First paragraph ends here.\nSecond one too.\nA third, without a period"
    assert canonical_text(raw) == raw


def test_a_title_over_line_per_paragraph_body_does_not_fuse_the_body() -> None:
    raw = "A Title\n\nFirst paragraph.\nSecond paragraph.\n\u201cA quote,\u201d he said.\nLast."
    assert canonical_text(raw) == raw


def test_section_label_and_title_stay_paragraphs_of_their_own() -> None:
    raw = "General\n\nPutin trip raises uncertainties\n\n\nSEOUL \u2014 Text, wrap\nped."
    assert canonical_text(raw) == (
        "General\n\nPutin trip raises uncertainties\n\nSEOUL \u2014 Text, wrapped."
    )


def test_list_items_keep_their_lines_in_a_wrapped_text() -> None:
    raw = "Intro\n\nKey points,\nin short:\n- gas\n- oil,\ngrain\n1. first\n\nEnd."
    assert canonical_text(raw) == (
        "Intro\n\nKey points, in short:\n- gas\n- oil, grain\n1. first\n\nEnd."
    )


def test_fixed_width_wrapping_broke_at_spaces_so_words_are_not_fused() -> None:
    raw = (
        "Title\n\n"
        "Russian President Vladimir Putin is set to make a high-profile visit\n"
        "to North Korea for a two-day stay starting Tuesday, in an action\n"
        "deepening the anti-Western ties between Moscow and Pyongyang and a well-\n"
        "known strategy.\n\nNext paragraph."
    )
    assert canonical_text(raw) == (
        "Title\n\nRussian President Vladimir Putin is set to make a high-profile visit "
        "to North Korea for a two-day stay starting Tuesday, in an action deepening the "
        "anti-Western ties between Moscow and Pyongyang and a well-known strategy.\n\n"
        "Next paragraph."
    )


def test_jamo_split_by_a_wrap_compose_once_joined() -> None:
    assert canonical_text("x\n\n\u1100\n\u1161") == "x\n\n\uac00"


def test_seed_with_hard_wraps_is_repaired() -> None:
    text = canonical_text(seed("002"))
    assert "resolution violations" in text
    assert "Cooperation, and the Moscow" in text
    assert "defense cooperation." in text
    assert "resolut\n" not in text
    assert "\n\n\n" not in text
    assert text.startswith("General\n\n(LEAD) (News Focus) Putin\u2019s N.K. trip")
    assert text.endswith("Source: Yonhap News Agency")


def test_seed_with_one_paragraph_per_line_is_unchanged() -> None:
    raw = seed("000")
    assert canonical_text(raw) == raw
    assert canonical_text(raw).count("\n") == 24


IDEMPOTENCE_SAMPLES = [
    "\ufeffTitle\r\n\r\n\r\nBody resolut\r\nion here.  \r\n",
    "x\n\nfocus on defense c\nooperation.\n- item\n- item two\n\n\n",
    "Line one.\nLine two.\n\nLine three.\nLine four.",
    "x\n\n\u1100\n\u1161 end",
    "  \n\t\nonly\u2029breaks\u2028here\r",
    "a\n\nb\nc\n\nd\ne.\nf",
]


@pytest.mark.parametrize("raw", [*IDEMPOTENCE_SAMPLES, seed("000"), seed("002")])
def test_canonical_text_is_idempotent(raw: str) -> None:
    once = canonical_text(raw)
    assert canonical_text(once) == once


def in_paragraph(before: str, after: str) -> str:
    """A wrap inside the second paragraph of a text the importer rejoins."""
    return f"Talks\n\nThe report came {before}\n{after} later, officials said."


def test_a_wrap_between_two_whole_words_gets_a_space() -> None:
    text = canonical_text(in_paragraph("as analysts in Washington", "on Monday"))
    assert "Washington on Monday" in text
    assert "Washingtonon" not in text


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("from the Trump adminis", "tration on Monday", "administration on"),
        ("as the nuclear negotia", "tions stalled", "negotiations stalled"),
        ("after he arrived in Pyong", "yang on Tuesday", "Pyongyang on"),
        ("with new sanc", "tions against Moscow", "sanctions against"),
        ("with artillery ammuni", "tion for Russia", "ammunition for"),
        ("when the Krem", "lin said so", "Kremlin said"),
        ("as the Korean Peninsu", "la stays tense", "Peninsula stays"),
        ("on the strategic partner", "ship between them", "partnership between"),
        ("that could under", "mine security", "undermine security"),
        ("from troops stationed over", "seas", "overseas"),
        ("on the deploy", "ment of troops", "deployment of"),
        ("from the Secre", "tary of State", "Secretary of"),
    ],
)
def test_a_word_broken_by_a_wrap_is_joined(before: str, after: str, expected: str) -> None:
    assert expected in canonical_text(in_paragraph(before, after))


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("from talks between Moscow", "and Pyongyang", "Moscow and"),
        ("after the foreign minister said", "the treaty", "said the"),
        ("from a senior fellow at the", "institute", "the institute"),
        ("after Russia agreed to supply", "ammunition", "supply ammunition"),
        ("once the two countries signed", "an alliance treaty", "signed an"),
        ("from North Korean leader Kim", "Jong-un", "Kim Jong-un"),
        ("after the UNSC", "resolution", "UNSC resolution"),
        ("from the leaders of", "the two countries", "of the"),
        ("when Putin met Kim in", "Pyongyang", "in Pyongyang"),
        ("about a dangerous", "partnership", "dangerous partnership"),
        ("after he told", "reporters", "told reporters"),
        ("from Seoul,", "Washington", "Seoul, Washington"),
        ("when he spoke ", "to reporters", "spoke to"),
        ("when he spoke", "   to reporters", "spoke to"),
    ],
)
def test_a_wrap_between_two_words_becomes_a_space(before: str, after: str, expected: str) -> None:
    """Both halves are words and their concatenation is not, or the case or white space
    says so: joining would corrupt the text silently."""
    assert expected in canonical_text(in_paragraph(before, after))


def test_a_hyphenated_name_the_text_uses_is_not_glued_to_the_next_word() -> None:
    """ "un|told" would make a word, but the text names "Jong-un" whole elsewhere."""
    raw = "Title\n\nNorth Korean leader Kim Jong-un\ntold reporters that Jong-un would travel."
    assert "Kim Jong-un told reporters" in canonical_text(raw)


def test_a_word_the_lexicon_lacks_is_joined_when_the_text_uses_it_elsewhere() -> None:
    raw = "Title\n\nSaid analyst Anna Wojta\nszczyk of the institute. Wojtaszczyk added."
    assert "Anna Wojtaszczyk of" in canonical_text(raw)


def test_an_unknown_word_with_no_evidence_is_left_split_not_guessed() -> None:
    text = canonical_text(in_paragraph("said analyst Anna Wojta", "szczyk"))
    assert "Anna Wojta szczyk later" in text


def test_a_text_cut_at_a_column_is_joined_where_it_was_cut_and_spaced_where_not() -> None:
    body = (
        "Russian President Vladimir Putin is set to make a high-profile visit to North Kore"
        "a for a two-day stay starting Tuesday, in an action deepening the anti-Western ties"
        " between Moscow and Pyongyang, said Hong Min, a senior research fellow at the Korea"
        " Institute."
    )
    raw = "Title\n\n" + "\n".join(body[i : i + 40] for i in range(0, len(body), 40))
    assert canonical_text(raw) == "Title\n\n" + body


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("x\n\n북한의\n외교", "x\n\n북한의외교"),
        ("x\n\nсотруд\nничество", "x\n\nсотрудничество"),
        ("x\n\n日本\nの外交", "x\n\n日本の外交"),
        ("Titel\n\nDie Zusammen\narbeit mit Moskau", "Titel\n\nDie Zusammenarbeit mit Moskau"),
    ],
)
def test_wraps_in_languages_without_a_lexicon_are_joined_as_before(raw: str, expected: str) -> None:
    assert canonical_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("x\n\nKorea\n북한", "x\n\nKorea 북한"),
        ("x\n\n북한\nKorea", "x\n\n북한 Korea"),
        ("x\n\nРоссии\nPutin", "x\n\nРоссии Putin"),
        ("x\n\nРоссии\nВладимир", "x\n\nРоссии Владимир"),
        ("x\n\nin 2024\nfighting", "x\n\nin 2024 fighting"),
    ],
)
def test_no_gluing_across_scripts_or_into_a_capital(raw: str, expected: str) -> None:
    assert canonical_text(raw) == expected


def test_a_german_text_keeps_two_words_it_uses_apart() -> None:
    raw = "Titel\n\nDie Zusammenarbeit mit\nMoskau. Das Treffen in Moskau war mit Putin."
    assert "mit Moskau." in canonical_text(raw)


def test_opening_the_text_module_does_not_load_the_lexicon() -> None:
    """The lexicon costs a third of a second: only a wrap that needs it may load it."""
    code = (
        "import sys; from stancecoder.core.text import canonical_text; "
        "canonical_text('Title\\n\\nOne.\\n\\nTwo.'); "
        "print('wordfreq' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


_NEWS_WORDS = ["Washington", "on", "Moscow", "and", "Pyongyang", "treaty", "signed", "the",
               "military", "said", "talks", "nuclear", "sanctions", "officials", "Monday",
               "with", "leader", "visit", "security", "an", "alliance", "of", "at"]  # fmt: skip


@given(
    words=st.lists(st.sampled_from(_NEWS_WORDS), min_size=2, max_size=40),
    wraps=st.lists(st.booleans(), min_size=40, max_size=40),
)
def test_two_lexicon_words_are_never_glued_into_one(words: list[str], wraps: list[bool]) -> None:
    body = "".join(word + ("\n" if wrap else " ") for word, wrap in zip(words, wraps, strict=False))
    assert canonical_text(f"Title\n\n{body.strip()}\n\nEnd.").split() == ["Title", *words, "End."]


_ANY_TEXT = st.text(
    alphabet=st.sampled_from([*"ab eoinrtsWK.,-'\n\t\r", "\u2028", "북", "д"]), max_size=200
)


@given(raw=_ANY_TEXT)
def test_repair_never_removes_or_changes_a_character_other_than_white_space(raw: str) -> None:
    def visible(text: str) -> str:
        return "".join(text.split())

    assert visible(canonical_text(raw)) == visible(unicodedata.normalize("NFC", raw))


@given(raw=_ANY_TEXT)
def test_repair_is_idempotent_on_any_text(raw: str) -> None:
    once = canonical_text(raw)
    assert canonical_text(once) == once


def test_a_justified_text_is_wrapped_at_spaces_though_its_lines_are_equally_long() -> None:
    raw = (
        "Title\n\n"
        "North  Korean  leader  Kim  Jong-un   said\n"
        "“the  treaty  is  a  new  chapter”     and\n"
        "officials in  Moscow  welcomed  the  visit\n"
        "warmly. Analysts were more guarded.\n\nEnd."
    )
    text = canonical_text(raw)
    assert "said “the" in text and "and officials" in text and "visit warmly" in text
