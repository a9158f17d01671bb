"""Matching free text against a SKOS concept scheme.

The rules live in the scheme's data, not here: a concept matches text that
contains one of its labels (``skos:prefLabel``, ``skos:altLabel``,
``skos:hiddenLabel``; case-insensitive, on word boundaries), one of its
``jar:abbreviation`` values (case-sensitive, on word boundaries), or a
``jar:matchPattern`` regular expression (case-insensitive). The same matcher
links findings to services, recommendations to addressees, context figures to
measures and statements to themes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from .vocab import JAR

_LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)


@dataclass(frozen=True)
class Rule:
    concept: URIRef
    pattern: re.Pattern[str]
    source: str
    """What the rule was made from (the label, abbreviation or pattern), for reports."""
    key: str | None = field(init=False, compare=False)
    """Lower-cased text that every match begins with (:func:`literal_start`), so that a
    text without it is passed over unsearched; None: search every text."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", literal_start(self.pattern))


_SKIPPED_AT_START = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)
_OTHER_LETTER = re.compile(r"(?![\x00-\x7f])[^\W\d_]")


def literal_start(pattern: re.Pattern[str]) -> str | None:
    """The ASCII text every match of ``pattern`` begins with, after its boundary checks
    (``\\b``, look-arounds), lower-cased; None when the pattern begins otherwise (an
    alternation, a group, a character class)."""
    try:
        items = list(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unexpected parse only costs the shortcut
        return None
    start: list[str] = []
    for op, argument in items:
        if op in _SKIPPED_AT_START and not start:
            continue
        if op != sre_constants.LITERAL or argument >= 128:
            break
        start.append(chr(argument))
    return "".join(start).lower() or None


def _lowered(text: str) -> str | None:
    """The text lower-cased, to look for the rules' starts in; None for a text with
    non-ASCII letters, which case-insensitive patterns match in ways lower-casing does
    not show (\u017f as s), so every rule searches it."""
    if not text.isascii() and _OTHER_LETTER.search(text):
        return None
    return text.lower()


_APOSTROPHE = "['\u2018\u2019]"
"""A label's apostrophe matches a straight or curly one, as documents are typed either way."""


def _word_pattern(text: str, flags: int) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w).replace("'", _APOSTROPHE) for w in text.split())
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", flags)


def _plain_quotes(text: str) -> str:
    return re.sub(_APOSTROPHE, "'", " ".join(text.split())).casefold()


@dataclass
class Matcher:
    """Rules for the concepts of one scheme, in a stable order."""

    rules: list[Rule]

    def match(self, text: str) -> list[URIRef]:
        """Concepts whose rules match ``text``, each once, in concept order."""
        found: dict[URIRef, None] = {}
        for rule in self._candidates(text):
            if rule.concept not in found and rule.pattern.search(text):
                found[rule.concept] = None
        return list(found)

    def _candidates(self, text: str) -> list[Rule]:
        """The rules that can match ``text``: those whose start it holds, or that have
        none. Searching every pattern of a scheme costs far more than this look-up."""
        lowered = _lowered(text)
        if lowered is None:
            return self.rules
        return [rule for rule in self.rules if rule.key is None or rule.key in lowered]

    def best(self, text: str) -> URIRef | None:
        """The concept whose rule matches the longest stretch of ``text`` (a whole-label
        match wins outright); None when nothing matches."""
        whole = self.match_whole(text)
        if whole is not None:
            return whole
        best: tuple[int, URIRef] | None = None
        for rule in self._candidates(text):
            found = rule.pattern.search(text)
            if found and (best is None or len(found.group(0)) > best[0]):
                best = (len(found.group(0)), rule.concept)
        return best[1] if best else None

    def match_whole(self, text: str) -> URIRef | None:
        """The concept one of whose labels is the whole of ``text`` (case-insensitive)."""
        wanted = _plain_quotes(text)
        for rule in self.rules:
            if _plain_quotes(rule.source) == wanted:
                return rule.concept
        return None


def matcher_for(graph: Graph, scheme: URIRef) -> Matcher:
    """Build the matcher for every concept ``skos:inScheme`` the given scheme."""
    rules: list[Rule] = []
    concepts = sorted({c for c in graph.subjects(SKOS.inScheme, scheme)
                       if isinstance(c, URIRef)})
    for concept in concepts:
        if (concept, RDF.type, SKOS.Concept) not in graph:
            continue
        for prop in _LABELS:
            for label in sorted(str(o) for o in graph.objects(concept, prop)):
                rules.append(Rule(concept, _word_pattern(label, re.I), label))
        for abbreviation in sorted(str(o) for o in graph.objects(concept, JAR.abbreviation)):
            rules.append(Rule(concept, _word_pattern(abbreviation, 0), abbreviation))
        for pattern in sorted(str(o) for o in graph.objects(concept, JAR.matchPattern)):
            rules.append(Rule(concept, re.compile(pattern, re.I), pattern))
    return Matcher(rules)


def load_scheme(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph
