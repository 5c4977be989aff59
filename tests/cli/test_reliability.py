"""`stancecoder reliability` on published examples, as CSV files a researcher would write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stancecoder.cli import main

VECTORS = json.loads(
    (
        Path(__file__).parents[1] / "core" / "agreement" / "data" / "agreement-vectors.json"
    ).read_text()
)


def vector(vector_id: str) -> dict:
    return next(v for v in VECTORS if v["id"] == vector_id)


def coding_csv(path: Path, matrix: list[list[object]]) -> Path:
    coders = len(matrix[0])
    lines = ["unit," + ",".join(f"coder{n + 1}" for n in range(coders))]
    lines += [
        f"{n + 1}," + ",".join("" if x is None else str(x) for x in row)
        for n, row in enumerate(matrix)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: object) -> dict[str, dict]:
    assert main([str(a) for a in args]) == 0
    document = json.loads(capsys.readouterr().out)
    return {(s["name"], s.get("category")): s for s in document["statistics"]}


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval"])
def test_alpha_and_friends_match_krippendorff_2011(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], level: str
) -> None:
    alpha = vector(f"kalpha_k2011_{level}")
    path = coding_csv(tmp_path / "k2011.csv", alpha["data"]["matrix"])
    found = run_json(capsys, "reliability", path, "--level", level, "--json", "--seed", 7)
    statistic = found[("krippendorff_alpha", None)]
    assert statistic["value"] == pytest.approx(alpha["expected"], abs=alpha["tolerance"])
    assert statistic["ci95"][0] < statistic["value"] < statistic["ci95"][1]
    assert statistic["level"] == level and statistic["n_coders"] == 4
    agreement = vector("pa_k2011_missing")
    assert found[("percent_agreement", None)]["value"] == pytest.approx(
        agreement["expected"], abs=agreement["tolerance"]
    )
    assert ("cohen_kappa", None) not in found  # four coders: Cohen does not apply


def test_unitizing_matches_krippendorff_2004(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overall = vector("ualpha_k2004_overall")
    data = overall["data"]["unitizing"]
    lines = ["coder,start,end,category"] + [
        f"coder{c},{begin},{begin + length},{category}"
        for c, units in enumerate(data["coders"])
        for begin, length, category in units
    ]
    (tmp_path / "units.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    continuum = f"{data['begin']}:{data['begin'] + data['length']}"
    found = run_json(
        capsys, "reliability", "--units", tmp_path / "units.csv", "--continuum", continuum, "--json"
    )
    assert found[("unitizing_alpha", None)]["value"] == pytest.approx(
        overall["expected"], abs=overall["tolerance"]
    )
    per_category = vector("ualpha_k2004_cat_c")
    assert found[("unitizing_alpha", "c")]["value"] == pytest.approx(
        per_category["expected"], abs=per_category.get("tolerance", 0.001)
    )


def test_undefined_statistics_say_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = coding_csv(tmp_path / "same.csv", [["a", "a"], ["a", "a"], ["a", "a"]])
    found = run_json(capsys, "reliability", path, "--level", "nominal", "--json")
    alpha = found[("krippendorff_alpha", None)]
    assert alpha["value"] is None and alpha["reason"]


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("a,b\n1,x\n", ["--level", "ordinal"], "is not a number"),
        ("a,b\n1,2\n", [], "give DATA.csv and --level"),
        ("only\n1\n", ["--level", "nominal"], "at least 2"),
    ],
)
def test_bad_input_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, args: list[str], message: str
) -> None:
    (tmp_path / "data.csv").write_text(content, encoding="utf-8")
    assert main(["reliability", str(tmp_path / "data.csv"), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
