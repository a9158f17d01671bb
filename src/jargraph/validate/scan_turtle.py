"""Where each statement of a Turtle, TriG, N-Triples or N-Quads text is written.

The text is already known to parse, so a forgiving walk is enough: every
statement is recorded with the line and column of its subject, predicate and
object, each ``[ ... ]`` block with what points at it (so blank nodes can be
found), and each ``@prefix``/``@base`` with where it is written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from rdflib.namespace import RDF

from ..vocab import ID
from .located import Position, Sink, Written

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
    at: Position


def line_starts(text: str) -> list[int]:
    """The offset where each line starts, for turning offsets into positions."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


def position(starts: list[int], offset: int) -> Position:
    """The 1-based line and column of a character offset."""
    line = bisect_right(starts, offset)
    return Position(line, offset - starts[line - 1] + 1)


def resolve(base: str, reference: str) -> str:
    """An IRI reference against a base; absolute IRIs are kept as written."""
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", reference):
        return reference
    return urljoin(base, reference)


def _tokens(text: str) -> Iterator[_Token]:
    starts = line_starts(text)
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup or "other"
        if kind != "ws":
            yield _Token(kind, match.group(), position(starts, match.start()))


def scan_turtle(text: str, sink: Sink) -> None:
    """Record every statement and declaration of the text in ``sink``."""
    _TurtleScanner(text, sink).run()


class _TurtleScanner:
    def __init__(self, text: str, sink: Sink) -> None:
        self.tokens = list(_tokens(text))
        self.sink = sink
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
            subject, at = self.node()
            if subject is not None:
                self.predicate_objects(subject, at)

    def directive(self) -> None:
        keyword = self.take()
        name = self.peek()
        if name and name.kind == "pname":
            self.take()
            iri = self.peek()
            if iri and iri.kind == "iri":
                namespace = resolve(self.base, iri.text[1:-1])
                self.prefixes[name.text[:-1]] = namespace
                self.sink.declarations.append((name.text[:-1], namespace, keyword.at))
                self.take()
        elif name and name.kind == "iri":
            self.base = resolve(self.base, name.text[1:-1])
            self.sink.declarations.append((None, self.base, keyword.at))
            self.take()

    def predicate_objects(self, subject: object, subject_at: Position) -> None:
        while (token := self.peek()) is not None and token.text not in ".]}":
            predicate_token = self.take()
            predicate = self.term(predicate_token)
            while True:
                obj, at = self.node(subject, predicate)
                self.sink.statements.append(
                    Written(subject, str(predicate), obj, subject_at, predicate_token.at, at)
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

    def node(self, parent: object = None, predicate: object = None) -> tuple[object, Position]:
        """A subject or object: a term, a [ ... ] block or a ( ... ) list."""
        token = self.take()
        if token.text == "[":
            key = len(self.sink.anonymous)
            self.sink.anonymous[key] = (parent, str(predicate), token.at)
            self.predicate_objects(key, token.at)
            if (closing := self.peek()) is not None and closing.text == "]":
                self.take()
            return key, token.at
        if token.text == "(":
            while (item := self.peek()) is not None and item.text != ")":
                self.node()
            if self.peek() is not None:
                self.take()
            return None, token.at
        return self.term(token), token.at

    def term(self, token: _Token) -> object:
        if token.kind == "iri":
            return resolve(self.base, _ESCAPE_RE.sub(r"\1", token.text[1:-1]))
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
    return _STRING_ESCAPE_RE.sub(_unescaped, body)


_STRING_ESCAPE_RE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


def _unescaped(match: re.Match[str]) -> str:
    escape = match.group(1)
    if escape[0] in "uU" and len(escape) > 1:
        return chr(int(escape[1:], 16)) if int(escape[1:], 16) <= 0x10FFFF else escape
    return _ESCAPES.get(escape, escape)
