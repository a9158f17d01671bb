"""Why a graph contradicts the ontology, in sentences a person can act on.

HermiT says only *that* a graph is inconsistent. The contradictions this
ontology allows are few: a node in two classes declared disjoint (stated, or
implied by the domain or range of a property it has, through subclasses,
subproperties and inverses), a node that must be in one of a union of classes
(a domain such as "a judgement, finding or grade count") but is disjoint with
each, and a literal outside its property's datatype. This module finds those
by reading the axioms, and names the node, the classes and the statement that
brings each class in.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import combinations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from .terms import short_iri

_SCHEMA_SPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))
_INTEGER_RANGES: dict[URIRef, tuple[int | None, int | None]] = {
    XSD.integer: (None, None),
    XSD.nonNegativeInteger: (0, None),
    XSD.positiveInteger: (1, None),
    XSD.nonPositiveInteger: (None, 0),
    XSD.negativeInteger: (None, -1),
    XSD.long: (-(2**63), 2**63 - 1),
    XSD.int: (-(2**31), 2**31 - 1),
    XSD.short: (-(2**15), 2**15 - 1),
    XSD.byte: (-(2**7), 2**7 - 1),
    XSD.unsignedLong: (0, 2**64 - 1),
    XSD.unsignedInt: (0, 2**32 - 1),
    XSD.unsignedShort: (0, 2**16 - 1),
    XSD.unsignedByte: (0, 2**8 - 1),
}
"""OWL 2's integer datatypes and their bounds: all share owl:real's value space."""
_REAL = frozenset({*_INTEGER_RANGES, XSD.decimal, OWL.real, OWL.rational})
_STRINGS = frozenset({XSD.string, XSD.normalizedString, XSD.token, XSD.language, XSD.Name,
                      XSD.NCName, XSD.NMTOKEN})
_OWL2_DATATYPES = _REAL | _STRINGS | {
    RDF.langString, RDF.PlainLiteral, RDF.XMLLiteral, XSD.double, XSD.float, XSD.boolean,
    XSD.hexBinary, XSD.base64Binary, XSD.anyURI, XSD.dateTime, XSD.dateTimeStamp}
"""The OWL 2 datatype map: the datatypes HermiT reasons with."""


@dataclass(frozen=True)
class Clash:
    """One contradiction: the node it is about, what contradicts, and what to do.

    ``path`` and ``value`` name the statement that brings the clash in, so a
    validator can place it on a line; ``classes`` are the classes at odds.
    """

    node: Node
    detail: str
    """A verb phrase about the node: "is a jar:Strength and a jar:Weakness, but ..."."""
    hint: str
    path: URIRef | None = None
    value: Node | None = None
    classes: tuple[URIRef, ...] = ()

    def __str__(self) -> str:
        return f"{name(self.node)} {self.detail}; {self.hint}"


@dataclass(frozen=True)
class _Why:
    """How a node comes to be in a class: stated, or by a property's domain or range."""

    kind: str  # "stated", "subject", "value"
    cls: Node
    prop: URIRef | None = None
    other: Node | None = None

    def phrase(self, unions: dict[Node, tuple[Node, ...]]) -> str:
        if self.kind == "stated":
            return f"is a {name(self.cls)}"
        must = _one_of(self.cls, unions)
        if self.kind == "subject":
            return f"has {name(self.prop)}, so must be {must}"
        return f"is the {name(self.prop)} of {name(self.other)}, so must be {must}"


@dataclass
class _Axioms:
    """The class and property axioms of a graph (the ontology's and any the data adds)."""

    supers: dict[Node, set[Node]] = field(default_factory=dict)
    disjoint: set[frozenset[Node]] = field(default_factory=set)
    unions: dict[Node, tuple[Node, ...]] = field(default_factory=dict)
    domains: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    ranges: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    superprops: dict[Node, set[Node]] = field(default_factory=dict)
    inverses: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    symmetric: set[Node] = field(default_factory=set)


def name(node: Node | None) -> str:
    """A node as a person reads it: ``jar:Strength``, ``jarid:area/leeds``, ``<iri>``."""
    if isinstance(node, URIRef):
        short = short_iri(str(node))
        return short if short != str(node) else f"<{node}>"
    if isinstance(node, BNode):
        return "[]"
    if isinstance(node, Literal):
        shown = json.dumps(str(node), ensure_ascii=False)
        if node.language:
            return f"{shown}@{node.language}"
        return f"{shown}^^{name(node.datatype)}" if node.datatype else shown
    return str(node)


def _one_of(cls: Node, unions: dict[Node, tuple[Node, ...]]) -> str:
    """``a jar:Judgement`` or, for a union, ``a jar:Judgement, jar:Finding or jar:GradeCount``."""
    members = unions.get(cls)
    if not members:
        return f"a {name(cls)}"
    names = [name(m) for m in members]
    return "a " + ", ".join(names[:-1]) + " or " + names[-1]


