"""The data's licences and the code's, stated apart: the terms, each graph's licence, and
the README.md a build writes beside its dumps (``/void`` and ``/licence`` are tested in
``tests/web/test_downloads.py``).

The words quoted from the source documents are Crown copyright, reproduced on
the terms each document prints (non-commercial, without adaptation, source and
date stated: ``data/reports/README.md``); jargraph's encodings are CC BY 4.0;
its code is MIT (``LICENSE``).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef

from jargraph import licences, store
from jargraph.resources import reports_dir

MIT = URIRef("https://opensource.org/licenses/MIT")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
GRAPH = "https://w3id.org/jargraph/graph/"


def test_the_terms_are_the_documents_own() -> None:
    # jar-southampton-2007.txt line 29, narrowing-the-gap-2007.txt line 19
    printed = (reports_dir() / "jar-southampton-2007.txt").read_text(encoding="utf-8")
    assert ("may be reproduced in whole or in part for non-commercial purposes, provided that "
            "the information quoted is reproduced without adaptation and the source and date "
            "of publication are stated") in printed
    assert ("reproduced without adaptation and the source and date of publication are stated"
            in licences.SOURCE_DOCUMENTS.terms)


def test_each_graph_has_its_licence() -> None:
    assert licences.graph_licence(GRAPH + "ontology").iri == str(MIT)
    assert licences.graph_licence(GRAPH + "schemes").iri == str(MIT)
    assert licences.graph_licence(GRAPH + "reference").iri == str(CC_BY)
    assert licences.graph_licence(GRAPH + "inferred").iri == str(CC_BY)
    assert licences.graph_licence(GRAPH + "jar-southampton-2007") is (
        licences.SOURCE_DOCUMENTS)


def test_the_build_writes_a_readme_beside_its_dumps(built_home: Path) -> None:
    readme = (store.current_dumps_path(built_home) / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# jargraph dumps")
    for name in ("jargraph.trig", "jargraph.nq", "jar-southampton-2007.ttl"):
        assert f"`{name}`" in readme
    assert "Crown copyright" in readme and "CC BY 4.0" in readme and "MIT licence" in readme
    assert str(CC_BY) in readme
