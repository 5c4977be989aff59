"""How each subcommand is declared: one text both in the list of commands and at the head
of its own --help, and the function that runs it."""

from __future__ import annotations

import argparse
from collections.abc import Callable

Handler = Callable[[argparse.Namespace], int]


def add_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    text: str,
    handler: Handler | None = None,
) -> argparse.ArgumentParser:
    """A subcommand of `commands`; without a handler, one that only groups actions."""
    sub = commands.add_parser(name, help=text, description=text)
    if handler is not None:
        sub.set_defaults(handler=handler)
    return sub
