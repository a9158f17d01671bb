"""Content negotiation for descriptions: HTML for people, any RDF graph format for programs."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from werkzeug.exceptions import NotAcceptable

from jargraph import formats
from jargraph.web import create_app
from jargraph.web.negotiation import serialize, wanted_format


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    return create_app({"home": tmp_path_factory.mktemp("no-store"), "workers": 1})


@pytest.mark.parametrize(("accept", "expected"), [
    ("text/html,application/xhtml+xml", None),
    ("*/*", None),
    ("", None),
    ("text/turtle", "ttl"),
    ("application/rdf+xml", "rdf"),
    ("application/ld+json;q=0.9, text/html;q=0.5", "jsonld"),
    ("application/json", "jsonld"),
    ("text/plain", "nt"),
])
def test_accept_picks_html_or_a_graph_format(app, accept: str, expected: str | None) -> None:
    with app.test_request_context(headers={"Accept": accept} if accept else {}):
        found = wanted_format()
    assert (found.name if found else None) == expected


def test_a_name_wins_over_accept_and_an_unknown_one_is_refused(app) -> None:
    with app.test_request_context(headers={"Accept": "text/html"}):
        assert wanted_format("ttl") is formats.TURTLE
        assert wanted_format("html") is None
        with pytest.raises(NotAcceptable, match="no format 'docx'"):
            wanted_format("docx")


def test_nothing_acceptable_is_a_406(app) -> None:
    with app.test_request_context(headers={"Accept": "image/png"}):
        with pytest.raises(NotAcceptable, match="application/rdf\\+xml"):
            wanted_format()


def test_every_graph_format_serialises_and_parses_back(tmp_path: Path) -> None:
    graph = Graph()
    graph.add((URIRef("https://w3id.org/jargraph/id/area/leeds"),
               URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("Leeds", "en")))
    for fmt in formats.GRAPHS:
        back = Graph().parse(data=serialize(graph, fmt), format=fmt.rdflib)
        assert set(back) == set(graph), fmt.name
