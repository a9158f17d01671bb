"""Running the shapes with the ontology mixed in; the shapes themselves and SHACL-SHACL."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from jargraph.resources import ontology_dir
from jargraph.validate import check_shapes_graph, validate_file, validate_graph
from jargraph.vocab import ID, JAR

from .conftest import LEEDS, write


def test_data_less_graph_raises_no_alarm() -> None:
    """The ontology's own concepts and inspectorates are mixed in; they must not be checked."""
    graph = Graph()
    graph.add((ID["area/leeds"], RDF.type, JAR.Area))
    graph.add((ID["area/leeds"], RDFS.label, Literal("Leeds", lang="en")))
    report = validate_graph(graph)
    assert report.conforms and report.problems == []


def test_a_graph_without_the_vocabulary_is_a_problem_not_a_pass() -> None:
    graph = Graph()
    graph.add((ID["area/leeds"], RDFS.label, Literal("Leeds", lang="en")))
    report = validate_graph(graph)
    assert not report.conforms
    assert [p.rule for p in report.problems] == ["NoVocabulary"]


def test_core_judgement_rule_binds_each_review(tmp_path: Path) -> None:
    """Two 2007 reviews in one graph: only the one lacking a core judgement is reported."""
    leeds = LEEDS.read_text(encoding="utf-8")
    second = (
        "\n<area/york> a jar:Area ; skos:prefLabel \"York\"@en .\n"
        "\n<review/jar-york-2008> a jar:JointAreaReview ;\n"
        "    jar:area <area/york> ;\n"
        '    jar:year "2008"^^xsd:gYear ;\n'
        "    jar:reportedIn <document/leeds-executive-board-jar-2008> ;\n"
        "    jar:methodology <methodology/2007> .\n"
    )
    path = write(tmp_path, "two.ttl", leeds + second)
    problems = validate_file(path).problems
    assert {p.focus for p in problems} == {"<review/jar-york-2008>"}
    assert len(problems) == 5
    assert all("but has 0" in p.message for p in problems)


# Paragraph 8 of the 2007-08 report on outcomes ("good in 42"), encoded twice over, a passage
# named under another document, and one grade counted twice.
DUPLICATES = """@base <https://w3id.org/jargraph/id/> .
@prefix jar: <https://w3id.org/jargraph/def#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix qb: <http://purl.org/linked-data/cube#> .

<document/jar-2007-08-report-on-outcomes>
    a jar:NationalReport ;
    dcterms:title "Joint area reviews 2007–08: Report on outcomes"@en ;
    dcterms:issued "2009-04"^^xsd:gYearMonth ;
    jar:passage <document/narrowing-the-gap-2007/paragraph/8> .

<document/jar-2007-08-report-on-outcomes/paragraph/8>
    a jar:Passage ;
    dcterms:isPartOf <document/jar-2007-08-report-on-outcomes> ;
    jar:paragraphNumber "8" .

<document/jar-2007-08-report-on-outcomes/paragraph/eight>
    a jar:Passage ;
    dcterms:isPartOf <document/jar-2007-08-report-on-outcomes> ;
    jar:paragraphNumber "8" .

<document/narrowing-the-gap-2007/paragraph/8>
    a jar:Passage ;
    dcterms:isPartOf <document/jar-2007-08-report-on-outcomes> ;
    jar:paragraphNumber "9" .

<distribution/jar-2007-08-report-on-outcomes/safeguarding>
    a jar:GradeDistribution ;
    dcterms:title "Safeguarding judgements"@en ;
    jar:totalReviews "73"^^xsd:nonNegativeInteger ;
    prov:wasDerivedFrom <document/jar-2007-08-report-on-outcomes/paragraph/8> .

<distribution/jar-2007-08-report-on-outcomes/safeguarding/safeguarding/good>
    a jar:GradeCount ;
    qb:dataSet <distribution/jar-2007-08-report-on-outcomes/safeguarding> ;
    jar:judgementArea <judgement-area/safeguarding> ;
    jar:grade <grade/good> ;
    jar:numberOfAreas "42"^^xsd:nonNegativeInteger ;
    prov:wasDerivedFrom <document/jar-2007-08-report-on-outcomes/paragraph/8> .

<distribution/jar-2007-08-report-on-outcomes/safeguarding/safeguarding/good-again>
    a jar:GradeCount ;
    qb:dataSet <distribution/jar-2007-08-report-on-outcomes/safeguarding> ;
    jar:judgementArea <judgement-area/safeguarding> ;
    jar:grade <grade/good> ;
    jar:numberOfAreas "42"^^xsd:nonNegativeInteger ;
    prov:wasDerivedFrom <document/jar-2007-08-report-on-outcomes/paragraph/8> .
"""


def test_rules_across_nodes(tmp_path: Path) -> None:
    path = write(tmp_path, "outcomes.ttl", DUPLICATES)
    document = "<document/jar-2007-08-report-on-outcomes>"
    table = "<distribution/jar-2007-08-report-on-outcomes/safeguarding>"
    found = {
        (p.line, p.focus, p.value, p.message.split(" (")[0]) for p in validate_file(path).problems
    }
    assert found == {
        (
            12,
            document,
            "<document/narrowing-the-gap-2007/paragraph/8>",
            "Passage <document/narrowing-the-gap-2007/paragraph/8> is part of this document "
            "but is not named under the document's IRI",
        ),
        (
            19,
            document,
            f"{document[:-1]}/paragraph/eight>",
            "Paragraph 8 of this document is encoded 2 times",
        ),
        (
            43,
            table,
            f"{table[:-1]}/safeguarding/good-again>",
            "The table has 2 counts for safeguarding at grade good",
        ),
    }


def test_shapes_pass_shacl_shacl() -> None:
    report = check_shapes_graph()
    assert report.conforms, [str(p) for p in report.problems]
    assert report.problems == []


def test_broken_shapes_file_fails_shacl_shacl(tmp_path: Path) -> None:
    text = (
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix jar: <https://w3id.org/jargraph/def#> .\n"
        "@prefix ex: <https://example.org/shapes#> .\n"
        "ex:AreaShape a sh:NodeShape ;\n"
        "    sh:targetClass jar:Area ;\n"
        '    sh:property [ sh:path jar:dfeCode ; sh:minCount "one" ] .\n'
    )
    path = write(tmp_path, "shapes.ttl", text)
    problems = validate_file(path).problems
    assert problems
    assert {p.line for p in problems} == {6}


def test_every_shape_has_a_message() -> None:
    shapes = Graph().parse(ontology_dir() / "shapes.ttl")
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(shapes.objects(None, SH.property))
    assert len(node_shapes) >= 20
    missing = [s for s in node_shapes | property_shapes if shapes.value(s, SH.message) is None]
    assert missing == []


def test_judgement_shape_requires_what_the_rules_say() -> None:
    shapes = Graph().parse(ontology_dir() / "shapes.ttl")
    required = {}
    for prop in shapes.objects(
        URIRef("https://w3id.org/jargraph/shapes#JudgementShape"), SH.property
    ):
        path = shapes.value(prop, SH.path)
        low, high = shapes.value(prop, SH.minCount), shapes.value(prop, SH.maxCount)
        if low is not None:
            required[path] = (int(low), int(high) if high is not None else None)
    assert required == {
        JAR.review: (1, 1),
        JAR.judgementArea: (1, 1),
        JAR.grade: (1, 1),
        JAR.scope: (1, 1),
        URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"): (1, None),
    }
