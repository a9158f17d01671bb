"""Draft encodings: a report's text read and written as Turtle a person can correct.

An encoder who starts from the empty template spends most of the time copying
what a reader could have read. ``jargraph draft`` (and the validation page)
reads the report with the reader of its family and encodes it as the build
does (:mod:`jargraph.encode`), then writes the statements the way the template
lays them out (:mod:`jargraph.draft_turtle`): the document, the passages, the
areas with their codes, each review with its judgements, investigations,
findings and recommendations, then the rest. Each block says which paragraph or
section and which line of the report it came from, and every place where the
reader was unsure (each `ReaderWarning`, each area name the reference table does
not know) is a ``# CHECK:`` comment at the block it concerns. The draft passes
``jargraph validate``; the person checks it against the report and fixes what
the CHECK comments point at.

The draft leaves out what the build derives for itself (qualified derivations
with their quotations, theme tags) and the passages no statement points at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, QB, RDF, RDFS, SKOS

from . import uris
from .draft_turtle import Block, Group, turtle
from .encode import FINDING_CLASSES, REVIEW_CLASSES, encode_document
from .links import Authority, LinkError, resolve_area
from .model import Document, ReaderWarning, Source
from .readers import read_document, read_text
from .vocab import JAR, ONS_GEOGRAPHY

REVIEW_ORDER = (JAR.JointAreaReview, JAR.AnnualPerformanceAssessment, JAR.CorporateAssessment,
                JAR.EnhancedYouthInspection)
FINDING_TYPES = set(FINDING_CLASSES.values())
NATIONAL_GROUPS: tuple[tuple[URIRef, str], ...] = (
    (JAR.GradeDistribution, "Grade distributions: how many areas got each grade"),
    (JAR.KeyFinding, "Key findings"),
    (JAR.Recommendation, "Recommendations of the report"),
    (JAR.PracticeExample, "Examples of practice"),
    (JAR.GradeDescriptor, "The grade scale as the report words it"),
    (JAR.ReportedGrade, "The thirteen grades of the 2005 methodology"),
)


@dataclass
class Draft:
    """A draft encoding: the Turtle, and what it was made from."""

    turtle: str
    document: Document
    checks: list[str] = field(default_factory=list)
    """Every ``# CHECK:`` comment, in the order written."""
    blocks: int = 0


def draft_file(path: str | Path) -> Draft:
    """The draft encoding of a report file (raises `ReaderError`/`UnknownDocument` when the
    file cannot be read, `EncodingProblem` when what was read cannot be encoded)."""
    return draft_document(read_document(Path(path)))


def draft_from_text(text: str, name: str = "pasted") -> Draft:
    """The draft encoding of report text held in memory (pasted into a form)."""
    return draft_document(read_text(text, name))


@dataclass
class _Areas:
    """Area names resolved through the reference table, keeping the ones it does not know."""

    found: dict[URIRef, Authority] = field(default_factory=dict)
    written: dict[URIRef, str] = field(default_factory=dict)
    unknown: dict[URIRef, tuple[int, str]] = field(default_factory=dict)

    def __call__(self, name: str, source: Source | None) -> URIRef:
        try:
            authority = resolve_area(name)
        except LinkError as exc:
            uri = uris.area(uris.slug(name))
            line = source.line if source else 0
            known = self.unknown.get(uri)
            if known is None or (line and (not known[0] or line < known[0])):
                self.unknown[uri] = (line, str(exc).rstrip("."))
            self.written.setdefault(uri, name)
            return uri
        self.found[authority.uri] = authority
        self.written.setdefault(authority.uri, name)
        return authority.uri


def draft_document(doc: Document) -> Draft:
    """The draft encoding of a document already read."""
    areas = _Areas()
    graph, encoder_warnings = encode_document(doc, areas)
    lines = _derivation_lines(graph)
    passages = _passages(graph)
    _tidy_areas(graph, areas)
    groups = _groups(graph, doc, lines, passages, areas)
    warnings = [*doc.warnings, *encoder_warnings]
    checks = _place_checks(groups, warnings, areas, passages)
    _drop_unused_passages(graph, groups)
    text = turtle(graph, groups, _header(doc, checks))
    return Draft(text, doc, checks, sum(len(g.blocks) for g in groups))


# ---------------------------------------------------------------- tidying the graph


def _derivation_lines(graph: Graph) -> dict[URIRef, list[tuple[URIRef, int]]]:
    """Each statement's (passage, line) pairs from its qualified derivations, which the
    draft then leaves out: the block's comment says the same in words."""
    found: dict[URIRef, list[tuple[URIRef, int]]] = {}
    for statement, derivation in list(graph.subject_objects(PROV.qualifiedDerivation)):
        passage = graph.value(derivation, PROV.entity)
        line = graph.value(derivation, JAR.sourceLine)
        if isinstance(statement, URIRef) and isinstance(passage, URIRef):
            found.setdefault(statement, []).append(
                (passage, int(line) if isinstance(line, Literal) else 0))
        graph.remove((derivation, None, None))
        graph.remove((statement, PROV.qualifiedDerivation, derivation))
    for pairs in found.values():
        pairs.sort(key=lambda pair: pair[1])
    return found


