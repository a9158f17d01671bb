"""HTML pages: the home page and the page about each thing.

A thing's page shows its facts (every IRI a link to the page about it), the
provenance of each statement (document, paragraph and the quoted words),
what links to it, and what matters for its kind: the judgements, findings
and recommendations of a review; the grades of an area beside the national
distribution, as a chart drawn on the server in SVG; the judgements given a
grade or made in a judgement area.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from dataclasses import dataclass, field

from flask import Blueprint, Response, render_template
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD
from rdflib.term import Node

from ..ontology import superclasses
from ..store import StoreError, StoreUnavailable
from ..vocab import GRADES, ID, JAR
from .linked_data import (
    LABEL_PROPERTIES,
    RDF_FORMATS,
    curie,
    href,
    select,
    sparql_prefixes,
)
from .ontology_docs import term_label

bp = Blueprint("pages", __name__)

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
class Value:
    """An RDF term as shown: its label or text, and where it links."""

    text: str
    iri: str | None = None
    link: str | None = None
    note: str = ""
    long: bool = False


@dataclass
class Passage:
    """Where a statement was read: the passage, its document, paragraph, section, words."""

    iri: str
    link: str | None
    paragraph: str | None = None
    section: str | None = None
    text: str | None = None
    document: Value | None = None
    line: str | None = None


@dataclass
class Item:
    """A related statement (judgement, finding, recommendation ...) with its provenance."""

    iri: str
    link: str | None
    kind: str
    types: list[str]
    label: str
    text: str | None = None
    grade: Value | None = None
    grade_n: int | None = None
    judgement_area: Value | None = None
    judgement_area_order: str = ""
    review: Value | None = None
    area: Value | None = None
    timeframe: Value | None = None
    scope: str | None = None
    quotation: str | None = None
    year: str | None = None
    passages: list[Passage] = field(default_factory=list)

    @property
    def area_name(self) -> str:
        return self.judgement_area.text if self.judgement_area else "General"


# ---------------------------------------------------------------- template helpers


@bp.app_template_filter("href")
def _href_filter(iri: str) -> str | None:
    return href(str(iri))


@bp.app_context_processor
def _globals() -> dict:
    return {"curie": curie, "kind_names": KIND_NAMES}


def label_of(graph: Graph, node: Node) -> str:
    """The best name for a term: its label in the graph, the ontology's, or a short IRI."""
    for prop in LABEL_PROPERTIES:
        values = list(graph.objects(node, URIRef(prop)))
        if values:
            english = [v for v in values if isinstance(v, Literal) and v.language == "en"]
            return str((english or sorted(values))[0])
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
    if iri.startswith(str(ID)):
        return iri[len(str(ID)):]
    return curie(iri)


def shorten(text: str, length: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def value_of(graph: Graph, node: Node) -> Value:
    if isinstance(node, URIRef):
        return Value(label_of(graph, node), str(node), href(str(node)))
    if isinstance(node, Literal):
        note = node.language or ""
        if node.datatype and node.datatype != XSD.string:
            note = curie(str(node.datatype))
        return Value(str(node), note=note, long=len(str(node)) > 120)
    return Value("(a blank node)")


def kind_of(types: list[str]) -> str:
    """The page kind for a thing with these ``rdf:type`` values."""
    closure = set()
    for t in types:
        closure |= superclasses(t)
    for kind, cls in KIND_CLASSES:
        if cls in closure:
            return kind
    return "thing"


def classes_under(cls: str) -> list[str]:
    """Every class the ontology puts under ``cls`` (and ``cls`` itself)."""
    from .ontology_docs import vocabulary

    return sorted(t.iri for t in vocabulary().terms.values()
                  if t.kind == "class" and cls in superclasses(t.iri)) or [cls]


# ---------------------------------------------------------------- a thing's page


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
        charts = [c for c in [area_chart(label, related)] if c]
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
        formats=[(ext, media) for ext, (media, _) in RDF_FORMATS.items()],
    )
    return Response(body, mimetype="text/html")


def facts(graph: Graph, node: URIRef) -> list[tuple[Value, list[Value]]]:
    """Every property of the thing but its type, with its values, in a stable order."""
    by_property: dict[URIRef, list[Value]] = defaultdict(list)
    for prop, obj in graph.predicate_objects(node):
        if prop != RDF.type:
            by_property[prop].append(value_of(graph, obj))  # type: ignore[arg-type]
    out = []
    for prop in sorted(by_property, key=lambda p: (property_label(p).lower(), str(p))):
        values = sorted(by_property[prop], key=lambda v: (v.text, v.iri or ""))
        out.append((Value(property_label(prop), str(prop), href(str(prop))), values))
    return out


