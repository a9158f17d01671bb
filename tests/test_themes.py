"""The themes scheme: its concepts, their citations, and tagging with its rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from jargraph.resources import data_dir
from jargraph.tagging import load_scheme, matcher_for
from jargraph.themes import (
    THEME_SCHEME,
    THEMES_TTL,
    ThemeError,
    tag_themes,
    theme_matcher,
    untagged,
)
from jargraph.vocab import ID, JAR

OUTCOMES = "https://w3id.org/jargraph/id/document/jar-2007-08-report-on-outcomes"
OVERVIEW = "https://w3id.org/jargraph/id/document/narrowing-the-gap-2007"


def theme(key: str) -> URIRef:
    return URIRef(f"{ID}theme/{key}")


@pytest.fixture(scope="module")
def scheme() -> Graph:
    return load_scheme(THEMES_TTL)


def concepts(scheme: Graph) -> list[URIRef]:
    return sorted(set(scheme.subjects(SKOS.inScheme, THEME_SCHEME)))


def test_at_least_twenty_themes_each_described_and_typed(scheme: Graph) -> None:
    found = concepts(scheme)
    assert len(found) >= 20
    for concept in found:
        assert (concept, RDF.type, SKOS.Concept) in scheme
        assert (concept, RDF.type, JAR.Theme) in scheme
        assert (concept, SKOS.topConceptOf, THEME_SCHEME) in scheme
        assert len(list(scheme.objects(concept, SKOS.prefLabel))) == 1
        assert scheme.value(concept, SKOS.definition) is not None, concept
        assert str(scheme.value(concept, SKOS.note)).startswith("Named in "), concept
        assert str(concept).startswith(f"{ID}theme/")


def test_themes_the_brief_asks_for_are_there(scheme: Graph) -> None:
    keys = {str(c).rsplit("/", 1)[-1] for c in concepts(scheme)}
    assert {
        "performance-management", "quality-assurance", "timeliness-of-assessments",
        "use-of-data", "workforce-planning", "joint-commissioning", "participation",
        "transition-to-adult-services", "educational-attainment-of-looked-after-children",
        "partnership-working", "early-intervention-and-prevention", "attendance-and-exclusions",
        "placement-stability", "permanence-planning", "accommodation-for-care-leavers",
        "access-to-camhs", "therapy-services", "bullying", "private-fostering",
        "teenage-pregnancy", "not-in-education-employment-or-training", "14-19-provision",
        "equality-and-diversity", "safe-recruitment", "case-recording", "leadership",
        "consultation",
    } <= keys


def test_every_pattern_compiles(scheme: Graph) -> None:
    patterns = list(scheme.objects(None, JAR.matchPattern))
    assert patterns
    for pattern in patterns:
        re.compile(str(pattern))


def _outcomes_paragraphs() -> dict[str, str]:
    text = (data_dir() / "reports" / "jar-2007-08-report-on-outcomes.txt").read_text("utf-8")
    return {m.group(1): m.group(2) for m in re.finditer(r"^(\d+)\. (.*)$", text, re.M)}


def test_each_theme_cites_a_national_report_paragraph_that_exists(scheme: Graph) -> None:
    paragraphs = _outcomes_paragraphs()
    for concept in concepts(scheme):
        source = str(scheme.value(concept, DCTERMS.source))
        if source == OVERVIEW:
            continue
        assert source.startswith(f"{OUTCOMES}/paragraph/"), (concept, source)
        assert source.rsplit("/", 1)[-1] in paragraphs, (concept, source)


def test_cited_paragraphs_say_what_the_note_quotes(scheme: Graph) -> None:
    paragraphs = _outcomes_paragraphs()
    # Paragraph 96 names performance management, 25 quality assurance, 17 private fostering.
    assert "weaknesses in performance management" in paragraphs["96"]
    assert "The most frequently recurring weakness concerned quality assurance" in paragraphs["25"]
    assert "private fostering" in paragraphs["17"]
    note = str(scheme.value(theme("performance-management"), SKOS.note))
    assert "paragraph 96" in note


def _statement(g: Graph, kind: URIRef, name: str, text: str) -> URIRef:
    uri = URIRef(f"https://example.org/{name}")
    g.add((uri, RDF.type, kind))
    g.add((uri, JAR.text, Literal(text, lang="en")))
    return uri


def test_tags_findings_and_recommendations_from_their_words() -> None:
    g = Graph()
    # Texts from the Southampton report (weaknesses and a recommendation).
    pm = _statement(g, JAR.ImportantWeakness, "pm",
                    "Insufficient use of performance management to inform service-wide "
                    "improvements.")
    pf = _statement(g, JAR.ImportantWeakness, "pf",
                    "Insufficient action to raise public awareness of private fostering.")
    perm = _statement(g, JAR.Recommendation, "perm",
                      "The council should ensure all children who require them are provided "
                      "with permanence plans.")
    timely = _statement(g, JAR.ImportantWeakness, "timely",
                        "Low rates of completion of initial assessments within 7 working days.")
    passage = URIRef("https://example.org/passage")
    g.add((passage, RDF.type, JAR.Passage))
    g.add((passage, JAR.text, Literal("performance management", lang="en")))
    tags = tag_themes(g)
    assert (pm, JAR.theme, theme("performance-management")) in tags
    assert (pf, JAR.theme, theme("private-fostering")) in tags
    assert (perm, JAR.theme, theme("permanence-planning")) in tags
    assert (timely, JAR.theme, theme("timeliness-of-assessments")) in tags
    assert not list(tags.triples((passage, None, None)))
    assert set(tags.predicates()) == {JAR.theme}


def test_abbreviations_match_in_their_own_case() -> None:
    g = Graph()
    camhs = _statement(g, JAR.MajorStrength, "camhs", "Good CAMHS strategy.")
    lower = _statement(g, JAR.MajorStrength, "lower", "The camhs of the word is not it.")
    tags = tag_themes(g)
    assert (camhs, JAR.theme, theme("access-to-camhs")) in tags
    assert (lower, JAR.theme, theme("access-to-camhs")) not in tags


def test_untagged_lists_what_no_rule_matches() -> None:
    g = Graph()
    # A Leeds major strength no theme names, and one that the participation theme does.
    bare = _statement(g, JAR.MajorStrength, "bare", "Strong child-centred practice.")
    _statement(g, JAR.ImportantWeakness, "tagged",
               "Poor participation of looked after children in their reviews.")
    left = untagged(g)
    assert [s.uri for s in left] == [bare]
    assert left[0].text == "Strong child-centred practice."


def test_matcher_comes_from_the_scheme_file(tmp_path: Path) -> None:
    ttl = tmp_path / "themes.ttl"
    ttl.write_text(f"""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix jar: <https://w3id.org/jargraph/def#> .
        <{ID}theme/only> a skos:Concept, jar:Theme ; skos:inScheme <{THEME_SCHEME}> ;
            skos:prefLabel "only"@en ; jar:matchPattern "zebra crossings?" .
    """)
    graph = load_scheme(ttl)
    matcher = matcher_for(graph, THEME_SCHEME)
    g = Graph()
    s = _statement(g, JAR.Weakness, "z", "Too few Zebra crossings near schools.")
    assert (s, JAR.theme, theme("only")) in tag_themes(g, matcher)


def test_a_missing_scheme_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ThemeError, match="themes scheme"):
        theme_matcher(tmp_path / "nowhere.ttl")
