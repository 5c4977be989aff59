"""`stancecoder chart`, run as a user would, in a real process: the file of each format,
the layer in the title and the line printed, each bad request said in one line with
nothing written, and matplotlib left unloaded by the other commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import defusedxml.ElementTree as SafeTree
import pytest
from PIL import Image
from pypdf import PdfReader

from stancecoder.services.project import Project


@pytest.fixture
def dated(charted: Project, project_target: str | Path) -> str:
    return str(project_target)


def test_each_format_is_written_with_the_layer_in_its_title(
    dated: str, stancecoder_cli, tmp_path: Path
) -> None:
    pdf, svg, png = (tmp_path / f"fig.{suffix}" for suffix in ("pdf", "svg", "png"))
    done = stancecoder_cli("chart", dated, "stance-over-time", "--out", pdf, "--coder", "Alice")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(
        f"wrote {pdf}: Mean stance per month by actor — Alice's codings ("
    )
    assert "without a date to the month left out" in done.stderr
    assert "Alice's codings" in PdfReader(pdf).pages[0].extract_text()
    done = stancecoder_cli("chart", dated, "coders", "--out", svg, "--each-coder")
    assert done.returncode == 0, done.stderr
    texts = " ".join(SafeTree.parse(svg).getroot().itertext())
    assert "coders side by side — each coder separately" in texts
    done = stancecoder_cli("chart", dated, "code-frequencies", "--out", png, "--per", "topic",
                           "--source", "TASS", "--by", "week")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Passages per topic — each coder separately" in done.stdout
    with Image.open(png) as image:
        assert image.format == "PNG" and round(image.info["dpi"][0]) == 300


def test_stance_over_time_by_week_with_filters(dated: str, stancecoder_cli, tmp_path: Path) -> None:
    out = tmp_path / "weeks.pdf"
    filters = ("--code", "actor=Russia", "--since", "2024-06", "--coder", "Bob")
    done = stancecoder_cli("chart", dated, "stance-over-time", "--out", out, "--by", "week",
                           *filters)  # fmt: skip
    assert done.returncode == 0, done.stderr
    # Bob's passages on Russia (Putin a sub-code) with a stance since June: three, one of
    # them in an article dated to the month alone, so in no week and not drawn
    assert done.stdout.strip().endswith("(2 passages)")
    assert "1 passage without a date to the week left out" in done.stderr
    text = PdfReader(out).pages[0].extract_text()
    assert "2024-W23" in text and "2024-W24" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("pie", "--out", "{dir}/a.pdf"), "unknown chart 'pie'"),
        (("coders", "--out", "{dir}/a.jpg"), "use a .pdf, .svg or .png name"),
        (("stance-over-time", "--out", "{dir}/a.pdf", "--by", "year"), "unknown period 'year'"),
        (("coders", "--out", "{dir}/a.pdf", "--consensus"), "choose each-coder"),
        (("stance-distribution", "--out", "{dir}/a.pdf", "--consensus"), "no consensus yet"),
        (("stance-distribution", "--out", "{dir}/a.pdf", "--coder", "Zed"), "'Zed'"),
        (("code-frequencies", "--out", "{dir}/a.pdf", "--per", "colour"), "cannot group by"),
        (("code-frequencies", "--out", "{dir}/a.pdf", "--code", "actor"), "VARIABLE=CODE"),
        (("code-frequencies", "--out", "{dir}/a.pdf", "--since", "June"), "not a date"),
    ],
)
def test_bad_requests_say_so_in_one_line(
    dated: str, stancecoder_cli, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    folder = tmp_path / "figures"
    folder.mkdir()
    done = stancecoder_cli("chart", dated, *(a.format(dir=folder) for a in args))
    assert done.returncode == 1 and message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not any(folder.iterdir())


def test_a_full_disk_leaves_nothing_behind(dated: str, stancecoder_cli, tmp_path: Path) -> None:
    folder = tmp_path / "figures"
    folder.mkdir()
    out = folder / "big.png"
    done = stancecoder_cli("chart", dated, "stance-distribution", "--out", out,
                           file_size_limit=20_000)  # fmt: skip
    assert done.returncode == 1 and "big.png" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not any(folder.iterdir())


def test_the_other_commands_do_not_load_matplotlib() -> None:
    probe = (
        "import sys; from stancecoder.cli import build_parser; build_parser(); "
        "import stancecoder.services.charts; print('matplotlib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