@dataclass(frozen=True)
class _Passage:
    uri: URIRef
    line: int
    paragraph: str | None
    section: str | None

    def describe(self) -> str:
        if self.paragraph:
            return f"paragraph {self.paragraph}" + (f" ({self.section})" if self.section
                                                    else "")
        return f"section \"{self.section}\"" if self.section else "the front matter"


def _passages(graph: Graph) -> dict[URIRef, _Passage]:
    found = {}
    for uri in graph.subjects(RDF.type, JAR.Passage):
        if isinstance(uri, URIRef):
            line, number, section = (graph.value(uri, p) for p in (
                JAR.sourceLine, JAR.paragraphNumber, JAR.section))
            found[uri] = _Passage(uri, int(line) if isinstance(line, Literal) else 0,
                                  str(number) if number else None,
                                  str(section) if section else None)
    return found


def _tidy_areas(graph: Graph, areas: _Areas) -> None:
    """Areas as the template writes them: the reference table's name and codes for a
    known area, the name as written for one the table does not know."""
    for area in {a for a in graph.subjects(RDF.type, JAR.Area) if isinstance(a, URIRef)}:
        graph.remove((area, RDFS.label, None))
        authority = areas.found.get(area)
        if authority is None:
            graph.add((area, SKOS.prefLabel, Literal(areas.written.get(area, ""), lang="en")))
            continue
        graph.add((area, SKOS.prefLabel, Literal(authority.name, lang="en")))
        graph.add((area, JAR.dfeCode, Literal(authority.dfe_code)))
        if authority.gss_code:
            graph.add((area, JAR.gssCode, Literal(authority.gss_code)))
            graph.add((area, OWL.sameAs, URIRef(ONS_GEOGRAPHY + authority.gss_code)))
        graph.add((area, JAR.region, Literal(authority.region)))
        graph.add((area, JAR.authorityType, Literal(authority.authority_type)))


def _drop_unused_passages(graph: Graph, groups: list[Group]) -> None:
    """Passages no statement is derived from are left out, with the document's list."""
    kept = {b.subject for g in groups for b in g.blocks}
    for passage in set(graph.subjects(RDF.type, JAR.Passage)):
        if passage not in kept:
            graph.remove((passage, None, None))
            graph.remove((None, JAR.passage, passage))


# ---------------------------------------------------------------- grouping


def _groups(graph: Graph, doc: Document, lines: dict[URIRef, list[tuple[URIRef, int]]],
            passages: dict[URIRef, _Passage], areas: _Areas) -> list[Group]:
    """The blocks in the template's order, each under its group's heading."""
    placed: set[URIRef] = set()
    out: list[Group] = []
    printed = _printed_order(doc)

    def block(subject: URIRef, note: str | None = None) -> Block:
        placed.add(subject)
        pairs = lines.get(subject, [])
        where = "; ".join(f"{passages[p].describe()}, line {line}" for p, line in pairs
                          if p in passages)
        return Block(subject, [f"from {where}"] if where else ([note] if note else []),
                     lines=[line for _, line in pairs], passages=[p for p, _ in pairs])

    def add(title: str, subjects: Iterable[URIRef], sub: bool = False) -> None:
        chosen = [s for s in subjects if s not in placed]
        chosen.sort(key=lambda s: (min((ln for _, ln in lines.get(s, [])), default=0),
                                   printed.get(str(graph.value(s, JAR.text)), 0), str(s)))
        if chosen:
            out.append(Group(title, [block(s) for s in chosen], sub=sub))

    def typed(*classes: URIRef) -> list[URIRef]:
        return [s for cls in classes for s in graph.subjects(RDF.type, cls)
                if isinstance(s, URIRef)]

    document = uris.document(doc.id)
    publishers = [p for p in graph.objects(document, DCTERMS.publisher)
                  if isinstance(p, URIRef) and (p, None, None) in graph]
    out.append(Group("The document", [block(document, f"the cover, line {_cover_line(doc)}")]
                     + [block(p) for p in publishers]))
    used = {p for pairs in lines.values() for p, _ in pairs}
    passage_blocks = [Block(p, [f"line {passages[p].line}"], lines=[passages[p].line],
                            passages=[p]) for p in sorted(used, key=lambda u: (
                                passages[u].line, str(u))) if p in passages]
    placed.update(b.subject for b in passage_blocks)
    out.append(Group("Passages: the paragraphs and sections the statements below are "
                     "derived from", passage_blocks))
    area_blocks = []
    for area in sorted(typed(JAR.Area), key=str):
        written = areas.written.get(area)
        authority = areas.found.get(area)
        note = (f"written \"{written}\"; codes from data/reference/local-authorities.csv"
                if authority else f"written \"{written}\"")
        placed.add(area)
        area_blocks.append(Block(area, [note]))
    out.append(Group("Areas, with their codes from data/reference/local-authorities.csv",
                     area_blocks))
    reviews = sorted(typed(*REVIEW_CLASSES.values()), key=lambda r: (
        next((i for i, c in enumerate(REVIEW_ORDER) if (r, RDF.type, c) in graph), 9), str(r)))
    for review in reviews:
        label = graph.value(review, RDFS.label)
        out.append(Group(str(label or review), [block(review, "the title page")]))
        of_review = {s for s in graph.subjects(JAR.review, review) if isinstance(s, URIRef)}
        add("Judgements", sorted(of_review & set(typed(JAR.Judgement)), key=str), sub=True)
        add("Additional investigations",
            sorted(of_review & set(typed(JAR.AdditionalInvestigation)), key=str), sub=True)
        add("Findings", sorted(of_review & set(typed(*FINDING_TYPES)), key=str), sub=True)
        add("Recommendations", sorted(of_review & set(typed(JAR.Recommendation)), key=str),
            sub=True)
    add("Context figures", typed(JAR.ContextFigure))
    for cls, title in NATIONAL_GROUPS:
        subjects = typed(cls)
        if cls == JAR.GradeDistribution:
            subjects = [x for d in sorted(subjects, key=str) for x in [d, *sorted(
                (c for c in graph.subjects(QB.dataSet, d) if isinstance(c, URIRef)), key=str)]]
        add(title, subjects)
    rest = {s for s in graph.subjects() if isinstance(s, URIRef) and s not in placed
            and (s, RDF.type, JAR.Passage) not in graph}
    add("Other statements", sorted(rest, key=str))
    return [g for g in out if g.blocks]