def property_label(prop: Node) -> str:
    return term_label(str(prop)) or curie(str(prop))


def provenance(graph: Graph, node: URIRef) -> list[Passage]:
    """The passages the thing was derived from, with their documents."""
    out = []
    for source in graph.objects(node, PROV.wasDerivedFrom):
        if not isinstance(source, URIRef):
            continue
        doc = graph.value(source, URIRef("http://purl.org/dc/terms/isPartOf"))
        out.append(Passage(
            iri=str(source),
            link=href(str(source)),
            paragraph=_text(graph.value(source, JAR.paragraphNumber)),
            section=_text(graph.value(source, JAR.section)),
            text=_text(graph.value(source, JAR.text)),
            document=value_of(graph, doc) if doc is not None else None,
            line=_text(graph.value(source, JAR.sourceLine)),
        ))
    return sorted(out, key=lambda p: p.iri)


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def inbound(graph: Graph, node: URIRef, covered: set[str]) -> list[tuple[Value, list[Value]]]:
    """What links to the thing, by property (leaving out what a section already lists)."""
    by_property: dict[Node, list[Value]] = defaultdict(list)
    for subject, prop in graph.subject_predicates(node):
        if str(prop) not in covered and subject != node:
            by_property[prop].append(value_of(graph, subject))
    out = []
    for prop in sorted(by_property, key=lambda p: (property_label(p).lower(), str(p))):
        values = sorted(by_property[prop], key=lambda v: (v.text, v.iri or ""))
        out.append((Value(property_label(prop), str(prop), href(str(prop))), values))
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
                document=_value(row, "document", "documentTitle") or Value("(document unknown)"),
            ))
    for item in items.values():
        item.passages.sort(key=lambda p: p.iri)
    return sorted(items.values(), key=_item_order)


