"""The page about one thing: its facts, where they come from, and what relates to it.

A thing's page shows its facts (every IRI a link to the page about it), the
provenance of each statement (document, paragraph and its words, with the
sentence, list item or table row the statement was read from marked),
what links to it, and what matters for its kind: the judgements, findings
and recommendations of a review; the grades of an area beside the national
distribution; the judgements given a grade or made in a judgement area.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask import Response, render_template
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from .. import formats
from ..ontology import superclasses
from ..terms import Shown, href, short_iri, show, show_iri
from ..vocab import ID, JAR
from .charts import AreaGrade, Chart, area_chart, national_chart
from .ontology_docs import term_label, vocabulary
from .reading import LABEL_PROPERTIES, execute, sparql_prefixes

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
BROAD_LIMIT = 200
"""Statements listed on the page of a grade, judgement area or service: at a thousand
reports each has thousands, which a page cannot usefully show; the named queries list
them all."""
BROAD = ("grade", "judgement-area", "service")


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
    heading = RELATED[kind][1] if kind in RELATED else ""
    if kind in RELATED:
        pattern, _, prop = RELATED[kind]
        limit = BROAD_LIMIT if kind in BROAD else RELATED_LIMIT
        related = related_items(pattern.format(iri=iri), limit)
        if len(related) >= limit:
            heading += f" (the first {limit}; the query library lists them all)"
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
        related_heading=heading,
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


ITEM_FACTS = {
    str(RDF.type): "type", str(RDFS.label): "label", str(SKOS.prefLabel): "label",
    str(DCTERMS.title): "label", str(JAR.text): "text", str(JAR.grade): "grade",
    str(JAR.judgementArea): "jarea", str(JAR.review): "review", str(JAR.reviewArea): "area",
    str(JAR.area): "area", str(JAR.timeframe): "timeframe", str(JAR.scope): "scope",
    str(JAR.quotation): "quotation", str(PROV.wasDerivedFrom): "passage",
}
"""What a related statement's row shows, by the property that states it."""
OBJECT_FACTS = {
    str(SKOS.prefLabel): "label", str(RDFS.label): "label", str(DCTERMS.title): "label",
    str(SKOS.notation): "notation", str(JAR.year): "year", str(JAR.area): "area",
    str(JAR.paragraphNumber): "paragraph", str(JAR.section): "section",
    str(JAR.text): "text", str(DCTERMS.isPartOf): "document",
}
"""What is shown of the things a related statement points at (labels, a passage's words)."""


Term = dict[str, str]
"""A term as SPARQL JSON results give it (``type``, ``value``, ``xml:lang`` ...): read as
such, not as rdflib terms, since a page of related statements has thousands."""


def related_query(pattern: str, limit: int = RELATED_LIMIT) -> str:
    """The statements matching a pattern on ``?s`` and their facts, one row per fact: asked
    as one grouped row per statement, the facts' combinations multiply (types by passages
    by labels) before they are sampled."""
    facts = ", ".join(f"<{p}>" for p in ITEM_FACTS)
    return sparql_prefixes() + f"""
SELECT ?s ?p ?o WHERE {{
  {{ SELECT DISTINCT ?s WHERE {{ {pattern} }} LIMIT {limit} }}
  ?s ?p ?o . FILTER(?p IN ({facts}))
}}"""


def _rows(sparql: str) -> list[dict[str, Term]]:
    return json.loads(execute(sparql))["results"]["bindings"]


def _details(iris: set[str], properties: dict[str, str]) -> dict[str, dict[str, list[Term]]]:
    """What is shown of each of these things (labels, a passage's words), in one query:
    each thing once, however many statements point at it."""
    found: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    if not iris:
        return found
    values = " ".join(f"<{iri}>" for iri in sorted(iris))
    shown = ", ".join(f"<{p}>" for p in properties)
    for row in _rows(sparql_prefixes() + f"""
SELECT ?o ?op ?ov WHERE {{ VALUES ?o {{ {values} }} ?o ?op ?ov . FILTER(?op IN ({shown})) }}"""):
        found[row["o"]["value"]][properties[row["op"]["value"]]].append(row["ov"])
    return found


