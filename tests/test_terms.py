"""How a term is shown: short IRIs, legal prefixed names, links to this site, notes."""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from jargraph import terms

ID = "https://w3id.org/jargraph/id/"
JAR = "https://w3id.org/jargraph/def#"


def test_short_iris_read_as_the_site_writes_them() -> None:
    assert terms.short_iri(ID + "area/leeds") == "jarid:area/leeds"
    assert terms.short_iri(JAR + "Judgement") == "jar:Judgement"
    assert terms.short_iri("http://example.org/x") == "http://example.org/x"


def test_curie_is_only_a_legal_prefixed_name() -> None:
    assert terms.curie(JAR + "Judgement") == "jar:Judgement"
    assert terms.curie(ID + "grade/good") is None  # "/" is not legal in a local name
    assert terms.turtle(ID + "grade/good") == f"<{ID}grade/good>"
    assert terms.turtle("http://www.w3.org/2001/XMLSchema#gYear") == "xsd:gYear"


def test_links_go_to_this_sites_pages() -> None:
    assert terms.href(ID + "area/leeds") == "/doc/area/leeds"
    assert terms.href(JAR + "Judgement") == "/def/Judgement"
    assert terms.href("https://w3id.org/jargraph/graph/reference") is None
    assert terms.href("http://statistics.data.gov.uk/id/x") == "http://statistics.data.gov.uk/id/x"
    assert terms.href(ID + "area/<bad>") is None
    assert terms.href("urn:x") is None


def test_literals_note_language_and_unusual_datatypes_only() -> None:
    assert terms.show(Literal("Leeds", lang="en")).note == "en"
    assert terms.show(Literal("3", datatype=XSD.integer)).note == ""
    assert terms.show(Literal("2008", datatype=XSD.gYear)).note == "xsd:gYear"
    assert terms.show(Literal("plain")).note == ""


def test_rdflib_terms_and_json_bindings_show_alike() -> None:
    iri = terms.show(URIRef(ID + "area/leeds"), label="Leeds")
    assert (iri.text, iri.kind, iri.link) == ("Leeds", "iri", "/doc/area/leeds")
    assert terms.show_binding({"type": "uri", "value": ID + "area/leeds"}, "Leeds") == iri
    literal = terms.show_binding({"type": "literal", "value": "a\n b", "xml:lang": "en"})
    assert (literal.text, literal.note, literal.plain) == ("a\n b", "en", "a b")
    assert terms.show(BNode("b1")).text == "_:b1"
    assert terms.show_binding(None).text == ""
