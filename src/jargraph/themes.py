"""Tagging findings and recommendations with the cross-cutting themes.

The themes and their matching rules are data in ``ontology/schemes/themes.ttl``
(labels, ``jar:abbreviation``, ``jar:matchPattern``); this module only applies
them, so that "which weaknesses are about performance management, in which
areas?" becomes a query. The build calls ``tag_themes`` on each document graph
and adds the triples it returns to that document's graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from . import resources, uris
from .ontology import scheme_graph
from .tagging import Matcher, load_scheme, matcher_for
from .vocab import JAR

THEMES_TTL = resources.scheme_file("themes.ttl")
THEME_SCHEME = uris.thing("scheme", "themes")

TAGGED_CLASSES = (
    JAR.MajorStrength,
    JAR.ImportantWeakness,
    JAR.Strength,
    JAR.Weakness,
    JAR.AreaForDevelopment,
    JAR.KeyFinding,
    JAR.Finding,
    JAR.Recommendation,
)
"""The statements that get themes: every kind of finding, and recommendations."""


class ThemeError(ValueError):
    """The themes scheme cannot be used; the message names the file and what to fix."""


@dataclass(frozen=True)
class Statement:
    """A finding or recommendation and its text, for reports of what is untagged."""

    uri: URIRef
    kind: URIRef
    text: str


@cache
def theme_matcher(path: Path = THEMES_TTL) -> Matcher:
    """The matcher for the themes scheme, read once."""
    try:
        graph = scheme_graph(path.name) if path == THEMES_TTL else load_scheme(path)
    except (OSError, SyntaxError, ValueError) as exc:
        raise ThemeError(f"cannot read the themes scheme {path}: {exc}") from None
    matcher = matcher_for(graph, THEME_SCHEME)
    if not matcher.rules:
        raise ThemeError(f"{path} defines no concept in {THEME_SCHEME}: nothing to tag with")
    return matcher


def statements(graph: Graph) -> list[Statement]:
    """Every finding and recommendation in ``graph`` that has a ``jar:text``, in URI order."""
    found: dict[URIRef, Statement] = {}
    for cls in TAGGED_CLASSES:
        for subject in graph.subjects(RDF.type, cls):
            if not isinstance(subject, URIRef) or subject in found:
                continue
            texts = sorted(str(t) for t in graph.objects(subject, JAR.text))
            if texts:
                found[subject] = Statement(subject, cls, " ".join(texts))
    return [found[k] for k in sorted(found)]


def tag_themes(graph: Graph, matcher: Matcher | None = None) -> Graph:
    """The ``jar:theme`` triples for every finding and recommendation whose text matches."""
    matcher = matcher or theme_matcher()
    tags = Graph()
    for statement in statements(graph):
        for theme in matcher.match(statement.text):
            tags.add((statement.uri, JAR.theme, theme))
    return tags


def untagged(graph: Graph, matcher: Matcher | None = None) -> list[Statement]:
    """Findings and recommendations no theme matches: where the scheme needs a rule."""
    matcher = matcher or theme_matcher()
    return [s for s in statements(graph) if not matcher.match(s.text)]
