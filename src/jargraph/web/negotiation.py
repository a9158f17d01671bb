"""Content negotiation for the site's descriptions: HTML for people, RDF for programs.

A thing's page (``/doc/``), the dataset description (``/void``) and the
ontology (``/def``) are each an HTML page or an RDF graph in any graph format
of :mod:`jargraph.formats`, chosen by an extension, ``?format=`` or
``Accept``; what none of those allow is a 406 that lists what is.
"""

from __future__ import annotations

from flask import Response, request
from rdflib import Graph
from werkzeug.exceptions import NotAcceptable

from .. import formats
from ..formats import Format
from ..vocab import PREFIXES

HTML_TYPES = ("text/html", "application/xhtml+xml")


def available() -> str:
    return ", ".join(["text/html", *(f.media_type for f in formats.GRAPHS)])


def wanted_format(asked: str | None = None, default: str = "html") -> Format | None:
    """The graph format asked for (by name, then ``Accept``); None for HTML.

    ``default`` is what a request with no ``Accept`` preference gets (``html`` or
    a format name). Raises 406 when nothing offered is acceptable.
    """
    if asked:
        if asked.lower() == "html":
            return None
        found = formats.find(asked, "graph")
        if found is None:
            raise NotAcceptable(f"no format {asked!r} here; available: html, "
                                + ", ".join(formats.names("graph")))
        return found
    accept = request.accept_mimetypes
    if not accept:
        return None if default == "html" else formats.find(default, "graph")
    offers = formats.offers("graph")
    html_first = list(HTML_TYPES) + list(offers)
    other_first = list(offers) + list(HTML_TYPES)
    best = accept.best_match(html_first if default == "html" else other_first)
    if best is None:
        raise NotAcceptable(f"this resource is available as {available()}")
    return None if best in HTML_TYPES else offers[best]


def serialize(graph: Graph, fmt: Format) -> bytes:
    """A graph in one of the graph formats, with the site's prefixes."""
    if fmt.rdflib == "json-ld":
        return graph.serialize(format="json-ld", context=dict(PREFIXES),
                               auto_compact=True).encode()
    return graph.serialize(format=fmt.rdflib or "turtle", encoding="utf-8")


def rdf_response(graph: Graph, fmt: Format) -> Response:
    response = Response(serialize(graph, fmt), content_type=fmt.content_type)
    response.headers["Vary"] = "Accept"
    return response
