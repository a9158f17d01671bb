"""What the search index holds, read from a built store: one entry per thing with words.

Every thing of the graph that has text of its own (a finding, a
recommendation, a judgement's wording, a passage, a national finding, a
label of an area, a concept or a term) and a page on the site becomes one
entry. Its texts go in three searchable fields (names, body, quoted words);
a fourth, weighted low, holds the names of what it is about (its kind, area,
region, judgement area, themes and review), so that ``southampton weakness
fostering`` finds the Southampton finding whose own words name neither. The
facets (area, region, judgement area, kind, theme, year, document) and the
passages it was read from are kept beside it.

The quotations of qualified derivations belong to the statement they
qualify, not to the derivation, which is not an entry.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, QB, RDF, RDFS, SKOS

from ..ontology import ontology_graph, superclasses
from ..store import dataset
from ..terms import href, short_iri
from ..vocab import ID, JAR

NAME_PROPERTIES = (str(SKOS.prefLabel), str(RDFS.label), str(DCTERMS.title))
"""Properties that name a thing, best first (the entry's title is the first found)."""
OTHER_NAMES = (str(SKOS.altLabel), str(JAR.abbreviation))
BODY_PROPERTIES = (str(JAR.text), str(SKOS.definition), str(DCTERMS.description),
                   str(RDFS.comment), str(SKOS.note), str(JAR.addresseeText))
QUOTED_PROPERTIES = (str(JAR.quotation), str(JAR.gradeWording))
TEXT_PROPERTIES = NAME_PROPERTIES + OTHER_NAMES + BODY_PROPERTIES + QUOTED_PROPERTIES
FACETS: tuple[tuple[str, str], ...] = (
    ("area", "Area"),
    ("region", "Region"),
    ("judgement_area", "Judgement area"),
    ("kind", "Kind"),
    ("theme", "Theme"),
    ("year", "Year"),
    ("document", "Document"),
)
"""Facet name and heading, in the order they are shown."""
OTHER_KINDS = {
    str(SKOS.Concept): "concept", str(SKOS.ConceptScheme): "concept scheme",
    str(OWL.Class): "class", str(OWL.ObjectProperty): "object property",
    str(OWL.DatatypeProperty): "datatype property",
    str(OWL.AnnotationProperty): "annotation property", str(OWL.Ontology): "ontology",
    str(QB.DataSet): "data set",
}
"""Kinds of thing outside the ``jar:`` classes, by type."""
_UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\ue000\ue001]|</?p>|<br ?/?>")
_SHORT_KEYS = {"area": "area/", "judgement_area": "judgement-area/", "theme": "theme/",
               "document": "document/"}


@dataclass
class Entry:
    """One thing as the index holds it."""

    iri: str
    link: str
    title: str = ""
    kind: str = ""
    """What it is, in words: the label of its most specific class."""
    names: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    quoted: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    facets: dict[str, dict[str, tuple[str, str | None]]] = field(default_factory=dict)
    """Facet -> value key -> (label, IRI or None)."""
    passages: list[str] = field(default_factory=list)
    """The passages it was read from (each an entry too), numbered paragraphs first; a
    passage's own is itself."""


def _rows(store: ox.Store, sparql: str) -> Iterator[list[str | None]]:
    """The rows of a SELECT as the values' text (None for an unbound variable)."""
    result = dataset.query(store, sparql)
    assert isinstance(result, ox.QuerySolutions)
    columns = range(len(result.variables))
    for solution in result:
        yield [None if (term := solution[i]) is None else term.value for i in columns]


def _objects(store: ox.Store, predicate: str) -> dict[str, list[str]]:
    """Subject -> objects of one property, read straight from the default graph."""
    found: dict[str, list[str]] = defaultdict(list)
    for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
        subject, value = quad.subject, quad.object
        if isinstance(subject, ox.NamedNode) and isinstance(value, ox.NamedNode | ox.Literal):
            found[subject.value].append(value.value)
    return found


def _pairs(store: ox.Store, sparql: str) -> dict[str, list[str]]:
    """Subject -> values, from a SELECT of ``?s ?o``."""
    found: dict[str, list[str]] = defaultdict(list)
    for s, o in _rows(store, sparql):
        if s is not None and o is not None and o not in found[s]:
            found[s].append(o)
    return found


