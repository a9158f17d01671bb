"""Answers as pages: ``/sparql`` asked for HTML, and the named-query pages.

A person who pastes a query URL into a browser gets a page of the site with
the answer as a table (as from Fuseki and Virtuoso); programs get what they
always got. Graph answers are tables of triples with the site's prefixes,
never Turtle on one line.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path

import pytest

from .conftest import ROW_LIMIT, fetch
from .test_sparql_protocol import AREAS, GRADES, PREFIXES, Reply, call, get

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


def html_of(endpoint: str, query: str, accept: str = BROWSER) -> Reply:
    reply = get(endpoint, query, accept=accept)
    assert reply.status == 200, reply.text[:300]
    assert reply.media_type == "text/html"
    assert reply.headers["vary"] == "Accept"
    return reply


@pytest.fixture(scope="module")
def seed_client(built_home: Path):
    """The site over the seed graph, through Flask's test client."""
    from jargraph.web import create_app, shutdown

    app = create_app({"home": str(built_home), "workers": 1})
    yield app.test_client()
    shutdown(app)


def cells(html: str) -> list[list[str]]:
    """The text of each body row's cells (tags dropped), to compare with what a reader sees."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [[re.sub(r"<[^>]+>", "", cell).strip()
             for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_a_browser_gets_a_page_of_the_results(endpoint: str) -> None:
    page = html_of(endpoint, AREAS).text
    assert '<link rel="stylesheet" href="/static/site.css">' in page, "the site's own style"
    assert '<table class="data results sortable">' in page
    assert 'href="/doc/area/exampleton"' in page and 'href="/doc/area/testshire"' in page
    assert cells(page) == [["jarid:area/exampleton", "Exampleton en"],
                           ["jarid:area/testshire", "Testshire en"]]
    assert "2 rows." in page


def test_html_alone_and_format_html(endpoint: str) -> None:
    assert html_of(endpoint, AREAS, accept="text/html").text.count("<tr>") == 3
    reply = get(endpoint, AREAS, format="html")
    assert reply.status == 200 and reply.media_type == "text/html"


def test_other_clients_keep_what_they_got(endpoint: str) -> None:
    for accept in (None, "*/*", "application/sparql-results+json", "application/json",
                   "application/sparql-results+json, text/html;q=0.5"):
        assert get(endpoint, AREAS, accept=accept).media_type == (
            "application/sparql-results+json"), accept
    for accept in (None, "*/*", "text/turtle", "text/turtle, text/html;q=0.5"):
        assert get(endpoint, GRADES, accept=accept).media_type == "text/turtle", accept
    assert get(endpoint, AREAS, accept="text/csv").media_type == "text/csv"


def test_literals_are_escaped(endpoint: str) -> None:
    query = PREFIXES + "SELECT ?w WHERE { ?j jar:gradeWording ?w FILTER(CONTAINS(?w, 'script')) }"
    page = html_of(endpoint, query).text
    assert "<script>alert(1)" not in page
    assert "Inadequate &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_truncation_notice(endpoint: str) -> None:
    reply = html_of(endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert reply.headers["x-jargraph-truncated"] == "true"
    assert f"{ROW_LIMIT} rows." in reply.text
    assert "cut at the row limit" in reply.text
    assert len(cells(reply.text)) == ROW_LIMIT


def test_ask_as_a_page(endpoint: str) -> None:
    page = html_of(endpoint, PREFIXES + "ASK { ?a a jar:Area }").text
    assert "The answer is <strong>yes</strong>" in page


def test_construct_as_a_table_of_triples_with_the_sites_prefixes(endpoint: str) -> None:
    page = html_of(endpoint, GRADES).text
    rows = cells(page)
    assert ["jarid:grade/good", "skos:notation", "3"] in rows
    assert ["jarid:review/jar-testshire-2007/judgement/safeguarding", "jar:grade",
            "jarid:grade/good"] in rows
    assert 'href="/doc/grade/good"' in page
    assert len(rows) == 3 + 3, "one row per triple: three judgements, their three grades"


def test_download_links_on_the_page(endpoint: str) -> None:
    page = html_of(endpoint, AREAS).text
    links = re.findall(r'href="(/sparql\?[^"]+)"', page)
    assert {urllib.parse.parse_qs(urllib.parse.urlsplit(link.replace("&amp;", "&")).query)[
        "format"][0] for link in links} == {"json", "xml", "csv", "tsv"}


def test_errors_for_a_browser_are_pages(endpoint: str) -> None:
    reply = get(endpoint, "SELECT * WHERE { ?s ?p }", accept=BROWSER)
    assert reply.status == 400 and reply.media_type == "text/html"
    assert "line 1" in reply.text


def test_named_construct_query_page_is_a_table(seed_client) -> None:
    answer = seed_client.get("/queries/area-profile?area=leeds")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert '<pre class="turtle">' not in page
    assert '<table class="data results sortable">' in page
    assert '<th scope="col">subject</th>' in page
    assert ['jarid:area/leeds', 'jar:gssCode', 'E08000035'] in cells(page)
    assert 'href="/doc/area/leeds"' in page
    assert len(cells(page)) > 100, "one row per triple"


def test_named_select_query_page_uses_the_results_table(site_url: str) -> None:
    answer = fetch(site_url, "/queries/grade-scale")
    assert answer.status == 200
    assert '<table class="data results sortable">' in answer.text
    assert "sortable.js" in answer.text


def test_json_answers_are_unchanged_by_the_page(endpoint: str) -> None:
    reply = call(endpoint + "?" + urllib.parse.urlencode({"query": AREAS}),
                 headers={"Accept": "application/sparql-results+json"})
    data = json.loads(reply.body)
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == ["Exampleton",
                                                                          "Testshire"]
