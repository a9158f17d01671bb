"""SHACL results worded for a person: a `Problem` per result, placed and short.

pyshacl's results graph names the focus node, path and value as RDF terms;
a person reads them as the file writes them, so IRIs are shortened with the
file's own prefixes (then jargraph's), paths are shown in SPARQL-like
notation, IRIs inside messages are shortened the same way, and each problem
carries the line the locator finds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ..terms import short_iri
from .locating import Locator
from .prefixes import declared_prefixes
from .reading import parser_for_extension
from .report import Problem

SEVERITIES: dict[Node | None, str] = {
    SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


def as_problems(
    results: Graph, data: Graph, text: str | None, file: str | None, fmt: str | None
) -> list[Problem]:
    """Every sh:ValidationResult as a Problem, in file order."""
    fmt = fmt or (parser_for_extension(Path(file).suffix.lower()) if file else None) or "turtle"
    prefixes = declared_prefixes(text, fmt) if text else {}
    locator = Locator(text, fmt, data) if text else None
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        if value == focus:  # node-level results repeat the focus node as the value
            value = None
        messages = sorted(
            _shorten_iris(str(m), prefixes) for m in results.objects(result, SH.resultMessage)
        )
        severity = SEVERITIES.get(results.value(result, SH.resultSeverity), "violation")
        line = locator.line(focus, path, value) if locator and focus is not None else None
        found.append(
            Problem(
                file=file,
                line=line,
                focus=render(focus, prefixes) if focus is not None else "",
                path=_render_path(results, path, prefixes) if path is not None else None,
                value=render(value, prefixes) if value is not None else None,
                message=" ".join(messages) or "does not conform to the shapes",
                severity=severity,
            )
        )
    return sorted(set(found), key=_order)


def _order(problem: Problem) -> tuple:
    return (
        problem.file or "",
        problem.line or 0,
        problem.focus,
        problem.path or "",
        problem.message,
    )


def render(term: Node, prefixes: dict[str, str]) -> str:
    """A term as short as the file's prefixes (then jargraph's) allow."""
    if isinstance(term, URIRef):
        return _shorten(str(term), prefixes)
    if isinstance(term, BNode):
        return "[]"
    if isinstance(term, Literal):
        lexical = str(term)
        if len(lexical) > 60:
            lexical = lexical[:57] + "..."
        shown = json.dumps(lexical, ensure_ascii=False)
        if term.language:
            return f"{shown}@{term.language}"
        if term.datatype:
            return f"{shown}^^{_shorten(str(term.datatype), prefixes)}"
        return shown
    return str(term)


_IRI_IN_TEXT_RE = re.compile(r"\b(?:https?|urn):[^\s,;()<>\"']*[^\s,;()<>\"'.]")


def _shorten_iris(message: str, prefixes: dict[str, str]) -> str:
    """IRIs that SPARQL results put into a message, written as short as the terms around them."""
    return _IRI_IN_TEXT_RE.sub(lambda m: _shorten(m.group(), prefixes), message)


def _shorten(iri: str, prefixes: dict[str, str]) -> str:
    """An IRI under the longest of the file's namespaces, else of jargraph's, else ``<iri>``."""
    matches = [
        (len(ns), p) for p, ns in prefixes.items() if ns and iri.startswith(ns) and iri != ns
    ]
    if matches:
        length, prefix = max(matches)
        return f"{prefix}:{iri[length:]}"
    short = short_iri(iri)
    return short if short != iri else f"<{iri}>"


def _render_path(graph: Graph, path: Node, prefixes: dict[str, str]) -> str:
    """A SHACL property path in SPARQL-like notation."""
    if isinstance(path, URIRef):
        return render(path, prefixes)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _render_path(graph, inverse, prefixes)
    if graph.value(path, RDF.first) is not None:
        return "/".join(_render_path(graph, step, prefixes) for step in Collection(graph, path))
    return "[]"
