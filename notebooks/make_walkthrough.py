"""Write notebooks/walkthrough.ipynb from the cells below (run: .venv/bin/python notebooks/make_walkthrough.py).

The committed .ipynb is the artefact; this script only keeps its cells reviewable as code.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CELLS: list[tuple[str, str]] = [
    (
        "md",
        """# tradegraph walkthrough

From news articles about trade diplomacy to a knowledge graph, and what it can tell us:

1. load the example articles and build the graph in an embedded (in-memory) store,
2. ask *who represents whom*, who replaced whom and who talks to whom,
3. run the same helpers on Neo4j when a server is configured,
4. analyse the graph with networkx,
5. look at it (an interactive page that works offline),
6. export it as RDF (W3C ORG, PROV-O, Wikidata terms), JSON and GraphML.

Every step calls the library; nothing here is notebook-only logic.""",
    ),
    (
        "code",
        """from pathlib import Path

from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.ingest import ingest

# The examples live at the repository root; the notebook may be run from notebooks/ or the root.
ROOT = next(p for p in (Path.cwd(), *Path.cwd().parents) if (p / "examples" / "articles").is_dir())
ARTICLES = ROOT / "examples" / "articles"
sorted(p.name for p in ARTICLES.iterdir())""",
    ),
    (
        "md",
        """## 1. Build the graph

`ingest` reads text, HTML, RSS and JSON lines, extracts actors and relations with spaCy and
writes each article atomically. `MemoryStore(None)` keeps everything in memory; give it a
directory (or use `open_store`) to keep the graph.""",
    ),
    (
        "code",
        """store = MemoryStore(None)
report = ingest([ARTICLES], store)
print(report.as_dict())
store.counts()""",
    ),
    (
        "code",
        """for actor in store.actors():
    print(f"{actor.id:34} {actor.kind.value:13} {', '.join(actor.roles)}")""",
    ),
    (
        "md",
        """## 2. Who represents whom

The question helpers in `tradegraph.queries` take any store and return typed answers that carry
their evidence (article, sentence, date).""",
    ),
    (
        "code",
        """from tradegraph.queries import counterparts, represented_by, representatives_of, successors

for answer in representatives_of(store, "country:USA"):
    print(f"{answer.actor.name:20} {answer.role or '':28} backed by {answer.support} article(s)")""",
    ),
    (
        "code",
        """for answer in represented_by(store, "person:ryosei-akazawa"):
    print(answer.actor.name, "as", answer.role)
    for ev in answer.evidence:
        print("   ", ev.date, ev.sentence)""",
    ),
    (
        "code",
        """for step in successors(store, "person:wang-shouwen"):
    print(f"{step.predecessor.name} -> {step.successor.name} ({step.role}, {step.date})")""",
    ),
    (
        "code",
        """# Persons stand for their states: 'state' level lifts talks to the countries involved.
[a.actor.name for a in counterparts(store, "country:JPN", level="state")]""",
    ),
    (
        "md",
        """## 3. The same questions on Neo4j

When `TRADEGRAPH_NEO4J_URI` (or `TRADEGRAPH_TEST_NEO4J_URI`) names a running server, the graph is
written there (an idempotent upsert) and the helpers answer through Cypher. Without one this
step is skipped.""",
    ),
    (
        "code",
        """import importlib.util
import os

from tradegraph.graph.store import open_store

neo4j_uri = os.environ.get("TRADEGRAPH_NEO4J_URI") or os.environ.get("TRADEGRAPH_TEST_NEO4J_URI")
if not neo4j_uri:
    print("no Neo4j configured: set TRADEGRAPH_NEO4J_URI to run this step")
elif importlib.util.find_spec("tradegraph.graph.backends.neo4j") is None:
    print("this checkout has no Neo4j backend yet")
