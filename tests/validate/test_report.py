"""The records validation hands back, as the command line prints them."""

from __future__ import annotations

from jargraph.validate import Problem


def test_problem_line_format() -> None:
    problem = Problem("a.ttl", 7, "jarid:area/leeds", "jar:gssCode", '"E0800035"', "Fix it.")
    assert str(problem) == 'a.ttl:7: jarid:area/leeds jar:gssCode "E0800035": Fix it.'
    assert str(Problem("a.ttl", None, "jarid:area/leeds", None, None, "Fix it.")) == (
        "a.ttl: jarid:area/leeds: Fix it."
    )
