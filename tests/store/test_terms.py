"""Oxigraph's terms read as rdflib's: the same RDF term, so a page shows what the store holds."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from jargraph.store.terms import to_rdflib


def test_each_kind_of_term_is_the_same_term() -> None:
    iri = "https://w3id.org/jargraph/id/area/kent"
    assert to_rdflib(ox.NamedNode(iri)) == URIRef(iri)
    assert to_rdflib(ox.BlankNode("b1")) == BNode("b1")
    assert to_rdflib(ox.Literal("Kent", language="en")) == Literal("Kent", lang="en")
    assert to_rdflib(ox.Literal("3", datatype=ox.NamedNode(XSD.integer))) == Literal(
        "3", datatype=XSD.integer)


def test_a_string_is_the_plain_literal_rdflib_parses() -> None:
    # RDF 1.1: "Kent" and "Kent"^^xsd:string are one term; rdflib's N-Triples parser
    # gives the plain literal, and the pages compare with it
    term = to_rdflib(ox.Literal("Kent"))
    assert term == Literal("Kent") and term.datatype is None


def test_a_quoted_triple_is_refused() -> None:
    node = ox.NamedNode("http://example.org/x")
    with pytest.raises(TypeError):
        to_rdflib(ox.Triple(node, node, node))
