"""A Neo4j Community server that tradegraph installs from Maven Central and runs on loopback.

Everything lives under one home directory (``$TRADEGRAPH_NEO4J_HOME``, default
``~/.tradegraph/neo4j``): ``lib/`` (jars), ``conf/neo4j.conf``, ``data/``, ``logs/``,
``neo4j.pid`` and ``password`` (mode 0600; never printed or logged).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tradegraph.graph.errors import StoreError, StoreUnavailableError
from tradegraph.graph.redact import split_uri
from tradegraph.neo4j_server import settings

POM = Path(__file__).with_name("pom.xml")
PID_FILE = "neo4j.pid"
PASSWORD_FILE = "password"
LOG_FILE = "logs/console.log"
START_TIMEOUT = 240.0  # the first start creates the system and neo4j databases (~30 s on 2 cores)
STOP_TIMEOUT = 60.0


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    uri: str
    version: str | None
    pid: int | None
    home: Path
    browser: str | None = None  # Neo4j Browser's address when the HTTP connector is on

    def describe(self) -> str:
        state = f"running (pid {self.pid})" if self.running else "stopped"
        browser = f"; Neo4j Browser at {self.browser}" if self.running and self.browser else ""
        return f"Neo4j {self.version or '(not installed)'} {state} at {self.uri}{browser}; home {self.home}"


def default_uri() -> str:
    """The Bolt URI of the managed server (``bolt://127.0.0.1:$TRADEGRAPH_NEO4J_PORT``)."""
    return settings.bolt_uri()


def credentials_for(uri: str) -> tuple[str, str]:
    """``(user, password)`` for ``uri``; the password is ``""`` when none is known.

    User and password written in the URI win; then the managed server's password when ``uri``
    is the managed server's; then ``$NEO4J_USER`` / ``$NEO4J_PASSWORD``.
    """
    public, user, password = split_uri(uri)
    if user is not None:
        return user, password or ""
    password_file = settings.home() / PASSWORD_FILE
    if _is_managed(urlsplit(public)) and password_file.exists():
        return settings.USER, password_file.read_text(encoding="utf-8").strip()
    return os.environ.get("NEO4J_USER") or settings.USER, os.environ.get("NEO4J_PASSWORD", "")


def public_uri(uri: str) -> str:
    """``uri`` without any user or password in it, fit for messages (a password may hold
    ``#``, ``?``, ``/`` or ``@``: see ``tradegraph.graph.redact``)."""
    return split_uri(uri)[0]


def _is_managed(parts) -> bool:  # type: ignore[no-untyped-def]
    try:
        port = parts.port or settings.DEFAULT_PORT
    except ValueError:
        return False
    return parts.hostname in {settings.HOST, "localhost"} and port == settings.port()


# -- install ---------------------------------------------------------------------------------


def installed_version(base: Path | None = None) -> str | None:
    lib = (base or settings.home()) / "lib"
    jars = (f"neo4j-{settings.NEO4J_VERSION}.jar", f"neo4j-browser-{settings.BROWSER_VERSION}.jar")
    return settings.NEO4J_VERSION if all((lib / jar).exists() for jar in jars) else None


def install() -> Path:
    """Fetch the server jars with Maven into ``<home>/lib``; does nothing when they are there."""
    base = settings.home()
    if installed_version(base):
        return base
    for tool, package in (("java", "openjdk-17-jre-headless"), ("mvn", "maven")):
        if shutil.which(tool) is None:
            raise StoreError(
                f"cannot install Neo4j: `{tool}` is not on PATH; install it (apt-get install {package})",
                code="TG330",
            )
    base.mkdir(mode=0o700, parents=True, exist_ok=True)  # data and password are for this user only
    lib = base / "lib"
    staging = base / "lib.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    cmd = ["mvn", "-q", "-B", "-f", str(POM), "dependency:copy-dependencies", f"-DoutputDirectory={staging}"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise StoreError(
            f"cannot install Neo4j: Maven failed ({' '.join(cmd)}):\n{tail}\n"
            "check that Maven Central is reachable and retry",
            code="TG331",
        )
    shutil.rmtree(lib, ignore_errors=True)
    staging.rename(lib)  # a cut-short download never looks installed
    return base


# -- start / stop / status ---------------------------------------------------------------------


