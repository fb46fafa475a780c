"""Lines of the bulk-load CSVs: a million relationships in seconds of Python, not minutes.

A cell is written as the importer reads it: text quoted (quotes doubled), so an empty string stays
one; a number bare; ``ABSENT`` (where the store has None) as an empty, unquoted field, which the
importer leaves out; a list joined by ``ARRAY``. Records (dicts) become rows of cells written by the
``csv`` module; the relationships, their evidence and links, a million lines and more, are built
straight from each ``Relation`` in one expression per line (``relation_lines``), and a unit test
holds them equal to what the ``csv`` module makes of the store's records
(``bulk_csv.relation_records``, built on ``neo4j_rows``).
"""

from __future__ import annotations

import csv
import gc
import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from tradegraph.graph.backends.neo4j_rows import evidence_id, relation_key
from tradegraph.graph.model import Relation
from tradegraph.graph.protocol import known_from

ARRAY = "\x1f"  # unit separator between list elements: never inside a sentence, name or URL
BATCH = 20_000  # records formatted per buffer

Columns = tuple[tuple[str, str], ...]
Row = tuple[Any, ...]
Written = tuple[Path, int, bool]  # a file, its rows, whether a field spans lines


class _Absent(int):
    """A number (so the writer leaves it unquoted) written as nothing: an absent property."""

    __slots__ = ()

    def __str__(self) -> str:
        return ""

    __repr__ = __str__


ABSENT = _Absent()


def relation_lines(
    rel: Relation,
    article_ids: set[str] | frozenset[str],
    rows: list[str],
    evidence: list[str],
    links: list[str],
) -> None:
    """Append the CSV line of ``rel`` to ``rows``, of its evidence nodes to ``evidence`` (a piece
    repeated once, the first, numbered as written) and of a ``FROM`` link to ``links`` per piece
    whose article is in ``article_ids``: the text the ``csv`` writer makes of ``record_row`` of the
    store's records, built in one expression per line."""
    key, source, target = _q(relation_key(rel)), _q(rel.source), _q(rel.target)
    kind = rel.kind.value  # [A-Z_]+: nothing to escape
    seen: set[str] = set()
    for n, ev in enumerate(rel.evidence):
        ident = evidence_id(rel, ev)  # hex
        if ident in seen:
            continue
        seen.add(ident)
        article = '"' + ev.article_id.replace('"', '""') + '"'
        url = "" if ev.url is None else '"' + ev.url.replace('"', '""') + '"'
        day = "" if ev.date is None else f'"{ev.date.isoformat()}"'
        evidence.append(
            f'"{ident}","Evidence",{key},{source},"{kind}",{target},{article},'
            f'"{ev.sentence.replace(Q, QQ)}",{url},{day},{float(ev.confidence)!r},'
            f'"{ev.provenance.replace(Q, QQ)}",{n}\n'
        )
        if ev.article_id in article_ids:
            links.append(f'"{ident}",{article},"FROM"\n')
    since = known_from(rel.evidence)
    confidence = max((float(e.confidence) for e in rel.evidence), default=0.0)
    rows.append(
        f'{source},{target},"{kind}",{key},{_q_or_absent(_iso(rel.valid_from))},'
        f"{_q_or_absent(_iso(rel.valid_to))},{_q_or_absent(rel.role)},{_q_or_absent(since)},"
        f"{confidence!r},{len(rel.evidence)},{_ranking_keys(rel) if kind == 'REPRESENTS' else ','}\n"
    )


def _ranking_keys(rel: Relation) -> str:
    """A REPRESENTS' ``last_reported`` and ``support`` cells (``neo4j_cypher.REPRESENTS_SUMMARY``)."""
    last = max((e.date for e in rel.evidence if e.date is not None), default=None)
    return f"{_q_or_absent(_iso(last))},{len({e.article_id for e in rel.evidence})}"


Q, QQ = '"', '""'


def _q(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _q_or_absent(text: str | None) -> str:
    return "" if text is None else '"' + text.replace('"', '""') + '"'


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def record_row(columns: Columns, record: dict[str, Any]) -> Row:
    """A record (dict) as a row of ``columns``."""
    return tuple(_cell(record.get(key)) for _, key in columns)


def _cell(value: Any) -> Any:
    if value is None:
        return ABSENT
    if isinstance(value, list | tuple):
        return ARRAY.join(map(str, value))
    return value


def format_row(row: Row) -> str:
    """One CSV line of cells, as the ``csv`` module writes them with ``QUOTE_NONNUMERIC``."""
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n").writerow(row)
    return buffer.getvalue()


class Sink:
    """One CSV file being written in buffers, noting whether any field spans lines."""

    def __init__(self, path: Path, columns: Columns, header: bool = True) -> None:
        self.path, self.rows, self.multiline = path, 0, False
        self.out = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by close()
        if header:
            self.out.write(",".join(name for name, _ in columns) + "\n")

    def add(self, rows: list[Row]) -> None:
        """Write ``rows`` (tuples of cells)."""
        buffer = io.StringIO()
        csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n").writerows(rows)
        self._write(buffer.getvalue(), len(rows))

    def add_lines(self, lines: list[str]) -> None:
        """Write ``lines`` (each ending in a newline; a field may hold more)."""
        self._write("".join(lines), len(lines))

    def _write(self, text: str, rows: int) -> None:
        self.multiline = self.multiline or text.count("\n") != rows or "\r" in text
        self.out.write(text)
        self.rows += rows

    def close(self) -> None:
        self.out.close()

    def written(self) -> Written:
        return self.path, self.rows, self.multiline


def write_records(path: Path, columns: Columns, records: Iterable[dict[str, Any]]) -> Written:
    """A CSV with a header and a row per record."""
    sink = Sink(path, columns)
    try:
        items = iter(records)
        while batch := [record_row(columns, r) for r in islice(items, BATCH)]:
            sink.add(batch)
    finally:
        sink.close()
    return sink.written()


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Rows form no cycles; collecting them among a million live model objects would traverse
    all of those again and again (it doubled the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
