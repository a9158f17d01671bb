"""Mutations of the valid Leeds example: each one is reported, or provably harmless.

Hypothesis changes one statement of ``example-leeds-2008.ttl`` at a time:

* **drop** it;
* **duplicate** it: write the same statement twice in the text, or give its
  property a **second value** (another value the same property has elsewhere in the file);
* **misspell** one of its terms: a property, a class, a datatype, or a concept or
  area it points at, one letter added, dropped or changed;
* **retype** its value, a literal: another datatype, a language tag, or neither.

"Provably harmless" is defined below from the shapes and the ontology alone, never
from what the validator says, and each definition is tested on cases read from the
shapes. The property then holds both ways: a mutation is reported if and only if it
is not harmless, so the validator neither lets a real mistake pass nor raises a false
alarm.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from jargraph.ontology import ontology_graph, shapes_graph, superclasses
from jargraph.validate import read_encoding, validate_file, validate_graph
from jargraph.validate.concepts import concepts
from jargraph.validate.crosschecks import AREA
from jargraph.validate.literals import fits
from jargraph.validate.vocabulary import vocabulary
from jargraph.vocab import JAR

from .conftest import LEEDS

Triple = tuple[Node, Node, Node]

GRAPH, TEXT = read_encoding(LEEDS)
TRIPLES: list[Triple] = sorted(GRAPH)
SETTINGS = settings(max_examples=30, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------- what the shapes require


@cache
def _shapes() -> Graph:
    return shapes_graph()


def _classes(graph: Graph, node: Node) -> set[str]:
    """A node's classes and all their superclasses."""
    found: set[str] = set()
    for cls in graph.objects(node, RDF.type):
        found |= superclasses(str(cls)) | {str(cls)}
    return found


def _property_shapes(classes: set[str], prop: Node) -> list[Node]:
    """The property shapes, on the property, of the node shapes that target these classes."""
    shapes = _shapes()
    found = []
    for node_shape, target in shapes.subject_objects(SH.targetClass):
        if str(target) in classes:
            for prop_shape in shapes.objects(node_shape, SH.property):
                if shapes.value(prop_shape, SH.path) == prop:
                    found.append(prop_shape)
    return found


def _alternatives(classes: set[str]) -> list[set[Node]]:
    """Node shapes' sh:or of properties (a passage's number or section): one is needed."""
    shapes = _shapes()
    found = []
    for node_shape, target in shapes.subject_objects(SH.targetClass):
        if str(target) not in classes:
            continue
        for listed in shapes.objects(node_shape, SH["or"]):
            members = list(Collection(shapes, listed))
            paths = {shapes.value(m, SH.path) for m in members}
            if None not in paths:
                found.append(paths)
    return found


@cache
def _needed_classes() -> frozenset[str]:
    """Classes some rule needs a node to have: shape targets, sh:class values, classes named
    in the SPARQL rules, and the rdfs:domain of every jar: property."""
    shapes, ontology = _shapes(), ontology_graph()
    needed = {str(c) for c in shapes.objects(None, SH.targetClass)}
    needed |= {str(c) for c in shapes.objects(None, SH["class"])}
    for query in shapes.objects(None, SH.select):
        needed |= {str(JAR) + name for name in re.findall(r"jar:([A-Z]\w+)", str(query))}
    for domain in ontology.objects(None, RDFS.domain):
        members = ontology.value(domain, OWL.unionOf)
        needed |= {str(c) for c in (Collection(ontology, members) if members else [domain])}
    return frozenset(needed)


CROSS_NODE = {
    # the review lists each investigation that names it (shape InvestigationListed)
    JAR.hasInvestigation: lambda g, s, o: (o, JAR.review, s) in g,
    # a recommendation of a joint area review has its timeframe (ReviewRecommendationTimeframe)
    JAR.timeframe: lambda g, s, o: any(
        (r, RDF.type, JAR.JointAreaReview) in g for r in g.objects(s, JAR.review)),
}
"""Statements a rule about another node needs: the shapes' SPARQL and inverse paths."""