def related_items(pattern: str, limit: int = RELATED_LIMIT) -> list[Item]:
    """The statements matching a pattern on ``?s``, each with its provenance."""
    facts: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for row in _rows(related_query(pattern, limit)):
        name = ITEM_FACTS[row["p"]["value"]]
        if row["o"] not in facts[row["s"]["value"]][name]:
            facts[row["s"]["value"]][name].append(row["o"])
    pointed = {term["value"] for found in facts.values() for name, terms in found.items()
               if name != "type" for term in terms if term["type"] == "uri"}
    about = _details(pointed, OBJECT_FACTS)
    far = {term["value"] for known in about.values() for key in ("document", "area")
           for term in known.get(key, [])}  # documents of passages, areas of reviews
    labels = {iri: _value(_first(known.get("label")))
              for iri, known in _details(far, LABELS).items()}
    items = [_item(iri, found, about, labels) for iri, found in facts.items()]
    return sorted(items, key=_item_order)


LABELS = {str(DCTERMS.title): "label", str(SKOS.prefLabel): "label", str(RDFS.label): "label"}


def _first(values: list[Term] | None) -> Term | None:
    if not values:
        return None
    english = [v for v in values if v.get("xml:lang") == "en"]
    return (english or sorted(values, key=lambda v: v["value"]))[0]


def _value(term: Term | None) -> str | None:
    return None if term is None else term["value"]


def _item(iri: str, found: dict[str, list[Term]], about: dict[str, dict[str, list[Term]]],
          labels: dict[str, str | None]) -> Item:
    types = sorted(t["value"] for t in found.get("type", []))
    kind = kind_of(types)

    def shown(key: str) -> Shown | None:
        term = _first(found.get(key))
        if term is None:
            return None
        return show_iri(term["value"], _value(_first(about[term["value"]].get("label"))))

    def detail(key: str, name: str) -> str | None:
        term = _first(found.get(key))
        return None if term is None else _value(_first(about[term["value"]].get(name)))

    text = _value(_first(found.get("text")))
    grade_n = detail("grade", "notation")
    judgement_area = shown("jarea")
    grade = shown("grade")
    label = _value(_first(found.get("label"))) or (shorten(text) if text else "")
    if not label and kind == "judgement" and judgement_area and grade:
        label = f"{judgement_area.text}: {grade.text}"
    item = Item(
        iri=iri, link=href(iri), kind=kind,
        types=[term_label(t) or short_iri(t) for t in types],
        label=label or fallback_label(iri), text=text,
        grade=grade,
        grade_n=int(grade_n) if grade_n is not None and grade_n.isdigit() else None,
        judgement_area=judgement_area,
        judgement_area_order=(detail("jarea", "notation") or "").zfill(4),
        review=shown("review"),
        area=shown("area") or _review_area(found, about, labels),
        timeframe=shown("timeframe"),
        scope=_value(_first(found.get("scope"))),
        quotation=_value(_first(found.get("quotation"))),
        year=detail("review", "year"),
    )
    for passage in sorted({t["value"] for t in found.get("passage", [])}):
        known = about[passage]
        document = _value(_first(known.get("document")))
        words = _value(_first(known.get("text")))
        item.passages.append(Passage(
            iri=passage, link=href(passage),
            paragraph=_value(_first(known.get("paragraph"))),
            section=_value(_first(known.get("section"))),
            text=words, marked=mark(words, [item.quotation, item.text]),
            document=show_iri(document, labels.get(document))
            if document is not None else Shown("(document unknown)"),
        ))
    return item


def _review_area(found: dict[str, list[Term]], about: dict[str, dict[str, list[Term]]],
                 labels: dict[str, str | None]) -> Shown | None:
    """The area through the review, on a store without the build's shortcut to it."""
    review = _first(found.get("review"))
    area = _value(_first(about[review["value"]].get("area"))) if review is not None else None
    return show_iri(area, labels.get(area)) if area is not None else None


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
