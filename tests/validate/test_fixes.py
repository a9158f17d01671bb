"""What a missing statement should be, worked out from the encoding."""

from __future__ import annotations

from rdflib import URIRef

from jargraph.validate.fixes import with_fix
from jargraph.validate.report import Finding
from jargraph.validate.statements import Statements
from jargraph.vocab import ID, JAR

from .conftest import parsed

PROV = "http://www.w3.org/ns/prov#"
ENCODING = f"""<review/jar-leeds-2008> a jar:JointAreaReview ; jar:methodology <methodology/2007> .
<review/jar-leeds-2008/judgement/safeguarding> a jar:Judgement ;
    jar:review <review/jar-leeds-2008> ; jar:gradeWording "2" ;
    <{PROV}wasDerivedFrom> <document/d/paragraph/3.1> .
<review/jar-leeds-2008/judgement/service-management> a jar:Judgement ;
    <{PROV}wasDerivedFrom> <document/d/paragraph/3.1> .
<document/d> a jar:CouncilReport .
<document/d/paragraph/3.1> a jar:Passage .
"""


def _fix(node: str, prop: URIRef) -> str | None:
    statements = Statements.of(parsed(ENCODING))
    return with_fix(Finding("Shape", ID[node], prop, None, "missing"), statements).fix


def test_a_missing_statement_from_the_identifier_and_the_neighbours() -> None:
    judgement = "review/jar-leeds-2008/judgement/service-management"
    assert _fix(judgement, JAR.review) == f"<{JAR.review}> <{ID}review/jar-leeds-2008>"
    assert _fix(judgement, JAR.judgementArea) == (
        f"<{JAR.judgementArea}> <{ID}judgement-area/service-management>")
    assert _fix("review/jar-leeds-2008/judgement/safeguarding", JAR.grade) == (
        f"<{JAR.grade}> <{ID}grade/adequate>")  # printed "2"
    assert _fix("review/jar-leeds-2008/judgement/safeguarding", JAR.scope) == (
        f"<{JAR.scope}> <{ID}scope/local-services-overall>")
    assert _fix("review/jar-leeds-2008", JAR.year) == (
        f'<{JAR.year}> "2008"^^<http://www.w3.org/2001/XMLSchema#gYear>')
    assert _fix("review/jar-leeds-2008", JAR.area) == f"<{JAR.area}> <{ID}area/leeds>"
    assert _fix("document/d/paragraph/3.1", URIRef("http://purl.org/dc/terms/isPartOf")) == (
        f"<http://purl.org/dc/terms/isPartOf> <{ID}document/d>")


def test_provenance_from_what_the_siblings_are_derived_from() -> None:
    statements = Statements.of(parsed(ENCODING.replace(
        f"<review/jar-leeds-2008/judgement/service-management> a jar:Judgement ;\n"
        f"    <{PROV}wasDerivedFrom> <document/d/paragraph/3.1> .",
        "<review/jar-leeds-2008/judgement/service-management> a jar:Judgement ; "
        "jar:review <review/jar-leeds-2008> .")))
    finding = Finding("Shape", ID["review/jar-leeds-2008/judgement/service-management"],
                      URIRef(PROV + "wasDerivedFrom"), None, "missing")
    assert with_fix(finding, statements).fix == (
        f"<{PROV}wasDerivedFrom> <{ID}document/d/paragraph/3.1>")


def test_no_guess_where_the_encoding_does_not_tell() -> None:
    assert _fix("review/jar-leeds-2008/judgement/service-management", JAR.grade) is None
    assert _fix("review/jar-leeds-2008", JAR.text) is None