else:
    with open_store(neo4j_uri) as neo:
        neo.upsert(store.actors(), store.relations(), store.articles())
        on_neo4j = [a.actor.id for a in representatives_of(neo, "country:USA")]
        embedded = [a.actor.id for a in representatives_of(store, "country:USA")]
        print("Neo4j:", on_neo4j)
        print("same answer as the embedded store:", on_neo4j == embedded)""",
    ),
    (
        "md",
        """## 4. Network analytics

`to_networkx` gives the graph as a networkx `MultiDiGraph` (the one the GraphML export
writes); `brokers` ranks actors by betweenness centrality.""",
    ),
    (
        "code",
        """import networkx as nx

from tradegraph.graph.export.graphml import to_networkx
from tradegraph.queries import brokers

graph = to_networkx(store.actors(), store.relations())
print(graph)
centrality = nx.degree_centrality(graph)
print("most connected:", sorted(centrality, key=centrality.get, reverse=True)[:5])
print("brokers:", [(b.actor.name, round(b.score, 3)) for b in brokers(store, top=5)])""",
    ),
    (
        "code",
        """communities = nx.community.greedy_modularity_communities(nx.Graph(graph))
for n, members in enumerate(communities, 1):
    print(n, sorted(graph.nodes[m]["label"] for m in members))""",
    ),
    (
        "md",
        """## 5. See the graph

`render_page` draws a selection of the graph as one self-contained page (vis-network inlined,
no network access, article text shown as text only). `tradegraph viz -o graph.html` writes the
same page to a file: find an actor by name or alias, filter by kind, date and confidence, click a
line to read its evidence.""",
    ),
    (
        "code",
        """from IPython.display import HTML

from tradegraph.graph.export.html import iframe, render_page
from tradegraph.commands.selection import select

HTML(iframe(render_page(select(store), articles=store.articles(), title="Example articles")))""",
    ),
    (
        "code",
        """# The neighbourhood of one actor, by name, two hops out, representation and talks only.
ego = select(store, actor="Akazawa", depth=2, kinds=["REPRESENTS", "NEGOTIATES_WITH"])
HTML(iframe(render_page(ego, articles=store.articles(), title="Around Ryosei Akazawa"), height=480))""",
    ),
    (
        "md",
        """## 6. Export

RDF in Turtle or JSON-LD (`tradegraph export --format turtle|jsonld`), checked against the
SHACL shapes that ship with tradegraph; node-link JSON and GraphML for other tools.""",
    ),
    (
        "code",
        """import tempfile

from tradegraph.graph.export.rdf import read_rdf, store_to_rdf, write_rdf

rdf = store_to_rdf(store)
print(len(rdf), "triples")
turtle = rdf.serialize(format="turtle")
start = turtle.index("org:Membership")
print(turtle[max(0, turtle.rfind("\\n\\n", 0, start)):][:1200])""",
    ),
    (
        "code",
        """from tradegraph.graph.export.vocabulary import shapes_graph

try:
    import pyshacl
except ImportError:
    print("pyshacl is a development dependency: pip install -e '.[dev]' to validate")
else:
    conforms, _, report = pyshacl.validate(rdf, shacl_graph=shapes_graph())
    print("conforms to shapes.ttl:", conforms)
    assert conforms, report""",
    ),
    (
        "code",
        """from tradegraph.graph.export.graphml import write_graphml
from tradegraph.graph.export.jsonexport import write_json

out = Path(tempfile.mkdtemp(prefix="tradegraph-"))
for path in (write_rdf(store, out / "graph.ttl", "turtle"), write_rdf(store, out / "graph.jsonld", "jsonld"),
             write_json(store, out / "graph.json"), write_graphml(store, out / "graph.graphml")):
    print(f"{path.name:15} {path.stat().st_size:>8} bytes")
actors, relations, _ = read_rdf(out / "graph.ttl")
print("read back from Turtle:", len(actors), "actors,", len(relations), "relations")""",
    ),
]


def build() -> nbformat.NotebookNode:
    cells = [new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in CELLS]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


if __name__ == "__main__":
    target = Path(__file__).with_name("walkthrough.ipynb")
    nbformat.write(build(), target)
    print(f"wrote {target}")
