"""Namespaces and the controlled keys shared by readers, encoder, shapes and queries.

The keys below are the slugs of concepts defined in the schemes under
``ontology/``; ``tests/test_vocab.py`` checks that every key here has its
concept there, so the two cannot drift apart.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, ORG, OWL, PROV, QB, RDF, RDFS, SKOS, VOID, XSD

BASE = "https://w3id.org/jargraph/"
JAR = Namespace(BASE + "def#")
"""The ontology's own terms (prefix ``jar:``)."""
ID = Namespace(BASE + "id/")
"""Things: areas, reviews, judgements, concepts (``/id/{kind}/{slug}``)."""
GRAPH = Namespace(BASE + "graph/")
"""Named graphs: one per source document, plus ontology, links, inferred."""
SHAPES = Namespace(BASE + "shapes#")
ONS_GEOGRAPHY = "http://statistics.data.gov.uk/id/statistical-geography/"

PREFIXES: dict[str, str] = {
    "jar": str(JAR),
    "jarid": str(ID),
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "org": str(ORG),
    "qb": str(QB),
    "void": str(VOID),
    "dcat": str(DCAT),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}

GRADES: dict[int, str] = {4: "outstanding", 3: "good", 2: "adequate", 1: "inadequate"}
"""Grade notation -> concept slug (``/id/grade/{slug}``)."""

GRADE_WORDS: dict[str, int] = {
    "outstanding": 4,
    "excellent": 4,
    "very good": 4,
    "good": 3,
    "adequate": 2,
    "satisfactory": 2,
    "inadequate": 1,
}
"""Words the documents use for grades, lower case -> notation."""

CORE_AREAS = (
    "safeguarding",
    "looked-after-children",
    "learning-difficulties-and-disabilities",
    "service-management",
    "capacity-to-improve",
)
"""The five judgement areas every JAR of the April 2007 methodology grades."""

OUTCOME_AREAS = (
    "being-healthy",
    "staying-safe",
    "enjoying-and-achieving",
    "making-a-positive-contribution",
    "achieving-economic-well-being",
)
"""The five Every Child Matters outcome areas."""

COUNCIL_AREAS = (
    "council-overall-contribution",
    "council-capacity-to-improve",
    "council-education-services",
    "council-social-care-services",
    "health-services",
    "outcomes-for-children-and-young-people",
)
"""APA and corporate-assessment judgement areas, and the older methodology's extra ones."""

YOUTH_ASPECTS = (
    "youth-standards-of-achievement",
    "youth-work-practice",
    "youth-curriculum-and-resources",
    "youth-leadership-and-management",
)
"""Key aspects graded by an enhanced youth inspection."""

INVESTIGATION_CATEGORIES = (
    "additional-investigation",
    "health-investigation",
    "education-investigation",
    "other-investigation",
    "camhs",
    "teenage-conceptions-and-sexual-health",
    "substance-misuse",
    "14-19-strategy",
    "standards-and-achievement",
    "school-improvement",
    "not-in-education-employment-or-training",
    "vulnerable-groups",
)
"""Categories of additional investigation (the 2007-08 national report's groups)."""

JUDGEMENT_AREAS = (
    CORE_AREAS + OUTCOME_AREAS + COUNCIL_AREAS + YOUTH_ASPECTS + INVESTIGATION_CATEGORIES
)

SCOPES = ("local-services-overall", "council")
TIMEFRAMES = ("immediate", "within-six-months", "longer-term")
METHODOLOGIES = ("2005", "2007")
"""``2005``: Sept 2005 - March 2007, thirteen grades; ``2007``: from April 2007."""
