"""The one table of formats: names, aliases, media types and extensions resolve alike."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from jargraph import formats


@pytest.mark.parametrize(("key", "families", "name"), [
    ("json", ("results",), "json"),
    ("json", ("graph",), "jsonld"),
    ("application/json", ("graph",), "jsonld"),
    ("xml", ("graph",), "rdf"),
    ("text/xml", ("results",), "xml"),
    ("Turtle", (), "ttl"),
    ("n3", ("graph",), "ttl"),
    ("nquads", ("dataset",), "nq"),
    ("text/plain", ("graph",), "nt"),
    ("srj", (), "json"),
])
def test_names_aliases_and_media_types_find_one_format(key, families, name) -> None:
    found = formats.find(key, *families)
    assert found is not None and found.name == name


def test_an_unknown_name_finds_nothing() -> None:
    assert formats.find("docx") is None
    assert formats.find("csv", "graph") is None


def test_every_format_has_its_oxigraph_writer() -> None:
    for fmt in formats.RESULTS:
        assert isinstance(fmt.results_format, ox.QueryResultsFormat)
    for fmt in formats.RDF:
        assert isinstance(fmt.rdf_format, ox.RdfFormat)
        assert fmt.rdflib
    with pytest.raises(ValueError):
        formats.find("csv").rdf_format  # noqa: B018


def test_offers_map_every_accepted_media_type_to_the_type_sent() -> None:
    offers = formats.offers("graph")
    assert offers["application/x-turtle"].media_type == "text/turtle"
    assert offers["application/xml"].media_type == "application/rdf+xml"
    assert list(offers)[:4] == [f.media_type for f in formats.GRAPHS]


def test_media_types_with_parameters_are_read() -> None:
    found = formats.by_media_type("text/turtle; charset=utf-8")
    assert found is formats.TURTLE
    assert formats.TURTLE.content_type == "text/turtle; charset=utf-8"
    assert formats.SPARQL_JSON.iri == "http://www.w3.org/ns/formats/SPARQL_Results_JSON"