def dropping_is_harmless(graph: Graph, triple: Triple) -> bool:
    """Dropping a statement is harmless when no rule needs it: it is not a type some rule
    needs the node to have, nor a value a shape's sh:minCount (or sh:or) still needs, nor
    a statement a rule about another node needs."""
    s, p, o = triple
    after = Graph()
    after += graph
    after.remove(triple)
    if p == RDF.type:
        lost = _classes(graph, s) - _classes(after, s)
        return not lost & _needed_classes()
    classes = _classes(graph, s)
    left = len(list(after.objects(s, p)))
    for shape in _property_shapes(classes, p):
        least = _shapes().value(shape, SH.minCount)
        if least is not None and left < int(least):
            return False
    for paths in _alternatives(classes):
        if p in paths and not any(after.value(s, q) is not None for q in paths):
            return False
    needs = CROSS_NODE.get(p)  # type: ignore[call-overload]
    return not (needs and needs(graph, s, o))


def second_value_is_harmless(graph: Graph, triple: Triple) -> bool:
    """A second value for a property is harmless when no shape caps its number of values
    (sh:maxCount): the value itself is one the same property has elsewhere in the file."""
    s, p, _ = triple
    count = len(list(graph.objects(s, p))) + 1
    for shape in _property_shapes(_classes(graph, s), p):
        most = _shapes().value(shape, SH.maxCount)
        if most is not None and count > int(most):
            return False
    return True


def retyping_is_harmless(graph: Graph, triple: Triple, new: Literal) -> bool:
    """Another datatype or language for a literal is harmless when its words are a value
    of the new datatype, and every datatype, language or list of values a shape sets for
    the property still holds (a plain literal is an xsd:string, as in RDF 1.1)."""
    s, p, _ = triple
    if new.datatype is not None and not fits(str(new), str(new.datatype)):
        return False
    return all(_holds(shape, new) for shape in _property_shapes(_classes(graph, s), p))


def _datatype(literal: Literal) -> Node | None:
    if literal.language is not None:
        return RDF.langString
    return literal.datatype or XSD.string


def _holds(shape: Node, new: Literal) -> bool:
    """Whether a property shape's value rules (datatype, language, list) accept a literal."""
    shapes = _shapes()
    wanted = shapes.value(shape, SH.datatype)
    if wanted is not None and _datatype(new) != wanted:
        return False
    languages = shapes.value(shape, SH.languageIn)
    if languages is not None and new.language not in {str(x) for x in
                                                      Collection(shapes, languages)}:
        return False
    listed = shapes.value(shape, SH["in"])
    if listed is not None and not any(
            str(x) == str(new) and _datatype(x) == _datatype(new)  # type: ignore[arg-type]
            for x in Collection(shapes, listed)):
        return False
    either = shapes.value(shape, SH["or"])
    if either is not None:
        return any(_datatype(new) == shapes.value(m, SH.datatype)
                   for m in Collection(shapes, either))
    return True


# ---------------------------------------------------------------- the definitions, tested


def _find(predicate: Node, subject_part: str = "") -> Triple:
    return next(t for t in TRIPLES if t[1] == predicate and subject_part in str(t[0]))


def test_dropping_an_optional_statement_is_harmless() -> None:
    # no shape requires a passage's words, a review's label or fieldwork, a finding's area
    for prop in (JAR.text, RDFS.label, JAR.fieldworkStart, JAR.sourceLine):
        assert dropping_is_harmless(GRAPH, _find(prop))
    assert dropping_is_harmless(GRAPH, _find(JAR.judgementArea, "/finding/"))
    # a passage has a section as well as its number: one of the two is enough
    assert dropping_is_harmless(GRAPH, _find(JAR.section, "/paragraph/"))
    # the publisher's type: no rule is about organisations
    assert dropping_is_harmless(GRAPH, next(
        t for t in TRIPLES if t[1] == RDF.type and "organisation/" in str(t[0])))


