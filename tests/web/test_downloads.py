"""``/void`` and ``/licence``: the dataset's licences, not the code's.

The words quoted from the source documents are Crown copyright, reproduced on
their own terms; jargraph's encodings are CC BY 4.0; its code is MIT. The
dataset description must not give the dataset the code's licence, and each
named graph carries its own.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, VOID

from .conftest import fetch

MIT = URIRef("https://opensource.org/licenses/MIT")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
DATASET = URIRef("https://w3id.org/jargraph/id/dataset/jargraph")
GRAPH = "https://w3id.org/jargraph/graph/"


def void(site_url: str) -> Graph:
    answer = fetch(site_url, "/void", accept="text/turtle")
    assert answer.status == 200
    return Graph().parse(data=answer.text, format="turtle")


def test_the_dataset_is_not_under_the_codes_licence(site_url: str) -> None:
    graph = void(site_url)
    assert set(graph.objects(DATASET, DCTERMS.license)) == {URIRef(site_url + "/licence")}
    rights = str(graph.value(DATASET, DCTERMS.rights))
    assert "Crown copyright" in rights and "non-commercial" in rights
    assert "without adaptation" in rights and "CC BY 4.0" in rights
    assert "MIT" in rights and "not a licence of the data" in rights


def test_each_graph_has_its_licence(site_url: str) -> None:
    graph = void(site_url)
    by_graph = {str(s): graph.value(s, DCTERMS.license)
                for s in graph.objects(DATASET, VOID.subset)}
    assert by_graph[GRAPH + "schemes"] == MIT
    assert by_graph[GRAPH + "jar-testshire-2007"] == URIRef(
        site_url + "/licence#source-documents")
    assert str(graph.value(URIRef(site_url + "/licence#source-documents"),
                           URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == (
        "Crown copyright: non-commercial reproduction without adaptation")


def test_the_licence_page(site_url: str) -> None:
    answer = fetch(site_url, "/licence", accept="text/html")
    assert answer.status == 200
    text = answer.text
    for heading in ("Crown copyright: non-commercial reproduction without adaptation",
                    "Creative Commons Attribution 4.0 International (CC BY 4.0)",
                    "MIT licence"):
        assert f">{heading}</h2>" in text
    assert f'href="{CC_BY}"' in text and f'href="{MIT}"' in text
    assert 'id="source-documents"' in text
    assert 'href="/licence"' in fetch(site_url, "/", accept="text/html").text, "every page"
