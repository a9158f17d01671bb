"""Running the SHACL shapes: pyshacl over the data with the ontology mixed in.

The data graph gets the ontology's class tree, the concept schemes' typing
and the months each methodology was in use, so ``sh:targetClass`` and
``sh:class`` reach subclasses and concepts without any inference, and the
rules that compare dates with methodologies can read them; a shapes file
given as input is also checked against SHACL's own shapes (SHACL-SHACL).
pyshacl runs each SPARQL constraint once per focus node, so the data sits in
a store that parses each query only once.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import pyshacl
from pyshacl.entrypoints import meta_validate
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.evaluate import evalQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLResult
from rdflib.plugins.sparql.sparql import Query
from rdflib.plugins.stores.memory import Memory
from rdflib.query import Result
from rdflib.term import Identifier, Node

from .. import resources
from ..ontology import SHAPES_FILE, shapes_graph, vocabulary_graph
from ..vocab import JAR
from .locating import Locator
from .messages import place, shacl_findings
from .reading import all_triples
from .report import ValidationReport


@cache
def _prepared(query: str, namespaces: tuple[tuple[str, str], ...]) -> Query:
    """A SPARQL query parsed and translated once per process, not once per focus node."""
    return translateQuery(parseQuery(query), None, dict(namespaces))


class _PreparedQueryStore(Memory):
    """An in-memory store that reuses parsed queries.

    pyshacl runs each SPARQL constraint once per focus node with the same text and
    a new binding of ``$this``; rdflib would parse the text every time, which costs
    far more than evaluating it. rdflib hands queries to a store that can answer
    them, so this store answers from the cache and evaluates with rdflib as usual.
    """

    def query(
        self,
        query: str | Query,
        initNs: Mapping[str, Any],  # noqa: N803 - rdflib's names
        initBindings: Mapping[str, Identifier],  # noqa: N803
        queryGraph: str,  # noqa: N803
        **kwargs: Any,
    ) -> Result:
        if not isinstance(query, str) or kwargs:
            raise NotImplementedError
        prepared = _prepared(query, tuple(sorted((k, str(v)) for k, v in initNs.items())))
        graph = Graph(store=self, identifier=queryGraph)
        return SPARQLResult(evalQuery(graph, prepared, initBindings))


@cache
def _ontology_triples() -> tuple[tuple[Node, Node, Node], ...]:
    """What the shapes need from the ontology: the class tree, the type of every concept,
    the concepts' notations and the months each methodology was in use."""
    ontology = vocabulary_graph()
    return (
        *ontology.triples((None, RDFS.subClassOf, None)),
        *ontology.triples((None, RDF.type, None)),
        *ontology.triples((None, JAR.periodStart, None)),
        *ontology.triples((None, JAR.periodEnd, None)),
        *ontology.triples((None, SKOS.notation, None)),  # the grades' numbers (jar:gradeValue)
    )


def _with_ontology(data: Graph | Dataset) -> Graph:
    """A copy of the data, every named graph merged, with the ontology's typing added.

    The schemes' concepts must be typed in the data graph for sh:class to know
    them, and the ontology's rdfs:subClassOf must be there for sh:targetClass and
    sh:class to reach subclasses; pyshacl's own ontology mixing copies axioms but
    not concepts.
    """
    graph = Graph(store=_PreparedQueryStore(), bind_namespaces="core")
    graph.addN((s, p, o, graph) for s, p, o in _ontology_triples())
    graph.addN((s, p, _plain(o), graph) for s, p, o in all_triples(data))
    return graph


def _plain(term: Node) -> Node:
    """``"x"^^xsd:string`` as the plain ``"x"``: the same literal in RDF 1.1, which rdflib
    keeps apart, so that a list of allowed strings (sh:in) matches it either way."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def run_shapes(data: Graph | Dataset, inference: str = "none") -> tuple[bool, Graph]:
    """pyshacl's verdict and results graph for the data, with the ontology mixed in.

    No inference by default: subclass membership needs none (the ontology's
    rdfs:subClassOf is in the graph), and RDFS range inference would type any
    IRI written after jar:judgementArea as a jar:JudgementArea, so a misspelt
    concept would pass.
    """
    conforms, results, _ = pyshacl.validate(
        _with_ontology(data), shacl_graph=shapes_graph(), inference=inference, inplace=True,
    )
    return bool(conforms), results


def check_shapes_graph(
    shapes: Graph | None = None, *, source_text: str | None = None, file: str | None = None
) -> ValidationReport:
    """Validate a shapes graph (by default ours) against pyshacl's bundled SHACL-SHACL shapes."""
    if shapes is None:
        path = resources.ontology_file(SHAPES_FILE)
        shapes, source_text, file = shapes_graph(), path.read_text(encoding="utf-8"), str(path)
    conforms, results, _ = meta_validate(shapes, inference="none")
    locator = Locator(source_text, "turtle", shapes) if source_text is not None else None
    problems = place(shacl_findings(results, Graph()), shapes, locator, file, "turtle")
    return ValidationReport(problems, bool(conforms), results)
