"""A project out as REFI-QDA and into a new project: the same articles, codes and
passages, offsets included; every file written valid under the standard's schemas."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from stancecoder.core.codebook import CodebookSpec, load_codebook
from stancecoder.services.codebook import export_codebook
from stancecoder.services.project import Project, create_project
from stancecoder.services.refi.export import export_refi_codebook, export_refi_project
from stancecoder.services.refi.importing import import_refi

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def test_a_project_comes_back_whole_from_its_export(
    coded: Project,
    tmp_path: Path,
    schema_check: Callable[[bytes, str], None],
    project_contents: Callable[[Project], dict[str, object]],
) -> None:
    out = tmp_path / "study.qdpx"
    report = export_refi_project(coded, out)
    assert (report.sources, report.selections, report.users) == (2, 5, 2)
    with zipfile.ZipFile(out) as archive:
        qde = archive.read("project.qde")
        texts = [archive.read(n) for n in archive.namelist() if n.startswith("sources/")]
    schema_check(qde, "Project-mrt2019.xsd")
    assert len(texts) == 2 and not any(t.startswith(b"\xef\xbb\xbf") for t in texts)
    assert b"\r" not in b"".join(texts)  # the canonical text, positions and all

    again = tmp_path / "again.qdpx"
    export_refi_project(coded, again)
    with zipfile.ZipFile(again) as archive:
        assert archive.read("project.qde") == qde  # the same GUIDs, the same file

    with create_project(tmp_path / "new.stance") as new:
        imported = import_refi(new, out)
        assert imported.passages == 5 and imported.article_codes == 1
        assert imported.codes_added == [] and imported.left_out == {}
        assert sorted(imported.coders_added) == ["Alice", "Bob"]
        assert sorted(line.split("count ")[1] for line in imported.sources) == [
            "Unicode code points: 2 of 2 quotes agree with the text",
            "Unicode code points: 3 of 3 quotes agree with the text",
        ]
        assert project_contents(new) == project_contents(coded)


def test_the_codebook_comes_back_with_levels_scopes_and_values(
    coded: Project, tmp_path: Path, schema_check: Callable[[bytes, str], None]
) -> None:
    qdc = tmp_path / "codebook.qdc"
    assert export_refi_codebook(coded, qdc) == 4
    schema_check(qdc.read_bytes(), "Codebook.xsd")
    small = tmp_path / "small.yaml"
    small.write_text(
        "name: small\nversion: '1'\nvariables:\n  - name: actor\n    level: nominal\n"
        "    codes:\n      - label: Russia\n",
        encoding="utf-8",
    )
    with create_project(tmp_path / "small.stance", small) as new:
        report = import_refi(new, qdc)
        assert [t.line() for t in report.targets] == [
            "actor → actor",
            "topic → topic (new variable)",
            "stance → stance (new variable)",
            "genre → genre (new variable)",
        ]
        export_codebook(new, tmp_path / "back.yaml")
    export_codebook(coded, tmp_path / "source.yaml")
    assert (
        without_uids(load_codebook(tmp_path / "back.yaml")).variables[1:]
        == without_uids(load_codebook(tmp_path / "source.yaml")).variables[1:]
    )


def without_uids(spec: CodebookSpec) -> CodebookSpec:
    """The codebook as a person sees it: uids, shortcuts and code colours are the project's
    own (REFI-QDA carries no shortcuts)."""

    def clean(codes: list) -> None:  # type: ignore[type-arg]
        for code in codes:
            code.uid, code.shortcut = None, None
            clean(code.children)

    for variable in spec.variables:
        clean(variable.codes)
    return spec


def test_a_dry_run_reports_the_import_and_writes_nothing(
    coded: Project, tmp_path: Path, project_contents: Callable[[Project], dict[str, object]]
) -> None:
    out = tmp_path / "study.qdpx"
    export_refi_project(coded, out)
    with create_project(tmp_path / "new.stance") as new:
        before = project_contents(new)
        report = import_refi(new, out, {"genre": "-"}, dry_run=True)
        assert report.passages == 5 and report.article_codes == 0
        assert report.left_out == {"codings of groups left out": 1}
        assert "nothing was written (dry run)" in report.summary()
        assert project_contents(new) == before
        import_refi(new, out)
        twice = import_refi(new, out)
        assert twice.passages == 0 and twice.articles_found == 2
        assert twice.left_out["selections imported before"] == 5
