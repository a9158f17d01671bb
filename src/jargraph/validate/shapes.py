"""Running the SHACL shapes: pyshacl over the data with the ontology mixed in.

The data graph gets the ontology's class tree and the concept schemes'
typing, so ``sh:class`` and ``sh:targetClass`` reach subclasses and concepts
without any inference; a shapes file given as input is also checked against
SHACL's own shapes (SHACL-SHACL). pyshacl runs each SPARQL constraint once per
focus node, so the data sits in a store that parses each query only once.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import pyshacl
from pyshacl.entrypoints import meta_validate
from rdflib import Dataset, Graph
from rdflib.namespace import RDF, RDFS, SH, SKOS
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
from .messages import as_problems
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
def _typing_triples() -> tuple[tuple[Node, Node, Node], ...]:
    """What the shapes need from the ontology: the class tree, the type of every concept
    and the concepts' notations."""
    ontology = vocabulary_graph()
    return (
        *ontology.triples((None, RDFS.subClassOf, None)),
        *ontology.triples((None, RDF.type, None)),
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
    graph.addN((s, p, o, graph) for s, p, o in _typing_triples())
    graph.addN((s, p, o, graph) for s, p, o in all_triples(data))
    return graph


def validate_graph(
    data: Graph | Dataset,
    *,
    source_text: str | None = None,
    file: str | None = None,
    format: str | None = None,
    inference: str = "none",
) -> ValidationReport:
    """Run the shapes over the data, with the ontology mixed in, and place each result.

    ``source_text`` (the text ``data`` was parsed from) lets problems carry the
    line where the node is written; ``format`` defaults to the one ``file`` names.
    No inference by default: subclass membership needs none (the ontology's
    rdfs:subClassOf is in the graph), and RDFS range inference would type any
    IRI written after jar:judgementArea as a jar:JudgementArea, so a misspelt
    concept would pass.
    """
    conforms, results, _ = pyshacl.validate(
        _with_ontology(data),
        shacl_graph=shapes_graph(),
        inference=inference,
        inplace=True,
    )
    problems = as_problems(results, data, source_text, file, format)
    if _is_shapes_graph(data):
        meta = check_shapes_graph(data, source_text=source_text, file=file)
        problems += meta.problems
        results += meta.results_graph
        conforms = conforms and meta.conforms
    return ValidationReport(problems, bool(conforms) and not problems, results)


def _is_shapes_graph(data: Graph) -> bool:
    """A shapes file given as input is also checked against SHACL's own shapes."""
    graphs = data.graphs() if isinstance(data, Dataset) else [data]
    return any(next(g.triples((None, RDF.type, SH.NodeShape)), None) for g in graphs)


def check_shapes_graph(
    shapes: Graph | None = None, *, source_text: str | None = None, file: str | None = None
) -> ValidationReport:
    """Validate a shapes graph (by default ours) against pyshacl's bundled SHACL-SHACL shapes."""
    if shapes is None:
        path = resources.ontology_file(SHAPES_FILE)
        shapes, source_text, file = shapes_graph(), path.read_text(encoding="utf-8"), str(path)
    conforms, results, _ = meta_validate(shapes, inference="none")
    problems = as_problems(results, shapes, source_text, file, "turtle")
    return ValidationReport(problems, bool(conforms), results)
