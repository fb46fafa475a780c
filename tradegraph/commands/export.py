"""``tradegraph export``: write the graph as Turtle, JSON-LD, GraphML or node-link JSON."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tradegraph.commands.options import add_store_option

if TYPE_CHECKING:
    from tradegraph.graph.export.selection import Selection

FORMATS = ("turtle", "jsonld", "graphml", "json")
# The format an output file's extension asks for (--format wins).
BY_SUFFIX = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".jsonld": "jsonld",
    ".graphml": "graphml",
    ".xml": "graphml",
    ".json": "json",
}


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
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="output format (default: from the extension of -o: .ttl .jsonld .graphml .json; json for -)",
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the file to write; - for stdout"
    )
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


def output_format(output: str, given: str | None) -> str:
    """``--format`` if given, else the format the extension of ``-o`` names (TG461 when unknown)."""
    if given:
        return given
    if output == "-":
        return "json"
    suffix = Path(output).suffix.lower()
    if suffix not in BY_SUFFIX:
        from tradegraph.graph.errors import UnsupportedError

        raise UnsupportedError(
            f"cannot tell the format of {output!r} from its extension; use .ttl, .jsonld, .graphml or "
            ".json, or pass --format",
            code="TG461",
        )
    return BY_SUFFIX[suffix]


def run(args: argparse.Namespace) -> int:
    import sys

    from tradegraph.commands.selection import select
    from tradegraph.graph.store import open_store
    from tradegraph.streams import check_output, output_path

    fmt = output_format(args.output, args.format)
    check_output(args.output)
    if fmt in ("turtle", "jsonld"):
        from tradegraph.graph.export.rdf import check_base_iri

        check_base_iri(args.base_iri)  # before reading the store
    with open_store(args.store) as store:
        selection = select(store)
    with output_path(args.output, "." + fmt) as target:
        export(selection, fmt, target, base_iri=args.base_iri)
    where = "stdout" if args.output == "-" else args.output
    print(
        f"wrote {where} ({fmt}: {len(selection.actors)} actors, {len(selection.relations)} relations)",
        file=sys.stderr if args.output == "-" else sys.stdout,
    )
    return 0