def test_dropping_a_required_statement_is_not() -> None:
    for prop, part in ((JAR.grade, "/judgement/"), (JAR.year, "review/"),
                       (DCTERMS_ISSUED, "document/"), (JAR.review, "/finding/"),
                       (PROV_DERIVED, "/judgement/"), (JAR.hasInvestigation, "review/")):
        assert not dropping_is_harmless(GRAPH, _find(prop, part)), prop
    # the judgement's type: the shapes check it as a jar:Judgement
    assert not dropping_is_harmless(GRAPH, next(
        t for t in TRIPLES if t[1] == RDF.type and t[2] == JAR.Judgement))
    # the area's only name
    assert not dropping_is_harmless(GRAPH, _find(URIRef(SKOS + "prefLabel"), "area/"))


def test_a_second_value_is_harmless_only_where_no_maximum_applies() -> None:
    assert second_value_is_harmless(GRAPH, _find(PROV_DERIVED, "/judgement/"))
    assert second_value_is_harmless(GRAPH, _find(RDFS.label, "review/"))
    assert not second_value_is_harmless(GRAPH, _find(JAR.grade, "/judgement/"))
    assert not second_value_is_harmless(GRAPH, _find(JAR.text, "/finding/"))


def test_retyping_is_harmless_only_where_no_datatype_or_language_is_required() -> None:
    wording = next(t for t in TRIPLES if t[1] == JAR.gradeWording and str(t[2]) == "2")
    assert retyping_is_harmless(GRAPH, wording, Literal(str(wording[2]), datatype=XSD.integer))
    assert not retyping_is_harmless(GRAPH, wording, Literal(str(wording[2]), datatype=XSD.date))
    year = _find(JAR.year, "review/")
    assert not retyping_is_harmless(GRAPH, year, Literal("2008", datatype=XSD.integer))
    label = _find(RDFS.label, "review/")
    assert retyping_is_harmless(GRAPH, label, Literal(str(label[2]), lang="fr"))
    # "383" and "383"^^xsd:string are the same literal in RDF 1.1
    code = _find(JAR.dfeCode)
    assert retyping_is_harmless(GRAPH, code, Literal("383", datatype=XSD.string))
    assert not retyping_is_harmless(GRAPH, code, Literal("383", datatype=XSD.integer))


DCTERMS_ISSUED = URIRef("http://purl.org/dc/terms/issued")
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
SKOS = "http://www.w3.org/2004/02/skos/core#"


# ---------------------------------------------------------------- the property


def _validated(graph: Graph) -> list[str]:
    return [str(p) for p in validate_graph(graph).problems]


def _with(remove: Iterable[Triple] = (), add: Iterable[Triple] = ()) -> Graph:
    graph = Graph()
    graph += GRAPH
    for triple in remove:
        graph.remove(triple)
    for triple in add:
        graph.add(triple)
    return graph


def test_a_listed_string_written_as_xsd_string_is_valid() -> None:
    # the Leeds example: jar:authorityType "metropolitan district", one of the shape's sh:in
    kind = _find(JAR.authorityType)
    retyped = Literal(str(kind[2]), datatype=XSD.string)
    assert retyping_is_harmless(GRAPH, kind, retyped)
    assert _validated(_with(remove=[kind], add=[(kind[0], kind[1], retyped)])) == []


def test_the_example_itself_is_valid() -> None:
    assert _validated(GRAPH) == []


@SETTINGS
@given(st.sampled_from(TRIPLES))
def test_a_dropped_statement_is_reported_unless_harmless(triple: Triple) -> None:
    problems = _validated(_with(remove=[triple]))
    assert bool(problems) != dropping_is_harmless(GRAPH, triple), (triple, problems)


_SECOND = [(s, p, o2) for s, p, _ in TRIPLES if p != RDF.type
           for o2 in sorted({o for _, q, o in TRIPLES if q == p}) if (s, p, o2) not in GRAPH]


@SETTINGS
@given(st.sampled_from(_SECOND))
def test_a_second_value_is_reported_unless_harmless(triple: Triple) -> None:
    problems = _validated(_with(add=[triple]))
    assert bool(problems) != second_value_is_harmless(GRAPH, triple), (triple, problems)


_LINES = [i for i, line in enumerate(TEXT.split("\n"))
          if re.match(r"    [a-z]+:\w+ .* ;$", line)]


