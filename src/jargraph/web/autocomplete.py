"""``/query/completions``: what the query editor offers as you type, from the site itself.

The editor (YASGUI on ``/query``) would otherwise ask prefix.cc and Linked
Open Vocabularies, other hosts, for prefixes, classes and properties; here
it asks this site, which answers from its own vocabulary:

* ``prefixes``: the site's prefixes (``jargraph.vocab.PREFIXES``);
* ``classes`` and ``properties``: the ontology's classes and properties,
  and those the shapes use (``skos:prefLabel``, ``prov:wasDerivedFrom`` ...);
* ``terms``: the IRIs of the things a query names most: the concepts of the
  SKOS schemes and the reviewed areas (from the reference table).

Every list is made from package data, once per process, and sorted; the
answer may be cached by the browser.
"""

from __future__ import annotations

from functools import cache

from flask import Blueprint, Response, jsonify
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from ..links import authorities
from ..ontology import ontology_graph, schemes_graph, shapes_graph
from ..vocab import PREFIXES

bp = Blueprint("autocomplete", __name__)

CLASS_TYPES = (OWL.Class, RDFS.Class)
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                  RDF.Property)
MAX_AGE = 3600
"""Seconds a browser may keep the completions (they change only with the package)."""


def _typed(graph: Graph, types: tuple[URIRef, ...]) -> set[str]:
    return {str(s) for t in types for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef)}


def _objects(graph: Graph, predicate: URIRef) -> set[str]:
    return {str(o) for o in graph.objects(None, predicate) if isinstance(o, URIRef)}


@cache
def completions() -> dict[str, object]:
    """Prefixes, classes, properties and terms, as the editor's completers read them."""
    ontology, shapes, schemes = ontology_graph(), shapes_graph(), schemes_graph()
    classes = (_typed(ontology, CLASS_TYPES) | _objects(shapes, SH.targetClass)
               | _objects(shapes, SH["class"]) | {str(SKOS.Concept), str(SKOS.ConceptScheme)})
    properties = (_typed(ontology, PROPERTY_TYPES) | _objects(shapes, SH.path)
                  | {str(RDF.type), str(RDFS.label), str(RDFS.comment)})
    terms = _typed(schemes, (SKOS.Concept, SKOS.ConceptScheme))
    terms |= {str(a.uri) for a in authorities()}
    return {
        "prefixes": dict(PREFIXES),
        "classes": sorted(classes),
        "properties": sorted(properties - classes),
        "terms": sorted(terms),
    }


@bp.route("/query/completions")
def completions_json() -> Response:
    response = jsonify(completions())
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
