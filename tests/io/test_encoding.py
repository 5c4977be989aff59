from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from stancecoder.core.errors import InputFileError
from stancecoder.io.encoding import decode_bytes, read_bytes, read_text

PATH = Path("article.txt")

KOREAN = (
    "블라디미르 푸틴 러시아 대통령이 24년 만에 북한을 방문해 김정은 국무위원장과 "
    "정상회담을 갖는다. 양측은 포괄적 전략적 동반자 관계 조약에 서명할 것으로 예상된다. "
    "한국 정부는 이번 방문을 예의주시하고 있다고 밝혔다."
)
WESTERN = (
    "The minister’s “comprehensive” plan – announced in Zürich on Monday – was called "
    "naïve by critics. São Paulo’s mayor said the café owners’ association would respond."
)
RUSSIAN = "Президент России Владимир Путин прибыл в Пхеньян, сообщает ТАСС."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (KOREAN, "utf-8"),
        (KOREAN, "utf-8-sig"),
        (WESTERN, "utf-16"),  # Python writes the byte order mark of the machine
        (KOREAN, "utf-32"),
        (KOREAN, "cp949"),
        (KOREAN, "euc-kr"),
        (WESTERN, "cp1252"),
        (RUSSIAN, "cp1251"),
    ],
)
def test_encodings_are_recognised(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), PATH) == text


@pytest.mark.parametrize(
    ("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
def test_utf16_of_both_byte_orders(bom: bytes, codec: str) -> None:
    assert decode_bytes(bom + WESTERN.encode(codec), PATH) == WESTERN


@pytest.mark.parametrize(
    "text",
    ["café – naïve", "Putin’s trip", "Seoul’s", "é", "Die Außenministerin äußerte sich."],
)
def test_short_western_samples_are_read_as_cp1252(text: str) -> None:
    assert decode_bytes(text.encode("cp1252"), PATH) == text


@pytest.mark.parametrize(
    "text", ["북한", "북한 외무성은 성명을 발표했다.", "Yonhap 보도: 북한 (N.K.) 2024"]
)
def test_short_korean_samples_are_read_as_cp949(text: str) -> None:
    assert decode_bytes(text.encode("cp949"), PATH) == text


def test_a_news_paragraph_in_cp1252_and_cp949() -> None:
    paragraph = WESTERN * 3
    assert decode_bytes(paragraph.encode("cp1252"), PATH) == paragraph
    assert decode_bytes((KOREAN * 2).encode("cp949"), PATH) == KOREAN * 2


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a text file (binary data)"),
        (bytes(range(1, 9)) * 20 + b"text", "not a text file (binary data)"),
        ("no mark".encode("utf-16-le"), "not a text file (binary data)"),
        (
            codecs.BOM_UTF16_LE + b"a\x00b",
            "not valid UTF-16 text although it starts with a UTF-16 byte order mark",
        ),
    ],
)
def test_refusals(data: bytes, reason: str) -> None:
    with pytest.raises(InputFileError) as caught:
        decode_bytes(data, PATH)
    assert caught.value.reason == reason
    assert str(caught.value) == f"article.txt: {reason}"


def test_a_mostly_utf8_file_with_a_foreign_byte_is_refused_not_garbled() -> None:
    data = WESTERN.encode("utf-8") + " é".encode("cp1252")
    with pytest.raises(InputFileError, match="mixed encodings: mostly UTF-8, but not at byte"):
        decode_bytes(data, PATH)


def test_a_stray_control_character_in_a_long_text_is_kept() -> None:
    text = WESTERN + "\x1a"
    assert decode_bytes(text.encode("utf-8"), PATH) == text


def test_read_text_and_the_file_errors(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(KOREAN.encode("cp949"))
    assert read_text(path) == KOREAN
    with pytest.raises(InputFileError, match=r"missing\.txt: file not found"):
        read_bytes(tmp_path / "missing.txt")
    with pytest.raises(InputFileError, match="is a folder, not a file"):
        read_bytes(tmp_path)
