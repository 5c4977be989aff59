"""`stancecoder server`: a team server set up from the command line, in real processes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

pytestmark = pytest.mark.postgres


def test_init_add_coder_and_check_set_up_a_team_server(
    stancecoder_cli: Callable[..., Any], scratch_server: Any, tmp_path: Path
) -> None:
    url = scratch_server.database()
    login = scratch_server.role("cleo")
    password = f"Pa55 {scratch_server.suffix}"
    secret = tmp_path / "password.txt"
    secret.write_text(f"{password}\nignored second line\n", encoding="utf-8")

    before = stancecoder_cli("server", "check", url)
    assert before.returncode == 1
    assert "holds no project" in before.stdout and "missing  role " in before.stdout

    empty = stancecoder_cli("info", url)
    assert empty.returncode == 1
    assert f"stancecoder server init {url}" in empty.stderr and empty.stderr.count("\n") == 1

    made = stancecoder_cli("server", "init", url, "--name", "Team study")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("created the project")

    added = stancecoder_cli(
        "server", "add-coder", url, "Cleo", "--login", login, "--password-file", secret
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout == f"Cleo (coder) codes as login {login}: created, its password set\n"

    again = stancecoder_cli("server", "add-coder", url, "Cleo", "--login", login, "--role", "lead")
    assert again.returncode == 0, again.stderr
    assert "(lead)" in again.stdout and "adopted, its password unchanged" in again.stdout

    after = stancecoder_cli("server", "check", url)
    assert after.returncode == 0, after.stdout
    assert "missing" not in after.stdout
    assert f"ok       login {login} for coder Cleo in" in after.stdout
    assert after.stdout.endswith("the team server is set up\n")

    as_cleo = stancecoder_cli("coders", "list", scratch_server.as_role(url, login))
    assert as_cleo.returncode == 0, as_cleo.stderr
    assert "Cleo" in as_cleo.stdout

    for run in (before, empty, made, added, again, after, as_cleo):
        assert password not in run.stdout + run.stderr


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["server", "init", "{tmp}/study.stance"], "takes a PostgreSQL URL"),
        (
            ["server", "add-coder", "{url}", "Ann", "--login", "ann", "--password-file", "nope"],
            "cannot read the password file nope",
        ),
        (["server", "add-coder", "{url}", "Ann", "--login", "ann"], "is empty"),
    ],
)
def test_server_commands_refuse_in_one_line(
    stancecoder_cli: Callable[..., Any],
    scratch_server: Any,
    tmp_path: Path,
    arguments: list[str],
    expected: str,
) -> None:
    url = scratch_server.database()
    result = stancecoder_cli(*(a.format(url=url, tmp=tmp_path) for a in arguments))
    assert result.returncode == 1
    assert expected in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert not (tmp_path / "study.stance").exists()


def test_a_coder_connects_through_a_libpq_service_file(
    stancecoder_cli: Callable[..., Any], scratch_server: Any, tmp_path: Path
) -> None:
    url = scratch_server.database()
    login = scratch_server.role("dora")
    assert stancecoder_cli("server", "init", url).returncode == 0
    assert stancecoder_cli("server", "add-coder", url, "Dora", "--login", login).returncode == 0
    parsed = make_url(url)
    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[study]\nhost={parsed.host}\nport={parsed.port}\ndbname={parsed.database}\n"
        f"user={login}\n",
        encoding="utf-8",
    )
    env = {"PGSERVICEFILE": str(services)}
    listed = stancecoder_cli("coders", "list", "postgresql:///?service=study", env=env)
    assert listed.returncode == 0, listed.stderr
    assert "Dora" in listed.stdout
    added = stancecoder_cli("coders", "add", "postgresql:///?service=study", "Eve", env=env)
    assert added.returncode == 1
    assert "the server does not let this login make that change" in added.stderr
