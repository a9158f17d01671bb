"""Linked data: ``/id/...`` names a thing, ``/doc/...`` describes it.

Every ``https://w3id.org/jargraph/id/{path}`` is answered here at
``/id/{path}`` with a 303 to ``/doc/{path}``, the document about the thing.
That document is HTML or RDF in any graph format of :mod:`jargraph.formats`
(Turtle, N-Triples, RDF/XML, JSON-LD), chosen by ``Accept`` or by an
extension (``/doc/area/southampton.ttl``); other types get 406.

The description of a thing is: every triple with it as subject (in any
graph), the labels of what it links to, what links to it, and for
statements their provenance: the passage they were derived from, its
document, paragraph number, section and text, and the words quoted from it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from flask import Blueprint, Response, redirect
from rdflib import Graph
from rdflib.namespace import RDF
from werkzeug.wrappers import Response as WerkzeugResponse

from .. import formats
from ..store import StoreError
from ..terms import MAX_PATH, thing_path
from ..vocab import ID, JAR
from .errors import not_found, store_error
from .negotiation import rdf_response, wanted_format
from .reading import LABEL_PROPERTIES, construct
from .things import render_thing

bp = Blueprint("linked_data", __name__)

DERIVATION_PROPERTIES = (
    "http://www.w3.org/ns/prov#entity",
    str(JAR.quotation),
)
"""What a description says about each qualified derivation of the thing: the passage and
the words quoted from it (which its page marks in the passage)."""
PROVENANCE_PROPERTIES = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://purl.org/dc/terms/isPartOf",
    str(JAR.paragraphNumber),
    str(JAR.section),
    str(JAR.text),
    str(JAR.sourceLine),
)
"""What a description says about the passages its statements were derived from."""
UNLISTED_INBOUND = (str(JAR.reviewArea),)
"""Links into a thing a description leaves out: the build's shortcut from every statement
of a review to its area (thousands on an area), which the review's own jar:area states."""
INBOUND_LIMIT = 1000
"""Most links into a thing a description lists."""
_EXTENSIONS = {f.extension: f.name for f in formats.GRAPHS} | {"json": "jsonld", "html": "html"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# ---------------------------------------------------------------- describing a thing


def describe_query(iri: str) -> str:
    """The CONSTRUCT that describes one thing (``iri`` must already be checked)."""
    labels = ", ".join(f"<{p}>" for p in LABEL_PROPERTIES)
    linked = ", ".join(f"<{p}>" for p in (*LABEL_PROPERTIES, *DERIVATION_PROPERTIES))
    inbound_labels = ", ".join(
        f"<{p}>" for p in (*LABEL_PROPERTIES, str(JAR.text), str(RDF.type)))
    provenance = ", ".join(f"<{p}>" for p in PROVENANCE_PROPERTIES)
    hidden = ", ".join(f"<{p}>" for p in UNLISTED_INBOUND)
    return f"""
CONSTRUCT {{
  <{iri}> ?p ?o . ?o ?olp ?ol .
  ?in ?ip <{iri}> . ?in ?ilp ?il .
  ?pa ?pap ?pav . ?doc ?dlp ?dl .
}} WHERE {{
  {{ <{iri}> ?p ?o .
     OPTIONAL {{ ?o ?olp ?ol . FILTER(?olp IN ({linked})) }} }}
  UNION
  {{ {{ SELECT DISTINCT ?in ?ip WHERE {{ ?in ?ip <{iri}> FILTER(?ip NOT IN ({hidden})) }}
       LIMIT {INBOUND_LIMIT} }}
     OPTIONAL {{ ?in ?ilp ?il .
                 FILTER(?ilp IN ({inbound_labels})) }} }}
  UNION
  {{ <{iri}> <http://www.w3.org/ns/prov#wasDerivedFrom> ?pa .
     ?pa ?pap ?pav . FILTER(?pap IN ({provenance}))
     OPTIONAL {{ ?pa <http://purl.org/dc/terms/isPartOf> ?doc .
                 ?doc ?dlp ?dl . FILTER(?dlp IN ({labels})) }} }}
}}"""


def describe(iri: str) -> Graph:
    """The description of one thing; empty when the store knows nothing about it."""
    return construct(describe_query(iri))


# ---------------------------------------------------------------- routes


@bp.route("/id/<path:path>")
def identifier(path: str) -> WerkzeugResponse:
    """``/id/{path}`` names a thing: 303 See Other to the document about it."""
    checked = _checked(path)
    if isinstance(checked, Response):
        return checked
    response = redirect("/doc/" + quote(checked, safe="/"), code=303)
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/doc/<path:path>")
def document(path: str) -> Response:
    """The document about a thing, as HTML or RDF (see the module docstring)."""
    ext = None
    stem, dot, suffix = path.rpartition(".")
    if dot and suffix in _EXTENSIONS:
        path, ext = stem, _EXTENSIONS[suffix]
    checked = _checked(path)
    if isinstance(checked, Response):
        return checked
    fmt = wanted_format(ext)
    iri = str(ID) + checked
    try:
        graph = describe(iri)
    except StoreError as exc:
        return store_error(exc)
    if len(graph) == 0:
        return _unknown(checked, fmt is None)
    response = render_thing(iri, graph) if fmt is None else rdf_response(graph, fmt)
    where = "/doc/" + quote(checked, safe="/")
    if not ext:
        response.headers["Vary"] = "Accept"
        response.headers["Content-Location"] = f"{where}.{fmt.extension if fmt else 'html'}"
    response.headers["Link"] = ", ".join(
        f'<{where}.{f.extension}>; rel="alternate"; type="{f.media_type}"'
        for f in formats.GRAPHS)
    return response


@bp.route("/doc/")
@bp.route("/id/")
def bare() -> WerkzeugResponse:
    return redirect("/", code=303)


def _checked(path: str) -> str | Response:
    """The path of a thing, or the 400/404 response for a path that cannot be one."""
    if _CONTROL.search(path):
        return not_found(path, status=400, reason="The address contains control characters.")
    checked = thing_path(path)
    if checked is None:
        reason = "The address is too long." if len(path) > MAX_PATH else (
            "Things here are named by letters, digits, hyphens and full stops only."
        )
        return not_found(path, status=404, reason=reason)
    return checked


def _unknown(path: str, html: bool) -> Response:
    if not html:
        return Response(f"nothing is known about <{ID}{path}>\n", status=404,
                        mimetype="text/plain")
    return not_found(path, status=404, reason="Nothing in the dataset has this address.")
