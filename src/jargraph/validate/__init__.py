"""Checking encodings: what people get wrong, said so that they can put it right.

This package reads the input in any RDF syntax (:mod:`.reading`) and runs
every check over it (:mod:`.checking`): the template's placeholders left in
(:mod:`.placeholders`), the vocabulary as a closed world (:mod:`.vocabulary`,
with the schemes' concepts from :mod:`.concepts`), every literal's lexical
form (:mod:`.literals`), the facts against the reference table and each other
(:mod:`.crosschecks`), and the SHACL shapes with the ontology mixed in
(:mod:`.shapes`). Each problem is placed at the line and column of the
offending value (:mod:`.locating`, with :mod:`.scan_turtle` and
:mod:`.scan_jsonld`) and worded with what to write instead, in Turtle the
file could take (:mod:`.messages`, :mod:`.style`). On request the OWL
reasoner's findings join them (:mod:`.consistency`).
"""

from __future__ import annotations

from pathlib import Path

from .checking import validate_graph
from .consistency import consistency_problems
from .reading import parser_for, read_encoding
from .report import EncodingError, Finding, Problem, ValidationReport
from .shapes import check_shapes_graph

__all__ = [
    "EncodingError",
    "Finding",
    "Problem",
    "ValidationReport",
    "check_shapes_graph",
    "consistency_problems",
    "read_encoding",
    "validate_file",
    "validate_graph",
]


def validate_file(
    path: str | Path, format: str | None = None, *, reason: bool = False
) -> ValidationReport:
    """Read and validate one encoding file (raises EncodingError if it cannot be read).

    With ``reason``, the OWL reasoner also checks the file's consistency with the
    ontology (raises `jargraph.reason.ReasonerUnavailable` without Java).
    """
    graph, text = read_encoding(path, format)
    fmt = parser_for(Path(path), format)
    report = validate_graph(graph, source_text=text, file=str(path), format=fmt)
    if not reason:
        return report
    found = consistency_problems(graph, source_text=text, file=str(path), format=fmt)
    return ValidationReport(report.problems + found, report.conforms and not found,
                            report.results_graph)