def find_clashes(graph: Graph) -> list[Clash]:
    """Every contradiction of these kinds in ``graph`` (data, ontology and schemes together)."""
    axioms = _read_axioms(graph)
    whys: dict[Node, list[_Why]] = defaultdict(list)
    found: list[Clash] = []
    for s, p, o in graph:
        if p == RDF.type:
            if isinstance(o, URIRef) and not str(o).startswith(_SCHEMA_SPACES):
                whys[s].append(_Why("stated", o))
            elif o == OWL.Nothing:
                whys[s].append(_Why("stated", o))
            continue
        if str(p).startswith(_SCHEMA_SPACES) or not isinstance(p, URIRef):
            continue
        for why_node, why in _implied(axioms, s, p, o):
            whys[why_node].append(why)
        if isinstance(o, Literal):
            found.extend(_datatype_clashes(axioms, s, p, o))
    for node, reasons in whys.items():
        found.extend(_node_clashes(axioms, node, reasons))
    return sorted(set(found), key=lambda c: (name(c.node), c.detail))


def _implied(axioms: _Axioms, s: Node, p: URIRef, o: Node) -> Iterator[tuple[Node, _Why]]:
    """The classes that ``s p o`` puts its subject and object in, through every
    superproperty, inverse and symmetry."""
    for q in axioms.superprops.get(p, {p}):
        for domain in axioms.domains.get(q, ()):
            yield s, _Why("subject", domain, p)
        if isinstance(o, Literal):
            continue
        for range_ in axioms.ranges.get(q, ()):
            if not _is_datatype(range_):
                yield o, _Why("value", range_, p, s)
        for inverse in axioms.inverses.get(q, set()) | ({q} if q in axioms.symmetric else set()):
            for domain in axioms.domains.get(inverse, ()):
                yield o, _Why("value", domain, p, s)
            for range_ in axioms.ranges.get(inverse, ()):
                yield s, _Why("subject", range_, p)


def _node_clashes(axioms: _Axioms, node: Node, reasons: list[_Why]) -> Iterator[Clash]:
    unions = axioms.unions
    named = [r for r in _unique(reasons) if r.cls not in unions]
    for why in named:
        if OWL.Nothing in _supers(axioms, why.cls):
            yield Clash(node, f"{why.phrase(unions)}, and {name(why.cls)} can have no members",
                        "check the axioms of that class", *_place(why), (_iri(why.cls),))
    for first, second in combinations(named, 2):
        pair = _disjoint_pair(axioms, first.cls, second.cls)
        if pair:
            yield _disjoint_clash(axioms, node, first, second, pair)
    for why in (r for r in _unique(reasons) if r.cls in unions):
        against = [r for r in named
                   if all(_disjoint_pair(axioms, r.cls, m) for m in unions[why.cls])]
        if against:
            other = against[0]
            yield Clash(
                node,
                f"{other.phrase(unions)} and {why.phrase(unions)}; but a {name(other.cls)} can "
                "be none of these (the ontology declares them disjoint)",
                _hint(axioms, why), *_place(other if other.kind == "stated" else why),
                (_iri(other.cls), *(_iri(m) for m in unions[why.cls])))


def _disjoint_clash(axioms: _Axioms, node: Node, first: _Why, second: _Why,
                    pair: tuple[Node, Node]) -> Clash:
    a, b = pair
    if {a, b} == {first.cls, second.cls}:
        why_not = "the ontology declares them disjoint"
    else:
        why_not = (f"nothing can be both a {name(a)} and a {name(b)} "
                   "(the ontology declares them disjoint)")
    stated = first if first.kind == "stated" else second if second.kind == "stated" else None
    implied = second if stated is first else first
    return Clash(
        node, f"{first.phrase(axioms.unions)} and {second.phrase(axioms.unions)}, but {why_not}",
        _hint(axioms, implied), *_place(stated or first), (_iri(first.cls), _iri(second.cls)))


def _hint(axioms: _Axioms, implied: _Why) -> str:
    """What to change: the type, the property, or the value it points at."""
    if implied.kind == "subject":
        return (f"remove {name(implied.prop)} from it, or check the domain of "
                f"{name(implied.prop)} in the ontology")
    if implied.kind == "value":
        return (f"give {name(implied.other)} {_one_of(implied.cls, axioms.unions)} as its "
                f"{name(implied.prop)}")
    return "keep one type"


def _place(why: _Why) -> tuple[URIRef | None, Node | None]:
    """The statement to place a clash at: the type written, or the property."""
    if why.kind == "stated":
        return RDF.type, why.cls
    return why.prop, None


def _iri(node: Node) -> URIRef:
    return node if isinstance(node, URIRef) else URIRef(str(node))


def _unique(reasons: list[_Why]) -> list[_Why]:
    """One reason per class, a stated type before an implied one, in a stable order."""
    chosen: dict[Node, _Why] = {}
    for why in sorted(reasons, key=lambda r: (r.kind != "stated", name(r.cls), name(r.prop))):
        chosen.setdefault(why.cls, why)
    return list(chosen.values())


