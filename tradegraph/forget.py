"""Retraction: forget articles (by id, URL or the file they came from) and their evidence.

A relation whose last evidence goes disappears; the others keep the evidence of other articles,
so their support and first/last reported dates follow (they are derived from the evidence).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from tradegraph.graph.errors import ArticleError, InputError, NotFoundError
from tradegraph.graph.model import article_id_for
from tradegraph.graph.store import GraphStore

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def article_ids(store: GraphStore, given: str) -> list[str]:
    """The stored article ids ``given`` names: an id, a URL, or a file of articles.

    Raises:
        NotFoundError: [TG250] nothing stored under that id, URL or file.
        InputError: [TG251] the file cannot be read as articles.
    """
    text = given.strip()
    if text.startswith("article:"):
        candidates = [text]
    elif _URL.match(text):
        by_url = [a.id for a in store.articles() if a.url and a.url.strip() == text]
        candidates = by_url or [article_id_for(text, "")]
    elif Path(text).exists():
        candidates = _ids_in_file(text)
    else:
        raise NotFoundError(
            f"{given!r} is not an article id (article:…), a URL or an existing file; "
            "list stored articles with 'tradegraph stats' or pass the file you ingested",
            code="TG250",
        )
    stored = [i for i in candidates if store.article(i) is not None]
    if not stored:
        raise NotFoundError(
            f"no stored article for {given!r}; was it ingested into this --store?", code="TG250"
        )
    return stored


def _ids_in_file(path: str) -> list[str]:
    from tradegraph.loaders.sources import load_articles

    ids = []
    for item in load_articles([path]):
        if isinstance(item, ArticleError):
            raise InputError(f"cannot read {path!r} to find its articles: {item}", code="TG251")
        ids.append(item.id)
    return ids


def forget(store: GraphStore, articles: Iterable[str]) -> list[str]:
    """Forget every article named (ids, URLs, files); returns the ids forgotten, in order.

    All names are checked before anything is removed, so a typo forgets nothing.
    """
    wanted: dict[str, None] = {}
    for given in articles:
        wanted.update(dict.fromkeys(article_ids(store, given)))
    for article_id in wanted:
        store.forget_article(article_id)
    return list(wanted)