@settings(max_examples=10, deadline=None, database=None)
@given(st.sampled_from(_LINES))
def test_a_statement_written_twice_is_harmless(tmp_path_factory: pytest.TempPathFactory,
                                               index: int) -> None:
    """The same statement written again is the same graph: provably harmless, and not
    reported (the text is read, placed and checked as a person's file would be)."""
    lines = TEXT.split("\n")
    lines.insert(index, lines[index])
    path: Path = tmp_path_factory.mktemp("twice") / "leeds.ttl"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert set(read_encoding(path)[0]) == set(GRAPH)
    assert validate_file(path).problems == []


@cache
def _known_terms() -> frozenset[str]:
    vocab = vocabulary()
    known = set(vocab.roles) | set(concepts())
    known |= {ns + name for ns, names in vocab.core.items() for name in names}
    known |= {f"{AREA}{a.slug}" for a in _authorities()}
    return frozenset(known)


def _authorities():  # noqa: ANN202 - the reference table's rows
    from jargraph.links import authorities
    return authorities()


def _checked(term: Node) -> bool:
    """Terms the validator can know to be misspelt: vocabulary terms, concepts, areas."""
    iri = str(term)
    vocab = vocabulary()
    return isinstance(term, URIRef) and (
        vocab.namespace_of(iri) is not None or iri in concepts() or iri.startswith(AREA))


def _misspelt(iri: str, how: int, at: int, letter: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/")) + 1
    local = iri[cut:]
    at %= max(len(local), 1)
    local = (local[:at] + letter + local[at:], local[:at] + local[at + 1:],
             local[:at] + letter + local[at + 1:])[how % 3]
    return iri[:cut] + local


_TERMS = [(t, where) for t in TRIPLES for where in (1, 2) if _checked(t[where])]
_TYPED = [t for t in TRIPLES if isinstance(t[2], Literal) and t[2].datatype is not None]


@SETTINGS
@given(st.sampled_from(_TERMS), st.integers(0, 2), st.integers(0, 60),
       st.sampled_from(string.ascii_lowercase))
def test_a_misspelt_term_is_always_reported(
    chosen: tuple[Triple, int], how: int, at: int, letter: str
) -> None:
    triple, where = chosen
    wrong = _misspelt(str(triple[where]), how, at, letter)
    assume(wrong not in _known_terms() and wrong != str(triple[where]))
    mutated = list(triple)
    mutated[where] = URIRef(wrong)
    assert _validated(_with(remove=[triple], add=[tuple(mutated)]))  # type: ignore[list-item]


@SETTINGS
@given(st.sampled_from(_TYPED), st.integers(0, 10), st.sampled_from(string.ascii_lowercase))
def test_a_misspelt_datatype_is_always_reported(triple: Triple, at: int, letter: str) -> None:
    literal = triple[2]
    assert isinstance(literal, Literal)
    wrong = _misspelt(str(literal.datatype), 2, at, letter)
    assume(wrong.removeprefix(str(XSD)) not in vocabulary().core[str(XSD)])
    mutated = (triple[0], triple[1], Literal(str(literal), datatype=URIRef(wrong)))
    assert _validated(_with(remove=[triple], add=[mutated]))


_LITERALS = [t for t in TRIPLES if isinstance(t[2], Literal)]
_RETYPES = [None, "en", "fr", XSD.string, XSD.integer, XSD.decimal, XSD.date, XSD.gYear,
            XSD.gYearMonth, XSD.positiveInteger, XSD.boolean]


@SETTINGS
@given(st.sampled_from(_LITERALS), st.sampled_from(_RETYPES))
def test_a_retyped_value_is_reported_unless_harmless(triple: Triple, kind: object) -> None:
    text = str(triple[2])
    new = (Literal(text, datatype=kind) if isinstance(kind, URIRef)
           else Literal(text, lang=kind) if isinstance(kind, str) else Literal(text))
    assume(new != triple[2] or new.language != triple[2].language)  # type: ignore[union-attr]
    mutated = (triple[0], triple[1], new)
    problems = _validated(_with(remove=[triple], add=[mutated]))
    assert bool(problems) != retyping_is_harmless(GRAPH, triple, new), (mutated, problems)
