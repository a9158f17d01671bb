"""The vocabulary as a closed world: unknown and misused terms, concepts, namespaces, types."""

from __future__ import annotations

from jargraph.validate.statements import Statements
from jargraph.validate.vocabulary import vocabulary, vocabulary_findings

from .conftest import parsed


def _rules(statements: str) -> list[tuple[str, str | None]]:
    found = vocabulary_findings(Statements.of(parsed(statements)))
    return sorted((f.rule, f.fix) for f in found)


def test_the_namespaces_checked_are_those_the_ontology_declares_terms_in() -> None:
    closed = set(vocabulary().closed)
    assert {"https://w3id.org/jargraph/def#", "http://purl.org/dc/terms/",
            "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/ns/prov#",
            "http://www.w3.org/ns/org#", "http://purl.org/linked-data/cube#"} <= closed
    assert "http://www.w3.org/2000/01/rdf-schema#" in vocabulary().core


def test_known_terms_used_as_what_they_are_pass() -> None:
    assert _rules("<area/leeds> a jar:Area ; skos:prefLabel \"Leeds\"@en .") == []


def test_an_unknown_term_is_reported_once_with_the_closest() -> None:
    found = _rules("<area/leeds> a jar:Area ; jar:dfeCod \"383\" .\n"
                   "<area/york> a jar:Area ; jar:dfeCod \"816\" .")
    # findings are in full IRIs; the file's prefixes are applied when they are worded
    assert [rule for rule, _ in found] == ["UnknownTerm"]
    assert found[0][1] in ('<https://w3id.org/jargraph/def#dfeCode> "383"',
                           '<https://w3id.org/jargraph/def#dfeCode> "816"')


def test_case_is_a_misspelling_too() -> None:
    [(rule, fix)] = _rules("<x> a jar:judgement .")
    assert (rule, fix) == ("UnknownTerm", "a <https://w3id.org/jargraph/def#Judgement>")


def test_a_class_as_a_property_and_a_property_as_a_class() -> None:
    assert [r for r, _ in _rules("<x> a jar:Area ; jar:Area <y> .")] == ["TermMisused"]
    assert [r for r, _ in _rules("<x> a jar:area .")] == ["TermMisused"]


def test_a_version_iri_under_the_ontology_is_not_a_namespace_written_wrong() -> None:
    graph = ("<https://w3id.org/jargraph/def> <http://www.w3.org/2002/07/owl#versionIRI> "
             "<https://w3id.org/jargraph/def/0.1.0> .\n<x> a jar:Area .")
    assert _rules(graph) == []


def test_a_slash_for_a_hash_before_a_term_is_a_namespace_written_wrong() -> None:
    found = _rules("<x> a <https://w3id.org/jargraph/def/Area> .\n<y> a jar:Area .")
    assert found == [("WrongNamespace", "@prefix jar: <https://w3id.org/jargraph/def#> .")]


def test_an_unknown_concept_is_named_with_the_closest_by_label() -> None:
    # "excellent" is an alternative label of grade 4
    found = _rules("<j> a jar:Judgement ; jar:grade <grade/excellent> .")
    assert found == [("UnknownConcept", "<https://w3id.org/jargraph/def#grade> "
                                        "<https://w3id.org/jargraph/id/grade/outstanding>")]


def test_things_named_below_a_concept_are_not_concepts() -> None:
    assert _rules("<methodology/2005/grade/1> a jar:ReportedGrade .") == []


def test_an_untyped_node_with_jar_properties() -> None:
    assert _rules("<j> jar:grade <grade/good> ; jar:gradeWording \"3\" .\n<x> a jar:Area .") == [
        ("Untyped", None)]  # jar:Judgement or jar:GradeDescriptor: no single fix
    assert _rules("<j> jar:timeframe <timeframe/immediate> .") == [
        ("Untyped", "a <https://w3id.org/jargraph/def#Recommendation>")]


def test_no_vocabulary_at_all() -> None:
    assert [r for r, _ in _rules("<x> <https://schema.org/name> \"x\" .")] == ["NoVocabulary"]
