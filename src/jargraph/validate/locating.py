"""Finding where a node, property or value is written: its line and column.

A SHACL result or a check names nodes, not places; a person needs the line
and column. The scanners (:mod:`.scan_turtle` for Turtle, TriG, N-Triples
and N-Quads, :mod:`.scan_jsonld` for JSON-LD) record every statement with
where its subject, predicate and object are written; this module picks the
statement a problem is about. The offending value wins over its property,
and the property over its node, so a block pasted twice and then edited is
reported at the copy that holds the bad value.
"""

from __future__ import annotations

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from .located import Position, Sink, Written
from .reading import all_triples
from .scan_jsonld import scan_jsonld
from .scan_turtle import scan_turtle

_PARTS = {"subject": "subject_at", "predicate": "predicate_at", "object": "object_at"}


class Locator:
    """Finds where a node (and one of its properties or values) is written."""

    def __init__(self, text: str, fmt: str, data: Graph) -> None:
        self.data = data
        self.sink = Sink()
        try:
            (scan_jsonld if fmt == "json-ld" else scan_turtle)(text, self.sink)
        except Exception:  # noqa: BLE001 - a text the walk cannot follow (it already parsed):
            pass  # what was found so far still places problems, and none is lost
        self.statements = self.sink.statements
        self._by_subject: dict[object, list[Written]] = {}
        for written in self.statements:
            self._by_subject.setdefault(written.subject, []).append(written)

    @property
    def declarations(self) -> list[tuple[str | None, str, Position]]:
        """(prefix or None for a base, namespace, where) for each declaration in the file."""
        return self.sink.declarations

    def find(self, focus: Node | None, path: Node | None = None, value: Node | None = None,
             part: str | None = None, through: bool = False) -> Position | None:
        """Where the value (else the property, else the node) a problem is about is written.

        ``through``: the value is reached from the node by a path of more than one
        property (``^jar:review``), so a value that is a node is placed where it is
        described."""
        if focus is None:
            return None
        key = self._key(focus)
        own = self._by_subject.get(key, []) if key is not None else []
        if not own:
            mentions = [s.object_at for s in self.statements if key is not None and s.obj == key]
            return min(mentions) if mentions else None
        predicate = str(path) if isinstance(path, URIRef) else None
        wanted = _value_key(value) if value is not None else None
        tests = (
            (lambda s: s.predicate == predicate and s.obj == wanted, part or "object"),
            (lambda s: s.predicate == predicate, part or "predicate"),
            (lambda s: wanted is not None and s.obj == wanted, part or "object"),
        )
        for test, where in tests:
            hits = [getattr(s, _PARTS[where]) for s in own if test(s)]
            if hits:
                return min(hits)
        described = [s.subject_at for s in self.statements
                     if through and wanted is not None and s.subject == wanted]
        return min(described or [s.subject_at for s in own])

    def values_of(self, focus: Node, path: Node) -> list[Position]:
        """Where each value of one property of a node is written, in file order."""
        key = self._key(focus)
        return sorted(s.object_at for s in self._by_subject.get(key, [])
                      if s.predicate == str(path))

    def first_use(self, iri: str, namespace: bool = False) -> Position | None:
        """The first place an IRI (or, with ``namespace``, any IRI in it) is written."""
        def used(key: object) -> bool:
            return key == iri or (namespace and isinstance(key, str) and key.startswith(iri))

        places = [s.subject_at for s in self.statements if used(s.subject)]
        places += [s.predicate_at for s in self.statements if used(s.predicate)]
        places += [s.object_at for s in self.statements if used(s.obj)]
        return min(places) if places else None

    def declaration(self, namespace: str) -> Position | None:
        """Where the file declares a prefix (or base) for this namespace."""
        places = [at for _, declared, at in self.declarations if declared == namespace]
        return min(places) if places else None

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
            key for key, (p_key, pred, _) in self.sink.anonymous.items()
            if (p_key, pred) in parents
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
        written = {(s.predicate, s.obj) for s in self._by_subject.get(key, [])}
        return sum(
            (str(p), _value_key(o)) in written for p, o in self._graph().predicate_objects(node)
        )


def _value_key(term: Node) -> object:
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, Literal):
        return ("literal", str(term))
    return None
