"""An encoding's statements, read once and indexed, for the checks written in Python.

Walking an rdflib graph costs far more than walking a list, and a build
validates every document it converts; so the statements (of every named
graph, each once) are listed once and indexed by property, and every check
reads them from here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph
from rdflib.term import Node

from .reading import all_triples


@dataclass
class Statements:
    """The statements of one encoding, each once, in a list and by property."""

    triples: list[tuple[Node, Node, Node]]
    by_property: dict[Node, list[tuple[Node, Node]]] = field(default_factory=dict)

    @classmethod
    def of(cls, data: Graph) -> Statements:
        triples = list(dict.fromkeys(all_triples(data)))
        by_property: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        for s, p, o in triples:
            by_property[p].append((s, o))
        return cls(triples, dict(by_property))

    def pairs(self, prop: Node) -> list[tuple[Node, Node]]:
        """(subject, object) of every statement with this property."""
        return self.by_property.get(prop, [])

    def values(self, prop: Node) -> dict[Node, list[Node]]:
        """Subject -> its objects, for one property."""
        found: dict[Node, list[Node]] = defaultdict(list)
        for s, o in self.pairs(prop):
            found[s].append(o)
        return found
