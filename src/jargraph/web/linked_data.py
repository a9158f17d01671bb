"""Linked data: ``/id/...`` names a thing, ``/doc/...`` describes it.

Every ``https://w3id.org/jargraph/id/{path}`` is answered here at
``/id/{path}`` with a 303 to ``/doc/{path}``, the document about the thing.
That document is HTML, Turtle, N-Triples or JSON-LD, chosen by ``Accept`` or
by an extension (``/doc/area/southampton.ttl``).

The description of a thing is: every triple with it as subject (in any
graph), the labels of what it links to, what links to it, and for
statements their provenance: the passage they were derived from, its
document, paragraph number, section and text.

This module also holds the helpers every page uses to read the store; they
all go through the app's query workers, never the store itself.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from flask import Blueprint, Response, current_app, redirect, request
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from ..store import StoreError
from ..vocab import BASE, ID, JAR, PREFIXES

bp = Blueprint("linked_data", __name__)

LABEL_PROPERTIES = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2004/02/skos/core#notation",
)
"""Properties that name a thing, best first."""
PROVENANCE_PROPERTIES = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://purl.org/dc/terms/isPartOf",
    str(JAR.paragraphNumber),
    str(JAR.section),
    str(JAR.text),
    str(JAR.sourceLine),
)
"""What a description says about the passages its statements were derived from."""
INBOUND_LIMIT = 1000
"""Most links into a thing a description lists."""
MAX_PATH = 400
"""Longest ``/id/`` or ``/doc/`` path a thing can have."""

RDF_FORMATS: dict[str, tuple[str, str]] = {
    "ttl": ("text/turtle", "turtle"),
    "nt": ("application/n-triples", "nt"),
    "jsonld": ("application/ld+json", "json-ld"),
}
"""Extension -> (media type, rdflib serializer)."""
_MEDIA_TO_EXT = {media: ext for ext, (media, _) in RDF_FORMATS.items()}
_EXTENSIONS = {**{ext: ext for ext in RDF_FORMATS}, "json": "jsonld", "html": "html"}
_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9._~-]*"
_VALID_PATH = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# ---------------------------------------------------------------- reading the store


def execute(sparql: str, *, select: bool = True) -> bytes:
    """Run one query through the app's query workers; raises StoreError subclasses."""
    from . import get_executor

    out = get_executor().execute(
        sparql,
        "application/sparql-results+json" if select else None,
        None if select else "application/n-triples",
        timeout=float(current_app.config["QUERY_TIMEOUT"]),
    )
    return out.body


def select(sparql: str) -> list[dict[str, Node]]:
    """The rows of a SELECT query, each a dict of variable -> rdflib term."""
    data = json.loads(execute(sparql))
    return [
        {name: json_term(value) for name, value in binding.items()}
        for binding in data["results"]["bindings"]
    ]


def construct(sparql: str) -> Graph:
    """The answer to a CONSTRUCT query, as an rdflib graph with our prefixes bound."""
    graph = bind_prefixes(Graph())
    body = execute(sparql, select=False)
    if body.strip():
        graph.parse(data=body.decode("utf-8"), format="nt")
    return graph


def json_term(value: dict) -> Node:
    """One term of SPARQL 1.1 JSON results as an rdflib term."""
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    lang = value.get("xml:lang")
    datatype = value.get("datatype")
    return Literal(value["value"], lang=lang, datatype=URIRef(datatype) if datatype else None)


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


# ---------------------------------------------------------------- IRIs and paths


def thing_path(path: str) -> str | None:
    """The path of a thing (``area/southampton``) if it is well formed, else None."""
    if len(path) > MAX_PATH or not _VALID_PATH.fullmatch(path):
        return None
    return path


def href(iri: str) -> str | None:
    """Where on this site an IRI is described; external IRIs link to themselves."""
    if iri.startswith(str(ID)):
        rest = iri[len(str(ID)):]
        return "/doc/" + quote(rest, safe="/") if thing_path(rest) else None
    if iri == BASE + "def" or iri == str(JAR):
        return "/def"
    if iri.startswith(str(JAR)):
        return "/def/" + quote(iri[len(str(JAR)):], safe="")
    if iri.startswith(BASE + "graph/"):
        return None
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def curie(iri: str) -> str:
    """``jar:Judgement`` for an IRI in a known namespace, else the IRI."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        local = iri[len(PREFIXES[best]):]
        if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", local) or not local:
            return f"{best}:{local}"
    return iri


# ---------------------------------------------------------------- describing a thing


def describe_query(iri: str) -> str:
    """The CONSTRUCT that describes one thing (``iri`` must already be checked)."""
    labels = ", ".join(f"<{p}>" for p in LABEL_PROPERTIES)
    inbound_labels = ", ".join(
        f"<{p}>" for p in (*LABEL_PROPERTIES, str(JAR.text), str(RDF.type)))
    provenance = ", ".join(f"<{p}>" for p in PROVENANCE_PROPERTIES)
    return f"""
