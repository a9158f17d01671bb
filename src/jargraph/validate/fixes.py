"""What to write where a required statement is missing, worked out from the encoding.

A shape can say that a judgement needs its review, but not which review; the
encoding usually can. A node's identifier is minted below its parent's
(``review/jar-leeds-2008/judgement/safeguarding`` belongs to
``review/jar-leeds-2008``, ``document/X/paragraph/3`` to ``document/X``), a
review's identifier names its area and year, a judgement's names its
judgement area, the grade is the one its printed wording names, and the
siblings of a node (the other judgements of its review) show the passage it
most likely comes from. Where none of that tells, there is no fix: a guess
presented as the thing to write would mislead.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV, QB, RDF
from rdflib.term import Node

from ..vocab import ID, JAR
from . import concepts
from .crosschecks import AREA, grade_named, review_scope
from .report import Finding
from .statements import Statements


def with_fix(finding: Finding, statements: Statements) -> Finding:
    """The finding with a fix, if it has none and the encoding shows what is missing."""
    if finding.fix is not None or finding.value is not None or finding.focus is None or (
            finding.many):
        return finding
    prop = finding.path
    if not isinstance(prop, URIRef) or not isinstance(finding.focus, URIRef):
        return finding
    value = _missing(finding.focus, prop, statements)
    return replace(finding, fix=f"<{prop}> {value}") if value else finding


def _missing(node: URIRef, prop: URIRef, statements: Statements) -> str | None:
    iri = str(node)
    if prop == JAR.review:
        parent = _ancestor(iri, "review", statements)
        return f"<{parent}>" if parent else None
    if prop in (DCTERMS.isPartOf, JAR.reportedIn):
        parent = _ancestor(iri, "document", statements) or _only(JAR.Document, statements)
        return f"<{parent}>" if parent else None
    if prop == QB.dataSet:
        parent = _ancestor(iri, "distribution", statements)
        return f"<{parent}>" if parent else None
    if prop == JAR.year:
        match = re.search(r"/id/review/[^/]+-(\d{4})$", iri)
        return f'"{match.group(1)}"^^<http://www.w3.org/2001/XMLSchema#gYear>' if match else None
    if prop == JAR.area:
        match = re.search(r"/id/review/(?:jar|apa|ca|eyi)-(.+)-\d{4}$", iri)
        return f"<{AREA}{match.group(1)}>" if match else None
    if prop == JAR.judgementArea:
        match = re.search(r"/judgement/([a-z0-9-]+)(?:/council)?$", iri)
        area = f"{ID}judgement-area/{match.group(1)}" if match else None
        return f"<{area}>" if area in concepts.concepts() else None
    if prop == JAR.grade:
        wording = statements.values(JAR.gradeWording).get(node, [])
        grade = grade_named(str(wording[0])) if len(wording) == 1 else None
        return f"<{grade}>" if grade else None
    if prop == JAR.scope:
        review = statements.values(JAR.review).get(node, [])
        scope = review_scope(review[0], statements) if len(review) == 1 else None
        return f"<{scope}>" if scope else None
    if prop == PROV.wasDerivedFrom:
        return _siblings_passage(node, statements)
    return None


def _ancestor(iri: str, kind: str, statements: Statements) -> str | None:
    """The longest ``/id/{kind}/...`` IRI that the node is named below and the file types."""
    typed = {str(s) for s, _ in statements.pairs(RDF.type)}
    start = iri.find(f"/id/{kind}/")
    if start < 0:
        return None
    parts = iri.split("/")
    for end in range(len(parts) - 1, 0, -1):
        candidate = "/".join(parts[:end])
        if len(candidate) <= start + len(f"/id/{kind}/"):
            break
        if candidate in typed:
            return candidate
    return None


def _only(cls: Node, statements: Statements) -> str | None:
    found = {s for s, o in statements.pairs(RDF.type) if o == cls}
    subclassed = {s for s, o in statements.pairs(RDF.type)
                  if o in (JAR.ReviewReport, JAR.CouncilReport, JAR.NationalReport)}
    found |= subclassed
    return str(next(iter(found))) if len(found) == 1 else None


def _siblings_passage(node: URIRef, statements: Statements) -> str | None:
    """The passage the other nodes of the same kind and review are most often derived from."""
    types = statements.values(RDF.type)
    reviews = statements.values(JAR.review)
    kinds = set(types.get(node, []))
    mine = set(reviews.get(node, []))
    derived = statements.values(PROV.wasDerivedFrom)
    votes: Counter[Node] = Counter()
    for other, passages in derived.items():
        if other != node and kinds & set(types.get(other, [])) and (
                not mine or mine & set(reviews.get(other, []))):
            votes.update(passages)
    if not votes:
        return None
    (best, count), *rest = votes.most_common(2) + [(None, 0)]
    return f"<{best}>" if rest[0][1] < count else None
