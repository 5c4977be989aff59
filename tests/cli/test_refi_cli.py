"""`stancecoder refi` as a user runs it: export, a dry run with a group mapped, import."""

from __future__ import annotations

from pathlib import Path

import pytest

from stancecoder.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_then_a_dry_run_then_the_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home, new = tmp_path / "home.stance", tmp_path / "new.stance"
    codings = tmp_path / "codings.csv"
    codings.write_text(
        "article,coder,quote,actor,stance\n1,Alice,dangerous partnership,South Korea,−2\n",
        encoding="utf-8",
    )
    for args in (("init", home), ("import", home, SEEDS), ("codings", "import", home, codings)):
        assert run(capsys, *args)[0] == 0
    out = tmp_path / "home.qdpx"
    code, said, _ = run(capsys, "refi", "export", home, out)
    assert code == 0 and said.strip() == (f"wrote {out}: 2 sources, 1 selection, 57 codes, 1 user")
    code, said, _ = run(capsys, "refi", "codebook", home, tmp_path / "home.qdc")
    assert code == 0 and "4 variables as code groups" in said

    assert run(capsys, "init", new)[0] == 0
    code, said, _ = run(capsys, "refi", "import", new, out, "--dry-run", "--map", "genre=-")
    assert code == 0
    lines = said.splitlines()
    assert lines[:4] == [
        "group actor → actor",
        "group topic → topic",
        "group stance → stance",
        "group genre → left out",
    ]
    assert lines[-1] == (
        "home.qdpx: would import 2 articles, 1 passage, 0 article codes, 0 new codes, "
        "new coders: Alice; nothing was written (dry run)"
    )
    code, said, _ = run(capsys, "refi", "import", new, out)
    assert code == 0 and "imported 2 articles, 1 passage" in said.splitlines()[-1]
    code, _, err = run(capsys, "refi", "import", new, out, "--map", "Nothing=actor")
    assert code == 1 and err.strip() == (
        "stancecoder: invalid: no code group 'Nothing' in the file "
        "(its groups: actor, genre, stance, topic)"
    )
