"""Where each statement of a JSON-LD text is written.

Python's JSON reader keeps no positions, so the text is read here by a small
JSON parser that does, and the result walked as JSON-LD expansion would: the
``@context`` (terms, prefixes, ``@vocab``, ``@base``, typed terms), node
objects with or without ``@id``, ``@type``, ``@graph``, embedded nodes, value
objects and lists. Each statement is recorded at the key of its property and
the value itself, so a problem is placed at the offending value, not at the
first mention of the node's IRI (which is often a reference from another
node). The text is already known to parse; anything this walk does not follow
is left out, and the problem falls back to its node.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from rdflib.namespace import RDF

from ..vocab import ID
from .located import Position, Sink, Written
from .scan_turtle import line_starts, position, resolve

_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NUMBER_RE = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_SPACE_RE = re.compile(r"[ \t\r\n]*")
_SKIPPED = frozenset({"@id", "@context", "@reverse", "@index", "@included", "@nest"})


@dataclass
class _J:
    """A JSON value and the offset where it starts."""

    kind: str
    at: int
    value: Any = None
    """A scalar; a list of values for an array; (key, key offset, value) for an object."""

    def entries(self) -> list[tuple[str, int, _J]]:
        return self.value if self.kind == "object" else []

    def get(self, key: str) -> _J | None:
        return next((v for k, _, v in self.entries() if k == key), None)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text, self.i = text, 0

    def space(self) -> None:
        match = _SPACE_RE.match(self.text, self.i)
        self.i = match.end() if match else self.i

    def value(self) -> _J:
        self.space()
        start, char = self.i, self.text[self.i]
        if char == "{":
            self.i += 1
            entries: list[tuple[str, int, _J]] = []
            self.space()
            while self.text[self.i] != "}":
                key = self.value()
                self.space()
                self.i += 1  # the colon
                entries.append((str(key.value), key.at, self.value()))
                self.space()
                if self.text[self.i] == ",":
                    self.i += 1
                    self.space()
            self.i += 1
            return _J("object", start, entries)
        if char == "[":
            self.i += 1
            items: list[_J] = []
            self.space()
            while self.text[self.i] != "]":
                items.append(self.value())
                self.space()
                if self.text[self.i] == ",":
                    self.i += 1
            self.i += 1
            return _J("array", start, items)
        if char == '"':
            match = _STRING_RE.match(self.text, self.i)
            assert match is not None
            self.i = match.end()
            return _J("string", start, json.loads(match.group()))
        for word, value in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.i):
                self.i += len(word)
                return _J("literal" if value is not None else "null", start, value)
        match = _NUMBER_RE.match(self.text, self.i)
        assert match is not None
        self.i = match.end()
        return _J("literal", start, json.loads(match.group()))


@dataclass(frozen=True)
class _Term:
    iri: str | None
    type: str | None = None


@dataclass(frozen=True)
class _Context:
    terms: dict[str, _Term] = field(default_factory=dict)
    vocab: str | None = None
    base: str = str(ID)

    def expand(self, value: str, vocab: bool) -> str | None:
        """An IRI as JSON-LD expands it (a key or type with ``vocab``, an ``@id`` without)."""
        if value.startswith("@"):
            return None
        if vocab and value in self.terms:
            return self.terms[value].iri
        prefix, sep, rest = value.partition(":")
        if sep:
            if prefix == "_":
                return value
            if not rest.startswith("//") and prefix in self.terms:
                known = self.terms[prefix].iri
                return known + rest if known else None
            return value
        if vocab:
            return self.vocab + value if self.vocab else None
        return resolve(self.base, value)


def scan_jsonld(text: str, sink: Sink) -> None:
    """Record every statement and declaration of the JSON-LD text in ``sink``."""
    _Walk(text, sink).top(_Parser(text).value())


class _Walk:
    def __init__(self, text: str, sink: Sink) -> None:
        self.sink = sink
        self.starts = line_starts(text)

    def at(self, offset: int) -> Position:
        return position(self.starts, offset)

    def top(self, doc: _J) -> None:
        for item in doc.value if doc.kind == "array" else [doc]:
            if item.kind == "object":
                self.node(item, _Context())

    def context(self, ctx: _Context, spec: _J) -> _Context:
        """The active context after a ``@context`` value (local definitions only)."""
        for item in spec.value if spec.kind == "array" else [spec]:
            if item.kind == "null":
                ctx = _Context()
            if item.kind != "object":
                continue
            terms = dict(ctx.terms)
            for key, key_at, value in item.entries():
                if key == "@base" and value.kind == "string":
                    ctx = replace(ctx, base=resolve(ctx.base, value.value))
                    self.sink.declarations.append((None, ctx.base, self.at(key_at)))
                elif key == "@vocab" and value.kind == "string":
                    ctx = replace(ctx, vocab=ctx.expand(value.value, vocab=True) or value.value)
            for simple in (True, False):  # prefixes first: later definitions may use them
                for key, key_at, value in item.entries():
                    if key.startswith("@") or (value.kind == "string") != simple:
                        continue
                    scope = replace(ctx, terms=terms)
                    if value.kind == "string":
                        iri = scope.expand(value.value, vocab=True)
                        terms[key] = _Term(iri)
                        if iri and iri[-1:] in "/#":
                            self.sink.declarations.append((key, iri, self.at(key_at)))
                    elif value.kind == "object":
                        given = value.get("@id")
                        iri = scope.expand(given.value if given and given.kind == "string"
                                           else key, vocab=True)
                        kind = value.get("@type")
                        terms[key] = _Term(iri, kind.value if kind and kind.kind == "string"
                                           else None)
                    elif value.kind == "null":
                        terms.pop(key, None)
            ctx = replace(ctx, terms=terms)
        return ctx

    def node(self, obj: _J, ctx: _Context, parent: object = None,
             predicate: str | None = None) -> tuple[object, Position]:
        """A node object: its statements recorded; its key and where it is named."""
        local = obj.get("@context")
        if local is not None:
            ctx = self.context(ctx, local)
        named = obj.get("@id")
        if named is not None and named.kind == "string":
            iri = ctx.expand(named.value, vocab=False)
            key: object = ("bnode", iri) if iri and iri.startswith("_:") else iri
            where = self.at(named.at)
        else:
            key = len(self.sink.anonymous)
            where = self.at(obj.at)
            self.sink.anonymous[key] = (parent, str(predicate), where)
        for name, name_at, value in obj.entries():
            if name in _SKIPPED:
                continue
            if name == "@graph":
                for item in value.value if value.kind == "array" else [value]:
                    if item.kind == "object":
                        self.node(item, ctx)
                continue
            if name == "@type":
                for item in value.value if value.kind == "array" else [value]:
                    if item.kind == "string":
                        self.record(key, str(RDF.type), ctx.expand(item.value, vocab=True),
                                    where, name_at, item.at)
                continue
            prop = ctx.expand(name, vocab=True)
            if prop is None or prop.startswith("_:"):
                continue
            term = ctx.terms.get(name, _Term(prop))
            for _, item_at, obj_key in self.values(value, ctx, term, key, prop):
                self.record(key, prop, obj_key, where, name_at, item_at)
        return key, where

    def values(self, value: _J, ctx: _Context, term: _Term, subject: object,
               prop: str) -> list[tuple[_J, int, object]]:
        """(value, offset, object key) for each object a property's value gives."""
        if value.kind == "array":
            return [found for item in value.value
                    for found in self.values(item, ctx, term, subject, prop)]
        if value.kind == "string":
            if term.type in ("@id", "@vocab"):
                return [(value, value.at, ctx.expand(value.value, vocab=term.type == "@vocab"))]
            return [(value, value.at, ("literal", value.value))]
        if value.kind == "literal":
            shown = {True: "true", False: "false"}.get(value.value, str(value.value))
            return [(value, value.at, ("literal", shown))]
        if value.kind != "object":
            return []
        literal = value.get("@value")
        if literal is not None:
            shown = {True: "true", False: "false"}.get(literal.value, str(literal.value))
            return [(literal, literal.at, ("literal", shown))]
        listed = value.get("@list") or value.get("@set")
        if listed is not None:
            return self.values(listed, ctx, term, subject, prop)
        key, where = self.node(value, ctx, subject, prop)
        named = value.get("@id")
        return [(value, named.at if named is not None else value.at, key)]

    def record(self, subject: object, prop: str, obj: object, subject_at: Position,
               prop_offset: int, obj_offset: int) -> None:
        if obj is not None:
            self.sink.statements.append(Written(subject, prop, obj, subject_at,
                                                self.at(prop_offset), self.at(obj_offset)))