def _printed_order(doc: Document) -> dict[str, int]:
    """Findings and recommendations by their words -> the order the report prints them
    (the items of one table row share a line)."""
    texts = [f.text for f in doc.findings] + [r.text for r in doc.recommendations]
    for review in doc.reviews:
        texts += [f.text for f in review.findings] + [r.text for r in review.recommendations]
    return {" ".join(text.split()): index for index, text in enumerate(texts)}


def _cover_line(doc: Document) -> int:
    first = next((p for p in doc.passages if p.section in ("Title page", None)), None)
    return first.line if first else 1


# ---------------------------------------------------------------- CHECK comments


def _place_checks(groups: list[Group], warnings: list[ReaderWarning], areas: _Areas,
                  passages: dict[URIRef, _Passage]) -> list[str]:
    """Each warning as a CHECK comment on the block it concerns: the block read from its
    line, else the first block read from the passage its line falls in (that passage's
    own block when none is), else the document's block."""
    blocks = [b for g in groups for b in g.blocks]
    by_subject = {b.subject: b for b in blocks}
    document = blocks[0]
    passage_group = next((g for g in groups if g.title.startswith("Passages")), None)
    checks: list[str] = []
    for area, (line, message) in areas.unknown.items():
        text = (f"line {line or 1}: {message}; if it is none of them, the area's name is "
                "wrong, or not one of the children's services authorities of 2005-2009")
        by_subject.get(area, document).checks.append(text)
        checks.append(text)
    ordered = sorted(passages.values(), key=lambda p: p.line)
    for warning in warnings:
        text = f"line {warning.line}: {warning.message}"
        target = next((b for b in blocks if warning.line in b.lines
                       and b.subject not in passages), None)
        if target is None and warning.line > 1:
            inside = [p for p in ordered if 0 < p.line <= warning.line]
            if inside:
                passage = inside[-1]
                target = next((b for b in blocks if passage.uri in b.passages
                               and b.subject != passage.uri), None)
                if target is None and passage_group is not None:
                    target = by_subject.get(passage.uri)
                    if target is None:
                        target = Block(passage.uri, [f"line {passage.line}"],
                                       lines=[passage.line], passages=[passage.uri])
                        passage_group.blocks.append(target)
                        passage_group.blocks.sort(key=lambda b: (b.lines or [0])[0])
                        blocks.append(target)
        (target or document).checks.append(text)
        checks.append(text)
    return checks


def _header(doc: Document, checks: list[str]) -> list[str]:
    name = Path(doc.path).name
    lines = [
        f"Draft encoding of {name}: {doc.title or doc.id}",
        "",
        "Written by `jargraph draft` from the report's text. Check every block against",
        "the report (each says the paragraph or section and the line it came from),",
        "correct what is wrong, and validate:",
        "",
        f"    jargraph validate {doc.id}.ttl",
        "",
    ]
    if checks:
        many = len(checks) != 1
        lines.append(f"{len(checks)} place{'s' if many else ''} where the reader was unsure "
                     f"{'are' if many else 'is'} marked CHECK below.")
    else:
        lines.append("The reader was sure of everything it read; it may still have missed "
                     "something.")
    return lines
