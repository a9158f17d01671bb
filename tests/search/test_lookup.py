"""Searching the seed graph: expected hits and facet counts read from the documents."""

from __future__ import annotations

import sqlite3

import pytest

from jargraph.search import Search, SearchSyntaxError, SearchTimeout, search

WEAKNESS = "Insufficient action to raise public awareness of private fostering."


def facet(results, name: str) -> dict[str, int]:
    [found] = [f for f in results.facets if f.name == name]
    return {v.key: v.count for v in found.values}


def test_which_areas_had_weaknesses_in_private_fostering(index: sqlite3.Connection) -> None:
    # jar-southampton-2007.txt: the safeguarding table lists, among important weaknesses,
    # "Insufficient action to raise public awareness of private fostering."; no other
    # review names private fostering as a weakness.
    results = search(index, Search("private fostering", {"kind": ("Weakness",)}))
    assert [h.title for h in results.hits] == [WEAKNESS]
    assert facet(results, "area") == {"southampton": 1}
    assert results.hits[0].about["area"][0].label == "Southampton"
    assert results.hits[0].kind == "important weakness"
    assert facet(results, "kind")["Passage"] == 3, "other kinds stay countable"


def test_the_question_as_typed_finds_it_too(index: sqlite3.Connection) -> None:
    results = search(index, Search("which areas had weaknesses in private fostering?"))
    assert results.hits[0].title == WEAKNESS
    assert results.ignored == ["which", "had", "in"]
    assert facet(results, "area") == {"southampton": 1}


def test_hits_are_highlighted_and_link_to_their_page_and_paragraph(
        index: sqlite3.Connection) -> None:
    results = search(index, Search("private fostering"))
    # paragraph 23 of jar-southampton-2007.txt: "There has been slow progress in raising
    # public awareness of private fostering ..."
    [passage] = [h for h in results.hits
                 if h.link == "/doc/document/jar-southampton-2007/paragraph/23"]
    assert ("private", True) in passage.parts() and ("fostering", True) in passage.parts()
    assert "[private] [fostering]" in passage.text()
    assert passage.passages[0][0] == passage.link
    [weakness] = [h for h in results.hits if h.title == WEAKNESS]
    assert weakness.passages[0][0] == "/doc/document/jar-southampton-2007/section/safeguarding"
    assert all(h.link.startswith("/doc/") for h in results.hits)
    assert [h.score for h in results.hits] == sorted((h.score for h in results.hits),
                                                      reverse=True)


def test_recommendations_by_area(index: sqlite3.Connection) -> None:
    # Southampton's report lists 12 recommendations (2 immediate, 8 within six months,
    # 2 longer term), Leicestershire's 8 (3, 3, 2); the Leeds council report speaks of
    # "the ten recommendations which are made in the report".
    results = search(index, Search("", {"kind": ("Recommendation",)}, limit=100))
    assert facet(results, "area") == {"southampton": 12, "leeds": 10, "leicestershire": 8}
    southampton = search(index, Search("", {"kind": ("Recommendation",),
                                            "area": ("southampton",)}, limit=100))
    assert southampton.total == 12 and len(southampton.hits) == 12
    assert facet(southampton, "year") == {"2007": 12}
    assert facet(southampton, "area")["leeds"] == 10, "a facet's counts leave its own filter out"
    assert all(h.kind == "recommendation" for h in southampton.hits)


def test_values_of_one_facet_are_alternatives(index: sqlite3.Connection) -> None:
    both = search(index, Search("", {"kind": ("Recommendation",),
                                     "area": ("southampton", "leeds")}))
    assert both.total == 22
    chosen = [v for f in both.facets if f.name == "area" for v in f.values if v.chosen]
    assert {v.key for v in chosen} == {"southampton", "leeds"}


def test_pages_of_hits(index: sqlite3.Connection) -> None:
    whole = search(index, Search("children", limit=40))
    first = search(index, Search("children", limit=20))
    second = search(index, Search("children", offset=20, limit=20))
    assert whole.total == first.total == second.total > 40
    assert [h.iri for h in first.hits + second.hits] == [h.iri for h in whole.hits]


def test_no_thing_with_every_word_falls_back_to_any(index: sqlite3.Connection) -> None:
    results = search(index, Search("fostering zzyzzx"))
    assert results.match == "any" and results.total > 0
    assert search(index, Search("zzyzzx qqxqq")).total == 0


def test_nothing_asked_gives_the_facets_of_everything(index: sqlite3.Connection) -> None:
    results = search(index, Search(""))
    assert results.match == "none" and results.hits == []
    assert facet(results, "area")["southampton"] > 100


@pytest.mark.parametrize("filters", [{"colour": ("red",)},
                                     {"area": tuple(f"a{i}" for i in range(30))},
                                     {"area": ("x" * 500,)}])
def test_bad_filters_say_what_is_wrong(index: sqlite3.Connection, filters) -> None:
    with pytest.raises(SearchSyntaxError):
        search(index, Search("children", filters))


def test_a_search_stops_at_its_time_limit(index: sqlite3.Connection) -> None:
    with pytest.raises(SearchTimeout, match="longer than"):
        search(index, Search("a* OR c* OR s*"), timeout=1e-9)
    assert search(index, Search("fostering")).total > 0, "the index still answers"
