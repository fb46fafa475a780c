"""Through the CLI on every store: answers carry time and evidence (text and --json), as-of keeps
only what held and was reported by the day, forget retracts an article, query takes names."""

from __future__ import annotations

import json

import pytest
from fixtures import graph_fixture as fx
from fixtures import paraphrase_graph as pg

from tradegraph.cli import main


@pytest.fixture
def spec(store):
    """The fixture graph in a store, closed so the CLI can open it; its ``--store`` spec."""
    pg.load(store)
    uri = store.uri
    store.close()
    return uri


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_ask_json_carries_role_time_confidence_evidence(spec, capsys):
    code, out, _ = run(capsys, "ask", "Who replaced Wang Shouwen?", "--store", spec, "--json")
    assert code == 0
    reply = json.loads(out)
    [ans] = reply["answers"]
    assert ans["id"] == fx.LI.id and ans["role"] == "international trade representative"
    assert ans["valid_from"] == "2025-04-16" and ans["first_reported"] == "2025-04-16"
    assert ans["confidence"] == pytest.approx(0.9) and ans["support"] == 1
    assert ans["evidence"][0]["url"] == "https://news.example/fx2"
    assert set(ans["evidence"][0]) >= {"sentence", "article", "url", "date", "confidence", "provenance"}


def test_cli_ask_text_shows_since_until_first_reported(spec, capsys):
    code, out, _ = run(capsys, "ask", "Who represented the UK in August 2025?", "--store", spec)
    assert code == 0
    assert "Jonathan Reynolds" in out and "until 2025-09-05" in out and "first reported 2025-05-02" in out


def test_cli_ask_as_of_before_first_reported_leaves_it_out(spec, capsys):
    # Akazawa's REPRESENTS was first reported on 2025-04-08 (and holds on any day).
    code, out, _ = run(
        capsys, "ask", "Who represents Japan?", "--store", spec, "--as-of", "2025-04-01", "--json"
    )
    assert code == 0 and fx.AKAZAWA.id not in {a["id"] for a in json.loads(out)["answers"]}
    code, out, _ = run(
        capsys, "ask", "Who represents Japan?", "--store", spec, "--as-of", "2025-04-10", "--json"
    )
    assert fx.AKAZAWA.id in {a["id"] for a in json.loads(out)["answers"]}


def test_cli_ask_yes_no_with_evidence(spec, capsys):
    code, out, _ = run(capsys, "ask", "Is Japan allied with the United States?", "--store", spec, "--json")
    reply = json.loads(out)
    assert reply["verdict"] == "yes" and reply["answers"][0]["evidence"]
    code, out, _ = run(capsys, "ask", "Is India allied with the US?", "--store", spec)
    assert code == 0 and "No." in out


def test_cli_query_takes_names_and_the_catalogue_spelling(spec, capsys):
    code, out, _ = run(capsys, "query", "tariffs-by", "the US", "--store", spec, "--json")
    assert code == 0
    assert {a["id"] for a in json.loads(out)["answers"]} == {
        fx.CHINA.id,
        fx.INDIA.id,
        fx.CANADA.id,
        fx.JAPAN.id,
    }
    code, out, _ = run(capsys, "query", "representatives", "UK", "--role", "trade minister", "--store", spec)
    assert code == 0 and "Nadia Osei" in out and "Peter Kyle" not in out


def test_cli_unknown_name_suggests_same_kind(spec, capsys):
    code, _, err = run(capsys, "ask", "Who does Brendan Lynch represent?", "--store", spec)
    assert code == 1 and "[TG240]" in err
    assert "Switzerland" not in err and "India" not in err


def test_cli_forget_removes_evidence_and_orphaned_relations(spec, capsys):
    # article 6 alone states Kyle's office and Reynolds' replacement; article 4 also states Reynolds'.
    code, out, _ = run(capsys, "forget", "https://news.example/fx6", "--store", spec, "--json")
    assert code == 0 and json.loads(out)["forgotten"] == ["article:fx6"]
    code, out, _ = run(capsys, "query", "successors", "Jonathan Reynolds", "--store", spec, "--json")
    assert json.loads(out)["answers"] == []
    code, out, _ = run(capsys, "query", "represented-by", "Jonathan Reynolds", "--store", spec, "--json")
    [uk] = json.loads(out)["answers"]
    assert uk["support"] == 1 and uk["first_reported"] == uk["last_reported"] == "2025-05-02"
    code, _, err = run(capsys, "forget", "article:fx6", "--store", spec)
    assert code == 1 and "[TG250]" in err


def _neighbourhood_ids(capsys, spec: str, *extra: str) -> tuple[list[str], list[str]]:
    code, out, _ = run(
        capsys, "query", "neighbourhood", "Japan", "--depth", "2", "--store", spec, "--json", *extra
    )
    assert code == 0
    data = json.loads(out)
    return [a["id"] for a in data["answers"]], data["notes"]


def test_cli_neighbourhood_limit_keeps_nearest_and_says_what_it_cut(spec, capsys):
    everyone, notes = _neighbourhood_ids(capsys, spec, "--all")
    assert notes == [] and len(everyone) > 3
    kept, notes = _neighbourhood_ids(capsys, spec, "--limit", "3")
    assert len(kept) == 3 and set(kept) < set(everyone) and "country:JPN" in kept
    assert len(notes) == 1 and f"of {len(everyone)} within reach" in notes[0] and "--limit" in notes[0]
    default, _ = _neighbourhood_ids(capsys, spec)  # the default limit (100) cuts nothing here
    assert default == everyone


def test_cli_viz_limit_says_how_many_the_page_left_out(spec, capsys, tmp_path):
    page = tmp_path / "around.html"
    code, out, _ = run(
        capsys, "viz", "--actor", "Japan", "--depth", "2", "--limit", "2", "--store", spec, "-o", str(page)
    )
    assert code == 0 and "kept the 2 actors nearest Japan" in out and "--limit" in out
    assert "the nearest and best connected of" in page.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "viz", "--actor", "Japan", "--depth", "2", "--store", spec, "-o", str(page))
    assert code == 0 and "kept the" not in out
    assert "the nearest and best connected of" not in page.read_text(encoding="utf-8")
    with pytest.raises(SystemExit):  # argparse refuses it, naming the option
        run(capsys, "viz", "--actor", "Japan", "--limit", "-1", "--store", spec, "-o", str(page))
    assert "is not a limit" in capsys.readouterr().err
