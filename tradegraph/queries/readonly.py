"""Read-only Cypher for ``tradegraph cypher``: an allow-list checked before a query reaches the
server, then a READ transaction with a timeout whose rows stop at a limit.

The server's READ access mode already refuses writes; the allow-list also refuses what a read
transaction may still do: fetch URLs (``LOAD CSV``), administer the server (``SHOW``,
``TERMINATE TRANSACTIONS``, users, databases) and call procedures or functions beyond the
read-only ones listed here.

    >>> check_read_only("MATCH (a:Actor {name: 'LOAD CSV'}) RETURN a.set LIMIT 5")
    >>> check_read_only("LOAD CSV FROM 'http://x' AS row RETURN row")
    Traceback (most recent call last):
    ...
    tradegraph.graph.errors.UnsupportedError: [TG441] 'tradegraph cypher' only reads: LOAD is not allowed (it loads, writes or administers); change the graph with 'tradegraph ingest'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tradegraph.graph.errors import InputError, StoreError, StoreUnavailableError, UnsupportedError

MAX_QUERY_CHARS = 20_000
DEFAULT_LIMIT = 1_000  # rows printed unless --limit says otherwise
DEFAULT_TIMEOUT = 30.0  # seconds the server may spend on one query
FETCH_SIZE = 500  # rows the server sends at a time

# Clauses and commands a read-only query never needs: writes, LOAD CSV, administration.
FORBIDDEN = frozenset(
    {
        "ALTER", "CREATE", "DEALLOCATE", "DELETE", "DENY", "DETACH", "DROP", "ENABLE", "FOREACH",
        "GRANT", "INSERT", "LOAD", "MERGE", "REALLOCATE", "REMOVE", "RENAME", "REVOKE", "SET",
        "SHOW", "START", "STOP", "TERMINATE", "TRANSACTIONS", "USE",
    }
)  # fmt: skip
PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
    }
)
FUNCTION_NAMESPACES = frozenset(
    {"date", "datetime", "localdatetime", "localtime", "time", "duration", "point", "vector"}
)

_TOKEN = re.compile(
    r"""(?P<space>\s++)
    |(?P<comment>//[^\n]*+|/\*(?:[^*]|\*(?!/))*+(?:\*/)?)
    |(?P<string>'(?:[^'\\]|\\.)*+'?|"(?:[^"\\]|\\.)*+"?)
    |(?P<name>[A-Za-z_][A-Za-z0-9_]*+|`(?:[^`]|``)*+`?)
    |(?P<param>\$(?:[A-Za-z0-9_]++|`(?:[^`]|``)*+`?))
    |(?P<other>.)""",
    re.S | re.X,
)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "name" (keywords and identifiers), "param", "string" or "other"
    text: str

    @property
    def word(self) -> str:
        """Keywords and identifiers upper-cased; a quoted identifier is never a keyword."""
        return self.text.upper() if self.kind == "name" and not self.text.startswith("`") else ""


def tokens(query: str) -> list[Token]:
    """The significant tokens of ``query``: no spaces or comments (linear in its length)."""
    return [
        Token(m.lastgroup or "other", m.group())
        for m in _TOKEN.finditer(query)
        if m.lastgroup not in ("space", "comment")
    ]


def check_read_only(query: str) -> None:
    """Refuse a query that could write, load, administer or call beyond the allow-list.

    Raises:
        InputError: TG165 when the query is empty or longer than ``MAX_QUERY_CHARS``.
        UnsupportedError: TG441 for a clause or command that writes, loads or administers;
            TG444 for a procedure or function outside the read-only allow-list.
    """
    if not query.strip() or len(query) > MAX_QUERY_CHARS:
        raise InputError(f"give one Cypher query of 1 to {MAX_QUERY_CHARS:,} characters", code="TG165")
    found = tokens(query)
    for i, token in enumerate(found):
        if token.kind != "name" or _is_member(found, i):
            continue
        after = found[i + 1].text if i + 1 < len(found) else ""
        if after == "." and _is_call(found, i):
            if i == 0 or found[i - 1].word != "CALL":
                _check_function(_dotted(found, i))
        elif token.word in FORBIDDEN and after not in _AFTER_VARIABLES:
            raise UnsupportedError(
                f"'tradegraph cypher' only reads: {token.word} is not allowed (it loads, writes or "
                "administers); change the graph with 'tradegraph ingest'",
                code="TG441",
            )
        elif token.word == "CALL" and after not in ("{", "("):
            _check_procedure(_dotted(found, i + 1))


# Tokens that never directly follow a clause keyword: a word before them is a variable
# ("(start)-->", "start.name", "{load: 1}"), not the START or LOAD clause.
_AFTER_VARIABLES = frozenset(
    {")", "]", ",", ".", ":", "{", "}", "=", "<", ">", "-", "+", "*", "/", "%", "^", "|"}
)
_BEFORE_MEMBERS = frozenset(")]}{,")


def _is_member(found: list[Token], i: int) -> bool:
    """Whether the word at ``i`` is a label or type (``:Create``) or a later part of a dotted
    name: a property (``n.set``, ``{.load}``) or part of a procedure or function name."""
    if i == 0:
        return False
    before = found[i - 1].text
    if before == ":":
        return True
    if before == "." and i >= 2:
        owner = found[i - 2]
        return owner.kind in ("name", "param") or owner.text in _BEFORE_MEMBERS
    return False


def _dotted(found: list[Token], start: int) -> str:
    """The dotted name starting at ``found[start]`` (``db.schema.visualization``), lower-cased."""
    parts = []
    i = start
    while i < len(found) and found[i].kind == "name":
        parts.append(found[i].text.strip("`").lower())
        if i + 1 < len(found) and found[i + 1].text == ".":
            i += 2
        else:
            break
    return ".".join(parts)


def _is_call(found: list[Token], start: int) -> bool:
    i = start
    while i + 2 < len(found) and found[i + 1].text == "." and found[i + 2].kind == "name":
        i += 2
    return i + 1 < len(found) and found[i + 1].text == "("


def _check_procedure(name: str) -> None:
    if name not in PROCEDURES:
        raise UnsupportedError(
            f"'tradegraph cypher' calls only the read-only procedures {', '.join(sorted(PROCEDURES))}; "
            f"not {name or 'this CALL'}",
            code="TG444",
        )


def _check_function(name: str) -> None:
    if name.split(".", 1)[0] not in FUNCTION_NAMESPACES:
        raise UnsupportedError(
            f"'tradegraph cypher' calls only built-in functions (and {', '.join(sorted(FUNCTION_NAMESPACES))}"
            f".*); not {name}()",
            code="TG444",
        )


@dataclass(slots=True)
class Rows:
    """The keys and at most ``limit`` rows of a query; ``more`` when the server had more."""

    keys: list[str]
    rows: list[list[Any]]
    more: bool = False


def run_read_only(
    driver: Any,
    query: str,
    *,
    database: str | None = None,
    limit: int = DEFAULT_LIMIT,
    timeout: float = DEFAULT_TIMEOUT,
    shown_uri: str = "Neo4j",
) -> Rows:
    """Check ``query``, run it in a READ transaction with ``timeout`` and keep ``limit`` rows.

    The server streams rows ``FETCH_SIZE`` at a time; once ``limit`` rows are in, the
    transaction is rolled back and the rest is never sent, so memory stays bounded.

    Raises:
        InputError: TG165 when the server rejects the Cypher.
        UnsupportedError: TG441/TG444 (see ``check_read_only``), TG441 when the server refuses
            a write.
        StoreError: TG325 when the query runs out of time or server memory; TG321 for any other
            server error.
        StoreUnavailableError: TG301 when the server cannot be reached or goes away.
    """
    check_read_only(query)
    return _run(driver, query, database=database, limit=limit, timeout=timeout, shown_uri=shown_uri)


def _run(
    driver: Any, query: str, *, database: str | None, limit: int, timeout: float, shown_uri: str
) -> Rows:
    """The server side of ``run_read_only``: READ access mode, timeout, rows up to ``limit``."""
    import neo4j

    with _translated(shown_uri):
        with driver.session(
            database=database, default_access_mode=neo4j.READ_ACCESS, fetch_size=FETCH_SIZE
        ) as session:
            with session.begin_transaction(timeout=timeout) as tx:
                result = tx.run(query)
                out = Rows(list(result.keys()), [])
                for record in result:
                    if len(out.rows) == limit:
                        out.more = True
                        break
                    out.rows.append([plain(v) for v in record.values()])
                tx.rollback()
                return out


class _translated:
    """Driver and server errors as coded errors; never a traceback for an outage or a limit."""

    def __init__(self, shown_uri: str) -> None:
        self.uri = shown_uri

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: object) -> None:
        if err is None or not isinstance(err, Exception):
            return
        raise _translate(err, self.uri) from err


def _translate(err: Exception, uri: str) -> Exception:
    from neo4j.exceptions import ClientError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

    if isinstance(err, (ServiceUnavailable, SessionExpired, OSError)):
        return StoreUnavailableError(
            f"cannot reach Neo4j at {uri} ({type(err).__name__}): is it running? "
            "try `tradegraph neo4j start`, then run the query again",
            code="TG301",
        )
    if isinstance(err, Neo4jError):
        code, message = err.code or "", err.message or str(err)
        if (
            "MemoryPool" in code
            or "OutOfMemory" in code
            or "TransactionTimedOut" in code
            or "Terminated" in code
        ):
            return StoreError(
                f"the query ran out of server time or memory ({code}); add a LIMIT or narrow the "
                "MATCH, or raise --timeout",
                code="TG325",
            )
        if isinstance(err, ClientError):
            if "AccessMode" in code or "write" in message.lower():
                return UnsupportedError(
                    f"'tradegraph cypher' only reads; the query tries to write ({message}); "
                    "change the graph with 'tradegraph ingest'",
                    code="TG441",
                )
            return InputError(f"Neo4j rejected the query: {message}", code="TG165")
        return StoreError(f"Neo4j at {uri} failed to run the query: {code}: {message}", code="TG321")
    if isinstance(err, DriverError):
        return StoreUnavailableError(f"the Neo4j driver failed at {uri}: {err}", code="TG301")
    return err


def plain(value: Any) -> Any:
    """Nodes, relationships, paths and temporal values as readable JSON-able values."""
    import neo4j.graph

    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
