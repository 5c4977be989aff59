"""Repair of export text: mojibake undone only where ftfy is sure, invisible characters
dropped, line-end hyphens dropped only on the text's own evidence; clean text in any
script unchanged, and the canonical text rules untouched."""

from __future__ import annotations

import pytest

from stancecoder.core.repair import repair_export_text, repair_field
from stancecoder.core.text import canonical_text

CLEAN = {
    "ko": "서울시 의회는 수요일 자전거 전용도로 14킬로미터를 만들기로 의결했다. "
    "“모든 동네의 의견을 들었다”고 시장이 말했다.",
    "ru": "Городской совет проголосовал за строительство 14 километров велодорожек. "
    "«Мы выслушали каждый район», — сказала мэр Анна Ортис.",
    "de": "Der Stadtrat hat ein Netz geschützter Radwege beschlossen – nach zwei Jahren "
    "Streit über den Straßenraum. „Wir haben jedes Viertel gehört“, sagte die Bürgermeisterin.",
    "fr": "Le conseil a voté « oui » à 7 contre 2 ; la maire s’est dite ravie : c’est l’été.",
    "mixed": "Café owners “fear” the squeeze — 2.4 million dollars, ½ of the spaces, ©2021.",
    "ja": "市議会は水曜日、保護された自転車レーンの建設を可決した。",
}


@pytest.mark.parametrize("language", list(CLEAN))
def test_clean_text_in_any_script_comes_out_unchanged(language: str) -> None:
    text = CLEAN[language]
    assert repair_export_text(text) == text
    assert repair_field(text) == text


@pytest.mark.parametrize(
    ("broken", "meant"),
    [
        # UTF-8 read as cp1252, the quotes' third byte a C1 control
        ("CafÃ© owners â€œfearâ€\x9d parking", "Café owners “fear” parking"),
        # the same twice over
        ("CafÃƒÂ© owners", "Café owners"),
        # cp1252 quotes left as C1 controls
        ("\x93fear\x94 of losing customers", "“fear” of losing customers"),
        ("StraÃŸenraum und GeschÃ¤ftsleute", "Straßenraum und Geschäftsleute"),
    ],
)
def test_mojibake_is_undone(broken: str, meant: str) -> None:
    assert repair_export_text(broken) == meant
    assert repair_field(broken) == meant


def test_quotes_html_entities_and_full_width_letters_stay_as_written() -> None:
    text = "He said \"no\" and 'never' &amp; ＡＢＣ ﬁnal"
    assert repair_export_text(text) == text


def test_invisible_characters_go_and_no_break_spaces_become_spaces() -> None:
    text = "Ver\u00adkehrs\u00adwende in\u00a0Berlin,\u200b 10\u202f000\u2060 Räder\ufeff."
    assert repair_export_text(text) == "Verkehrswende in Berlin, 10 000 Räder."


def test_joiners_that_scripts_need_are_kept() -> None:
    persian = "می\u200cخواهم"
    emoji = "\U0001f469\u200d\U0001f4bb"
    assert repair_export_text(persian) == persian
    assert repair_export_text(emoji) == emoji


def test_a_soft_hyphen_at_a_line_end_joins_the_word() -> None:
    assert repair_export_text("the Verkehrs\u00ad\nwende starts") == "the Verkehrswende starts"


def test_a_line_end_hyphen_is_dropped_only_where_the_text_writes_the_word_whole() -> None:
    text = "The inter-\nnational deal, signed under international law."
    assert repair_export_text(text) == "The international deal, signed under international law."


def test_without_evidence_the_hyphen_stays_and_the_word_is_whole() -> None:
    assert repair_export_text("a well-\nknown shop") == "a well-known shop"
    assert repair_export_text("the re-\ncover plan") == "the re-cover plan"
    # a dash set off by spaces is no hyphenation
    assert repair_export_text("the vote -\nand then") == "the vote -\nand then"


def test_repair_is_idempotent() -> None:
    text = "CafÃ© inter-\nnational, international\u00a0law\u00ad"
    once = repair_export_text(text)
    assert repair_export_text(once) == once


def test_the_canonical_text_rules_are_untouched() -> None:
    """Text of other origins keeps what canonical_text alone makes of it."""
    text = "in\u00a0Berlin Ver\u00adkehr CafÃ©"
    assert canonical_text(text) == text
