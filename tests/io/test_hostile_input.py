"""Hostile and oversized input: refused with one line, before it can hang or flood memory.

Every file here is real: a FIFO, a link to /dev/zero, a socket, zip bombs and XML with
entity bombs and external entities written as bytes into real .docx/.xlsx packages.
"""

from __future__ import annotations

import json
import os
import socket
import struct
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from stancecoder.core.errors import InputFileError
from stancecoder.io.corpus import read_corpus_file
from stancecoder.io.limits import DEFAULT_LIMITS, KB, MB, ImportLimits, read_regular_file

SMALL = ImportLimits(max_article_bytes=1 * KB)


def refusal(path: Path, limits: ImportLimits = DEFAULT_LIMITS) -> str:
    """The reason `path` is refused, read in a thread so that a hang fails the test."""
    outcome: list[BaseException | object] = []
    thread = threading.Thread(target=lambda: outcome.append(_attempt(path, limits)), daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert outcome, f"reading {path.name} did not end within 20 s"
    [error] = outcome
    assert isinstance(error, InputFileError), f"{path.name} was read: {error!r}"
    assert "\n" not in str(error)
    return error.reason


def _attempt(path: Path, limits: ImportLimits) -> BaseException | object:
    try:
        return read_corpus_file(path, None, limits)
    except Exception as error:
        return error


def test_every_hostile_file_is_refused_with_its_reason(
    tmp_path: Path, hostile_files: Callable[[Path], dict[str, str]]
) -> None:
    expected = hostile_files(tmp_path)
    for name, reason in expected.items():
        assert reason in refusal(tmp_path / name), name


def test_a_socket_is_refused_without_being_opened(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert refusal(path) == "not a regular file but a socket; refused without reading"


def test_a_link_to_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("An article behind a link.\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    [draft] = read_corpus_file(tmp_path / "link.txt")
    assert draft.text == "An article behind a link."


def test_a_file_is_read_only_up_to_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(b"x" * 2049)
    with pytest.raises(InputFileError) as refused:
        read_regular_file(path, 2 * KB)
    assert refused.value.reason == "too large: the file has 2.0 KB, over the limit of 2 KB"
    assert read_regular_file(path, 2049) == b"x" * 2049


def test_an_article_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 300, encoding="utf-8")
    assert refusal(path, SMALL) == (
        "too large: the article has 1.5 KB of text, over the limit of 1 KB per article"
    )
    path.write_text("word " * 300, encoding="utf-16")  # within the file limit, not the text
    assert "the article has 1.5 KB of text" in refusal(path, SMALL)
    path.write_text("word " * 1000, encoding="utf-8")  # over even the file limit: not decoded
    assert refusal(path, SMALL) == (
        "too large: the file has 4.9 KB, over the limit of 1 KB per article"
    )


def test_a_csv_cell_over_the_limit_names_its_row(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(f"title,text\nA,short\nB,{'x' * 1500}\n", encoding="utf-8")
    assert refusal(path, SMALL) == (
        "too large: row 3 (line 3): a cell is longer, over the limit of 1 KB per article"
    )


def test_a_csv_article_longer_than_the_csv_modules_own_limit_imports(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    text = "A long article. " * 20_000  # 320 K characters, over csv's default 128 K
    path.write_text(f'title,text\nLong,"{text}"\n', encoding="utf-8")
    [draft] = read_corpus_file(path)
    assert draft.text == text.strip()


def test_a_jsonl_row_over_the_limit_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [{"text": "short"}, {"text": "y" * 1500}]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    assert refusal(path, SMALL) == (
        "too large: line 2: the article has 1.5 KB of text, over the limit of 1 KB per article"
    )


def test_brackets_inside_json_strings_are_not_nesting(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    record = {"text": "[" * 500 + " an article " + "}" * 500, "tags": [[["a"]]]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [draft] = read_corpus_file(path)
    assert draft.text.startswith("[[[")
    assert draft.extra["tags"] == '[[["a"]]]'


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("\\u0000", "line 1: the text holds a NUL character (U+0000)"),
        ("\\ud800", "line 1: the text holds a lone surrogate (U+D800), which is not Unicode"),
    ],
)
def test_text_no_database_stores_is_refused(tmp_path: Path, value: str, reason: str) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(f'{{"text": "An article {value} with it."}}\n', encoding="utf-8")
    assert refusal(path) == reason


def test_metadata_no_database_stores_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text('{"text": "An article.", "title": "A\\u0000B"}\n', encoding="utf-8")
    assert refusal(path) == "line 1: the title holds a NUL character (U+0000)"


def test_an_archive_over_the_unpacked_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fine.docx"
    from docx import Document

    document = Document()
    document.add_paragraph(os.urandom(600 * KB).hex())  # incompressible, so no bomb
    document.save(path)
    limits = ImportLimits(max_unpacked_bytes=1 * MB)
    assert refusal(path, limits).startswith("too large: the .docx unpacks to 2.")
    assert refusal(path, limits).endswith("over the limit of 1 MB unpacked")
    [draft] = read_corpus_file(path)
    assert len(draft.text) == 1200 * KB


def test_an_archive_pointing_before_its_start_is_damaged_not_a_crash(
    tmp_path: Path, office_files
) -> None:
    """Found by fuzzing: a directory offset past the real one makes zipfile seek before
    the start of the file and raise ValueError, not BadZipFile."""
    data = bytearray(office_files.xlsx())
    end = data.rfind(b"PK\x05\x06")
    (offset,) = struct.unpack_from("<I", data, end + 16)
    struct.pack_into("<I", data, end + 16, offset + 300)
    path = tmp_path / "shifted.xlsx"
    path.write_bytes(bytes(data))
    assert refusal(path) == "not a readable .xlsx file (damaged or not Excel: ValueError)"
