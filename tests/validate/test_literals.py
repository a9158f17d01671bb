"""Lexical forms of XML Schema datatypes and the shape of language tags, whatever rdflib says."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from jargraph.validate.literals import fits, literal_findings, repair
from jargraph.validate.statements import Statements

from .conftest import parsed


@pytest.mark.parametrize(("lexical", "datatype"), [
    ("2008", "gYear"), ("-0044", "gYear"), ("2008Z", "gYear"), ("2007-11", "gYearMonth"),
    ("2008-02-29", "date"), ("2008-06-11+01:00", "date"), ("2008-06-11T09:30:00", "dateTime"),
    ("2008-06-11T24:00:00", "dateTime"), ("12", "integer"), ("-3", "integer"),
    ("+7", "integer"), ("0", "nonNegativeInteger"), ("1", "positiveInteger"),
    ("127", "byte"), ("65535", "unsignedShort"), ("6.5", "decimal"), ("222000", "decimal"),
    (".5", "decimal"), ("1e3", "double"), ("INF", "float"), ("NaN", "double"),
    ("true", "boolean"), ("0", "boolean"), ("anything at all", "string"),
])
def test_forms_that_fit(lexical: str, datatype: str) -> None:
    assert fits(lexical, str(XSD[datatype]))


@pytest.mark.parametrize(("lexical", "datatype"), [
    ("20O8", "gYear"), ("08", "gYear"), ("2008 ", "gYear"), ("2007-13", "gYearMonth"),
    ("2007-11-05", "gYearMonth"), ("2007-02-29", "date"), ("2008-06-31", "date"),
    ("11/06/2008", "date"), ("2008-06-11 09:30", "dateTime"), ("1.5", "integer"),
    ("0", "positiveInteger"), ("-1", "nonNegativeInteger"), ("128", "byte"),
    ("222,000", "decimal"), ("1e3", "decimal"), ("yes", "boolean"), ("", "integer"),
])
def test_forms_that_do_not(lexical: str, datatype: str) -> None:
    assert not fits(lexical, str(XSD[datatype]))


@pytest.mark.parametrize(("lexical", "datatype", "meant"), [
    ("20O8", "gYear", "2008"), ("2OO7", "gYear", "2007"), ("11/06/2008", "date", "2008-06-11"),
    ("2008-6-11", "date", "2008-06-11"), ("2007-11-05", "gYearMonth", "2007-11"),
    ("222,000", "decimal", "222000"), (" 2008", "gYear", "2008"), ("2008-06-31", "date", None),
])
def test_common_slips_are_repaired(lexical: str, datatype: str, meant: str | None) -> None:
    assert repair(lexical, str(XSD[datatype])) == meant


def test_a_datatype_outside_xml_schema_takes_any_form() -> None:
    assert fits("whatever", "https://example.org/myType")


def test_language_tags_have_the_shape_bcp47_gives_them() -> None:
    text = "\n".join(f'<x> jar:text "words"@{tag} .' for tag in
                     ("en", "en-GB", "cy", "zh-Hant-TW", "de-CH-1901", "x-private",
                      "english", "e", "en-GBR-x"))
    found = {str(f.value.language) for f in literal_findings(Statements.of(parsed(text)))
             if f.rule == "LanguageTag"}
    assert found == {"english", "e", "en-GBR-x"}


def test_a_datatype_not_of_xml_schema_is_named_with_the_closest() -> None:
    graph = parsed('<x> jar:year "2008"^^xsd:gyear .')
    [finding] = literal_findings(Statements.of(graph))
    assert finding.rule == "UnknownDatatype"
    assert "XMLSchema#gYear>?" in finding.message
    assert finding.fix == (f'<https://w3id.org/jargraph/def#year> "2008"^^<{XSD}gYear>')


def test_only_typed_or_tagged_literals_are_looked_at() -> None:
    graph = parsed('<x> jar:text "20O8" ; jar:year "2008"^^xsd:gYear .')
    assert list(literal_findings(Statements.of(graph))) == []
    assert Literal("2008", datatype=URIRef(str(XSD.gYear))).datatype == XSD.gYear
