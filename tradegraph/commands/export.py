"""``tradegraph export``: write the graph as Turtle, JSON-LD, GraphML or node-link JSON."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tradegraph.cli import add_store_option

if TYPE_CHECKING:
    from tradegraph.graph.store import GraphStore

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
    parser = subparsers.add_parser(
        "export",
        help="write the graph as RDF (Turtle/JSON-LD), GraphML or node-link JSON",
        description="Write the whole graph to one file: RDF aligned to W3C ORG, PROV-O and "
        "Wikidata (turtle, jsonld), GraphML for Gephi, or node-link JSON.",
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

    from tradegraph.graph.store import open_store
    from tradegraph.streams import check_output, output_path

    fmt = output_format(args.output, args.format)
    check_output(args.output)
    with open_store(args.store) as store, output_path(args.output, "." + fmt) as target:
        export(store, fmt, target)
        counts = store.counts()
    where = "stdout" if args.output == "-" else args.output
    print(
        f"wrote {where} ({fmt}: {counts['actors']} actors, {counts['relations']} relations)",
        file=sys.stderr if args.output == "-" else sys.stdout,
    )
    return 0
