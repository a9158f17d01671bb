"""Checking encodings against the SHACL shapes and the ontology.

pyshacl does the checking; this package reads the input (:mod:`.reading`),
runs pyshacl with the ontology mixed in (:mod:`.shapes`), finds where each
offending node is written (:mod:`.locating`) and words each SHACL result as a
`Problem` a person can act on (:mod:`.messages`): the file and line, the node,
property and value as the file writes them, and the shape's message. On
request the OWL reasoner's findings join them (:mod:`.consistency`).
"""

from __future__ import annotations

from pathlib import Path

from .consistency import consistency_problems
from .reading import parser_for, read_encoding
from .report import EncodingError, Problem, ValidationReport
from .shapes import check_shapes_graph, validate_graph

__all__ = [
    "EncodingError",
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