DERIVED_QUOTES = f"""
SELECT ?s ?o WHERE {{ ?s <{PROV.qualifiedDerivation}> ?d . ?d <{JAR.quotation}> ?o }}"""
AREAS = f"""
SELECT ?s ?o WHERE {{
  {{ ?s <{JAR.area}> ?o }} UNION {{ ?s <{JAR.review}>/<{JAR.area}> ?o }}
  UNION {{ ?s <{DCTERMS.isPartOf}>/<{JAR.area}> ?o }}
  UNION {{ ?o a <{JAR.Area}> BIND(?o AS ?s) }}
}}"""
YEARS = f"""
SELECT ?s ?o WHERE {{ {{ ?s <{JAR.year}> ?o }} UNION {{ ?s <{JAR.review}>/<{JAR.year}> ?o }} }}"""
ISSUED = f"SELECT ?s ?o WHERE {{ ?s a <{JAR.Document}> ; <{DCTERMS.issued}> ?o }}"
DOCUMENTS = f"""
SELECT ?s ?o WHERE {{
  {{ ?s <{DCTERMS.isPartOf}> ?o }} UNION {{ ?s <{PROV.wasDerivedFrom}>/<{DCTERMS.isPartOf}> ?o }}
  UNION {{ ?s <{JAR.reportedIn}> ?o }} UNION {{ ?o a <{JAR.Document}> BIND(?o AS ?s) }}
}}"""
PASSAGES = f"""
SELECT ?pa ?n ?section ?doc WHERE {{
  ?pa a <{JAR.Passage}> .
  OPTIONAL {{ ?pa <{JAR.paragraphNumber}> ?n }} OPTIONAL {{ ?pa <{JAR.section}> ?section }}
  OPTIONAL {{ ?pa <{DCTERMS.isPartOf}> ?doc }}
}}"""



def read_entries(store: ox.Store) -> list[Entry]:
    """Every thing of the store with words of its own, as index entries."""
    texts: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for prop in TEXT_PROPERTIES:
        node = ox.NamedNode(prop)
        for quad in store.quads_for_pattern(None, node, None, None):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal):
                texts[quad.subject.value][prop].append(
                    (_clean(quad.object.value), quad.object.language or ""))
    for s, quotes in _pairs(store, DERIVED_QUOTES).items():
        texts[s][str(JAR.quotation)].extend((_clean(q), "") for q in quotes)
    types = _objects(store, str(RDF.type))
    labels = {iri: name for iri, by_property in texts.items()
              if (name := _name(by_property)) is not None}
    found = {
        "area": _pairs(store, AREAS), "judgement_area": _objects(store, str(JAR.judgementArea)),
        "theme": _objects(store, str(JAR.theme)), "document": _pairs(store, DOCUMENTS),
    }
    regions = _objects(store, str(JAR.region))
    reviews, grades = _objects(store, str(JAR.review)), _objects(store, str(JAR.grade))
    years, issued = _pairs(store, YEARS), _pairs(store, ISSUED)
    passages, passage_titles = _passages(store, labels)
    entries = []
    derivation = str(PROV.Derivation)
    for iri in [*texts, *(p for p in passage_titles if p not in texts)]:
        by_property = texts[iri]
        link = href(iri)
        if not link or not link.startswith("/") or derivation in types.get(iri, ()):
            continue
        entry = Entry(iri, link)
        entry.names = _unique(t for p in NAME_PROPERTIES + OTHER_NAMES
                              for t, _ in by_property.get(p, ()))
        entry.body = _unique(t for p in BODY_PROPERTIES for t, _ in by_property.get(p, ()))
        entry.quoted = [t for t in _unique(t for p in QUOTED_PROPERTIES
                                           for t, _ in by_property.get(p, ()))
                        if t not in entry.body]
        kinds = kinds_of(types.get(iri, []))
        entry.kind = kinds[0][1] if kinds else "thing"
        facets = entry.facets
        facets["kind"] = {key: (label, None) for key, label in kinds}
        for facet, pairs in found.items():
            facets[facet] = {facet_key(facet, v): (labels.get(v, short_iri(v)), v)
                             for v in pairs.get(iri, ())}
        facets["region"] = {r: (r, None) for a in found["area"].get(iri, ())
                            for r in regions.get(a, ())}
        year_values = years.get(iri) or [i for d in found["document"].get(iri, ())
                                         for i in issued.get(d, ())]
        facets["year"] = {y[:4]: (y[:4], None) for y in year_values if y[:4].isdigit()}
        entry.passages = passages.get(iri, [])
        entry.title = passage_titles.get(iri) or _title(entry, iri, labels, grades)
        entry.context = _unique([label for _, label in kinds] + [
            label for facet in ("area", "region", "judgement_area", "theme")
            for label, _ in facets[facet].values()] + [
            labels[r] for r in reviews.get(iri, ()) if r in labels])
        entries.append(entry)
    return sorted(entries, key=lambda e: e.iri)


