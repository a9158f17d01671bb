"""The data shaped for its questions: links and counts the build writes beside the statements.

The pages and the named queries ask the same few things of every review: the
area a statement is about, the number a grade stands for, how many reviews an
area has, how many things of each kind there are. Asked of the statements
themselves, at a thousand reports each is a join through millions of triples
(``jar:review/jar:area``, ``jar:grade/skos:notation``) or a count over all of
them. So the build writes the answers once, into the ``summary`` graph:

- beside each statement of a review, ``jar:reviewArea``: its review's area;
- on each review, ``jar:hasJudgement`` for each of its judgements (a review is named
  by some eighty statements, a score of them judgements);
- beside each ``jar:grade``, ``jar:gradeValue``: the grade's number (1-4);
- on each area with a review, ``jar:reviewCount``: how many reviews of any kind;
- on the dataset (``jarid:dataset``), a VoID class partition per class with the
  number of its instances (``void:classPartition``, ``void:class``,
  ``void:entities``).

The first two are made per document, as it is converted, and validated with
it: the shapes require them to equal what they summarise (``sh:equals`` on the
paths they stand for). The counts are made once the store is loaded, from the
store, and validated on their own. Dumps and exports carry the summary graph,
so a SPARQL server loaded from a build has it too; ``tests/test_summary.py``
compares it with the statements.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, VOID, XSD

from . import uris
from .store.dataset import query
from .terms import short_iri
from .vocab import GRADES, ID, JAR

GRAPH_NAME = "summary"
DATASET = URIRef(f"{ID}dataset")
GRADE_VALUES = {uris.grade(number): number for number in GRADES}


def statement_links(graph: Graph) -> Graph:
    """``jar:reviewArea``, ``jar:hasJudgement`` and ``jar:gradeValue`` for the statements of
    one document."""
    links = Graph()
    judgements = set(graph.subjects(RDF.type, JAR.Judgement))
    for statement, review in graph.subject_objects(JAR.review):
        for area in graph.objects(review, JAR.area):
            links.add((statement, JAR.reviewArea, area))
        if statement in judgements:
            links.add((review, JAR.hasJudgement, statement))
    for subject, grade in graph.subject_objects(JAR.grade):
        number = GRADE_VALUES.get(grade)  # type: ignore[call-overload]
        if number is not None:
            links.add((subject, JAR.gradeValue, Literal(number, datatype=XSD.integer)))
    return links


REVIEW_COUNTS = """
SELECT ?area (COUNT(DISTINCT ?review) AS ?n)
WHERE { ?review a <https://w3id.org/jargraph/def#Review> ;
                <https://w3id.org/jargraph/def#area> ?area }
GROUP BY ?area"""
CLASS_COUNTS = "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class"


def dataset_counts(oxi: ox.Store) -> Graph:
    """The counts of a loaded store: reviews per area, instances per class."""
    counts = Graph()
    for row in _rows(oxi, REVIEW_COUNTS):
        counts.add((URIRef(row["area"].value), JAR.reviewCount,
                    Literal(int(row["n"].value), datatype=XSD.integer)))
    for row in _rows(oxi, CLASS_COUNTS):
        cls = row["class"]
        if not isinstance(cls, ox.NamedNode):
            continue
        partition = uris.thing("dataset", "class", uris.slug(short_iri(cls.value)))
        counts.add((DATASET, VOID.classPartition, partition))
        counts.add((partition, VOID["class"], URIRef(cls.value)))
        counts.add((partition, VOID.entities, Literal(int(row["n"].value), datatype=XSD.integer)))
    return counts


def _rows(oxi: ox.Store, sparql: str) -> list[ox.QuerySolution]:
    found = query(oxi, sparql)
    assert isinstance(found, ox.QuerySolutions)
    return list(found)


CHECKS = {
    "jar:reviewArea": ("SELECT ?s ?o WHERE { GRAPH <{graph}> { ?s jar:reviewArea ?o } }",
                       "SELECT DISTINCT ?s ?o WHERE { ?s jar:review ?r . ?r jar:area ?o }"),
    "jar:gradeValue": ("SELECT ?s ?o WHERE { GRAPH <{graph}> { ?s jar:gradeValue ?o } }",
                       "SELECT DISTINCT ?s ?o WHERE { ?s jar:grade ?g . ?g skos:notation ?o }"),
    "jar:hasJudgement": ("SELECT ?s ?o WHERE { GRAPH <{graph}> { ?s jar:hasJudgement ?o } }",
                         "SELECT DISTINCT ?s ?o WHERE { ?o a jar:Judgement ; jar:review ?s }"),
    "jar:reviewCount": ("SELECT ?s ?o WHERE { GRAPH <{graph}> { ?s jar:reviewCount ?o } }",
                        "SELECT ?s (COUNT(DISTINCT ?r) AS ?o) WHERE { ?r a jar:Review ; "
                        "jar:area ?s } GROUP BY ?s"),
    "void:classPartition": (
        "SELECT ?s ?o WHERE { GRAPH <{graph}> { <" + str(DATASET) + "> void:classPartition ?p . "
        "?p void:class ?s ; void:entities ?o } }",
        "SELECT ?s (COUNT(DISTINCT ?x) AS ?o) WHERE { ?x a ?s } GROUP BY ?s"),
}
"""Each kind of summary triple, and the query over the statements that must give the same
pairs."""


def differences(oxi: ox.Store) -> dict[str, int]:
    """How many pairs each kind of summary triple has that the statements do not give, or
    lacks that they give: all zero when the summary equals what it summarises."""
    prefixes = ("PREFIX jar: <https://w3id.org/jargraph/def#>\n"
                "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                "PREFIX void: <http://rdfs.org/ns/void#>\n")
    graph = str(uris.graph(GRAPH_NAME))
    out = {}
    for name, (written, stated) in CHECKS.items():
        found = [{(str(r["s"]), str(r["o"])) for r in _rows(oxi, prefixes + q)}
                 for q in (written.replace("{graph}", graph), stated)]
        out[name] = len(found[0] ^ found[1])
    return out
