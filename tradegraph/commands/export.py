"""``tradegraph export``: write the graph as Turtle, JSON-LD, GraphML or node-link JSON."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tradegraph.cli import add_store_option

if TYPE_CHECKING:
    from tradegraph.graph.store import GraphStore

FORMATS = ("turtle", "jsonld", "graphml", "json")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the graph as RDF (Turtle/JSON-LD), GraphML or node-link JSON",
        description="Write the whole graph to one file: RDF aligned to W3C ORG, PROV-O and "
        "Wikidata (turtle, jsonld), GraphML for Gephi, or node-link JSON.",
    )
    add_store_option(parser)
    parser.add_argument("--format", choices=FORMATS, default="json", help="output format (default json)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    parser.set_defaults(func=run)


def export(store: GraphStore, fmt: str, path: Path) -> Path:
    """Write ``store`` in ``fmt`` to ``path``; heavy libraries are imported only for their format."""
    if fmt == "json":
        from tradegraph.graph.export.jsonexport import write_json

        return write_json(store, path)
    if fmt == "graphml":
        from tradegraph.graph.export.graphml import write_graphml

        return write_graphml(store, path)
    from tradegraph.graph.export.rdf import write_rdf

    return write_rdf(store, path, fmt)


def run(args: argparse.Namespace) -> int:
    from tradegraph.graph.store import open_store

    with open_store(args.store) as store:
        path = export(store, args.format, Path(args.output))
        counts = store.counts()
    print(f"wrote {path} ({args.format}: {counts['actors']} actors, {counts['relations']} relations)")
    return 0
