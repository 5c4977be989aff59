"""The retrieval's filters as options, shared by the commands that read passages across
the corpus (`passages`, `chart`, `network`), so all spell them alike."""

from __future__ import annotations

import argparse

from stancecoder.core.errors import ValidationError
from stancecoder.core.status import Status
from stancecoder.services.retrieval import RetrievalFilter


def add_filter_options(sub: argparse.ArgumentParser) -> None:
    """Every filter but the coder, which each command gives its own meaning."""
    sub.add_argument(
        "--code",
        action="append",
        default=[],
        metavar="VARIABLE=CODE",
        help="coded so, e.g. actor='Russia › Vladimir Putin' (repeatable; codes of one "
        "variable are alternatives)",
    )
    sub.add_argument("--stance-min", type=float, metavar="N", help="stance at least N")
    sub.add_argument("--stance-max", type=float, metavar="N", help="stance at most N")
    sub.add_argument("--source", action="append", default=[], help="from this source")
    sub.add_argument("--since", "--from", dest="since", metavar="DATE",
                     help="published on or after, e.g. 2024-03")  # fmt: skip
    sub.add_argument("--until", "--to", dest="until", metavar="DATE",
                     help="published on or before, e.g. 2024-06-30")  # fmt: skip
    sub.add_argument(
        "--status", choices=[s.value for s in Status], help="the coder's status on the article"
    )
    sub.add_argument("--words", default="", help="words that all occur in the passage")


def filters_of(args: argparse.Namespace, coders: list[str] | None = None) -> RetrievalFilter:
    return RetrievalFilter(
        coders=coders or [], codes=_codes(args.code), stance_min=args.stance_min,
        stance_max=args.stance_max, sources=args.source, date_from=args.since,
        date_to=args.until, status=args.status, words=args.words,
    )  # fmt: skip


def _codes(given: list[str]) -> dict[str, list[str]]:
    codes: dict[str, list[str]] = {}
    for item in given:
        name, sign, code = item.partition("=")
        if not sign or not name.strip() or not code.strip():
            raise ValidationError(f"--code takes VARIABLE=CODE, got {item!r}")
        codes.setdefault(name.strip(), []).append(code.strip())
    return codes
