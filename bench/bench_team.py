"""A team coding at once: five coders' processes adding passages to one project side by
side, against one coder alone in the same run. Each writer codes at a steady pace (a
coding every `--pace` seconds, far beyond a person's) so that their writes meet; every
coding is checked afterwards: none refused, none lost, none stored twice.

    python bench/bench_team.py [--seconds 60] [--pace 0.05] [--articles 300]
                               [--postgres URL]

`bench/run.py` measures the same on the full-size project together with everything else.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from measure import Figure, table
from postgres import PG_LABEL, wipe_benchmark_database
from synthetic import build_project

from stancecoder.db.models import Coder, Passage
from stancecoder.services.articles import list_articles
from stancecoder.services.coders import add_coder
from stancecoder.services.project import Project

WRITERS = 5
P95_RATIO_LIMIT = 3.0
WRITER = Path(__file__).with_name("team_writer.py")


def team_figures(
    project: Project, seconds: float, pace: float = 0.05, label: str = ""
) -> list[Figure]:
    """One writer alone, then five at once, each for `seconds`; the five's p95 is held
    against the one's."""
    articles = [str(row.id) for row in list_articles(project)[:200]]
    names = [f"Team writer {n}" for n in range(1, WRITERS + 1)]
    for name in ["Lone writer", *names]:
        add_coder(project, name)
    alone = Figure(f"coding, one writer alone{label}", "ms")
    alone.samples = _run(project, ["Lone writer"], seconds, pace, articles)
    together = Figure(
        f"coding, {WRITERS} writers at once{label}",
        "ms",
        peer=alone,
        peer_label="one writer alone, same run (p95)",
        p95_ratio_limit=P95_RATIO_LIMIT,
    )
    together.samples = _run(project, names, seconds, pace, articles)
    return [alone, together]


def _run(
    project: Project, coders: list[str], seconds: float, pace: float, articles: list[str]
) -> list[float]:
    """The writers' latencies, once every coding they made is found stored exactly once."""
    target = str(project.store.target)
    processes = [
        subprocess.Popen(
            [sys.executable, str(WRITER), target, coder, str(seconds), str(pace), *articles],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for coder in coders
    ]
    reports = {}
    for coder, process in zip(coders, processes, strict=True):
        out, err = process.communicate(timeout=seconds + 120)
        if process.returncode != 0:
            raise RuntimeError(f"{coder}'s process failed: {err.strip().splitlines()[-1:]}")
        reports[coder] = json.loads(out)
    refused = sum(len(report["refused"]) for report in reports.values())
    if refused:
        first = next(r["refused"][0] for r in reports.values() if r["refused"])
        raise RuntimeError(f"{refused} codings refused, the first: {first}")
    _check_stored(project, {coder: report["uids"] for coder, report in reports.items()})
    return [latency for report in reports.values() for latency in report["latencies"]]


def _check_stored(project: Project, added: dict[str, list[str]]) -> None:
    with project.reading() as session:
        stored = Counter(
            session.execute(
                Passage.__table__.select()
                .with_only_columns(Passage.uid)
                .join(Coder, Coder.id == Passage.coder_id)
                .where(Coder.name.in_(added))
            ).scalars()
        )
    wanted = Counter(uid for uids in added.values() for uid in uids)
    lost = sum((wanted - stored).values())
    extra = sum((stored - wanted).values())
    twice = sum(count - 1 for count in stored.values() if count > 1)
    if lost or extra or twice:
        raise RuntimeError(f"{lost} codings lost, {extra} unexpected, {twice} stored twice")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--pace", type=float, default=0.05)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--postgres")
    args = parser.parse_args()
    figures = []
    size = (args.articles, 3, args.articles * 10)
    with (
        tempfile.TemporaryDirectory() as scratch,
        build_project(Path(scratch) / "team.stance", *size) as project,
    ):
        figures += team_figures(project, args.seconds, args.pace)
    if args.postgres:
        wipe_benchmark_database(args.postgres)
        with build_project(args.postgres, *size) as project:
            figures += team_figures(project, args.seconds, args.pace, PG_LABEL)
    print(table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
