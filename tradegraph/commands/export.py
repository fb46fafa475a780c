"""``tradegraph export``: write the graph as Turtle, JSON-LD, GraphML or node-link JSON."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tradegraph.cli import add_store_option

if TYPE_CHECKING:
    from tradegraph.graph.export.selection import Selection

FORMATS = ("turtle", "jsonld", "graphml", "json")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tradegraph.graph.export.vocabulary import DEFAULT_BASE_IRI

    parser = subparsers.add_parser(
        "export",
        help="write the graph as RDF (Turtle/JSON-LD), GraphML or node-link JSON",
        description="Write the whole graph to one file: RDF aligned to W3C ORG, OWL-Time, PROV-O and "
        "Wikidata (turtle, jsonld), GraphML for Gephi, yEd and Cytoscape, or node-link JSON for "
        "networkx. The file is written whole or not at all.",
    )
    add_store_option(parser)
    parser.add_argument("--format", choices=FORMATS, default="json", help="output format (default json)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    parser.add_argument(
        "--base-iri",
        default=DEFAULT_BASE_IRI,
        metavar="IRI",
        help=f"namespace of actors, articles and statements in RDF (default {DEFAULT_BASE_IRI})",
    )
    parser.set_defaults(func=run)


def export(selection: Selection, fmt: str, path: Path, *, base_iri: str | None = None) -> Path:
    """Write ``selection`` in ``fmt`` to ``path``; heavy libraries are imported only for their format."""
    if fmt == "json":
        from tradegraph.graph.export.jsonexport import write_json

        return write_json(selection, path)
    if fmt == "graphml":
        from tradegraph.graph.export.graphml import write_graphml

        return write_graphml(selection, path)
    from tradegraph.graph.export.rdf import write_rdf
    from tradegraph.graph.export.vocabulary import DEFAULT_BASE_IRI

    return write_rdf(selection, path, fmt, base_iri=base_iri or DEFAULT_BASE_IRI)


def run(args: argparse.Namespace) -> int:
    from tradegraph.commands.selection import select
    from tradegraph.graph.store import open_store

    if args.format in ("turtle", "jsonld"):
        from tradegraph.graph.export.rdf import check_base_iri

        check_base_iri(args.base_iri)  # before reading the store
    with open_store(args.store) as store:
        selection = select(store)
    path = export(selection, args.format, Path(args.output), base_iri=args.base_iri)
    print(
        f"wrote {path} ({args.format}: {len(selection.actors)} actors, {len(selection.relations)} relations)"
    )
    return 0
