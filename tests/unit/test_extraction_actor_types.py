"""Every relation joins the kinds of actor its kind allows (what the RDF export's SHACL shapes
check): on every article of the project's own gold sets and the shipped examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradegraph.graph.model import ActorKind, Article, RelationKind
from tradegraph.loaders.extraction import Extractor

REPO = Path(__file__).resolve().parents[2]
P = ActorKind.PERSON
#: relation kind -> (source must be a person?, target must be a person?); None: either
FITS = {
    RelationKind.REPRESENTS: (True, False),
    RelationKind.REPLACED_BY: (True, True),
    RelationKind.ALLIED_WITH: (False, False),
    RelationKind.IMPOSES_TARIFFS_ON: (None, False),
    RelationKind.NEGOTIATES_WITH: (None, None),
}


def _texts() -> list[str]:
    out = []
    for path in sorted(REPO.glob("tests/fixtures/*_gold/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("text"):
            out.append(data["text"])
    out += [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples" / "articles").glob("*.txt"))]
    return out


@pytest.mark.slow
def test_extraction_actor_types_fit_every_relation(extractor: Extractor) -> None:
    texts = _texts()
    assert len(texts) >= 40
    for text in texts:
        extraction = extractor.extract(Article.create(text))
        kinds = {a.id: a.kind for a in extraction.actors}
        for rel in extraction.relations:
            want_source, want_target = FITS[rel.kind]
            for key, want in ((rel.source, want_source), (rel.target, want_target)):
                if want is not None:
                    assert (kinds.get(key) is P) is want, (rel.kind.value, rel.source, rel.target)