def _disjoint_pair(axioms: _Axioms, a: Node, b: Node) -> tuple[Node, Node] | None:
    """The disjoint classes that keep ``a`` and ``b`` apart (themselves or superclasses)."""
    for x in _supers(axioms, a):
        for y in _supers(axioms, b):
            if frozenset((x, y)) in axioms.disjoint:
                return x, y
    return None


def _supers(axioms: _Axioms, cls: Node) -> set[Node]:
    return axioms.supers.get(cls, {cls})


def _datatype_clashes(axioms: _Axioms, s: Node, p: URIRef, value: Literal) -> Iterator[Clash]:
    for q in axioms.superprops.get(p, {p}):
        for datatype in axioms.ranges.get(q, ()):
            if isinstance(datatype, URIRef) and _fits(value, datatype) is False:
                yield Clash(s, f"has {name(p)} {name(value)}, but {name(q)} takes "
                               f"{name(datatype)} values",
                            f"give it a value of type {name(datatype)}", p, value, (datatype,))


def ill_typed(graph: Graph) -> Iterator[tuple[tuple[Node, Node, Node], Clash | None]]:
    """Statements whose literal is not valid for its datatype, with the clash each is
    for the reasoner (None where HermiT ignores the datatype). owlready2 cannot read
    them, so they are taken out before it runs."""
    for s, p, o in graph:
        if isinstance(o, Literal) and o.ill_typed and o.datatype is not None:
            clash = None
            if o.datatype in _OWL2_DATATYPES and isinstance(p, URIRef):
                clash = Clash(s, f"has {name(p)} {name(o)}, which is not a valid "
                                 f"{name(o.datatype)}, so nothing can be its value",
                              f"write a valid {name(o.datatype)}", p, o, (o.datatype,))
            yield (s, p, o), clash


def _fits(value: Literal, datatype: URIRef) -> bool | None:
    """Whether a literal is in a datatype's value space (None: not a datatype HermiT checks)."""
    given = value.datatype or (RDF.langString if value.language else XSD.string)
    if given not in _OWL2_DATATYPES:
        return None  # HermiT skips it (unsupported datatypes are ignored)
    if datatype == RDF.langString:
        return None  # not in OWL 2's datatype map: HermiT leaves such ranges unchecked
    if datatype in _STRINGS or datatype == RDF.PlainLiteral:
        return given in _STRINGS or (datatype == RDF.PlainLiteral and given == RDF.langString)
    if datatype in _REAL:
        if given not in _REAL:
            return False
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            return False
        if datatype not in _INTEGER_RANGES:
            return True
        low, high = _INTEGER_RANGES[datatype]
        return (number == number.to_integral_value() and (low is None or number >= low)
                and (high is None or number <= high))
    return None


def _is_datatype(node: Node) -> bool:
    return isinstance(node, URIRef) and (str(node).startswith(str(XSD)) or node in (
        RDF.langString, RDF.PlainLiteral, RDFS.Literal, OWL.real, OWL.rational))


def _read_axioms(graph: Graph) -> _Axioms:
    axioms = _Axioms()
    edges: dict[Node, set[Node]] = defaultdict(set)
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        edges[sub].add(sup)
    for a, b in graph.subject_objects(OWL.equivalentClass):
        edges[a].add(b)
        edges[b].add(a)
    for cls, members in graph.subject_objects(OWL.unionOf):
        axioms.unions[cls] = tuple(Collection(graph, members))
    axioms.supers = _closure(edges)
    for a, b in graph.subject_objects(OWL.disjointWith):
        axioms.disjoint.add(frozenset((a, b)))
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        for members in graph.objects(group, OWL.members):
            for a, b in combinations(Collection(graph, members), 2):
                axioms.disjoint.add(frozenset((a, b)))
    for prop, domain in graph.subject_objects(RDFS.domain):
        axioms.domains[prop].add(domain)
    for prop, range_ in graph.subject_objects(RDFS.range):
        axioms.ranges[prop].add(range_)
    props: dict[Node, set[Node]] = defaultdict(set)
    for sub, sup in graph.subject_objects(RDFS.subPropertyOf):
        props[sub].add(sup)
    axioms.superprops = _closure(props)
    for a, b in graph.subject_objects(OWL.inverseOf):
        axioms.inverses[a].add(b)
        axioms.inverses[b].add(a)
    axioms.symmetric = set(graph.subjects(RDF.type, OWL.SymmetricProperty))
    return axioms


def _closure(edges: dict[Node, set[Node]]) -> dict[Node, set[Node]]:
    """Each node with everything it reaches (itself included)."""
    reach: dict[Node, set[Node]] = {}
    for start in edges:
        seen = {start}
        stack: list[Node] = [start]
        while stack:
            for nxt in edges.get(stack.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        reach[start] = seen
    return reach
