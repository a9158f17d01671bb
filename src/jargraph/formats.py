"""Every format jargraph reads or writes, with its media type, names and extension.

One table serves the command line (``-f ttl``), the SPARQL endpoint and the
API (``Accept`` and ``?format=``), the pages' downloads and alternates, the
validator (file extensions) and the stores (Oxigraph's and rdflib's names).
A *results* format holds SELECT and ASK answers; a *graph* format holds
triples (CONSTRUCT, DESCRIBE, a page's description); a *dataset* format holds
quads (whole dumps).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pyoxigraph as ox

Family = Literal["results", "graph", "dataset"]
W3C_FORMATS = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class Format:
    name: str
    """The short name used by ``-f`` and ``?format=`` (``json``, ``ttl`` ...)."""
    media_type: str
    family: Family
    extension: str
    """The file extension, without its dot."""
    title: str
    aliases: tuple[str, ...] = ()
    """Other names and media types that ask for this format."""
    rdflib: str | None = None
    """rdflib's parser and serializer name (RDF formats)."""
    w3c: str | None = None
    """The local name of the format's IRI in ``http://www.w3.org/ns/formats/``."""

    @property
    def rdf_format(self) -> ox.RdfFormat:
        """Oxigraph's format for an RDF format (raises for a results format)."""
        found = ox.RdfFormat.from_media_type(self.media_type)
        if found is None:
            raise ValueError(f"{self.name} is not an RDF format")
        return found

    @property
    def results_format(self) -> ox.QueryResultsFormat:
        found = ox.QueryResultsFormat.from_media_type(self.media_type)
        if found is None:
            raise ValueError(f"{self.name} is not a query results format")
        return found

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header value (text formats say they are UTF-8)."""
        return f"{self.media_type}; charset=utf-8"

    @property
    def iri(self) -> str | None:
        return W3C_FORMATS + self.w3c if self.w3c else None


FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", "results", "srj", "SPARQL JSON",
           ("application/json",), w3c="SPARQL_Results_JSON"),
    Format("xml", "application/sparql-results+xml", "results", "srx", "SPARQL XML",
           ("application/xml", "text/xml"), w3c="SPARQL_Results_XML"),
    Format("csv", "text/csv", "results", "csv", "CSV", w3c="SPARQL_Results_CSV"),
    Format("tsv", "text/tab-separated-values", "results", "tsv", "TSV",
           w3c="SPARQL_Results_TSV"),
    Format("ttl", "text/turtle", "graph", "ttl", "Turtle",
           ("turtle", "n3", "application/x-turtle", "text/n3"), "turtle", "Turtle"),
    Format("nt", "application/n-triples", "graph", "nt", "N-Triples",
           ("ntriples", "n-triples", "text/plain"), "nt", "N-Triples"),
    Format("rdf", "application/rdf+xml", "graph", "rdf", "RDF/XML",
           ("rdfxml", "rdf+xml", "xml", "owl", "application/xml", "text/xml"), "xml",
           "RDF_XML"),
    Format("jsonld", "application/ld+json", "graph", "jsonld", "JSON-LD",
           ("json-ld", "json", "application/json"), "json-ld", "JSON-LD"),
    Format("trig", "application/trig", "dataset", "trig", "TriG", (), "trig", "TriG"),
    Format("nq", "application/n-quads", "dataset", "nq", "N-Quads",
           ("nquads", "n-quads"), "nquads", "N-Quads"),
)

RESULTS = tuple(f for f in FORMATS if f.family == "results")
GRAPHS = tuple(f for f in FORMATS if f.family == "graph")
DATASETS = tuple(f for f in FORMATS if f.family == "dataset")
RDF = GRAPHS + DATASETS
SPARQL_JSON = RESULTS[0]
TURTLE = GRAPHS[0]
N_TRIPLES = GRAPHS[1]
HTML = "text/html"


def family(name: Family) -> tuple[Format, ...]:
    return {"results": RESULTS, "graph": GRAPHS, "dataset": DATASETS}[name]


def find(key: str, *families: Family) -> Format | None:
    """The format a name, alias, media type or extension asks for, in these families
    (all when none are given; the table's order settles a name two families share)."""
    wanted = key.strip().lower()
    for fmt in (f for f in FORMATS if not families or f.family in families):
        if wanted in (fmt.name, fmt.media_type, fmt.extension, *fmt.aliases):
            return fmt
    return None


def by_media_type(media_type: str, *families: Family) -> Format | None:
    wanted = media_type.split(";", 1)[0].strip().lower()
    for fmt in (f for f in FORMATS if not families or f.family in families):
        if wanted == fmt.media_type or (wanted in fmt.aliases and "/" in wanted):
            return fmt
    return None


def offers(*families: Family) -> dict[str, Format]:
    """Media types a client may ask for -> the format sent, for content negotiation
    (each format's own type first, then its aliases that are media types)."""
    chosen = [f for f in FORMATS if f.family in families]
    found = {f.media_type: f for f in chosen}
    for fmt in chosen:
        for alias in fmt.aliases:
            if "/" in alias:
                found.setdefault(alias, fmt)
    return found


def names(*families: Family) -> list[str]:
    return [f.name for f in FORMATS if not families or f.family in families]
