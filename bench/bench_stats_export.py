"""Every passage for SPSS, Stata and R, against pyreadstat writing the same table as the
peer.

The product path is `services.stats_export.export_stats` of each coder separately (the
largest layer) to a new file: a row per passage as .sav, .dta and a CSV with its codebook,
and a row per article and coder as .sav. The peer is `pyreadstat.write_sav` of the
passage file's rows, read back from a first export and not timed: what the export adds
to it is reading the codings, arranging the columns and fitting names and labels.
"""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

import pyreadstat
from measure import Figure, measured

from stancecoder.core.layer import Layer
from stancecoder.services.project import Project
from stancecoder.services.stats_export import export_stats


def stats_figures(project: Project, passages: int, runs: int) -> list[Figure]:
    figures = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        export_stats(project, folder / "first.sav", "passages", Layer.each_coder())
        frame, _ = pyreadstat.read_sav(folder / "first.sav")
        peer = measured(
            Figure("bare pyreadstat.write_sav, same rows", "s"),
            partial(pyreadstat.write_sav, frame, folder / "peer.sav"),
            runs,
        )
        for suffix, shape, what in (
            (".sav", "passages", f"SPSS file of {passages:,} passages"),
            (".dta", "passages", "the same for Stata"),
            (".csv", "passages", "the same as CSV for R with its codebook"),
            (".sav", "articles", "SPSS file, a row per article and coder"),
        ):
            figure = Figure(what, "s")
            figure.peer = peer
            target = folder / f"{shape}{suffix}"
            measured(figure, partial(export_stats, project, target, shape, Layer.each_coder()),
                     runs)  # fmt: skip
            figures.append(figure)
    return [*figures, peer]
