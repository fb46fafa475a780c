"""Every rule of the catalogue reads its positive examples and not its negative ones; every
relation the extractor produces names the rules that read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradegraph.graph.model import Article, Extraction
from tradegraph.loaders.extraction import Extractor
from tradegraph.loaders.extraction.catalogue import FILTERS, RULES
from tradegraph.loaders.extraction.rules import Example, Rule


def _fired(extraction: Extraction, rule: Rule) -> set[tuple[str, str]]:
    """The (source, target) name pairs of relations of the rule's kind whose evidence names it."""
    names = {a.id: a.name for a in extraction.actors}
    out: set[tuple[str, str]] = set()
    for rel in extraction.relations:
        if rel.kind is not rule.kind:
            continue
        if any(rule.provenance in ev.provenance.split("+") for ev in rel.evidence):
            pair = (names.get(rel.source, rel.source), names.get(rel.target, rel.target))
            out.add(pair)
            if rel.kind.symmetric:
                out.add((pair[1], pair[0]))
    return out


CASES = [
    pytest.param(rule, example, positive, id=f"{rule.name}-{'pos' if positive else 'neg'}{n}")
    for rule in RULES
    for positive, examples in ((True, rule.positive), (False, rule.negative))
    for n, example in enumerate(examples)
]


@pytest.mark.parametrize(("rule", "example", "positive"), CASES)
def test_extraction_rules_examples(
    rules_only: Extractor, rule: Rule, example: Example, positive: bool
) -> None:
    fired = _fired(rules_only.extract(Article.create(example.text)), rule)
    if positive:
        assert example.pair in fired, fired
    elif example.pair is None:
        assert not fired, fired
    else:
        assert example.pair not in fired, fired


def test_extraction_rules_catalogue_names_unique_and_dotted() -> None:
    names = [r.name for r in RULES] + [f.name for f in FILTERS]
    assert len(names) == len(set(names))
    assert all(n.count(".") == 1 and n == n.lower() for n in names)


def test_extraction_rules_token_rules_have_triggers() -> None:
    for rule in RULES:
        if rule.level == "token":
            assert rule.trigger and rule.read is not None, rule.name
        elif rule.level == "dependency":
            assert {n["RIGHT_ID"] for n in rule.pattern} >= {"source", "target"}, rule.name
        elif rule.level == "article":
            assert rule.read is not None, rule.name
        else:
            assert rule.read_by, rule.name


def test_extraction_rules_every_evidence_has_provenance(extractor: Extractor) -> None:
    text = (
        "Chilean Foreign Minister Marta Rojas met Peruvian Trade Minister Luis Vargas in Lima. "
        "Chile imposed tariffs on Peru last year. Chile's alliance with Peru has lasted for decades. "
        "Ana Soto will replace Marta Rojas as foreign minister."
    )
    extraction = extractor.extract(Article.create(text))
    known = {r.provenance for r in RULES}
    assert extraction.relations
    for rel in extraction.relations:
        for ev in rel.evidence:
            parts = ev.provenance.split("+")
            assert parts and all(p in known or p.startswith("model:") for p in parts), (rel, ev.provenance)


def test_extraction_rules_extract_explain_prints_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tradegraph.cli import main

    path = tmp_path / "a.txt"
    path.write_text("Talks between Chile and Peru resumed in Lima on Monday.\n", encoding="utf-8")
    assert main(["extract", "--explain", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Chile -NEGOTIATES_WITH-> Peru" in out
    assert "rules:    negotiates.between" in out
    assert "sentence: Talks between Chile and Peru resumed in Lima on Monday." in out
    assert "score:    " in out
