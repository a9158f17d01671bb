"""Minting stable URIs.

A URI depends only on names and document identity, never on counters or the
order things appear in, so re-converting a document gives the same URIs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from .vocab import GRADES, GRAPH, ID

_MAX_SLUG = 60


def slug(text: str, max_length: int = _MAX_SLUG) -> str:
    """Lower-case ASCII words joined by hyphens; long text is cut at a word and hashed.

    >>> slug("Children's Services Authority Area")
    'childrens-services-authority-area'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace("'", "").replace("&", " and ")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    full = "-".join(words) or "x"
    if len(full) <= max_length:
        return full
    cut = full[:max_length].rsplit("-", 1)[0]
    digest = hashlib.sha1(full.encode()).hexdigest()[:8]
    return f"{cut}-{digest}"


def thing(kind: str, *parts: str) -> URIRef:
    """``/id/{kind}/{part}/{part}...``; parts are slugged unless already slugs."""
    return URIRef(str(ID) + "/".join([kind, *parts]))


def area(name_slug: str) -> URIRef:
    return thing("area", name_slug)


def document(doc_id: str) -> URIRef:
    return thing("document", doc_id)


def graph(doc_id: str) -> URIRef:
    """The named graph that holds one document's statements (or ``links``, ``inferred``...)."""
    return URIRef(str(GRAPH) + doc_id)


def review(kind: str, area_slug: str, year: int) -> URIRef:
    prefix = {"jar": "jar", "apa": "apa", "corporate-assessment": "ca",
              "enhanced-youth-inspection": "eyi"}[kind]
    return thing("review", f"{prefix}-{area_slug}-{year}")


def judgement(review_uri: URIRef, area_key: str, scope: str = "local-services-overall") -> URIRef:
    tail = area_key if scope == "local-services-overall" else f"{area_key}/{scope}"
    return URIRef(f"{review_uri}/judgement/{tail}")


def investigation(review_uri: URIRef, key: str) -> URIRef:
    return URIRef(f"{review_uri}/investigation/{key}")


def finding(parent: URIRef, kind: str, text: str) -> URIRef:
    return URIRef(f"{parent}/{kind}/{slug(text)}")


def recommendation(parent: URIRef, text: str) -> URIRef:
    return URIRef(f"{parent}/recommendation/{slug(text)}")


def passage(doc_id: str, paragraph: str | None, section: str | None) -> URIRef:
    """The paragraph (by its printed number) or, failing that, the section of a document."""
    base = f"{document(doc_id)}"
    if paragraph:
        return URIRef(f"{base}/paragraph/{paragraph}")
    return URIRef(f"{base}/section/{slug(section or 'front-matter')}")


def concept(scheme_kind: str, key: str) -> URIRef:
    """A concept of one of the schemes: ``judgement-area``, ``scope``, ``timeframe``, ..."""
    return thing(scheme_kind, key)


def grade(notation: int) -> URIRef:
    return thing("grade", GRADES[notation])