def _str(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _value(row: dict[str, Node], key: str, label_key: str) -> Value | None:
    node = row.get(key)
    if node is None:
        return None
    label = row.get(label_key)
    return Value(str(label) if label is not None else fallback_label(str(node)), str(node),
                 href(str(node)))


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
        types=[term_label(t) or curie(t) for t in types],
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


# ---------------------------------------------------------------- home page


@bp.route("/")
def home() -> Response:
    """What the dataset is, its counts, the national distribution and every area."""
    try:
        counts = dataset_counts()
        areas = all_areas()
        charts = national_chart(None)
    except StoreError as exc:
        return store_error(exc)
    body = render_template("home.html", title="Joint Area Reviews of children's services",
                           counts=counts, areas=areas, charts=charts)
    return Response(body, mimetype="text/html")


def _values(classes: list[str]) -> str:
    return " ".join(f"<{c}>" for c in classes)


def dataset_counts() -> list[tuple[str, int]]:
    """How many reviews, areas, judgements, findings and recommendations there are."""
    reviews = _values(classes_under(str(JAR.Review)))
    findings = _values(classes_under(str(JAR.Finding)))
    query = sparql_prefixes() + f"""
SELECT ?reviews ?areas ?judgements ?findings ?recommendations WHERE {{
  {{ SELECT (COUNT(DISTINCT ?r) AS ?reviews) WHERE {{ VALUES ?c {{ {reviews} }} ?r a ?c }} }}
  {{ SELECT (COUNT(DISTINCT ?a) AS ?areas) WHERE {{
       VALUES ?c {{ {reviews} }} ?r a ?c ; jar:area ?a }} }}
  {{ SELECT (COUNT(DISTINCT ?j) AS ?judgements) WHERE {{ ?j a jar:Judgement }} }}
  {{ SELECT (COUNT(DISTINCT ?f) AS ?findings) WHERE {{ VALUES ?c {{ {findings} }} ?f a ?c }} }}
  {{ SELECT (COUNT(DISTINCT ?m) AS ?recommendations) WHERE {{ ?m a jar:Recommendation }} }}
}}"""
    rows = select(query)
    row = rows[0] if rows else {}
    names = ("reviews", "areas", "judgements", "findings", "recommendations")
    return [(name, int(row.get(name, 0))) for name in names]  # type: ignore[call-overload]


@dataclass
class AreaLink:
    iri: str
    link: str | None
    label: str
    reviews: int


def all_areas() -> list[AreaLink]:
    """Every area, with how many reviews the dataset holds of it."""
    reviews = _values(classes_under(str(JAR.Review)))
    query = sparql_prefixes() + f"""
SELECT ?a (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?r) AS ?reviews) WHERE {{
  ?a a jar:Area .
  OPTIONAL {{ ?a skos:prefLabel|rdfs:label ?l }}
  OPTIONAL {{ VALUES ?c {{ {reviews} }} ?r jar:area ?a ; a ?c }}
}} GROUP BY ?a"""
    out = []
    for row in select(query):
        iri = str(row["a"])
        label = _str(row.get("label")) or fallback_label(iri)
        out.append(AreaLink(iri, href(iri), label, int(row.get("reviews", 0))))  # type: ignore[call-overload]
    return sorted(out, key=lambda a: a.label.lower())


# ---------------------------------------------------------------- errors


def not_found(path: str, *, status: int = 404, reason: str = "") -> Response:
    """The page for an address that names nothing: what went wrong and where to go."""
    body = render_template("not_found.html", title="Not found" if status == 404 else "Bad address",
                           path=path[:200], reason=reason, status=status)
    return Response(body, status=status, mimetype="text/html")


def store_error(exc: StoreError) -> Response:
    """A page for when the store cannot answer: no build yet, busy, or too slow."""
    if isinstance(exc, StoreUnavailable):
        message = "The dataset has not been built on this server yet."
    else:
        message = str(exc).splitlines()[0] if str(exc) else "The store could not answer."
    body = render_template("store_error.html", title="Data unavailable", message=message)
    return Response(body, status=503, mimetype="text/html")


# ---------------------------------------------------------------- charts (inline SVG)

CHART_WIDTH = 720
LABEL_WIDTH = 230
BAR_X = 240
BAR_WIDTH = 340
NOTE_X = 592
ROW_HEIGHT = 44
BAR_HEIGHT = 24
TOP = 44


@dataclass
class Segment:
    x: float
    width: float
    grade: int
    count: int
    percent: int
    tip: str
    show_count: bool


@dataclass
class ChartRow:
    y: float
    lines: list[str]
    link: str | None
    segments: list[Segment]
    mark: Segment | None = None
    note: str = ""
    tip: str = ""


@dataclass
class Chart:
    """A horizontal stacked bar per judgement area, drawn by the template as SVG."""

    id: str
    title: str
    description: str
    rows: list[ChartRow]
    height: float
    sources: list[Value]
    legend: list[tuple[float, int, str]]
    width: int = CHART_WIDTH


@dataclass
class Distribution:
    """One grade distribution's counts for one judgement area."""

    dataset: Value
    total: int | None
    judgement_area: Value
    order: str
    counts: dict[int, int] = field(default_factory=dict)
    grade_labels: dict[int, str] = field(default_factory=dict)


def distributions(judgement_areas: list[str] | None = None,
                  dataset: str | None = None) -> list[Distribution]:
    """National grade counts, per data set and judgement area."""
    values = ""
    if judgement_areas:
        values += "VALUES ?ja { " + " ".join(f"<{j}>" for j in judgement_areas) + " }\n"
    if dataset:
        values += f"VALUES ?ds {{ <{dataset}> }}\n"
    query = sparql_prefixes() + f"""
SELECT ?ds ?dsl ?total ?ja ?jal ?jan ?g ?gn ?gl ?n WHERE {{
  {values}
  ?o qb:dataSet ?ds ; jar:judgementArea ?ja ; jar:grade ?g ; jar:numberOfAreas ?n .
  ?g skos:notation ?gn .
  OPTIONAL {{ ?ds rdfs:label|dcterms:title ?dsl }}
  OPTIONAL {{ ?ds jar:totalReviews ?total }}
  OPTIONAL {{ ?ja skos:prefLabel|dcterms:title ?jal }}
  OPTIONAL {{ ?ja skos:notation ?jan }}
  OPTIONAL {{ ?g skos:prefLabel ?gl }}
}}"""
    found: dict[tuple[str, str], Distribution] = {}
    for row in select(query):
        key = (str(row["ds"]), str(row["ja"]))
        dist = found.get(key)
        if dist is None:
            total = row.get("total")
            dist = found[key] = Distribution(
                dataset=_value(row, "ds", "dsl") or Value(key[0]),
                total=_int(total),
                judgement_area=_value(row, "ja", "jal") or Value(key[1]),
                order=str(row.get("jan", "")).zfill(4),
            )
        grade = _int(row.get("gn"))
        if grade in GRADES:
            dist.counts[grade] = _int(row.get("n")) or 0
            label = row.get("gl")
            dist.grade_labels[grade] = str(label) if label else GRADES[grade].capitalize()
    return sorted(found.values(), key=lambda d: (d.dataset.text, d.order, d.judgement_area.text))


def _int(node: Node | None) -> int | None:
    try:
        return int(str(node)) if node is not None else None
    except ValueError:
        return None


def grade_name(grade: int) -> str:
    return GRADES[grade].capitalize()


def _row(dist: Distribution, y: float, mark: int | None = None, note: str = "",
         label: str | None = None) -> ChartRow:
    total = sum(dist.counts.values()) or 1
    x = float(BAR_X)
    segments = []
    name = label or dist.judgement_area.text
    for grade in sorted(GRADES):
        count = dist.counts.get(grade, 0)
        width = BAR_WIDTH * count / total
        percent = round(100 * count / total)
        grade_label = dist.grade_labels.get(grade, grade_name(grade))
        tip = f"{name}: {grade_label.lower()} in {count} of {total} areas ({percent}%)"
        segments.append(Segment(round(x, 1), round(width, 1), grade, count, percent, tip,
                                width >= 22))
        x += width
    marked = None
    if mark is not None:
        seg = next(s for s in segments if s.grade == mark)
        marked = Segment(seg.x if seg.width >= 4 else seg.x - 2, max(seg.width, 4.0), mark,
                         seg.count, seg.percent, seg.tip, False)
    return ChartRow(y=y, lines=textwrap.wrap(name, 34)[:3] or [name], link=dist.judgement_area.link,
                    segments=segments, mark=marked, note=note,
                    tip=f"{name}: {total} areas counted")


def _legend() -> list[tuple[float, int, str]]:
    return [(BAR_X + i * 105.0, grade, grade_name(grade))
            for i, grade in enumerate(sorted(GRADES))]


def national_chart(judgement_areas: list[str] | None,
                   dataset: str | None = None) -> list[Chart]:
    """One chart per national grade distribution (for the judgement areas given)."""
    by_dataset: dict[str, list[Distribution]] = defaultdict(list)
    for dist in distributions(judgement_areas, dataset):
        by_dataset[dist.dataset.iri or ""].append(dist)
    charts = []
    for number, dists in enumerate(by_dataset.values(), start=1):
        rows = [_row(d, TOP + i * ROW_HEIGHT) for i, d in enumerate(dists)]
        source = dists[0].dataset
        total = dists[0].total
        counted = f" ({total} reviews)" if total else ""
        charts.append(Chart(
            id=f"national-{number}",
            title=f"{source.text}{counted}",
            description="For each judgement area, how many areas were given each grade, "
                        "from inadequate (left) to outstanding (right).",
            rows=rows, height=TOP + len(rows) * ROW_HEIGHT + 8, sources=[source],
            legend=_legend(),
        ))
    return charts


def area_chart(area_label: str, items: list[Item]) -> Chart | None:
    """The area's grades beside the national distribution for the same judgement areas."""
    grades: dict[str, Item] = {}
    for item in items:
        if item.kind != "judgement" or item.grade_n is None or item.judgement_area is None:
            continue
        key = item.judgement_area.iri or ""
        council = bool(item.scope and not item.scope.endswith("local-services-overall"))
        if key not in grades or not council:
            grades[key] = item
    if not grades:
        return None
    best: dict[str, Distribution] = {}
    for dist in distributions(sorted(grades)):
        key = dist.judgement_area.iri or ""
        if key not in best or sum(dist.counts.values()) > sum(best[key].counts.values()):
            best[key] = dist
    if not best:
        return None
    ordered = sorted(best.values(), key=lambda d: (d.order, d.judgement_area.text))
    rows = []
    for i, dist in enumerate(ordered):
        item = grades[dist.judgement_area.iri or ""]
        grade = item.grade_n or 0
        note = f"{item.grade.text if item.grade else grade_name(grade)} ({grade})"
        rows.append(_row(dist, TOP + i * ROW_HEIGHT, mark=grade, note=note))
    sources = list({d.dataset.iri: d.dataset for d in ordered}.values())
    return Chart(
        id="area-chart",
        title=f"Grades for {area_label} beside the national distribution",
        description=f"For each judgement area, the bar shows how many areas nationally were "
                    f"given each grade; the outlined part and the text on the right give "
                    f"{area_label}'s own grade.",
        rows=rows, height=TOP + len(rows) * ROW_HEIGHT + 8, sources=sources, legend=_legend(),
    )
