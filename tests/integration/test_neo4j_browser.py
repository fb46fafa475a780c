"""``tradegraph neo4j start --http``: Neo4j Browser and the HTTP API on loopback, authentication on.

The live test starts a second managed server in a temporary home that reuses the installed jars
(``tradegraph neo4j install``), on free ports; it skips without an installed server and java.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tradegraph.cli import main
from tradegraph.neo4j_server import managed, settings


def _conf(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#"))


def test_neo4j_browser_http_is_off_unless_asked() -> None:
    conf = _conf(settings.neo4j_conf(7711))
    assert conf["server.http.enabled"] == "false" and "server.http.listen_address" not in conf


def test_neo4j_browser_http_listens_on_loopback_with_auth() -> None:
    conf = _conf(settings.neo4j_conf(7711, 7498))
    assert conf["server.http.enabled"] == "true"
    assert conf["server.http.listen_address"] == "127.0.0.1:7498"
    assert conf["server.https.enabled"] == "false" and conf["dbms.security.auth_enabled"] == "true"


def test_neo4j_browser_http_port_follows_the_bolt_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.PORT_ENV, "7687")
    monkeypatch.delenv(settings.HTTP_PORT_ENV, raising=False)
    assert settings.http_port() == 7474
    monkeypatch.setenv(settings.HTTP_PORT_ENV, "8123")
    assert settings.http_port() == 8123


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def http_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    installed = settings.home() / "lib"
    if not (managed.installed_version() and shutil.which("java")):
        if os.environ.get("CI"):
            pytest.fail("the managed Neo4j is not installed under CI: run 'tradegraph neo4j install'")
        pytest.skip("needs an installed managed Neo4j (tradegraph neo4j install) and java")
    home = tmp_path_factory.mktemp("neo4j-http")
    (home / "lib").symlink_to(installed)
    saved = {k: os.environ.get(k) for k in (settings.HOME_ENV, settings.PORT_ENV, settings.HTTP_PORT_ENV)}
    os.environ.update(
        {
            settings.HOME_ENV: str(home),
            settings.PORT_ENV: str(_free_port()),
            settings.HTTP_PORT_ENV: str(_free_port()),
        }
    )
    try:
        state = managed.start(http=True)
        assert state.browser is not None
        yield state.browser, (home / managed.PASSWORD_FILE).read_text(encoding="utf-8").strip()
    finally:
        managed.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _post(url: str, body: dict[str, object], password: str | None) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    if password is not None:
        token = base64.b64encode(f"neo4j:{password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, {}


@pytest.mark.neo4j
@pytest.mark.slow
def test_neo4j_browser_is_served_and_queries_need_the_password(http_server: tuple[str, str]) -> None:
    browser, password = http_server
    assert browser.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(browser, timeout=30) as response:
        assert response.status == 200 and "<title>Neo4j Browser</title>" in response.read().decode()
    api = browser.replace("/browser/", "/db/neo4j/tx/commit")
    statement = {"statements": [{"statement": "RETURN 1 AS one"}]}
    assert _post(api, statement, None)[0] == 401
    assert _post(api, statement, "wrong")[0] == 401
    status, doc = _post(api, statement, password)
    assert status == 200 and doc["results"][0]["data"][0]["row"] == [1]  # type: ignore[index]


@pytest.mark.neo4j
@pytest.mark.slow
def test_neo4j_browser_status_names_the_browser_address(
    http_server: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["neo4j", "status"]) == 0
    assert f"Neo4j Browser at {http_server[0]}" in capsys.readouterr().out


def test_neo4j_browser_jar_is_part_of_the_install() -> None:
    pom = (Path(managed.__file__).with_name("pom.xml")).read_text(encoding="utf-8")
    assert "<artifactId>neo4j-browser</artifactId>" in pom and settings.BROWSER_VERSION in pom
