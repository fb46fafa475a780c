"""The interactive graph page: one self-contained, offline HTML file drawn by vis-network via pyvis.

pyvis 0.3.2 builds the node and edge records; the page comes from our own template because
pyvis's loads vis-network and Bootstrap from CDNs, copies a ``lib/`` folder into the working
directory, and switches to an ``innerHTML`` tooltip whenever a title contains "href". Here the
vis-network files pyvis ships are inlined, a Content-Security-Policy forbids every fetch, all
text from articles reaches the page only as JSON data and tooltips are plain text (vis-network
9 sets string titles with ``innerText``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from tradegraph.graph.export.selection import Selection, select
from tradegraph.graph.model import Actor, ActorKind, Article, Relation, RelationKind
from tradegraph.graph.store import GraphStore

# Above this many nodes the layout is computed in Python and physics is off, so the page
# opens in seconds instead of simulating for a minute.
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
    store: GraphStore,
    path: str | Path,
    *,
    actor: str | None = None,
    depth: int = 1,
    kinds: Iterable[RelationKind | str] | None = None,
    as_of: date | None = None,
    title: str | None = None,
) -> Path:
    """Write the graph page for ``store`` (or the ego view around ``actor``) to ``path``.

    Args:
        store: Any GraphStore.
        path: The ``.html`` file to write; nothing else is written.
        actor: An actor id, name or alias to centre an ego view on.
        depth: Hops around ``actor``.
        kinds: Relation kinds to show (None: all).
        as_of: Show only relations that held on this day.
        title: The page heading (default: names the view).
    """
    selection = select(store, actor=actor, depth=depth, kinds=kinds, as_of=as_of)
    heading = title or _default_title(selection, actor, as_of)
    path = Path(path)
    path.write_text(
        render_page(selection, articles=store.articles(), title=heading, store=store), encoding="utf-8"
    )
    return path


def render_page(
    selection: Selection,
    *,
    articles: Iterable[Article] = (),
    title: str = "tradegraph",
    store: GraphStore | None = None,
) -> str:
    """The page for ``selection`` as one HTML string (no network, no files beside it)."""
    from tradegraph.graph.export.page import render

    names = _names(selection.actors, selection.relations, store)
    nodes, edges = network_records(selection, names, {a.id: a for a in articles})
    return render(
        title=title,
        nodes=nodes,
        edges=edges,
        options=vis_options(len(nodes)),
        legend=legend(),
        summary=f"{len(nodes)} actors · {len(edges)} relations",
    )


def network_records(
    selection: Selection,
    names: Mapping[str, str],
    articles: Mapping[str, Article],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The vis-network node and edge records, built with pyvis."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    positions = layout(selection)
    degree: dict[str, int] = {}
    for rel in selection.relations:
        degree[rel.source] = degree.get(rel.source, 0) + 1
        degree[rel.target] = degree.get(rel.target, 0) + 1
    for actor in selection.actors:
        colour, shape = ACTOR_STYLE[actor.kind]
        x, y = positions[actor.id]
        net.add_node(
            actor.id,
            label=actor.name,
            title=actor_tooltip(actor, names),
            color=colour,
            shape=shape,
            size=10 + 4 * math.sqrt(degree.get(actor.id, 0)),
            x=x,
            y=y,
            kind=actor.kind.value,
        )  # not ``group``: pyvis then drops the colour
    labelled = len(selection.actors) <= PHYSICS_NODE_LIMIT
    for rel in selection.relations:
        colour, dashed = RELATION_STYLE[rel.kind]
        net.add_edge(
            rel.source,
            rel.target,
            title=relation_tooltip(rel, names, articles),
            color=colour,
            dashes=dashed,
            width=edge_width(rel.support),
            label=rel.kind.value if labelled else None,
            kind=rel.kind.value,
            arrows={"to": {"enabled": not rel.kind.symmetric}},
            id="|".join(rel.key),
        )
    edges = [{k: v for k, v in e.items() if v is not None} for e in net.edges]
    return list(net.nodes), edges


def edge_width(support: int) -> float:
    """Line width for a relation stated by ``support`` articles: 1 at one, growing slowly."""
    return round(1.0 + 2.0 * math.log2(max(support, 1)), 2)


def layout(selection: Selection) -> dict[str, tuple[float, float]]:
    """Seeded force-directed positions in page pixels, so large pages need no physics."""
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
    """vis-network options; physics only for graphs small enough to settle quickly."""
    physics = node_count <= PHYSICS_NODE_LIMIT
    return {
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 140},
            "stabilization": {"enabled": physics, "iterations": 250, "fit": True},
        },
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {
            "smooth": {"enabled": physics, "type": "dynamic"},
            "font": {"size": 10, "align": "middle", "color": "#444444", "strokeWidth": 3},
            "arrows": {"to": {"scaleFactor": 0.6}},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": not physics,
            "navigationButtons": False,
            "keyboard": True,
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
    return _plain("\n".join(lines))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _plain(text: str) -> str:
    # vis-network renders string titles as text; control characters would only garble it.
    return _CONTROL.sub(" ", text)


def _names(actors: list[Actor], relations: list[Relation], store: GraphStore | None) -> dict[str, str]:
    names = {a.id: a.name for a in actors}
    for ref in {a.affiliation for a in actors if a.affiliation} - names.keys():
        found = store.actor(ref) if store is not None else None
        if found is not None:
            names[ref] = found.name
    return names


def _default_title(selection: Selection, actor: str | None, as_of: date | None) -> str:
    title = f"Around {actor}" if actor else "Trade diplomacy graph"
    return title + (f" as of {as_of.isoformat()}" if as_of else "")


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
