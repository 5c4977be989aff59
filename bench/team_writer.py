"""One coder of the team figure, in a process of its own: adds passages to the project at a
steady pace for a while, as that coder's window would, and reports each coding's latency.

    python bench/team_writer.py TARGET CODER SECONDS PACE ARTICLE_ID...

Prints one JSON object: the uids added, the latencies in ms, and every refusal's message.
"""

from __future__ import annotations

import json
import sys
import time

from stancecoder.core.actor import Actor
from stancecoder.core.errors import StanceCoderError
from stancecoder.services.commands import CreatePassage
from stancecoder.services.project import open_project


def main(target: str, coder: str, seconds: float, pace: float, articles: list[int]) -> None:
    uids: list[str] = []
    latencies: list[float] = []
    refused: list[str] = []
    with open_project(target) as project:
        project.actor = Actor(coder)
        deadline = time.monotonic() + seconds
        n = 0
        while time.monotonic() < deadline:
            command = CreatePassage(articles[n % len(articles)], coder, n % 50, n % 50 + 5)
            began = time.perf_counter()
            try:
                command.apply(project)
            except StanceCoderError as exc:
                refused.append(str(exc))
            else:
                uids.append(str(command.uid))
            took = time.perf_counter() - began
            latencies.append(took * 1000)
            n += 1
            time.sleep(max(0.0, pace - took))
    print(json.dumps({"uids": uids, "latencies": latencies, "refused": refused}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]),
         [int(a) for a in sys.argv[5:]])  # fmt: skip
