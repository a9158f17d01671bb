"""One way to show an RDF term to a person: its text, short IRI, link and note.

The pages, the query page, the named-query pages, the API's tables and the
command line's tables all show terms through :func:`show`, so an IRI reads
``jarid:area/leeds`` everywhere, links to the page about it on this site,
and a literal shows its language or (when it is not a plain string or
number) its datatype.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .vocab import BASE, ID, JAR, PREFIXES

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9._~-]*"
_THING_PATH = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")
MAX_PATH = 400
"""Longest ``/id/`` or ``/doc/`` path a thing can have."""
XSD = "http://www.w3.org/2001/XMLSchema#"
PLAIN_DATATYPES = frozenset(XSD + name for name in (
    "string", "integer", "decimal", "double", "float", "boolean", "int", "long",
    "nonNegativeInteger", "positiveInteger"))
"""Datatypes whose values read plainly as what they are: not noted beside the value."""


@dataclass(frozen=True)
class Shown:
    """A term as shown: the text a person reads, and what goes with it."""

    text: str
    kind: str = "literal"
    """``iri``, ``literal`` or ``bnode``."""
    iri: str | None = None
    link: str | None = None
    """Where to follow it: this site's page about it, or the IRI itself."""
    note: str = ""
    """A literal's language tag or datatype (short), if worth noting."""
    sort: str = ""
    """What a table sorts the cell by (the sorting script compares numbers as numbers)."""

    @property
    def plain(self) -> str:
        """One line of text for a CSV cell or a terminal table."""
        return " ".join(self.text.split())


def short_iri(iri: str) -> str:
    """``jarid:area/leeds`` for an IRI in one of the site's namespaces, else the IRI.

    For reading, not for pasting into a query: the local part may hold ``/``
    (see :func:`curie` for a legal prefixed name).
    """
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def curie(iri: str) -> str | None:
    """A prefixed name legal in Turtle and SPARQL (``jar:Judgement``), or None."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace):
            local = iri[len(namespace):]
            if not local or _LOCAL.fullmatch(local):
                return f"{prefix}:{local}"
    return None


def turtle(iri: str) -> str:
    """An IRI as written in Turtle or SPARQL: a legal prefixed name, else ``<iri>``."""
    return curie(iri) or f"<{iri}>"


def thing_path(path: str) -> str | None:
    """The path of a thing (``area/southampton``) if it is well formed, else None."""
    if len(path) > MAX_PATH or not _THING_PATH.fullmatch(path):
        return None
    return path


def href(iri: str) -> str | None:
    """Where on this site an IRI is described; external web IRIs link to themselves."""
    if iri.startswith(str(ID)):
        rest = iri[len(str(ID)):]
        return "/doc/" + quote(rest, safe="/") if thing_path(rest) else None
    if iri == BASE + "def" or iri == str(JAR):
        return "/def"
    if iri.startswith(str(JAR)):
        return "/def/" + quote(iri[len(str(JAR)):], safe="")
    if iri.startswith(BASE + "graph/"):
        return None
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def show_iri(iri: str, label: str | None = None) -> Shown:
    short = short_iri(iri)
    return Shown(label or short, "iri", iri, href(iri), sort=label or short)


def show_literal(text: str, language: str | None = None, datatype: str | None = None) -> Shown:
    note = language or ""
    if datatype and datatype not in PLAIN_DATATYPES and not language:
        note = short_iri(datatype)
    return Shown(text, "literal", note=note, sort=text)


def show(term: Node | None, label: str | None = None) -> Shown:
    """An rdflib term as shown (``label`` names an IRI when known)."""
    if term is None:
        return Shown("")
    if isinstance(term, URIRef):
        return show_iri(str(term), label)
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype else None
        return show_literal(str(term), term.language, datatype)
    if isinstance(term, BNode):
        return Shown(f"_:{term}", "bnode", sort=str(term))
    return Shown(str(term))


def show_binding(binding: dict | None, label: str | None = None) -> Shown:
    """One term of SPARQL 1.1 JSON results as shown."""
    if not binding:
        return Shown("")
    kind = binding.get("type")
    value = str(binding.get("value", ""))
    if kind == "uri":
        return show_iri(value, label)
    if kind == "bnode":
        return Shown(f"_:{value}", "bnode", sort=value)
    return show_literal(value, binding.get("xml:lang"), binding.get("datatype"))