CONSTRUCT {{
  <{iri}> ?p ?o . ?o ?olp ?ol .
  ?in ?ip <{iri}> . ?in ?ilp ?il .
  ?pa ?pap ?pav . ?doc ?dlp ?dl .
}} WHERE {{
  {{ <{iri}> ?p ?o .
     OPTIONAL {{ ?o ?olp ?ol . FILTER(?olp IN ({labels})) }} }}
  UNION
  {{ {{ SELECT DISTINCT ?in ?ip WHERE {{ ?in ?ip <{iri}> }} LIMIT {INBOUND_LIMIT} }}
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


def serialize(graph: Graph, ext: str) -> bytes:
    """The description in one of ``RDF_FORMATS``."""
    _, name = RDF_FORMATS[ext]
    if name == "json-ld":
        context = {p: ns for p, ns in PREFIXES.items()}
        return graph.serialize(format="json-ld", context=context, auto_compact=True).encode()
    return graph.serialize(format=name, encoding="utf-8")


# ---------------------------------------------------------------- routes


@bp.route("/id/<path:path>")
def identifier(path: str) -> Response:
    """``/id/{path}`` names a thing: 303 See Other to the document about it."""
    checked = _checked(path)
    if isinstance(checked, Response):
        return checked
    response = redirect("/doc/" + quote(checked, safe="/"), code=303)
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/doc/<path:path>")
def document(path: str) -> Response:
    """The document about a thing, as HTML, Turtle, N-Triples or JSON-LD."""
    ext = None
    stem, dot, suffix = path.rpartition(".")
    if dot and suffix in _EXTENSIONS:
        path, ext = stem, _EXTENSIONS[suffix]
    checked = _checked(path)
    if isinstance(checked, Response):
        return checked
    fmt = ext or _negotiate()
    iri = str(ID) + checked
    try:
        graph = describe(iri)
    except StoreError as exc:
        from .pages import store_error

        return store_error(exc)
    if len(graph) == 0:
        return _unknown(checked, fmt)
    if fmt == "html":
        from .pages import render_thing

        response = render_thing(iri, graph)
    else:
        media, _ = RDF_FORMATS[fmt]
        response = Response(serialize(graph, fmt), mimetype=media)
        if media == "text/turtle":
            response.content_type = "text/turtle; charset=utf-8"
    if not ext:
        response.headers["Vary"] = "Accept"
        response.headers["Content-Location"] = f"/doc/{quote(checked, safe='/')}.{fmt}"
    response.headers["Link"] = ", ".join(
        f'</doc/{quote(checked, safe="/")}.{e}>; rel="alternate"; type="{m}"'
        for e, (m, _) in RDF_FORMATS.items()
    )
    return response


@bp.route("/doc/")
@bp.route("/id/")
def bare() -> Response:
    return redirect("/", code=303)


def _negotiate() -> str:
    """``html`` or an ``RDF_FORMATS`` extension, by the request's Accept header."""
    offers = ["text/html", "application/xhtml+xml", *_MEDIA_TO_EXT, "application/json"]
    best = request.accept_mimetypes.best_match(offers, default="text/html")
    if best in _MEDIA_TO_EXT:
        return _MEDIA_TO_EXT[best]
    if best == "application/json":
        return "jsonld"
    return "html"


def _checked(path: str) -> str | Response:
    """The path of a thing, or the 400/404 response for a path that cannot be one."""
    from .pages import not_found

    if _CONTROL.search(path):
        return not_found(path, status=400, reason="The address contains control characters.")
    checked = thing_path(path)
    if checked is None:
        reason = "The address is too long." if len(path) > MAX_PATH else (
            "Things here are named by letters, digits, hyphens and full stops only."
        )
        return not_found(path, status=404, reason=reason)
    return checked


def _unknown(path: str, fmt: str) -> Response:
    from .pages import not_found

    if fmt != "html":
        return Response(f"nothing is known about <{ID}{path}>\n", status=404,
                        mimetype="text/plain")
    return not_found(path, status=404, reason="Nothing in the dataset has this address.")