def facet_key(facet: str, iri: str) -> str:
    """A facet value's key in addresses: ``southampton`` for the area
    ``…/id/area/southampton``, the rest of the path for other things of the site."""
    if iri.startswith(str(ID)):
        path = iri[len(str(ID)):]
        short = _SHORT_KEYS.get(facet)
        return path[len(short):] if short and path.startswith(short) else path
    return iri


def kinds_of(types: list[str]) -> list[tuple[str, str]]:
    """(key, label) of each kind a thing is, its most specific kind first: its ``jar:``
    classes and their superclasses, or else the SKOS or OWL kind of term it is."""
    return list(_kinds(frozenset(types)))


@cache
def _kinds(types: frozenset[str]) -> tuple[tuple[str, str], ...]:
    ontology = ontology_graph()
    jar_types = {c for t in types if t.startswith(str(JAR))
                 for c in superclasses(t) if c.startswith(str(JAR))}
    found: list[tuple[int, str, str]] = []
    for t in jar_types:
        label = ontology.value(URIRef(t), RDFS.label)
        if label is None:
            continue
        depth = len(superclasses(t))
        found.append((-depth, t[len(str(JAR)):], str(label)))
    if not found:
        found = [(0, t.rsplit("#", 1)[-1].rsplit("/", 1)[-1], OTHER_KINDS[t])
                 for t in types if t in OTHER_KINDS]
    return tuple((key, label) for _, key, label in sorted(found))


def _passages(store: ox.Store, labels: dict[str, str]
              ) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Thing -> the passages it was read from (a passage: itself), numbered paragraphs
    first and in order; and each passage's title (its document and where in it)."""
    named: dict[str, tuple[tuple, str]] = {}
    for passage, number, section, doc in _rows(store, PASSAGES):
        if passage is None or not href(passage):
            continue
        where = (f"paragraph {number}" if number else f"“{section}”" if section else "passage")
        document = labels.get(doc or "", "")
        title = f"{document}, {where}" if document else where
        order = (0, int(number), "") if number and number.isdigit() else (1, 0, title)
        named[passage] = (order, title)
    by_thing = {p: [p] for p in named}
    for s, sources in _objects(store, str(PROV.wasDerivedFrom)).items():
        by_thing.setdefault(s, []).extend(p for p in sources if p in named)
    ordered = {s: sorted(set(found), key=lambda p: named[p]) for s, found in by_thing.items()}
    return ordered, {p: title for p, (_, title) in named.items()}


def _title(entry: Entry, iri: str, labels: dict[str, str], grades: dict[str, list[str]]
           ) -> str:
    if iri in labels:
        return labels[iri]
    areas = [label for label, _ in entry.facets["judgement_area"].values()]
    graded = [labels.get(g, short_iri(g)) for g in grades.get(iri, ())]
    if areas and graded:
        return f"{areas[0]}: {graded[0].lower()}"
    words = entry.body or entry.quoted
    if words:
        return shorten(words[0])
    return short_iri(iri)


def _name(by_property: dict[str, list[tuple[str, str]]]) -> str | None:
    """A thing's name: its first naming property, in English where it has a choice."""
    for prop in NAME_PROPERTIES:
        values = by_property.get(prop)
        if values:
            english = [text for text, lang in values if lang == "en"]
            return (english or sorted(text for text, _ in values))[0]
    return None


def shorten(text: str, length: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def _clean(text: str) -> str:
    """Text without control characters or the private-use characters the index marks its
    highlights with, and without the paragraph tags that some converted tables keep."""
    return _UNWANTED.sub(" ", text)


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))

