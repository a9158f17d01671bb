"""Terms written as legal Turtle for the file at hand."""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from jargraph.validate.located import Position
from jargraph.validate.style import Style, expand_short, quoted

AT = Position(1, 1)
ID = "https://w3id.org/jargraph/id/"
JAR = "https://w3id.org/jargraph/def#"


def test_a_prefixed_name_only_where_turtle_allows_one() -> None:
    style = Style.of([("jar", JAR, AT), ("jarid", ID, AT)], "turtle")
    assert style.iri(JAR + "grade") == "jar:grade"
    # jarid:grade/good is no legal prefixed name: without a base, the IRI in full
    assert style.iri(ID + "grade/good") == f"<{ID}grade/good>"
    assert style.iri(ID + "area") == "jarid:area"
    assert style.iri(JAR) == f"<{JAR}>"  # a namespace itself, in full


def test_relative_to_the_files_base() -> None:
    style = Style.of([(None, ID, AT), ("jar", JAR, AT)], "turtle")
    assert style.iri(ID + "grade/good") == "<grade/good>"
    assert style.iri("http://example.org/x") == "<http://example.org/x>"


def test_n_triples_has_neither_prefixes_nor_base() -> None:
    style = Style.of([("jar", JAR, AT)], "nt")
    assert style.iri(JAR + "grade") == f"<{JAR}grade>"


def test_without_the_file_jargraphs_own_prefixes() -> None:
    style = Style.of(None, None)
    assert style.iri(JAR + "grade") == "jar:grade"
    assert style.iri(str(XSD.date)) == "xsd:date"


def test_terms_and_texts() -> None:
    style = Style.of([(None, ID, AT), ("xsd", str(XSD), AT)], "turtle")
    assert style.term(Literal("2008", datatype=XSD.gYear)) == '"2008"^^xsd:gYear'
    assert style.term(Literal('say "x"', lang="en")) == '"say \\"x\\""@en'
    assert style.term(BNode()) == "[]"
    assert style.term(Literal("x" * 80)).endswith('..."')
    assert style.term(Literal("x" * 80), shorten=False) == '"' + "x" * 80 + '"'
    assert style.text(f"write <{ID}grade/good> or {ID}grade/adequate.") == (
        "write <grade/good> or <grade/adequate>.")
    # an IRI already in angle brackets is not bracketed twice
    assert "<<" not in style.text(f"<{ID}grade/good>")
    assert style.text(f"@prefix jar: <{JAR}> .") == f"@prefix jar: <{JAR}> ."


def test_short_iris_from_other_modules_are_made_legal() -> None:
    assert expand_short("give jarid:grade/good to jar:Judgement") == (
        f"give <{ID}grade/good> to jar:Judgement")
    assert quoted('a "b"\nc\\') == '"a \\"b\\"\\nc\\\\"'
    assert URIRef(ID)
