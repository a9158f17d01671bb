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
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, QB, RDFS, SKOS

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


Pairs = dict[str, list[str]]
"""Subject -> values, in the order read."""


def _solutions(store: ox.Store, sparql: str) -> ox.QuerySolutions:
    result = dataset.query(store, sparql)
    assert isinstance(result, ox.QuerySolutions)
    return result


def _objects(store: ox.Store, predicate: str) -> Pairs:
    """Subject -> objects of one property (IRI subjects, no blank objects).

    Read by SPARQL, which hands over only the two terms a row needs: reading
    quads would also turn each row's predicate and graph back into text, and
    that lookup, not the scan, is most of the time."""
    found: Pairs = defaultdict(list)
    for s, o in _solutions(store, f"SELECT ?s ?o {{ ?s <{predicate}> ?o "
                                  "FILTER(isIRI(?s) && !isBlank(?o)) }"):
        found[s.value].append(o.value)
    return found


def _few_objects(store: ox.Store, predicate: str) -> Pairs:
    """:func:`_objects` of a property with few distinct objects (a thing's review,
    theme, area): each object is read once and sent back in a table with a number, and
    the rows carry the numbers, which need no lookup. Each subject's objects keep the
    order of a scan of the property (by object)."""
    objects = [o for (o,) in _solutions(
        store, f"SELECT DISTINCT ?o WHERE {{ ?s <{predicate}> ?o FILTER(!isBlank(?o)) }}")]
    table = " ".join(f"({o} {i})" for i, o in enumerate(objects))
    numbers: dict[str, list[int]] = defaultdict(list)
    for s, i in _solutions(store, f"SELECT ?s ?i WHERE {{ VALUES (?o ?i) {{ {table} }} "
                                  f"?s <{predicate}> ?o FILTER(isIRI(?s)) }}"):
        numbers[s.value].append(int(i.value))
    values = [o.value for o in objects]
    return {s: [values[i] for i in (sorted(found) if len(found) > 1 else found)]
            for s, found in numbers.items()}


def _path(first: Pairs, then: Pairs) -> Pairs:
    """Subject -> values along two properties (``first/then``)."""
    found: Pairs = {}
    for s, middles in first.items():
        ends = [e for m in middles for e in then.get(m, ())]
        if ends:
            found[s] = ends
    return found


def _union(*branches: Pairs) -> Pairs:
    """Subject -> the values of every branch in turn, each value once."""
    found: Pairs = defaultdict(list)
    for branch in branches:
        for s, values in branch.items():
            kept = found[s]
            kept.extend(v for v in values if v not in kept)
    return found


DERIVED_QUOTES = f"""
SELECT ?s ?o WHERE {{ ?s <{PROV.qualifiedDerivation}> ?d . ?d <{JAR.quotation}> ?o }}"""
NOT_DERIVATION = f"MINUS {{ ?s a <{PROV.Derivation}> }}"
TYPES = "SELECT DISTINCT ?t WHERE { ?s a ?t FILTER(isIRI(?t)) }"
TYPED = """
SELECT ?s (GROUP_CONCAT(STR(?i)) AS ?k) WHERE {{
  VALUES (?t ?i) {{ {values} }} ?s a ?t FILTER(isIRI(?s)) }} GROUP BY ?s"""
"""Each thing's types as the numbers of a table sent with the query: the numbers are
read without looking anything up, where reading each type's IRI again per thing took
most of the time."""


@dataclass(frozen=True)
class _Types:
    """What a set of types says of a thing."""

    kinds: tuple[tuple[str, str], ...]
    derivation: bool
    area: bool
    document: bool
    passage: bool


def _types(store: ox.Store) -> dict[str, _Types]:
    """Each typed thing's kinds, and whether it is a derivation, area, document or passage."""
    names = [row[0].value for row in _solutions(store, TYPES)]
    values = " ".join(f"({ox.NamedNode(t)} {i})" for i, t in enumerate(names))
    shown: dict[str, _Types] = {}
    found = {}
    for s, key in _solutions(store, TYPED.format(values=values)):
        k = key.value
        types = shown.get(k)
        if types is None:
            iris = {names[int(i)] for i in k.split()}
            types = shown[k] = _Types(
                _kinds(frozenset(iris)), str(PROV.Derivation) in iris, str(JAR.Area) in iris,
                str(JAR.Document) in iris, str(JAR.Passage) in iris)
        found[s.value] = types
    return found


