"""Why a graph contradicts the ontology: each kind of clash, named and worded (no Java)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from jargraph import uris
from jargraph.clashes import Clash, find_clashes, ill_typed, name
from jargraph.ontology import vocabulary_graph
from jargraph.vocab import ID, JAR

THING = ID["test/thing"]
OTHER = ID["test/other"]


def _clashes(*triples: tuple) -> list[Clash]:
    graph = Graph() + vocabulary_graph()
    for triple in triples:
        graph.add(triple)
    return find_clashes(graph)


def test_the_ontology_and_schemes_alone_have_none() -> None:
    assert find_clashes(Graph() + vocabulary_graph()) == []


def test_two_stated_types_under_disjoint_classes() -> None:
    [clash] = _clashes((THING, RDF.type, JAR.MajorStrength),
                       (THING, RDF.type, JAR.ImportantWeakness))
    assert clash.node == THING
    assert set(clash.classes) == {JAR.MajorStrength, JAR.ImportantWeakness}
    assert "nothing can be both a jar:" in clash.detail
    assert {"jar:Strength", "jar:Weakness"} <= set(clash.detail.replace(",", " ").split())
    assert clash.hint == "keep one type"
    assert (clash.path, clash.value) == (RDF.type, clash.classes[0])
    assert str(clash).startswith("jarid:test/thing is a jar:")


def test_two_stated_types_declared_disjoint_themselves() -> None:
    [clash] = _clashes((THING, RDF.type, JAR.JointAreaReview),
                       (THING, RDF.type, JAR.AnnualPerformanceAssessment))
    assert clash.detail.endswith("but the ontology declares them disjoint")


def test_a_range_that_excludes_the_value() -> None:
    council = uris.concept("scope", "council")
    [clash] = _clashes((THING, RDF.type, JAR.Judgement), (THING, JAR.grade, council))
    assert clash.node == council
    assert set(clash.classes) == {JAR.Scope, JAR.Grade}
    assert "is the jar:grade of jarid:test/thing, so must be a jar:Grade" in clash.detail
    assert clash.hint == "give jarid:test/thing a jar:Grade as its jar:grade"


def test_a_union_domain_that_excludes_the_subject() -> None:
    [clash] = _clashes((THING, RDF.type, JAR.Area), (THING, JAR.review, ID["review/x"]))
    assert clash.node == THING
    assert clash.detail == (
        "is a jar:Area and has jar:review, so must be a jar:Judgement, jar:Finding, "
        "jar:Recommendation or jar:AdditionalInvestigation; but a jar:Area can be none of "
        "these (the ontology declares them disjoint)")
    assert clash.hint.startswith("remove jar:review from it")
    assert clash.classes[0] == JAR.Area


def test_a_union_domain_with_one_member_it_may_be_is_no_clash() -> None:
    assert _clashes((THING, RDF.type, JAR.Judgement), (THING, JAR.review, ID["review/x"])) == []


def test_a_subproperty_carries_its_superproperty_domain() -> None:
    """skos:broader is a skos:semanticRelation, whose domain is skos:Concept."""
    [clash] = _clashes((THING, RDF.type, SKOS.ConceptScheme), (THING, SKOS.broader, OTHER))
    assert clash.node == THING
    assert clash.detail == ("is a skos:ConceptScheme and has skos:broader, so must be a "
                            "skos:Concept, but the ontology declares them disjoint")
    assert clash.hint.startswith("remove skos:broader from it")


def test_an_inverse_property_types_both_ends() -> None:
    """skos:topConceptOf is the inverse of skos:hasTopConcept, whose range is skos:Concept."""
    [clash] = _clashes((THING, RDF.type, SKOS.ConceptScheme), (THING, SKOS.topConceptOf, OTHER))
    assert clash.node == THING
    assert "has skos:topConceptOf, so must be a skos:Concept" in clash.detail


def test_a_literal_outside_its_datatype() -> None:
    [clash] = _clashes((THING, RDF.type, JAR.GradeCount),
                       (THING, JAR.numberOfAreas, Literal("-3", datatype=XSD.integer)))
    assert clash.detail == ('has jar:numberOfAreas "-3"^^xsd:integer, but jar:numberOfAreas '
                            "takes xsd:nonNegativeInteger values")
    assert (clash.path, clash.value) == (JAR.numberOfAreas, Literal("-3", datatype=XSD.integer))


def test_literals_in_their_datatype_are_no_clash() -> None:
    assert _clashes((THING, RDF.type, JAR.GradeCount),
                    (THING, JAR.numberOfAreas, Literal("42", datatype=XSD.nonNegativeInteger)),
                    (THING, JAR.numberOfAreas, Literal("7", datatype=XSD.integer))) == []


def test_a_language_tag_where_a_plain_string_is_wanted() -> None:
    [clash] = _clashes((THING, RDF.type, JAR.Passage),
                       (THING, JAR.paragraphNumber, Literal("8", lang="en")))
    assert 'jar:paragraphNumber "8"@en' in clash.detail


def test_datatypes_hermit_ignores_are_not_named() -> None:
    year = Literal("2008", datatype=XSD.gYear)
    assert _clashes((THING, RDF.type, JAR.Passage), (THING, JAR.paragraphNumber, year)) == []


def test_a_class_that_can_have_no_members() -> None:
    odd = JAR.Odd
    found = _clashes((odd, RDFS.subClassOf, OWL.Nothing), (THING, RDF.type, odd))
    assert [(c.node, c.classes) for c in found] == [(THING, (odd,))]
    assert "can have no members" in found[0].detail


def test_ill_typed_literals_are_found_with_their_clash() -> None:
    graph = Graph()
    bad = Literal("many", datatype=XSD.nonNegativeInteger)
    unchecked = Literal("someday", datatype=XSD.date)
    graph.add((THING, JAR.numberOfAreas, bad))
    graph.add((THING, JAR.year, unchecked))
    graph.add((THING, JAR.paragraphNumber, Literal("8")))
    found = dict(ill_typed(graph))
    assert set(found) == {(THING, JAR.numberOfAreas, bad), (THING, JAR.year, unchecked)}
    clash = found[(THING, JAR.numberOfAreas, bad)]
    assert clash is not None and "not a valid xsd:nonNegativeInteger" in clash.detail
    assert found[(THING, JAR.year, unchecked)] is None  # not a datatype HermiT knows


def test_names_are_short() -> None:
    assert name(JAR.Strength) == "jar:Strength"
    assert name(THING) == "jarid:test/thing"
    assert name(URIRef("https://example.org/thing")) == "<https://example.org/thing>"
    assert name(Literal("x", lang="en")) == '"x"@en'
