"""What validation hands back: problems placed in a file, the report, unreadable input.

These records are all a caller (the command line, the web page, the build)
needs to know; the modules beside this one fill them in.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph


@dataclass(frozen=True)
class Problem:
    """One SHACL result, placed in the file and worded for the person who wrote it."""

    file: str | None
    line: int | None
    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str = "violation"

    def __str__(self) -> str:
        where = self.file or "-"
        if self.line:
            where += f":{self.line}"
        what = " ".join(part for part in (self.focus, self.path, self.value) if part)
        return f"{where}: {what}: {self.message}"


@dataclass
class ValidationReport:
    """What pyshacl found, as problems, plus its own results graph for tools."""

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
