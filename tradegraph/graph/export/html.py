"""The interactive graph page: one self-contained, offline HTML file drawn by vis-network.

The records for vis-network (nodes with precomputed positions, edges with their evidence and
dates) and the data of the page's panels (tenures, the date range of the time slider) are built
here; ``page`` renders them into one file with vis-network inlined (the copy pyvis ships), a
Content-Security-Policy that forbids every fetch, and the explorer script (``page.js``). All
text from articles reaches the page only as JSON data, shown with ``textContent``/``innerText``;
links to sources are kept only when they are http(s).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tradegraph.graph.export.files import write_text_atomically
from tradegraph.graph.export.selection import Selection, as_selection
from tradegraph.graph.export.tenures import tenures
from tradegraph.graph.model import Actor, ActorKind, Article, Relation, RelationKind

if TYPE_CHECKING:
    from tradegraph.graph.store import GraphStore

# Above this many nodes edges carry no labels and are drawn straight (hover and select still work).
PHYSICS_NODE_LIMIT = 300
LAYOUT_SEED = 42
MAX_EVIDENCE_IN_TOOLTIP = 5
VIS_VERSION = "9.1.2"

ACTOR_STYLE: Mapping[ActorKind, tuple[str, str]] = {  # colour, vis-network shape
    ActorKind.PERSON: ("#4c78a8", "dot"),
    ActorKind.COUNTRY: ("#f58518", "square"),
    ActorKind.ORGANIZATION: ("#54a24b", "triangle"),
}
RELATION_STYLE: Mapping[RelationKind, tuple[str, bool]] = {  # colour, dashed
    RelationKind.REPRESENTS: ("#2a9d8f", False),
    RelationKind.NEGOTIATES_WITH: ("#3a6ea5", False),
    RelationKind.REPLACED_BY: ("#8d8d8d", True),
    RelationKind.ALLIED_WITH: ("#9467bd", False),
    RelationKind.IMPOSES_TARIFFS_ON: ("#d62728", False),
}
_SHAPE_SYMBOL = {"dot": "●", "square": "■", "triangle": "▲"}


def write_html(
    source: GraphStore | Selection,
    path: str | Path,
    *,
    as_of: date | None = None,
    min_confidence: float = 0.0,
    title: str | None = None,
) -> Path:
    """Write the graph page for a selection (or a whole store) to ``path``, atomically.

    Args:
        source: The Selection to draw (``tradegraph.commands.selection.select``), or a store.
        path: The ``.html`` file to write; nothing else is written.
        as_of: Where the time slider starts (the relations are not filtered here).
        min_confidence: Where the confidence slider starts.
        title: The page heading (default: "Trade diplomacy graph").

    Raises:
        InputError: [TG175] the file cannot be written.
    """
    selection = as_selection(source)
    heading = title or "Trade diplomacy graph" + (f" as of {as_of.isoformat()}" if as_of else "")
    page = render_page(selection, title=heading, as_of=as_of, min_confidence=min_confidence)
    return write_text_atomically(path, page)


def render_page(
    selection: Selection,
    *,
    articles: Iterable[Article] = (),
    title: str = "tradegraph",
    as_of: date | None = None,
    min_confidence: float = 0.0,
    store: GraphStore | None = None,
) -> str:
    """The page for ``selection`` as one HTML string (no network, no files beside it)."""
    from tradegraph.graph.export.page import render

    known = {a.id: a for a in (*selection.articles, *articles)}
    names = _names(selection.actors, store)
    nodes, edges = network_records(selection, names, known)
    data = {
        "nodes": nodes,
        "edges": edges,
        "options": vis_options(len(nodes)),
        "tenures": tenure_records(selection.relations, names),
        "days": day_range(selection.relations),
        "start": {"day": as_of.isoformat() if as_of else None, "confidence": min_confidence},
    }
    summary = f"{len(nodes)} actors · {len(edges)} relations"
    if selection.cut:
        summary += f" · the nearest and best connected of {selection.total} actors (--limit to change)"
    return render(title=title, data=data, legend=legend(), summary=summary)


def _degrees(relations: Iterable[Relation]) -> dict[str, int]:
    degree: dict[str, int] = {}
    for rel in relations:
        degree[rel.source] = degree.get(rel.source, 0) + 1
        degree[rel.target] = degree.get(rel.target, 0) + 1
    return degree


def node_record(
    actor: Actor, names: Mapping[str, str], xy: tuple[float, float], degree: int
) -> dict[str, Any]:
    colour, shape = ACTOR_STYLE[actor.kind]
    return {
        "id": actor.id,
        "label": actor.name,
        "kind": actor.kind.value,
        "aliases": list(actor.aliases),
        "roles": list(actor.roles),
        "affiliation": names.get(actor.affiliation, actor.affiliation) if actor.affiliation else None,
        "title": actor_tooltip(actor, names),
        "color": colour,
        "shape": shape,
        "value": degree,  # vis-network scales size and label by it
        "x": xy[0],
        "y": xy[1],
    }


def network_records(
    selection: Selection, names: Mapping[str, str], articles: Mapping[str, Article]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The vis-network node and edge records."""
    positions = layout(selection)
    degree = _degrees(selection.relations)
    nodes = [node_record(a, names, positions[a.id], degree.get(a.id, 0)) for a in selection.actors]
    labelled = len(selection.actors) <= PHYSICS_NODE_LIMIT
    parallel: dict[frozenset[str], int] = {}
    edges = []
    for rel in selection.relations:
        pair = frozenset((rel.source, rel.target))
        nth = parallel[pair] = parallel.get(pair, -1) + 1
        edges.append(edge_record(rel, names, articles, labelled=labelled, nth=nth))
    return nodes, edges


