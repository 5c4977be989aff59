"""The figures: what each draws (read back from its Axes) against the chart's data and
values worked out here, greyscale-safe series, and the files written as PDF, SVG and PNG
parsed again."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from datetime import date
from pathlib import Path

import defusedxml.ElementTree as SafeTree
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from PIL import Image
from pypdf import PdfReader

from stancecoder.core.charts.data import (
    Bars,
    CodeFrequencies,
    CoderMeans,
    CoderRow,
    DistributionRow,
    Line,
    PeriodPoint,
    Scale,
    StanceDistribution,
    StanceOverTime,
)
from stancecoder.core.charts.interval import Estimate
from stancecoder.core.errors import StanceCoderError
from stancecoder.io.charts.figure import DPI, draw, new_figure, write_chart
from stancecoder.io.charts.style import DARK, LIGHT, SIZE

SCALE = Scale("stance", ((-2.0, "Strongly negative"), (0.0, "Neutral"), (2.0, "Strongly positive")))
OVER_TIME = StanceOverTime(
    "Mean stance per month by actor — consensus", "consensus", 5, ("a month with one "
    "passage has no interval",), SCALE, "actor", "month",
    (Line("Putin", (PeriodPoint("2024-05", date(2024, 5, 1), Estimate(1.0, 3, 0.5, 1.5)),
                    PeriodPoint("2024-06", date(2024, 6, 1), Estimate(-0.5, 1)))),
     Line("Kim", (PeriodPoint("2024-06", date(2024, 6, 1), Estimate(0.25, 1)),))),
)  # fmt: skip
DISTRIBUTION = StanceDistribution(
    "Stance by actor — Alice's codings", "Alice's codings", 6, (), SCALE, "actor",
    (DistributionRow("Putin", (1, 1, 2)), DistributionRow("Kim", (0, 2, 0))),
)  # fmt: skip
FREQUENCIES = CodeFrequencies(
    "Passages per topic — each coder separately", "each coder separately", 9, (), "topic",
    ("Sanctions", "Treaty"), (Bars("Alice", (3, 1)), Bars("Bob", (2, 3))),
)  # fmt: skip
CODERS = CoderMeans(
    "Mean stance by actor, coders side by side — each coder separately",
    "each coder separately", 5, (), SCALE, "actor", ("Putin", "Kim"),
    (CoderRow("Alice", (Estimate(1.0, 2, -5.0, 7.0), None)),
     CoderRow("Bob", (Estimate(-1.0, 2, -1.5, -0.5), Estimate(0.0, 1)))),
)  # fmt: skip
CHARTS = (OVER_TIME, DISTRIBUTION, FREQUENCIES, CODERS)


def drawn(chart: object, style=LIGHT) -> Figure:
    figure = Figure(figsize=SIZE)
    draw(figure, chart, style)  # type: ignore[arg-type]
    return figure


def bars_of(figure: Figure) -> list[Rectangle]:
    return [p for p in figure.axes[0].patches if isinstance(p, Rectangle)]


def test_over_time_plots_each_mean_at_its_period_with_its_interval() -> None:
    figure = drawn(OVER_TIME)
    axes = figure.axes[0]
    assert [c.get_label() for c in axes.containers] == ["Putin (n = 4)", "Kim (n = 1)"]
    means = [c.lines[0] for c in axes.containers]
    assert [list(line.get_xdata()) for line in means] == [
        [date(2024, 5, 1).toordinal(), date(2024, 6, 1).toordinal()],
        [date(2024, 6, 1).toordinal()],
    ]
    assert [list(line.get_ydata()) for line in means] == [[1.0, -0.5], [0.25]]
    bands = [c for c in axes.collections if isinstance(c, PolyCollection)]
    putin_band = bands[0].get_paths()
    heights = {round(v[1], 6) for path in putin_band for v in path.vertices}
    assert {0.5, 1.5} <= heights  # the interval of May; June (n = 1) has none
    annotations = [t.get_text() for t in axes.texts]
    assert annotations == ["3", "1", "1"]  # n beside each point
    assert [t.get_text() for t in axes.get_xticklabels()] == ["2024-05", "2024-06"]
    assert axes.get_xlabel() == "month" and "95% CI" in axes.get_ylabel()
    assert figure.get_suptitle() == OVER_TIME.title
    assert "n = 5 passages" in axes.get_title(loc="left")
    assert "cut" not in axes.get_title(loc="left")  # every interval lies within the scale


def test_lines_differ_in_marker_and_dash_not_colour_alone() -> None:
    axes = drawn(OVER_TIME).axes[0]
    means = [c.lines[0] for c in axes.containers]
    assert len({line.get_marker() for line in means}) == 2
    assert len({str(line.get_linestyle()) for line in means}) == 2


def test_distribution_bars_are_shares_of_each_group() -> None:
    figure = drawn(DISTRIBUTION)
    bars = bars_of(figure)
    assert len(bars) == 2 * 3  # a bar per group and point
    by_point = [bars[i : i + 2] for i in range(0, 6, 2)]  # per point: Kim (below), Putin
    widths = [[round(b.get_width(), 6) for b in pair] for pair in by_point]
    assert widths == [[0.0, 25.0], [100.0, 25.0], [0.0, 50.0]]
    assert len({b.get_hatch() for b in bars}) == 3
    labels = [t.get_text() for t in figure.axes[0].texts]
    assert labels == ["n = 2", "n = 4"]


def test_frequencies_draw_each_count_per_coder() -> None:
    figure = drawn(FREQUENCIES)
    bars = bars_of(figure)
    assert [b.get_width() for b in bars] == [3, 1, 2, 3]
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == ["Sanctions", "Treaty"]
    alice, bob = bars[:2], bars[2:]
    assert alice[0].get_y() > alice[1].get_y()  # the codebook's first code on top
    assert alice[0].get_hatch() != bob[0].get_hatch()
    legend = figure.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == ["Alice", "Bob"]


def test_coders_means_with_intervals_cut_at_the_scale() -> None:
    figure = drawn(CODERS)
    bars = bars_of(figure)
    widths = [b.get_width() for b in bars]
    assert widths[:1] == [1.0] and widths[2:] == [-1.0, 0.0]
    caps = [seg for c in figure.axes[0].collections for seg in c.get_segments()]
    ends = sorted({round(x, 6) for seg in caps for x, _ in seg})
    assert -2.0 in ends and 2.0 in ends and 7.0 not in ends  # Alice's -5 … 7 cut to the scale
    assert "intervals cut at the ends of the scale" in figure.axes[0].get_title(loc="left")


def test_dark_paints_the_page_dark() -> None:
    figure = drawn(FREQUENCIES, DARK)
    assert figure.get_facecolor()[:3] == pytest.approx((27 / 255, 30 / 255, 35 / 255))
    assert figure.axes[0].get_facecolor()[:3] == figure.get_facecolor()[:3]
    assert figure.legends[0].get_texts()[0].get_color() == DARK.foreground


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: type(c).__name__)
def test_png_is_300_dpi_at_the_page_size(chart: object, tmp_path: Path) -> None:
    path = tmp_path / "figure.png"
    write_chart(chart, path)  # type: ignore[arg-type]
    with Image.open(path) as image:
        image.load()
        assert image.size == (round(SIZE[0] * DPI), round(SIZE[1] * DPI))
        assert image.info["dpi"] == pytest.approx((DPI, DPI), abs=0.1)
        assert image.getpixel((5, 5))[:3] == (255, 255, 255)  # a light page, whatever the theme


def test_svg_keeps_its_text_as_text(tmp_path: Path) -> None:
    path = tmp_path / "figure.svg"
    write_chart(OVER_TIME, path)
    root = SafeTree.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Mean stance per month by actor — consensus" in texts
    assert "Putin (n = 4)" in texts
    assert isinstance(root, ElementTree.Element)


def test_pdf_opens_with_its_title_and_text(tmp_path: Path) -> None:
    path = tmp_path / "figure.pdf"
    write_chart(FREQUENCIES, path)
    assert path.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    assert reader.metadata.title == FREQUENCIES.title
    text = reader.pages[0].extract_text()
    assert "Passages per topic" in text and "Sanctions" in text
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (width, height) == pytest.approx((SIZE[0] * 72, SIZE[1] * 72))


def test_the_same_chart_writes_the_same_pdf(tmp_path: Path) -> None:
    write_chart(DISTRIBUTION, tmp_path / "a.pdf")
    write_chart(DISTRIBUTION, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a_failed_write_leaves_the_earlier_file(tmp_path: Path, plain_user_here) -> None:
    folder = tmp_path / "figures"
    folder.mkdir()
    path = folder / "figure.png"
    path.write_bytes(b"earlier")
    folder.chmod(0o555)
    try:
        with plain_user_here(), pytest.raises(StanceCoderError, match=r"figure\.png"):
            write_chart(FREQUENCIES, path)
    finally:
        folder.chmod(0o755)
    assert path.read_bytes() == b"earlier" and os.listdir(folder) == ["figure.png"]


def test_a_new_figure_is_light_by_default() -> None:
    assert new_figure(FREQUENCIES).get_facecolor()[:3] == (1.0, 1.0, 1.0)


def test_drawing_and_writing_import_no_qt(tmp_path: Path) -> None:
    """matplotlib picks no Qt backend for the files: the command line stays free of Qt."""
    probe = (
        "import sys; from pathlib import Path; "
        "from stancecoder.core.charts.data import Bars, CodeFrequencies; "
        "from stancecoder.io.charts.figure import write_chart; "
        "chart = CodeFrequencies('t', 'l', 1, (), 'topic', ('a',), (Bars('l', (1,)),)); "
        f"folder = Path({str(tmp_path)!r}); "
        "[write_chart(chart, folder / f'f.{s}') for s in ('pdf', 'svg', 'png')]; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'matplotlib.pyplot'))))"
    )
    environment = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=environment, check=True)  # fmt: skip
    assert done.stdout.strip() == "[]"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.pdf", "f.png", "f.svg"]
