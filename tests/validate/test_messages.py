"""SHACL results worded for a person: terms shown as the file writes them."""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Graph, Literal
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from jargraph.validate import Problem, validate_file
from jargraph.validate.messages import as_problems
from jargraph.vocab import ID, JAR

from .conftest import UNGRADED, write

PREFIX_LINES = (
    "@prefix jar: <https://w3id.org/jargraph/def#> .\n"
    "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
)


def test_concepts_in_messages_are_legal_turtle(tmp_path: Path) -> None:
    """A message names concepts as the file could write them: relative to its @base, else
    in full; never ``jarid:grade/good``, which is no legal prefixed name."""
    with_base = write(tmp_path, "base.ttl", "@base <https://w3id.org/jargraph/id/> .\n"
                      + PREFIX_LINES + UNGRADED)
    [problem] = [p for p in validate_file(with_base).problems if p.path == "jar:grade"]
    assert "<grade/outstanding>" in problem.message
    assert "jarid:" not in str(problem)
    without = write(tmp_path, "full.ttl", PREFIX_LINES + UNGRADED.replace(
        "<", "<https://w3id.org/jargraph/id/"))
    [problem] = [p for p in validate_file(without).problems if p.path == "jar:grade"]
    assert "<https://w3id.org/jargraph/id/grade/outstanding>" in problem.message
    assert problem.focus == (
        "<https://w3id.org/jargraph/id/review/jar-leeds-2008/judgement/safeguarding>")


def test_an_iri_in_angle_brackets_is_not_bracketed_twice(tmp_path: Path) -> None:
    text = PREFIX_LINES + (
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://w3id.org/jargraph/id/area/leeds> a jar:Area ;\n"
        "    owl:sameAs <http://statistics.data.gov.uk/id/leeds> .\n")
    [problem] = [p for p in validate_file(write(tmp_path, "same.ttl", text)).problems
                 if p.rule == "AreaSameAs"]
    assert "<<" not in str(problem) and ">>" not in str(problem)
    assert "<http://statistics.data.gov.uk/id/statistical-geography/E08000035>" in (
        problem.message)


def test_file_prefixes_are_used_for_display(tmp_path: Path) -> None:
    text = (
        "@prefix jar: <https://w3id.org/jargraph/def#> .\n"
        "@prefix j: <https://w3id.org/jargraph/id/review/jar-leeds-2008/judgement/> .\n"
        + UNGRADED.replace("<review/jar-leeds-2008/judgement/safeguarding>", "j:safeguarding")
        .replace("<review/", "<https://w3id.org/jargraph/id/review/")
        .replace("<judgement-area/", "<https://w3id.org/jargraph/id/judgement-area/")
        .replace("<scope/", "<https://w3id.org/jargraph/id/scope/")
    )
    path = write(tmp_path, "leeds.ttl", text)
    problems = validate_file(path).problems
    assert ("j:safeguarding", "jar:grade", 3) in {(p.focus, p.path, p.line) for p in problems}


def test_a_result_is_worded_without_its_source_text() -> None:
    """Node, inverse path, long literal and IRIs in the message, shown short; no line."""
    results = Graph()
    result, path = BNode(), BNode()
    results.add((result, RDF.type, SH.ValidationResult))
    results.add((result, SH.focusNode, ID["area/leeds"]))
    results.add((result, SH.resultPath, path))
    results.add((path, SH.inversePath, JAR.area))
    results.add((result, SH.value, Literal("x" * 80, lang="en")))
    results.add((result, SH.resultSeverity, SH.Warning))
    results.add((result, SH.resultMessage,
                 Literal("See https://example.org/thing and https://w3id.org/jargraph/def#Area.")))
    assert as_problems(results, Graph(), None, "a.ttl", None) == [Problem(
        "a.ttl", None, "<https://w3id.org/jargraph/id/area/leeds>", "^jar:area",
        '"' + "x" * 57 + '..."@en', "See <https://example.org/thing> and jar:Area.", "warning",
        rule="SHACL")]


def test_a_blank_focus_node_and_a_sequence_path() -> None:
    results = Graph()
    result, path = BNode(), BNode()
    results.add((result, RDF.type, SH.ValidationResult))
    results.add((result, SH.focusNode, BNode()))
    results.add((result, SH.resultPath, path))
    Collection(results, path, [JAR.review, JAR.area])
    [problem] = as_problems(results, Graph(), None, None, None)
    assert (problem.focus, problem.path, problem.message, problem.severity) == (
        "[]", "jar:review/jar:area", "does not conform to the shapes", "violation")
