"""Turtle written by hand for drafts: blocks in a chosen order, each with comments.

rdflib's serialiser orders subjects its own way and cannot write comments; a
draft needs both (:mod:`jargraph.draft`). Names are written as the template
writes them: things of jargraph relative to ``@base`` (``<review/jar-leeds-2008>``),
terms of the vocabularies by their declared prefixes (``jar:grade``), anything
else whole. Every term is written so that the Turtle parses back to the same
graph (a test parses every draft back and compares).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from .vocab import ID, PREFIXES

DECLARED = ("jar", "rdf", "rdfs", "xsd", "skos", "owl", "dcterms", "prov", "qb", "org")
"""The prefixes a draft declares (as the template does; ``jarid:`` is the ``@base``)."""
PREDICATE_ORDER = (
    "rdfs:label", "dcterms:title", "skos:prefLabel", "dcterms:issued", "jar:ofstedReference",
    "dcterms:publisher", "jar:area", "jar:year", "jar:reportedIn", "jar:methodology",
    "jar:fieldworkStart", "jar:fieldworkEnd", "rdfs:seeAlso", "prov:wasAssociatedWith",
    "jar:hasInvestigation", "dcterms:isPartOf", "jar:paragraphNumber", "jar:section",
    "jar:sourceLine", "jar:review", "jar:judgementArea", "jar:outcomeArea", "jar:scope",
    "jar:grade", "jar:gradeWording", "jar:timeframe", "jar:addressee", "jar:addresseeText",
    "jar:measure", "rdf:value", "jar:unit", "jar:text", "jar:service",
)
"""Properties in the order the template gives them; others follow, then the document's
passages and the provenance."""
LAST = ("dcterms:description", "dcterms:rights", "jar:passage", "prov:wasDerivedFrom")
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
RULE = "# " + "-" * 75


@dataclass
class Block:
    """One subject's statements, with the comments written above them."""

    subject: URIRef
    notes: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    """The report's lines the statements were read from."""
    passages: list[URIRef] = field(default_factory=list)
    """The passages they were derived from."""


@dataclass
class Group:
    """Blocks under one heading comment (a smaller one when ``sub``)."""

    title: str
    blocks: list[Block]
    sub: bool = False


def turtle(graph: Graph, groups: list[Group], header: list[str]) -> str:
    """The graph as Turtle, one block per subject of ``groups`` in their order."""
    out = [f"# {line}".rstrip() for line in header]
    out += ["", f"@base <{ID}> ."]
    width = max(len(p) for p in DECLARED)
    out += [f"@prefix {p + ':':<{width + 1}} <{PREFIXES[p]}> ." for p in DECLARED]
    for group in groups:
        if group.sub:
            out += ["", f"# {group.title}"]
        else:
            out += ["", RULE, f"# {group.title}", RULE]
        for block in group.blocks:
            out += ["", *_block(graph, block)]
    return "\n".join(out) + "\n"


def _block(graph: Graph, block: Block) -> list[str]:
    lines = [f"# {note}" for note in block.notes]
    lines += [f"# CHECK: {check}" for check in block.checks]
    predicates: dict[str, list[Node]] = {}
    for p, o in graph.predicate_objects(block.subject):
        predicates.setdefault("a" if p == RDF.type else term(p), []).append(o)
    if not predicates:
        return lines + [f"# ({term(block.subject)} has no statements of its own)"]
    lines.append(term(block.subject))
    ordered = sorted(predicates, key=_predicate_key)
    for index, predicate in enumerate(ordered):
        objects = sorted((term(o) for o in predicates[predicate]), key=_natural)
        end = " ." if index == len(ordered) - 1 else " ;"
        joined = (" ,\n" + " " * 8).join(objects)
        lines.append(f"    {predicate} {joined}{end}")
    return lines


def _natural(text: str) -> list[tuple[int, int | str]]:
    """Numbers in order of their value: paragraph/2 before paragraph/10."""
    return [(0, int(part)) if part.isdigit() else (1, part)
            for part in re.split(r"(\d+)", text)]


def _predicate_key(name: str) -> tuple[int, int, str]:
    if name == "a":
        return (0, 0, name)
    if name in PREDICATE_ORDER:
        return (1, PREDICATE_ORDER.index(name), name)
    if name in LAST:
        return (3, LAST.index(name), name)
    return (2, 0, name)


def term(node: Node) -> str:
    """One term as Turtle: ``<relative/iri>``, ``prefix:name``, or a literal."""
    if isinstance(node, Literal):
        return _literal(node)
    iri = str(node)
    if iri.startswith(str(ID)) and not _UNSAFE.search(iri):
        rest = iri[len(str(ID)):]
        segments = rest.split("/")
        if rest and ":" not in segments[0] and not {".", ".."} & set(segments) and \
                not rest.startswith(("/", "?", "#")):
            return f"<{rest}>"
    for prefix in DECLARED:
        namespace = PREFIXES[prefix]
        if iri.startswith(namespace) and _LOCAL.fullmatch(iri[len(namespace):]):
            return f"{prefix}:{iri[len(namespace):]}"
    return "<" + _UNSAFE.sub(lambda m: f"%{ord(m.group(0)):02X}", iri) + ">"


def _literal(literal: Literal) -> str:
    text = str(literal)
    quoted = '"' + (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                    .replace("\r", "\\r").replace("\t", "\\t")) + '"'
    if literal.language:
        return f"{quoted}@{literal.language}"
    if literal.datatype is not None and literal.datatype != XSD.string:
        return f"{quoted}^^{term(literal.datatype)}"
    return quoted
