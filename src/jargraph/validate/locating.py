"""Finding where a node is written: the line of a focus node, property or value.

A SHACL result names nodes, not places; a person needs the line. The text is
already known to parse, so a forgiving scanner is enough: for Turtle, TriG,
N-Triples and N-Quads it records every statement with the line of its
subject, predicate and object (and each ``[ ... ]`` block with what points at
it, so blank nodes can be found); for JSON-LD it records the line of each
``"@id"``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from ..vocab import ID
from .prefixes import jsonld_prefixes
from .reading import all_triples

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


class Locator:
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
        prefixes = jsonld_prefixes(text)
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
            merged.addN((s, p, o, merged) for s, p, o in all_triples(self.data))
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

    def __init__(self, text: str, locator: Locator) -> None:
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
