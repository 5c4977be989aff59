from __future__ import annotations

from pathlib import Path

import pytest

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
