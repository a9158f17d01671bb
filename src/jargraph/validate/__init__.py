"""Checking encodings against the SHACL shapes and the ontology.

pyshacl does the checking; this package reads the input (:mod:`.reading`),
runs pyshacl with the ontology mixed in (:mod:`.shapes`), finds where each
offending node is written (:mod:`.locating`) and words each SHACL result as a
`Problem` a person can act on (:mod:`.messages`): the file and line, the node,
property and value as the file writes them, and the shape's message.
"""

from __future__ import annotations

from pathlib import Path

from .reading import parser_for, read_encoding
from .report import EncodingError, Problem, ValidationReport
from .shapes import check_shapes_graph, validate_graph

__all__ = [
    "EncodingError",
    "Problem",
    "ValidationReport",
    "check_shapes_graph",
    "read_encoding",
    "validate_file",
    "validate_graph",
]


def validate_file(path: str | Path, format: str | None = None) -> ValidationReport:
    """Read and validate one encoding file (raises EncodingError if it cannot be read)."""
    graph, text = read_encoding(path, format)
    return validate_graph(
        graph, source_text=text, file=str(path), format=parser_for(Path(path), format)
    )