Words = tuple[list[str], list[str], list[str]]
"""A thing's texts for the fields names, body and quoted, in the order of the properties."""


def _texts(store: ox.Store) -> tuple[dict[str, Words], dict[str, str]]:
    """Thing -> its texts by field; and thing -> its name.

    A derivation's quotation is its statement's (a derivation is no entry)."""
    words: dict[str, Words] = {}
    named: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(dict)
    quotation = str(JAR.quotation)
    for prop in TEXT_PROPERTIES:
        column = 0 if prop in NAME_PROPERTIES or prop in OTHER_NAMES else (
            1 if prop in BODY_PROPERTIES else 2)
        naming = prop in NAME_PROPERTIES
        minus = NOT_DERIVATION if prop == quotation else ""
        for s, o in _solutions(store, f"SELECT ?s ?o {{ ?s <{prop}> ?o {minus} "
                                      "FILTER(isIRI(?s) && isLiteral(?o)) }"):
            iri, text = s.value, _clean(o.value)
            got = words.get(iri)
            if got is None:
                got = words[iri] = ([], [], [])
            got[column].append(text)
            if naming:
                named[iri].setdefault(prop, []).append((text, o.language or ""))
        if prop == quotation:
            derived: Pairs = defaultdict(list)
            for s, o in _solutions(store, DERIVED_QUOTES):
                quotes = derived[s.value]
                if (quote := o.value) not in quotes:
                    quotes.append(quote)
            for iri, quotes in derived.items():
                got = words.get(iri)
                if got is None:
                    got = words[iri] = ([], [], [])
                got[2].extend(_clean(q) for q in quotes)
    labels = {iri: name for iri, by_property in named.items()
              if (name := _name(by_property)) is not None}
    return words, labels


FacetValues = dict[str, tuple[str, str | None]]
"""Value key -> (label, IRI or None): the values of one facet of one thing."""


def _facet(facet: str, pairs: Pairs, labels: dict[str, str]) -> dict[str, FacetValues]:
    """Thing -> its values of one facet, each set of values worked out once."""
    shown: dict[tuple[str, ...], FacetValues] = {}
    found = {}
    for s, values in pairs.items():
        key = tuple(values)
        values_shown = shown.get(key)
        if values_shown is None:
            values_shown = shown[key] = {
                facet_key(facet, v): (labels.get(v, short_iri(v)), v) for v in values}
        found[s] = values_shown
    return found


def read_entries(store: ox.Store) -> list[Entry]:
    """Every thing of the store with words of its own, as index entries.

    Each property is read once, on its own, and the paths between them (a
    finding's area through its review) are followed here: SPARQL joins and
    unions over the whole store took ten times as long."""
    words, labels = _texts(store)
    types = _types(store)
    read = {str(p): _few_objects(store, str(p)) for p in (
        JAR.area, JAR.review, DCTERMS.isPartOf, JAR.reportedIn, JAR.year, DCTERMS.issued,
        JAR.judgementArea, JAR.theme, JAR.region, JAR.grade)}
    read[str(PROV.wasDerivedFrom)] = _objects(store, str(PROV.wasDerivedFrom))
    reviews, part_of = read[str(JAR.review)], read[str(DCTERMS.isPartOf)]
    derived_from = read[str(PROV.wasDerivedFrom)]
    areas = _union(read[str(JAR.area)], _path(reviews, read[str(JAR.area)]),
                   _path(part_of, read[str(JAR.area)]),
                   {s: [s] for s, t in types.items() if t.area})
    documents = _union(part_of, _path(derived_from, part_of), read[str(JAR.reportedIn)],
                       {s: [s] for s, t in types.items() if t.document})
    found = {"area": _facet("area", areas, labels),
             "judgement_area": _facet("judgement_area", read[str(JAR.judgementArea)], labels),
             "theme": _facet("theme", read[str(JAR.theme)], labels),
             "document": _facet("document", documents, labels)}
    regions = read[str(JAR.region)]
    regions_of = {s: {r: (r, None) for a in found_areas for r in regions.get(a, ())}
                  for s, found_areas in areas.items()}
    grades = read[str(JAR.grade)]
    years = _union(read[str(JAR.year)], _path(reviews, read[str(JAR.year)]))
    issued = _union({s: v for s, v in read[str(DCTERMS.issued)].items()
                     if s in types and types[s].document})
    named, links = _passages(store, labels, types, part_of)
    no_types = _Types((), False, False, False, False)
    no_words: Words = ([], [], [])
    entries = []
    for iri in [*words, *(p for p in named if p not in words)]:
        link = links[iri] if iri in links else href(iri)
        kind = types.get(iri, no_types)
        if not link or not link.startswith("/") or kind.derivation:
            continue
        names, body, quoted = words.get(iri, no_words)
        names, body = _unique(names), _unique(body)
        quoted = [t for t in _unique(quoted) if t not in body]
        kinds = kind.kinds
        facets: dict[str, FacetValues] = {"kind": {key: (label, None) for key, label in kinds}}
        for facet, by_thing in found.items():
            facets[facet] = dict(by_thing.get(iri, ()))
        facets["region"] = dict(regions_of.get(iri, ()))
        year_values = years.get(iri) or [i for d in documents.get(iri, ())
                                         for i in issued.get(d, ())]
        facets["year"] = {y[:4]: (y[:4], None) for y in year_values if y[:4].isdigit()}
        title = named[iri][1] if iri in named else _title(
            iri, labels, facets["judgement_area"], grades, body or quoted)
        context = _unique([label for _, label in kinds] + [
            label for facet in ("area", "region", "judgement_area", "theme")
            for label, _ in facets[facet].values()] + [
            labels[r] for r in reviews.get(iri, ()) if r in labels])
        entries.append(Entry(iri, link, title, kinds[0][1] if kinds else "thing", names,
                             body, quoted, context, facets,
                             _sources(iri, named, derived_from)))
    return sorted(entries, key=lambda e: e.iri)


