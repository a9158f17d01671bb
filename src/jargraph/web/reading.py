"""Reading the store from a view: SELECT rows and CONSTRUCT graphs.

Every page reads through the app's query executor (so a time limit holds and
a crash costs a worker, not the server), never through the store itself.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .. import formats
from ..store.terms import to_rdflib
from ..vocab import PREFIXES
from .executor import current_executor

LABEL_PROPERTIES = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2004/02/skos/core#notation",
)
"""Properties that name a thing, best first."""


def execute(sparql: str, *, select: bool = True) -> bytes:
    """Run one query through the app's executor; raises StoreError subclasses."""
    out = current_executor().execute(
        sparql,
        formats.SPARQL_JSON.media_type if select else None,
        None if select else formats.N_TRIPLES.media_type,
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
    """The answer to a CONSTRUCT query, as an rdflib graph with our prefixes bound.

    Oxigraph parses the N-Triples, in about two thirds of the time rdflib's parser
    takes (10 ms against 15 ms for an area's 600 facts)."""
    graph = bind_prefixes(Graph())
    body = execute(sparql, select=False)
    if body.strip():
        graph.addN((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object),
                    graph) for q in ox.parse(body, ox.RdfFormat.N_TRIPLES))
    return graph


def integer(node: Node | None, default: int = 0) -> int:
    """A number a query counted (a literal), or ``default`` when unbound or not a number."""
    try:
        return int(str(node)) if node is not None else default
    except ValueError:
        return default


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
