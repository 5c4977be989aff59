"""The agreement report's pictures: what each draws, read back from its Figure's artists,
against the report and against coincidences counted here from the raw codings; and their
SVG for a page: well-formed, titled, self-contained, with ids that never clash between two
figures of one page."""

from __future__ import annotations

import re
from collections import Counter

import defusedxml.ElementTree as SafeTree
import pytest
from matplotlib.figure import Figure

from stancecoder.core.agreement.apa import apa
from stancecoder.core.agreement.names import variable_title
from stancecoder.core.agreement.report_figures import (
    coincidence_alt,
    coincidence_tables,
    forest_alt,
    forest_rows,
    rounds_alt,
)
from stancecoder.io.charts.coincidences import new_coincidences
from stancecoder.io.charts.forest import new_forest
from stancecoder.io.charts.round_lines import new_round_lines
from stancecoder.io.charts.style import DARK, LIGHT
from stancecoder.io.charts.svg_markup import svg_markup

SVG_NS = "{http://www.w3.org/2000/svg}"


def variable(report, name):
    return next(v for v in report.variables if v.name == name)


def test_forest_plots_each_defined_alpha_with_its_interval_on_its_variables_row(
    hand_report,
) -> None:
    report = hand_report.report
    figure = new_forest(forest_rows(report), LIGHT)
    axes = figure.axes[0]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert labels == ["Topic", "Stance", "Genre"]  # the report's order, top to bottom
    rows = dict(zip(labels, axes.get_yticks(), strict=True))
    (points,) = [line for line in axes.lines if line.get_label() == "α"]
    drawn = dict(zip(points.get_ydata(), points.get_xdata(), strict=True))
    defined = [v for v in report.variables if v.main.value is not None]
    assert [v.name for v in defined] == ["topic", "stance"]  # genre: no variation, no α
    (intervals,) = [c for c in axes.collections if c.get_label() == "95% CI"]
    segments = intervals.get_segments()
    assert len(segments) == len(defined)  # one interval per defined α
    for v, segment in zip(defined, segments, strict=True):
        row = rows[variable_title(v.name)]
        assert drawn[row] == pytest.approx(v.main.value)
        assert sorted(x for x, _ in segment) == pytest.approx(list(v.main.ci95))
        assert {y for _, y in segment} == {row}
    texts = [t.get_text() for t in axes.texts]
    assert "not defined" in texts
    assert f"{apa(variable(report, 'topic').main.value)}   n = 7" in texts
    assert "n = 1" in texts  # genre rests on the one article
    references = sorted(line.get_xdata()[0] for line in axes.lines if line.get_linestyle() in
                        ("--", ":"))  # fmt: skip
    assert references == [0.667, 0.8]
    assert {"tentative .667", "reliable .800"} <= set(texts)


def coincidences_of(sites, coder_values) -> Counter:
    """o_ck counted from the sites: with two coders each pair counts once in each order."""
    counts: Counter = Counter()
    for site in sites:
        a, b = coder_values(site)
        counts[(a, b)] += 1
        counts[(b, a)] += 1
    return counts


def cells(figure: Figure) -> dict[tuple[str, str], float]:
    """Each cell's written number under its row and column labels, and the shading drawn."""
    axes = figure.axes[0]
    rows = [t.get_text() for t in axes.get_yticklabels()]
    columns = [t.get_text() for t in axes.get_xticklabels()]
    (mesh,) = axes.collections
    shades = mesh.get_array().reshape(len(rows), len(columns))
    written = {(int(t.get_position()[1]), int(t.get_position()[0])): t.get_text()
               for t in axes.texts}  # fmt: skip
    out = {}
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            assert float(written[(i, j)]) == shades[i, j]  # the number is the shade's
            out[(row, column)] = float(written[(i, j)])
    return out


def test_heatmap_cells_are_the_coincidences_counted_from_the_raw_codings(hand_report) -> None:
    report, sites = hand_report.report, hand_report.sites
    tables = {t.variable: t for t in coincidence_tables(report)}
    topic = cells(new_coincidences(tables["topic"], LIGHT))
    counted = coincidences_of(sites, lambda s: (s[0], s[2]))
    used = sorted({s[0] for s in sites} | {s[2] for s in sites})
    assert sorted({row for row, _ in topic}) == used  # Energy, never given, is left out
    assert topic == {(a, b): counted[(a, b)] for a in used for b in used}
    stance = new_coincidences(tables["stance"], LIGHT)
    labels = [t.get_text() for t in stance.axes[0].get_yticklabels()]
    assert labels == ["−2 Strongly against", "−1 Against", "0 Neutral", "+1 For",
                      "+2 Strongly for"]  # the whole scale in order, +2 unused  # fmt: skip
    values = dict(zip(labels, (-2.0, -1.0, 0.0, 1.0, 2.0), strict=True))
    counted = coincidences_of(sites, lambda s: (s[1], s[3]))
    assert {k: n for k, n in cells(stance).items() if n} == {
        (a, b): counted[(values[a], values[b])]
        for a in labels for b in labels if counted[(values[a], values[b])]
    }  # fmt: skip
    assert "14 pairable values" in " ".join(stance.axes[0].get_title(loc="left").split())
    assert "14 pairable values" in coincidence_alt(tables["stance"])


