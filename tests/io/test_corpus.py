from __future__ import annotations

from pathlib import Path

import pytest

from stancecoder.core.errors import InputFileError
from stancecoder.io.corpus import SUPPORTED_SUFFIXES, expand_paths, read_corpus_file

SEEDS = Path(__file__).parents[2] / "seeds"


def touch(path: Path, content: str = "text") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def test_folders_expand_to_supported_files_in_natural_order(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for name in [
        "10.txt",
        "2.txt",
        "B.md",
        "a.docx",
        "n.PDF",
        "sub/1.csv",
        "sub/x.JSONL",
        "t.xlsx",
    ]:
        touch(corpus / name)
    for name in ["notes.odt", ".hidden.txt", "~$a.docx", ".git/config.txt", "sub/.cache/c.txt"]:
        touch(corpus / name)
    assert [p.relative_to(corpus).as_posix() for p in expand_paths([corpus]).files] == [
        "2.txt",
        "10.txt",
        "a.docx",
        "B.md",
        "n.PDF",
        "sub/1.csv",
        "sub/x.JSONL",
        "t.xlsx",
    ]


def test_files_are_taken_as_given_and_listed_once(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    inside = touch(folder / "one.txt")
    pdf = touch(tmp_path / "paper.pdf")
    missing = tmp_path / "missing.txt"
    assert expand_paths([pdf, folder, inside, missing]).files == [pdf, inside, missing]


def test_a_hidden_folder_given_explicitly_is_walked(tmp_path: Path) -> None:
    inside = touch(tmp_path / ".corpus" / "one.txt")
    assert expand_paths([tmp_path / ".corpus"]).files == [inside]


def test_seed_articles() -> None:
    (plain,) = read_corpus_file(next(SEEDS.glob("000_*.txt")))
    assert plain.title is None
    assert plain.origin == plain.external_id + ".txt"
    assert plain.text.count("\n") == 24

    (wrapped,) = read_corpus_file(next(SEEDS.glob("002_*.txt")))
    assert "resolution violations" in wrapped.text
    assert "Cooperation, and the Moscow" in wrapped.text
    assert "defense cooperation." in wrapped.text
    assert "resolut\n" not in wrapped.text
    assert wrapped.title is not None and wrapped.title.endswith("dims N.K. dialogue prospects")
    assert (wrapped.dateline, wrapped.source) == ("WASHINGTON, June 17 (Yonhap)", "Yonhap")
    assert wrapped.external_id == "002_0d770d46c78f1b16"


def test_a_text_file_in_a_legacy_encoding_with_header(tmp_path: Path) -> None:
    path = tmp_path / "story.TXT"
    content = "Café talks fail\r\n\r\nBy Anne Dupont\r\n\r\n17.06.2024\r\n\r\nThe café – naïve.\r\n"
    path.write_bytes(content.encode("cp1252"))
    (draft,) = read_corpus_file(path)
    assert draft.text == "Café talks fail\n\nBy Anne Dupont\n\n17.06.2024\n\nThe café – naïve."
    assert (draft.title, draft.author, draft.published) == (
        "Café talks fail",
        "Anne Dupont",
        "2024-06-17",
    )
    assert (draft.origin, draft.external_id) == ("story.TXT", "story")


def test_a_markdown_heading_gives_the_title_without_its_marks(tmp_path: Path) -> None:
    path = touch(tmp_path / "note.md", "# Summit ends early\n\nThe leaders left.\n")
    (draft,) = read_corpus_file(path)
    assert draft.title == "Summit ends early"
    assert draft.text.startswith("# Summit ends early")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("blank.txt", " \n\t\n", "no text in the file"),
        ("empty.md", "", "empty file"),
        ("missing.txt", None, "file not found"),
        (
            "paper.odt",
            "PK",
            "unsupported file type .odt (supported: " + ", ".join(SUPPORTED_SUFFIXES) + ")",
        ),
        ("paper.pdf", "%PDF-1.7", "not a readable PDF (damaged, or past a limit of the reader"),
        ("paper.html", "Dear editor", "an .html file is read only as a saved web page or a"),
        ("README", "text", "unsupported file type (none) (supported: "),
    ],
)
def test_refusals(tmp_path: Path, name: str, content: str | None, reason: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_corpus_file(path)
    assert caught.value.reason.startswith(reason)
    assert caught.value.path == path


def test_a_binary_file_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputFileError, match="not a text file"):
        read_corpus_file(path)