def start(http: bool = False) -> ServerStatus:
    """Start the server in the background and wait until it answers on Bolt.

    Installs it first when needed; sets the generated password before the very first start.
    Returns at once when our server is already running. ``http`` also opens the HTTP connector
    on loopback (``settings.http_port()``) for Neo4j Browser, with authentication on.
    """
    base = install()
    current = status()
    if current.running:
        return current
    bolt_port = settings.port()
    if _port_taken(bolt_port):
        raise StoreUnavailableError(
            f"port {bolt_port} on {settings.HOST} is taken by another program; "
            f"stop it or set {settings.PORT_ENV} to a free port",
            code="TG332",
        )
    web_port = settings.http_port() if http else None
    if web_port and _port_taken(web_port):
        raise StoreUnavailableError(
            f"HTTP port {web_port} on {settings.HOST} is taken by another program; "
            f"stop it or set {settings.HTTP_PORT_ENV} to a free port",
            code="TG332",
        )
    for sub in ("conf", "logs", "data", "run"):
        (base / sub).mkdir(exist_ok=True)
    (base / "conf" / "neo4j.conf").write_text(settings.neo4j_conf(bolt_port, web_port), encoding="utf-8")
    _ensure_password(base)
    log = open(base / LOG_FILE, "ab")
    try:
        process = subprocess.Popen(
            settings.java_command(base),
            cwd=base,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        log.close()
    (base / PID_FILE).write_text(str(process.pid), encoding="utf-8")
    _await_ready(process, base)
    deadline = time.monotonic() + START_TIMEOUT
    while web_port and not _port_taken(web_port) and time.monotonic() < deadline:
        time.sleep(0.2)  # the HTTP connector can open a moment after Bolt
    return status()


def stop() -> bool:
    """Stop the server that ``start`` started; True when one was running."""
    base = settings.home()
    pid = _our_pid(base)
    if pid is None:
        (base / PID_FILE).unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)  # Neo4j shuts down cleanly on TERM
    deadline = time.monotonic() + STOP_TIMEOUT
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
    (base / PID_FILE).unlink(missing_ok=True)
    return True


def status() -> ServerStatus:
    """Whether our server runs, its URI and the installed version."""
    base = settings.home()
    pid = _our_pid(base)
    return ServerStatus(
        running=pid is not None,
        uri=default_uri(),
        version=installed_version(base),
        pid=pid,
        home=base,
        browser=_browser_address(base),
    )


def _browser_address(base: Path) -> str | None:
    """Neo4j Browser's address if the server's neo4j.conf opens the HTTP connector."""
    try:
        conf = (base / "conf" / "neo4j.conf").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    values = dict(line.split("=", 1) for line in conf if "=" in line and not line.startswith("#"))
    if values.get("server.http.enabled") != "true":
        return None
    return f"http://{values.get('server.http.listen_address', '')}/browser/"


def _our_pid(base: Path) -> int | None:
    """The pid in the pid file if that process is alive and is our Neo4j java, else None."""
    try:
        pid = int((base / PID_FILE).read_text(encoding="utf-8").strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except (OSError, ValueError):
        return None
    ours = settings.ENTRY_POINT.encode() in cmdline and f"--home-dir={base}".encode() in cmdline
    return pid if ours and _alive(pid) else None


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)  # reap it if it is our exited child
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return not Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")


def _port_taken(bolt_port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((settings.HOST, bolt_port)) == 0


def _ensure_password(base: Path) -> None:
    """Generate the password and hand it to Neo4j before the first start of a fresh data dir."""
    password_file = base / PASSWORD_FILE
    if not password_file.exists():
        alphabet = string.ascii_letters + string.digits
        password = "".join(secrets.choice(alphabet) for _ in range(32))
        fd = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(password)
    if (base / "data" / "databases" / "system").exists():
        return  # the system database already holds the password set at its creation
    # `@file` makes the admin tool read the password from the file, so it never appears in `ps`.
    cmd = [
        "java",
        "-cp",
        str(base / "lib" / "*"),
        settings.ADMIN_TOOL,
        "dbms",
        "set-initial-password",
        f"@{password_file}",
    ]
    env = {**os.environ, "NEO4J_HOME": str(base), "NEO4J_CONF": str(base / "conf")}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=base)
    if done.returncode != 0:
        secret = password_file.read_text(encoding="utf-8").strip()
        output = (done.stdout + done.stderr).replace(secret, "***")[-2000:]
        raise StoreError(f"cannot set the Neo4j password: {output.strip()}", code="TG333")


def _await_ready(process: subprocess.Popen[bytes], base: Path) -> None:
    """Poll Bolt until the server answers; fail early when the java process exits."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, DriverError, Neo4jError

    uri = default_uri()
    deadline = time.monotonic() + START_TIMEOUT
    delay = 0.2
    while True:
        if process.poll() is not None:
            (base / PID_FILE).unlink(missing_ok=True)
            raise StoreUnavailableError(
                f"Neo4j exited with code {process.returncode} while starting; see {base / LOG_FILE}",
                code="TG334",
            )
        try:
            with GraphDatabase.driver(uri, auth=credentials_for(uri)) as driver:
                driver.verify_connectivity()
            return
        except AuthError as err:
            raise StoreUnavailableError(
                f"Neo4j at {uri} rejects the password in {base / PASSWORD_FILE}; the data directory "
                f"was created with another one: stop the server and remove {base / 'data'} to start "
                "afresh",
                code="TG335",
            ) from err
        except (DriverError, Neo4jError, OSError):
            pass
        if time.monotonic() > deadline:
            raise StoreUnavailableError(
                f"Neo4j did not answer at {uri} within {START_TIMEOUT:.0f} s; "
                f"see {base / LOG_FILE}, then `tradegraph neo4j stop`",
                code="TG336",
            )
        time.sleep(delay)
        delay = min(delay * 1.5, 2.0)


def server_version(uri: str | None = None) -> str | None:
    """What the running server says it is (``Neo4j/5.26.30``), or None when it does not answer."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError

    uri = uri or default_uri()
    try:
        with GraphDatabase.driver(uri, auth=credentials_for(uri)) as driver:
            return driver.get_server_info().agent
    except (DriverError, Neo4jError, OSError):
        return None
