"""Turtle written block by block: names as the template writes them, and every term
parsing back to itself."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from jargraph.draft_turtle import Block, Group, term, turtle
from jargraph.vocab import ID, JAR

REVIEW = URIRef(f"{ID}review/jar-leeds-2008")


def test_terms_as_the_template_writes_them() -> None:
    assert term(REVIEW) == "<review/jar-leeds-2008>"
    assert term(JAR.grade) == "jar:grade"
    assert term(XSD.gYear) == "xsd:gYear"
    assert term(URIRef("http://example.org/a b")) == "<http://example.org/a%20b>"
    assert term(URIRef(f"{ID}a/../b")) == f"<{ID}a/../b>"  # would resolve otherwise
    assert term(Literal("2008", datatype=XSD.gYear)) == '"2008"^^xsd:gYear'
    assert term(Literal("Good", lang="en")) == '"Good"@en'
    assert term(Literal("852")) == '"852"'
    assert term(Literal('a "quoted"\\ line\nand tab\t')) == r'"a \"quoted\"\\ line\nand tab\t"'


def test_blocks_in_order_with_comments_parse_back_to_the_graph() -> None:
    graph = Graph()
    judgement = URIRef(f"{REVIEW}/judgement/safeguarding")
    graph.add((REVIEW, RDF.type, JAR.JointAreaReview))
    graph.add((REVIEW, JAR.year, Literal("2008", datatype=XSD.gYear)))
    graph.add((judgement, RDF.type, JAR.Judgement))
    graph.add((judgement, JAR.review, REVIEW))
    graph.add((judgement, JAR.gradeWording, Literal("it's \"2\"", lang="en")))
    graph.add((judgement, URIRef("http://example.org/odd#x-y"), Literal("1.5",
                                                                     datatype=XSD.decimal)))
    for number in (10, 2, 1):
        graph.add((judgement, JAR.sourceLine, Literal(number)))
    groups = [Group("The review", [Block(REVIEW, ["the title page"])]),
              Group("Judgements", [Block(judgement, ["from line 5"], ["grade unsure"])],
                    sub=True)]
    text = turtle(graph, groups, ["A header", ""])
    assert text.startswith("# A header\n#\n\n@base <https://w3id.org/jargraph/id/> .\n")
    judgement_block = ("# from line 5\n# CHECK: grade unsure\n"
                       "<review/jar-leeds-2008/judgement/safeguarding>\n    a jar:Judgement ;")
    assert text.index("# The review") < text.index("# Judgements") < text.index(judgement_block)
    # objects in number order, "a" first, provenance-like properties after the rest
    assert '"1"^^xsd:integer ,\n        "2"^^xsd:integer ,\n        "10"^^xsd:integer' in text
    assert isomorphic(Graph().parse(data=text, format="turtle"), graph)
