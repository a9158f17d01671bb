"""Linked data over real HTTP: /id/ 303s to /doc/, formats by Accept and extension, 404s."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from .conftest import fetch

JAR = Namespace("https://w3id.org/jargraph/def#")
ID = "https://w3id.org/jargraph/id/"
AREA = URIRef(ID + "area/testshire")
REVIEW = URIRef(ID + "review/jar-testshire-2007")
FINDING = URIRef(ID + "review/jar-testshire-2007/safeguarding/strength/good-multi-agency-working")
PASSAGE = URIRef(ID + "document/jar-testshire-2007/paragraph/12")
DOCUMENT = URIRef(ID + "document/jar-testshire-2007")
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
}


def parse(body: bytes, media_type: str) -> Graph:
    graph = Graph()
    graph.parse(data=body.decode("utf-8"), format=RDF_TYPES[media_type])
    return graph


def test_id_answers_303_see_other_to_doc(site_url: str) -> None:
    answer = fetch(site_url, "/id/area/testshire")
    assert answer.status == 303
    assert answer.headers["location"].endswith("/doc/area/testshire")


@pytest.mark.parametrize("accept", list(RDF_TYPES))
def test_303_chain_then_accept_picks_the_format(site_url: str, accept: str) -> None:
    first = fetch(site_url, "/id/area/testshire", accept=accept)
    assert first.status == 303
    location = first.headers["location"]
    path = location[location.index("/doc/"):]
    answer = fetch(site_url, path, accept=accept)
    assert answer.status == 200
    assert answer.media_type == accept
    assert "Accept" in answer.headers.get("vary", "")
    graph = parse(answer.body, accept)
    assert (AREA, RDF.type, JAR.Area) in graph
    assert (REVIEW, JAR.area, AREA) in graph, "inbound links are part of the description"
    assert graph.value(REVIEW, RDFS.label) is not None, "labels of what links in"


def test_browser_accept_gets_html(site_url: str) -> None:
    answer = fetch(site_url, "/doc/area/testshire",
                   accept="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert answer.status == 200
    assert answer.media_type == "text/html"
    assert "<h1>" in answer.text


@pytest.mark.parametrize(("ext", "media_type"), [
    ("ttl", "text/turtle"), ("nt", "application/n-triples"), ("jsonld", "application/ld+json"),
])
def test_extension_picks_the_format_whatever_accept_says(
        site_url: str, ext: str, media_type: str) -> None:
    answer = fetch(site_url, f"/doc/area/testshire.{ext}", accept="text/html")
    assert answer.status == 200
    assert answer.media_type == media_type
    graph = parse(answer.body, media_type)
    label = Literal("Testshire <script>alert('area')</script>", lang="en")
    assert (AREA, RDFS.label, label) in graph


def test_jsonld_uses_our_prefixes(site_url: str) -> None:
    answer = fetch(site_url, "/doc/area/testshire.jsonld")
    data = json.loads(answer.body)
    assert data["@context"]["jar"] == str(JAR)


def test_description_of_a_statement_carries_its_provenance(site_url: str) -> None:
    answer = fetch(site_url, "/doc/review/jar-testshire-2007/safeguarding/strength/"
                             "good-multi-agency-working.ttl")
    assert answer.status == 200
    graph = parse(answer.body, "text/turtle")
    assert (FINDING, PROV.wasDerivedFrom, PASSAGE) in graph
    assert (PASSAGE, DCTERMS.isPartOf, DOCUMENT) in graph
    assert (PASSAGE, JAR.paragraphNumber, Literal("12")) in graph
    assert (PASSAGE, JAR.section, Literal("Safeguarding")) in graph
    assert graph.value(PASSAGE, JAR.text) is not None
    assert graph.value(DOCUMENT, DCTERMS.title) is not None
    # labels of the things it links to
    assert graph.value(URIRef(ID + "judgement-area/safeguarding"),
                       URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")) is not None


def test_a_thing_known_only_by_links_to_it_has_a_page(site_url: str) -> None:
    answer = fetch(site_url, "/doc/timeframe/immediate.ttl")
    assert answer.status == 200


def test_unknown_thing_is_a_helpful_404(site_url: str) -> None:
    answer = fetch(site_url, "/doc/area/atlantis", accept="text/html")
    assert answer.status == 404
    assert answer.media_type == "text/html"
    assert 'href="/"' in answer.text and "/query" in answer.text
    assert fetch(site_url, "/doc/area/atlantis.ttl").status == 404
    # /id/ always redirects; the document then says there is nothing
    assert fetch(site_url, "/id/area/atlantis").status == 303


@pytest.mark.parametrize("path", [
    "/doc/../../etc/passwd",
    "/id/../../etc/passwd",
    "/doc/%2e%2e/%2e%2e/etc/passwd",
    "/doc/area/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/doc/..%2f..%2fetc%2fpasswd",
    "/doc/area/%00",
    "/id/area/testshire%00.ttl",
    "/doc/area/testshire%0d%0aSet-Cookie:%20x=1",
    "/doc/area/%3Cscript%3Ealert(1)%3C/script%3E",
    "/doc/area/testshire%20",
    "/doc/area//testshire",
    "/doc/area/" + "a" * 5000,
    "/id/" + "b/" * 3000,
    "/doc/%ff%fe",
    "/doc/area/testshire/.",
    "/doc/.ttl",
])
def test_odd_paths_are_400_or_404_never_a_crash(site_url: str, path: str) -> None:
    answer = fetch(site_url, path, accept="text/html")
    assert answer.status in (400, 404), (path, answer.status)
    assert "Traceback" not in answer.text
    assert "root:" not in answer.text
    assert "set-cookie" not in answer.headers
    assert "<script>alert(1)" not in answer.text


def test_dotted_paragraph_numbers_are_not_taken_for_extensions(site_url: str) -> None:
    answer = fetch(site_url, "/doc/document/jar-testshire-2007/paragraph/3.1", accept="text/html")
    assert answer.status == 404
    assert "3.1" in answer.text


def test_doc_links_to_its_other_formats(site_url: str) -> None:
    answer = fetch(site_url, "/doc/review/jar-testshire-2007", accept="text/html")
    assert 'rel="alternate"' in answer.headers.get("link", "")
    assert 'href="/doc/review/jar-testshire-2007.ttl"' in answer.text


@pytest.mark.parametrize(("path", "accept"), [
    ("/doc/area/testshire", "application/rdf+xml"),
    ("/doc/area/testshire", "application/rdf+xml;q=0.9, text/html;q=0.5"),
    ("/doc/area/testshire.rdf", "text/html"),
])
def test_rdf_xml_is_parsed_back_by_rdflib(site_url: str, path: str, accept: str) -> None:
    answer = fetch(site_url, path, accept=accept)
    assert answer.status == 200
    assert answer.media_type == "application/rdf+xml"
    graph = Graph()
    graph.parse(data=answer.body, format="xml")
    assert (AREA, RDF.type, JAR.Area) in graph
    assert (AREA, RDFS.label, Literal("Testshire <script>alert('area')</script>", lang="en")) \
        in graph
    assert (REVIEW, JAR.area, AREA) in graph


@pytest.mark.parametrize("accept", ["image/png", "application/sparql-results+json",
                                    "text/csv", "application/pdf, image/*;q=0.5"])
def test_a_type_that_cannot_be_written_is_a_406(site_url: str, accept: str) -> None:
    answer = fetch(site_url, "/doc/area/testshire", accept=accept)
    assert answer.status == 406
    for offered in ("text/html", "text/turtle", "application/rdf+xml", "application/ld+json",
                    "application/n-triples"):
        assert offered in answer.text
    assert fetch(site_url, "/doc/area/testshire.pdf", accept="text/html").status == 404
