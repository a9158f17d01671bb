"""What validation hands back: problems placed in a file, the report, unreadable input.

These records are all a caller (the command line, the web page, the build)
needs to know; the modules beside this one fill them in. Every check (the
SHACL shapes and the Python checks alike) first says what it found as a
`Finding`, in RDF terms; :mod:`.messages` then places each finding in the file
and words it as a `Problem`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph
from rdflib.term import Node


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an encoding, placed in the file and worded for its writer.

    ``rule`` names the rule broken (a shape of ``shapes.ttl`` such as
    ``JudgementGradeScale``, or a check of this package such as ``UnknownTerm``);
    ``message`` says it in plain words; ``fix``, when there is one, is Turtle to
    write instead, with full IRIs or the prefixes the file declares.
    """

    file: str | None
    line: int | None
    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str = "violation"
    column: int | None = None
    rule: str = ""
    fix: str | None = None

    def __str__(self) -> str:
        where = self.file or "-"
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        what = " ".join(part for part in (self.focus, self.path, self.value) if part)
        text = f"{where}: {what}: {self.message}" if what else f"{where}: {self.message}"
        if self.rule:
            text += f" [{self.rule}]"
        if self.fix:
            text += f"\n    write instead: {self.fix}"
        return text


@dataclass(frozen=True)
class Finding:
    """What one check found, in RDF terms, before it is placed and worded.

    ``message`` and ``fix`` may hold IRIs in full (``<https://...>``): they are
    shown as the file would write them. ``part`` says which part of the
    statement (focus, path, value) is at fault: ``subject``, ``predicate`` or
    ``object``; by default the value if there is one, else the property, else
    the node. ``namespace`` places a finding at the file's declaration of that
    namespace (a ``@prefix`` or ``@base`` line) instead.
    """

    rule: str
    focus: Node | None
    path: Node | None
    value: Node | None
    message: str
    fix: str | None = None
    part: str | None = None
    namespace: str | None = None
    first_use: str | None = None
    """Placed where this IRI is first written, instead (a term reported once for the file)."""
    instead: Node | None = None
    """The term the finding suggests instead of a misspelt property: a SHACL result that the
    node lacks that property says the same thing, and is left out."""
    described: bool = False
    """Placed where the value, a node, is described (the node at fault is the value)."""
    many: bool = False
    """The fault is a value too many: placed at the last value, every line named."""
    shown_path: tuple | None = None
    """(results graph, path node) of a SHACL path that is not one property, for display."""


@dataclass
class ValidationReport:
    """What the checks found, as problems, plus pyshacl's own results graph for tools."""

    problems: list[Problem]
    conforms: bool
    results_graph: Graph


class EncodingError(Exception):
    """An input that cannot be read as RDF; the message says where and what to do."""

    def __init__(self, file: str, line: int | None, column: int | None, message: str) -> None:
        self.file, self.line, self.column, self.message = file, line, column, message
        super().__init__(str(self))

    def __reduce__(self) -> tuple:
        """Pickled by its fields, so it crosses from a worker process intact."""
        return (type(self), (self.file, self.line, self.column, self.message))

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}"
