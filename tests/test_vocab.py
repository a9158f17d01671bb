"""The controlled keys of ``jargraph.vocab`` and the concept schemes must not drift apart.

Readers and the encoder work with keys; queries and pages work with concepts.
A key without its concept would mint a URI nobody defines, and a concept without
its key is a value no reader can produce.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from jargraph import uris, vocab
from jargraph.vocab import ID, JAR

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "src" / "jargraph" / "ontology" / "jargraph.ttl"
SCHEMES = ROOT / "src" / "jargraph" / "ontology" / "schemes"


def _load() -> Graph:
    graph = Graph()
    graph.parse(ONTOLOGY, format="turtle")
    for path in sorted(SCHEMES.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


GRAPH = _load()
DECLARED = {
    s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    for s in GRAPH.subjects(RDF.type, t)
} | {JAR.gradeDistributionStructure}


def _members(scheme: str) -> set[URIRef]:
    return set(GRAPH.subjects(SKOS.inScheme, ID[f"scheme/{scheme}"]))


KEY_GROUPS = [
    (vocab.CORE_AREAS, JAR.CoreJudgementArea),
    (vocab.OUTCOME_AREAS, JAR.OutcomeArea),
    (vocab.COUNCIL_AREAS, JAR.CouncilJudgementArea),
    (vocab.YOUTH_ASPECTS, JAR.YouthKeyAspect),
    (vocab.INVESTIGATION_CATEGORIES, JAR.InvestigationCategory),
]


@pytest.mark.parametrize(("keys", "cls"), KEY_GROUPS, ids=lambda x: str(x).rsplit("#")[-1][:30])
def test_judgement_area_keys_have_typed_concepts(keys: tuple[str, ...], cls: URIRef) -> None:
    for key in keys:
        concept = uris.concept("judgement-area", key)
        assert (concept, RDF.type, cls) in GRAPH, key
        assert (concept, SKOS.inScheme, ID["scheme/judgement-areas"]) in GRAPH, key


def test_judgement_area_scheme_is_exactly_the_keys() -> None:
    assert len(set(vocab.JUDGEMENT_AREAS)) == len(vocab.JUDGEMENT_AREAS)
    expected = {uris.concept("judgement-area", key) for key in vocab.JUDGEMENT_AREAS}
    assert _members("judgement-areas") == expected


@pytest.mark.parametrize(
    ("keys", "kind", "scheme", "cls"),
    [
        (vocab.SCOPES, "scope", "scopes", JAR.Scope),
        (vocab.TIMEFRAMES, "timeframe", "timeframes", JAR.Timeframe),
        (vocab.METHODOLOGIES, "methodology", "methodologies", JAR.Methodology),
    ],
    ids=["scopes", "timeframes", "methodologies"],
)
def test_keys_and_schemes_match(keys: tuple[str, ...], kind: str, scheme: str,
                                cls: URIRef) -> None:
    concepts = [uris.concept(kind, key) for key in keys]
    assert _members(scheme) == set(concepts)
    for concept in concepts:
        assert (concept, RDF.type, cls) in GRAPH


def test_timeframe_keys_in_notation_order() -> None:
    notations = [GRAPH.value(uris.concept("timeframe", k), SKOS.notation).toPython()
                 for k in vocab.TIMEFRAMES]
    assert notations == sorted(notations)


def test_grades() -> None:
    assert _members("grades") == {uris.grade(n) for n in vocab.GRADES}
    for notation, key in vocab.GRADES.items():
        concept = uris.grade(notation)
        assert concept == ID[f"grade/{key}"]
        assert (concept, RDF.type, JAR.Grade) in GRAPH
        assert GRAPH.value(concept, SKOS.notation).toPython() == notation


@pytest.mark.parametrize(("word", "notation"), list(vocab.GRADE_WORDS.items()))
def test_grade_words_are_labels_of_their_grade(word: str, notation: int) -> None:
    concept = uris.grade(notation)
    labels = {str(o).lower() for p in (SKOS.prefLabel, SKOS.altLabel)
              for o in GRAPH.objects(concept, p)}
    assert word in labels


def test_jar_prefix_is_the_ontology_namespace() -> None:
    vann = URIRef("http://purl.org/vocab/vann/preferredNamespaceUri")
    ontology = URIRef("https://w3id.org/jargraph/def")
    assert str(GRAPH.value(ontology, vann)) == vocab.PREFIXES["jar"] == str(JAR)


def _terms_in_vocab() -> set[URIRef]:
    found = {v for v in vars(vocab).values() if isinstance(v, URIRef) and v.startswith(str(JAR))}
    source = Path(vocab.__file__).read_text(encoding="utf-8")
    found |= {JAR[name] for name in re.findall(r"\bJAR\.([A-Za-z]\w*)", source)}
    found |= {JAR[name] for name in re.findall(r"\bJAR\[[\"'](\w+)[\"']\]", source)}
    return found


def test_every_jar_term_in_vocab_is_defined() -> None:
    assert _terms_in_vocab() - DECLARED == set()


def _terms_in_code_and_queries() -> dict[URIRef, str]:
    """jar: terms named in the package, the query library and the other ontology files."""
    used: dict[URIRef, str] = {}
    package = ROOT / "src" / "jargraph"
    paths = [*package.rglob("*.py"), *(package / "queries").glob("*.rq"),
             *(p for p in (package / "ontology").rglob("*.ttl") if p != ONTOLOGY)]
    patterns = (r"\bJAR\.([A-Za-z]\w*)", r"\bJAR\[[\"'](\w+)[\"']\]",
                r"(?<![\w/#])jar:([A-Za-z]\w*)")
    namespace_attrs = set(dir(JAR))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for pattern in patterns:
            for name in re.findall(pattern, text):
                if pattern.startswith(r"\bJAR\.") and name in namespace_attrs:
                    continue  # a method of the Namespace object, not a term
                used.setdefault(JAR[name], str(path.relative_to(ROOT)))
    return used


def test_every_jar_term_named_in_code_queries_and_shapes_is_defined() -> None:
    undefined = {str(t): where for t, where in _terms_in_code_and_queries().items()
                 if t not in DECLARED}
    assert undefined == {}