def test_round_lines_draw_each_variables_alpha_per_round(hand_rounds) -> None:
    figure = new_round_lines(hand_rounds, LIGHT)
    axes = figure.axes[0]
    lines = {line.get_label(): line for line in axes.lines if not line.get_label().startswith("_")}
    names = [r.name for r in hand_rounds.rounds]
    intervals = [segment for c in axes.collections for segment in c.get_segments()]
    for v in hand_rounds.variables:
        defined = [f for f in v.figures if f.value is not None]
        if not defined:
            assert variable_title(v.name) not in lines  # genre: never defined, no line
            continue
        drawn = lines[variable_title(v.name)]
        assert list(drawn.get_ydata()) == pytest.approx([f.value for f in defined])
        assert [round(x) for x in drawn.get_xdata()] == [names.index(f.round) for f in defined]
        for x, f in zip(drawn.get_xdata(), defined, strict=True):
            (segment,) = [s for s in intervals if s[0][0] == x]
            assert sorted(y for _, y in segment) == pytest.approx(list(f.ci95))
    assert [t.get_text() for t in axes.get_xticklabels()] == ["training 1", "training 2"]
    styles = {(line.get_marker(), line.get_linestyle()) for line in lines.values()}
    assert len(styles) == len(lines)  # told apart without colour


def test_alt_texts_carry_every_number_drawn(hand_report, hand_rounds) -> None:
    report = hand_report.report
    alt = forest_alt(forest_rows(report))
    topic = variable(report, "topic").main
    low, high = topic.ci95
    assert f"Topic: α = {apa(topic.value)}, 95% CI [{apa(low)}, {apa(high)}], n = 7" in alt
    assert "Genre: not defined" in alt and ".667 and .800" in alt
    said = rounds_alt(hand_rounds)
    for v in hand_rounds.variables:
        for f in v.figures:
            assert (f"{f.round} {apa(f.value)}" if f.value is not None else f.round) in said


def test_figures_follow_the_dark_style_too(hand_report) -> None:
    figure = new_forest(forest_rows(hand_report.report), DARK)
    assert figure.get_facecolor()[:3] == pytest.approx((0x1B / 255, 0x1E / 255, 0x23 / 255))


def parsed(markup: str):
    return SafeTree.fromstring(markup)


def test_svg_markup_is_titled_self_contained_and_its_ids_are_its_own(hand_report) -> None:
    rows = forest_rows(hand_report.report)
    first = svg_markup(new_forest(rows, LIGHT), "Figure 1. α", "forest")
    table = coincidence_tables(hand_report.report)[0]
    second = svg_markup(new_coincidences(table, LIGHT), "Figure 2", "coincidences-1")
    for markup in (first, second):
        assert markup.startswith("<svg")  # no XML prolog or doctype inside a page
        root = parsed(markup)
        assert root.tag == f"{SVG_NS}svg"
        assert root[0].tag == f"{SVG_NS}title"
        assert not list(root.iter(f"{SVG_NS}text"))  # text drawn as paths: no font needed
        references = re.findall(r'(?:href|src)="([^"]*)"|url\(([^)]*)\)', markup)
        assert references and all(
            (href or url).startswith("#") for href, url in references
        )  # only to itself
    assert parsed(first)[0].text == "Figure 1. α"
    ids = [re.findall(r'\bid="([^"]+)"', markup) for markup in (first, second)]
    assert all(len(set(found)) == len(found) for found in ids)
    assert not set(ids[0]) & set(ids[1])  # the same glyph in two figures: two ids
    for markup in (first, second):
        own = set(re.findall(r'\bid="([^"]+)"', markup))
        pointed = set(re.findall(r'(?:href="#|url\(#)([^")]+)', markup))
        assert pointed <= own  # every reference resolves inside its own figure
    assert svg_markup(new_forest(rows, LIGHT), "Figure 1. α", "forest") == first
