"""The Python API: ``import tradegraph`` stays light, the README's API section runs as a doctest,
queries take names or ids on every store, and the catalogue is what the README and --help show."""

from __future__ import annotations

import doctest
import re
import shutil
import subprocess
import sys
from pathlib import Path

from fixtures import graph_fixture as fx
from fixtures import paraphrase_graph as pg

from tradegraph.api import Graph
from tradegraph.cli import build_parser
from tradegraph.queries import catalogue

REPO = Path(__file__).resolve().parents[2]


def test_api_import_is_light():
    code = "import sys, tradegraph; print(sorted(m for m in ('spacy', 'neo4j', 'rdflib', 'networkx') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_api_version_from_metadata():
    import tradegraph as tg

    assert re.match(r"^\d+\.\d+", tg.__version__)


def test_api_readme_examples_run(tmp_path, monkeypatch):
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Python API") :]
    section = section[: section.index("\n## ", 3)]
    (tmp_path / "examples").mkdir()
    shutil.copytree(REPO / "examples" / "articles", tmp_path / "examples" / "articles")
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest(section, {}, "README.md#python-api", "README.md", 0)
    assert test.examples
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_api_queries_accept_names_or_ids(store):
    g = Graph(pg.load(store))
    by_name = [a.actor.id for a in g.representatives_of("the U.S.")]
    by_id = [a.actor.id for a in g.representatives_of(fx.USA.id)]
    assert by_name == by_id == sorted(by_id, key=by_name.index) and set(by_id) == {
        fx.BESSENT.id,
        fx.GREER.id,
        fx.TRUMP.id,
    }
    assert g.ask("What tariffs has the US imposed?").kind == "tariff_targets"
    assert [a.actor.id for a in g.successors("Wang")] == [fx.LI.id]
    assert g.actor("Akazawa").id == fx.AKAZAWA.id


def test_api_forget_on_every_store(store):
    g = Graph(pg.load(store))
    assert g.forget(["article:fx6"]) == ["article:fx6"]
    assert g.successors("Jonathan Reynolds") == []
    [uk] = g.represented_by("Jonathan Reynolds")
    assert uk.support == 1


def test_api_catalogue_is_what_readme_and_help_show():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert catalogue.markdown_table() in readme
    query = build_parser()._subparsers._group_actions[0].choices["query"]  # type: ignore[union-attr]
    assert all(k.cli in query.format_help() for k in catalogue.KINDS)


def test_api_docs_page_is_generated_from_the_catalogue():
    assert (REPO / "docs" / "questions.md").read_text(encoding="utf-8") == catalogue.docs_page()
