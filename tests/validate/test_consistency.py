"""The reasoner's findings on an encoding, as problems placed where the file writes them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from jargraph.validate import consistency_problems, validate_file

from .conftest import LEEDS, PREFIXES, write

pytestmark = [
    pytest.mark.reasoner,
    pytest.mark.skipif(shutil.which("java") is None,
                       reason="HermiT runs on Java and no 'java' executable is on PATH"),
]

# A judgement graded with a scope: jar:grade's range is jar:Grade, disjoint with jar:Scope.
SCOPE_AS_GRADE = PREFIXES + """
<review/jar-leeds-2008/judgement/safeguarding>
    a jar:Judgement ;
    jar:grade <scope/council> .
"""


def test_the_clash_is_placed_at_the_type_written(tmp_path: Path) -> None:
    text = PREFIXES + "\n<test/thing> a jar:MajorStrength ;\n    a jar:ImportantWeakness .\n"
    path = write(tmp_path, "both.ttl", text)
    graph = Graph().parse(data=text, format="turtle", publicID="https://w3id.org/jargraph/id/")
    [problem] = consistency_problems(graph, source_text=text, file=str(path))
    assert (problem.file, problem.focus, problem.path, problem.value) == (
        str(path), "<test/thing>", None, None)
    assert (problem.line, problem.column) == (6, 7)  # the second type, which brings the clash
    assert problem.rule == "Consistency"
    assert problem.message.startswith("Inconsistent with the ontology: it is a jar:")
    assert problem.message.endswith("; keep one type.")


def test_a_value_from_the_schemes_is_placed_where_the_file_uses_it(tmp_path: Path) -> None:
    path = write(tmp_path, "scope.ttl", SCOPE_AS_GRADE)
    report = validate_file(path, reason=True)
    assert not report.conforms
    [problem] = [p for p in report.problems if p.message.startswith("Inconsistent")]
    assert (problem.line, problem.focus) == (7, "<scope/council>")
    assert "give <review/jar-leeds-2008/judgement/safeguarding> a jar:Grade" in (
        problem.message)


def test_a_consistent_file_adds_no_problem() -> None:
    report = validate_file(LEEDS, reason=True)
    assert report.conforms and report.problems == []
