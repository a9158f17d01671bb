"""Checking encodings against the SHACL shapes and the ontology.

pyshacl does the checking; this module reads the input, runs pyshacl with the
ontology mixed in, and turns each SHACL result into a `Problem` a person can act
on: the file and line where the offending node is written, the node, property
and value as the file writes them, and the shape's message.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import warnings
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from json import JSONDecodeError
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pyshacl
from pyshacl.entrypoints import meta_validate
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.exceptions import ParserError
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.evaluate import evalQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLResult
from rdflib.plugins.sparql.sparql import Query
from rdflib.plugins.stores.memory import Memory
from rdflib.query import Result
from rdflib.term import Identifier, Node

from . import resources
from .ontology import shapes_graph as load_shapes
from .ontology import vocabulary_graph as load_ontology
from .vocab import ID, PREFIXES

FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".nt": "nt",
    ".nq": "nquads",
}
"""File extension -> rdflib parser name."""

_FORMAT_NAMES = {
    "turtle": "turtle",
    "ttl": "turtle",
    "trig": "trig",
    "json-ld": "json-ld",
    "jsonld": "json-ld",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "nquads": "nquads",
    "nq": "nquads",
    "n-quads": "nquads",
}
_DATASET_FORMATS = {"trig", "nquads", "json-ld"}
_SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
_SHAPES_FILE = "shapes.ttl"


# ---------------------------------------------------------------- records


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


# ---------------------------------------------------------------- loading


class _RemoteDocument(Exception):
    """A JSON-LD text that would make the parser fetch a document (a context) by URL."""

    def __init__(self, url: str, offset: int) -> None:
        super().__init__(f"the JSON-LD refers to a context at {url!r}")
        self.url, self.offset = url, offset


class _NotJsonLdDocument(Exception):
    """JSON whose top level is neither an object nor an array (rdflib fails inside)."""

    def __init__(self, top: str) -> None:
        super().__init__(f"the JSON holds {top} at the top")
        self.top = top


def _refuse_unreadable_jsonld(text: str) -> None:
    """Raise `_NotJsonLdDocument` when the top level is not an object or array, and
    `_RemoteDocument` when JSON-LD names a context by URL (``"@context": "..."`` or
    ``"@import"``): rdflib would fetch it, and the validator reads only what it is given."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return  # not JSON: the parser reports where
    if not isinstance(data, (dict, list)):
        raise _NotJsonLdDocument({str: "a string", bool: "true or false",
                                  type(None): "null"}.get(type(data), "a number"))
    stack: list[Any] = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                named = value if key == "@context" and isinstance(value, list) else [value]
                if key in ("@context", "@import"):
                    for item in named:
                        if isinstance(item, str):
                            written = text.find(json.dumps(item)[1:-1])
                            raise _RemoteDocument(item, max(written, text.find(key)))
                stack.append(value)


def _parse_quietly(graph: Graph, **kwargs: object) -> Graph:
    """rdflib logs ill-typed literals; the shapes report those, so keep stderr clean.

    JSON-LD that names a remote context is refused before parsing: the
    validator never fetches anything from the network. So is JSON-LD whose top
    level is not an object or array, which rdflib fails on inside.
    """
    if kwargs.get("format") == "json-ld" and isinstance(kwargs.get("data"), str):
        _refuse_unreadable_jsonld(kwargs["data"])  # type: ignore[arg-type]
    rdflib_logger = logging.getLogger("rdflib")
    level = rdflib_logger.level
    rdflib_logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return graph.parse(**kwargs)  # type: ignore[arg-type]
    finally:
        rdflib_logger.setLevel(level)


def _format_for(path: Path, fmt: str | None) -> str:
    """The rdflib parser for a file: the one asked for, else the one its extension names."""
    if fmt:
        name = _FORMAT_NAMES.get(fmt.lower())
        if not name:
            known = ", ".join(sorted(set(_FORMAT_NAMES.values())))
            raise EncodingError(
                str(path), None, None, f"unknown format '{fmt}'; use one of {known}"
            )
        return name
    name = FORMATS.get(path.suffix.lower())
    if not name:
        known = ", ".join(FORMATS)
        raise EncodingError(
            str(path),
            None,
            None,
            f"unknown extension '{path.suffix}'; name the file {known}, or pass --format",
        )
    return name


