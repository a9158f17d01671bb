"""The concepts of the SKOS schemes as an encoding uses them, and the closest to a typo.

Grades, judgement areas, scopes, timeframes, methodologies, services,
addressees, themes, measures and inspectorates are named
``https://w3id.org/jargraph/id/{kind}/{key}``. This module knows every one
of them from the schemes (nothing is listed here, so nothing drifts), finds
the concepts closest to a misspelt one (by key and by label: ``excellent``
is a label of ``grade/outstanding``); :mod:`.guide` lists them for the
encoding guide.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

from rdflib import URIRef
from rdflib.namespace import RDF, SKOS

from ..ontology import schemes_graph
from ..uris import slug
from ..vocab import ID


@dataclass(frozen=True)
class Concept:
    """One concept (or scheme, or inspectorate) of the schemes."""

    iri: str
    kind: str
    """The first step of its path: ``grade``, ``judgement-area``, ``scheme`` ..."""
    key: str
    label: str
    labels: tuple[str, ...]
    """Every label, as slugs, for matching a misspelt or reworded key."""
    scheme: str | None


@cache
def concepts() -> dict[str, Concept]:
    """Every concept and scheme of the schemes, by IRI."""
    graph = schemes_graph()
    found: dict[str, Concept] = {}
    members = set(graph.subjects(SKOS.inScheme, None)) | set(
        graph.subjects(RDF.type, SKOS.ConceptScheme))
    for node in members:
        iri = str(node)
        if not iri.startswith(str(ID)) or "/" not in iri[len(str(ID)):]:
            continue
        kind, _, key = iri[len(str(ID)):].partition("/")
        labels = [str(x) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.notation)
                  for x in graph.objects(node, p)]
        scheme = graph.value(node, SKOS.inScheme)
        found[iri] = Concept(iri, kind, key, str(graph.value(node, SKOS.prefLabel) or key),
                             tuple(slug(x) for x in labels), str(scheme) if scheme else None)
    return found


@cache
def kinds() -> frozenset[str]:
    """The kinds of thing the schemes name (``grade``, ``judgement-area`` ...)."""
    return frozenset(c.kind for c in concepts().values())


def is_concept_iri(iri: str) -> bool:
    """Whether an IRI is named like a concept (``/id/grade/good``): a kind and one key.

    Things named below a concept (``/id/methodology/2005/grade/1``) are not concepts.
    """
    if not iri.startswith(str(ID)):
        return False
    kind, sep, key = iri[len(str(ID)):].partition("/")
    return bool(sep) and kind in kinds() and "/" not in key


def closest(iri: str, candidates: list[str] | None = None, n: int = 3) -> list[str]:
    """The concepts most like a misspelt or reworded one: a label match first, then
    keys that look alike; ``candidates`` limits the choice (by default, its kind)."""
    known = concepts()
    kind, _, key = iri[len(str(ID)):].partition("/") if iri.startswith(str(ID)) else ("", "", iri)
    pool = candidates if candidates is not None else [
        c.iri for c in known.values() if c.kind == kind]
    wanted = slug(key)
    exact = [c for c in pool if c in known and wanted in known[c].labels]
    if exact:
        return exact[:n]
    keys = {known[c].key if c in known else c.rsplit("/", 1)[-1]: c for c in pool}
    return [keys[k] for k in difflib.get_close_matches(key, list(keys), n=n, cutoff=0.6)]


def kind_label(kind: str) -> str:
    """How a message names a kind of concept: ``judgement area``, ``timeframe``."""
    return kind.replace("-", " ")


def scheme_label(kind: str) -> str:
    """The name of the scheme a kind of concept belongs to."""
    graph = schemes_graph()
    for concept in concepts().values():
        if concept.kind == kind and concept.scheme:
            label = graph.value(URIRef(concept.scheme), SKOS.prefLabel)
            return str(label) if label else kind_label(kind)
    return kind_label(kind)
