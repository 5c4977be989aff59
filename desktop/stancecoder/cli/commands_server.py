"""`stancecoder server init|add-coder|check`: a team server whose database enforces who may
change what. A password is read from a file or typed at a prompt, never given as an argument,
where other users' process lists and the shell's history would show it."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from stancecoder.cli.parsing import add_command
from stancecoder.core.errors import ValidationError
from stancecoder.core.wording import counted

URL_HELP = "the project's database, postgresql://admin@host/database (the administrator's role)"


def add_server_parser(commands: argparse._SubParsersAction) -> None:
    text = "set up a team server: roles, logins and row-level security (see db/README.md)"
    server = add_command(commands, "server", text)
    actions = server.add_subparsers(dest="action", metavar="ACTION", required=True)

    text = (
        "create a project in an empty database (or take one made by init) with a group role "
        "for leads and one for coders, and the policies that keep each coder to their own work"
    )
    init = add_command(actions, "init", text, init_)
    init.add_argument("url", metavar="URL", help=URL_HELP)
    init.add_argument("--name", help="project name shown in the window and exports")
    init.add_argument("--codebook", type=Path, help="codebook file (.yaml or .json)")

    text = "give a coder (created if new) a login of their own on the server"
    add = add_command(actions, "add-coder", text, add_coder_)
    add.add_argument("url", metavar="URL", help=URL_HELP)
    add.add_argument("name", help="the coder's name, as the window shows it")
    add.add_argument("--login", required=True, help="the server role the coder logs in as")
    add.add_argument("--role", choices=["coder", "lead"], default="coder")
    add.add_argument(
        "--password-file",
        type=Path,
        metavar="FILE",
        help="set the login's password from the first line of FILE (else asked when typing "
        "at a terminal, or left as it is)",
    )

    text = "say which roles, grants and policies are in place and what is missing"
    check = add_command(actions, "check", text, check_)
    check.add_argument("url", metavar="URL", help=URL_HELP)


def init_(args: argparse.Namespace) -> int:
    from stancecoder.services.team_server import init_server

    setup = init_server(args.url, args.codebook, args.name)
    done = "created the project" if setup.created else "secured the existing project"
    print(f"{done} {setup.location}: leads {setup.groups.leads}, coders {setup.groups.coders}")
    return 0


def add_coder_(args: argparse.Namespace) -> int:
    from stancecoder.services.team_server import add_server_coder

    password = _password(args.password_file)
    login = add_server_coder(args.url, args.name, args.login, args.role, password)
    role = "created" if login.created else "adopted"
    said = "its password set" if login.password else "its password unchanged"
    print(f"{login.coder} ({login.role}) codes as login {login.login}: {role}, {said}")
    return 0


def _password(path: Path | None) -> str | None:
    """The first line of `path`, or typed twice at a terminal; None when neither is there."""
    if path is not None:
        try:
            first = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError(f"cannot read the password file {path}: {exc}") from exc
        if not first or not first[0]:
            raise ValidationError(f"the password file {path} has no password on its first line")
        return first[0]
    if not sys.stdin.isatty():
        return None
    typed = getpass.getpass("Password for the login (empty: leave as it is): ")
    if not typed:
        return None
    if getpass.getpass("The same password again: ") != typed:
        raise ValidationError("the two passwords differ; nothing was changed")
    return typed


def check_(args: argparse.Namespace) -> int:
    from stancecoder.services.team_server import check_server

    report = check_server(args.url)
    if not report.project:
        print(f"{report.location} holds no project: stancecoder server init URL creates one")
    for finding in report.findings:
        print(f"{'ok' if finding.present else 'missing':<8} {finding.what}")
    if report.missing:
        print(
            f"{counted(len(report.missing), 'thing')} missing: stancecoder server init URL "
            "puts back roles, grants and policies; server add-coder a login"
        )
        return 1
    print("the team server is set up")
    return 0
