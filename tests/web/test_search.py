"""Search over HTTP: the /search page, /api/search as JSON and CSV, and hostile searches
(a 400 that says what to change, never a 500). Expected hits are read from the documents."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.parse

import pytest

from .conftest import fetch

HTML = "text/html"
WEAKNESS = "Insufficient action to raise public awareness of private fostering."
"""jar-southampton-2007.txt, the safeguarding table's important weaknesses."""


def api(base: str, query: str, accept: str | None = None):
    return fetch(base, "/api/search?" + query, accept=accept)


def test_the_page_answers_which_areas_had_weaknesses_in_private_fostering(
        seed_url: str) -> None:
    answer = fetch(seed_url, "/search?q=private+fostering&kind=Weakness", accept=HTML)
    assert answer.status == 200 and answer.media_type == HTML
    text = answer.text
    assert "1 result for" in text
    assert WEAKNESS.replace("private fostering", "<mark>private</mark> <mark>fostering</mark>") \
        in text
    assert 'href="/doc/review/jar-southampton-2007/finding/safeguarding/weakness/' in text
    assert 'href="/doc/document/jar-southampton-2007/section/safeguarding"' in text, \
        "the hit links to the passage it was read from"
    assert re.search(r'<a href="/search\?q=private\+fostering&amp;kind=Weakness&amp;'
                     r'area=southampton">Southampton</a> <span class="count">1</span>', text) \
        or re.search(r'href="/search\?q=private\+fostering&amp;area=southampton&amp;'
                     r'kind=Weakness">Southampton</a> <span class="count">1</span>', text)
    assert 'class="chosen" aria-current="true">Weakness</a>' in text
    assert 'href="/search?q=private+fostering"' in text, "the chosen filter can be removed"


def test_a_paragraph_hit_links_to_itself(seed_url: str) -> None:
    text = fetch(seed_url, "/search?q=%22privately+fostered%22", accept=HTML).text
    # jar-southampton-2007.txt paragraph 23: "... who are privately fostered."
    assert 'href="/doc/document/jar-southampton-2007/paragraph/23">Joint area review: ' \
           "Southampton Children&#39;s Services Authority Area, paragraph 23</a>" in text
    assert "<mark>privately fostered</mark>" in text, "a phrase is marked whole"


def test_api_json_has_hits_and_facets(seed_url: str) -> None:
    answer = api(seed_url, "q=private+fostering&kind=Weakness")
    assert answer.status == 200 and answer.media_type == "application/json"
    data = json.loads(answer.body)
    assert data["total"] == 1 and data["match"] == "all"
    [hit] = data["hits"]
    assert hit["title"] == WEAKNESS and hit["kind"] == "important weakness"
    assert hit["area"] == [{"value": "southampton", "label": "Southampton",
                            "iri": "https://w3id.org/jargraph/id/area/southampton"}]
    assert hit["snippet_html"].endswith("<mark>private</mark> <mark>fostering</mark>.")
    assert hit["passages"][0]["link"] == "/doc/document/jar-southampton-2007/section/safeguarding"
    assert [(v["value"], v["count"]) for v in data["facets"]["area"]] == [("southampton", 1)]
    assert {v["value"]: v["chosen"] for v in data["facets"]["kind"]}["Weakness"] is True


def test_api_facet_counts_of_recommendations(seed_url: str) -> None:
    # 12 recommendations listed in Southampton's report, 8 in Leicestershire's, and "the ten
    # recommendations" of which Leeds' council report speaks; the national reports' own
    # recommendations belong to no area.
    data = json.loads(api(seed_url, "kind=Recommendation&limit=100").body)
    assert data["total"] > 30 and len(data["hits"]) == data["total"]
    assert {v["value"]: v["count"] for v in data["facets"]["area"]} == {
        "southampton": 12, "leeds": 10, "leicestershire": 8}