def facet_key(facet: str, iri: str) -> str:
    """A facet value's key in addresses: ``southampton`` for the area
    ``…/id/area/southampton``, the rest of the path for other things of the site."""
    if iri.startswith(str(ID)):
        path = iri[len(str(ID)):]
        short = _SHORT_KEYS.get(facet)
        return path[len(short):] if short and path.startswith(short) else path
    return iri


@cache
def _kinds(types: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """(key, label) of each kind a thing is, its most specific kind first: its ``jar:``
    classes and their superclasses, or else the SKOS or OWL kind of term it is."""
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


def _passages(store: ox.Store, labels: dict[str, str], types: dict[str, _Types],
              part_of: Pairs) -> tuple[dict[str, tuple[tuple, str]], dict[str, str | None]]:
    """Each passage's place in order (numbered paragraphs first, in order) and title (its
    document and where in it); and the link of each passage looked at."""
    numbers = _few_objects(store, str(JAR.paragraphNumber))
    sections = _objects(store, str(JAR.section))
    named: dict[str, tuple[tuple, str]] = {}
    links: dict[str, str | None] = {}
    for passage, t in types.items():
        if not t.passage:
            continue
        link = links[passage] = href(passage)
        if not link:
            continue
        number = numbers[passage][-1] if passage in numbers else None
        section = sections[passage][-1] if passage in sections else None
        doc = part_of[passage][-1] if passage in part_of else None
        where = (f"paragraph {number}" if number else f"“{section}”" if section else "passage")
        document = labels.get(doc or "", "")
        title = f"{document}, {where}" if document else where
        order = (0, int(number), "") if number and number.isdigit() else (1, 0, title)
        named[passage] = (order, title)
    return named, links


def _sources(iri: str, named: dict[str, tuple[tuple, str]], derived_from: Pairs) -> list[str]:
    """The passages a thing was read from, in order (a passage: itself too)."""
    found = [p for p in derived_from.get(iri, ()) if p in named]
    if iri in named:
        found.append(iri)
    return sorted(set(found), key=named.__getitem__)


def _title(iri: str, labels: dict[str, str], judgement_areas: FacetValues,
           grades: dict[str, list[str]], words: list[str]) -> str:
    if iri in labels:
        return labels[iri]
    areas = [label for label, _ in judgement_areas.values()]
    graded = [labels.get(g, short_iri(g)) for g in grades.get(iri, ())]
    if areas and graded:
        return f"{areas[0]}: {graded[0].lower()}"
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


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items)) if len(items) > 1 else list(items)

