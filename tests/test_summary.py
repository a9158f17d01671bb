"""The summary the build writes equals what it summarises, on the built seed graph."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from jargraph import uris
from jargraph.store.dataset import query
from jargraph.summary import CHECKS, GRAPH_NAME, differences

PREFIXES = """PREFIX jar: <https://w3id.org/jargraph/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX void: <http://rdfs.org/ns/void#>
"""
SUMMARY = f"<{uris.graph(GRAPH_NAME)}>"


def pairs(oxi: ox.Store, sparql: str) -> set[tuple[str, ...]]:
    found = query(oxi, PREFIXES + sparql)
    assert isinstance(found, ox.QuerySolutions)
    return {tuple(str(term) for term in row) for row in found}


def test_the_summary_equals_what_it_summarises(built_store: ox.Store) -> None:
    assert differences(built_store) == dict.fromkeys(CHECKS, 0)
    counts = pairs(built_store, f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ GRAPH {SUMMARY} "
                                "{ ?s ?p ?o } } GROUP BY ?p")
    assert len(counts) == 7  # every kind is there, not only equal because both are empty


def test_the_summary_covers_every_review(built_store: ox.Store) -> None:
    rows = pairs(built_store, "SELECT ?a ?n WHERE { ?a jar:reviewCount ?n }")
    counts = {area.rsplit("/", 1)[-1].rstrip(">"): n for area, n in rows}
    # Southampton: its JAR (2007), the 2006 APA and the corporate assessment (annexes A, B)
    assert counts["southampton"].startswith('"3"')
    # Leicestershire: JAR 2008, APA 2007, enhanced youth inspection, corporate assessment
    assert counts["leicestershire"].startswith('"4"')


@pytest.mark.parametrize("sparql", [
    "SELECT ?s WHERE { ?s jar:reviewArea ?a . FILTER NOT EXISTS { ?s jar:review/jar:area ?a } }",
    "SELECT ?s WHERE { ?s jar:gradeValue ?n FILTER(?n < 1 || ?n > 4) }",
])
def test_no_summary_triple_says_otherwise(built_store: ox.Store, sparql: str) -> None:
    assert pairs(built_store, sparql) == set()
