"""The managed Neo4j server: credentials, the password file, and stopping only our own process."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import neo4j_test_uri
from tradegraph.graph.errors import InputError
from tradegraph.neo4j_server import managed, settings


@pytest.fixture
def tmp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(settings.HOME_ENV, str(tmp_path))
    monkeypatch.setenv(settings.PORT_ENV, "7711")
    monkeypatch.delenv("NEO4J_USER", raising=False)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    return tmp_path


def test_neo4j_server_credentials_prefer_uri_then_managed_then_env(tmp_home, monkeypatch):
    (tmp_home / managed.PASSWORD_FILE).write_text("managed-pw")
    monkeypatch.setenv("NEO4J_USER", "alice")
    monkeypatch.setenv("NEO4J_PASSWORD", "env-pw")
    assert managed.credentials_for("bolt://bob:p%40ss@db.example:7687") == ("bob", "p@ss")
    assert managed.credentials_for("bolt://127.0.0.1:7711") == ("neo4j", "managed-pw")
    assert managed.credentials_for("neo4j://localhost:7711") == ("neo4j", "managed-pw")
    assert managed.credentials_for("bolt://127.0.0.1:7687") == ("alice", "env-pw")
    assert managed.credentials_for("bolt://db.example:7711") == ("alice", "env-pw")


def test_neo4j_server_public_uri_hides_password():
    assert managed.public_uri("bolt://bob:secret@db.example:7687") == "bolt://db.example:7687"
    assert managed.public_uri("bolt://127.0.0.1:7687") == "bolt://127.0.0.1:7687"


def test_neo4j_server_port_must_be_a_number(tmp_home, monkeypatch):
    monkeypatch.setenv(settings.PORT_ENV, "76x87")
    with pytest.raises(InputError, match="TG151.*TRADEGRAPH_NEO4J_PORT"):
        managed.default_uri()


def test_neo4j_server_config_listens_on_loopback_only():
    conf = dict(line.split("=", 1) for line in settings.neo4j_conf(7711).splitlines() if "=" in line)
    assert conf["server.default_listen_address"] == "127.0.0.1"
    assert conf["server.bolt.listen_address"] == "127.0.0.1:7711"
    assert conf["server.http.enabled"] == conf["server.https.enabled"] == "false"
    assert conf["dbms.security.auth_enabled"] == "true"


def test_neo4j_server_stop_leaves_a_foreign_process_alone(tmp_home):
    """A pid file naming some other process (a recycled pid) must not get it killed."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_home / managed.PID_FILE).write_text(str(other.pid))
        assert managed.status().running is False
        assert managed.stop() is False
        assert other.poll() is None
    finally:
        other.kill()
        other.wait()


def test_neo4j_server_status_when_never_installed(tmp_home, capsys):
    from tradegraph.cli import main

    assert main(["neo4j", "status"]) == 3
    out = capsys.readouterr().out
    assert "stopped" in out and "bolt://127.0.0.1:7711" in out and "not installed" in out


def managed_home_under_test() -> Path:
    """The home of the managed server the tests run against; skipped if they use another server."""
    uri = neo4j_test_uri()
    home = settings.home()
    if not (home / managed.PASSWORD_FILE).exists() or uri != managed.default_uri():
        if os.environ.get("CI"):
            pytest.fail(f"CI must test against the managed server, not {uri}")
        pytest.skip("the test server is not the managed one")
    return home


@pytest.mark.neo4j
def test_neo4j_server_password_private_and_never_printed(capsys):
    from tradegraph.cli import main

    home = managed_home_under_test()
    password_file = home / managed.PASSWORD_FILE
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    password = password_file.read_text().strip()
    assert len(password) >= 24
    assert main(["neo4j", "status"]) == 0
    assert main(["neo4j", "start"]) == 0  # already running: says so, starts nothing
    out, err = capsys.readouterr()
    assert "running" in out and password not in out + err
    for log in (home / "logs").iterdir():
        assert password not in log.read_text(errors="replace"), log
    assert password not in (home / "conf" / "neo4j.conf").read_text()


@pytest.mark.neo4j
def test_neo4j_server_listens_only_on_loopback():
    home = managed_home_under_test()
    pid = managed.status().pid
    assert pid is not None
    inodes = {
        os.readlink(f"/proc/{pid}/fd/{fd}")[8:-1]
        for fd in os.listdir(f"/proc/{pid}/fd")
        if os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:")
    }
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                listening.append(fields[1])
    assert listening, f"no listening socket found for pid {pid} ({home})"
    loopback = ("0100007F:", "0000000000000000FFFF00000100007F:", "00000000000000000000000001000000:")
    assert all(address.startswith(loopback) for address in listening), listening
