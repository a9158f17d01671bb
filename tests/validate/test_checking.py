"""Every check in order, each mistake reported once."""

from __future__ import annotations

from jargraph.validate import validate_graph

from .conftest import parsed

JUDGEMENT = """<review/jar-leeds-2008/judgement/safeguarding> a jar:Judgement ;
    jar:review <review/jar-leeds-2008> ; jar:judgementArea <judgement-area/safeguarding> ;
    jar:scope <scope/local-services-overall> ; {grade} ;
    <http://www.w3.org/ns/prov#wasDerivedFrom> <document/d/paragraph/1> .
<review/jar-leeds-2008> a jar:JointAreaReview ; jar:area <area/leeds> ;
    jar:year "2008"^^xsd:gYear ; jar:reportedIn <document/d> .
<area/leeds> a jar:Area ; skos:prefLabel "Leeds"@en .
<document/d> a jar:CouncilReport ; <http://purl.org/dc/terms/title> "x"@en ;
    <http://purl.org/dc/terms/issued> "2008-06-11"^^xsd:date .
<document/d/paragraph/1> a jar:Passage ; <http://purl.org/dc/terms/isPartOf> <document/d> ;
    jar:paragraphNumber "1" .
"""


def _rules(grade: str) -> list[str]:
    return [p.rule for p in validate_graph(parsed(JUDGEMENT.format(grade=grade))).problems]


def test_the_encoding_is_valid() -> None:
    assert _rules("jar:grade <grade/adequate>") == []


def test_a_misspelt_concept_is_not_also_off_the_scale() -> None:
    assert _rules("jar:grade <grade/adequat>") == ["UnknownConcept"]


def test_a_misspelt_required_property_is_not_also_missing() -> None:
    assert _rules("jar:grad <grade/adequate>") == ["UnknownTerm"]


def test_a_placeholder_is_not_also_an_unknown_concept() -> None:
    assert _rules("jar:grade <grade/GRADE-SAFEGUARDING>") == ["Placeholder"]


def test_a_namespace_written_wrong_is_not_also_every_missing_statement() -> None:
    graph = JUDGEMENT.format(grade="jar:grade <grade/adequate>").replace(
        "http://www.w3.org/ns/prov#", "https://www.w3.org/ns/prov#")
    assert [p.rule for p in validate_graph(parsed(graph)).problems] == ["WrongNamespace"]
