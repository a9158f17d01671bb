"""The default graph is a set: on the built seed graph, every count is a count of
distinct triples, whatever the number of named graphs a triple is stated in."""

from __future__ import annotations

import pyoxigraph as ox

from jargraph.store import open_read_only, run_query
from jargraph.store.dataset import (
    default_graph_size,
    give_one_home,
    load_dataset,
    named_quads,
    query,
)

TYPES = """
SELECT ?type (COUNT(?s) AS ?n) (COUNT(DISTINCT ?s) AS ?d)
WHERE { ?s a ?type } GROUP BY ?type"""
TOTALS = """
SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"""


def rows(oxi: ox.Store, sparql: str) -> list[dict[str, str]]:
    result = query(oxi, sparql)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


def test_each_type_counts_each_thing_once(built_store: ox.Store) -> None:
    found = rows(built_store, TYPES)
    assert len(found) > 20
    twice = [r for r in found if r["n"] != r["d"]]
    assert not twice, twice
    areas = next(r for r in found if r["type"] == "https://w3id.org/jargraph/def#Area")
    assert areas["n"] == "154"  # every children's services authority of the period


def test_each_triple_has_one_home_and_the_default_graph_is_their_set(
        built_store: ox.Store) -> None:
    stated = list(named_quads(built_store))
    distinct = {q.triple for q in stated}
    assert len(stated) == len(distinct)
    assert int(rows(built_store, TOTALS)[0]["n"]) == len(distinct)
    assert default_graph_size(built_store) == len(distinct)
    assert len(built_store) == len(stated)  # no default graph written beside them


def test_an_area_is_typed_by_the_reference_graph_alone(built_home) -> None:
    oxi = open_read_only(built_home)
    leeds = ox.NamedNode("https://w3id.org/jargraph/id/area/leeds")
    area = ox.NamedNode("https://w3id.org/jargraph/def#Area")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    homes = [q.graph_name for q in oxi.quads_for_pattern(leeds, rdf_type, area, None)
             if not isinstance(q.graph_name, ox.DefaultGraph)]
    assert homes == [ox.NamedNode("https://w3id.org/jargraph/graph/reference")]


def test_repeats_are_given_the_first_home_in_order_of_precedence() -> None:
    trig = b"""
    <http://e/doc-b> { <http://e/s> <http://e/p> "x" . <http://e/s> <http://e/q> "y" . }
    <http://e/doc-a> { <http://e/s> <http://e/p> "x" . }
    <http://e/shared> { <http://e/s> <http://e/q> "y" . }"""
    oxi = ox.Store()
    load_dataset(oxi, trig, ox.RdfFormat.TRIG)
    assert give_one_home(oxi, ["http://e/shared"]) == 2
    homes = sorted((q.predicate.value, q.graph_name.value) for q in named_quads(oxi))
    assert homes == [("http://e/p", "http://e/doc-a"), ("http://e/q", "http://e/shared")]
    assert give_one_home(oxi, ["http://e/shared"]) == 0


def test_the_union_is_a_set_once_each_triple_has_one_home() -> None:
    trig = b"""
    <http://e/g1> { <http://e/s> <http://e/p> "x" . <http://e/s> <http://e/q> "y" . }
    <http://e/g2> { <http://e/s> <http://e/p> "x" . }"""
    oxi = ox.Store()
    load_dataset(oxi, trig, ox.RdfFormat.TRIG)
    assert default_graph_size(oxi) == 2
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert run_query(oxi, count, select_format="text/csv").body.split() == [b"n", b"3"]
    assert give_one_home(oxi, []) == 1
    assert run_query(oxi, count, select_format="text/csv").body.split() == [b"n", b"2"]
    graphs = run_query(oxi, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                            "GROUP BY ?g ORDER BY ?g", select_format="text/csv")
    assert graphs.body.split() == [b"g,n", b"http://e/g1,2"]