def test_api_csv_of_hits_and_of_facets(seed_url: str) -> None:
    answer = api(seed_url, "q=private+fostering&kind=Weakness&format=csv")
    assert answer.status == 200 and answer.media_type == "text/csv"
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert len(rows) == 1
    assert rows[0]["title"] == WEAKNESS and rows[0]["area"] == "Southampton"
    assert "[private] [fostering]" in rows[0]["snippet"]
    facets = list(csv.DictReader(io.StringIO(
        api(seed_url, "q=private+fostering&format=csv&part=facets").text)))
    assert {"facet": "area", "value": "southampton", "label": "Southampton", "count": "3",
            "chosen": ""} in facets
    assert api(seed_url, "q=fostering", accept="text/csv").media_type == "text/csv"


def test_pages_of_hits_on_the_page(seed_url: str) -> None:
    text = fetch(seed_url, "/search?q=children&page=2", accept=HTML).text
    assert '<ol class="hits" start="21">' in text
    assert 'rel="prev"' in text and 'href="/search?q=children"' in text


HOSTILE = ['"private fostering', "*", "fostering *", "-private", "NOT private",
           "x" * 5000, "w " * 40]
HARMLESS = ["NEAR(", "NEAR(private fostering", "title:foster", "names:private", "^private",
            "private AND", "OR", "(((", "\x00\x01", "'; DROP TABLE things; --", "\\", "%",
            "private fostering\"\"", "*private", "NEAR/2", "{names body}: private"]


@pytest.mark.parametrize("words", HOSTILE)
def test_searches_that_cannot_be_read_are_a_400_saying_why(seed_url: str, words: str) -> None:
    query = urllib.parse.urlencode({"q": words})
    answer = api(seed_url, query)
    assert answer.status == 400, (words, answer.status)
    data = json.loads(answer.body)
    assert data["status"] == 400 and data["message"] and "Traceback" not in data["message"]
    page = fetch(seed_url, "/search?" + query, accept=HTML)
    assert page.status == 400 and page.media_type == HTML
    assert 'class="error" id="search-error" role="alert"' in page.text
    assert 'href="/doc/area">Areas</a>' in page.text, "the site's own page"


@pytest.mark.parametrize("words", HARMLESS)
def test_fts_syntax_is_searched_as_words(seed_url: str, words: str) -> None:
    query = urllib.parse.urlencode({"q": words})
    assert api(seed_url, query).status == 200, words
    assert fetch(seed_url, "/search?" + query, accept=HTML).status == 200


@pytest.mark.parametrize("query", ["q=x&offset=-1", "q=x&limit=0", "q=x&limit=101",
                                   "q=x&offset=abc", "q=x&page=0x10", "q=x&offset=99999999",
                                   "q=x&colour=red&area=" + "a" * 500, "q=x&format=xml",
                                   "q=x&part=everything"])
def test_bad_parameters_are_a_400(seed_url: str, query: str) -> None:
    answer = api(seed_url, query)
    assert answer.status == 400, query
    assert json.loads(answer.body)["message"]


def test_unknown_parameters_are_ignored(seed_url: str) -> None:
    assert api(seed_url, "q=fostering&colour=red").status == 200


def test_every_page_has_a_search_box(seed_url: str) -> None:
    for path in ("/", "/def", "/doc/area/southampton", "/no/such/page"):
        text = fetch(seed_url, path, accept=HTML).text
        assert '<form class="site-search" action="/search" method="get" role="search">' in text


def test_without_an_index_search_says_to_build(site_url: str) -> None:
    page = fetch(site_url, "/search?q=fostering", accept=HTML)
    assert page.status == 503 and "jargraph build" in page.text
    assert "retry-after" not in page.headers
    answer = api(site_url, "q=fostering")
    assert answer.status == 503 and "jargraph build" in json.loads(answer.body)["message"]


def test_the_api_description_lists_search_with_every_parameter_it_reads(seed_url: str) -> None:
    described = json.loads(fetch(seed_url, "/api/openapi.json").body)["paths"]["/api/search"]
    names = {p["name"] for p in described["get"]["parameters"]}
    assert {"q", "area", "region", "judgement_area", "kind", "theme", "year", "document",
            "offset", "limit", "format", "part"} == names
    # a request made from the description's own names is answered as it says
    answer = api(seed_url, "q=private+fostering&kind=Weakness&area=southampton&limit=5")
    assert answer.status == 200 and json.loads(answer.body)["total"] == 1
    assert set(described["get"]["responses"]["200"]["content"]) == {"application/json",
                                                                      "text/csv"}
