"""``/query/results``: the editor's queries answered a page at a time, or as ``/sparql`` answers.

Each page is checked against the whole answer from ``/sparql``; the query page carries the
editor's settings for ``static/editor.js``.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path

import pytest

from jargraph.web import create_app, shutdown

from .conftest import PAGES_ROW_LIMIT, fetch

ORDERED = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
JSON = "application/sparql-results+json"


def post(site_url: str, **form: str):
    body = urllib.parse.urlencode(form).encode()
    return fetch(site_url, "/query/results", method="POST", body=body, accept=JSON,
                 headers={"Content-Type": "application/x-www-form-urlencoded"})


def subjects(answer) -> list[str]:
    return [b["s"]["value"] for b in json.loads(answer.body)["results"]["bindings"]]


@pytest.fixture(scope="module")
def whole(site_url: str) -> list[str]:
    """The whole answer's subjects up to the row limit, from the SPARQL endpoint."""
    answer = fetch(site_url, "/sparql?" + urllib.parse.urlencode({"query": ORDERED}),
                   accept=JSON)
    assert answer.status == 200
    return subjects(answer)


def test_a_page_of_a_select(site_url: str, whole: list[str]) -> None:
    answer = post(site_url, query=ORDERED, page="3", size="10")
    assert answer.status == 200
    assert answer.media_type == JSON
    assert answer.headers["x-jargraph-page"] == "3"
    assert answer.headers["x-jargraph-page-size"] == "10"
    assert answer.headers["x-jargraph-has-next"] == "true"
    assert "x-jargraph-truncated" not in answer.headers
    assert subjects(answer) == whole[20:30]


def test_the_last_page_says_nothing_follows(site_url: str, whole: list[str]) -> None:
    answer = post(site_url, query=ORDERED + " LIMIT 15", page="2", size="10")
    assert answer.headers["x-jargraph-has-next"] == "false"
    assert subjects(answer) == whole[10:15]


def test_by_get_too(site_url: str, whole: list[str]) -> None:
    answer = fetch(site_url, "/query/results?" + urllib.parse.urlencode(
        {"query": ORDERED, "size": "5"}), accept=JSON)
    assert answer.status == 200 and subjects(answer) == whole[:5]


def test_size_all_is_the_endpoints_answer(site_url: str, whole: list[str]) -> None:
    answer = post(site_url, query=ORDERED, size="all")
    assert answer.status == 200
    assert answer.headers["x-jargraph-truncated"] == "true"
    assert answer.headers["x-jargraph-row-limit"] == str(PAGES_ROW_LIMIT)
    assert "x-jargraph-page" not in answer.headers
    assert subjects(answer) == whole and len(whole) == PAGES_ROW_LIMIT


@pytest.mark.parametrize("query, media", [
    ("ASK { ?s ?p ?o }", JSON),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3", "text/turtle"),
])
def test_other_forms_are_answered_whole(site_url: str, query: str, media: str) -> None:
    body = urllib.parse.urlencode({"query": query, "page": "2", "size": "1"}).encode()
    answer = fetch(site_url, "/query/results", method="POST", body=body,
                   accept=f"{JSON}, text/turtle",
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status == 200, answer.text
    assert answer.media_type == media
    assert "x-jargraph-page" not in answer.headers


@pytest.mark.parametrize("form, status, words", [
    ({"query": "INSERT DATA { <a:b> <a:c> <a:d> }"}, 403, "read-only"),
    ({"query": ORDERED, "size": "many"}, 400, "size must be a whole number"),
    ({"query": ORDERED, "page": "0"}, 400, "page must be from 1"),
    ({"query": "SELECT ?s WHERE { ?s ?p }"}, 400, "syntax error"),
    ({"query": "  "}, 400, "no query"),
])
def test_mistakes_are_clear_json_errors(site_url: str, form: dict, status: int,
                                        words: str) -> None:
    answer = post(site_url, **form)
    assert answer.status == status
    error = json.loads(answer.body)
    assert error["status"] == status and words in error["message"]


def test_the_query_page_carries_the_editors_settings(site_url: str) -> None:
    text = fetch(site_url, "/query", accept="text/html").text
    found = re.search(r'<script type="application/json" id="editor-config">(.*?)</script>',
                      text, re.S)
    assert found
    config = json.loads(found.group(1))
    assert config["endpoint"] == "/query/results"
    assert config["completions"] == "/query/completions"
    assert config["pageSizes"] == [25, PAGES_ROW_LIMIT]
    assert config["prefixes"]["jarid"] == "https://w3id.org/jargraph/id/"
    assert "http://www.w3.org/2001/XMLSchema#integer" in config["plainDatatypes"]
    for script in ("vendor/yasgui/yasgui.min.js", "editor.js"):
        assert f'src="/static/{script}"' in text
    assert fetch(site_url, "/static/vendor/yasgui/yasgui.min.js").status == 200
    assert fetch(site_url, "/static/vendor/yasgui/LICENSE").status == 200



def test_a_long_get_is_refused_as_by_the_endpoint(pages_home: Path) -> None:
    app = create_app({"home": pages_home, "max_url_bytes": 200})
    long = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 300
    answer = app.test_client().get("/query/results?" + urllib.parse.urlencode({"query": long}),
                                   headers={"Accept": JSON})
    assert answer.status_code == 414
    assert "send the query by POST" in answer.get_json()["message"]
    shutdown(app)
