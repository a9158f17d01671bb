"""The dataset's shape: named graphs in which each triple has one home, and a default
graph that is their set.

Each source document (and the ontology, schemes and reference data) is a
named graph, so a statement keeps its provenance. SPARQL's default graph is a
graph, a set of triples, and servers make it the union of the named graphs
(Virtuoso, Oxigraph with ``--union-default-graph``) without removing repeats.
So the build gives each triple one home: the first graph, in order of
precedence (ontology, schemes, reference, the documents by name, then the
superclass memberships inferred from them), that states it. An area is typed
by the reference graph, not again by every document that names it. The
union of the graphs is then a set on any server.

The embedded store is queried as a SPARQL server is, with the union of its
named graphs as the default graph (:func:`query`, and ``run_query`` in
:mod:`.embedded`). It once also held that set again as a default graph of its
own, written at build time; measured on the seed and on a thousand synthetic
reports (``benchmarks/RESULTS.md``, ``docs/DESIGN.md``), queries ran about as
fast on the union once each triple had one home (the same on the seed, 1.07x
the median query at a thousand reports), while writing it took half as long
again as the load and added half again to the store's size.

Dumps and exports hold the named graphs only: the default graph is derived.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

UNION = True
"""Queries on a built store take the union of its graphs as the default graph."""


def query(oxi: ox.Store, sparql: str, prefixes: dict[str, str] | None = None,
          ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """A query on a built store, with the union of its graphs as the default graph."""
    return oxi.query(sparql, prefixes=prefixes, use_default_graph_as_union=UNION)


def load_dataset(oxi: ox.Store, source: Path | bytes, format: ox.RdfFormat) -> None:
    """Bulk-load quads (a file, or bytes) as they are: named graphs stay named."""
    if isinstance(source, Path):
        oxi.bulk_load(path=source, format=format)
    else:
        oxi.bulk_load(source, format=format)
    oxi.flush()


def add_triples(oxi: ox.Store, nquads: bytes) -> None:
    """Add quads of named graphs (N-Quads) to a store already loaded."""
    oxi.extend(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    oxi.flush()


DISTINCT_TRIPLES = """
SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"""


def default_graph_size(oxi: ox.Store) -> int:
    """The number of distinct triples: the size of the default graph as a set."""
    found = oxi.query(DISTINCT_TRIPLES)
    assert isinstance(found, ox.QuerySolutions)
    return int(next(iter(found))["n"].value)


def named_graphs(oxi: ox.Store) -> list[ox.NamedNode]:
    return sorted((g for g in oxi.named_graphs() if isinstance(g, ox.NamedNode)),
                  key=lambda g: g.value)


def named_quads(oxi: ox.Store) -> Iterator[ox.Quad]:
    """Every quad of every named graph, graph by graph in order of name."""
    for graph in named_graphs(oxi):
        yield from oxi.quads_for_pattern(None, None, None, graph)


REPEATS = """
SELECT ?s ?p ?o ?g WHERE {
  { SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?s ?p ?o HAVING (COUNT(?g) > 1) }
  GRAPH ?g { ?s ?p ?o }
}"""


def named_size(oxi: ox.Store) -> int:
    """The number of quads in named graphs."""
    return len(oxi) - sum(1 for _ in oxi.quads_for_pattern(None, None, None,
                                                           ox.DefaultGraph()))


def give_one_home(oxi: ox.Store, precedence: list[str]) -> int:
    """Remove each triple stated in several named graphs from all but the first of them
    in ``precedence`` (graph IRIs; graphs not listed come after, by name); returns how
    many quads were removed. Cheap when there is nothing to do: it compares the number
    of distinct triples with the number of named quads first."""
    if default_graph_size(oxi) == named_size(oxi):
        return 0
    rank = {iri: i for i, iri in enumerate(precedence)}
    found: dict[ox.Triple, list[ox.NamedNode]] = {}
    result = oxi.query(REPEATS)
    assert isinstance(result, ox.QuerySolutions)
    for row in result:
        graph = row["g"]
        assert isinstance(graph, ox.NamedNode)
        triple = ox.Triple(row["s"], row["p"], row["o"])
        found.setdefault(triple, []).append(graph)
    removed = 0
    for triple, graphs in found.items():
        ordered = sorted(graphs, key=lambda g: (rank.get(g.value, len(rank)), g.value))
        for graph in ordered[1:]:
            oxi.remove(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
            removed += 1
    oxi.flush()
    return removed
