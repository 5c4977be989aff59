"""Files other tools write: NVivo's UTF-16 positions over CRLF text, a text with a byte
order mark, codes outside any group, and the standard's own sample without its sources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from stancecoder.core.text import canonical_text
from stancecoder.db.models import Article
from stancecoder.services.project import Project
from stancecoder.services.refi.importing import import_refi, preview_refi_import

DATA = Path(__file__).resolve().parents[2] / "io" / "refi" / "data"
SOURCE = "b1f2c3d4-0000-4000-8000-00000000000a"
# CRLF line ends and emoji before the quotes: UTF-16 positions run ahead of code points
RAW = (
    "Kim 😀 greets Putin.\r\n\r\nPutin 🚀 calls it “a new era”.\r\n"
    "Kim Jong-un answers: sanctions will fail.\r\n"
)
QUOTES = [("a new era", "c-putin", "c-pos"), ("sanctions will fail", "c-kim", "c-neg")]


def units(index: int) -> int:
    """UTF-16 code units before code point `index`, counted by encoding, CRLF as two."""
    return len(RAW[:index].encode("utf-16-le")) // 2


def coding(guid: str, code: str) -> str:
    return f'<Coding guid="{guid}"><CodeRef targetGUID="{code}"/></Coding>'


def nvivo_project(named: bool = True) -> bytes:
    selections = []
    for n, (quote, actor, stance) in enumerate(QUOTES):
        start = RAW.index(quote)
        name = f' name="{quote}"' if named else ""
        selections.append(
            f'<PlainTextSelection guid="5e1ec7ed-0000-4000-8000-00000000000{n}"{name} '
            f'startPosition="{units(start)}" endPosition="{units(start + len(quote))}" '
            'creatingUser="A0000000-0000-4000-8000-000000000001">'
            + coding(f"c0d10000-0000-4000-8000-00000000000{n}", ids[actor])
            + coding(f"c0d20000-0000-4000-8000-00000000000{n}", ids[stance])
            + ('<NoteRef targetGUID="{0e0e0000-0000-4000-8000-000000000001}"/>' if n == 0 else "")
            + "</PlainTextSelection>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="NVivo study" origin="NVivo 12">'
        '<Users><User guid="A0000000-0000-4000-8000-000000000001" name="Nina"/></Users>'
        "<CodeBook><Codes>"
        f'<Code guid="{ids["g-actors"]}" name="Actors" isCodable="false">'
        f'<Code guid="{ids["c-putin"]}" name="Putin" isCodable="true"/>'
        f'<Code guid="{ids["c-kim"]}" name="Kim Jong-un" isCodable="true"/></Code>'
        f'<Code guid="{ids["g-stance"]}" name="Stance" isCodable="false">'
        f'<Code guid="{ids["c-neg"]}" name="-1" isCodable="true"/>'
        f'<Code guid="{ids["c-pos"]}" name="+1" isCodable="true"/></Code>'
        f'<Code guid="{ids["c-loose"]}" name="Memorable" isCodable="true"/>'
        "</Codes></CodeBook>"
        f'<Sources><TextSource guid="{SOURCE.upper()}" name="Summit.docx" '
        f'plainTextPath="internal://{SOURCE}.txt">{"".join(selections)}</TextSource></Sources>'
        '<Notes><Note guid="0E0E0000-0000-4000-8000-000000000001" name="Memo">'
        "<PlainTextContent>Putin's words</PlainTextContent></Note></Notes>"
        "</Project>"
    ).encode()


ids = {
    key: f"{n:08x}-0000-4000-8000-000000000000"
    for n, key in enumerate(
        ["g-actors", "c-putin", "c-kim", "g-stance", "c-neg", "c-pos", "c-loose"], 1
    )
}


def write_nvivo(
    tmp_path: Path, zipped: Callable[[dict[str, bytes]], bytes], named: bool = True
) -> Path:
    path = tmp_path / "nvivo.qdpx"
    # a byte order mark before the text, as QualCoder writes: positions count without it
    text = b"\xef\xbb\xbf" + RAW.encode("utf-8")
    path.write_bytes(zipped({"Project.qde": nvivo_project(named), f"Sources/{SOURCE}.txt": text}))
    return path


def test_nvivo_positions_in_utf16_units_land_on_their_quotes(
    project: Project,
    tmp_path: Path,
    zipped: Callable[[dict[str, bytes]], bytes],
    project_contents: Callable[[Project], dict[str, object]],
) -> None:
    path = write_nvivo(tmp_path, zipped)
    preview = preview_refi_import(project, path)
    assert [t.line() for t in preview.targets] == ["Actors → actor", "Stance → stance"]
    assert preview.loose_codes == ["Memorable"]
    report = import_refi(project, path, {"Actors": "actor"})
    assert report.sources == [
        "Summit.docx: new article; positions count UTF-16 code units (as NVivo counts): "
        "2 of 2 quotes agree with the text"
    ]
    assert report.passages == 2 and report.coders_added == ["Nina"]
    # Kim Jong-un is a code of actor already (under North Korea); Putin is new at the top
    assert report.codes_added == ["actor: Putin"]
    passages = {p[1:] for p in project_contents(project)["passages"]}
    text = canonical_text(RAW)
    assert passages == {
        ("Nina", text.index("a new era"), text.index("a new era") + 9, "a new era",
         "Putin's words", frozenset({"actor: Putin", "stance: Positive"})),
        ("Nina", text.index("sanctions"), text.index("sanctions") + 19, "sanctions will fail",
         "", frozenset({"actor: North Korea › Kim Jong-un", "stance: Negative"})),
    }  # fmt: skip
    with project.reading() as session:
        assert session.scalar(select(Article.text)) == text  # canonical: no CR, no mark


def test_quotes_that_tell_nothing_leave_the_standards_counting_named(
    project: Project, tmp_path: Path, zipped: Callable[[dict[str, bytes]], bytes]
) -> None:
    report = import_refi(project, write_nvivo(tmp_path, zipped, named=False))
    assert "Unicode code points: no quotes to check them by" in report.sources[0]


def test_the_standards_sample_without_sources_is_reported_not_imported(project: Project) -> None:
    report = import_refi(project, DATA / "skyloom_TestProject.qdpx")
    assert report.articles_added == [] and report.passages == 0
    assert len(report.loose_codes) == 14 and "Coke::diet Coke" in report.loose_codes
    assert len(report.sources) == 6
    assert all("the archive does not hold its text" in line for line in report.sources)
    assert report.left_out["selections of sources without their text"] == 6
    assert report.left_out["PDF sources (only text is coded here)"] == 2
    assert report.left_out["video sources (only text is coded here)"] == 2
    lines = report.lines()
    assert any(
        line.startswith("14 codes outside any group, not imported: happiness") for line in lines
    )
    with project.reading() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 0
