"""The ontology, the SHACL shapes and the SKOS concept schemes, each parsed once.

Every module that needs them (conversion, tagging, validation, the build, the
query library, the vocabulary pages) asks here, so each file is parsed once per
process. The graphs are shared: callers read them and never change them (copy
with ``Graph() + graph`` to change one).
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from . import resources

ONTOLOGY_FILE = "jargraph.ttl"
SHAPES_FILE = "shapes.ttl"


def parse_turtle(path: Path, graph: Graph | None = None) -> Graph:
    """A Turtle file parsed into ``graph`` (a new one by default), without rdflib's
    log lines about ill-typed literals (the shapes report those)."""
    graph = Graph() if graph is None else graph
    with rdflib_quiet():
        graph.parse(path, format="turtle")
    return graph


@contextmanager
def rdflib_quiet() -> Iterator[None]:
    """rdflib's log lines and warnings (about ill-typed literals, which the shapes
    report) held back while the block runs."""
    rdflib_logger = logging.getLogger("rdflib")
    level = rdflib_logger.level
    rdflib_logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        rdflib_logger.setLevel(level)


def files() -> dict[str, Path]:
    """The ontology's files by the name they are served under (``schemes/grades.ttl``)."""
    folder = resources.ontology_dir()
    paths = sorted(folder.glob("*.ttl")) + resources.scheme_files()
    return {path.relative_to(folder).as_posix(): path for path in paths}


@cache
def ontology_graph() -> Graph:
    """The OWL ontology (``jargraph.ttl``)."""
    return parse_turtle(resources.ontology_file(ONTOLOGY_FILE))


@cache
def shapes_graph() -> Graph:
    """The SHACL shapes (``shapes.ttl``)."""
    return parse_turtle(resources.ontology_file(SHAPES_FILE))


@cache
def scheme_graph(name: str) -> Graph:
    """One concept scheme file, e.g. ``themes.ttl``."""
    return parse_turtle(resources.scheme_file(name))


@cache
def schemes_graph() -> Graph:
    """Every concept scheme in one graph."""
    graph = Graph()
    for path in resources.scheme_files():
        graph += scheme_graph(path.name)
    return graph


@cache
def vocabulary_graph() -> Graph:
    """The ontology and every concept scheme: what an encoding is checked against."""
    graph = Graph()
    graph += ontology_graph()
    graph += schemes_graph()
    return graph


@cache
def superclasses(iri: str) -> frozenset[str]:
    """A class and everything the ontology makes it a subclass of."""
    graph = ontology_graph()
    return frozenset(str(c) for c in graph.transitive_objects(URIRef(iri), RDFS.subClassOf))
