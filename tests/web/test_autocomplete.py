"""``/query/completions``: the editor's completions, from the site's own vocabulary.

Expected names are read from the ontology and scheme files as text (each ``jar:Name a
owl:Class``, each concept IRI) and from the report file names, not from the code's output.
"""

from __future__ import annotations

import json
import re

import pytest

from jargraph import resources
from jargraph.vocab import PREFIXES

from .conftest import fetch

JAR = "https://w3id.org/jargraph/def#"
ID = "https://w3id.org/jargraph/id/"


@pytest.fixture(scope="module")
def completions(site_url: str) -> dict:
    answer = fetch(site_url, "/query/completions")
    assert answer.status == 200
    assert answer.media_type == "application/json"
    assert "max-age" in answer.headers.get("cache-control", "")
    return json.loads(answer.body)


def ontology_text() -> str:
    return resources.ontology_file("jargraph.ttl").read_text(encoding="utf-8")


def test_prefixes_are_the_sites(completions: dict) -> None:
    assert completions["prefixes"] == PREFIXES
    assert completions["prefixes"]["jar"] == JAR


def test_every_class_of_the_ontology_is_offered(completions: dict) -> None:
    written = set(re.findall(r"^jar:(\w+) a owl:Class", ontology_text(), re.M))
    assert len(written) > 30
    assert {JAR + name for name in written} <= set(completions["classes"])
    for name in ("Area", "JointAreaReview", "Judgement", "Finding", "Recommendation"):
        assert JAR + name in completions["classes"]
    assert "http://www.w3.org/2004/02/skos/core#Concept" in completions["classes"]


def test_properties_of_the_ontology_and_the_shapes_are_offered(completions: dict) -> None:
    written = set(re.findall(r"^jar:(\w+) a owl:(?:Object|Datatype|Annotation)Property",
                             ontology_text(), re.M))
    assert len(written) > 30
    assert {JAR + name for name in written} <= set(completions["properties"])
    for iri in ("http://www.w3.org/2004/02/skos/core#prefLabel",
                "http://www.w3.org/ns/prov#wasDerivedFrom",
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"):
        assert iri in completions["properties"]
    assert not set(completions["properties"]) & set(completions["classes"])


def test_concepts_and_areas_are_offered(completions: dict) -> None:
    terms = set(completions["terms"])
    for grade in ("outstanding", "good", "adequate", "inadequate"):
        assert f"{ID}grade/{grade}" in terms
    schemes = resources.ontology_dir() / "schemes"
    for path in sorted(schemes.glob("*.ttl")):
        for iri in re.findall(r"^<(https://w3id\.org/jargraph/id/[^>]+)>\s*\n\s*a skos:Concept\b",
                              path.read_text(encoding="utf-8"), re.M):
            assert iri in terms, (path.name, iri)
    reports = resources.path("data", "reports")
    for name in ("southampton", "leeds", "leicestershire"):
        assert any(p.name.startswith(f"jar-{name}") or name in p.name
                   for p in reports.iterdir())
        assert f"{ID}area/{name}" in terms
    assert sum(1 for t in terms if t.startswith(ID + "area/")) == 154, "every area"
    assert completions["terms"] == sorted(completions["terms"])


def test_nothing_is_offered_from_elsewhere(completions: dict) -> None:
    every = completions["classes"] + completions["properties"] + completions["terms"]
    assert all(i.startswith(("http://", "https://")) for i in every)
    assert not any("prefix.cc" in i or "linkeddata.es" in i for i in every)
