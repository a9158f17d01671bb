"""SELECT results cut at the row limit: exact at the boundary, in every format, with
terms whose text holds newlines and tabs."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from jargraph import formats, store

SELECT_FORMATS = {f.media_type: f.results_format for f in formats.RESULTS}
GRAPH_FORMATS = {f.media_type: f.rdf_format for f in formats.GRAPHS}

EX = "http://example.org/"
TRICKY = ["line one\nline two", "tab\there", 'quote " and \\ backslash', "ends with \r\n"]


@pytest.fixture(scope="module")
def small_store() -> ox.Store:
    """Ten subjects, each with one literal that is hard to write in a line-based format."""
    oxi = ox.Store()
    for i in range(10):
        text = TRICKY[i % len(TRICKY)] + f" #{i}"
        oxi.add(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}label"),
                        ox.Literal(text, language="en" if i % 2 else None)))
    return oxi


QUERY = f"SELECT ?s ?label WHERE {{ ?s <{EX}label> ?label }} ORDER BY ?s"


def json_rows(oxi: ox.Store, row_limit: int | None) -> tuple[list[dict], store.QueryOutput]:
    out = store.run_query(oxi, QUERY, row_limit=row_limit)
    return json.loads(out.body)["results"]["bindings"], out


@pytest.mark.parametrize("limit, expected, truncated", [(10, 10, False), (11, 10, False),
                                                         (9, 9, True), (1, 1, True)])
def test_limit_is_exact_at_the_boundary(small_store: ox.Store, limit: int, expected: int,
                                        truncated: bool) -> None:
    rows, out = json_rows(small_store, limit)
    assert len(rows) == expected and out.rows == expected
    assert out.truncated is truncated


def test_limited_rows_equal_the_unlimited_ones(small_store: ox.Store) -> None:
    everything, _ = json_rows(small_store, None)
    first_four, _ = json_rows(small_store, 4)
    assert first_four == everything[:4]
    assert everything[0]["label"] == {"type": "literal", "value": TRICKY[0] + " #0"}
    assert everything[1]["label"] == {"type": "literal", "value": TRICKY[1] + " #1",
                                      "xml:lang": "en"}


@pytest.mark.parametrize("media_type", list(SELECT_FORMATS))
def test_every_format_matches_the_native_writer(small_store: ox.Store, media_type: str) -> None:
    unlimited = store.run_query(small_store, QUERY, select_format=media_type)
    limited = store.run_query(small_store, QUERY, select_format=media_type, row_limit=100)
    assert limited.body == unlimited.body
    assert limited.media_type == media_type and not limited.truncated


def test_no_variables_and_no_rows(small_store: ox.Store) -> None:
    out = store.run_query(small_store, "SELECT * WHERE { }", row_limit=5)
    assert json.loads(out.body) == {"head": {"vars": []}, "results": {"bindings": [{}]}}
    out = store.run_query(small_store, "SELECT ?x WHERE { FILTER(false) }", row_limit=5)
    assert json.loads(out.body)["results"]["bindings"] == [] and out.rows == 0


def test_cut_of_a_long_result() -> None:
    """A limit of 3 on a million-row cross product gives three rows and says it cut."""
    oxi = ox.Store()
    for i in range(1000):
        oxi.add(ox.Quad(ox.NamedNode(f"{EX}a{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(i))))
    out = store.run_query(oxi, "SELECT * WHERE { ?a ?p ?x . ?b ?q ?y }", row_limit=3)
    assert out.truncated and out.rows == 3
    assert len(json.loads(out.body)["results"]["bindings"]) == 3
