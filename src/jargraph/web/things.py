"""The page about one thing: its facts, where they come from, and what relates to it.

A thing's page shows its facts (every IRI a link to the page about it), the
provenance of each statement (document, paragraph and its words, with the
sentence, list item or table row the statement was read from marked),
what links to it, and what matters for its kind: the judgements, findings
and recommendations of a review; the grades of an area beside the national
distribution; the judgements given a grade or made in a judgement area.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask import Response, render_template
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from .. import formats
from ..ontology import superclasses
from ..terms import Shown, href, short_iri, show, show_iri
from ..vocab import ID, JAR
from .charts import AreaGrade, Chart, area_chart, national_chart
from .ontology_docs import term_label, vocabulary
from .reading import LABEL_PROPERTIES, select, sparql_prefixes

KIND_CLASSES: tuple[tuple[str, str], ...] = (
    ("area", str(JAR.Area)),
    ("review", str(JAR.Review)),
    ("judgement", str(JAR.Judgement)),
    ("finding", str(JAR.Finding)),
    ("recommendation", str(JAR.Recommendation)),
    ("grade", str(JAR.Grade)),
    ("judgement-area", str(JAR.JudgementArea)),
    ("service", str(JAR.Service)),
    ("distribution", str(JAR.GradeDistribution)),
    ("document", str(JAR.Document)),
    ("passage", str(JAR.Passage)),
)
"""Kinds of page, each by the class whose instances (and subclasses') it is for."""
KIND_NAMES = {
    "area": "Area", "review": "Review", "judgement": "Judgement", "finding": "Finding",
    "recommendation": "Recommendation", "grade": "Grade", "judgement-area": "Judgement area",
    "service": "Service", "distribution": "Grade distribution", "document": "Document",
    "passage": "Passage", "thing": "Thing",
}
RELATED: dict[str, tuple[str, str, str]] = {
    "review": ("?s jar:review <{iri}> .", "What this review states", str(JAR.review)),
    "area": ("?s jar:review ?r0 ; jar:grade ?g0 . ?r0 jar:area <{iri}> .",
             "Grades given to this area", ""),
    "judgement": (
        "<{iri}> jar:review ?r0 ; jar:judgementArea ?j0 . "
        "?s jar:review ?r0 ; jar:judgementArea ?j0 . FILTER(?s != <{iri}>)",
        "Findings of the same review in the same judgement area", ""),
    "grade": ("?s jar:grade <{iri}> ; jar:review ?r0 .", "Judgements with this grade",
              str(JAR.grade)),
    "judgement-area": ("?s jar:judgementArea <{iri}> ; jar:review ?r0 .",
                       "Judgements and findings in this judgement area", ""),
    "service": ("?s jar:service <{iri}> .", "Statements about this service", str(JAR.service)),
}
"""Kind -> (graph pattern binding ?s, heading, inbound property the section covers)."""
RELATED_LIMIT = 2000


# ---------------------------------------------------------------- view model


@dataclass
class Passage:
    """Where a statement was read: the passage, its document, paragraph, section, words."""

    iri: str
    link: str | None
    paragraph: str | None = None
    section: str | None = None
    text: str | None = None
    document: Shown | None = None
    line: str | None = None
    marked: tuple[str, str, str] | None = None
    """The text cut around the words the statement was read from: (before, quoted, after)."""


def mark(text: str | None, quotes: Iterable[str | None]) -> tuple[str, str, str] | None:
    """``text`` as (before, quoted, after) around the first of ``quotes`` found in it,
    line breaks and runs of spaces aside; None when none is found."""
    if not text:
        return None
    for quote in quotes:
        words = (quote or "").split()
        if not words:
            continue
        found = re.search(r"\s+".join(re.escape(word) for word in words), text)
        if found:
            return text[: found.start()], found.group(), text[found.end():]
    return None


@dataclass
class Item:
    """A related statement (judgement, finding, recommendation ...) with its provenance."""

    iri: str
    link: str | None
    kind: str
    types: list[str]
    label: str
    text: str | None = None
    grade: Shown | None = None
    grade_n: int | None = None
    judgement_area: Shown | None = None
    judgement_area_order: str = ""
    review: Shown | None = None
    area: Shown | None = None
    timeframe: Shown | None = None
    scope: str | None = None
    quotation: str | None = None
    year: str | None = None
    passages: list[Passage] = field(default_factory=list)

    @property
    def area_name(self) -> str:
        return self.judgement_area.text if self.judgement_area else "General"


# ---------------------------------------------------------------- labels


def label_of(graph: Graph, node: Node) -> str:
    """The best name for a term: its label in the graph, the ontology's, or a short IRI."""
    for prop in LABEL_PROPERTIES:
        values = list(graph.objects(node, URIRef(prop)))
        if values:
            english = [str(v) for v in values if isinstance(v, Literal) and v.language == "en"]
            return (english or sorted(str(v) for v in values))[0]
    text = graph.value(node, JAR.text)
    if text is not None:
        return shorten(str(text))
    return term_label(str(node)) or fallback_label(str(node))


def thing_label(graph: Graph, node: URIRef, kind: str) -> str:
    """The page title: the thing's label, or one made from what it is about."""
    if any((node, URIRef(p), None) in graph for p in LABEL_PROPERTIES):
        return label_of(graph, node)
    if kind == "judgement":
        area = graph.value(node, JAR.judgementArea)
        grade = graph.value(node, JAR.grade)
        if area is not None and grade is not None:
            return f"{label_of(graph, area)}: {label_of(graph, grade)}"
    if kind == "review":
        area = graph.value(node, JAR.area)
        year = graph.value(node, JAR.year)
        types = [term_label(str(t)) for t in graph.objects(node, RDF.type)]
        what = next((t for t in types if t), "Review")
        if area is not None:
            return f"{what.capitalize()} of {label_of(graph, area)}" + (f", {year}" if year else "")
    if (node, None, None) in graph:
        return label_of(graph, node)
    return fallback_label(str(node))


def fallback_label(iri: str) -> str:
    return short_iri(iri)


def shorten(text: str, length: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def value_of(graph: Graph, node: Node) -> Shown:
    """A term of a description as shown, an IRI by its label in the description."""
    if isinstance(node, URIRef):
        return show(node, label_of(graph, node))
    return show(node)


def kind_of(types: list[str]) -> str:
    """The page kind for a thing with these ``rdf:type`` values."""
    closure: set[str] = set()
    for t in types:
        closure |= superclasses(t)
    for kind, cls in KIND_CLASSES:
        if cls in closure:
            return kind
    return "thing"


def classes_under(cls: str) -> list[str]:
    """Every class the ontology puts under ``cls`` (and ``cls`` itself)."""
    return sorted(t.iri for t in vocabulary().terms.values()
                  if t.kind == "class" and cls in superclasses(t.iri)) or [cls]


# ---------------------------------------------------------------- the page


def render_thing(iri: str, graph: Graph) -> Response:
    """The HTML page about one thing, from its description."""
    node = URIRef(iri)
    types = sorted(str(t) for t in graph.objects(node, RDF.type))
    kind = kind_of(types)
    label = thing_label(graph, node, kind)
    related: list[Item] = []
    covered = set()
    if kind in RELATED:
        pattern, _, prop = RELATED[kind]
        related = related_items(pattern.format(iri=iri))
        if prop:
            covered.add(prop)
    charts: list[Chart] = []
    if kind == "area":
        charts = [c for c in [area_chart(label, area_grades(related))] if c]
    elif kind == "judgement-area":
        charts = national_chart([iri])
    elif kind == "distribution":
        charts = national_chart(None, dataset=iri)
    path = iri[len(str(ID)):]
    body = render_template(
        f"thing_{kind}.html" if kind in ("area", "review") else "thing.html",
        title=label,
        iri=iri,
        path=path,
        kind=kind,
        types=[value_of(graph, URIRef(t)) for t in types],
        facts=facts(graph, node),
        provenance=provenance(graph, node),
        quotations=sorted(str(q) for q in graph.objects(node, JAR.quotation)),
        inbound=inbound(graph, node, covered),
        related=related,
        groups=group_items(related),
        related_heading=RELATED[kind][1] if kind in RELATED else "",
        charts=charts,
        formats=[(f.extension, f.media_type, f.title) for f in formats.GRAPHS],
    )
    return Response(body, mimetype="text/html")


def facts(graph: Graph, node: URIRef) -> list[tuple[Shown, list[Shown]]]:
    """Every property of the thing but its type, with its values, in a stable order."""
    by_property: dict[Node, list[Shown]] = defaultdict(list)
    for prop, obj in graph.predicate_objects(node):
        if prop != RDF.type:
            by_property[prop].append(value_of(graph, obj))
    out = []
    for prop in sorted(by_property, key=lambda p: (property_label(p).lower(), str(p))):
        values = sorted(by_property[prop], key=lambda v: (v.text, v.iri or ""))
        out.append((show_iri(str(prop), property_label(prop)), values))
    return out


def property_label(prop: Node) -> str:
    return term_label(str(prop)) or short_iri(str(prop))


def provenance(graph: Graph, node: URIRef) -> list[Passage]:
    """The passages the thing was derived from, with their documents, each with the words
    quoted from it (its qualified derivation's ``jar:quotation``, else the thing's own
    ``jar:text``) marked."""
    quoted: dict[Node, list[str]] = defaultdict(list)
    for derivation in graph.objects(node, PROV.qualifiedDerivation):
        entity = graph.value(derivation, PROV.entity)
        for quotation in graph.objects(derivation, JAR.quotation):
            if entity is not None:
                quoted[entity].append(str(quotation))
    own = sorted(str(t) for t in graph.objects(node, JAR.text))
    out = []
    for source in graph.objects(node, PROV.wasDerivedFrom):
        if not isinstance(source, URIRef):
            continue
        doc = graph.value(source, URIRef("http://purl.org/dc/terms/isPartOf"))
        text = _text(graph.value(source, JAR.text))
        out.append(Passage(
            iri=str(source),
            link=href(str(source)),
            paragraph=_text(graph.value(source, JAR.paragraphNumber)),
            section=_text(graph.value(source, JAR.section)),
            text=text,
            document=value_of(graph, doc) if doc is not None else None,
            line=_text(graph.value(source, JAR.sourceLine)),
            marked=mark(text, [*sorted(quoted[source]), *own]),
        ))
    return sorted(out, key=lambda p: p.iri)


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def inbound(graph: Graph, node: URIRef, covered: set[str]) -> list[tuple[Shown, list[Shown]]]:
    """What links to the thing, by property (leaving out what a section already lists)."""
    by_property: dict[Node, list[Shown]] = defaultdict(list)
    for subject, prop in graph.subject_predicates(node):
        if str(prop) not in covered and subject != node:
            by_property[prop].append(value_of(graph, subject))
    out = []
    for prop in sorted(by_property, key=lambda p: (property_label(p).lower(), str(p))):
        values = sorted(by_property[prop], key=lambda v: (v.text, v.iri or ""))
        out.append((show_iri(str(prop), property_label(prop)), values))
    return out


# ---------------------------------------------------------------- related statements


def related_query(pattern: str) -> str:
    return sparql_prefixes() + f"""
SELECT ?s ?pa (GROUP_CONCAT(DISTINCT STR(?t); separator=" ") AS ?types)
  (SAMPLE(?l) AS ?label) (SAMPLE(?x) AS ?text) (SAMPLE(?g) AS ?grade) (SAMPLE(?gl) AS ?gradeLabel)
  (SAMPLE(?gn) AS ?gradeN) (SAMPLE(?ja) AS ?jarea) (SAMPLE(?jal) AS ?jareaLabel)
  (SAMPLE(?jan) AS ?jareaN) (SAMPLE(?rv) AS ?review) (SAMPLE(?rvl) AS ?reviewLabel)
  (SAMPLE(?ar) AS ?area) (SAMPLE(?arl) AS ?areaLabel) (SAMPLE(?tf) AS ?timeframe)
  (SAMPLE(?tfl) AS ?timeframeLabel) (SAMPLE(?sc) AS ?scope) (SAMPLE(?q) AS ?quotation)
  (SAMPLE(?yr) AS ?year) (SAMPLE(?pn) AS ?paragraph) (SAMPLE(?ps) AS ?section)
  (SAMPLE(?pt) AS ?passageText) (SAMPLE(?doc) AS ?document) (SAMPLE(?dt) AS ?documentTitle)
WHERE {{
  {{ SELECT DISTINCT ?s WHERE {{ {pattern} }} LIMIT {RELATED_LIMIT} }}
  OPTIONAL {{ ?s a ?t }}
  OPTIONAL {{ ?s rdfs:label|skos:prefLabel|dcterms:title ?l }}
  OPTIONAL {{ ?s jar:text ?x }}
  OPTIONAL {{ ?s jar:grade ?g . OPTIONAL {{ ?g skos:prefLabel ?gl }}
             OPTIONAL {{ ?g skos:notation ?gn }} }}
  OPTIONAL {{ ?s jar:judgementArea ?ja . OPTIONAL {{ ?ja skos:prefLabel|dcterms:title ?jal }}
             OPTIONAL {{ ?ja skos:notation ?jan }} }}
  OPTIONAL {{ ?s jar:review ?rv . OPTIONAL {{ ?rv rdfs:label ?rvl }}
             OPTIONAL {{ ?rv jar:year ?yr }} }}
  OPTIONAL {{ ?s jar:review?/jar:area ?ar . OPTIONAL {{ ?ar skos:prefLabel|rdfs:label ?arl }} }}
  OPTIONAL {{ ?s jar:timeframe ?tf . OPTIONAL {{ ?tf skos:prefLabel ?tfl }} }}
  OPTIONAL {{ ?s jar:scope ?sc }}
  OPTIONAL {{ ?s jar:quotation ?q }}
  OPTIONAL {{ ?s prov:wasDerivedFrom ?pa .
             OPTIONAL {{ ?pa jar:paragraphNumber ?pn }} OPTIONAL {{ ?pa jar:section ?ps }}
             OPTIONAL {{ ?pa jar:text ?pt }}
             OPTIONAL {{ ?pa dcterms:isPartOf ?doc . OPTIONAL {{ ?doc dcterms:title ?dt }} }} }}
}}
GROUP BY ?s ?pa"""


def related_items(pattern: str) -> list[Item]:
    """The statements matching a pattern on ``?s``, each with its provenance."""
    items: dict[str, Item] = {}
    for row in select(related_query(pattern)):
        iri = str(row["s"])
        item = items.get(iri)
        if item is None:
            item = items[iri] = _item(row)
        if "pa" in row:
            item.passages.append(Passage(
                iri=str(row["pa"]), link=href(str(row["pa"])),
                paragraph=_str(row.get("paragraph")), section=_str(row.get("section")),
                text=_str(row.get("passageText")),
                document=_value(row, "document", "documentTitle") or Shown("(document unknown)"),
            ))
    for item in items.values():
        item.passages.sort(key=lambda p: p.iri)
        for passage in item.passages:
            passage.marked = mark(passage.text, [item.quotation, item.text])
    return sorted(items.values(), key=_item_order)


def _str(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _value(row: dict[str, Node], key: str, label_key: str) -> Shown | None:
    node = row.get(key)
    if node is None:
        return None
    label = row.get(label_key)
    return show_iri(str(node), str(label) if label is not None else None)


def _item(row: dict[str, Node]) -> Item:
    iri = str(row["s"])
    types = str(row.get("types", "")).split()
    kind = kind_of(types)
    text = _str(row.get("text"))
    grade_n = row.get("gradeN")
    review = _value(row, "review", "reviewLabel")
    area = _value(row, "area", "areaLabel")
    label = _str(row.get("label")) or (shorten(text) if text else "")
    if not label and kind == "judgement" and "jareaLabel" in row and "gradeLabel" in row:
        label = f"{row['jareaLabel']}: {row['gradeLabel']}"
    label = label or fallback_label(iri)
    return Item(
        iri=iri, link=href(iri), kind=kind,
        types=[term_label(t) or short_iri(t) for t in types],
        label=label, text=text,
        grade=_value(row, "grade", "gradeLabel"),
        grade_n=int(grade_n) if isinstance(grade_n, Literal) and str(grade_n).isdigit() else None,
        judgement_area=_value(row, "jarea", "jareaLabel"),
        judgement_area_order=str(row.get("jareaN", "")).zfill(4),
        review=review, area=area,
        timeframe=_value(row, "timeframe", "timeframeLabel"),
        scope=_str(row.get("scope")),
        quotation=_str(row.get("quotation")),
        year=_str(row.get("year")),
    )


def _item_order(item: Item) -> tuple:
    area = item.judgement_area.text if item.judgement_area else ""
    return (item.kind, item.judgement_area_order, area, item.label, item.iri)


def group_items(items: list[Item]) -> list[tuple[str, list[Item]]]:
    """Items grouped by kind, in the order a reader expects."""
    order = ["review", "judgement", "finding", "recommendation", "thing"]
    groups: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        groups[item.kind if item.kind in order else "thing"].append(item)
    names = {"review": "Reviews", "judgement": "Judgements", "finding": "Findings",
             "recommendation": "Recommendations", "thing": "Other statements"}
    return [(names[k], groups[k]) for k in order if groups.get(k)]




def area_grades(items: list[Item]) -> dict[str, AreaGrade]:
    """An area's grade per judgement area, from its judgements (the local services'
    grade where a review gave both that and the council's)."""
    grades: dict[str, Item] = {}
    for item in items:
        if item.kind != "judgement" or item.grade_n is None or item.judgement_area is None:
            continue
        key = item.judgement_area.iri or ""
        council = bool(item.scope and not item.scope.endswith("local-services-overall"))
        if key not in grades or not council:
            grades[key] = item
    return {key: AreaGrade(item.grade_n or 0, item.grade.text if item.grade else "")
            for key, item in grades.items()}
