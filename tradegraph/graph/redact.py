"""Credentials out of every URI tradegraph prints (standard library only).

A Bolt URI may carry ``user:password@``, and a password may hold ``#``, ``?``, ``/`` or ``@``,
which ``urllib.parse`` reads as the start of a fragment, query or path: in a database URI the user
information is therefore everything between ``://`` and the *last* ``@``, and it never reaches a
message. Other URIs (an article's ``https://``) follow RFC 3986: the user information ends at the
first ``/``, ``?`` or ``#``, so ``https://medium.com/@user/post`` stays whole.

    >>> public_uri("bolt://neo4j:p#a?s/s@db.example:7687")
    'bolt://db.example:7687'
    >>> redact("cannot reach bolt://neo4j:p#a?s/s@db.example:7687 (refused)")
    'cannot reach bolt://db.example:7687 (refused)'
"""

from __future__ import annotations

import re
from urllib.parse import unquote

# Schemes of database URIs, whose user information may hold any character unescaped.
DATABASE_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*+://")
# A URI inside free text: a scheme at the start of a word, then everything up to a space or quote.
_URI_IN_TEXT = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*+://[^\s\"'<>`]*+")


def split_uri(uri: str) -> tuple[str, str | None, str | None]:
    """``(uri without user information, user, password)``, user and password percent-decoded.

    >>> split_uri("neo4j://reader:s%40fe@host:7687")
    ('neo4j://host:7687', 'reader', 's@fe')
    >>> split_uri("bolt://127.0.0.1:7687")
    ('bolt://127.0.0.1:7687', None, None)
    """
    scheme = _SCHEME.match(uri)
    if scheme is None:
        return uri, None, None
    rest = uri[scheme.end() :]
    if scheme.group().lower()[:-3] in DATABASE_SCHEMES:
        at = rest.rfind("@")
    else:  # web URIs: "@" after the host belongs to the path ("https://medium.com/@user")
        authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
        at = authority.rfind("@")
    if at == -1:
        return uri, None, None
    user, colon, password = rest[:at].partition(":")
    return scheme.group() + rest[at + 1 :], unquote(user), unquote(password) if colon else None


def public_uri(uri: str) -> str:
    """``uri`` without any user or password in it, fit for messages and for the driver."""
    return split_uri(uri)[0]


def redact(text: str) -> str:
    """``text`` with the user information of every URI in it removed."""
    if "://" not in text or "@" not in text:
        return text
    return _URI_IN_TEXT.sub(lambda m: public_uri(m.group()), text)
