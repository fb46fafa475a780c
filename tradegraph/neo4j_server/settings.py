"""Where the managed Neo4j lives and how it is configured: paths, port, neo4j.conf, the java command.

Every default of the managed server is here, once.
"""

from __future__ import annotations

import os
from pathlib import Path

NEO4J_VERSION = "5.26.30"  # keep in step with pom.xml
BROWSER_VERSION = "5.24.0"  # neo4j-browser in pom.xml: the newest on Maven Central
HOME_ENV = "TRADEGRAPH_NEO4J_HOME"
PORT_ENV = "TRADEGRAPH_NEO4J_PORT"
HTTP_PORT_ENV = "TRADEGRAPH_NEO4J_HTTP_PORT"
# Neo4j's own defaults are 7687 (Bolt) and 7474 (HTTP): the HTTP port follows the Bolt port.
HTTP_PORT_OFFSET = 7687 - 7474
DEFAULT_HOME = Path("~/.tradegraph/neo4j")
DEFAULT_PORT = 7687
HOST = "127.0.0.1"
USER = "neo4j"
HEAP = "1g"
PAGE_CACHE = "512m"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
# What Neo4j's own launcher (the bootloader's default neo4j.conf) adds to the JVM; without the
# add-opens the page cache falls back to a slower mode and Netty logs reflective-access warnings.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)


def home() -> Path:
    """The one directory holding the jars, config, data, logs, pid and password."""
    return Path(os.environ.get(HOME_ENV) or DEFAULT_HOME).expanduser().resolve()


def port() -> int:
    value = os.environ.get(PORT_ENV) or str(DEFAULT_PORT)
    if not value.isdigit() or not 0 < int(value) < 65536:
        from tradegraph.graph.errors import InputError

        raise InputError(
            f"{PORT_ENV}={value!r} is not a TCP port; set it to a number such as 7687", code="TG151"
        )
    return int(value)


def http_port() -> int:
    """The HTTP port for Neo4j Browser: ``$TRADEGRAPH_NEO4J_HTTP_PORT``, else the Bolt port - 213."""
    value = os.environ.get(HTTP_PORT_ENV) or str(port() - HTTP_PORT_OFFSET)
    if not value.isdigit() or not 0 < int(value) < 65536:
        from tradegraph.graph.errors import InputError

        raise InputError(
            f"{HTTP_PORT_ENV}={value!r} is not a TCP port; set it to a number such as 7474", code="TG151"
        )
    return int(value)


def bolt_uri() -> str:
    return f"bolt://{HOST}:{port()}"


def neo4j_conf(bolt_port: int, http_port: int | None = None) -> str:
    """The server's neo4j.conf: loopback only, Bolt on ``bolt_port``, small memory, authentication on.

    HTTP (Neo4j Browser and the HTTP API) only when ``http_port`` is given, on loopback too.
    """
    http = [
        f"server.http.enabled={'true' if http_port else 'false'}",
        *([f"server.http.listen_address={HOST}:{http_port}"] if http_port else []),
    ]
    lines = [
        "# Written by `tradegraph neo4j start`; edits are overwritten.",
        f"server.default_listen_address={HOST}",
        f"server.default_advertised_address={HOST}",
        "server.bolt.enabled=true",
        f"server.bolt.listen_address={HOST}:{bolt_port}",
        *http,
        "server.https.enabled=false",
        f"server.memory.heap.initial_size={HEAP}",
        f"server.memory.heap.max_size={HEAP}",
        f"server.memory.pagecache.size={PAGE_CACHE}",
        "dbms.security.auth_enabled=true",
        "dbms.usage_report.enabled=false",
        # LOAD CSV reads from <home>/import (relative to the home directory) and nowhere else.
        "server.directories.import=import",
        # Logs and transaction logs stay small: this is a development and test server.
        "db.tx_log.rotation.retention_policy=2 files",
        "server.logs.gc.enabled=false",
    ]
    return "\n".join(lines) + "\n"


def java_command(base: Path) -> list[str]:
    """The java command line that runs the server in the foreground (we background it ourselves)."""
    return [
        "java",
        f"-Xms{HEAP}",
        f"-Xmx{HEAP}",
        *JVM_FLAGS,
        "-cp",
        str(base / "lib" / "*"),
        ENTRY_POINT,
        f"--home-dir={base}",
        f"--config-dir={base / 'conf'}",
        "--console-mode",
    ]
