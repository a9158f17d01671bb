"""Findings worded for a person: a `Problem` each, placed at line and column, with a fix.

pyshacl's results graph names the focus node, path and value as RDF terms;
each result becomes a `Finding` like those of the Python checks, named after
the shape it broke. A shape's message may end with ``Write: TURTLE``, what
to write instead; where the result says more (the value that is not one of a
list, the literal that is not typed), a closer fix is worked out here. Then
every finding is placed (:mod:`.locating`) and its terms written as the file
writes them (:mod:`.style`).
"""

from __future__ import annotations

import re

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ..vocab import SHAPES
from . import concepts
from .literals import fits
from .locating import Locator
from .report import Finding, Problem
from .style import Style, quoted

SEVERITIES: dict[Node | None, str] = {
    SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
_WRITE = re.compile(r"\s*Write:\s*(.+)$", re.DOTALL)
_PLACED = SHAPES.placedAt
"""A value that is a node the focus does not point at is where a problem is placed (the
paragraph encoded twice, not the document); ``jars:placedAt "focus"`` on a shape places
its problems at the focus node instead (the second review, not the first)."""


def shacl_findings(results: Graph, shapes: Graph) -> list[tuple[Finding, str]]:
    """Every sh:ValidationResult as a finding, with its severity."""
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        if value == focus:  # node-level results repeat the focus node as the value
            value = None
        texts = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        written = [_WRITE.search(t) for t in texts]
        message = " ".join(_WRITE.sub("", t) for t in texts) or "does not conform to the shapes"
        shape = results.value(result, SH.sourceShape)
        component = results.value(result, SH.sourceConstraintComponent)
        fix = _fix(shapes, shape, component, path, value) or next(
            (m.group(1).strip() for m in written if m), None)
        finding = Finding(
            rule=_rule(shape), focus=focus, path=path if isinstance(path, URIRef) else None,
            value=value, message=message, fix=fix,
            many=component == SH.MaxCountConstraintComponent,
            described=(shape, _PLACED, Literal("focus")) not in shapes,
            # a path of more than one property (^jar:review) is kept for display
            shown_path=(results, path) if path is not None and not isinstance(path, URIRef)
            else None,
        )
        severity = SEVERITIES.get(results.value(result, SH.resultSeverity), "violation")
        found.append((finding, severity))
    return found


def _rule(shape: Node | None) -> str:
    """The rule a result breaks: its shape's name (``JudgementGradeScale``)."""
    if isinstance(shape, URIRef):
        return str(shape).removeprefix(str(SHAPES)).rsplit("#", 1)[-1].removesuffix("Shape")
    return "SHACL"


def one_per_statement(found: list[tuple[Finding, str]]) -> list[tuple[Finding, str]]:
    """Where two shapes find fault with the same value of the same statement, the one
    that says what to write instead is enough."""
    fixed = {(f.focus, f.path, f.value) for f, _ in found if f.fix and f.value is not None}
    return [(f, s) for f, s in found
            if f.fix or f.value is None or (f.focus, f.path, f.value) not in fixed]


def _fix(shapes: Graph, shape: Node | None, component: Node | None, path: Node | None,
         value: Node | None) -> str | None:
    """What to write instead, where the result says enough to know it."""
    if shape is None or not isinstance(path, URIRef) or value is None:
        return None
    if component == SH.InConstraintComponent and isinstance(value, URIRef):
        listed = shapes.value(shape, SH["in"])
        if listed is None:
            return None
        allowed = [str(v) for v in Collection(shapes, listed)]
        best = concepts.closest(str(value), allowed, n=1)
        return f"<{path}> <{best[0]}>" if best else None
    if not isinstance(value, Literal):
        return None
    if component == SH.LanguageInConstraintComponent:
        return f"<{path}> {quoted(str(value))}@en"
    if component in (SH.DatatypeConstraintComponent, SH.OrConstraintComponent):
        for datatype in _datatypes(shapes, shape):
            if fits(str(value), datatype):
                return f"<{path}> {quoted(str(value))}^^<{datatype}>"
    return None


def _datatypes(shapes: Graph, shape: Node) -> list[str]:
    """The datatypes a property shape accepts, directly or as alternatives of sh:or."""
    found = [str(d) for d in shapes.objects(shape, SH.datatype)]
    for alternatives in shapes.objects(shape, SH["or"]):
        for member in Collection(shapes, alternatives):
            found += [str(d) for d in shapes.objects(member, SH.datatype)]
    return found


def place(findings: list[tuple[Finding, str]], data: Graph, locator: Locator | None,
          file: str | None, fmt: str | None) -> list[Problem]:
    """Each finding as a problem: at its line and column, its terms as the file writes them."""
    style = Style.of(locator.declarations if locator else None, fmt)
    problems = {_problem(f, severity, locator, style, file) for f, severity in findings}
    return sorted(problems, key=_order)


def _problem(finding: Finding, severity: str, locator: Locator | None, style: Style,
             file: str | None) -> Problem:
    message = style.text(finding.message)
    at = None
    if locator is not None:
        if finding.namespace is not None:
            at = (locator.declaration(finding.namespace)
                  or locator.first_use(finding.namespace, namespace=True))
        elif finding.first_use is not None:
            at = locator.first_use(finding.first_use)
        elif finding.many and isinstance(finding.path, URIRef):
            places = locator.values_of(finding.focus, finding.path) if finding.focus else []
            if len(places) > 1:
                at = places[-1]
                lines = sorted({p.line for p in places})
                message += f" (given on lines {', '.join(map(str, lines[:-1]))} and {lines[-1]})"
        if at is None:
            at = locator.find(finding.focus, finding.path, finding.value, finding.part,
                              through=finding.shown_path is not None or finding.described)
    shown_path = None
    if finding.shown_path is not None:
        results, path = finding.shown_path
        shown_path = render_path(results, path, style)
    elif finding.path is not None:
        shown_path = style.term(finding.path)
    focus = style.term(finding.focus) if finding.focus is not None else ""
    value = style.term(finding.value) if finding.value is not None else None
    if finding.first_use is not None:  # a term reported once: shown alone
        focus, shown_path, value = style.iri(finding.first_use), None, None
    return Problem(
        file=file,
        line=at.line if at else None,
        focus=focus,
        path=shown_path,
        value=value,
        message=message,
        severity=severity,
        column=at.column if at else None,
        rule=finding.rule,
        fix=style.text(finding.fix) if finding.fix else None,
    )


def _order(problem: Problem) -> tuple:
    return (problem.file or "", problem.line or 0, problem.column or 0, problem.focus,
            problem.path or "", problem.message)


def as_problems(results: Graph, data: Graph, text: str | None, file: str | None,
                fmt: str | None, shapes: Graph | None = None) -> list[Problem]:
    """Every SHACL result as a problem, in file order."""
    locator = Locator(text, fmt or "turtle", data) if text is not None else None
    return place(shacl_findings(results, shapes or Graph()), data, locator, file, fmt)


def render_path(graph: Graph, path: Node, style: Style) -> str:
    """A SHACL property path in SPARQL-like notation."""
    if isinstance(path, URIRef):
        return style.term(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + render_path(graph, inverse, style)
    if graph.value(path, RDF.first) is not None:
        return "/".join(render_path(graph, step, style) for step in Collection(graph, path))
    if isinstance(path, BNode):
        return "[]"
    return str(path)