def _read_text(path: Path) -> str:
    """The file as UTF-8 text, or an EncodingError saying why it is not."""
    file = str(path)
    if not path.exists():
        raise EncodingError(file, None, None, "no such file; check the name and path")
    if path.is_dir():
        raise EncodingError(file, None, None, "is a directory; give the encoding files in it")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise EncodingError(
            file, None, None, f"cannot be read ({err.strerror}); check its permissions"
        ) from None
    if not raw.strip():
        raise EncodingError(
            file, None, None, "file is empty; copy data/encodings/template.ttl to start an encoding"
        )
    if b"\x00" in raw:
        raise EncodingError(
            file,
            None,
            None,
            "is a binary file, not RDF text; give a .ttl, .trig, .jsonld, .nt or .nq file",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, column = _line_column(raw, err.start)
        raise EncodingError(
            file, line, column, "is not UTF-8 text; save the file as UTF-8"
        ) from None


def _line_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    newline = "\n" if isinstance(text, str) else b"\n"
    before = text[:offset]
    line = before.count(newline) + 1  # type: ignore[arg-type]
    column = offset - (before.rfind(newline) + 1) + 1  # type: ignore[arg-type]
    return line, column


def _syntax_error(file: str, text: str, fmt: str, err: Exception) -> EncodingError:
    """The parser's complaint as one line, with the line and column where it has them."""
    if isinstance(err, _RemoteDocument):
        line, column = _line_column(text, err.offset)
        return EncodingError(
            file, line, column,
            f"the @context {err.url!r} would have to be fetched, and the validator fetches "
            "nothing; put the context in the file",
        )
    if isinstance(err, _NotJsonLdDocument):
        return EncodingError(
            file, 1, 1,
            f"JSON-LD must be a JSON object {{...}} or array [...] at the top, not {err.top}; "
            "wrap the statements in an object with @context and @graph",
        )
    if isinstance(err, RecursionError):
        line, column = _line_column(text, _deepest_point(text))
        return EncodingError(
            file, line, column,
            f"{fmt} nested too deeply to read (brackets within brackets, deepest here); "
            "give nested nodes names or blank node labels instead",
        )
    if isinstance(err, IndexError) and fmt in ("turtle", "trig"):  # rdflib read past the end
        line, column = _line_column(text, len(text.rstrip()))
        return EncodingError(
            file, line, column,
            f"{fmt} syntax error: the text ends in the middle of a statement; "
            "finish it (and end it with ' .')",
        )
    if isinstance(err, BadSyntax):
        raw = getattr(err, "_str", b"")
        offset = getattr(err, "_i", 0)
        line, column = _line_column(raw, offset) if raw else (None, None)
        why = getattr(err, "_why", "bad syntax")
        return EncodingError(file, line, column, f"{fmt} syntax error: {why}; fix the text here")
    if isinstance(err, JSONDecodeError):
        return EncodingError(
            file, err.lineno, err.colno, f"JSON syntax error: {err.msg}; fix the text here"
        )
    if isinstance(err, ParserError) and fmt in ("nt", "nquads"):
        line = _first_bad_line(text, fmt)
        return EncodingError(
            file,
            line,
            None,
            f"{fmt} syntax error: each line must be one complete statement ending in ' .'",
        )
    if isinstance(err, ValueError) and "integer string conversion" in str(err):
        line, column = _line_column(text, _long_number_at(text))
        return EncodingError(
            file, line, column,
            f"a number here has more than {sys.get_int_max_str_digits():,} digits, too "
            "long to read; shorten it, or write it as a string",
        )
    if isinstance(err, (NameError, AttributeError, TypeError, KeyError)):
        return EncodingError(
            file, None, None,
            f"cannot be read as {fmt}: the {fmt} reader failed inside it "
            f"({type(err).__name__}: {str(err).strip()[:100]}), as it can on malformed "
            f"{fmt} it does not report; check the text against the {fmt} specification",
        )
    first = (str(err).strip().splitlines() or [type(err).__name__])[0]
    return EncodingError(file, None, None, f"cannot be read as {fmt}: {first}")


def _long_number_at(text: str) -> int:
    """The offset of the first run of digits too long for Python to convert."""
    match = re.search(rf"\d{{{sys.get_int_max_str_digits() + 1},}}", text)
    return match.start() if match else 0


def _deepest_point(text: str) -> int:
    """The offset where brackets (``[``, ``(``, ``{``) first reach their deepest nesting,
    not counting brackets inside quoted strings (to the end of their line); a hint for input
    too deep to parse."""
    depth = deepest = at = 0
    quote = ""
    escaped = False
    for offset, char in enumerate(text):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in (quote, "\n"):
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[({":
            depth += 1
            if depth > deepest:
                deepest, at = depth, offset
        elif char in "])}":
            depth = max(0, depth - 1)
    return at


def _first_bad_line(text: str, fmt: str) -> int | None:
    """N-Triples/N-Quads errors carry no line number: find the first line that fails alone."""
    graph: Graph = Dataset() if fmt == "nquads" else Graph()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            _parse_quietly(graph, data=line, format=fmt)
        except Exception:  # noqa: BLE001 - any failure marks the line
            return number
    return None


def read_encoding(path: str | Path, format: str | None = None) -> tuple[Graph, str]:
    """Parse one encoding file; an EncodingError (never a traceback) for anything unreadable.

    Returns a Dataset for formats that can hold named graphs (TriG, N-Quads,
    JSON-LD), a Graph otherwise, together with the text for locating problems.
    Relative IRIs resolve against ``https://w3id.org/jargraph/id/`` so that a
    file means the same wherever it is kept.
    """
    path = Path(path)
    fmt = _format_for(path, format)
    text = _read_text(path)
    graph: Graph = Dataset() if fmt in _DATASET_FORMATS else Graph()
    try:
        _parse_quietly(graph, data=text, format=fmt, publicID=str(ID))
    except Exception as err:  # noqa: BLE001 - every parser failure becomes one line
        raise _syntax_error(str(path), text, fmt, err) from None
    if next(_all_triples(graph), None) is None:
        raise EncodingError(
            str(path),
            None,
            None,
            "holds no statements; encode at least the document and its review",
        )
    return graph, text


# ---------------------------------------------------------------- validating


@cache
def _prepared(query: str, namespaces: tuple[tuple[str, str], ...]) -> Query:
    """A SPARQL query parsed and translated once per process, not once per focus node."""
    return translateQuery(parseQuery(query), None, dict(namespaces))


class _PreparedQueryStore(Memory):
    """An in-memory store that reuses parsed queries.

    pyshacl runs each SPARQL constraint once per focus node with the same text and
    a new binding of ``$this``; rdflib would parse the text every time, which costs
    far more than evaluating it. rdflib hands queries to a store that can answer
    them, so this store answers from the cache and evaluates with rdflib as usual.
    """

    def query(
        self,
        query: str | Query,
        initNs: Mapping[str, Any],  # noqa: N803 - rdflib's names
        initBindings: Mapping[str, Identifier],  # noqa: N803
        queryGraph: str,  # noqa: N803
        **kwargs: Any,
    ) -> Result:
        if not isinstance(query, str) or kwargs:
            raise NotImplementedError
        prepared = _prepared(query, tuple(sorted((k, str(v)) for k, v in initNs.items())))
        graph = Graph(store=self, identifier=queryGraph)
        return SPARQLResult(evalQuery(graph, prepared, initBindings))


@cache
def _typing_triples() -> tuple[tuple[Node, Node, Node], ...]:
    """What the shapes need from the ontology: the class tree and the type of every concept."""
    ontology = load_ontology()
    return (
        *ontology.triples((None, RDFS.subClassOf, None)),
        *ontology.triples((None, RDF.type, None)),
    )


def _with_ontology(data: Graph | Dataset) -> Graph:
    """A copy of the data, every named graph merged, with the ontology's typing added.

    The schemes' concepts must be typed in the data graph for sh:class to know
    them, and the ontology's rdfs:subClassOf must be there for sh:targetClass and
    sh:class to reach subclasses; pyshacl's own ontology mixing copies axioms but
    not concepts.
    """
    graph = Graph(store=_PreparedQueryStore(), bind_namespaces="core")
    graph.addN((s, p, o, graph) for s, p, o in _typing_triples())
    graph.addN((s, p, o, graph) for s, p, o in _all_triples(data))
    return graph


def _all_triples(data: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of a graph, or of every graph of a dataset."""
    graphs = data.graphs() if isinstance(data, Dataset) else [data]
    for graph in graphs:
        yield from graph


def validate_graph(
    data: Graph | Dataset,
    *,
    source_text: str | None = None,
    file: str | None = None,
    format: str | None = None,
    inference: str = "none",
) -> ValidationReport:
    """Run the shapes over the data, with the ontology mixed in, and place each result.

    ``source_text`` (the text ``data`` was parsed from) lets problems carry the
    line where the node is written; ``format`` defaults to the one ``file`` names.
    No inference by default: subclass membership needs none (the ontology's
    rdfs:subClassOf is in the graph), and RDFS range inference would type any
    IRI written after jar:judgementArea as a jar:JudgementArea, so a misspelt
    concept would pass.
    """
    conforms, results, _ = pyshacl.validate(
        _with_ontology(data),
        shacl_graph=load_shapes(),
        inference=inference,
        inplace=True,
    )
    problems = _problems(results, data, source_text, file, format)
    if _is_shapes_graph(data):
        meta = check_shapes_graph(data, source_text=source_text, file=file)
        problems += meta.problems
        results += meta.results_graph
        conforms = conforms and meta.conforms
    return ValidationReport(problems, bool(conforms) and not problems, results)


def _is_shapes_graph(data: Graph) -> bool:
    """A shapes file given as input is also checked against SHACL's own shapes."""
    graphs = data.graphs() if isinstance(data, Dataset) else [data]
    return any(next(g.triples((None, RDF.type, SH.NodeShape)), None) for g in graphs)


def check_shapes_graph(
    shapes: Graph | None = None, *, source_text: str | None = None, file: str | None = None
) -> ValidationReport:
    """Validate a shapes graph (by default ours) against pyshacl's bundled SHACL-SHACL shapes."""
    if shapes is None:
        path = resources.ontology_dir() / _SHAPES_FILE
        shapes, source_text, file = load_shapes(), path.read_text(encoding="utf-8"), str(path)
    conforms, results, _ = meta_validate(shapes, inference="none")
    problems = _problems(results, shapes, source_text, file, "turtle")
    return ValidationReport(problems, bool(conforms), results)


def _problems(
    results: Graph, data: Graph, text: str | None, file: str | None, fmt: str | None
) -> list[Problem]:
    """Every sh:ValidationResult as a Problem, in file order."""
    fmt = fmt or (FORMATS.get(Path(file).suffix.lower()) if file else None) or "turtle"
    prefixes = _declared_prefixes(text, fmt) if text else {}
    locator = _Locator(text, fmt, data) if text else None
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
        severity = _SEVERITIES.get(results.value(result, SH.resultSeverity), "violation")
        line = locator.line(focus, path, value) if locator and focus is not None else None
        found.append(
            Problem(
                file=file,
                line=line,
                focus=_render(focus, prefixes) if focus is not None else "",
                path=_render_path(results, path, prefixes) if path is not None else None,
                value=_render(value, prefixes) if value is not None else None,
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


# ---------------------------------------------------------------- rendering terms


_PREFIX_RE = re.compile(r"(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)


def _declared_prefixes(text: str, fmt: str) -> dict[str, str]:
    """The prefixes the file itself declares, so terms print as the person wrote them."""
    if fmt == "json-ld":
        return _jsonld_prefixes(text)
    return {prefix or "": iri for prefix, iri in _PREFIX_RE.findall(text)}


def _jsonld_prefixes(text: str) -> dict[str, str]:
    """Term definitions in a JSON-LD @context that look like namespaces."""
    try:
        doc = json.loads(text)
    except ValueError:
        return {}
    contexts = [doc.get("@context")] if isinstance(doc, dict) else []
    prefixes: dict[str, str] = {}
    for context in contexts:
        for item in context if isinstance(context, list) else [context]:
            if isinstance(item, dict):
                prefixes.update(
                    (key, value)
                    for key, value in item.items()
                    if isinstance(value, str) and not key.startswith("@") and value[-1:] in "/#"
                )
    return prefixes


def _render(term: Node, prefixes: dict[str, str]) -> str:
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
    for table in (prefixes, PREFIXES):
        matches = [
            (len(ns), p) for p, ns in table.items() if ns and iri.startswith(ns) and iri != ns
        ]
        if matches:
            length, prefix = max(matches)
            return f"{prefix}:{iri[length:]}"
    return f"<{iri}>"


def _render_path(graph: Graph, path: Node, prefixes: dict[str, str]) -> str:
    """A SHACL property path in SPARQL-like notation."""
    if isinstance(path, URIRef):
        return _render(path, prefixes)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _render_path(graph, inverse, prefixes)
    if graph.value(path, RDF.first) is not None:
        return "/".join(_render_path(graph, step, prefixes) for step in Collection(graph, path))
    return "[]"


# ---------------------------------------------------------------- locating nodes in the text


_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+|\#[^\n]*)
  | (?P<literal>(?:\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
        (?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^(?:<[^>\s]*>|[A-Za-z][\w.-]*?:[\w\-:%]*))?)
  | (?P<iri><[^>\s]*>)
  | (?P<bnode>_:[\w\-.]*\w)
  | (?P<directive>@prefix|@base)\b
  | (?P<number>[+-]?(?:\d+\.\d+|\.\d+|\d+)(?:[eE][+-]?\d+)?)
  | (?P<pname>(?:[A-Za-z][\w.-]*)?:(?:[\w\-:%]|\\.|\.(?=[\w\-:%\\]))*)
  | (?P<word>[A-Za-z]+)
  | (?P<punct>\^\^|[.;,\[\](){}])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE_RE = re.compile(r"\\(.)")


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    line: int


@dataclass(frozen=True)
class _Written:
    """One statement as the file writes it, with the line of each part."""

    subject: object
    predicate: str
    obj: object
    subject_line: int
    predicate_line: int
    object_line: int


class _Locator:
    """Finds the line where a node (and one of its properties or values) is written."""

    def __init__(self, text: str, fmt: str, data: Graph) -> None:
        self.data = data
        self.statements: list[_Written] = []
        self.anonymous: dict[int, tuple[object, str, int]] = {}
        self.ids: dict[str, int] = {}
        if fmt == "json-ld":
            self._scan_jsonld(text)
        else:
            _TurtleScanner(text, self).run()

    # JSON-LD: the line of each "@id"
    def _scan_jsonld(self, text: str) -> None:
        prefixes = _jsonld_prefixes(text)
        base = str(ID)
        starts = _line_starts(text)
        for match in re.finditer(r'"@id"\s*:\s*"((?:[^"\\]|\\.)*)"', text):
            iri = _expand_jsonld(match.group(1), prefixes, base)
            self.ids.setdefault(iri, bisect_right(starts, match.start()))

    def line(self, focus: Node, path: Node | None, value: Node | None) -> int | None:
        key = self._key(focus)
        if self.ids:
            return self.ids.get(str(focus))
        if key is None:
            return None
        own = [s for s in self.statements if s.subject == key]
        if not own:
            mentions = [s.object_line for s in self.statements if s.obj == key]
            return min(mentions) if mentions else None
        predicate = str(path) if isinstance(path, URIRef) else None
        wanted = _value_key(value) if value is not None else None
        for test, line_of in (
            (lambda s: s.predicate == predicate and s.obj == wanted, "object_line"),
            (lambda s: s.predicate == predicate, "predicate_line"),
            (lambda s: wanted is not None and s.obj == wanted, "object_line"),
        ):
            hits = [getattr(s, line_of) for s in own if test(s)]
            if hits:
                return min(hits)
        described = [s.subject_line for s in self.statements if wanted and s.subject == wanted]
        return min(described or [s.subject_line for s in own])

    def _key(self, node: Node) -> object:
        """The scanner's key for a node; a blank node is found through what points at it."""
        if isinstance(node, URIRef):
            return str(node)
        if not isinstance(node, BNode):
            return None
        parents = {
            (self._key(parent) if isinstance(parent, URIRef) else None, str(predicate))
            for parent, predicate in self._graph().subject_predicates(node)
        } or {(None, "None")}
        matches = [
            key for key, (p_key, pred, _) in self.anonymous.items() if (p_key, pred) in parents
        ]
        return max(matches, key=lambda key: self._likeness(key, node)) if matches else None

    def _graph(self) -> Graph:
        """The data as one graph (a Dataset's named graphs merged), for following blank nodes."""
        if isinstance(self.data, Dataset):
            merged = Graph()
            merged.addN((s, p, o, merged) for s, p, o in _all_triples(self.data))
            self.data = merged
        return self.data

    def _likeness(self, key: int, node: BNode) -> int:
        """How many of a blank node's statements a bracketed block in the file also has."""
        written = {(s.predicate, s.obj) for s in self.statements if s.subject == key}
        return sum(
            (str(p), _value_key(o)) in written for p, o in self._graph().predicate_objects(node)
        )


def _value_key(term: Node) -> object:
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, Literal):
        return ("literal", str(term))
    return None


def _expand_jsonld(value: str, prefixes: dict[str, str], base: str) -> str:
    prefix, sep, rest = value.partition(":")
    if sep and prefix in prefixes and not rest.startswith("//"):
        return prefixes[prefix] + rest
    return _resolve(base, value)


def _resolve(base: str, reference: str) -> str:
    """An IRI reference against a base; absolute IRIs are kept as written (with a bare ``#``)."""
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", reference):
        return reference
    return urljoin(base, reference)


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _tokens(text: str) -> Iterator[_Token]:
    starts = _line_starts(text)
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup or "other"
        if kind != "ws":
            yield _Token(kind, match.group(), bisect_right(starts, match.start()))


class _TurtleScanner:
    """A forgiving walk over Turtle, TriG, N-Triples or N-Quads text (already known to parse)."""

    def __init__(self, text: str, locator: _Locator) -> None:
        self.tokens = list(_tokens(text))
        self.locator = locator
        self.prefixes: dict[str, str] = {}
        self.base = str(ID)
        self.i = 0

    def peek(self, ahead: int = 0) -> _Token | None:
        index = self.i + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def run(self) -> None:
        while self.peek():
            start = self.i
            self.statement()
            if self.i == start:  # never stall on something unexpected
                self.i += 1

    def statement(self) -> None:
        token = self.peek()
        assert token is not None
        lowered = token.text.lower()
        if token.kind == "directive" or (token.kind == "word" and lowered in ("prefix", "base")):
            self.directive()
        elif token.kind == "word" and lowered == "graph":
            self.take()
            self.take()
        elif token.text in "{}.":
            self.take()
        elif (after := self.peek(1)) is not None and after.text == "{":
            self.take()  # a TriG graph name
        else:
            subject, line = self.node()
            if subject is not None:
                self.predicate_objects(subject, line)

    def directive(self) -> None:
        self.take()
        name = self.peek()
        if name and name.kind == "pname":
            self.take()
            iri = self.peek()
            if iri and iri.kind == "iri":
                self.prefixes[name.text[:-1]] = _resolve(self.base, iri.text[1:-1])
                self.take()
        elif name and name.kind == "iri":
            self.base = _resolve(self.base, name.text[1:-1])
            self.take()

    def predicate_objects(self, subject: object, subject_line: int) -> None:
        while (token := self.peek()) is not None and token.text not in ".]}":
            predicate_token = self.take()
            predicate = self.term(predicate_token)
            while True:
                obj, line = self.node(subject, predicate)
                self.locator.statements.append(
                    _Written(subject, str(predicate), obj, subject_line, predicate_token.line, line)
                )
                after = self.peek()
                if after is not None and after.kind in ("iri", "bnode"):  # an N-Quads graph label
                    self.take()
                    after = self.peek()
                if after is None or after.text != ",":
                    break
                self.take()
            while (after := self.peek()) is not None and after.text == ";":
                self.take()
            if after is None or after.text in ".]}" or self.peek() is None:
                break
            if after.text != ";" and after.kind not in ("iri", "pname", "word"):
                break

    def node(self, parent: object = None, predicate: object = None) -> tuple[object, int]:
        """A subject or object: a term, a [ ... ] block or a ( ... ) list."""
        token = self.take()
        if token.text == "[":
            key = len(self.locator.anonymous)
            self.locator.anonymous[key] = (parent, str(predicate), token.line)
            self.predicate_objects(key, token.line)
            if (closing := self.peek()) is not None and closing.text == "]":
                self.take()
            return key, token.line
        if token.text == "(":
            while (item := self.peek()) is not None and item.text != ")":
                self.node()
            if self.peek() is not None:
                self.take()
            return None, token.line
        return self.term(token), token.line

    def term(self, token: _Token) -> object:
        if token.kind == "iri":
            return _resolve(self.base, _ESCAPE_RE.sub(r"\1", token.text[1:-1]))
        if token.kind == "pname":
            prefix, _, local = token.text.partition(":")
            return self.prefixes.get(prefix, prefix + ":") + _ESCAPE_RE.sub(r"\1", local)
        if token.kind == "word" and token.text == "a":
            return str(RDF.type)
        if token.kind == "literal":
            return ("literal", _literal_lexical(token.text))
        if token.kind in ("number", "word"):
            return ("literal", token.text)
        if token.kind == "bnode":
            return ("bnode", token.text)
        return None


def _literal_lexical(text: str) -> str:
    """The lexical form of a written literal: quotes, tag and datatype stripped, escapes undone."""
    quote = text[:3] if text[:3] in ('"""', "'''") else text[0]
    body = text[len(quote) : text.rindex(quote)]
    return _ESCAPE_RE.sub(
        lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), body
    )


def validate_file(path: str | Path, format: str | None = None) -> ValidationReport:
    """Read and validate one encoding file (raises EncodingError if it cannot be read)."""
    graph, text = read_encoding(path, format)
    return validate_graph(
        graph, source_text=text, file=str(path), format=_format_for(Path(path), format)
    )
