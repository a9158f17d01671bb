"""Pages of a SELECT's answer (``jargraph.web.paging``): the rewritten query, checked by running
it on a real Oxigraph store against the whole answer, and the page links the pages show."""

from __future__ import annotations

import urllib.parse

import pyoxigraph as ox
import pytest

from jargraph.web import paging

from .conftest import PAGES_FIXTURE, PAGES_ROW_LIMIT, fetch


@pytest.fixture(scope="module")
def store() -> ox.Store:
    built = ox.Store()
    built.load(path=str(PAGES_FIXTURE), format=ox.RdfFormat.TRIG)
    return built


def rows(store: ox.Store, sparql: str) -> list[tuple[str, ...]]:
    result = store.query(sparql, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [tuple(str(s[n]) if s[n] is not None else "" for n in names) for s in result]


def pages(store: ox.Store, sparql: str, size: int) -> list[tuple[str, ...]]:
    """Every row of the answer, read a page at a time until no next page is said to follow."""
    out: list[tuple[str, ...]] = []
    number = 1
    while True:
        query = paging.paged(sparql, number, size)
        assert query is not None
        shown, page = paging.page_of(rows(store, query.sparql), query)
        assert page.first == (number - 1) * size + 1
        out += shown
        if not page.has_next:
            return out
        assert len(shown) == size
        number += 1


ORDERED = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"


@pytest.mark.parametrize("sparql", [
    ORDERED,
    "PREFIX jar: <https://w3id.org/jargraph/def#>\n"
    "SELECT ?s ?o WHERE { ?s jar:grade ?o } ORDER BY DESC(?s) ?o",
    # the query's own window: pages fall inside it
    ORDERED + " LIMIT 37 OFFSET 11",
    ORDERED + "\nOFFSET 5\nLIMIT 7  # a comment after the window",
    # a subquery's LIMIT, a string and a comment holding the words stay as they are
    "SELECT ?s ?n WHERE { { SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY ?s LIMIT 30 } "
    "BIND('LIMIT 2 } OFFSET 9' AS ?n) } ORDER BY ?s # LIMIT 3",
    # a VALUES clause after the solution modifiers
    "SELECT ?s ?p WHERE { ?s ?p ?o } ORDER BY ?s ?p VALUES ?p "
    "{ <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/jargraph/def#grade> }",
    # aggregates and a brace inside the projection
    "SELECT ?p (COUNT(*) AS ?n) (EXISTS { ?p ?x ?y } AS ?used) WHERE { ?s ?p ?o } "
    "GROUP BY ?p HAVING (COUNT(*) > 1) ORDER BY DESC(?n) ?p",
])
@pytest.mark.parametrize("size", [1, 7, 25, 1000])
def test_pages_together_are_the_whole_answer(store: ox.Store, sparql: str, size: int) -> None:
    whole = rows(store, sparql)
    assert whole, "the query has an answer to page through"
    assert pages(store, sparql, size) == whole


def test_the_window_goes_at_the_top_level_only() -> None:
    query = paging.paged("SELECT * WHERE { { SELECT ?s { ?s ?p ?o } LIMIT 3 } } LIMIT 50", 2, 10)
    assert query is not None
    assert "LIMIT 3" in query.sparql, "the subquery keeps its own LIMIT"
    assert "LIMIT 50" not in query.sparql
    assert (query.start, query.fetch) == (10, 11)
    assert query.sparql.rstrip().endswith("OFFSET 10")


def test_a_page_past_the_querys_own_limit_is_empty(store: ox.Store) -> None:
    query = paging.paged(ORDERED + " LIMIT 10", 3, 5)
    assert query is not None and query.fetch == 0
    shown, page = paging.page_of(rows(store, query.sparql), query)
    assert shown == [] and not page.has_next and page.has_previous


@pytest.mark.parametrize("sparql", [
    "ASK { ?s ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3",
    "DESCRIBE <https://w3id.org/jargraph/id/area/testshire>",
    "PREFIX select: <http://example.org/>\nCONSTRUCT WHERE { ?s select:x ?o }",
    "SELECT * WHERE { ?s ?p ?o ",  # unbalanced: the engine reports the mistake
    "this is not SPARQL",
])
def test_other_forms_and_unreadable_queries_are_not_paged(sparql: str) -> None:
    assert paging.paged(sparql, 1, 10) is None


def test_a_cut_at_the_row_limit_means_more_rows_follow() -> None:
    query = paging.paged(ORDERED, 1, 3)
    assert query is not None
    shown, page = paging.page_of(["a", "b", "c"], query, truncated=True)
    assert shown == ["a", "b", "c"] and page.has_next
    shown, page = paging.page_of(["a", "b"], query, truncated=False)
    assert page.last == 2 and not page.has_next


def test_window_arguments_are_checked() -> None:
    assert paging.read_window({}, 10_000) == (1, paging.DEFAULT_SIZE)
    assert paging.read_window({}, 20) == (1, 20), "never more than the row limit"
    assert paging.read_window({"page": "3", "size": "25"}, None) == (3, 25)
    for args, words in (({"page": "0"}, "page must be from 1"),
                        ({"page": "two"}, "page must be a whole number"),
                        ({"size": "-5"}, "size must be a whole number"),
                        ({"size": "5000"}, "size must be from 1 to 1000"),
                        ({"size": "200"}, "size must be from 1 to 100")):
        with pytest.raises(paging.PagingError, match=words):
            paging.read_window(args, 100 if args.get("size") == "200" else 10_000)


def test_sizes_on_offer() -> None:
    assert paging.sizes(10_000) == [25, 100, 500, 1000]
    assert paging.sizes(100) == [25, 100]
    assert paging.sizes(60, current=7) == [7, 25, 60]


def test_links_keep_the_other_arguments() -> None:
    link = paging.link("/queries/x", {"region": "South East", "page": "4"}, 5, 25)
    assert link == "/queries/x?region=South+East&size=25&page=5"


# ---------------------------------------------------------------- pages over HTTP


def html(site_url: str, path: str, status: int = 200) -> str:
    answer = fetch(site_url, path, accept="text/html")
    assert answer.status == status, (path, answer.status, answer.text[:300])
    return answer.text


def test_query_page_shows_one_page_with_links_either_side(site_url: str) -> None:
    text = html(site_url, "/query?" + urllib.parse.urlencode(
        {"query": ORDERED, "size": "10", "page": "2"}))
    assert "Rows 11–20; more follow." in text
    assert text.count("<tr>") == 10 + 1, "ten rows and the header"
    assert 'rel="prev"' in text and 'rel="next"' in text and "page=3" in text
    assert 'option value="10" selected' in text


def test_query_page_last_page(site_url: str) -> None:
    counted = fetch(site_url, "/sparql?" + urllib.parse.urlencode(
        {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "format": "csv"}))
    total = int(counted.text.split()[-1])
    text = html(site_url, "/query?" + urllib.parse.urlencode(
        {"query": ORDERED, "size": "50", "page": str((total - 1) // 50 + 1)}))
    last = (total - 1) // 50 * 50
    assert f"Rows {last + 1}–{total} of {total}." in text
    assert 'rel="next"' not in text


@pytest.mark.parametrize("args", [{"page": "nought"}, {"size": "0"},
                                  {"size": str(PAGES_ROW_LIMIT + 1)}])
def test_bad_page_arguments_are_a_clear_400(site_url: str, args: dict[str, str]) -> None:
    text = html(site_url, "/query?" + urllib.parse.urlencode({"query": ORDERED, **args}),
                status=400)
    assert "The page asked for cannot be shown" in text
    text = html(site_url, "/queries/grade-scale?" + urllib.parse.urlencode(args), status=400)
    assert "The page asked for cannot be shown" in text


def test_named_query_page_is_paged_and_keeps_its_parameters(site_url: str) -> None:
    text = html(site_url, "/queries/areas-by-grade?judgement_area=safeguarding&grade=3&size=1")
    assert '<input type="hidden" name="judgement_area" value="safeguarding">' in text
    assert '<input type="hidden" name="grade" value="3">' in text
    assert 'option value="1" selected' in text
    text = html(site_url, "/queries/grade-scale?size=2&page=2")
    assert "Rows 3–4 of 4." in text
    assert 'href="/queries/grade-scale?size=2&amp;page=1"' in text
    assert "grade/adequate" in text and "grade/inadequate" in text
    assert "grade/outstanding" not in text.split("<table", 1)[1], "page 1's rows are not shown"
    assert 'href="/api/queries/grade-scale?format=csv"' in text, "the download is whole"


def test_named_query_api_is_not_paged(site_url: str) -> None:
    answer = fetch(site_url, "/api/queries/grade-scale?size=2")
    assert answer.status == 400, "size is not a parameter of the query: the API says so"