def edge_record(
    rel: Relation, names: Mapping[str, str], articles: Mapping[str, Article], *, labelled: bool, nth: int
) -> dict[str, Any]:
    """One relation for vis-network; ``nth`` parallel edge between the same two actors gets its own curve."""
    colour, dashed = RELATION_STYLE[rel.kind]
    record: dict[str, Any] = {
        "id": "|".join(rel.key),
        "from": rel.source,
        "to": rel.target,
        "kind": rel.kind.value,
        "title": relation_tooltip(rel, names, articles),
        "color": colour,
        "dashes": dashed,
        "width": edge_width(rel.support),
        "arrows": {"to": {"enabled": not rel.kind.symmetric}},
        "smooth": {
            "enabled": nth > 0,
            "type": "curvedCW",
            "roundness": 0.18 * ((nth + 1) // 2) * (-1) ** nth,
        },
        "role": rel.role,
        "validFrom": rel.valid_from.isoformat() if rel.valid_from else None,
        "validTo": rel.valid_to.isoformat() if rel.valid_to else None,
        "confidence": round(rel.confidence, 3) if rel.evidence else None,
        "support": rel.support,
        "evidence": [evidence_record(ev, articles) for ev in rel.evidence],
    }
    if labelled:
        record["label"] = rel.kind.value
    return record


def evidence_record(ev: Any, articles: Mapping[str, Article]) -> dict[str, Any]:
    """One evidence sentence with its date, source and link (http(s) only, else none)."""
    art = articles.get(ev.article_id)
    when = ev.date or (art.published if art else None)
    return {
        "sentence": _plain(ev.sentence),
        "date": when.isoformat() if when else None,
        "reported": ev.date.isoformat() if ev.date else None,
        "source": _plain(", ".join(s for s in (art and art.source, art and art.title) if s) or ev.article_id),
        "url": safe_url(ev.url or (art.url if art else None)),
        "confidence": ev.confidence,
    }


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL with a host, else None (no ``javascript:``, ``data:``, ...).

    >>> safe_url("https://news.example/1"), safe_url("javascript:alert(1)"), safe_url("//x")
    ('https://news.example/1', None, None)
    """
    if not url or _CONTROL.search(url):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def tenure_records(relations: Iterable[Relation], names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Who held which role for whom, when, and who came before and after (for the timeline panel)."""

    def name(actor_id: str | None) -> str | None:
        return names.get(actor_id, actor_id) if actor_id else None

    return [
        {
            "person": t.person,
            "personName": name(t.person),
            "body": t.body,
            "bodyName": name(t.body),
            "role": t.role,
            "start": t.start.isoformat() if t.start else None,
            "end": t.end.isoformat() if t.end else None,
            "ended": t.ended,
            "predecessor": t.predecessor,
            "predecessorName": name(t.predecessor),
            "successor": t.successor,
            "successorName": name(t.successor),
            "inferred": t.inferred,
        }
        for t in tenures(relations)
    ]


def day_range(relations: Iterable[Relation]) -> dict[str, str | None]:
    """The first and last day any relation starts, ends or is reported: the time slider's range."""
    days = [
        d
        for r in relations
        for d in (r.valid_from, r.valid_to, *(ev.date for ev in r.evidence))
        if d is not None
    ]
    return {"min": min(days).isoformat() if days else None, "max": max(days).isoformat() if days else None}


def edge_width(support: int) -> float:
    """Line width for a relation stated by ``support`` articles: 1 at one, growing slowly."""
    return round(1.0 + 2.0 * math.log2(max(support, 1)), 2)


def layout(selection: Selection) -> dict[str, tuple[float, float]]:
    """Seeded force-directed positions in page pixels, so the page is drawn at once."""
    from tradegraph.graph.export.layout import positions

    scale = 60.0 * math.sqrt(max(len(selection.actors), 1)) + 100.0
    found = positions(
        [a.id for a in selection.actors],
        [(r.source, r.target) for r in selection.relations],
        seed=LAYOUT_SEED,
        scale=scale,
    )
    return {str(n): xy for n, xy in found.items()}


def vis_options(node_count: int) -> dict[str, Any]:
    """vis-network options: positions are precomputed, so physics is off from the first paint."""
    return {
        "physics": {"enabled": False},
        "nodes": {
            "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
            # Bigger nodes and labels for actors with more relations; labels of small nodes are
            # drawn once zooming makes them at least drawThreshold pixels high.
            "scaling": {
                "min": 10,
                "max": 36,
                "label": {"enabled": True, "min": 14, "max": 30, "drawThreshold": 8, "maxVisible": 40},
            },
        },
        "edges": {
            "font": {"size": 10, "align": "middle", "color": "#444444", "strokeWidth": 3},
            "arrows": {"to": {"scaleFactor": 0.6}},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": node_count > PHYSICS_NODE_LIMIT,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "layout": {"improvedLayout": False, "randomSeed": LAYOUT_SEED},
    }


def legend() -> list[dict[str, str]]:
    """Legend entries: one per actor kind (colour and shape), one per relation kind (colour)."""
    entries = [
        {"group": "Actors", "label": kind.value, "colour": colour, "symbol": _SHAPE_SYMBOL[shape]}
        for kind, (colour, shape) in ACTOR_STYLE.items()
    ]
    entries += [
        {"group": "Relations", "label": kind.value, "colour": colour, "symbol": "┄┄" if dashed else "──"}
        for kind, (colour, dashed) in RELATION_STYLE.items()
    ]
    return entries


def actor_tooltip(actor: Actor, names: Mapping[str, str]) -> str:
    """Plain-text tooltip of an actor: kind and id, roles, aliases, affiliation, Wikidata id."""
    lines = [actor.name, f"{actor.kind.value} · {actor.id}"]
    if actor.roles:
        lines.append("Roles: " + "; ".join(actor.roles))
    if actor.aliases:
        lines.append("Also: " + "; ".join(actor.aliases))
    if actor.affiliation:
        lines.append("Acts for: " + names.get(actor.affiliation, actor.affiliation))
    lines += [f"{scheme.capitalize()}: {value}" for scheme, value in sorted(actor.external_ids.items())]
    return _plain("\n".join(lines))


def relation_tooltip(rel: Relation, names: Mapping[str, str], articles: Mapping[str, Article]) -> str:
    """Plain-text tooltip of a relation: who, role, validity, support and the evidence sentences."""
    lines = [f"{names.get(rel.source, rel.source)} {rel.kind.value} {names.get(rel.target, rel.target)}"]
    if rel.role:
        lines.append(f"Role: {rel.role}")
    if rel.valid_from or rel.valid_to:
        lines.append(f"Valid: {rel.valid_from or '…'} to {rel.valid_to or '…'}")
    lines.append(f"Support: {rel.support} article(s), confidence {rel.confidence:.2f}")
    for ev in rel.evidence[:MAX_EVIDENCE_IN_TOOLTIP]:
        art = articles.get(ev.article_id)
        source = ", ".join(s for s in (art and art.source, art and art.title) if s) or ev.article_id
        when = ev.date or (art.published if art else None)
        lines.append(
            f"• “{ev.sentence}” — {source}" + (f", {when}" if when else "") + (f" {ev.url}" if ev.url else "")
        )
    if len(rel.evidence) > MAX_EVIDENCE_IN_TOOLTIP:
        lines.append(f"… and {len(rel.evidence) - MAX_EVIDENCE_IN_TOOLTIP} more")
    lines.append("(click for the evidence panel)")
    return _plain("\n".join(lines))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _plain(text: str) -> str:
    # vis-network renders string titles as text; control characters would only garble it.
    return _CONTROL.sub(" ", text)


def _names(actors: list[Actor], store: GraphStore | None) -> dict[str, str]:
    names = {a.id: a.name for a in actors}
    for ref in {a.affiliation for a in actors if a.affiliation} - names.keys():
        found = store.actor(ref) if store is not None else None
        if found is not None:
            names[ref] = found.name
    return names


def iframe(page: str, height: int = 620) -> str:
    """``page`` wrapped in a sandboxed ``<iframe srcdoc>``, for notebooks (``IPython.display.HTML``).

    The sandbox lets the page's own scripts run but gives it no access to the notebook.
    """
    import html as html_lib

    # Wrapped in a div because IPython warns about HTML that starts with "<iframe".
    return (
        f'<div><iframe srcdoc="{html_lib.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width: 100%; height: {int(height)}px; border: 1px solid #ddd"></iframe></div>'
    )
