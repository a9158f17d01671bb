"""Every check over one encoding, in order, each mistake reported once.

The checks run from the most basic to the most derived: placeholders left
from the template, then the vocabulary (terms, concepts, namespaces), the
literals, the cross-checks with the reference data, and last the SHACL
shapes. A later check does not report again a term an earlier one found at
fault: a placeholder date is not also an ill-typed date, a misspelt concept
is not also "not a judgement area", a misspelt required property is not also
"missing". What remains is placed in the file and worded (:mod:`.messages`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ..ontology import shapes_graph
from .crosschecks import crosscheck_findings
from .fixes import with_fix
from .literals import literal_findings
from .locating import Locator
from .messages import one_per_statement, place, shacl_findings
from .placeholders import placeholder_findings
from .reading import parser_for_extension
from .report import Finding, ValidationReport
from .shapes import check_shapes_graph, run_shapes
from .statements import Statements
from .vocabulary import vocabulary_findings


def validate_graph(
    data: Graph | Dataset,
    *,
    source_text: str | None = None,
    file: str | None = None,
    format: str | None = None,
    inference: str = "none",
) -> ValidationReport:
    """Run every check over the data and place each problem.

    ``source_text`` (the text ``data`` was parsed from) lets problems carry the
    line and column where they are written; ``format`` defaults to the one
    ``file`` names.
    """
    fmt = format or (parser_for_extension(Path(file).suffix.lower()) if file else None) or (
        "turtle")
    locator = Locator(source_text, fmt, data) if source_text is not None else None
    declared = ({ns: prefix for prefix, ns, _ in locator.declarations}
                if locator is not None else None)
    statements = Statements.of(data)
    kept = _Kept()
    kept.add_all(placeholder_findings(statements), placeholders=True)
    kept.add_all(vocabulary_findings(statements, declared))
    kept.add_all(literal_findings(statements))
    kept.add_all(crosscheck_findings(statements))
    conforms, results = run_shapes(data, inference)
    found = [(f, "violation") for f in kept.findings]
    found += one_per_statement([(with_fix(f, statements), severity)
                                for f, severity in shacl_findings(results, shapes_graph())
                                if kept.keeps(f)])
    problems = place(found, data, locator, file, fmt)
    if _is_shapes_graph(data):
        meta = check_shapes_graph(data, source_text=source_text, file=file)
        problems += meta.problems
        results += meta.results_graph
        conforms = conforms and meta.conforms
    return ValidationReport(problems, bool(conforms) and not problems, results)


class _Kept:
    """The findings so far, and the terms they have already found at fault."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.faulty: set[Node] = set()
        self.placeholders: set[Node] = set()
        self.instead: set[tuple[Node | None, Node]] = set()
        self.namespaces: set[str] = set()
        """Namespaces reported as written wrong, and the ones meant: what is written with
        the one, or lacks a term of the other, follows from that one mistake."""

    def keeps(self, finding: Finding, placeholders: bool = False) -> bool:
        """Whether a finding says something no earlier one said."""
        if finding.focus in self.placeholders and not placeholders:
            return False
        if finding.first_use is not None and URIRef(finding.first_use) in self.faulty:
            return False
        if finding.part in (None, "object") and finding.value in self.faulty:
            return False
        if self.namespaces and any(
                isinstance(t, URIRef) and str(t).startswith(ns)
                for t in (finding.focus, finding.path, finding.value) for ns in self.namespaces):
            return False
        return (finding.focus, finding.path) not in self.instead if finding.path else True

    def add_all(self, findings: Iterable[Finding], placeholders: bool = False) -> None:
        for finding in findings:
            if not self.keeps(finding, placeholders):
                continue
            self.findings.append(finding)
            if finding.first_use is not None:
                self.faulty.add(URIRef(finding.first_use))
            if finding.part in (None, "object") and finding.value is not None:
                self.faulty.add(finding.value)
            if placeholders and finding.value is not None:
                self.placeholders.add(finding.value)
            if finding.instead is not None:
                self.instead.add((finding.focus, finding.instead))
            if finding.rule == "WrongNamespace" and finding.namespace and finding.instead:
                self.namespaces |= {finding.namespace, str(finding.instead)}


def _is_shapes_graph(data: Graph) -> bool:
    """A shapes file given as input is also checked against SHACL's own shapes."""
    graphs = data.graphs() if isinstance(data, Dataset) else [data]
    return any(next(g.triples((None, RDF.type, SH.NodeShape)), None) for g in graphs)
